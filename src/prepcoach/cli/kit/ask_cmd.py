"""`prep ask`: browse the questions to ask by category and pick a shortlist for an interview.

The run:
1. find the interview (the current one by default) and its current shortlist;
2. with --pick, check and save that list; in a terminal, browse category by category and
   tick questions until 3-5 are picked; otherwise just show the questions and the list;
3. warn about picks the first round's post-mortem notes already answer (a terminal asks
   whether to keep them), save, and show the shortlist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice, load_answers
from prepcoach.cli.options import AnswersOption, InterviewArgument, JsonOption
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel.errors import NotFoundError, PrepError

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.model import AskQuestion
    from prepcoach.interviews.core import Interview
    from prepcoach.kit.audiences import InterviewerQuestions
    from prepcoach.kit.shortlist import Answered, Pick
    from prepcoach.kit.shortlist_store import ShortlistEntry

DONE, CANCEL = "done", "cancel"
SUGGESTED = "for-your-interviewers"  # the browse group of the questions suggested per person


def ask(
    query: InterviewArgument = None,
    pick: Annotated[
        list[str] | None,
        typer.Option(
            "--pick",
            "-p",
            metavar="ID",
            help="Set the shortlist without prompts: repeat for each question (3-5), in order.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option(
            "--note",
            metavar="ID=TEXT",
            help="A note to tailor a picked question, e.g. ask-team-changes='after the merger'.",
            show_default=False,
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="Only this category, e.g. team or growth."),
    ] = None,
    browse: Annotated[
        bool, typer.Option("--list", help="Only list the questions by category; pick nothing.")
    ] = False,
    answers: AnswersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Questions to ask the interviewer: browse them by category and pick 3-5 to ask.

    Each question comes with what asking it shows about you. The shortlist is saved for the
    interview, offered at the end of a mock interview and printed on the prep sheet.

    Example: prep ask acme   (or: prep ask --pick ask-closest-colleagues --pick ...)
    """
    from prepcoach.cli.prompts import make_prompter
    from prepcoach.content.model import ASK_CATEGORIES
    from prepcoach.interviews import store as store_iv
    from prepcoach.kit import shortlist_store as shortlists
    from prepcoach.kit.shortlist import Pick

    ctx = get_context()
    library = ctx.library()
    check_choice("--category", category, ASK_CATEGORIES)
    store = ctx.store()
    interview: Interview | None
    try:
        interview = store_iv.find_interview(store, query)
    except NotFoundError:
        if query is not None or pick or not (browse or as_json):
            raise
        interview = None  # browsing needs no interview
    current = shortlists.get_shortlist(store, interview.id) if interview is not None else []
    stage = interview.stage if interview is not None else None
    if browse or (interview is None and as_json):
        _print_browse(
            ctx,
            library.ask_questions,
            stage,
            category,
            current,
            as_json=as_json,
            interview=interview,
        )
        return
    assert interview is not None
    notes = dict(_parse_note(n) for n in note or [])
    if pick:
        picks = [Pick(qid, notes.get(qid, "")) for qid in pick]
        _save(ctx, interview, picks, ask=None)
        return
    prompter = make_prompter(load_answers(answers))
    if not prompter.interactive and answers is None:
        if notes:
            picks = [Pick(e.ask_question_id, notes.get(e.ask_question_id, e.note)) for e in current]
            _save(ctx, interview, picks, ask=None)
            return
        _print_browse(
            ctx,
            library.ask_questions,
            stage,
            category,
            current,
            as_json=as_json,
            interview=interview,
        )
        if not as_json:
            ctx.console.print(
                "[dim]Pick in a terminal with 'prep ask', or: prep ask --pick ID --pick ID "
                "--pick ID[/dim]",
                highlight=False,
            )
        return
    from prepcoach.cli.keep import keeping

    keeper = keeping(ctx, "ask", interview.id, prompter, command=f"prep ask {interview.id}")
    picked = _choose(ctx, keeper, interview, current, category)
    if picked is None:
        keeper.done()
        ctx.console.print("Nothing changed.")
        return
    picks = [Pick(qid, notes.get(qid, _note_of(current, qid))) for qid in picked]
    _save(ctx, interview, picks, ask=keeper)
    keeper.done()


def _note_of(entries: list[ShortlistEntry], qid: str) -> str:
    return next((e.note for e in entries if e.ask_question_id == qid), "")


def _parse_note(spec: str) -> tuple[str, str]:
    from prepcoach.kit.shortlist import parse_note

    return parse_note(spec)


# ---------------------------------------------------------------------------- choosing


def _choose(
    ctx: AppContext,
    ask: Prompter,
    interview: Interview,
    current: list[ShortlistEntry],
    category: str | None,
) -> list[str] | None:
    """Browse category by category; the ids picked, in order (None: cancelled)."""
    from prepcoach.cli.prompts import Choice
    from prepcoach.kit.shortlist import SHORTLIST_MAX, SHORTLIST_MIN, by_category

    library = ctx.library()
    console = ctx.console
    groups = by_category(library.ask_questions.values(), stage=interview.stage)
    suggested = {q.id: q for s in _suggestions(ctx, interview, current) for q in s.questions}
    if suggested:
        groups = {SUGGESTED: list(suggested.values()), **groups}
    picked = [e.ask_question_id for e in current if e.ask_question_id in library.ask_questions]
    _print_for_interviewers(ctx, interview, current)
    console.print(
        f"[bold]Questions to ask[/bold] at {esc(interview.label())}: pick "
        f"{SHORTLIST_MIN} to {SHORTLIST_MAX}, browsing a category at a time.",
        highlight=False,
    )
    first = category
    while True:
        if picked:
            _print_picked(ctx, picked)
        if first is not None:
            chosen, first = first, None
        else:
            choices = [
                Choice(
                    f"{_group_label(cat)} ({len(qs)})" + _count_in(picked, {q.id for q in qs}),
                    cat,
                )
                for cat, qs in groups.items()
            ]
            ready = SHORTLIST_MIN <= len(picked) <= SHORTLIST_MAX
            choices.append(
                Choice(
                    f"Done: save these {len(picked)}"
                    if ready
                    else f"Done (pick {SHORTLIST_MIN}-{SHORTLIST_MAX}; you have {len(picked)})",
                    DONE,
                )
            )
            choices.append(Choice("Cancel: keep the shortlist as it was", CANCEL))
            chosen = ask.select(
                "ask.category",
                "Browse a category, or finish:",
                choices,
                default=DONE if ready else None,
            )
        if chosen == CANCEL:
            return None
        if chosen == DONE:
            if SHORTLIST_MIN <= len(picked) <= SHORTLIST_MAX:
                return picked
            console.print(
                f"[yellow]Pick {SHORTLIST_MIN} to {SHORTLIST_MAX} questions[/yellow] "
                f"(you have {len(picked)}): two or three get asked, and one may be answered "
                "before you get to it.",
                highlight=False,
            )
            continue
        questions = groups.get(str(chosen), [])
        in_group = {q.id for q in questions}
        ticked = ask.checkbox(
            "ask.pick",
            f"{_group_label(str(chosen))}: tick the ones to ask",
            [Choice(q.text, q.id, description=f"Shows: {q.demonstrates}") for q in questions],
            checked=[qid for qid in picked if qid in in_group],
        )
        picked = [qid for qid in picked if qid not in in_group or qid in ticked]
        picked += [qid for qid in ticked if qid not in picked]


def _group_label(group: str) -> str:
    from prepcoach.kit.shortlist import category_label

    return "Suggested for your interviewers" if group == SUGGESTED else category_label(group)


def _count_in(picked: list[str], ids: set[str]) -> str:
    count = sum(1 for qid in picked if qid in ids)
    return f"  ✓ {count}" if count else ""


def _print_picked(ctx: AppContext, picked: list[str]) -> None:
    library = ctx.library()
    ctx.console.print(f"[dim]Picked {len(picked)}:[/dim]", highlight=False)
    for number, qid in enumerate(picked, 1):
        text = library.ask_questions[qid].text if qid in library.ask_questions else qid
        ctx.console.print(f"[dim]  {number}. {esc(text)}[/dim]", highlight=False)


# ---------------------------------------------------------------------------- saving


def _save(ctx: AppContext, interview: Interview, picks: list[Pick], ask: Prompter | None) -> None:
    """Check, warn about picks already answered, save and show the shortlist."""
    from prepcoach.interviews import store as store_iv
    from prepcoach.kit import shortlist as core
    from prepcoach.kit import shortlist_store as shortlists
    from prepcoach.kit.core import load_postmortem, postmortem_notes, previous_round

    library = ctx.library()
    store = ctx.store()
    picks = core.check(picks, library.ask_questions)
    previous = previous_round(store_iv.list_interviews(store), interview)
    notes = postmortem_notes(load_postmortem(store, previous))
    answered = [
        found
        for p in picks
        if (found := core.already_answered(library.ask_questions[p.ask_question_id], notes))
    ]
    dropped: set[str] = set()
    for found in answered:
        question = library.ask_questions[found.ask_question_id]
        ctx.err_console.print(
            f"[yellow]Warning[/yellow]: '{esc(question.text)}' may already be answered; "
            f'your post-mortem notes say: "{esc(found.note)}"',
            highlight=False,
        )
        if ask is not None and not ask.confirm("ask.keep", "  Keep it anyway?", default=False):
            dropped.add(found.ask_question_id)
    if dropped:
        kept = [p for p in picks if p.ask_question_id not in dropped]
        if len(kept) < core.SHORTLIST_MIN:
            raise PrepError(
                f"only {len(kept)} question(s) left after dropping those already answered; "
                f"run 'prep ask {interview.id}' again and pick {core.SHORTLIST_MIN} or more"
            )
        picks = kept
    saved = shortlists.set_shortlist(store, interview.id, picks)
    _print_shortlist(
        ctx, interview, saved, answered=[a for a in answered if a.ask_question_id not in dropped]
    )


def _print_shortlist(
    ctx: AppContext,
    interview: Interview,
    entries: list[ShortlistEntry],
    *,
    answered: list[Answered],
) -> None:
    from prepcoach.kit.shortlist import category_label

    library = ctx.library()
    console = ctx.console
    console.print(
        f"Saved {len(entries)} question(s) to ask at {esc(interview.label())}:",
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
                f"[dim]{category_label(question.category)} · shows: "
                f"{esc(question.demonstrates)}[/dim]",
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
        "[dim]They are offered at the end of a mock interview and printed on: prep sheet[/dim]",
        highlight=False,
    )


# ---------------------------------------------------------------------------- browsing


def _print_browse(
    ctx: AppContext,
    questions: dict[str, AskQuestion],
    stage: str | None,
    category: str | None,
    current: list[ShortlistEntry],
    *,
    as_json: bool,
    interview: Interview | None = None,
) -> None:
    from prepcoach.kit.shortlist import by_category, category_label

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
                    for s in _suggestions(ctx, interview, current)
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
            _indented(ctx, f"[dim]shows: {esc(q.demonstrates)}[/dim]", 4)
    _print_for_interviewers(ctx, interview, current)
    total = sum(len(qs) for qs in groups.values())
    rounds = {"first": "a first round", "second": "a second round", "final": "a final round"}
    console.print(
        f"\n[dim]{total} question(s){f' for {rounds[stage]}' if stage in rounds else ''}; "
        f"{len(current)} on your shortlist.[/dim]",
        highlight=False,
    )


def _suggestions(
    ctx: AppContext, interview: Interview | None, current: list[ShortlistEntry]
) -> list[InterviewerQuestions]:
    from prepcoach.kit.audiences import suggest_for_interview

    if interview is None:
        return []
    return suggest_for_interview(
        interview, ctx.library(), shortlist=[e.ask_question_id for e in current]
    )


def _print_for_interviewers(
    ctx: AppContext, interview: Interview | None, current: list[ShortlistEntry]
) -> None:
    """Per interviewer, from their recorded title: the questions that suit them."""
    suggestions = _suggestions(ctx, interview, current)
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
    from rich.padding import Padding
    from rich.text import Text

    text = Text.from_markup(markup)
    if not hang:
        ctx.console.print(Padding(text, (0, 0, 0, indent), expand=False), highlight=False)
        return
    lines = text.wrap(ctx.console, max(20, ctx.console.width - indent - hang))
    for number, line in enumerate(lines):
        pad = indent if number == 0 else indent + hang
        ctx.console.print(Padding(line, (0, 0, 0, pad), expand=False), highlight=False)
