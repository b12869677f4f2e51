"""The story bank on screen: the list, one story, the coverage matrix and the matches.

Imported by the commands when they print (it loads rich).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from prepcoach.cli.render import esc, hanging
from prepcoach.kernel.wording import counted
from prepcoach.stories.core import READY_STORIES

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.content.library import ContentLibrary
    from prepcoach.stories.core import StarStory
    from prepcoach.stories.service import CoverageView, QuestionMatch, StoryDetail, StoryList

WORDS_PER_MINUTE = 140


def story_dict(story: StarStory, uses: int = 0) -> dict[str, Any]:
    return {**asdict(story), "uses": uses}


def length(story: StarStory) -> str:
    words = story.word_count()
    seconds = round(words * 60 / WORDS_PER_MINUTE)
    return f"{words} words, about {seconds // 60}:{seconds % 60:02d} spoken"


# ---------------------------------------------------------------------------- list / show


def story_table(console: Console, found: StoryList) -> None:
    from rich.table import Table  # only when there is a table to show

    table = Table(title=counted(len(found.stories), "story", "stories"), title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("competencies")
    table.add_column("from")
    table.add_column("words", justify="right")
    table.add_column("used", justify="right")
    for story in found.stories:
        origin = story.employer
        if story.interview_id:
            origin += f" (for {found.companies.get(story.interview_id, story.interview_id)})"
        table.add_row(
            story.id,
            esc(story.title),
            ", ".join(story.competencies),
            esc(origin.strip()),
            str(story.word_count()),
            str(found.uses.get(story.id, 0)),
        )
    console.print(table)
    console.print("[dim]Details: prep story show ID[/dim]")


def story_detail(console: Console, library: ContentLibrary, detail: StoryDetail) -> None:
    from rich.table import Table

    story = detail.story
    hanging(console, f"[cyan]{story.id}[/cyan]  ", esc(story.title), style="bold")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    names = [
        library.competencies[c].name if c in library.competencies else c for c in story.competencies
    ]
    grid.add_row("competencies", esc(", ".join(names)))
    template = library.star_templates.get(story.template_id)
    grid.add_row("template", esc(template.title if template else story.template_id))
    if detail.interview is not None:
        grid.add_row("interview", f"{detail.interview.id} {esc(detail.interview.label())}")
    elif story.interview_id:
        grid.add_row("interview", story.interview_id)
    if story.employer:
        grid.add_row("employer", esc(story.employer))
    grid.add_row("length", length(story))
    grid.add_row(
        "practice",
        f"used in {counted(detail.uses, 'answer')}" if detail.uses else "not used yet",
    )
    console.print(grid)
    labels = {p.key: p.label for p in template.parts} if template else {}
    for key in ("situation", "task", "action", "result", "reflection"):
        text = story.part(key)
        if text:
            console.print(f"\n[bold]{labels.get(key, key.title())}[/bold]")
            console.print(text, markup=False, highlight=False)
    if story.notes:
        console.print("\n[bold]Notes[/bold]")
        console.print(story.notes, markup=False, highlight=False)


# ---------------------------------------------------------------------------- coverage


def coverage_data(view: CoverageView) -> dict[str, Any]:
    report = view.report
    return {
        "ready": report.ready,
        "stories": [
            {"id": s.id, "title": s.title, "uses": report.uses[s.id]} for s in report.stories
        ],
        "matrix": {c: list(ids) for c, ids in report.by_competency.items()},
        "uncovered": list(report.uncovered),
        "overused": list(report.overused),
        "distinct": report.distinct,
    }


def coverage_matrix(console: Console, library: ContentLibrary, view: CoverageView) -> None:
    """The competencies down, the stories across, in as many tables as the width needs."""
    from rich.table import Table

    report, stories = view.report, view.stories
    covered = len(library.competencies) - len(report.uncovered)
    labels = {
        comp: library.competencies[comp].name if comp in library.competencies else comp
        for comp in report.competencies
    }
    # Every mark stays on screen: when the stories do not fit side by side, they are shown
    # in groups, one table per group, each as wide as the terminal allows.
    label_width = max([len("used in practice"), *(len(n) for n in labels.values())])
    fixed = label_width + len("stories") + 7  # borders and padding
    per_story = len(str(len(stories))) + 3
    fit = max(1, (console.width - fixed) // per_story)
    numbered = list(enumerate(stories, 1))
    groups = [numbered[i : i + fit] for i in range(0, len(numbered), fit)]
    for group_index, group in enumerate(groups):
        title = (
            f"{counted(len(stories), 'story', 'stories')} "
            f"{'covers' if len(stories) == 1 else 'cover'} {covered} of "
            f"{len(library.competencies)} competencies"
        )
        if len(groups) > 1:
            title += f" (stories {group[0][0]}-{group[-1][0]})"
        table = Table(title=title if group_index == 0 or len(groups) > 1 else None)
        table.title_justify = "left"
        table.add_column("competency", no_wrap=True)
        for number, _story in group:
            table.add_column(str(number), justify="center", no_wrap=True)
        table.add_column("stories", justify="right", no_wrap=True)
        for comp in report.competencies:
            holders = report.by_competency[comp]
            row = ["●" if s.id in holders else "" for _n, s in group]
            style = "dim" if not holders else None
            table.add_row(labels[comp], *row, str(len(holders)) if holders else "-", style=style)
        table.add_section()
        table.add_row(
            "used in practice",
            *(
                f"[red]{report.uses[s.id]}[/red]"
                if s.id in report.overused
                else str(report.uses[s.id])
                for _n, s in group
            ),
            str(sum(report.uses.values())),
        )
        console.print(table)
    for number, story in enumerate(stories, 1):
        console.print(
            f"  {number:>2}  [cyan]{story.id}[/cyan]  {esc(story.title)}", highlight=False
        )
    console.print()


def coverage_verdict(console: Console, library: ContentLibrary, view: CoverageView) -> None:
    """Ready or not, what no story covers, and which stories carry too much practice."""
    report, stories = view.report, view.stories
    if report.ready:
        titles = {s.id: s.title for s in stories}
        chosen = ", ".join(
            f"'{esc(titles[sid])}' ({_competency_name(library, tag)})"
            for sid, tag in list(report.distinct.items())[:READY_STORIES]
        )
        console.print(
            f"[green]Ready[/green]: at least {READY_STORIES} stories cover different "
            f"competencies, e.g. {chosen}.",
            highlight=False,
        )
    else:
        have = len(report.distinct)
        console.print(
            f"[yellow]Not ready yet[/yellow]: you need {READY_STORIES} stories that cover "
            f"different competencies; you have {have}. Add a story for a competency no other "
            "story covers.",
            highlight=False,
        )
    if report.uncovered:
        names = [library.competencies[c].name for c in report.uncovered]
        console.print(f"No story yet for: {', '.join(names)}.", highlight=False)
    for story_id in report.overused:
        story = next(s for s in stories if s.id == story_id)
        console.print(
            f"[yellow]Overused[/yellow]: {story.id} '{esc(story.title)}' carries "
            f"{report.uses[story_id]} of {sum(report.uses.values())} practice answers; "
            "interviewers notice the same story twice, so prepare another for those questions.",
            highlight=False,
        )


def _competency_name(library: ContentLibrary, competency: str) -> str:
    found = library.competencies.get(competency)
    return found.name.lower() if found else competency


# ---------------------------------------------------------------------------- match


def match_data(found: QuestionMatch) -> dict[str, Any]:
    return {
        "question": found.text,
        "question_id": found.source,
        "competencies": list(found.competencies),
        "matches": [
            {
                "id": m.story.id,
                "title": m.story.title,
                "score": m.score,
                "shared": list(m.shared),
                "text_score": m.text_score,
                "uses": m.uses,
            }
            for m in found.ranked
        ],
    }


def match_head(
    console: Console, library: ContentLibrary, found: QuestionMatch, question: str
) -> None:
    """The question, the bank question it was matched to and its competencies."""
    names = {c.id: c.name for c in library.competencies.values()}
    console.print(f"[bold]{esc(found.text)}[/bold]", highlight=False)
    source = found.source
    if source and source != question.strip():
        console.print(
            f"[dim]closest bank question: {source} ({esc(library.questions[source].text)})[/dim]",
            highlight=False,
        )
    if source:
        console.print(
            f"[dim]competencies: "
            f"{', '.join(names.get(c, c) for c in found.competencies) or 'none'}[/dim]",
            highlight=False,
        )
    else:
        console.print("[dim]not a question from the bank: matched on wording only[/dim]")


def match_table(console: Console, library: ContentLibrary, found: QuestionMatch) -> None:
    from rich.table import Table

    names = {c.id: c.name for c in library.competencies.values()}
    table = Table(title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("story")
    table.add_column("shared competencies")
    table.add_column("wording", justify="right")
    table.add_column("used", justify="right")
    for number, m in enumerate(found.ranked, 1):
        table.add_row(
            str(number),
            f"{m.score:.0f}",
            m.story.id,
            esc(m.story.title),
            ", ".join(names.get(c, c) for c in m.shared) or "-",
            f"{m.text_score:.0f}",
            str(m.uses),
        )
    console.print(table)
    if found.ranked and found.ranked[0].score < 40:
        console.print(
            "[yellow]No story fits this question well[/yellow]; consider writing one: "
            "prep story add",
            highlight=False,
        )
