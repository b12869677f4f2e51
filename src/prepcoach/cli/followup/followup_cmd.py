"""`prep followup`: a thank-you or follow-up email drafted from what actually happened.

The run, top to bottom:
1. `--list-templates` and `--sent` are side doors: list the templates, or mark drafts sent;
2. find the interview, the template and who gets a note (`--to NAME|all`);
3. fill the fields from the profile, the interview and the post-mortem, plus `--set`;
4. ask for what is still missing, or fail with the list when there is no terminal;
5. render one draft per recipient, let the user edit them (`--edit`), check them;
6. record each draft in the store (the readiness check looks for a sent follow-up);
7. show a preview, or write `--out`, `--eml`, `--ics`, print `--mailto`, `--copy`, `--json`.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.editor import ERROR_MARK, Outcome, Retry, edit_until_valid
from prepcoach.cli.inputs import load_answers
from prepcoach.cli.render import esc, print_json
from prepcoach.data.drafts import EditDraft
from prepcoach.followup import core
from prepcoach.followup.core import answer_problem, field_info, with_text
from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotInteractiveError, PrepError

if TYPE_CHECKING:
    from datetime import datetime

    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.model import EmailTemplate
    from prepcoach.followup.core import Draft, Recipient, Value
    from prepcoach.followup.store import FollowupRecord
    from prepcoach.interviews.core import Interview
    from prepcoach.store.db import Store


def followup(
    interview_ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[INTERVIEW]",
            help="An id (or its start) or a company name; default: your latest interview.",
            show_default=False,
        ),
    ] = None,
    template_id: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            metavar="ID",
            help="Which email (see --list-templates); default: fits the interview's stage.",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="NAME|all",
            help="An interviewer (name, part of it or email), 'all' for one note each, or "
            "'Name <address>' for someone else.",
            show_default=False,
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="Fill a field yourself, e.g. --set topic='the data migration'; repeatable.",
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answer the prompts from a YAML file (followup.field.NAME: answer).",
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Open the draft in $EDITOR before it is written.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Write text (Markdown if FILE ends in .md)."),
    ] = None,
    eml: Annotated[
        Path | None,
        typer.Option(
            "--eml",
            metavar="FILE",
            help="Write an .eml your mail program opens as a draft (one file per recipient).",
        ),
    ] = None,
    mailto: Annotated[
        bool, typer.Option("--mailto", help="Print a mailto: link that opens the draft.")
    ] = False,
    copy: Annotated[bool, typer.Option("--copy", help="Copy the email to the clipboard.")] = False,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help="Write a calendar reminder to send it (or to check in)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the drafts as JSON.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
    list_templates: Annotated[
        bool, typer.Option("--list-templates", help="List the email templates and exit.")
    ] = False,
    sent: Annotated[
        bool,
        typer.Option(
            "--sent",
            help="Record that you sent the draft(s) just shown (or name one: prep followup "
            "fu-ID --sent). 'prep followup sent' lists what you sent.",
        ),
    ] = False,
    unsend: Annotated[
        bool,
        typer.Option(
            "--unsend", help="Take back the latest send (or: prep followup fu-ID --unsend)."
        ),
    ] = False,
) -> None:
    """Draft a personal thank-you or follow-up email from your interview and post-mortem.

    Fields come from your profile (name, signature), the interview (company, role, date,
    interviewers) and the post-mortem (topics, what excited you, skills that answer a
    concern); you are asked only for what is missing. The draft is checked before you send
    it: leftover placeholders, no specific topic, over ~150 words, no subject, later than 24
    hours, the same note to several people. After sending, record it with --sent.

    Examples: prep followup acme --eml thanks.eml    prep followup --to all --template
    thank-you-panel    prep followup acme --sent
    """
    from prepcoach.cli.followup import render as output
    from prepcoach.followup import service  # reads the database: loaded only when drafting

    ctx = get_context()
    if list_templates:
        _list_templates(ctx, as_json)
        return
    from prepcoach.kernel.files import check_target

    for target in (out, ics):  # before anything is asked or recorded (--eml: per recipient)
        if target is not None:
            check_target(target, overwrite=force)
    if eml is not None:
        check_target(eml)
    store = ctx.store()
    library = ctx.library()
    now = clock.now()
    if interview_ref is not None and interview_ref.strip().casefold() == "sent" and not sent:
        _list_sends(ctx, store, as_json)
        return
    draft = None
    if interview_ref is not None and service.is_draft_ref(interview_ref):
        draft = service.draft_by_id(store, interview_ref)
    if draft is not None and not (sent or unsend):
        raise typer.BadParameter(
            f"{draft.id} is a draft: add --sent to record it as sent, or --unsend to take a send "
            "back",
            param_hint="INTERVIEW",
        )
    if draft is not None:
        if draft.interview_id is None:
            raise PrepError(f"the interview of {draft.id} was deleted")
        interview = service.interview_for(store, draft.interview_id, now)
    else:
        interview = service.interview_for(store, interview_ref, now)
    if sent and unsend:
        raise typer.BadParameter("--sent and --unsend go one at a time", param_hint="--unsend")
    if unsend:
        back = service.unmark_sent(store, interview, draft)
        ctx.console.print(
            f"Taken back: '{esc(back.subject)}' to {esc(back.recipient_name or '-')} is a draft "
            f"again ([cyan]{back.id}[/cyan]).",
            highlight=False,
        )
        return
    if sent:
        _mark_sent(ctx, store, interview, template_id, to, as_json, draft)
        return
    available = list(library.email_templates)
    template: EmailTemplate = library.get(
        "email_templates", template_id or core.default_template_id(interview, available)
    )
    origin = library.origins.get(f"email_templates/{template.id}", "")
    given = _parse_sets(set_values or [], template)
    postmortem = service.postmortem_for(store, interview.id)
    people = core.people_for(interview, postmortem)
    from prepcoach.cli.keep import keeping

    ask = keeping(
        ctx,
        "followup",
        f"{interview.id}-{template.id}",
        _prompter(answers, interactive=not as_json),
        command=f"prep followup {interview.id} --template {template.id}",
    )
    recipients = _recipients(ask, people, to, template, scripted=answers is not None)

    if len(recipients) > 1:
        personal = [n for n in given if n.startswith("recipient_") or n == "first_name"]
        if personal:
            raise typer.BadParameter(
                f"--set {personal[0]} would go to all {len(recipients)} recipients; write to "
                "one with --to NAME, or give each their own in --answers FILE",
                param_hint="--set",
            )
    sources = service.sources(store, library, interview, postmortem, now)
    values = [
        core.with_answers(
            core.gather_fields(sources, person, position=number, everyone=people), given, now
        )
        for number, person in enumerate(recipients)
    ]
    extra = ["recipient_email"] if eml is not None or mailto else []
    if not as_json:
        ctx.console.print(
            f"[dim]{esc(template.title)} ({template.id}) · {esc(interview.label())}[/dim]",
            highlight=False,
        )
    used = ["your profile"] if not sources.profile.is_empty() else []
    used += ["the interview"] + (["your post-mortem"] if postmortem is not None else [])
    line = "Filled from " + core.join_names(used)
    if postmortem is None:
        line += f" (a post-mortem fills more: prep postmortem {interview.id})"
    values = _fill_missing(
        ctx, ask, template, values, extra, scripted=answers is not None, now=now, sources_line=line
    )
    changed = service.remember_addresses(store, interview, recipients, values)
    if changed:
        ctx.err_console.print(
            f"Saved the address of {', '.join(changed)} to the interview.", highlight=False
        )
    drafts = [
        core.render_followup(template, v, origin=origin, interview_id=interview.id) for v in values
    ]
    if edit:
        edited = _edit(ctx, interview, drafts)
        if edited is None:
            ctx.console.print("The file was emptied: nothing was written.")
            return
        drafts = edited
    from prepcoach.followup.checks import check_drafts

    findings = check_drafts(
        drafts,
        template,
        interview=interview,
        reference=now,
        earlier=service.earlier_notes(store, interview.id, template.id),
    )
    shown_at = service.run_moment(store, interview.id, now)
    records = [service.record(store, d, shown_at) for d in drafts]
    ask.done()

    if as_json:
        output.print_drafts_json(interview, template, drafts, findings, records, with_mailto=mailto)
    else:
        output.report(ctx, interview, template, drafts, findings, now, full=not (out or eml or ics))
    if out is not None:
        from prepcoach.followup.message import text_file
        from prepcoach.kernel.files import atomic_write

        markdown = out.suffix.lower() in (".md", ".markdown")
        atomic_write(out, text_file(drafts, markdown=markdown), overwrite=force)
        output.done(ctx, f"Wrote {'Markdown' if markdown else 'text'} to {out}", as_json)
    if eml is not None:
        output.write_eml(ctx, drafts, eml, force=force, now=now, quiet=as_json)
    if ics is not None:
        output.write_ics(ctx, interview, template, drafts, ics, force=force, now=now, quiet=as_json)
    if mailto and not as_json:
        output.print_mailto(ctx, drafts)
    if copy:
        output.copy_drafts(ctx, drafts, quiet=as_json)
    if not as_json:
        ctx.console.print(
            f"[dim]Once you have sent it: prep followup {interview.id} --sent[/dim]",
            highlight=False,
        )


# ---------------------------------------------------------------------------- 1. side doors


def _list_templates(ctx: AppContext, as_json: bool) -> None:
    library = ctx.library()
    templates = list(library.email_templates.values())
    if as_json:
        print_json(
            [
                {
                    "id": t.id,
                    "title": t.title,
                    "purpose": t.purpose,
                    "when": t.when,
                    "required": list(t.required),
                    "optional": list(t.optional),
                    "per_interviewer": t.per_interviewer,
                    "send_within_hours": t.send_within_hours,
                    "file": library.origins.get(f"email_templates/{t.id}", ""),
                }
                for t in templates
            ]
        )
        return
    if not templates:
        ctx.console.print("No email templates are loaded; see 'prep content list'.")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(templates)} email templates", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("what and when")
    table.add_column("needs")
    for t in templates:
        about = Text(t.title, style="bold")
        about.append(f"\n{t.when}", style="dim")
        needs = ", ".join(t.required) + (" (one note per interviewer)" if t.per_interviewer else "")
        table.add_row(t.id, about, needs)
    ctx.console.print(table)
    ctx.console.print(
        "[dim]Use one: prep followup --template ID.  Add your own: an 'email_templates' list in "
        "a pack in your content folder (see 'prep content new').[/dim]",
        highlight=False,
    )


def _mark_sent(
    ctx: AppContext,
    store: Store,
    interview: Interview,
    template_id: str | None,
    to: str | None,
    as_json: bool,
    draft: FollowupRecord | None,
) -> None:
    from prepcoach.followup import service

    sent = service.mark_sent(store, interview, template_id, to, clock.now(), draft)
    if as_json:
        print_json([asdict(r) for r in sent.records])
        return
    for record in sent.records:
        ctx.console.print(
            f"Recorded as sent: '{esc(record.subject)}' to {esc(record.recipient_name or '-')} "
            f"([cyan]{record.id}[/cyan])",
            highlight=False,
        )
    if sent.hours_after is not None:
        timing = "within 24 hours" if sent.on_time else "later than 24 hours"
        ctx.console.print(
            f"[dim]{sent.hours_after:.0f} hours after the interview ({timing}).[/dim]",
            highlight=False,
        )
    ctx.console.print(
        f"[dim]Sent by mistake? prep followup {sent.records[0].id} --unsend[/dim]",
        highlight=False,
    )


def _list_sends(ctx: AppContext, store: Store, as_json: bool) -> None:
    from prepcoach.followup import service

    sends = service.sends(store)
    if as_json:
        from dataclasses import asdict

        from prepcoach.cli.render import print_json

        print_json([asdict(r) for r, _ in sends])
        return
    if not sends:
        ctx.console.print(
            "Nothing is recorded as sent yet. After sending a draft: prep followup --sent"
        )
        return
    from rich.table import Table

    table = Table(title=f"{len(sends)} sent", title_justify="left")
    for column in ("id", "sent", "to", "subject", "interview"):
        table.add_column(
            column, no_wrap=column in ("id", "sent"), style="cyan" if column == "id" else None
        )
    for record, interview in sends:
        when = (record.sent_at or "")[:16].replace("T", " ")
        table.add_row(
            record.id,
            when,
            esc(record.recipient_name or "-"),
            esc(record.subject),
            esc(interview.label()) if interview is not None else "-",
        )
    ctx.console.print(table)
    ctx.console.print(
        "[dim]Take one back: prep followup ID --unsend (times in UTC)[/dim]", highlight=False
    )


# ---------------------------------------------------------------------------- 2. who and what


def _parse_sets(items: list[str], template: EmailTemplate) -> dict[str, str]:
    """--set FIELD=VALUE pairs, checked against the fields prep and the template know."""
    from prepcoach.content.validation import suggest

    known = sorted(set(core.FIELDS) | set(template.required) | set(template.optional))
    result: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise typer.BadParameter(
                f"'{item}' is not FIELD=VALUE (e.g. topic='the data migration')",
                param_hint="--set",
            )
        if name not in known:
            raise typer.BadParameter(
                f"unknown field '{name}'{suggest(name, known)}; fields: {', '.join(known)}",
                param_hint="--set",
            )
        problem = core.answer_problem(name, value) if value.strip() else None
        if problem:
            raise typer.BadParameter(f"{name}: {problem}", param_hint="--set")
        result[name] = value
    return result


def _prompter(answers: Path | None, *, interactive: bool) -> Prompter:
    from prepcoach.cli.prompts import NoTerminalPrompter, make_prompter

    hint = "Give the values with --set FIELD=VALUE (or --answers FILE)."
    scripted = load_answers(answers)
    if scripted is None and not interactive:
        return NoTerminalPrompter(hint)
    return make_prompter(scripted, hint)


def _recipients(
    ask: Prompter,
    people: list[Recipient],
    to: str | None,
    template: EmailTemplate,
    *,
    scripted: bool,
) -> list[Recipient]:
    from prepcoach.cli.prompts import Choice

    chosen = core.pick_recipients(people, to)
    if chosen is not None:
        return chosen
    if template.per_interviewer:
        return list(people)
    if not ask.interactive and not scripted:
        names = core.join_names([p.name for p in people])
        raise NotInteractiveError(
            f"this interview has {len(people)} interviewers ({names}); choose with --to NAME, "
            "or --to all for one note each"
        )
    choices = [Choice(p.label(), str(i)) for i, p in enumerate(people)]
    choices.append(Choice("All of them, one note each", "all"))
    picked = ask.select("followup.to", "Who is this email to?", choices)
    return list(people) if picked == "all" else [people[int(picked)]]


# ---------------------------------------------------------------------------- 4. asking


def _fill_missing(
    ctx: AppContext,
    ask: Prompter,
    template: EmailTemplate,
    values: list[dict[str, Value]],
    extra: list[str],
    *,
    scripted: bool,
    now: datetime,
    sources_line: str = "",
) -> list[dict[str, Value]]:
    """Ask for each missing field: shared ones once, then per recipient those that differ
    (the topic discussed with each interviewer, their address)."""
    missing = [core.missing_fields(template, v, extra) for v in values]
    if not any(missing):
        return values
    several = len(values) > 1
    if not ask.interactive and not scripted:
        listed: dict[str, list[str]] = {}
        for v, names in zip(values, missing, strict=True):
            for name in names:
                listed.setdefault(name, []).append(str(v.get("recipient_name", "")) or "")
        parts = []
        for name, whom in listed.items():
            who = ", ".join(w for w in whom if w)
            info = core.field_info(name)
            parts.append(f"{name} ({info.label}{f', for {who}' if several and who else ''})")
        example = next(iter(listed))
        raise NotInteractiveError(
            f"the email still needs: {'; '.join(parts)}. Give them with --set FIELD=VALUE "
            f"(e.g. --set {example}='...'), or run in a terminal to be asked"
        )
    shared_names = list(
        dict.fromkeys(n for names in missing for n in names if not core.field_info(n).per_recipient)
    )
    count = len(shared_names) + sum(
        1 for names in missing for n in names if core.field_info(n).per_recipient
    )
    if ask.interactive:
        ctx.console.print(
            f"{sources_line}; {count} thing{'s' if count != 1 else ''} to add.", highlight=False
        )
    shared = {name: _ask_field(ask, name, "", several=several) for name in shared_names}
    result = []
    for v, names in zip(values, missing, strict=True):
        person = str(v.get("recipient_name", "")).strip()
        typed = {
            name: shared[name] if name in shared else _ask_field(ask, name, person, several=several)
            for name in names
        }
        result.append(core.with_answers(v, typed, now))
    return result


def _ask_field(ask: Prompter, name: str, person: str, *, several: bool) -> str:
    info = field_info(name)
    message = info.question
    if name == "recipient_email" and person:
        message = f"{person}'s email address:"
    elif info.per_recipient and several and person:
        message = f"For {person}: {message[:1].lower()}{message[1:]}"
    return ask.text(
        f"followup.field.{name}", message, multiline=info.multiline, validate=_validator(name)
    )


def _validator(name: str) -> Any:
    def validate(text: str) -> str | None:
        return answer_problem(name, text)

    return validate


# ---------------------------------------------------------------------------- 5. editing

_NOTE_MARK = "# ---- note "
MAX_ROUNDS = 10
_RETRY = Retry(
    block=lambda errors: "".join(f"{ERROR_MARK}{e}\n" for e in errors),
    stuck=lambda errors, path: (
        f"the edited email still has a problem ({errors[0]}); your text is kept in {path}"
    ),
    reopening=lambda errors: f"{errors[0]}; reopening the editor.",
    rounds=MAX_ROUNDS,
)


def _edit(ctx: AppContext, interview: Interview, drafts: list[Draft]) -> list[Draft] | None:
    """Open the drafts in $EDITOR; None when the user emptied the file (cancel)."""
    draft = EditDraft(ctx.home, "followup", interview.id)
    edited = edit_until_valid(
        draft,
        _edit_text(drafts),
        lambda text, _offset: _parse_edit(text, drafts),
        _RETRY,
        say=lambda text: ctx.err_console.print(text, highlight=False, markup=False),
    )
    if isinstance(edited, Outcome):
        return None
    draft.discard()
    return edited


def _edit_text(drafts: list[Draft]) -> str:
    lines = [
        "# Edit the email, then save and close the editor. Lines starting with '#' are",
        "# ignored. Keep the 'Subject:' line, then a blank line, then the body.",
        "# Empty the file to cancel.",
    ]
    parts = ["\n".join(lines) + "\n"]
    for number, draft in enumerate(drafts, 1):
        parts.append(
            f"{_NOTE_MARK}{number} of {len(drafts)}: to {draft.recipient.label()} ----\n"
            f"Subject: {draft.subject}\n\n{draft.body}\n\n"
        )
    return "".join(parts)


def _parse_edit(text: str, drafts: list[Draft]) -> tuple[list[Draft] | None, list[str]]:
    sections: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith(_NOTE_MARK):
            sections.append([])
        elif line.startswith("#"):
            continue
        elif sections:
            sections[-1].append(line)
    if len(sections) != len(drafts):
        return None, [
            f"the file should hold {len(drafts)} note(s), each after its '{_NOTE_MARK.strip()} "
            "N of M' line; keep those lines"
        ]
    edited = []
    for number, (lines, draft) in enumerate(zip(sections, drafts, strict=True), 1):
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines or not lines[0].lower().startswith("subject:"):
            return None, [f"note {number}: the first line should be 'Subject: ...'"]
        subject = lines[0].split(":", 1)[1].strip()
        edited.append(with_text(draft, subject, "\n".join(lines[1:])))
    return edited, []
