"""Kill `prep story add` at random moments (SIGKILL, SIGHUP, SIGTERM) in a real terminal:
every text the screen moved past is in the drafts or saved, and on SIGHUP and SIGTERM so is
the text still being typed. Bounded in time so that it fits in CI."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from e2e.terminal import ENTER, finish, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

PROMPT = r"\n(?:\x1b\[[0-9;?]*[A-Za-z])*\?"
PARTS = ("Situation", "Task", "Action", "Result")
BUDGET_SECONDS = float(os.environ.get("PREP_KILL_LOOP_SECONDS", "90"))


def kept(home: Path) -> set[str]:
    """Every text prep holds for the home: typed drafts, story drafts and saved stories."""
    found: set[str] = set()
    for file in (home / "drafts").glob("typed-*.json"):
        found.add(json.loads(file.read_text(encoding="utf-8"))["text"])
    for file in (home / "drafts").glob("story-*.yaml"):
        found.add(file.read_text(encoding="utf-8"))
    database = home / "prep.db"
    if database.exists():
        conn = sqlite3.connect(database)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for title, parts in conn.execute("SELECT title, parts FROM stories"):
            found.add(title)
            found |= set(json.loads(parts).values())
        conn.close()
    return found


def held(text: str, everything: set[str]) -> bool:
    return any(text in piece for piece in everything)


def test_random_kills_lose_no_text_the_screen_moved_past(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("PREP_KILL_LOOP_SEED", "18")))
    deadline = time.monotonic() + BUDGET_SECONDS
    runs = 0
    while time.monotonic() < deadline and runs < 30:
        runs += 1
        home = tmp_path / f"home{runs}"
        stop = rng.choice([signal.SIGKILL, signal.SIGHUP, signal.SIGTERM])
        at = rng.randrange(len(PARTS) + 1)  # the part being typed when the signal comes
        words = f"run {runs} " + " ".join(rng.choice(["alpha", "beta", "gamma"]) for _ in range(6))
        child = spawn(home, "story", "add")
        child.expect("Title")
        title = f"Story of run {runs}"
        child.send(title + ENTER)
        child.expect("competencies")
        child.expect("Teamwork")
        child.send(" " + ENTER)
        child.expect("template")
        child.expect("Pick for me")
        child.send(ENTER)
        submitted = [title]
        typing = ""
        for index, part in enumerate(PARTS):
            child.expect(part)
            child.expect(PROMPT)
            text = f"{part} of {words}"
            if index == at:
                typing = text[: rng.randrange(5, len(text))]
                child.send(typing)
                child.expect(re.escape(typing[-4:]))
                break
            child.send(text + ENTER)
            submitted.append(text)
        else:
            child.expect("Reflection")
            child.expect(PROMPT)
        time.sleep(rng.uniform(0, 0.2))
        child.kill(stop)
        finish(child)
        everything = kept(home)
        lost = [t for t in submitted if not held(t, everything)]
        assert not lost, f"run {runs} ({signal.Signals(stop).name} at part {at}): lost {lost}"
        if typing and stop != signal.SIGKILL:
            assert held(typing, everything), f"run {runs}: the text being typed was lost"
    assert runs >= 3
