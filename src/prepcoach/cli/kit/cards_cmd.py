"""`prep export --anki FILE.apkg` / `--csv FILE.csv`: the questions as flashcards."""

from __future__ import annotations

from pathlib import Path

from prepcoach.cli.context import get_context
from prepcoach.interviews import store as store_iv
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kernel.files import atomic_write
from prepcoach.kit import cards as flashcards
from prepcoach.kit.core import load_kit, practised
from prepcoach.practice import store as ps


def export_cards(*, anki: Path | None, csv_file: Path | None, every: bool, force: bool) -> None:
    """Cards for the likely questions of your next interview and every question you have
    practised (`every`: the whole bank), each with your best answer."""
    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    likely: list[str] = []
    try:
        interview = store_iv.find_interview(store, None)
    except NotFoundError:
        interview = None
    if interview is not None:
        likely = [q.question.id for q in load_kit(store, library, interview).likely]
    done = sorted(ps.practised_ids(store) & set(library.questions))
    questions = flashcards.select_questions(library, practised=done, likely=likely, every=every)
    if not questions:
        raise PrepError(
            "no questions to make cards of yet: practise a few (prep practice), add an "
            "interview (prep interview add), or use --all-questions for the whole bank"
        )
    cards = flashcards.build_cards(questions, practised(store, [q.id for q in questions]))
    answered = sum(1 for c in cards if c.answer)
    summary = f"{len(cards)} card(s), {answered} with your best answer"
    from prepcoach.kernel.files import check_target

    for target in (anki, csv_file):
        if target is not None and target != Path("-"):
            check_target(target, overwrite=force)
    if anki is not None:
        flashcards.write_apkg(cards, anki, work_dir=ctx.home)
        ctx.err_console.print(
            f"Wrote {summary} to {anki} (open it with Anki, or AnkiDroid/AnkiMobile)",
            highlight=False,
        )
    if csv_file is not None:
        text = flashcards.to_csv(cards)
        if str(csv_file) == "-":
            from prepcoach.cli.render import write_out

            write_out(text)
        else:
            atomic_write(csv_file, text, overwrite=True)
            ctx.err_console.print(f"Wrote {summary} to {csv_file}", highlight=False)
