"""Interviews on screen and as JSON: the list, one interview, a posting's reading."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from prepcoach.cli.render import esc
from prepcoach.interviews import core
from prepcoach.kernel import clock
from prepcoach.kernel.wording import counted

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.interviews.core import Interview
    from prepcoach.interviews.posting import PostingReading
    from prepcoach.interviews.service import InterviewDetail, InterviewList


def interview_dict(interview: Interview) -> dict[str, Any]:
    data = asdict(interview)
    data["when"] = core.when_to_text(interview.when)
    return data


def status_markup(status: str) -> str:
    colour = {"upcoming": "green", "offer": "bold green", "rejected": "red", "withdrawn": "dim"}
    style = colour.get(status)
    return f"[{style}]{status}[/{style}]" if style else status


def posting_line(console: Console, posting: PostingReading) -> None:
    role = posting.role or "none of the role packs"
    console.print(
        f"The posting is for {esc(role)}; it asks for "
        f"{esc(', '.join(posting.competencies)) or 'no competency the cues name'}"
        + (f"; skills: {esc(', '.join(posting.skills))}" if posting.skills else "")
        + ".",
        highlight=False,
    )


def interview_table(console: Console, listing: InterviewList) -> None:
    from rich.table import Table  # rich loads when something is printed

    found, current = listing.interviews, listing.current
    table = Table(title=counted(len(found), "interview"), title_justify="left")
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
            status_markup(interview.status),
        )
    console.print(table)
    marked = current is not None and any(i.id == current.id for i in found)
    if marked:  # what the arrow means, for a new user
        console.print("[dim]→ the current interview: commands use it when you name none[/dim]")
    console.print("[dim]Details: prep interview show ID[/dim]")


def interview_detail(console: Console, detail: InterviewDetail) -> None:
    from rich.table import Table  # rich loads when something is printed

    interview = detail.interview
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
    grid.add_row("status", status_markup(interview.status))
    if interview.posting_url:
        grid.add_row("posting", esc(interview.posting_url))
    people = "\n".join(esc(p.label()) for p in interview.interviewers) or "[dim]none yet[/dim]"
    grid.add_row("interviewers", people)
    if detail.linked:
        grid.add_row("linked", ", ".join(r.label for r in detail.linked))
    if interview.posting is not None:
        grid.add_row("role pack", interview.posting.role or "[dim]none fits[/dim]")
        grid.add_row("asks for", esc(", ".join(interview.posting.competencies)) or "-")
        grid.add_row("skills", esc(", ".join(interview.posting.skills)) or "-")
    console.print(grid)
    if interview.notes:
        console.print("\n[bold]Notes[/bold]")
        console.print(interview.notes, markup=False, highlight=False)
