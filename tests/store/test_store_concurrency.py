"""Real processes against one database: no "database is locked", no lost or torn writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from prepcoach.interviews.store import list_interviews
from prepcoach.profile.store import get_profile
from prepcoach.store.db import Store, database_path

# Each worker waits for a start signal (so all open and migrate a brand-new database at the
# same moment), then writes one interview per transaction and, in the same run, appends to a
# shared list with read-modify-write transactions: a lost update would lose a link.
WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from prepcoach.interviews.core import Interview
    from prepcoach.profile.core import Profile
    from prepcoach.store.db import Store
    from prepcoach.interviews.store import add_interview
    from prepcoach.profile.store import get_profile, save_profile

    home, name, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    while not go.exists():
        time.sleep(0.001)
    store = Store.open(home)
    for number in range(count):
        add_interview(store, Interview(company=f"{name} {number}"))
        with store.transaction():
            links = get_profile(store).links
            save_profile(store, Profile(links=(*links, f"https://example.com/{name}/{number}")))
        print(number, flush=True)
    store.close()
    """
)

# Opens one brand-new home after another, each at the same moment as the other workers.
CREATOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from prepcoach.interviews.core import Interview
    from prepcoach.store.db import Store
    from prepcoach.interviews.store import add_interview

    base, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for number in range(rounds):
        while not (base / f"go-{number}").exists():
            time.sleep(0.0005)
        with Store.open(base / f"home-{number}") as store:
            add_interview(store, Interview(company=name))
    """
)

# Writes until killed; prints each number only after its transaction has committed.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from prepcoach.interviews.core import Interview
    from prepcoach.store.db import Store
    from prepcoach.interviews.store import add_interview

    store = Store.open(Path(sys.argv[1]))
    number = 0
    while True:
        add_interview(store, Interview(company=f"{sys.argv[2]} {number}", notes="n" * 3000))
        print(number, flush=True)
        number += 1
    """
)


def test_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    home, go, count, names = tmp_path / "home", tmp_path / "go", 50, ("alpha", "beta", "gamma")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(home), name, str(count), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    time.sleep(0.3)  # both interpreters are up and polling
    go.touch()
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        assert "locked" not in err
        assert out.split() == [str(n) for n in range(count)]
    with Store.open(home) as store:
        companies = sorted(i.company for i in list_interviews(store))
        expected = sorted(f"{name} {n}" for name in names for n in range(count))
        assert companies == expected
        links = get_profile(store).links
        assert len(links) == len(names) * count and len(set(links)) == len(links)
        assert store.integrity_problems() == []
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, store.schema_version + 1))  # each applied once


def test_processes_creating_the_same_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    rounds, names = 8, ("a", "b", "c", "d")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", CREATOR, str(tmp_path), name, str(rounds)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    time.sleep(0.4)
    for number in range(rounds):
        (tmp_path / f"go-{number}").touch()
        time.sleep(0.08)
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    for number in range(rounds):
        with Store.open(tmp_path / f"home-{number}") as store:
            assert sorted(i.company for i in list_interviews(store)) == list(names)


def test_sigkill_during_a_write_loop_keeps_every_acknowledged_row(tmp_path: Path) -> None:
    home = tmp_path / "home"
    acknowledged: list[str] = []
    for round_number in range(3):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), f"round{round_number}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        seen = []
        for line in writer.stdout:
            seen.append(line.strip())
            if len(seen) >= 25 + 10 * round_number:
                break
        os.kill(writer.pid, signal.SIGKILL)
        rest, _err = writer.communicate(timeout=30)
        seen += rest.split()  # acknowledged just before the kill landed
        assert writer.returncode == -signal.SIGKILL
        acknowledged += [f"round{round_number} {n}" for n in seen]
        assert database_path(home).exists()
    with Store.open(home) as store:
        assert store.integrity_problems() == []
        stored = {i.company for i in list_interviews(store)}
    missing = [company for company in acknowledged if company not in stored]
    assert not missing, f"acknowledged but lost: {missing[:5]}"
