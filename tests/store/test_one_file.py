"""One file after every answer: the WAL is checkpointed, hard links and a database deleted or
replaced under a running prep are refused instead of losing writes."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from prepcoach.interviews.core import Interview
from prepcoach.interviews.store import add_interview, list_interviews
from prepcoach.kernel.errors import StoreError
from prepcoach.store.db import Store


def test_prep_db_alone_holds_every_committed_write(tmp_path: Path) -> None:
    home = tmp_path / "home"
    copy = tmp_path / "copy"
    copy.mkdir()
    with Store.open(home) as store:
        for number in range(3):
            add_interview(store, Interview(company=f"Company {number}"))
        # copy only prep.db while the connection is still open (the WAL is not merged at close)
        shutil.copy(home / "prep.db", copy / "prep.db")
    conn = sqlite3.connect(copy / "prep.db")
    assert conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 3
    conn.close()


def test_a_database_with_several_hard_links_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Store.open(home).close()
    other = tmp_path / "other"
    other.mkdir()
    os.link(home / "prep.db", other / "prep.db")
    before = (home / "prep.db").read_bytes()
    with pytest.raises(StoreError, match="2 hard links"):
        Store.open(other)
    with pytest.raises(StoreError, match="hard links"):
        Store.open(home)
    assert (home / "prep.db").read_bytes() == before


def test_a_database_deleted_under_a_running_session_refuses_the_next_write(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        add_interview(store, Interview(company="Before"))
        for name in ("prep.db", "prep.db-wal", "prep.db-shm"):
            (home / name).unlink(missing_ok=True)
        with pytest.raises(StoreError, match="was deleted while prep was running"):
            add_interview(store, Interview(company="Into the void"))


def test_a_database_replaced_under_a_running_session_refuses_the_next_write(
    tmp_path: Path,
) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    Store.open(elsewhere).close()
    with Store.open(home) as store:
        add_interview(store, Interview(company="Before"))
        os.replace(elsewhere / "prep.db", home / "prep.db")
        with pytest.raises(StoreError, match="replaced by another file"):
            add_interview(store, Interview(company="Lost"))
    with Store.open(home) as fresh:
        assert [i.company for i in list_interviews(fresh)] == []
