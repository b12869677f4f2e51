"""`prep export --anki FILE.apkg` / `--csv FILE.csv`: the questions as flashcards.

The `export` command (cli/data_cmd.py) hands these two options here, and only then loads
this module; the cards come from `prepcoach.kit.service.deck`.
"""

from __future__ import annotations

from pathlib import Path

from prepcoach.cli.context import get_context
from prepcoach.cli.render import write_out
from prepcoach.kernel.files import atomic_write, check_target
from prepcoach.kit import cards as flashcards
from prepcoach.kit import service


def export_cards(*, anki: Path | None, csv_file: Path | None, every: bool, force: bool) -> None:
    """Cards for the likely questions of your next interview and every question you have
    practised (`every`: the whole bank), each with your best answer."""
    ctx = get_context()
    made = service.deck(ctx.store(), ctx.library(), every=every)
    for target in (anki, csv_file):
        if target is not None and target != Path("-"):
            check_target(target, overwrite=force)
    if anki is not None:
        flashcards.write_apkg(made.cards, anki, work_dir=ctx.home)
        ctx.err_console.print(
            f"Wrote {made.summary} to {anki} (open it with Anki, or AnkiDroid/AnkiMobile)",
            highlight=False,
        )
    if csv_file is not None:
        text = flashcards.to_csv(made.cards)
        if str(csv_file) == "-":
            write_out(text)
        else:
            atomic_write(csv_file, text, overwrite=True)
            ctx.err_console.print(f"Wrote {made.summary} to {csv_file}", highlight=False)
