"""`prep postmortem`: look back on an interview while it is fresh, and plan the next round.

`prep postmortem [INTERVIEW]` records one (it is `prep postmortem record`); `list`, `show`
and `edit` work on the recorded ones. Recording, top to bottom:
1. find the interview (or pick one, or add the one that just happened);
2. continue its unfinished post-mortem, or start one from the template;
3. ask the template's prompts, saving after every answer (or read them all from --answers);
4. finish: flag the weak questions for practice, update the interview, show the summary
   and the action plan.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from prepcoach.cli.context import get_context

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemTemplate
    from prepcoach.interviews import Interview
    from prepcoach.postmortem import ActionPlan, Postmortem
    from prepcoach.store.db import Store


class PostmortemGroup(TyperGroup):
    """`prep postmortem [INTERVIEW]` means `prep postmortem record [INTERVIEW]`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (first not in self.commands and first not in ctx.help_option_names):
            args = ["record", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=PostmortemGroup,
    help=(
        "Look back on an interview while it is fresh: the answers become your plan for the "
        "next round.\n\n"
        "\b\n"
        "prep postmortem [INTERVIEW]     record one (the same as 'prep postmortem record')\n"
        "prep postmortem --resume        continue the one you stopped\n"
        "prep postmortem list            the ones you have\n"
        "prep postmortem show [INTERVIEW] --format markdown --out report.md\n"
        "prep postmortem edit [INTERVIEW]   change one in your editor\n\n"
        "INTERVIEW is an interview id or company name. Without it you choose from your recent "
        "interviews, or add the one you just had. (For a company called 'list', 'show' or "
        "'edit', use 'prep postmortem record NAME'.)"
    ),
    short_help="Look back on an interview, plan the next round.  e.g. prep postmortem acme",
    subcommand_metavar="[INTERVIEW] | COMMAND [ARGS]...",
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
InterviewArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[INTERVIEW]",
        help="An interview id or company name, or a post-mortem id (pm-...).",
        show_default=False,
    ),
]
FORMATS = ("text", "markdown", "json", "yaml")


# ---------------------------------------------------------------------------- record


@app.command("record")
def record(
    interview: Annotated[
        str | None,
        typer.Argument(
            metavar="[INTERVIEW]",
            help="An interview id or company name; default: choose from your recent ones.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the post-mortem you stopped.")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE.yaml",
            help="Take the answers from YAML ('-' for stdin), keyed by prompt id; "
            "'prep postmortem show --format yaml' shows the form.",
        ),
    ] = None,
    template_id: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="ID", help="Post-mortem template [default: first-interview]."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Record a post-mortem: guided prompts, saved after every answer.

    Ctrl-C keeps what you entered; continue with --resume. Without a terminal, give the
    answers with --answers FILE.yaml or pipe them to stdin.

    Example: prep postmortem acme
    """
    from prepcoach.errors import NotInteractiveError, PrepError
    from prepcoach.postmortem import DEFAULT_TEMPLATE, check_template, interview_problem
    from prepcoach.store import postmortems as store_pm

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    if resume and store_pm.latest_draft(store) is None:
        raise PrepError(
            "there is no unfinished post-mortem to resume; start one with 'prep postmortem'"
        )
    text, origin = _scripted_text(answers)
    prompter = None
    if text is None:
        from prepcoach.cli.prompts import make_prompter

        prompter = make_prompter(hint="Give the answers with --answers FILE.yaml.")
        if not prompter.interactive:
            raise NotInteractiveError(
                "a post-mortem needs a terminal to ask its questions; run it in a terminal, or "
                "give the answers with --answers FILE.yaml (or pipe the YAML to stdin)"
            )
    chosen = _choose_interview(ctx, store, prompter, interview, resume=resume)
    problem = interview_problem(chosen)
    if problem:
        raise PrepError(problem)
    existing = store_pm.get_postmortem_for_interview(store, chosen.id)
    if existing is not None and existing.done:
        raise PrepError(
            f"{chosen.label()} already has a post-mortem ({existing.id}); see it with "
            f"'prep postmortem show {chosen.id}' or change it with 'prep postmortem edit "
            f"{chosen.id}'"
        )
    if resume and existing is None:
        raise PrepError(
            f"{chosen.label()} has no unfinished post-mortem to resume; start one with "
            f"'prep postmortem {chosen.id}'"
        )
    if existing is not None and template_id and template_id != existing.template_id:
        raise PrepError(
            f"the unfinished post-mortem for {chosen.label()} uses the template "
            f"'{existing.template_id}'; finish it with that one"
        )
    wanted = existing.template_id if existing is not None else template_id or DEFAULT_TEMPLATE
    template = check_template(library.get("postmortem_templates", wanted))
    run = PostmortemRun(ctx, store, library, template, chosen, existing, as_json=as_json)
    if text is not None:
        done = run.scripted(text, origin)
    else:
        assert prompter is not None
        done = run.guided(prompter)
    run.finish_output(done)


def _scripted_text(answers: Path | None) -> tuple[str | None, str]:
    """The YAML answers from --answers FILE, '-' or piped stdin; None to ask in a terminal."""
    from prepcoach.cli.inputs import read_text
    from prepcoach.errors import NotInteractiveError

    if answers is not None:
        if str(answers) == "-":
            return sys.stdin.read(), "<stdin>"
        return read_text(answers), str(answers)
    if sys.stdin.isatty():
        return None, ""
    text = sys.stdin.read()
    if not text.strip():
        raise NotInteractiveError(
            "a post-mortem needs a terminal to ask its questions; run it in a terminal, or "
            "give the answers with --answers FILE.yaml (or pipe the YAML to stdin)"
        )
    return text, "<stdin>"


def _choose_interview(
    ctx: AppContext, store: Store, prompter: Prompter | None, query: str | None, *, resume: bool
) -> Interview:
    """The interview named, the one to resume, one chosen in the terminal, or a new one."""
    from prepcoach import ids
    from prepcoach.errors import NotFoundError, PrepError
    from prepcoach.postmortem import past_interviews
    from prepcoach.store import interviews as store_iv
    from prepcoach.store import postmortems as store_pm

    if query is not None and query.strip():
        try:
            return store_iv.find_interview(store, query)
        except NotFoundError as error:
            looks_like_id = query.strip().lower().startswith(f"{ids.PREFIXES['interviews']}-")
            if prompter is None or looks_like_id:
                if looks_like_id:
                    raise
                raise NotFoundError(
                    f"{error}. To add it: prep interview add --company '{query}' --stage first "
                    "--when '...' --status done"
                ) from None
            ctx.console.print(f"{_esc(str(error)).split(';')[0]}.", highlight=False)
            if not prompter.confirm(
                "postmortem.interview.add", f"Add the interview at '{query}' now?", default=True
            ):
                raise PrepError("no post-mortem without its interview; nothing was saved") from None
            return _add_interview(ctx, store, prompter, query)
    if resume:
        draft = store_pm.latest_draft(store)
        if draft is None:
            raise PrepError(
                "there is no unfinished post-mortem to resume; start one with 'prep postmortem'"
            )
        return store_iv.get_interview(store, draft.interview_id)
    interviews = store_iv.list_interviews(store)
    finished = {p.interview_id for p in store_pm.list_postmortems(store, status="done")}
    drafts = {p.interview_id for p in store_pm.list_postmortems(store, status="draft")}
    candidates = [i for i in past_interviews(interviews) if i.id not in finished]
    if prompter is None:
        if not candidates:
            raise NotFoundError(
                "no interview to look back on; name one (prep postmortem ACME), or add it: "
                "prep interview add --company ACME --stage first --when '...' --status done"
            )
        return candidates[0]
    if not candidates:
        ctx.console.print("No interview to look back on yet: tell me about the one you had.")
        return _add_interview(ctx, store, prompter, None)
    from prepcoach.cli.prompts import Choice
    from prepcoach.interviews import format_when_short

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
        return _add_interview(ctx, store, prompter, None)
    return store_iv.get_interview(store, str(picked))


def _add_interview(
    ctx: AppContext, store: Store, prompter: Prompter, company: str | None
) -> Interview:
    """The interview that just happened, added with the few facts the plan needs."""
    from prepcoach import interviews as core
    from prepcoach import textcheck
    from prepcoach.cli.prompts import Choice
    from prepcoach.store import interviews as store_iv

    if not company:
        company = prompter.autocomplete(
            "postmortem.interview.company",
            "Company:",
            store_iv.companies(store),
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
            validate=_past_when_problem,
            instruction=f"({core.WHEN_HELP}; a time makes the follow-up deadline exact)",
        )
    )
    saved = store_iv.add_interview(
        store,
        core.Interview(company=company, role=role, stage=stage, when=when, status="done"),
    )
    ctx.console.print(
        f"Added interview [cyan]{saved.id}[/cyan]: {_esc(saved.label())}", highlight=False
    )
    return saved


def _past_when_problem(text: str) -> str | None:
    from prepcoach.errors import PrepError
    from prepcoach.interviews import Interview, parse_when
    from prepcoach.postmortem import interview_problem

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
        from prepcoach.store import postmortems as store_pm

        store_pm.save_answers(self.store, self.interview.id, answers, template_id=self.template.id)

    # ------------------------------------------------------------------ in a terminal
    def guided(self, prompter: Prompter) -> Postmortem:
        from prepcoach.cli.postmortem_flow import TerminalPostmortem
        from prepcoach.interviews import format_when
        from prepcoach.postmortem import missing_required, resume_index

        answers = dict(self.existing.answers) if self.existing is not None else {}
        start = resume_index(self.template, answers)
        interview = self._date_the_interview(prompter)
        if self.existing is not None:
            self._say(
                f"[bold]Resuming[/bold] your post-mortem of {_esc(interview.label())}: "
                f"{start} of {len(self.template.prompts)} answered."
            )
        else:
            when = format_when(interview.when, relative=True) if interview.when else "no date"
            self._say(
                f"[bold]{_esc(self.template.title)}[/bold]: {_esc(interview.label())}, {when}"
            )
            if self.template.description:
                self._say(f"[dim]{_esc(self.template.description)}[/dim]")
            self._say(
                "[dim]Every answer is saved at once; Ctrl-C stops, and "
                "'prep postmortem --resume' continues.[/dim]"
            )
        flow = TerminalPostmortem(prompter, self.console, self.library, interview)
        try:
            flow.run(self.template, answers, start, self._save)
        except KeyboardInterrupt:
            self.ctx.err_console.print(
                "\nStopped. Your answers so far are saved; continue with: prep postmortem --resume",
                highlight=False,
            )
            raise typer.Exit(130) from None
        missing = missing_required(self.template, answers)
        if missing:  # a prompt answered in an earlier run was emptied by hand meanwhile
            from prepcoach.errors import PrepError

            raise PrepError(
                f"not finished: {', '.join(missing)} still need an answer; run "
                "'prep postmortem --resume'"
            )
        return self._finish(answers)

    def _date_the_interview(self, prompter: Prompter) -> Interview:
        """An interview without a date gets one: the follow-up deadline counts from it."""
        if self.interview.when is not None:
            return self.interview
        from prepcoach import interviews as core
        from prepcoach.store import interviews as store_iv

        text = prompter.text(
            "postmortem.interview.when",
            f"When was your interview at {self.interview.company}?",
            default="today",
            validate=_past_when_problem,
            instruction=f"({core.WHEN_HELP})",
        )
        when = core.parse_when(text)
        if when is not None:
            self.interview = store_iv.update_interview(
                self.store, self.interview.id, core.InterviewChanges(when=when)
            )
        return self.interview

    # ------------------------------------------------------------------ from a file
    def scripted(self, text: str, origin: str) -> Postmortem:
        from prepcoach.errors import PrepError
        from prepcoach.postmortem import ParseContext, missing_required
        from prepcoach.postmortem_text import from_document

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
                f"{len(problems)} problem(s) in the answers, nothing was saved:\n  "
                + "\n  ".join(problems)
            )
        answers = {**base, **parsed}
        missing = missing_required(self.template, answers)
        if missing:
            prompts = {p.id: p for p in self.template.prompts}
            from prepcoach.postmortem import required_message

            raise PrepError(
                f"{origin}: nothing was saved; "
                + "; ".join(f"{key}: {required_message(prompts[key])}" for key in missing)
            )
        return self._finish(answers)

    # ------------------------------------------------------------------ the end
    def _finish(self, answers: dict[str, Any]) -> Postmortem:
        from prepcoach.postmortem import WEAK_RATING, from_answers
        from prepcoach.store import postmortems as store_pm

        typed = from_answers(id="", interview_id=self.interview.id, answers=answers)
        weak = [q.question_id for q in typed.questions if q.weak and q.question_id]
        done = store_pm.finish_postmortem(
            self.store,
            self.interview.id,
            answers,
            template_id=self.template.id,
            weak_question_ids=weak,
            weak_reason=f"rated {WEAK_RATING} or lower in the post-mortem of "
            f"{self.interview.label()}",
        )
        from prepcoach.store import interviews as store_iv

        self.interview = store_iv.get_interview(self.store, self.interview.id)
        return done

    def finish_output(self, postmortem: Postmortem) -> None:
        plan = _plan(self.ctx, self.store, self.library, postmortem, self.interview)
        if self.as_json:
            from prepcoach.cli.render import print_json
            from prepcoach.postmortem_text import report_dict

            print_json(report_dict(postmortem, plan, self.interview))
            return
        self._say("")
        render_summary(self.console, postmortem, plan, self.interview, saved=True)


def _plan(
    ctx: AppContext,
    store: Store,
    library: ContentLibrary,
    postmortem: Postmortem,
    interview: Interview,
) -> ActionPlan:
    from prepcoach.postmortem import action_plan
    from prepcoach.store.stories import list_stories

    return action_plan(postmortem, library, list_stories(store), interview)


# ---------------------------------------------------------------------------- rendering


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _rating(rating: int | None) -> str:
    from prepcoach.postmortem_text import rating_text

    return rating_text(rating)


def render_summary(
    console: Console,
    postmortem: Postmortem,
    plan: ActionPlan,
    interview: Interview,
    *,
    saved: bool = False,
) -> None:
    """Strengths, gaps, concerns and the action plan, for the screen."""
    from rich.table import Table

    from prepcoach import clock
    from prepcoach.interviews import format_when
    from prepcoach.postmortem_text import practice_hint

    def say(text: str = "") -> None:
        console.print(text, highlight=False)

    def bullet(marker: str, text: str, indent: int = 2) -> None:
        """A list item whose wrapped lines stay under its text."""
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=indent, no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row("", marker, text)
        console.print(grid, highlight=False)

    head = "Post-mortem saved" if saved else "Post-mortem"
    status = "" if postmortem.done else " [yellow](unfinished draft)[/yellow]"
    say(f"[bold]{head}[/bold]: {_esc(interview.label())} [dim]({postmortem.id})[/dim]{status}")
    overall = f"Overall {_rating(postmortem.overall_rating)}"
    if postmortem.overall_sentence:
        overall += f': "{_esc(postmortem.overall_sentence)}"'
    say(overall)
    if plan.strengths:
        say("\n[bold green]Strengths to reinforce[/bold green]")
        for text in plan.strengths:
            bullet("[green]✓[/green]", _esc(text))
    if plan.gaps or plan.weak_questions:
        say("\n[bold yellow]Gaps[/bold yellow]")
        for text in plan.gaps:
            bullet("[yellow]![/yellow]", _esc(text))
        for q in plan.weak_questions:
            bullet("[yellow]![/yellow]", f'"{_esc(q.text)}": you rated your answer {q.rating}/5')
    if plan.concerns:
        say("\n[bold]Their concerns and priorities[/bold]")
        for prep in plan.concerns:
            bullet("•", _esc(prep.concern.text))
            for c in prep.competencies:
                if c.covered:
                    titles = ", ".join(f"{_esc(s.title)} ({s.id})" for s in c.stories[:3])
                    bullet("→", f"{_esc(c.name)}: [green]{titles}[/green]", indent=4)
                else:
                    bullet("→", f"{_esc(c.name)}: [yellow]no story yet[/yellow]", indent=4)
    say("\n[bold]Action plan[/bold]")
    number = 0

    def step(text: str) -> None:
        nonlocal number
        number += 1
        bullet(f"{number}.", text)

    due = plan.weak_question_ids
    if due:
        step(
            f"Practise now: {len(due)} weak question(s) are due → "
            "[bold]prep practice --mode weak[/bold]"
        )
    for q in plan.unlinked_weak_questions:
        step(
            f'Prepare "{_esc(q.text)}" (your own wording, rated {q.rating}/5) → '
            f"{_esc(practice_hint(q.text))}"
        )
    uncovered = plan.uncovered_competencies
    if uncovered:
        names = {c.competency: c.name for prep in plan.concerns for c in prep.competencies}
        step(
            "Write a story for "
            + ", ".join(names.get(c, c) for c in uncovered)
            + " → "
            + "; ".join(f"prep story add --competency {c}" for c in uncovered)
        )
    if plan.revisit_answer:
        step(
            'If they ask "Would you like to revisit anything from our first conversation?", '
            f"say something like:\n[italic]{_esc(plan.revisit_answer)}[/italic]"
        )
    deadline = plan.followup_deadline
    when = (
        f"by {format_when(deadline)} ({clock.humanize_delta(deadline)})"
        if deadline is not None
        else "within 24 hours of the interview"
    )
    topics = "; ".join(plan.followup_topics)
    step(
        f"Send the thank-you email {when}"
        + (f", mentioning: {_esc(topics)}" if topics else "")
        + " → prep followup"
    )
    if plan.next_dates:
        step("Dates: " + "; ".join(_esc(d) for d in plan.next_dates))
    say(
        f"\n[dim]The full report: prep postmortem show {interview.id} --format markdown "
        "--out postmortem.md[/dim]"
    )


# ---------------------------------------------------------------------------- list


@app.command("list")
def list_cmd(
    status: Annotated[
        str | None, typer.Option("--status", help="Only these: draft or done.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List your post-mortems, the most recent first.

    Example: prep postmortem list
    """
    from prepcoach.postmortem import STATUSES
    from prepcoach.store import interviews as store_iv
    from prepcoach.store import postmortems as store_pm

    if status is not None and status not in STATUSES:
        raise typer.BadParameter(
            f"'{status}' is not one of: {', '.join(STATUSES)}", param_hint="--status"
        )
    ctx = get_context()
    store = ctx.store()
    found = store_pm.list_postmortems(store, status=status)
    interviews = {i.id: i for i in store_iv.list_interviews(store)}
    if as_json:
        from prepcoach.cli.render import print_json
        from prepcoach.postmortem_text import postmortem_dict

        print_json([postmortem_dict(p) for p in found])
        return
    if not found:
        ctx.console.print(
            "No post-mortems yet. Right after an interview, run: prep postmortem"
            if status is None
            else f"No post-mortems with status {status}."
        )
        return
    from rich.table import Table

    from prepcoach.interviews import format_when_short

    table = Table(title=f"{len(found)} post-mortem(s)", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("interview")
    table.add_column("when", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    table.add_column("questions", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for p in found:
        interview = interviews.get(p.interview_id)
        weak = sum(1 for q in p.questions if q.weak)
        table.add_row(
            p.id,
            _esc(interview.label()) if interview else p.interview_id,
            format_when_short(interview.when) if interview else "-",
            f"{p.overall_rating}/5" if p.overall_rating else "-",
            f"{len(p.questions)}" + (f" ({weak} weak)" if weak else ""),
            p.status if p.done else "[yellow]draft[/yellow]",
        )
    ctx.console.print(table)
    ctx.console.print("[dim]Details: prep postmortem show ID[/dim]")


# ---------------------------------------------------------------------------- show


def _find(store: Store, query: str | None) -> tuple[Postmortem, Interview]:
    """A post-mortem by its id, by its interview (id or company), or the latest one."""
    from prepcoach.errors import NotFoundError
    from prepcoach.store import interviews as store_iv
    from prepcoach.store import postmortems as store_pm

    if query is None or not query.strip():
        found = store_pm.list_postmortems(store)
        if not found:
            raise NotFoundError("no post-mortems yet; record one with: prep postmortem")
        return found[0], store_iv.get_interview(store, found[0].interview_id)
    if query.strip().lower().startswith(f"{store_pm.PREFIX}-"):
        by_id = store_pm.find_by_id(store, query)
        return by_id, store_iv.get_interview(store, by_id.interview_id)
    interview = store_iv.find_interview(store, query)
    postmortem = store_pm.get_postmortem_for_interview(store, interview.id)
    if postmortem is None:
        raise NotFoundError(
            f"{interview.label()} has no post-mortem yet; record one with: "
            f"prep postmortem {interview.id}"
        )
    return postmortem, interview


@app.command("show")
def show(
    query: InterviewArgument = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", metavar="text|markdown|json|yaml", help="How to show it."),
    ] = "text",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write it to FILE instead."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing FILE.")] = False,
) -> None:
    """Show a post-mortem with its action plan (default: the latest one).

    --format markdown makes a report to keep; yaml is the form --answers and edit use.

    Example: prep postmortem show acme --format markdown --out acme-postmortem.md
    """
    from prepcoach.postmortem_text import report_dict, to_document, to_markdown

    if fmt not in FORMATS:
        from prepcoach.content.validation import suggest

        raise typer.BadParameter(
            f"'{fmt}' is not one of: {', '.join(FORMATS)}{suggest(fmt, FORMATS)}",
            param_hint="--format",
        )
    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    postmortem, interview = _find(store, query)
    template = library.postmortem_templates.get(postmortem.template_id)
    plan = _plan(ctx, store, library, postmortem, interview)
    if fmt == "text":
        if out is not None:
            raise typer.BadParameter(
                "--out writes a file: give --format markdown, json or yaml", param_hint="--out"
            )
        _print_answers(ctx.console, postmortem, template)
        ctx.console.print()
        render_summary(ctx.console, postmortem, plan, interview)
        return
    if fmt == "markdown":
        text = to_markdown(postmortem, plan, interview, template)
    elif fmt == "json":
        import json

        text = (
            json.dumps(report_dict(postmortem, plan, interview), indent=2, ensure_ascii=False)
            + "\n"
        )
    else:
        if template is None:
            from prepcoach.errors import PrepError

            raise PrepError(f"the template '{postmortem.template_id}' is not loaded")
        text = to_document(template, postmortem.answers, competencies=list(library.competencies))
    if out is None:
        sys.stdout.write(text)
        return
    from prepcoach.store.files import atomic_write

    atomic_write(out, text, overwrite=force)
    ctx.err_console.print(f"Wrote {out}", highlight=False)


def _print_answers(
    console: Console, postmortem: Postmortem, template: PostmortemTemplate | None
) -> None:
    """Every answer under its prompt, in the template's order."""
    from prepcoach.postmortem_text import answer_lines

    prompts = list(template.prompts) if template is not None else []
    skip = {"overall_rating", "overall_sentence"}
    for prompt in prompts:
        if prompt.id in skip:
            continue
        lines = answer_lines(prompt.kind, postmortem.answers.get(prompt.id))
        if not lines:
            continue
        console.print(f"\n[bold]{_esc(prompt.text)}[/bold]", highlight=False)
        for line in lines:
            console.print("  " + _plain_markdown(line), markup=False, highlight=False)


def _plain_markdown(line: str) -> str:
    """A Markdown line from the report as plain text for the terminal."""
    import re

    line = re.sub(r"\\(.)", r"\1", line)
    return line.replace("**", "")


# ---------------------------------------------------------------------------- edit


@app.command("edit")
def edit(query: InterviewArgument = None) -> None:
    """Change a post-mortem as YAML in your editor ($VISUAL or $EDITOR).

    It is checked when you save; if something is wrong, the editor opens again with the
    problems at the top. Your text is never lost: if you give up, it is kept and the next
    edit starts from it.

    Example: EDITOR=nano prep postmortem edit acme
    """
    from prepcoach.cli.yaml_edit import edit_yaml
    from prepcoach.errors import PrepError
    from prepcoach.postmortem import ParseContext, from_answers, missing_required
    from prepcoach.postmortem_text import from_document, to_document
    from prepcoach.store import drafts
    from prepcoach.store import postmortems as store_pm

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    postmortem, interview = _find(store, query)
    template = library.get("postmortem_templates", postmortem.template_id)
    header = (
        f"Post-mortem {postmortem.id} of {interview.label()}"
        + ("" if postmortem.done else " (unfinished)")
        + ".\nSave and close the editor to keep your changes; empty the file to cancel."
    )
    original = to_document(template, postmortem.answers, competencies=list(library.competencies))
    keep = [k for k in postmortem.answers if k not in {p.id for p in template.prompts}]

    def check(body: str, line_offset: int) -> tuple[dict[str, Any] | None, list[str]]:
        parsed, problems = from_document(
            body,
            template,
            ParseContext(library, complete=postmortem.done),
            keep=keep,
            line_offset=line_offset,
        )
        return parsed, problems

    result = edit_yaml(
        ctx,
        kind="postmortem",
        record_id=postmortem.id,
        header=header,
        body=original,
        check=check,
        again=f"prep postmortem edit {postmortem.id}",
    )
    if result is None:
        return
    answers, path = result
    try:
        if postmortem.done:
            before = {q.question_id for q in postmortem.questions if q.weak}
            after = from_answers(id="", interview_id=interview.id, answers=answers)
            newly = [
                q.question_id
                for q in after.questions
                if q.weak and q.question_id and q.question_id not in before
            ]
            saved = store_pm.finish_postmortem(
                store,
                interview.id,
                answers,
                template_id=template.id,
                weak_question_ids=newly,
                weak_reason=f"rated low in the post-mortem of {interview.label()}",
                expected_updated_at=postmortem.updated_at,
            )
        else:
            saved = store_pm.save_answers(
                store,
                interview.id,
                answers,
                template_id=template.id,
                expected_updated_at=postmortem.updated_at,
            )
    except PrepError as error:
        raise PrepError(
            f"{error}; your text is kept in {path}: run 'prep postmortem edit {postmortem.id}' "
            "to apply it"
        ) from None
    drafts.discard_draft(ctx.home, "postmortem", postmortem.id)
    ctx.console.print(
        f"Saved post-mortem [cyan]{saved.id}[/cyan] of {_esc(interview.label())}.",
        highlight=False,
    )
    if not saved.done:
        missing = missing_required(template, answers)
        hint = f" ({', '.join(missing)} still need an answer)" if missing else ""
        ctx.console.print(
            f"It is still unfinished{hint}; finish it with: prep postmortem --resume",
            highlight=False,
        )
    else:
        ctx.console.print(
            f"[dim]The plan: prep postmortem show {interview.id}[/dim]", highlight=False
        )
