"""`prep interview add|list|show|edit|rm`: the interviews you are preparing for."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import JsonOption, YesOption
from prepcoach.cli.render import esc, print_json
from prepcoach.interviews import core
from prepcoach.interviews.core import STAGES, Interviewer, parse_when, when_to_text
from prepcoach.kernel import clock, textcheck
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.cli.prompts import Prompter
    from prepcoach.interviews.core import Interview, Interviewer

app = typer.Typer(
    help=(
        "The interviews you are preparing for: company, role, round, date, interviewers.\n\n"
        "Commands that need an interview take --interview ID or a company name; without it "
        "they use the current one: the next upcoming interview."
    ),
    short_help="Your interviews.  e.g. prep interview add --company ACME --stage second",
    no_args_is_help=True,
)

AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        metavar="FILE",
        help="Answer the prompts from a YAML file (prompt name: answer).",
    ),
]
QueryArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[INTERVIEW]",
        help="An id (or its start) or a company name; default: the current interview.",
        show_default=False,
    ),
]
InterviewerOption = Annotated[
    list[str] | None,
    typer.Option(
        "--interviewer",
        metavar="'NAME|TITLE|EMAIL'",
        help="An interviewer (title and email optional); repeat for more.",
        show_default=False,
    ),
]


@app.command("add")
def add(
    company: Annotated[str | None, typer.Option("--company", help="The company.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="The role you applied for.")] = None,
    stage: Annotated[
        str | None, typer.Option("--stage", help="first, second, final or other.")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option("--when", "--date", help="Date and time, e.g. '2025-03-14 14:30'."),
    ] = None,
    interviewer: InterviewerOption = None,
    url: Annotated[str | None, typer.Option("--url", help="The job posting's URL.")] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", help="Notes, e.g. the pasted job posting.")
    ] = None,
    status: Annotated[
        str, typer.Option("--status", help="upcoming, done, offer, rejected or withdrawn.")
    ] = "upcoming",
    posting: Annotated[
        str | None,
        typer.Option(
            "--posting",
            metavar="FILE",
            help="A job posting to read, offline, for what it asks ('-' reads stdin).",
        ),
    ] = None,
    answers: AnswersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an interview; prompts for what the options leave out when run in a terminal.

    Example: prep interview add --company ACME --role "Product manager" --stage second
    --when "2025-03-14 14:30" --interviewer "Jane Doe|VP Product|jane@acme.com"
    """
    from prepcoach.cli.inputs import prompter
    from prepcoach.interviews import store as store_iv

    ctx = get_context()
    _check_choice("--stage", stage, core.STAGES)
    _check_choice("--status", status, core.STATUSES)
    people = tuple(core.parse_interviewer(spec) for spec in interviewer or [])
    parsed_when = core.parse_when(when) if when else None
    reading = _read_posting(posting) if posting is not None else None
    if reading is not None and role is None and reading.title:
        role = reading.title  # the posting's title line names the job
    store = ctx.store()
    draft = core.Interview(
        company=company or "",
        role=role or "",
        stage=stage or "other",
        when=parsed_when,
        status=status,
        posting_url=url or "",
        notes=notes or "",
        interviewers=people,
    )
    keeper = None
    if company is None:
        from prepcoach.cli.keep import keeping

        keeper = keeping(
            ctx,
            "interview",
            "new",
            prompter(answers, "Give --company (and other options) to run without prompts."),
            command="prep interview add",
        )
        ask = keeper
        draft = _ask_new(
            ask,
            draft,
            store_iv.companies(store),
            store_iv.list_interviews(store),
            asked_stage=stage is not None,
            asked_when=when is not None,
            asked_people=bool(people),
            asked_posting=url is not None or notes is not None,
        )
    else:
        core.check(draft)  # report every problem before anything is stored
    known = store_iv.companies(store)
    linked = core.canonical_company(draft.company, known)
    if linked != draft.company:
        from dataclasses import replace

        draft = replace(draft, company=linked)
        ctx.err_console.print(
            f"Same company as an earlier round: {esc(linked)}; the rounds are linked.",
            highlight=False,
        )
    saved = store_iv.add_interview(store, draft)
    if reading is not None:
        saved = store_iv.set_posting(store, saved.id, reading)
    if keeper is not None:
        keeper.done()
    if as_json:
        print_json(interview_dict(saved))
    else:
        ctx.console.print(
            f"Added interview [cyan]{saved.id}[/cyan]: {esc(saved.label())}, "
            f"{core.format_when(saved.when, relative=saved.when is not None)}",
            highlight=False,
        )
        if saved.posting is not None:
            _print_posting(saved.posting)
    for warning in core.warnings(saved):
        ctx.err_console.print(f"Warning: {esc(warning)}", highlight=False)


def _ask_new(
    ask: Prompter,
    draft: Interview,
    known_companies: list[str],
    existing: list[Interview],
    *,
    asked_stage: bool,
    asked_when: bool,
    asked_people: bool,
    asked_posting: bool,
) -> Interview:

    from prepcoach.cli.prompts import Choice

    def company_problem(value: str) -> str | None:
        return textcheck.problem("the company name", value, required=True)

    if known_companies:
        company = ask.autocomplete(
            "interview.company", "Company:", known_companies, validate=company_problem
        )
    else:  # questionary's autocomplete needs at least one choice
        company = ask.text("interview.company", "Company:", validate=company_problem)
    role = draft.role or ask.text(
        "interview.role",
        "Role (optional):",
        validate=lambda v: textcheck.problem("the role", v),
    )
    stage = draft.stage
    if not asked_stage:
        stage = ask.select(
            "interview.stage",
            "Which round?",
            [Choice(core.STAGE_LABELS[s].capitalize(), s) for s in core.STAGES],
            default=_next_stage(existing, company),
        )
    when = draft.when
    if not asked_when:
        when = core.parse_when(
            ask.text(
                "interview.when",
                "When?",
                validate=_when_problem,
                instruction=f"({core.WHEN_HELP}; Enter if not scheduled yet)",
            )
        )
    people = list(draft.interviewers)
    if not asked_people:
        people += _ask_people(ask)
    url, notes = draft.posting_url, draft.notes
    if not asked_posting:
        posting = ask.text(
            "interview.posting",
            "Job posting URL or notes (optional):",
            validate=lambda v: textcheck.problem("the posting", v, max_chars=textcheck.NOTES_MAX),
        ).strip()
        if textcheck.is_url(posting):
            url = posting
        else:
            notes = posting
    return core.check(
        replace(
            draft,
            company=company,
            role=role,
            stage=stage,
            when=when,
            interviewers=tuple(people),
            posting_url=url,
            notes=notes,
        )
    )


def _ask_people(ask: Prompter, *, first: bool = True) -> list[Interviewer]:
    people: list[Interviewer] = []
    message = "Do you know who will interview you?" if first else "Add an interviewer?"
    while ask.confirm("interview.add_interviewer", message, default=False):
        name = ask.text(
            "interviewer.name",
            "  Name:",
            validate=lambda v: textcheck.problem("the name", v, required=True),
        )
        title = ask.text(
            "interviewer.title",
            "  Title (optional):",
            validate=lambda v: textcheck.problem("the title", v),
        )
        email = ask.text(
            "interviewer.email",
            "  Email (optional):",
            validate=lambda v: textcheck.email_problem(v.strip()),
        )
        people.append(Interviewer(name=name, title=title, email=email.strip()))
        message = "Add another interviewer?"
    return people


def _when_problem(text: str) -> str | None:
    try:
        parse_when(text)
    except PrepError as error:
        return str(error)
    return None


def _next_stage(existing: list[Interview], company: str) -> str:
    from prepcoach.interviews.core import same_company

    rounds = [i.stage for i in existing if same_company(i.company, company)]
    for earlier, later in (("final", "other"), ("second", "final"), ("first", "second")):
        if earlier in rounds:
            return later
    return "first" if not rounds else STAGES[-1]


@app.command("list")
def list_interviews(
    status: Annotated[
        str | None, typer.Option("--status", help="Only these: upcoming, done, offer...")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List your interviews, soonest first; → marks the current one.

    Example: prep interview list --status upcoming
    """
    from prepcoach.interviews import store as store_iv

    ctx = get_context()
    _check_choice("--status", status, core.STATUSES)
    store = ctx.store()
    found = store_iv.list_interviews(store, status=status)
    if as_json:
        print_json([interview_dict(i) for i in found])
        return
    if not found:
        hint = "" if status else " yet; add one with: prep interview add"
        ctx.console.print(f"No interviews{f' with status {status}' if status else ''}{hint}")
        return
    current = core.current_interview(store_iv.list_interviews(store))
    from rich.table import Table

    table = Table(title=f"{len(found)} interview(s)", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("company", min_width=8)
    table.add_column("role")
    table.add_column("round", no_wrap=True)
    table.add_column("when", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for interview in found:
        when = core.format_when_short(interview.when)
        if interview.when is not None and interview.status == "upcoming":
            when += f"\n[dim]{clock.humanize_delta(interview.when)}[/dim]"
        table.add_row(
            ("→ " if current is not None and interview.id == current.id else "  ") + interview.id,
            esc(interview.company),
            esc(interview.role),
            interview.stage,
            when,
            _status(interview.status),
        )
    ctx.console.print(table)
    ctx.console.print("[dim]Details: prep interview show ID[/dim]")


@app.command("show")
def show(query: QueryArgument = None, as_json: JsonOption = False) -> None:
    """Show one interview in full (default: the current one).

    Example: prep interview show acme
    """
    from prepcoach.interviews import store as store_iv

    ctx = get_context()
    store = ctx.store()
    interview = store_iv.find_interview(store, query)
    if as_json:
        print_json(interview_dict(interview))
        return
    from rich.table import Table

    console = ctx.console
    console.print(
        f"[cyan]{interview.id}[/cyan]  [bold]{esc(interview.company)}[/bold]"
        + (f" – {esc(interview.role)}" if interview.role else ""),
        highlight=False,
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    grid.add_row("round", interview.stage_label)
    grid.add_row("when", core.format_when(interview.when, relative=interview.when is not None))
    grid.add_row("status", _status(interview.status))
    if interview.posting_url:
        grid.add_row("posting", esc(interview.posting_url))
    people = "\n".join(esc(p.label()) for p in interview.interviewers) or "[dim]none yet[/dim]"
    grid.add_row("interviewers", people)
    linked = store_iv.references(store, interview.id)
    if linked:
        grid.add_row("linked", ", ".join(r.label for r in linked))
    if interview.posting is not None:
        grid.add_row("role pack", interview.posting.role or "[dim]none fits[/dim]")
        grid.add_row("asks for", esc(", ".join(interview.posting.competencies)) or "-")
        grid.add_row("skills", esc(", ".join(interview.posting.skills)) or "-")
    console.print(grid)
    if interview.notes:
        console.print("\n[bold]Notes[/bold]")
        console.print(interview.notes, markup=False, highlight=False)
    for warning in core.warnings(interview):
        ctx.err_console.print(f"Note: {esc(warning)}", highlight=False)


@app.command("edit")
def edit(
    query: QueryArgument = None,
    company: Annotated[str | None, typer.Option("--company", help="New company name.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="New role.")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="first, second, final...")] = None,
    when: Annotated[
        str | None,
        typer.Option("--when", "--date", help="New date and time; '' clears it."),
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="upcoming, done, offer, rejected...")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Job posting URL.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Replace the notes.")] = None,
    add_interviewer: Annotated[
        list[str] | None,
        typer.Option(
            "--add-interviewer",
            metavar="'NAME|TITLE|EMAIL'",
            help="Add an interviewer; repeatable.",
            show_default=False,
        ),
    ] = None,
    remove_interviewer: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-interviewer", metavar="NAME", help="Remove by name or email; repeatable."
        ),
    ] = None,
    answers: AnswersOption = None,
) -> None:
    """Change an interview; with no options, asks about each field in a terminal.

    Example: prep interview edit acme --status done
    """
    from prepcoach.cli.inputs import prompter
    from prepcoach.interviews import store as store_iv

    ctx = get_context()
    _check_choice("--stage", stage, core.STAGES)
    _check_choice("--status", status, core.STATUSES)
    store = ctx.store()
    interview = store_iv.find_interview(store, query)
    changes = core.InterviewChanges(
        company=company,
        role=role,
        stage=stage,
        when=core.parse_when(when) if when else None,
        clear_when=when is not None and not when.strip(),
        status=status,
        posting_url=url,
        notes=notes,
        add_interviewers=tuple(core.parse_interviewer(s) for s in add_interviewer or []),
        remove_interviewers=tuple(remove_interviewer or []),
    )
    keeper = None
    if changes.is_empty():
        from prepcoach.cli.keep import keeping

        keeper = keeping(
            ctx,
            "interview",
            interview.id,
            prompter(answers, "Give options such as --status done to change it without prompts."),
            command=f"prep interview edit {interview.id}",
        )
        changes = _ask_changes(keeper, interview)
    updated = store_iv.update_interview(
        store, interview.id, changes, expected_updated_at=interview.updated_at
    )
    if keeper is not None:
        keeper.done()
    ctx.console.print(
        f"Saved interview [cyan]{updated.id}[/cyan]: {esc(updated.label())}, "
        f"{core.format_when(updated.when)}, {updated.status}",
        highlight=False,
    )
    if interview.when != updated.when or interview.status != updated.status:
        for warning in core.warnings(updated):
            ctx.err_console.print(f"Warning: {esc(warning)}", highlight=False)


def _ask_changes(ask: Prompter, interview: Interview) -> Any:
    from prepcoach.cli.prompts import Choice

    company = ask.text(
        "interview.company",
        "Company:",
        default=interview.company,
        validate=lambda v: textcheck.problem("the company name", v, required=True),
    )
    role = ask.text("interview.role", "Role:", default=interview.role)
    stage = ask.select(
        "interview.stage",
        "Which round?",
        [Choice(core.STAGE_LABELS[s].capitalize(), s) for s in core.STAGES],
        default=interview.stage,
    )
    when_text = ask.text(
        "interview.when",
        "When?",
        default=_when_input(interview),
        validate=_when_problem,
        instruction=f"({core.WHEN_HELP}; empty if not scheduled)",
    )
    status = ask.select(
        "interview.status",
        "Status:",
        [Choice(s.capitalize(), s) for s in core.STATUSES],
        default=interview.status,
    )
    url = ask.text("interview.url", "Job posting URL:", default=interview.posting_url)
    people = list(interview.interviewers)
    if people and ask.confirm(
        "interview.change_interviewers",
        f"Remove any of the interviewers ({', '.join(p.name for p in people)})?",
        default=False,
    ):
        people = [
            p
            for p in people
            if ask.confirm("interview.keep_interviewer", f"  Keep {p.label()}?", default=True)
        ]
    people += _ask_people(ask, first=not people)
    when = core.parse_when(when_text)
    return core.InterviewChanges(
        company=company,
        role=role,
        stage=stage,
        when=when,
        clear_when=when is None,
        status=status,
        posting_url=url,
        interviewers=tuple(people),
    )


def _when_input(interview: Interview) -> str:
    """The stored date as the user would type it (local time)."""
    if interview.when is None:
        return ""
    if isinstance(interview.when, datetime):
        return clock.local(interview.when).strftime("%Y-%m-%d %H:%M")
    return interview.when.isoformat()


@app.command("rm")
def remove(
    query: Annotated[
        str, typer.Argument(metavar="INTERVIEW", help="The id (or its start) or company name.")
    ],
    yes: YesOption = False,
) -> None:
    """Delete an interview and its interviewers; says first what else it affects.

    Stories and practice linked to it are kept (unlinked); its post-mortem and shortlists go.

    Example: prep interview rm iv-3k9x2m
    """
    from prepcoach.cli.prompts import make_prompter
    from prepcoach.interviews import store as store_iv

    ctx = get_context()
    store = ctx.store()
    interview = store_iv.find_interview(store, query)
    from prepcoach.store.db import describe_references

    effects = describe_references(store_iv.references(store, interview.id))
    note = f" ({effects})" if effects else ""
    if not yes:
        ask = make_prompter(hint="Add --yes to delete without being asked.")
        if not ask.confirm(
            "interview.rm", f"Delete {interview.id} {interview.label()}?{note}", default=False
        ):
            ctx.console.print("Nothing deleted.")
            return
    elif not _named_exactly(interview, query):
        raise PrepError(
            f"'{query}' was matched loosely to {interview.id} ({interview.company}); "
            "with --yes, name it by id or by its exact company name"
        )
    store_iv.delete_interview(store, interview.id)
    ctx.console.print(
        f"Deleted interview [cyan]{interview.id}[/cyan] {esc(interview.label())}{note}",
        highlight=False,
    )


# ---------------------------------------------------------------------------- helpers


def _named_exactly(interview: Interview, query: str) -> bool:
    from prepcoach.kernel import ids

    by_id = ids.matching_ids(query, [interview.id], ids.PREFIXES["interviews"])
    return bool(by_id) or interview.company.casefold() == query.strip().casefold()


@app.command("posting")
def posting_cmd(
    query: Annotated[str, typer.Argument(help="Interview id or company.")],
    file: Annotated[str, typer.Argument(metavar="FILE", help="The posting ('-' reads stdin).")],
    as_json: JsonOption = False,
) -> None:
    """Read a job posting, offline, for the competencies and skills it asks for, and keep
    them with the interview (the plan and the likely questions use them).

    Example: prep interview posting acme ~/Downloads/acme-analyst.txt
    """
    from prepcoach.interviews import store as store_iv

    ctx = get_context()
    store = ctx.store()
    interview = store_iv.find_interview(store, query)
    saved = store_iv.set_posting(store, interview.id, _read_posting(file))
    if as_json:
        from prepcoach.cli.render import print_json

        print_json(interview_dict(saved))
        return
    ctx.console.print(f"Read the posting for {esc(saved.label())}.", highlight=False)
    assert saved.posting is not None
    _print_posting(saved.posting)


def _read_posting(source: str) -> Any:
    """The posting read from a file or stdin ('-')."""
    import sys
    from pathlib import Path

    from prepcoach.interviews.posting import MAX_POSTING_CHARS, read_posting
    from prepcoach.kernel.errors import PrepError

    if source == "-":
        text = sys.stdin.read(MAX_POSTING_CHARS + 1)
    else:
        from prepcoach.cli.inputs import read_text

        text = read_text(Path(source))
    if not text.strip():
        raise PrepError(f"the posting {'on stdin' if source == '-' else source} is empty")
    return read_posting(text, get_context().library())


def _print_posting(posting: Any) -> None:
    console = get_context().console
    role = posting.role or "none of the role packs"
    console.print(
        f"The posting is for {esc(role)}; it asks for "
        f"{esc(', '.join(posting.competencies)) or 'no competency the cues name'}"
        + (f"; skills: {esc(', '.join(posting.skills))}" if posting.skills else "")
        + ".",
        highlight=False,
    )


def interview_dict(interview: Interview) -> dict[str, Any]:
    data = asdict(interview)
    data["when"] = when_to_text(interview.when)
    return data


def _status(status: str) -> str:
    colour = {"upcoming": "green", "offer": "bold green", "rejected": "red", "withdrawn": "dim"}
    style = colour.get(status)
    return f"[{style}]{status}[/{style}]" if style else status


def _check_choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        from prepcoach.content.validation import suggest

        raise typer.BadParameter(
            f"'{value}' is not one of: {', '.join(allowed)}{suggest(value, allowed)}",
            param_hint=option,
        )
