"""The database file: opening, migrations, refusing what it must not touch, transactions."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from helpers import invoke
from prepcoach.interviews.core import Interview
from prepcoach.interviews.store import add_interview, list_interviews
from prepcoach.kernel.errors import StoreError
from prepcoach.store import db, migrations
from prepcoach.store.db import Store, database_path


def schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    return [(str(r[0]), " ".join(str(r[1]).split())) for r in rows]


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_home_gets_a_migrated_database_with_safe_settings(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    with Store.open(home) as store:
        conn = store.conn
        assert store.path == home / "prep.db" and store.path.is_file()
        assert store.schema_version == migrations.LATEST
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
        recorded = conn.execute("SELECT version, name FROM schema_migrations").fetchall()
        assert [r[0] for r in recorded] == [m.version for m in migrations.MIGRATIONS]
        assert store.integrity_problems() == []


def test_migrations_are_append_only() -> None:
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    digests = {
        m.version: hashlib.sha256(m.sql.encode()).hexdigest()[:16] for m in migrations.MIGRATIONS
    }
    changed = [v for v, digest in FROZEN.items() if digests.get(v) != digest]
    assert not changed, f"shipped migration(s) {changed} changed; add a new migration instead"


# Migrations are append-only: a shipped migration never changes. When a release ships a new
# one, add its checksum here; never edit an existing line.
FROZEN = {
    1: "e22b77aa0dc24781",
    2: "587e14e90096c21b",
    3: "d201b0a7a5172bae",
    4: "cca7534c5d330495",
    5: "8c914e67831927aa",
}


@pytest.mark.parametrize("start", range(0, migrations.LATEST))
def test_every_earlier_version_upgrades_to_the_same_schema_keeping_data(
    tmp_path: Path, start: int
) -> None:
    fresh_home, old_home = tmp_path / "fresh", tmp_path / "old"
    with Store.open(fresh_home) as fresh:
        expected = schema(fresh.conn)
    old_home.mkdir()
    conn = db.connect(database_path(old_home))
    db.configure(conn, database_path(old_home))
    assert migrations.migrate(conn, database_path(old_home), target=start) == list(
        range(1, start + 1)
    )
    if start >= 1:
        conn.execute(
            "INSERT INTO interviews (id, company, stage, status, created_at, updated_at) "
            "VALUES ('iv-222222', 'Initech', 'second', 'upcoming', 'x', 'x')"
        )
    conn.close()
    with Store.open(old_home) as store:
        assert store.schema_version == migrations.LATEST
        assert schema(store.conn) == expected
        if start >= 1:
            assert [i.company for i in list_interviews(store)] == ["Initech"]
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, migrations.LATEST + 1))


def test_a_failing_migration_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "home") as store:
        store.conn.execute("SELECT 1")
    broken = migrations.Migration(
        migrations.LATEST + 1, "broken", "CREATE TABLE later (id TEXT PRIMARY KEY); NOT SQL"
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "LATEST", broken.version)
    with pytest.raises(StoreError, match="cannot upgrade .* to schema"):
        Store.open(tmp_path / "home")
    conn = raw(database_path(tmp_path / "home"))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == broken.version - 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'later'").fetchone() is None


def _bytes_and_mtime(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_database_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        store.conn.execute(f"PRAGMA user_version = {migrations.LATEST + 5}")
    before = _bytes_and_mtime(database_path(home))
    with pytest.raises(StoreError, match="newer version of prepcoach") as error:
        Store.open(home)
    assert str(database_path(home)) in str(error.value)
    assert _bytes_and_mtime(database_path(home)) == before
    result = invoke("--home", str(home), "interview", "list")
    assert result.exit_code == 1
    assert "newer version of prepcoach" in result.stderr and "Traceback" not in result.output
    assert _bytes_and_mtime(database_path(home)) == before


def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = database_path(home)
    path.write_text("my notes, definitely not SQLite\n" * 100)
    before = _bytes_and_mtime(path)
    with pytest.raises(StoreError, match="not a prepcoach database") as error:
        Store.open(home)
    assert str(path) in str(error.value)
    result = invoke("--home", str(home), "story", "list")
    assert result.exit_code == 1 and str(path) in result.stderr
    doctor = invoke("--home", str(home), "doctor")
    assert doctor.exit_code == 1
    assert "FAIL" in doctor.stdout and "move" in doctor.stdout
    assert _bytes_and_mtime(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["prep.db"]


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    conn = raw(database_path(home))
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        Store.open(home)


def _corrupt(path: Path, offset: int, length: int = 2048) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xa5" * length)


def test_a_damaged_schema_page_gives_a_clear_error_and_doctor_advice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        add_interview(store, Interview(company="Initech"))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = database_path(home)
    _corrupt(path, 100, 3000)  # sqlite_master lives on page 1, after the 100-byte header
    before = path.read_bytes()
    with pytest.raises(StoreError, match="damaged") as error:
        Store.open(home)
    assert str(path) in str(error.value) and "prep doctor" in str(error.value)
    assert path.read_bytes() == before
    doctor = invoke("--home", str(home), "doctor")
    assert doctor.exit_code == 1 and "FAIL" in doctor.stdout


def test_doctor_finds_a_damaged_data_page_and_points_at_the_backup(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        for number in range(300):
            add_interview(store, Interview(company=f"Company {number}", notes="x" * 200))
        (home / "backups").mkdir()
        store.backup(home / "backups" / "prep-20250101-000000.db")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = database_path(home)
    _corrupt(path, path.stat().st_size // 2, 4096)
    doctor = invoke("--home", str(home), "doctor")
    assert doctor.exit_code == 1
    assert "FAIL" in doctor.stdout
    assert "prep-20250101-000000.db" in doctor.stdout or "restore" in doctor.stdout


def test_doctor_on_a_healthy_home(tmp_path: Path) -> None:
    fresh = invoke("--home", str(tmp_path / "none"), "doctor")
    assert fresh.exit_code == 0 and "created on first use" in fresh.stdout
    with Store.open(tmp_path / "home"):
        pass
    result = invoke("--home", str(tmp_path / "home"), "doctor")
    assert result.exit_code == 0, result.output
    assert f"schema {migrations.LATEST} of {migrations.LATEST}" in result.stdout
    assert "Everything looks fine" in result.stdout


def test_a_transaction_commits_or_rolls_back_as_a_whole(tmp_path: Path) -> None:
    with Store.open(tmp_path / "home") as store:
        insert = (
            "INSERT INTO interviews (id, company, created_at, updated_at) VALUES (?, ?, 'x', 'x')"
        )
        with pytest.raises(RuntimeError):
            with store.transaction() as conn:
                conn.execute(insert, ("iv-aaaaaa", "A"))
                raise RuntimeError("boom")
        assert store.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 0
        with store.transaction() as conn:
            conn.execute(insert, ("iv-bbbbbb", "B"))
            with pytest.raises(StoreError):
                with store.transaction() as inner:  # a savepoint
                    inner.execute(insert, ("iv-cccccc", "C"))
                    inner.execute(insert, ("iv-cccccc", "duplicate"))
        ids = [r[0] for r in store.conn.execute("SELECT id FROM interviews")]
        assert ids == ["iv-bbbbbb"]
        assert not store.conn.in_transaction


def test_a_busy_database_waits_then_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    with Store.open(home):
        pass
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    blocker = raw(database_path(home))
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(home) as store:
            with pytest.raises(StoreError, match="busy .*another prep"):
                with store.transaction():
                    pass
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with Store.open(tmp_path / "home") as store:
        with pytest.raises(StoreError, match="FOREIGN KEY"):
            with store.transaction() as conn:
                conn.execute(
                    "INSERT INTO interviewers (id, interview_id, name) "
                    "VALUES ('ir-aaaaaa', 'iv-missing', 'X')"
                )


def test_backup_is_a_standalone_copy_taken_while_in_use(tmp_path: Path) -> None:
    with Store.open(tmp_path / "home") as store:
        add_interview(store, Interview(company="Initech"))
        (tmp_path / "copies").mkdir()
        target = store.backup(tmp_path / "copies" / "prep-copy.db")
        add_interview(store, Interview(company="Later"))
    assert not list(target.parent.glob("*.tmp"))
    copy = raw(target)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [r[0] for r in copy.execute("SELECT company FROM interviews")] == ["Initech"]
    copy.close()
    assert not Path(f"{target}-wal").exists()


def test_the_cli_backup_command_writes_a_timestamped_copy(home: Path) -> None:
    assert invoke("interview", "add", "--company", "Initech").exit_code == 0
    first = invoke("backup")
    second = invoke("backup")
    assert first.exit_code == 0 and second.exit_code == 0
    copies = sorted((home / "backups").glob("prep-*.db"))
    assert len(copies) == 2, copies
    assert copies[0].name != copies[1].name
    conn = raw(copies[0])
    assert [r[0] for r in conn.execute("SELECT company FROM interviews")] == ["Initech"]
    conn.close()
    elsewhere = invoke("backup", "-o", str(home.parent / "mine.db"))
    assert elsewhere.exit_code == 0 and (home.parent / "mine.db").is_file()


def test_an_unwritable_home_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the data directory"):
        Store.open(blocker / "home")
    result = invoke("--home", str(blocker / "home"), "interview", "list")
    assert result.exit_code == 1 and "cannot create the data directory" in result.stderr


def test_references_come_from_the_schema_including_later_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = migrations.Migration(
        migrations.LATEST + 1,
        "prep notes",
        "CREATE TABLE prep_notes (id TEXT PRIMARY KEY, "
        "interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE);",
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, later))
    monkeypatch.setattr(migrations, "LATEST", later.version)
    with Store.open(tmp_path / "home") as store:
        interview = add_interview(store, Interview(company="Initech"))
        with store.transaction() as conn:
            conn.execute("INSERT INTO prep_notes VALUES ('n-1', ?)", (interview.id,))
            conn.execute("INSERT INTO prep_notes VALUES ('n-2', ?)", (interview.id,))
            conn.execute(
                "INSERT INTO stories (id, title, competencies, interview_id, created_at, "
                "updated_at) VALUES ('st-222222', 'T', '[\"conflict\"]', ?, 'x', 'x')",
                (interview.id,),
            )
        found = db.references(store.conn, "interviews", interview.id)
        assert {(r.table, r.count, r.on_delete) for r in found} == {
            ("stories", 1, "SET NULL"),
            ("prep_notes", 2, "CASCADE"),
        }
        assert db.describe_references(found) == (
            "also deletes 2 prep notes; 1 stories stay, unlinked"
        )
