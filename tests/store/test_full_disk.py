"""A full disk: the real cause is reported, reading still works, doctor says what is wrong."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import invoke
from prepcoach.interviews.core import Interview
from prepcoach.interviews.store import add_interview, list_interviews
from prepcoach.kernel.errors import StoreError
from prepcoach.store.db import Store


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs, unmounted afterwards (skipped where mounting is not allowed)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(folder: Path) -> None:
    with (folder / "filler").open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass


def test_a_full_disk_reports_the_disk_and_keeps_what_was_saved(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = small_disk / "home"
    with Store.open(home) as store:
        add_interview(store, Interview(company="Saved before"))
    fill(small_disk)
    with Store.open(home) as store:
        with pytest.raises(StoreError) as failure:
            for number in range(200):
                add_interview(store, Interview(company=f"Big {number}", notes="x" * 20_000))
        assert "full" in str(failure.value) and "no transaction" not in str(failure.value)
    monkeypatch.setenv("PREP_HOME", str(home))
    stats = invoke("stats")
    assert stats.exit_code == 0, stats.output  # reading still works on a full disk
    doctor = invoke("doctor")
    assert "MiB free" in doctor.output and "saving may fail" in doctor.output
    assert "no transaction is active" not in doctor.output
    assert doctor.output.count("'prep doctor'") == 0
    (small_disk / "filler").unlink()
    with Store.open(home) as store:
        companies = [i.company for i in list_interviews(store)]
        assert "Saved before" in companies
        assert store.integrity_problems() == []
