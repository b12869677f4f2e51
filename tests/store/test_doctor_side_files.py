"""Doctor names what sits beside the database: free space, hard links, a lowered schema and
the temp file a killed backup leaves; it never sends the reader to itself."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from helpers import invoke
from prepcoach.store import migrations
from prepcoach.store.db import Store


def test_doctor_reports_free_space_and_a_stale_backup_temp_file(home: Path) -> None:
    Store.open(home).close()
    (home / "backups").mkdir()
    stale = home / "backups" / ".prep-20261201-101010.db.abc123.tmp"
    stale.write_bytes(b"\0" * 4096)
    result = invoke("doctor")
    assert result.exit_code == 1
    assert "GiB free" in result.output or "MiB free" in result.output
    assert f"{stale}" in result.output and "interrupted backup" in result.output
    assert f"rm {stale}" in result.output
    stale.unlink()
    assert invoke("doctor").exit_code == 0


def test_doctor_reports_a_lowered_schema_version(home: Path) -> None:
    Store.open(home).close()
    conn = sqlite3.connect(home / "prep.db")
    conn.execute(f"PRAGMA user_version = {migrations.LATEST - 1}")
    conn.close()
    result = invoke("doctor")
    assert result.exit_code == 1
    assert f"lowered from {migrations.LATEST}" in " ".join(result.output.split())


def test_doctor_reports_hard_links_and_does_not_point_at_itself(home: Path, tmp_path: Path) -> None:
    Store.open(home).close()
    os.link(home / "prep.db", tmp_path / "shared.db")
    result = invoke("doctor")
    assert result.exit_code == 1
    assert "2 hard links" in result.output
    (home / "prep.db").unlink()
    (home / "prep.db").write_text("not a database")
    result = invoke("doctor")
    assert "'prep doctor'" not in result.output


def test_doctor_lines_hang_under_their_text_at_80_columns(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    Store.open(home).close()
    (home / "backups").mkdir()
    (home / "backups" / ".prep-20261201-101010.db.abc123.tmp").write_bytes(b"\0" * 4096)
    result = invoke("doctor")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for line in lines:
        # a check's wrapped lines hang under its text, its advice's under the advice
        assert line.startswith(("ok   ", "FAIL ", "     ", "Everything")), line
    assert any(line.startswith("      → ") for line in lines)
    wrapped_advice = [
        line for line in lines if line.startswith("      ") and not line.startswith("      → ")
    ]
    assert all(line.startswith("        ") for line in wrapped_advice), wrapped_advice
