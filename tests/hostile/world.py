"""A sealed world for running the real `prep` against hostile input.

Each run is a subprocess with an address-space limit and a timeout, its HOME, XDG folders
and TMPDIR pointed at empty folders that are watched, and a home seeded with a profile and an
interview. `World.check` runs one command and asserts what every hostile input must give: a
clear short message, the expected exit code, no traceback, and nothing changed in the home,
outside it, or in the files the command was given.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

MEMORY_LIMIT = 1 << 30  # bytes of address space for one run
TIMEOUT = 10.0  # seconds for one run
MAX_OUTPUT = 5_000  # characters a refusal may print


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def seed_home(home: Path) -> None:
    """A home with a profile and an interview five hours ago (so follow-ups apply)."""
    from prepcoach.interviews.core import Interview, Interviewer
    from prepcoach.interviews.store import add_interview
    from prepcoach.profile.core import Profile
    from prepcoach.profile.store import save_profile
    from prepcoach.store.db import Store

    with Store.open(home) as store:
        save_profile(store, Profile(name="Zoe Bronte", email="zoe@example.com"))
        add_interview(
            store,
            Interview(
                company="Acme Ltd",
                role="Product manager",
                stage="first",
                when=datetime.now().astimezone() - timedelta(hours=5),
                interviewers=(Interviewer("Jane Doe", "VP Product", "jane@acme.example"),),
            ),
        )


def _database_rows(path: Path) -> str:
    """The database's content (not its bytes: closing may refresh SQLite's statistics)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        lines = [line for line in conn.iterdump() if "sqlite_stat" not in line]
    finally:
        conn.close()
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def snapshot(root: Path) -> dict[str, Any]:
    """Every entry under `root`: its type, mode, size and time (the database by its rows)."""
    found: dict[str, Any] = {}
    if not root.exists():
        return found
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            relative = str(path.relative_to(root))
            if name.endswith(("-wal", "-shm", "-journal")):
                continue  # SQLite's side files come and go with every connection
            info = os.lstat(path)
            if name == "prep.db":
                found[relative] = ("db", info.st_mode, _database_rows(path))
            elif path.is_symlink():
                found[relative] = ("link", os.readlink(path))
            else:  # any write changes the size or the modification time
                found[relative] = ("entry", info.st_mode, info.st_size, info.st_mtime_ns)
    return found


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float = 0.0

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class World:
    root: Path
    home: Path
    outside: Path  # HOME, XDG folders, TMPDIR
    work: Path  # the working directory, where a case writes its input files
    env: dict[str, str] = field(default_factory=dict)
    tried: list[str] = field(default_factory=list)

    def run(
        self,
        *args: str,
        stdin: IO[bytes] | bytes | None = None,
        env: dict[str, str] | None = None,
        timeout: float = TIMEOUT,
        wrap: list[str] | None = None,
    ) -> Run:
        """`prep ARGS` as a user would run it, limited in memory and time."""
        command = [*(wrap or []), sys.executable, "-m", "prepcoach", *args]
        options: dict[str, Any] = {}
        if isinstance(stdin, bytes):
            options["input"] = stdin
        else:
            options["stdin"] = stdin if stdin is not None else subprocess.DEVNULL
        started = datetime.now()
        try:
            done = subprocess.run(
                command,
                cwd=self.work,
                env={**self.env, **(env or {})},
                capture_output=True,
                timeout=timeout,
                preexec_fn=_limit_memory,
                check=False,
                **options,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"prep {' '.join(args)} ran longer than {timeout} s") from None
        seconds = (datetime.now() - started).total_seconds()
        return Run(
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
            seconds,
        )

    def check(
        self,
        *args: str,
        expect: str,
        code: int = 1,
        stdin: IO[bytes] | bytes | None = None,
        env: dict[str, str] | None = None,
        wrap: list[str] | None = None,
    ) -> Run:
        """Run a command that must be refused: `expect` (a regex) in a short clear message,
        exit `code`, no traceback, and nothing changed anywhere it could write."""
        self.tried.append(" ".join(args))
        before = self.state()
        result = self.run(*args, stdin=stdin, env=env, wrap=wrap)
        after = self.state()
        shown = result.output[:2000]
        assert "Traceback" not in result.output, shown
        assert "unexpected" not in result.stderr.lower(), shown
        assert result.code == code, f"exit {result.code}, wanted {code}: {shown}"
        assert re.search(expect, result.output), f"wanted /{expect}/ in: {shown}"
        assert len(result.output) < MAX_OUTPUT, f"{len(result.output)} characters: {shown}"
        assert "\x1b" not in result.output, shown
        assert after == before, changed(before, after)
        return result

    def state(self) -> dict[str, Any]:
        return {
            "home": snapshot(self.home),
            "outside": snapshot(self.outside),
            "work": snapshot(self.work),
        }

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path


def changed(before: dict[str, Any], after: dict[str, Any]) -> str:
    lines = []
    for area in before:
        old, new = before[area], after[area]
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                lines.append(f"{area}/{key}: {old.get(key)!r} -> {new.get(key)!r}")
    return "changed: " + "; ".join(lines[:10])


def make_world(root: Path, seed: Path) -> World:
    home = root / "home"
    shutil.copytree(seed, home, symlinks=True)
    outside = root / "outside"
    folders = {
        "HOME": outside / "user",
        "XDG_DATA_HOME": outside / "data",
        "XDG_CACHE_HOME": outside / "cache",
        "XDG_CONFIG_HOME": outside / "config",
        "XDG_STATE_HOME": outside / "state",
        "TMPDIR": outside / "tmp",
    }
    for folder in folders.values():
        folder.mkdir(parents=True)
    work = root / "work"
    work.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PREP_HOME": str(home),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "400",
        "LANG": "C.UTF-8",
        **{name: str(path) for name, path in folders.items()},
    }
    return World(root=root, home=home, outside=outside, work=work, env=env)
