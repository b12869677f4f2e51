"""Exports and imports that stream: the same bytes and rows as the in-memory path, read in
pieces of any size, errors placed at the right line and column, and a killed import that
leaves the database as it was."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prepcoach.kernel.errors import PrepError
from prepcoach.store import exportread, transfer
from prepcoach.store.db import Store
from sample_data import populate


@pytest.fixture
def full_home(home: Path) -> Path:
    with Store.open(home) as store:
        populate(store)
    return home


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("redact", [False, True])
def test_the_streamed_export_is_the_same_document(full_home: Path, fmt: str, redact: bool) -> None:
    with Store.open(full_home) as store:
        whole = transfer.dump(transfer.export_data(store, redact=redact), fmt)
        streamed = "".join(transfer.export_stream(store, fmt, redact=redact))
    assert streamed == whole


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_an_import_read_in_pieces_restores_every_row(
    full_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, chunk: int
) -> None:
    monkeypatch.setattr(exportread, "CHUNK", chunk)
    with Store.open(full_home) as store:
        data = transfer.export_data(store)
        file = tmp_path / f"export.{fmt}"
        file.write_text("".join(transfer.export_stream(store, fmt)), encoding="utf-8")
    with Store.open(tmp_path / "restored") as fresh:
        report = transfer.import_file(fresh, file)
        assert transfer.export_data(fresh) == data
    assert report.total("added") == sum(len(rows) for rows in data["tables"].values())


@pytest.mark.parametrize("chunk", [1, 3, 1 << 20])
@pytest.mark.parametrize(
    "text",
    [
        '{"format": "prepcoach-export",\n "tables": {"stories": [{"id": "a"},\n {"id": }]}}',
        '{"format": "prepcoach-export", "tables": {"stories": [{"id": "a"}\n\n  {"id": "b"}]}}',
        '{\n  "format": "prepcoach-export"\n  "version": 1}',
        '{"tables": {"stories": [{"id": "unterminated}]}}',
        '{"format": "prepcoach-export"} trailing',
    ],
)
def test_json_errors_name_the_line_and_column_json_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, chunk: int
) -> None:
    monkeypatch.setattr(exportread, "CHUNK", chunk)
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    file = tmp_path / "bad.json"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(PrepError) as raised:
        list(exportread.read_export(file, "bad.json"))
    where = f"bad.json:{expected.value.lineno}:{expected.value.colno}: "
    assert str(raised.value).startswith(where), (str(raised.value), where)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: prepcoach-export\nformat: again\n", "2:1: duplicate key 'format'"),
        ("tables:\n  stories:\n  - &a {id: x}\n  - *a\n", "4:5: aliases are not allowed"),
        ("tables:\n  stories:\n  - !!python/object {id: x}\n", "3:5: tag"),
        ("tables:\n  stories: 3\n", "2:12: 'tables' must map"),
        ("a: 1\n---\nb: 2\n", "one document"),
    ],
)
def test_yaml_problems_are_refused_with_their_place(
    tmp_path: Path, text: str, message: str
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(PrepError, match=message):
        list(exportread.read_export(file, "bad.yaml"))


def test_an_envelope_after_the_rows_is_still_checked(full_home: Path, tmp_path: Path) -> None:
    """Keys sorted by a tool (`jq -S`) put `version` after `tables`: still imported, and
    still refused when the version is one this prepcoach cannot read."""
    with Store.open(full_home) as store:
        data = transfer.export_data(store)
    file = tmp_path / "sorted.json"
    file.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    with Store.open(tmp_path / "a") as fresh:
        transfer.import_file(fresh, file)
        assert transfer.export_data(fresh) == data
    file.write_text(json.dumps({**data, "version": 99}, sort_keys=True), encoding="utf-8")
    with Store.open(tmp_path / "b") as fresh:
        with pytest.raises(PrepError, match="export format 99"):
            transfer.import_file(fresh, file)
        assert all(n == 0 for n in transfer.row_counts(fresh).values())


def _big_export(path: Path, answers: int) -> None:
    row = {
        "session_id": "ps-1",
        "question_id": "q-1",
        "question_text": "Tell me about a deadline.",
        "style": "star",
        "parts": {"action": "I measured, found the lock and moved the call. " * 20},
        "created_at": "2026-01-01T09:00:00+00:00",
    }
    with Store.open(path.parent / "source") as store:
        envelope = transfer.export_data(store)
    envelope.pop("tables")
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(envelope)[:-1] + ', "tables": {"practice_sessions": [')
        out.write('{"id": "ps-1", "started_at": "2026-01-01T09:00:00+00:00", "mode": "quick"}],')
        out.write('"practice_answers": [\n')
        out.write(",\n".join(json.dumps({"id": f"pa-{n}", **row}) for n in range(answers)))
        out.write("]}}\n")


def test_a_killed_import_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    _big_export(source, 60_000)
    home = tmp_path / "home"
    with Store.open(home) as store:  # a home that exists and is empty
        assert all(n == 0 for n in transfer.row_counts(store).values())
    env = dict(os.environ, PREP_HOME=str(home))
    process = subprocess.Popen(
        [sys.executable, "-m", "prepcoach", "import", str(source)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database, wal = home / "prep.db", home / "prep.db-wal"
    empty_size = database.stat().st_size
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        # rows are being written: into the database (a rollback journal), or into the WAL
        grown = database.stat().st_size - empty_size
        if grown > 2_000_000 or (wal.exists() and wal.stat().st_size > 2_000_000):
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    conn = sqlite3.connect(home / "prep.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM practice_answers").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM practice_sessions").fetchone()[0] == 0
    conn.close()
