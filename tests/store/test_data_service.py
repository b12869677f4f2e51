"""The home's own use cases (`prepcoach.data`): opening, drafts of edits, backup and doctor."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from prepcoach.data import doctor, service
from prepcoach.data.drafts import EditDraft
from prepcoach.kernel.errors import PrepError

MOMENT = datetime(2031, 3, 14, 12, 0, tzinfo=UTC)


def test_open_store_runs_the_hook_after_each_commit(home: Path) -> None:
    commits: list[int] = []
    with service.open_store(home, after_commit=lambda: commits.append(1)) as store:
        with store.transaction() as conn:
            conn.execute("PRAGMA user_version")
        assert store.retry is None
    assert commits == [1]


def test_an_edit_draft_is_kept_until_discarded(home: Path) -> None:
    draft = EditDraft(home, "story", "st-abc123")
    assert draft.load() is None
    path = draft.save("title: kept\n")
    assert path == draft.path and path.parent == home / "drafts"
    assert draft.load() == "title: kept\n"
    draft.discard()
    assert draft.load() is None and not path.exists()


def test_backups_never_overwrite_and_land_where_asked(home: Path, tmp_path: Path) -> None:
    with service.open_store(home) as store:
        first = service.backup(store, home, None, MOMENT)
        second = service.backup(store, home, None, MOMENT)
        assert first.path.parent == home / "backups"
        assert first.path.name.startswith("prep-") and second.path != first.path
        assert second.path.name.endswith("-2.db") and second.size > 0
        assert first.database == store.path
        folder = tmp_path / "elsewhere"
        folder.mkdir()
        assert service.backup(store, home, folder, MOMENT).path.parent == folder
        named = tmp_path / "mine.db"
        assert service.backup(store, home, named, MOMENT).path == named
        with pytest.raises(PrepError):
            service.backup(store, home, named, MOMENT)  # the file named, never another


def test_doctor_checks_the_home_then_the_database_then_the_content(home: Path) -> None:
    service.open_store(home).close()

    def broken() -> object:
        raise PrepError("a pack is broken\nmore detail")

    found = list(doctor.checks(home, broken))  # type: ignore[arg-type]
    assert found[0].ok and found[0].text.startswith(f"home {home}")
    assert any(c.ok and c.text.startswith("database ") and "integrity ok" in c.text for c in found)
    last = found[-1]
    assert not last.ok and last.text == "content: a pack is broken"
    assert last.advice == ("run: prep content validate",)


def test_doctor_advises_a_backup_for_a_damaged_database(home: Path) -> None:
    (home / "backups").mkdir(parents=True)
    (home / "backups" / "prep-20310314-120000.db").write_bytes(b"")
    steps = doctor.recovery(home, home / "prep.db", damaged=True)
    assert steps[0].startswith("first save what can be read")
    assert "restore the latest backup" in steps[1] and ".recover" in steps[2]
    assert doctor.recovery(home, home / "prep.db", damaged=False) == [
        f"restore the latest backup: copy {home / 'backups' / 'prep-20310314-120000.db'} over "
        f"{home / 'prep.db'}"
    ]
