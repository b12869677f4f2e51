"""Editing a record as YAML in the user's editor, checked on save, never losing text.

The text lives in a draft file (`prepcoach.store.drafts`) while it is edited. When it does
not pass the check, the editor opens again with the problems listed at the top (lines
starting with `#! `, with line numbers as the reopened file shows them). Giving up keeps
the draft, and the next edit of the same record starts from it. The caller saves the
record inside `saving`, refusing to overwrite one changed meanwhile: a failure says where
the text is kept, and the draft is discarded once the record is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from prepcoach.cli.editor import run_editor
from prepcoach.cli.inputs import read_text
from prepcoach.kernel.errors import PrepError
from prepcoach.store import drafts

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext

T = TypeVar("T")
ERROR_MARK = "#! "
MAX_ROUNDS = 25

# (text, line offset) -> (the parsed record or None, problems naming lines)
Check = Callable[[str, int], tuple[T | None, list[str]]]


@dataclass(frozen=True, slots=True)
class Wording:
    """What the loop tells the user; the defaults do not name the record.

    `remain` and `reopening` may use `{count}`, the number of problems (tips not counted).
    """

    not_saved: str = "Not saved yet:"
    fix: str = "Fix them and save again; save without changes to stop (your text is kept)."
    emptied: str = "The file was emptied: nothing was changed."
    remain: str = "{count} problem(s) remain"
    reopening: str = "{count} problem(s); reopening the editor."


PLAIN = Wording()


def edit_yaml(
    ctx: AppContext,
    *,
    kind: str,
    record_id: str,
    header: str,
    body: str,
    check: Check[T],
    again: str,
    wording: Wording = PLAIN,
) -> tuple[T, Path] | None:
    """Edit until the text passes `check`; the parsed record and the draft's path, or None
    when the user changed nothing or emptied the file. Save the record inside `saving`.
    """

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
        drafts.save_draft(ctx.home, kind, record_id, error_block(errors, wording) + text)
        run_editor(path)
        edited = strip_errors(read_text(path))
        if not has_content(edited):
            drafts.discard_draft(ctx.home, kind, record_id)
            ctx.console.print(wording.emptied)
            return None
        if edited == original and resumed is None:
            drafts.discard_draft(ctx.home, kind, record_id)
            ctx.console.print("No changes.")
            return None
        if errors and edited == text:
            remain = wording.remain.format(count=problem_count(errors))
            raise PrepError(
                f"not saved: {remain} and the file was not changed. "
                f"Your text is kept in {path}; run '{again}' to continue, or delete that file "
                "to start over"
            )
        text = edited
        parsed, errors = check(text, 0)
        if errors or parsed is None:
            # line numbers as the reopened file will show them, below the problems
            offset = len(error_block(errors, wording).splitlines())
            errors = check(text, offset)[1] or errors
            ctx.err_console.print(
                wording.reopening.format(count=problem_count(errors)),
                highlight=False,
                markup=False,
            )
            continue
        return parsed, path
    raise PrepError(f"gave up after {MAX_ROUNDS} rounds; your text is kept in {path}")


@contextmanager
def saving(ctx: AppContext, kind: str, record_id: str, path: Path, retry: str) -> Iterator[None]:
    """Around saving an edited record: a PrepError says the text is kept in `path`, then
    `retry` (e.g. "run 'prep story edit st-q7hd4a' to apply it"); success discards the draft.
    """
    try:
        yield
    except PrepError as error:
        raise PrepError(f"{error}; your text is kept in {path}: {retry}") from None
    drafts.discard_draft(ctx.home, kind, record_id)


def error_block(errors: list[str], wording: Wording = PLAIN) -> str:
    if not errors:
        return ""
    lines = [wording.not_saved, *(f"  - {e}" for e in errors), wording.fix]
    return "".join(f"{ERROR_MARK}{line}\n" for line in lines)


def problem_count(errors: list[str]) -> int:
    """The problems among `errors`; a line starting with 'tip:' is advice, not a problem."""
    return len([e for e in errors if not e.startswith("tip:")])


def strip_errors(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(ERROR_MARK.rstrip()):
        lines.pop(0)
    return "".join(lines)


def has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())
