"""Typed text and edited records, kept as drafts in the home until they are saved.

`typed_keeper` keeps what is typed at prompts in one run; `EditDraft` is the draft file of one
record being edited in the user's editor (see `prepcoach.store.drafts` for where they live).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prepcoach.store import drafts
from prepcoach.store.drafts import TypedKeeper

__all__ = ["EditDraft", "TypedKeeper", "typed_keeper"]


def typed_keeper(home: Path) -> TypedKeeper:
    """What is typed at prompts in this run, kept as drafts until a commit saves it."""
    return TypedKeeper(home)


@dataclass(frozen=True, slots=True)
class EditDraft:
    """The draft of one record being edited (`<home>/drafts/KIND-ID.yaml`): kept until the
    record is saved or the edit is given up, so that typed text is never lost."""

    home: Path
    kind: str
    record_id: str

    @property
    def path(self) -> Path:
        return drafts.draft_path(self.home, self.kind, self.record_id)

    def load(self) -> str | None:
        return drafts.load_draft(self.home, self.kind, self.record_id)

    def save(self, text: str) -> Path:
        return drafts.save_draft(self.home, self.kind, self.record_id, text)

    def discard(self) -> None:
        drafts.discard_draft(self.home, self.kind, self.record_id)
