"""Recording a post-mortem: which interview, then its answers, then the finish.

1. find the interview: the one named, one chosen from the recent ones, or the one that just
   happened, added on the spot;
2. continue its unfinished post-mortem, or start one from the template;
3. take the answers: asked in the terminal (saved after every answer) or read from YAML;
4. finish in one transaction: the weak questions become due for practice, the interview
   learns who was there and that it happened; then the summary and the action plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from prepcoach.cli import prompts
from prepcoach.cli.keep import keeping
from prepcoach.cli.postmortem.flow import TerminalPostmortem
from prepcoach.cli.postmortem.render import render_summary
from prepcoach.cli.prompts import Choice
from prepcoach.cli.render import esc, print_json
from prepcoach.interviews import core
from prepcoach.interviews.core import Interview, format_when, format_when_short, parse_when
from prepcoach.kernel import ids, textcheck
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kernel.wording import counted
from prepcoach.postmortem import service
from prepcoach.postmortem.answers import (
    ParseContext,
    missing_required,
    required_message,
    resume_index,
)
from prepcoach.postmortem.core import interview_problem
from prepcoach.postmortem.text import from_document, report_dict

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemTemplate
    from prepcoach.data.service import Store
    from prepcoach.interviews.core import Interview
    from prepcoach.postmortem.core import Postmortem


PAST_WHEN_HELP = (
    "(e.g. today 9:30 or 2025-03-14 14:30; the time makes the follow-up deadline exact)"
)


def choose_interview(
    ctx: AppContext, store: Store, prompter: Prompter | None, query: str | None, *, resume: bool
) -> Interview:
    """The interview named, the one to resume, one chosen in the terminal, or a new one."""

    if query is not None and query.strip():
        try:
            return service.find_interview(store, query)
        except NotFoundError as error:
            looks_like_id = query.strip().lower().startswith(f"{ids.PREFIXES['interviews']}-")
            if prompter is None or looks_like_id:
                if looks_like_id:
                    raise
                raise NotFoundError(
                    f"{error}. To add it: prep interview add --company '{query}' --stage first "
                    "--when '...' --status done"
                ) from None
            ctx.console.print(f"{esc(str(error)).split(';')[0]}.", highlight=False)
            if not prompter.confirm(
                "postmortem.interview.add", f"Add the interview at '{query}' now?", default=True
            ):
                raise PrepError("no post-mortem without its interview; nothing was saved") from None
            return add_interview(ctx, store, prompter, query)
    if resume:
        return service.resume_interview(store)
    found = service.candidates(store)
    candidates, drafts = found.interviews, found.unfinished
    if prompter is None:
        if not candidates:
            raise NotFoundError(
                "no interview to look back on; name one (prep postmortem ACME), or add it: "
                "prep interview add --company ACME --stage first --when '...' --status done"
            )
        return candidates[0]
    if not candidates:
        ctx.console.print(
            "Your past interviews all have their post-mortem: tell me about the one you had."
            if found.any_finished
            else "No interview to look back on yet: tell me about the one you had."
        )
        return add_interview(ctx, store, prompter, None)

    choices = [
        Choice(
            f"{i.label()} · {format_when_short(i.when)}"
            + (" · unfinished post-mortem" if i.id in drafts else ""),
            i.id,
        )
        for i in candidates[:12]
    ]
    choices.append(Choice("Another interview: add it now", ""))
    picked = prompter.select("postmortem.interview", "Which interview?", choices)
    if not picked:
        return add_interview(ctx, store, prompter, None)
    return service.get_interview(store, str(picked))


def add_interview(
    ctx: AppContext, store: Store, prompter: Prompter, company: str | None
) -> Interview:
    """The interview that just happened, added with the few facts the plan needs.

    What is typed is kept until the interview is saved, and let go then: the date is stored
    as a date, not as the words typed for it."""
    keeper = keeping(ctx, "interview", "postmortem", prompter, command="prep postmortem")
    prompter = keeper
    if not company:
        company = prompter.autocomplete(
            "postmortem.interview.company",
            "Company:",
            service.companies(store),
            validate=lambda v: textcheck.problem("the company name", v, required=True),
        )
    role = prompter.text(
        "postmortem.interview.role",
        "Role (optional):",
        validate=lambda v: textcheck.problem("the role", v),
    )
    stage = prompter.select(
        "postmortem.interview.stage",
        "Which round?",
        [Choice(core.STAGE_LABELS[s].capitalize(), s) for s in core.STAGES],
        default="first",
    )
    when = core.parse_when(
        prompter.text(
            "postmortem.interview.when",
            "When was it?",
            default="today",
            validate=past_when_problem,
            instruction=PAST_WHEN_HELP,
        )
    )
    saved = service.add_interview(
        store,
        core.Interview(company=company, role=role, stage=stage, when=when, status="done"),
    )
    keeper.done()
    ctx.console.print(
        f"Added interview [cyan]{saved.id}[/cyan]: {esc(saved.label())}", highlight=False
    )
    return saved


def past_when_problem(text: str) -> str | None:
    try:
        when = parse_when(text)
    except PrepError as error:
        return str(error)
    if when is not None and interview_problem(Interview(company="it", when=when)):
        return "that is in the future; for a day that has passed, type its date (2025-03-14)"
    return None


class PostmortemRun:
    """One post-mortem being recorded, from its first answer to the summary."""

    def __init__(
        self,
        ctx: AppContext,
        store: Store,
        library: ContentLibrary,
        template: PostmortemTemplate,
        interview: Interview,
        existing: Postmortem | None,
        *,
        as_json: bool = False,
    ) -> None:
        self.ctx = ctx
        self.store = store
        self.library = library
        self.template = template
        self.interview = interview
        self.existing = existing
        self.as_json = as_json
        self.console = ctx.console

    def _say(self, text: str) -> None:
        if not self.as_json:
            self.console.print(text, highlight=False)

    def _save(self, answers: dict[str, Any]) -> None:
        service.save_answers(self.store, self.interview, self.template, answers)

    # ------------------------------------------------------------------ in a terminal
    def guided(self, prompter: Prompter) -> Postmortem:
        answers = dict(self.existing.answers) if self.existing is not None else {}
        start = resume_index(self.template, answers)
        interview = self._date_the_interview(prompter)
        if self.existing is not None:
            self._say(
                f"[bold]Resuming[/bold] your post-mortem of {esc(interview.label())}: "
                f"{start} of {len(self.template.prompts)} answered."
            )
        else:
            when = format_when(interview.when, relative=True) if interview.when else "no date"
            self._say(
                f"\n[bold]{esc(self.template.title)}[/bold]: {esc(interview.label())}, {when}"
            )
            if self.template.description:
                self._say(f"[dim]{esc(self.template.description)}[/dim]")
            self._say(
                "[dim]Every answer is saved at once; Ctrl-C stops, and "
                "'prep postmortem --resume' continues.[/dim]"
            )
        flow = TerminalPostmortem(prompter, self.console, self.library, interview)
        try:
            flow.run(self.template, answers, start, self._save)
        except KeyboardInterrupt as error:
            saved = service.saved_draft(self.store, self.interview)
            note = prompts.kept_note()
            self.ctx.err_console.print(
                "\nStopped. Your answers so far are saved; continue with: prep postmortem --resume"
                if saved is not None
                else "\nStopped before the first answer; nothing was saved.",
                highlight=False,
            )
            if note:
                self.ctx.err_console.print(note, markup=False, highlight=False)
            from prepcoach.cli.keep import stop_told

            stop_told()
            raise typer.Exit(128 + int(getattr(error, "signum", 2))) from None
        missing = missing_required(self.template, answers)
        if missing:  # a prompt answered in an earlier run was emptied by hand meanwhile
            raise PrepError(
                f"not finished: {', '.join(missing)} still need an answer; run "
                "'prep postmortem --resume'"
            )
        return self._finish(answers)

    def _date_the_interview(self, prompter: Prompter) -> Interview:
        """An interview without a date gets one: the follow-up deadline counts from it."""
        if self.interview.when is not None:
            return self.interview

        text = prompter.text(
            "postmortem.interview.when",
            f"When was your interview at {self.interview.company}?",
            default="today",
            validate=past_when_problem,
            instruction=PAST_WHEN_HELP,
        )
        when = core.parse_when(text)
        if when is not None:
            self.interview = service.date_interview(self.store, self.interview, when)
        return self.interview

    # ------------------------------------------------------------------ from a file
    def scripted(self, text: str, origin: str) -> Postmortem:
        base = dict(self.existing.answers) if self.existing is not None else {}
        parsed, problems = from_document(
            text,
            self.template,
            ParseContext(self.library, complete=False),
            where=origin,
            keep=list(base),
        )
        if problems or parsed is None:
            raise PrepError(
                f"{counted(len(problems), 'problem')} in the answers, nothing was saved:\n  "
                + "\n  ".join(problems)
            )
        answers = {**base, **parsed}
        missing = missing_required(self.template, answers)
        if missing:
            by_id = {p.id: p for p in self.template.prompts}

            raise PrepError(
                f"{origin}: nothing was saved; "
                + "; ".join(f"{key}: {required_message(by_id[key])}" for key in missing)
            )
        return self._finish(answers)

    # ------------------------------------------------------------------ the end
    def _finish(self, answers: dict[str, Any]) -> Postmortem:
        done, self.interview = service.finish(self.store, self.interview, self.template, answers)
        return done

    def finish_output(self, postmortem: Postmortem) -> None:
        plan = service.plan(self.store, self.library, postmortem, self.interview)
        if self.as_json:
            print_json(report_dict(postmortem, plan, self.interview))
            return
        self._say("")

        render_summary(self.console, postmortem, plan, self.interview, saved=True)
