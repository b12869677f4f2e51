"""A post-mortem on screen: its answers, then strengths, gaps, concerns and the action plan."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.table import Table

from prepcoach.cli.render import esc
from prepcoach.interviews.core import format_when
from prepcoach.kernel import clock
from prepcoach.kernel.wording import counted, is_are
from prepcoach.postmortem.text import answer_lines, practice_hint, rating_text

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.content.model import PostmortemTemplate
    from prepcoach.interviews.core import Interview
    from prepcoach.postmortem.core import Postmortem
    from prepcoach.postmortem.plan import ActionPlan

# Prompts the summary shows in its own way (strengths, gaps, concerns, dates).
SUMMARISED = frozenset(
    {"overall_rating", "overall_sentence", "went_well", "went_badly", "concerns", "next_dates"}
)


def bullet(console: Console, marker: str, text: str, indent: int = 2) -> None:
    """A list item whose wrapped lines stay under its text (not under the marker)."""

    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=max(indent - 1, 0), no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("", marker, text)
    console.print(grid, highlight=False)


def render_header(
    console: Console, postmortem: Postmortem, interview: Interview, *, saved: bool = False
) -> None:

    head = "Post-mortem saved" if saved else "Post-mortem"
    status = "" if postmortem.done else " [yellow](unfinished)[/yellow]"
    when = format_when(interview.when) if interview.when else "no date"
    console.print(
        f"[bold]{head}[/bold]: {esc(interview.label())}, {when} "
        f"[dim]({postmortem.id})[/dim]{status}",
        highlight=False,
    )
    overall = f"Overall {rating_text(postmortem.overall_rating)}"
    if postmortem.overall_sentence:
        overall += f': "{esc(postmortem.overall_sentence)}"'
    console.print(overall, highlight=False)


def render_answers(
    console: Console, postmortem: Postmortem, template: PostmortemTemplate | None
) -> None:
    """The answers the summary does not show, under their prompts, in the template's order."""
    prompts = list(template.prompts) if template is not None else []
    for prompt in prompts:
        if prompt.id in SUMMARISED:
            continue
        lines = answer_lines(prompt.kind, postmortem.answers.get(prompt.id))
        if not lines:
            continue
        console.print(f"\n[bold]{esc(prompt.text)}[/bold]", highlight=False)
        for line in lines:
            text = _plain(line)
            marker, _, rest = text.lstrip().partition(" ")
            indent = 2 + len(text) - len(text.lstrip())
            if marker == "-" or marker.rstrip(".").isdigit():
                bullet(console, "•" if marker == "-" else marker, esc(rest), indent=indent)
            else:
                bullet(console, "", esc(text), indent=1)
    known = {p.id for p in prompts}
    for key, value in postmortem.answers.items():
        if key not in known and value not in (None, "", []):
            console.print(f"\n[bold]{esc(key)}[/bold]", highlight=False)
            bullet(console, "", esc(str(value)), indent=1)


def _plain(line: str) -> str:
    """A Markdown line of the report as terminal text."""
    return re.sub(r"\\(.)", r"\1", line).replace("**", "")


def render_summary(
    console: Console,
    postmortem: Postmortem,
    plan: ActionPlan,
    interview: Interview,
    *,
    saved: bool = False,
    header: bool = True,
) -> None:
    """Strengths, gaps, concerns and the action plan."""
    if header:
        render_header(console, postmortem, interview, saved=saved)
    render_findings(console, plan)
    render_plan(console, plan)
    console.print(
        f"\n[dim]The full report: prep postmortem show {interview.id} --format markdown "
        "--out postmortem.md[/dim]",
        highlight=False,
    )


def render_findings(console: Console, plan: ActionPlan) -> None:
    """Strengths to reinforce, gaps, and their concerns with the stories that answer them."""

    def say(text: str = "") -> None:
        console.print(text, highlight=False)

    if plan.strengths:
        say("\n[bold green]Strengths to reinforce[/bold green]")
        for text in plan.strengths:
            bullet(console, "[green]✓[/green]", esc(text))
    if plan.gaps or plan.weak_questions:
        say("\n[bold yellow]Gaps[/bold yellow]")
        for text in plan.gaps:
            bullet(console, "[yellow]![/yellow]", esc(text))
        for q in plan.weak_questions:
            bullet(
                console,
                "[yellow]![/yellow]",
                f'"{esc(q.text)}": you rated your answer {q.rating}/5',
            )
    if plan.concerns:
        say("\n[bold]Their concerns and priorities[/bold]")
        for prep in plan.concerns:
            bullet(console, "•", esc(prep.concern.text))
            for c in prep.competencies:
                if c.covered:
                    titles = ", ".join(f"{esc(s.title)} ({s.id})" for s in c.stories[:3])
                    bullet(console, "→", f"{esc(c.name)}: [green]{titles}[/green]", indent=4)
                else:
                    bullet(console, "→", f"{esc(c.name)}: [yellow]no story yet[/yellow]", indent=4)


def render_plan(console: Console, plan: ActionPlan) -> None:
    """The numbered steps: practise, prepare, write stories, what to say, follow up, dates."""
    console.print("\n[bold]Action plan[/bold]", highlight=False)
    number = 0

    def step(text: str) -> None:
        nonlocal number
        number += 1
        bullet(console, f"{number}.", text)

    due = plan.weak_question_ids
    if due:
        step(
            f"Practise now: {counted(len(due), 'weak question')} {is_are(len(due))} due → "
            "[bold]prep practice --mode weak[/bold]"
        )
    for q in plan.unlinked_weak_questions:
        step(
            f'Prepare "{esc(q.text)}" (your own wording, rated {q.rating}/5) → '
            f"{esc(practice_hint(q.text))}"
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
            "If they ask whether you want to go back over the first interview, "
            f"say something like:\n[italic]{esc(plan.revisit_answer)}[/italic]"
        )
    step(_followup_step(plan))
    if plan.next_dates:
        step("Dates: " + "; ".join(esc(d) for d in plan.next_dates))


def _followup_step(plan: ActionPlan) -> str:
    deadline = plan.followup_deadline
    topics = "; ".join(plan.followup_topics)
    mention = f", mentioning: {esc(topics)}" if topics else ""
    if deadline is None:
        return f"Send the thank-you email within 24 hours of the interview{mention} → prep followup"
    if deadline < clock.now():
        return (
            f"The thank-you email was due {format_when(deadline)}: if you have not sent it, "
            f"send it today{mention} → prep followup"
        )
    return (
        f"Send the thank-you email by {format_when(deadline)} "
        f"({clock.humanize_delta(deadline)}){mention} → prep followup"
    )
