"""Editing a record as YAML in the user's editor, checked on save, never losing text.

The text lives in a draft file (`prepcoach.store.drafts`) while it is edited. When it does
not pass the check, the editor opens again with the problems listed at the top (lines
starting with `#! `, with line numbers as the reopened file shows them). Giving up keeps
the draft, and the next edit of the same record starts from it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from prepcoach.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext

T = TypeVar("T")
ERROR_MARK = "#! "
MAX_ROUNDS = 25

# (text, line offset) -> (the parsed record or None, problems naming lines)
Check = Callable[[str, int], tuple[T | None, list[str]]]


def edit_yaml(
    ctx: AppContext,
    *,
    kind: str,
    record_id: str,
    header: str,
    body: str,
    check: Check[T],
    again: str,
) -> tuple[T, Path] | None:
    """Edit until the text passes `check`; the parsed record and the draft's path, or None
    when the user changed nothing or emptied the file. Discard the draft once it is saved.
    """
    from prepcoach.cli.editor import run_editor
    from prepcoach.cli.inputs import read_text
    from prepcoach.store import drafts

    original = "".join(f"# {line}\n" for line in header.splitlines()) + "\n" + body
    resumed = drafts.load_draft(ctx.home, kind, record_id)
    text = strip_errors(resumed) if resumed is not None else original
    path = drafts.draft_path(ctx.home, kind, record_id)
    if resumed is not None:
        ctx.err_console.print(
            f"Resuming your unsaved edit of {record_id} ({path}).", highlight=False, markup=False
        )
    errors: list[str] = []
    for _round in range(MAX_ROUNDS):
        drafts.save_draft(ctx.home, kind, record_id, error_block(errors) + text)
        run_editor(path)
        edited = strip_errors(read_text(path))
        if not has_content(edited):
            drafts.discard_draft(ctx.home, kind, record_id)
            ctx.console.print("The file was emptied: nothing was changed.")
            return None
        if edited == original and resumed is None:
            drafts.discard_draft(ctx.home, kind, record_id)
            ctx.console.print("No changes.")
            return None
        if errors and edited == text:
            raise PrepError(
                f"not saved: {len(errors)} problem(s) remain and the file was not changed. "
                f"Your text is kept in {path}; run '{again}' to continue, or delete that file "
                "to start over"
            )
        text = edited
        parsed, errors = check(text, 0)
        if errors or parsed is None:
            # line numbers as the reopened file will show them, below the problems
            errors = check(text, len(error_block(errors).splitlines()))[1] or errors
            ctx.err_console.print(
                f"{len(errors)} problem(s); reopening the editor.", highlight=False, markup=False
            )
            continue
        return parsed, path
    raise PrepError(f"gave up after {MAX_ROUNDS} rounds; your text is kept in {path}")


def error_block(errors: list[str]) -> str:
    if not errors:
        return ""
    lines = ["Not saved yet:", *(f"  - {e}" for e in errors)]
    lines.append("Fix them and save again; save without changes to stop (your text is kept).")
    return "".join(f"{ERROR_MARK}{line}\n" for line in lines)


def strip_errors(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(ERROR_MARK.rstrip()):
        lines.pop(0)
    return "".join(lines)


def has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())
