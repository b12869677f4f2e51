"""Editing text in the user's editor: which editor (the way git chooses: $VISUAL, $EDITOR,
then a default), running it, and the one loop every edit goes through."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TypeVar

from prepcoach.cli.inputs import read_text
from prepcoach.data.drafts import EditDraft
from prepcoach.kernel.errors import PrepError

T = TypeVar("T")

FALLBACKS = ("editor", "nano", "vim", "vi")


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value, posix=os.name != "nt")
    if sys.platform == "win32":
        return ["notepad"]
    for name in FALLBACKS:
        found = shutil.which(name)
        if found:
            return [found]
    raise PrepError("no text editor found; set EDITOR, e.g. export EDITOR=nano")


def run_editor(path: Path) -> None:
    """Wait for the editor to close `path`; a failure says where the text is kept."""
    command = [*editor_command(), str(path)]
    try:
        result = subprocess.run(command, check=False)
    except OSError as error:
        raise PrepError(
            f"cannot start the editor '{command[0]}': {error.strerror or error}; "
            f"set EDITOR to one that works (your text is kept in {path})"
        ) from None
    if result.returncode != 0:
        raise PrepError(
            f"the editor '{command[0]}' exited with code {result.returncode}; "
            f"nothing was saved (your text is kept in {path})"
        )


# ---------------------------------------------------------------------------- the edit loop
#
# Every edit in the user's editor goes through `edit_once` (write a draft, open it, read it
# back) or `edit_until_valid` (the same, again and again with the problems listed at the top,
# until the text passes a check): the YAML edit of a record (`cli.yaml_edit`) and the edit of
# a follow-up email both use the one loop, each with its own wording.

ERROR_MARK = "#! "

# (text, line offset) -> (the parsed value or None, problems naming lines)
Check = Callable[[str, int], tuple[T | None, list[str]]]


@dataclass(frozen=True, slots=True)
class Retry:
    """What the loop says about problems: the lines above the reopened text (each starting
    with ERROR_MARK), the error when the text is saved again unchanged, the note on
    reopening, and how many rounds it allows."""

    block: Callable[[list[str]], str]
    stuck: Callable[[list[str], Path], str]
    reopening: Callable[[list[str]], str]
    rounds: int = 25


class Outcome(Enum):
    EMPTIED = "emptied"  # the user emptied the file: cancel
    UNCHANGED = "unchanged"  # saved as it was first shown: nothing to do


def edit_once(draft: EditDraft, text: str, *, resume: bool = False) -> str:
    """Write `text` to the draft (with `resume`, keep the draft already there), open it in the
    editor, and return what was saved without its comment lines (those starting with #)."""
    if not resume or draft.load() is None:
        draft.save(text)
    run_editor(draft.path)
    saved = draft.load() or ""
    return "\n".join(line for line in saved.splitlines() if not line.startswith("#")).strip()


def edit_until_valid(
    draft: EditDraft,
    text: str,
    check: Check[T],
    retry: Retry,
    *,
    say: Callable[[str], None],
    original: str | None = None,
) -> T | Outcome:
    """Edit `text` in the draft until it passes `check`: the parsed value, or an Outcome when
    the file was emptied or saved as `original` (both discard the draft). The draft is kept
    otherwise (discard it once the value is saved); a failure says where it is."""
    errors: list[str] = []
    for _round in range(retry.rounds):
        draft.save(retry.block(errors) + text)
        run_editor(draft.path)
        edited = strip_errors(read_text(draft.path))
        if not has_content(edited):
            draft.discard()
            return Outcome.EMPTIED
        if original is not None and edited == original:
            draft.discard()
            return Outcome.UNCHANGED
        if errors and edited == text:
            raise PrepError(retry.stuck(errors, draft.path))
        text = edited
        parsed, errors = check(text, 0)
        if errors or parsed is None:
            # line numbers as the reopened file will show them, below the problems
            offset = len(retry.block(errors).splitlines())
            errors = check(text, offset)[1] or errors
            say(retry.reopening(errors))
            continue
        return parsed
    raise PrepError(f"gave up after {retry.rounds} rounds; your text is kept in {draft.path}")


def strip_errors(text: str) -> str:
    """The text without the problems the loop put at its top."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(ERROR_MARK.rstrip()):
        lines.pop(0)
    return "".join(lines)


def has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())
