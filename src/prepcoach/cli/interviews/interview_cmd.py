"""`prep interview add|list|show|edit|rm`: the interviews you are preparing for."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from prepcoach.cli import inputs, prompts
from prepcoach.cli.context import get_context
from prepcoach.cli.interviews.render import (
    interview_detail,
    interview_dict,
    interview_table,
    posting_line,
)
from prepcoach.cli.keep import keeping
from prepcoach.cli.options import JsonOption, YesOption
from prepcoach.cli.render import esc, print_json
from prepcoach.interviews import core
from prepcoach.interviews.core import Interview
from prepcoach.interviews.posting import MAX_POSTING_CHARS, PostingReading, read_posting
from prepcoach.kernel.errors import PrepError

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
        typer.Option(
            "--when", "--date", help="Date and time, e.g. 'fri 14:30' or '14 March 14:30'."
        ),
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
    --when "fri 14:30" --interviewer "Jane Doe|VP Product|jane@acme.com"
    """
    from prepcoach.cli.interviews.questions import ask_new  # loads the database modules
    from prepcoach.interviews import service

    ctx = get_context()
    inputs.check_choice("--stage", stage, core.STAGES)
    inputs.check_choice("--status", status, core.STATUSES)
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
        hint = "Give --company (and other options) to run without prompts."
        keeper = keeping(
            ctx, "interview", "new", inputs.prompter(answers, hint), command="prep interview add"
        )
        draft = ask_new(
            keeper,
            draft,
            service.known(store),
            asked_stage=stage is not None,
            asked_when=when is not None,
            asked_people=bool(people),
            asked_posting=url is not None or notes is not None,
        )
    else:
        core.check(draft)  # report every problem before anything is stored
    added = service.add(store, draft, reading)
    if added.linked is not None:
        ctx.err_console.print(
            f"Same company as an earlier round: {esc(added.linked)}; the rounds are linked.",
            highlight=False,
        )
    if keeper is not None:
        keeper.done()
    _added(added.interview, as_json=as_json)


def _added(saved: Interview, *, as_json: bool) -> None:
    ctx = get_context()
    if as_json:
        print_json(interview_dict(saved))
    else:
        ctx.console.print(
            f"Added interview [cyan]{saved.id}[/cyan]: {esc(saved.label())}, "
            f"{core.format_when(saved.when, relative=saved.when is not None)}",
            highlight=False,
        )
        if saved.posting is not None:
            posting_line(ctx.console, saved.posting)
    for warning in core.warnings(saved):
        ctx.err_console.print(f"Warning: {esc(warning)}", highlight=False)


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
    from prepcoach.interviews import service

    ctx = get_context()
    inputs.check_choice("--status", status, core.STATUSES)
    listing = service.list_interviews(ctx.store(), status)
    if as_json:
        print_json([interview_dict(i) for i in listing.interviews])
        return
    if not listing.interviews:
        hint = "" if status else " yet; add one with: prep interview add"
        ctx.console.print(f"No interviews{f' with status {status}' if status else ''}{hint}")
        return
    interview_table(ctx.console, listing)


@app.command("show")
def show(query: QueryArgument = None, as_json: JsonOption = False) -> None:
    """Show one interview in full (default: the current one).

    Example: prep interview show acme
    """
    from prepcoach.interviews import service

    ctx = get_context()
    detail = service.show(ctx.store(), query)
    if as_json:
        print_json(interview_dict(detail.interview))
        return
    interview_detail(ctx.console, detail)
    for warning in core.warnings(detail.interview):
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
    from prepcoach.cli.interviews.questions import ask_changes  # loads the database modules
    from prepcoach.interviews import service

    ctx = get_context()
    inputs.check_choice("--stage", stage, core.STAGES)
    inputs.check_choice("--status", status, core.STATUSES)
    store = ctx.store()
    interview = service.find(store, query)
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
        hint = "Give options such as --status done to change it without prompts."
        keeper = keeping(
            ctx,
            "interview",
            interview.id,
            inputs.prompter(answers, hint),
            command=f"prep interview edit {interview.id}",
        )
        changes = ask_changes(keeper, interview)
    updated = service.update(store, interview, changes)
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
    from prepcoach.interviews import service

    ctx = get_context()
    store = ctx.store()
    gone = service.removal(store, query, unasked=yes)
    interview = gone.interview
    note = f" ({gone.effects})" if gone.effects else ""
    if not yes:
        ask = prompts.make_prompter(hint="Add --yes to delete without being asked.")
        if not ask.confirm(
            "interview.rm", f"Delete {interview.id} {interview.label()}?{note}", default=False
        ):
            ctx.console.print("Nothing deleted.")
            return
    service.delete(store, interview)
    ctx.console.print(
        f"Deleted interview [cyan]{interview.id}[/cyan] {esc(interview.label())}{note}",
        highlight=False,
    )


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
    from prepcoach.interviews import service

    ctx = get_context()
    saved = service.set_posting(ctx.store(), query, _read_posting(file))
    if as_json:
        print_json(interview_dict(saved))
        return
    ctx.console.print(f"Read the posting for {esc(saved.label())}.", highlight=False)
    assert saved.posting is not None
    posting_line(ctx.console, saved.posting)


# ---------------------------------------------------------------------------- helpers


def _read_posting(source: str) -> PostingReading:
    """The posting read from a file or stdin ('-')."""
    if source == "-":
        text = sys.stdin.read(MAX_POSTING_CHARS + 1)
    else:
        text = inputs.read_text(Path(source))
    if not text.strip():
        raise PrepError(f"the posting {'on stdin' if source == '-' else source} is empty")
    return read_posting(text, get_context().library())
