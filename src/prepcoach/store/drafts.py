"""Unsaved edits, kept in `<home>/drafts/` until they are saved or given up.

When `prep story edit` cannot save what the user typed (invalid, the editor failed, the
story changed meanwhile), the text stays here and the next edit of the same record resumes
from it: typed text is never lost.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from prepcoach.kernel import clock
from prepcoach.kernel.files import atomic_write


def draft_path(home: Path, kind: str, record_id: str) -> Path:
    return home / "drafts" / f"{kind}-{record_id}.yaml"


def save_draft(home: Path, kind: str, record_id: str, text: str) -> Path:
    return atomic_write(draft_path(home, kind, record_id), text, create_folder=True)


def load_draft(home: Path, kind: str, record_id: str) -> str | None:
    try:
        return draft_path(home, kind, record_id).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def discard_draft(home: Path, kind: str, record_id: str) -> None:
    draft_path(home, kind, record_id).unlink(missing_ok=True)


# ---------------------------------------------------------------------------- typed text
#
# Every text typed at a prompt (an answer, a STAR part, a story part, a post-mortem answer,
# notes) is kept in `<home>/drafts/typed-<key>.json` as soon as it is submitted, and what is
# still in the prompt when prep is stopped (Ctrl-C, a closed terminal, SIGTERM). The next time
# the same prompt is asked, the text is offered back; once a write to the database has
# succeeded after it was typed, it is saved, and its draft is removed.


@dataclass(frozen=True, slots=True)
class TypedDraft:
    key: str
    prompt: str  # the prompt's stable name, e.g. "practice.answer"
    message: str  # what was asked
    text: str
    kept_at: str  # ISO time, UTC


def typed_key(prompt: str, message: str) -> str:
    return hashlib.sha256(f"{prompt}\0{message}".encode()).hexdigest()[:16]


def typed_path(home: Path, key: str) -> Path:
    return home / "drafts" / f"typed-{key}.json"


def keep_typed(home: Path, prompt: str, message: str, text: str) -> TypedDraft | None:
    """Keep `text` as typed at `prompt` (an empty text removes the draft); the draft kept."""
    key = typed_key(prompt, message)
    if not text.strip():
        typed_path(home, key).unlink(missing_ok=True)
        return None
    draft = TypedDraft(key, prompt, message, text, clock.now().isoformat(timespec="seconds"))
    record = {"prompt": prompt, "message": message, "text": text, "kept_at": draft.kept_at}
    atomic_write(typed_path(home, key), json.dumps(record, ensure_ascii=False), create_folder=True)
    return draft


def _read(file: Path) -> TypedDraft | None:
    try:
        record = json.loads(file.read_text(encoding="utf-8"))
        return TypedDraft(
            file.stem.removeprefix("typed-"),
            str(record["prompt"]),
            str(record["message"]),
            str(record["text"]),
            str(record["kept_at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def typed_draft(home: Path, prompt: str, message: str) -> TypedDraft | None:
    """The text kept for this prompt, or None."""
    return _read(typed_path(home, typed_key(prompt, message)))


def typed_drafts(home: Path) -> list[TypedDraft]:
    """Every typed draft in the home, oldest first."""
    found = [d for f in (home / "drafts").glob("typed-*.json") if (d := _read(f)) is not None]
    return sorted(found, key=lambda d: d.kept_at)


def discard_typed(home: Path, key: str) -> None:
    typed_path(home, key).unlink(missing_ok=True)


class TypedKeeper:
    """The typed drafts of one run: kept as typed, removed once a later commit saved them."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.pending: dict[str, TypedDraft] = {}  # kept since the last successful commit

    def keep(self, prompt: str, message: str, text: str) -> TypedDraft | None:
        draft = keep_typed(self.home, prompt, message, text)
        if draft is None:
            self.pending.pop(typed_key(prompt, message), None)
        else:
            self.pending[draft.key] = draft
        return draft

    def saved(self) -> None:
        """A write to the database succeeded: what was typed before it is saved now."""
        for key in list(self.pending):
            discard_typed(self.home, key)
        self.pending.clear()
