"""`prep status` (and `prep` alone): how ready you are for your next interview.

The run:
1. find the interview (the current one by default); with none, say how to start;
2. gather the kit (`prepcoach.kit.core`) and assess it (`prepcoach.kit.readiness`);
3. show the interview, a progress bar with the checklist, what is due for practice today
   and the next concrete action.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import JsonOption
from prepcoach.cli.render import esc, hanging, print_json
from prepcoach.kernel.wording import counted, is_are

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.content.library import ContentLibrary
    from prepcoach.kit.core import Kit
    from prepcoach.kit.readiness import Check, NextAction, Readiness
    from prepcoach.kit.service import Welcome

BAR_WIDTH = 20


def status(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[INTERVIEW]",
            help="An interview id (or its start) or company; default: the next interview.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Your readiness for the next interview: a checklist, what is due today, what to do next.

    Example: prep status   (or just: prep)
    """
    from prepcoach.kit import service  # loads the database modules

    ctx = get_context()
    store = ctx.store()
    interview = service.next_interview(store, query)
    if interview is None:
        _welcome(ctx, service.welcome_view(store), as_json=as_json)
        return
    library = ctx.library()
    shown = service.dashboard(store, library, interview)
    if as_json:
        print_json(_as_dict(shown.kit, shown.readiness))
        return
    _dashboard(ctx, library, shown.kit, shown.readiness)


def _welcome(ctx: AppContext, view: Welcome, *, as_json: bool) -> None:
    action, due, past = view.action, view.due, view.past
    if as_json:
        print_json(
            {
                "interview": None,
                "next_action": {"text": action.text, "command": action.command},
                "due_review": due,
            }
        )
        return
    console = ctx.console
    console.print("[bold]prep[/bold]: your private interview coach", highlight=False)
    if past:
        console.print(
            f"No upcoming interview ({counted(past, 'earlier one')} in 'prep interview list')."
        )
    else:
        console.print("No interview yet. Add the one you are preparing for, and this dashboard")
        console.print(
            "tracks your readiness for it: research, stories, practice, salary, and more."
        )
    if due:
        console.print(
            f"{counted(due, 'question')} {is_are(due)} due for review today: prep practice",
            highlight=False,
        )
    _next(ctx, action)
    console.print(
        "[dim]Meanwhile: prep practice (a few minutes a day), prep story add, prep --help[/dim]",
        highlight=False,
    )


def _dashboard(ctx: AppContext, library: ContentLibrary, kit: Kit, readiness: Readiness) -> None:
    from rich.table import Table  # rich loads when something is printed

    console = ctx.console
    interview = kit.interview
    console.print(
        f"[bold]{esc(interview.company)}[/bold]"
        + (f" – {esc(interview.role)}" if interview.role else "")
        + f" · {interview.stage_label}  [dim]{interview.id}[/dim]",
        highlight=False,
    )
    from prepcoach.interviews import core

    when = core.format_when(interview.when, relative=interview.when is not None)
    people = ", ".join(p.name for p in interview.interviewers)
    console.print(f"{when}" + (f" · with {esc(people)}" if people else ""), highlight=False)
    console.print()
    console.print(_bar(readiness), highlight=False)
    checks = [check for check in readiness.checks if check.applies]
    label_width = max((len(check.label) for check in checks), default=0)
    widest = max(
        (
            max(len(check.detail), len(check.command) + 2 if check.command else 0)
            for check in checks
        ),
        default=0,
    )
    if 3 + 1 + label_width + 1 + widest > console.width:
        _checks_stacked(ctx, checks)  # a command cut over two lines would not paste whole
    else:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column()
        for check in checks:
            mark = "[green]✓[/green]" if check.done else "[red]✗[/red]"
            detail = f"[dim]{esc(check.detail)}[/dim]"
            if not check.done and check.command:
                detail += f"\n[cyan]→ {esc(check.command)}[/cyan]"
            grid.add_row(f" {mark}", esc(check.label), detail)
        console.print(grid)
    console.print()
    console.print(_due_line(library, readiness), highlight=False)
    _next(ctx, readiness.next_action)


def _checks_stacked(ctx: AppContext, checks: list[Check]) -> None:
    """The checks for a terminal too narrow for their table: each check's label and detail,
    and under them its command on a line of its own."""
    for check in checks:
        mark = "[green]✓[/green]" if check.done else "[red]✗[/red]"
        hanging(ctx.console, f" {mark} ", f"{esc(check.label)}: [dim]{esc(check.detail)}[/dim]")
        if not check.done and check.command:
            hanging(ctx.console, "   [cyan]→[/cyan] ", f"[cyan]{esc(check.command)}[/cyan]")


def _bar(readiness: Readiness) -> str:
    filled = round(BAR_WIDTH * readiness.done / readiness.total) if readiness.total else 0
    colour = "green" if readiness.done == readiness.total else "yellow"
    bar = f"[{colour}]{'█' * filled}[/{colour}][dim]{'░' * (BAR_WIDTH - filled)}[/dim]"
    return (
        f"[bold]Ready[/bold] {bar} {readiness.done} of {readiness.total} "
        f"[dim]({readiness.percent}%)[/dim]"
    )


def _due_line(library: ContentLibrary, readiness: Readiness) -> str:
    from prepcoach.kit.shortlist import clip

    parts = []
    if readiness.due_review:
        names = [
            clip(library.questions[q].text, 40)
            for q in readiness.due_review[:2]
            if q in library.questions
        ]
        more = len(readiness.due_review) - len(names)
        listed = "; ".join(names) + (f" and {more} more" if more > 0 else "")
        parts.append(f"{len(readiness.due_review)} to review ({esc(listed)})")
    if readiness.unpractised:
        parts.append(f"{counted(len(readiness.unpractised), 'likely question')} never practised")
    if not parts:
        return "[bold]Due today[/bold]: nothing; practice is up to date."
    return "[bold]Due today[/bold]: " + ", ".join(parts) + "  [cyan]→ prep practice[/cyan]"


def _next(ctx: AppContext, action: NextAction) -> None:
    ctx.console.print(f"[bold]Next[/bold]: {esc(action.text)}", highlight=False)
    if action.command:
        ctx.console.print(f"      [cyan]{esc(action.command)}[/cyan]", highlight=False)


def _as_dict(kit: Kit, readiness: Readiness) -> dict[str, Any]:
    from prepcoach.cli.interviews.render import interview_dict

    return {
        "interview": interview_dict(kit.interview),
        "previous_interview": kit.previous.id if kit.previous is not None else None,
        "checks": [asdict(c) for c in readiness.checks],
        "done": readiness.done,
        "total": readiness.total,
        "percent": readiness.percent,
        "due_review": list(readiness.due_review),
        "unpractised": list(readiness.unpractised),
        "next_action": asdict(readiness.next_action),
    }
