"""`prep ask` in the terminal: browsing and picking, the already-answered warnings, and the
shortlist and the questions on screen (the rules: kit.shortlist_service).

Imported by the command when it runs (it loads the database and content validation).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.padding import Padding
from rich.text import Text

from prepcoach.cli.prompts import Choice
from prepcoach.cli.render import esc, hanging, print_json
from prepcoach.kernel.wording import continued, counted
from prepcoach.kit import shortlist_service as service
from prepcoach.kit.shortlist import (
    SHORTLIST_MAX,
    SHORTLIST_MIN,
    Answered,
    Pick,
    by_category,
    category_label,
    parse_note,
)

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.model import AskQuestion
    from prepcoach.interviews.core import Interview
    from prepcoach.kit.audiences import InterviewerQuestions
    from prepcoach.kit.shortlist import ShortlistEntry
    from prepcoach.kit.shortlist_service import Picker

__all__ = ["choose", "parse_note", "print_browse", "save"]

DONE, CANCEL = "done", "cancel"


# ---------------------------------------------------------------------------- choosing


def choose(
    ctx: AppContext, ask: Prompter, picker: Picker, interview: Interview, category: str | None
) -> list[str] | None:
    """Browse category by category; the ids picked, in order (None: cancelled)."""
    print_for_interviewers(ctx, picker.suggestions)
    ctx.console.print(
        f"[bold]Questions to ask[/bold] at {esc(interview.label())}: pick "
        f"{SHORTLIST_MIN} to {SHORTLIST_MAX}, browsing a category at a time.",
        highlight=False,
    )
    first = category
    while True:
        if picker.picked:
            _print_picked(ctx, picker)
        chosen, first = (first, None) if first is not None else (_category(ask, picker), None)
        if chosen == CANCEL:
            return None
        if chosen == DONE:
            if picker.ready:
                return picker.picked
            ctx.console.print(
                f"[yellow]Pick {SHORTLIST_MIN} to {SHORTLIST_MAX} questions[/yellow] "
                f"(you have {len(picker.picked)}): two or three get asked, and one may be "
                "answered before you get to it.",
                highlight=False,
            )
            continue
        questions = picker.groups.get(str(chosen), [])
        ticked = ask.checkbox(
            "ask.pick",
            f"{service.group_label(str(chosen))}: tick the ones to ask",
            [
                Choice(q.text, q.id, description=f"Shows {continued(q.demonstrates)}")
                for q in questions
            ],
            checked=picker.picked_in(str(chosen)),
        )
        picker.tick(str(chosen), ticked)


def _category(ask: Prompter, picker: Picker) -> str:
    """The category to browse next, or DONE or CANCEL."""
    choices = [
        Choice(f"{service.group_label(cat)} ({len(qs)})" + _count(picker.picked_in(cat)), cat)
        for cat, qs in picker.groups.items()
    ]
    have = len(picker.picked)
    done = (
        f"Done: save these {have}"
        if picker.ready
        else f"Done (pick {SHORTLIST_MIN}-{SHORTLIST_MAX}; you have {have})"
    )
    choices.append(Choice(done, DONE))
    choices.append(Choice("Cancel: keep the shortlist as it was", CANCEL))
    chosen: str = ask.select(
        "ask.category",
        "Browse a category, or finish:",
        choices,
        default=DONE if picker.ready else None,
    )
    return chosen


def _count(picked: list[str]) -> str:
    return f"  ✓ {len(picked)}" if picked else ""


def _print_picked(ctx: AppContext, picker: Picker) -> None:
    ctx.console.print(f"[dim]Picked {len(picker.picked)}:[/dim]", highlight=False)
    for number, qid in enumerate(picker.picked, 1):
        hanging(ctx.console, f"[dim]  {number}.[/dim] ", f"[dim]{esc(picker.text(qid))}[/dim]")


# ---------------------------------------------------------------------------- saving


def save(ctx: AppContext, interview: Interview, picks: list[Pick], ask: Prompter | None) -> None:
    """Check, warn about picks already answered, save and show the shortlist."""
    library = ctx.library()

    def keep(found: Answered) -> bool:
        question = library.ask_questions[found.ask_question_id]
        ctx.err_console.print(
            f"[yellow]Warning[/yellow]: '{esc(question.text)}' may already be answered; "
            f'your post-mortem notes say: "{esc(found.note)}"',
            highlight=False,
        )
        return ask is None or ask.confirm("ask.keep", "  Keep it anyway?", default=False)

    saved = service.save(ctx.store(), library, interview, picks, keep)
    _print_shortlist(ctx, interview, saved.entries, answered=saved.answered)


def _print_shortlist(
    ctx: AppContext,
    interview: Interview,
    entries: list[ShortlistEntry],
    *,
    answered: list[Answered],
) -> None:
    library = ctx.library()
    console = ctx.console
    console.print(
        f"Saved {counted(len(entries), 'question')} to ask at {esc(interview.label())}:",
        highlight=False,
    )
    flagged = {a.ask_question_id for a in answered}
    for number, entry in enumerate(entries, 1):
        question = library.ask_questions.get(entry.ask_question_id)
        text = question.text if question else f"{entry.ask_question_id} (no longer in content)"
        mark = (
            " [yellow](may be answered already)[/yellow]"
            if entry.ask_question_id in flagged
            else ""
        )
        _indented(ctx, f"{number}. {esc(text)}{mark}", 2, hang=3)
        if question is not None:
            _indented(
                ctx,
                f"[dim]{category_label(question.category)} · shows "
                f"{esc(continued(question.demonstrates))}[/dim]",
                5,
            )
        if entry.note:
            _indented(ctx, f"note: {esc(entry.note)}", 5)
    if any(
        "[" in library.ask_questions[e.ask_question_id].text
        for e in entries
        if e.ask_question_id in library.ask_questions
    ):
        console.print(
            "[dim]Fill in the part in \\[brackets] from your research (prep research show).[/dim]",
            highlight=False,
        )
    console.print(
        "[dim]They are offered at the end of a mock interview and printed on the prep sheet "
        "(prep sheet).[/dim]",
        highlight=False,
    )


# ---------------------------------------------------------------------------- browsing


def print_browse(
    ctx: AppContext,
    questions: dict[str, AskQuestion],
    stage: str | None,
    category: str | None,
    current: list[ShortlistEntry],
    *,
    as_json: bool,
    suggestions: Sequence[InterviewerQuestions] = (),
) -> None:
    groups = by_category(questions.values(), stage=stage, category=category)
    picked = {e.ask_question_id: e for e in current}
    if as_json:
        print_json(
            {
                "shortlist": [
                    {"id": e.ask_question_id, "note": e.note, "position": e.position}
                    for e in current
                ],
                "categories": {
                    cat: [_question_dict(q, q.id in picked) for q in qs]
                    for cat, qs in groups.items()
                },
                "interviewers": [
                    {
                        "name": s.name,
                        "title": s.title,
                        "audience": s.audience,
                        "reading": s.reading,
                        "focus": s.focus,
                        "questions": [q.id for q in s.questions],
                    }
                    for s in suggestions
                ],
            }
        )
        return
    console = ctx.console
    for cat, qs in groups.items():
        console.print(f"\n[bold]{category_label(cat)}[/bold]", highlight=False)
        for q in qs:
            mark = "[green]✓[/green] " if q.id in picked else "  "
            console.print(f"{mark}[cyan]{q.id}[/cyan]", highlight=False)
            _indented(ctx, esc(q.text), 4)
            _indented(ctx, f"[dim]shows {esc(continued(q.demonstrates))}[/dim]", 4)
    print_for_interviewers(ctx, suggestions)
    total = sum(len(qs) for qs in groups.values())
    rounds = {"first": "a first round", "second": "a second round", "final": "a final round"}
    console.print(
        f"\n[dim]{counted(total, 'question')}{f' for {rounds[stage]}' if stage in rounds else ''}; "
        f"{len(current)} on your shortlist.[/dim]",
        highlight=False,
    )


def print_for_interviewers(ctx: AppContext, suggestions: Sequence[InterviewerQuestions]) -> None:
    """Per interviewer, from their recorded title: what they listen for, and questions."""
    if not suggestions:
        return
    ctx.console.print("\n[bold]For your interviewers[/bold]", highlight=False)
    for found in suggestions:
        title = f" ({esc(found.title)})" if found.title.strip() else ""
        ctx.console.print(
            f"  {esc(found.name)}{title} [dim]· {esc(found.reading)}[/dim]", highlight=False
        )
        if found.focus:
            _indented(ctx, f"[dim]listens for {esc(found.focus)}[/dim]", 4)
        for q in found.questions:
            mark = "[green]✓[/green] " if q.id in found.shortlisted else "  "
            _indented(ctx, f"{mark}{esc(q.text)} [dim]({q.id})[/dim]", 4, hang=2)


def _question_dict(question: AskQuestion, picked: bool) -> dict[str, Any]:
    return {
        "id": question.id,
        "text": question.text,
        "category": question.category,
        "demonstrates": question.demonstrates,
        "stages": list(question.stages),
        "picked": picked,
    }


def _indented(ctx: AppContext, markup: str, indent: int, hang: int = 0) -> None:
    """Print markup wrapped to the terminal, every line indented (and wrapped lines `hang`
    further, under the text after a list number)."""
    text = Text.from_markup(markup)
    if not hang:
        ctx.console.print(Padding(text, (0, 0, 0, indent), expand=False), highlight=False)
        return
    lines = text.wrap(ctx.console, max(20, ctx.console.width - indent - hang))
    for number, line in enumerate(lines):
        pad = indent if number == 0 else indent + hang
        ctx.console.print(Padding(line, (0, 0, 0, pad), expand=False), highlight=False)
