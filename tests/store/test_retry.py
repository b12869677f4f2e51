"""A busy database or a full disk asks whether to try again instead of losing the write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from prepcoach.interviews.core import Interview
from prepcoach.interviews.store import add_interview, list_interviews
from prepcoach.kernel.errors import StoreError
from prepcoach.store import db
from prepcoach.store.db import Store


def test_a_busy_database_is_retried_when_asked_and_fails_when_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    home = tmp_path / "home"
    store = Store.open(home)
    other = sqlite3.connect(home / "prep.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another prep holds the write lock
    asked: list[str] = []

    def retry(failure: StoreError) -> bool:
        asked.append(str(failure))
        if len(asked) == 2:
            other.execute("COMMIT")  # the other writer finishes meanwhile
        return True

    store.retry = retry
    add_interview(store, Interview(company="Kept"))
    assert len(asked) == 2 and "busy" in asked[0]
    assert [i.company for i in list_interviews(store)] == ["Kept"]

    other.execute("BEGIN IMMEDIATE")
    store.retry = lambda failure: False  # the user says no: the real cause, nothing saved
    with pytest.raises(StoreError, match="busy"):
        add_interview(store, Interview(company="Not now"))
    store.retry = None  # a scripted run: no question, the real cause
    with pytest.raises(StoreError, match="busy"):
        add_interview(store, Interview(company="Scripted"))
    other.execute("COMMIT")
    other.close()
    assert [i.company for i in list_interviews(store)] == ["Kept"]
    store.close()
