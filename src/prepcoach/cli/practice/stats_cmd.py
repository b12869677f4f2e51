"""`prep stats`: scores by competency and category, the weekly trend, the streak, what is due."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from prepcoach.cli.context import get_context
from prepcoach.cli.options import JsonOption
from prepcoach.cli.render import print_json
from prepcoach.kernel import clock
from prepcoach.kernel.wording import counted

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from prepcoach.practice.progress import GroupScore, Progress


def stats(as_json: JsonOption = False) -> None:
    """Scores by competency and category, your weekly trend, streak and what is due.

    Example: prep stats
    """
    from prepcoach.practice import history as service  # reads the database: only when run

    ctx = get_context()
    progress = service.progress(ctx.store(), ctx.library())
    if as_json:
        print_json(asdict(progress))
        return
    if not progress.answers:
        ctx.console.print("No practice yet. Start with: prep practice")
        return
    render(ctx.console, progress)


def render(console: Console, progress: Progress) -> None:
    from prepcoach.practice.progress import sparkline
    from prepcoach.practice.scheduling import describe_interval

    average = f"{progress.average_score:.0f}" if progress.average_score is not None else "-"
    console.print(
        f"[bold]{progress.answers}[/bold] answers to [bold]{progress.questions_practised}"
        f"[/bold] questions, average score [bold]{average}[/bold]. "
        f"Streak: [bold]{progress.streak_days}[/bold] "
        f"{'day' if progress.streak_days == 1 else 'days'}"
        f"{'' if progress.practised_today else ' (practise today to keep it)'}.",
        highlight=False,
    )
    console.print()
    if progress.by_competency:
        console.print(_table("By competency (weakest first)", progress.by_competency))
    else:
        console.print("By competency: none of the questions you practised names a competency.")
    console.print()
    console.print(_table("By category", progress.by_category))
    if progress.untouched_competencies:
        console.print(
            f"\n[dim]Not practised yet: {', '.join(progress.untouched_competencies)}[/dim]"
        )
    if progress.trend:
        line = sparkline([p.average_score for p in progress.trend])
        first, last = progress.trend[0], progress.trend[-1]
        console.print(
            f"\n[bold]Weekly average score[/bold]  {line}  "
            f"[dim]{first.week} → {last.week}, {counted(len(progress.trend), 'week')}[/dim]",
            highlight=False,
        )
    nxt = ""
    if progress.next_due:
        nxt = f"; the next one comes due {describe_interval(clock.parse_iso(progress.next_due))}"
    console.print(f"\nDue for review now: [bold]{progress.due_now}[/bold]{nxt}.", highlight=False)


def _table(title: str, groups: list[GroupScore]) -> Table:
    """One row a group: its name (wrapped when long), answers, average score and a bar.

    The numbers and the bar never wrap, so that at 80 columns every one of them shows whole.
    """
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=None, pad_edge=False)
    table.add_column("", overflow="fold")
    table.add_column("answers", justify="right", no_wrap=True)
    table.add_column("avg score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for group in groups:
        score = group.average_score
        bar = "█" * round((score or 0) / 10)
        table.add_row(
            group.name, str(group.answers), f"{score:.0f}" if score is not None else "-", bar
        )
    return table
