"""Editing a record as YAML in the user's editor, checked on save, never losing text.

The text lives in a draft file (`prepcoach.data.drafts.EditDraft`) while it is edited, and
the editor loop is the one in `cli.editor`. When it does
not pass the check, the editor opens again with the problems listed at the top (lines
starting with `#! `, with line numbers as the reopened file shows them). Giving up keeps
the draft, and the next edit of the same record starts from it. The caller saves the
record inside `saving`, refusing to overwrite one changed meanwhile: a failure says where
the text is kept, and the draft is discarded once the record is saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from prepcoach.cli.editor import ERROR_MARK, Check, Outcome, Retry, edit_until_valid, strip_errors
from prepcoach.data.drafts import EditDraft
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext

T = TypeVar("T")
MAX_ROUNDS = 25


@dataclass(frozen=True, slots=True)
class Wording:
    """What the loop tells the user; the defaults do not name the record.

    `remain` and `reopening` may use `{problems}`, the number of problems as words ("1
    problem", "2 problems"; tips not counted).
    """

    not_saved: str = "Not saved yet:"
    fix: str = "Fix them and save again; save without changes to stop (your text is kept)."
    emptied: str = "The file was emptied: nothing was changed."
    remain: str = "{problems} left"
    reopening: str = "{problems}; reopening the editor."


PLAIN = Wording()


def _problems(errors: list[str]) -> str:
    from prepcoach.kernel.wording import counted

    return counted(problem_count(errors), "problem")


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
    draft = EditDraft(ctx.home, kind, record_id)
    resumed = draft.load()
    if resumed is not None:
        ctx.err_console.print(
            f"Resuming your unsaved edit of {record_id} ({draft.path}).",
            highlight=False,
            markup=False,
        )
    result = edit_until_valid(
        draft,
        strip_errors(resumed) if resumed is not None else original,
        check,
        _retry(wording, again),
        say=lambda text: ctx.err_console.print(text, highlight=False, markup=False),
        original=original if resumed is None else None,
    )
    if result is Outcome.EMPTIED:
        ctx.console.print(wording.emptied)
        return None
    if result is Outcome.UNCHANGED:
        ctx.console.print("No changes.")
        return None
    assert not isinstance(result, Outcome)
    return result, draft.path


def _retry(wording: Wording, again: str) -> Retry:
    def stuck(errors: list[str], path: Path) -> str:
        remain = wording.remain.format(problems=_problems(errors))
        return (
            f"not saved: {remain} and the file was not changed. "
            f"Your text is kept in {path}; run '{again}' to continue, or delete that file "
            "to start over"
        )

    return Retry(
        block=lambda errors: error_block(errors, wording),
        stuck=stuck,
        reopening=lambda errors: wording.reopening.format(problems=_problems(errors)),
        rounds=MAX_ROUNDS,
    )


@contextmanager
def saving(ctx: AppContext, kind: str, record_id: str, path: Path, retry: str) -> Iterator[None]:
    """Around saving an edited record: a PrepError says the text is kept in `path`, then
    `retry` (e.g. "run 'prep story edit st-q7hd4a' to apply it"); success discards the draft.
    """
    try:
        yield
    except PrepError as error:
        raise PrepError(f"{error}; your text is kept in {path}: {retry}") from None
    EditDraft(ctx.home, kind, record_id).discard()


def error_block(errors: list[str], wording: Wording = PLAIN) -> str:
    if not errors:
        return ""
    lines = [wording.not_saved, *(f"  - {e}" for e in errors), wording.fix]
    return "".join(f"{ERROR_MARK}{line}\n" for line in lines)


def problem_count(errors: list[str]) -> int:
    """The problems among `errors`; a line starting with 'tip:' is advice, not a problem."""
    return len([e for e in errors if not e.startswith("tip:")])
