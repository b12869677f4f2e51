"""Typed text and edited records, kept as drafts in the home until they are saved: the one
place that decides what is kept, offered back, and let go.

Two kinds of draft live under `<home>/drafts/` (files written by `prepcoach.store.drafts`):

- **typed drafts**, one per prompt (its name and what it asked): every text as it is
  submitted, and what is still in the prompt when prep is stopped. The next time the same
  prompt is asked, the draft is offered back.
- **record drafts**, one per record a command builds from several answers (a salary range, a
  shortlist): every answer given so far, offered as the defaults on the next run.

A typed draft is removed exactly when the text it holds is saved: after each commit, the rows
that commit wrote are read back (`store.drafts.written_texts`), and a draft whose words one of
them holds (spacing aside, inside JSON columns too) is done. A draft typed for a record is also
done when the command says its record is saved (`record_saved`), since a command may store
what it was told in another shape (a date, a list). A draft the user declines is removed.
`EditDraft` is the draft file of one record being edited in the user's editor. Nothing here
prints or asks: the CLI's prompter says what to say.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.store import drafts as files
from prepcoach.store.drafts import TypedDraft

if TYPE_CHECKING:
    import sqlite3

    from prepcoach.store.db import Store

__all__ = ["Drafts", "EditDraft", "RecordDraft", "TypedDraft"]


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(slots=True)
class RecordDraft:
    """The answers kept for one record (`kind`, `key`): a list per prompt, in asking order."""

    path: Path
    kept: dict[str, list[Any]]
    given: dict[str, list[Any]] = field(default_factory=dict)


class Drafts:
    """The drafts of one home, for one run of prep."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.pending: dict[str, TypedDraft] = {}  # kept in this run and not saved yet
        self._record_of: dict[str, tuple[str, str]] = {}  # typed draft key -> its record
        self._records: list[tuple[str, str]] = []  # records being asked for, innermost last
        self._conn: sqlite3.Connection | None = None  # the watched store's connection
        self._noting = False

    @property
    def folder(self) -> Path:
        return self.home / "drafts"

    # ------------------------------------------------------------ typed text, per prompt
    def keep(self, prompt: str, message: str, text: str) -> TypedDraft | None:
        """Keep `text` as typed at `prompt`; an empty text removes the draft."""
        draft = files.keep_typed(self.home, prompt, message, text)
        key = files.typed_key(prompt, message)
        if draft is None:
            self.pending.pop(key, None)
            self._record_of.pop(key, None)
            self._note()
            return None
        self.pending[key] = draft
        if self._records:
            self._record_of[key] = self._records[-1]
        self._note()
        return draft

    def offer(self, prompt: str, message: str, current: str = "") -> TypedDraft | None:
        """The kept draft to offer back at this prompt (None if none, or it is `current`)."""
        draft = files.typed_draft(self.home, prompt, message)
        if draft is None or draft.text == current:
            return None
        return draft

    def decline(self, draft: TypedDraft) -> None:
        """The user did not take the draft back: it is gone."""
        self._drop([draft.key])

    def discard(self, keys: Iterable[str]) -> None:
        """These typed drafts are given up (the user said so): they are gone."""
        self._drop(list(keys))

    def kept(self) -> list[TypedDraft]:
        """What this run kept and did not save, exactly as it is on disk."""
        found = []
        for draft in self.pending.values():
            on_disk = files.typed_draft(self.home, draft.prompt, draft.message)
            if on_disk is not None and on_disk.text == draft.text:
                found.append(on_disk)
        return found

    def all(self) -> list[TypedDraft]:
        """Every typed draft in the home, oldest first."""
        return files.typed_drafts(self.home)

    # ------------------------------------------------------------ records
    def open_record(self, kind: str, key: str, *, resume: bool) -> RecordDraft:
        """Start asking for a record; with `resume`, the answers kept last time come back."""
        path = files.record_path(self.home, kind, key)
        self._records.append((kind, key))
        return RecordDraft(path, files.load_record(path) if resume else {})

    def keep_record(self, record: RecordDraft) -> None:
        files.save_record(record.path, record.given)

    def record_saved(self, kind: str, key: str) -> None:
        """The record is saved: its kept answers, and the text typed for it, are done."""
        files.record_path(self.home, kind, key).unlink(missing_ok=True)
        self._drop([k for k, owner in self._record_of.items() if owner == (kind, key)])
        if (kind, key) in self._records:
            self._records.remove((kind, key))

    # ------------------------------------------------------------ saving
    def watch(self, store: Store) -> None:
        """From now on, drafts whose text a commit of `store` saves are removed."""
        if files.watch_writes(store.conn):
            self._conn = store.conn
            self._noting = False
            self._note()
            store.after_commit.append(self._committed)

    def _committed(self) -> None:
        if self._conn is not None and self._noting:
            self.saved(files.written_texts(self._conn))

    def _note(self) -> None:
        """Have the rows written noted exactly while some draft waits to be saved."""
        wanted = bool(self.pending)
        if self._conn is not None and wanted != self._noting:
            files.noting(self._conn, wanted)
            self._noting = wanted

    def saved(self, written: Iterable[str]) -> None:
        """These texts are now in the database: the drafts they hold are done."""
        texts = [_words(text) for text in written]
        if not self.pending or not texts:
            return
        done = []
        for key, draft in self.pending.items():
            wanted = f" {_words(draft.text)} "
            if any(wanted in f" {text} " for text in texts):
                done.append(key)
        self._drop(done)

    def _drop(self, keys: list[str]) -> None:
        files.discard_typed_many(self.home, keys)
        for key in keys:
            self.pending.pop(key, None)
            self._record_of.pop(key, None)
        self._note()


@dataclass(frozen=True, slots=True)
class EditDraft:
    """The draft of one record being edited (`<home>/drafts/KIND-ID.yaml`): kept until the
    record is saved or the edit is given up, so that typed text is never lost."""

    home: Path
    kind: str
    record_id: str

    @property
    def path(self) -> Path:
        return files.draft_path(self.home, self.kind, self.record_id)

    def load(self) -> str | None:
        return files.load_draft(self.home, self.kind, self.record_id)

    def save(self, text: str) -> Path:
        return files.save_draft(self.home, self.kind, self.record_id, text)

    def discard(self) -> None:
        files.discard_draft(self.home, self.kind, self.record_id)
