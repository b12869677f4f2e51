"""Unsaved edits, kept in `<home>/drafts/` until they are saved or given up.

When `prep story edit` cannot save what the user typed (invalid, the editor failed, the
story changed meanwhile), the text stays here and the next edit of the same record resumes
from it: typed text is never lost.
"""

from __future__ import annotations

from pathlib import Path

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
