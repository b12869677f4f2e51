"""The kill loop: `prep practice` (STAR parts and a free answer), `prep postmortem` and
`prep story add` killed at random moments in a real terminal, with SIGKILL, SIGHUP and SIGTERM.

Afterwards every text the screen moved past (acknowledged) is in the home, saved or kept as a
draft, and on SIGHUP and SIGTERM so is the text still being typed, offered back by the next
run. The moments are drawn from a seeded generator (PREP_KILL_LOOP_SEED) and the number of
kills is fixed (each command with each signal), so a run is repeatable and bounded in time.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from e2e.terminal import ENTER, ESC_ENTER, finish, prep_command, spawn
from prepcoach.data.drafts import Drafts

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

SGR = r"\x1b\[[0-9;?]*[A-Za-z]"  # terminal control codes between words
PROMPT = rf"\n(?:{SGR})*\?"  # a prompt line, ready for typing
SIGNALS = (signal.SIGKILL, signal.SIGHUP, signal.SIGTERM)
WORDS = ("alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "tango")


def words(prompt: str) -> str:
    return rf"(?:{SGR}|\s)+".join(re.escape(word) for word in prompt.split())


def normal(text: str) -> str:
    return " ".join(text.split())


def everything(home: Path, *, drafts: bool = True) -> list[str]:
    """Every text prep holds for the home: each text column of each table (and the strings
    inside JSON columns), and (with `drafts`) every typed, record and story draft."""
    found: list[str] = []
    folder = home / "drafts"
    if drafts:
        for file in folder.glob("typed-*.json"):
            found.append(json.loads(file.read_text(encoding="utf-8"))["text"])
        for pattern in ("answers-*.yaml", "story-*.yaml"):
            found += [f.read_text(encoding="utf-8") for f in folder.glob(pattern)]
    database = home / "prep.db"
    if database.exists():
        conn = sqlite3.connect(database)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        found.append(value)
                        if value[:1] in ("{", "["):
                            try:  # JSON text with its escapes read, as a person wrote it
                                parsed = json.loads(value)
                            except ValueError:
                                continue
                            found.append(json.dumps(parsed, ensure_ascii=False))
        conn.close()
    return [normal(text) for text in found]


def held(text: str, pieces: list[str]) -> bool:
    wanted = normal(text)
    return any(wanted in piece for piece in pieces)


@dataclass
class Run:
    """One kill: what the screen acknowledged, and what was being typed when it came."""

    child: Any
    rng: random.Random
    stop_at: int  # the step at which the signal comes
    acknowledged: list[str] = field(default_factory=list)
    typing: str = ""
    step: int = 0

    def text(
        self, ready: str, text: str, *, line: bool = False, submit: str = ENTER, after: str = ""
    ) -> bool:
        """At the prompt `ready` (a regex; with `line`, the typing starts on the line below),
        type `text`. At the chosen step, type part of it and return False (the caller kills);
        else submit it and wait for `after` (the screen moving on), which acknowledges it."""
        self.child.expect(ready)
        if line:
            self.child.expect(PROMPT)
        if self.step == self.stop_at:
            self.typing = text[: self.rng.randrange(6, len(text))]
            self.child.send(self.typing)
            self.child.expect(re.escape(self.typing[-5:]))
            return False
        self.step += 1
        self.child.send(text)
        self.child.send(submit)
        if after:
            self.child.expect(after)
        self.acknowledged.append(text)
        return True


Scenario = Callable[[Path, Run, str], None]


def story_add(home: Path, run: Run, said: str) -> None:
    child = run.child
    if not run.text("Title", f"Story {said}", after="competencies"):
        return
    child.expect("Teamwork")
    child.send(" " + ENTER)
    child.expect("template")
    child.expect("Pick for me")
    child.send(ENTER)
    for part in ("Situation", "Task", "Action", "Result"):
        if not run.text(part, f"{part} of {said}", line=True):
            return
    child.expect("Reflection")


def practice_star(home: Path, run: Run, said: str) -> None:
    child = run.child
    child.expect("How do you want to answer")
    child.send("s")
    label = rf"[A-Z][A-Za-z]*(?: [a-z]+)*(?:{SGR}|\s)*\(~"
    for number in range(1, 5):
        if not run.text(label, f"Part {number} of {said}", line=True):
            return
    child.expect(label)


def practice_free(home: Path, run: Run, said: str) -> None:
    child = run.child
    child.expect("How do you want to answer")
    child.send("f")
    answer = f"I stayed late to fix the release of {said} and we shipped on time."
    if run.text("Your answer", answer, submit=ESC_ENTER, after="How did that go"):
        time.sleep(run.rng.uniform(0, 0.3))  # killed before or after the rating is given
        child.send(str(run.rng.randint(1, 4)))


def postmortem(home: Path, run: Run, said: str) -> None:
    child = run.child
    child.expect(words("Your rating"))
    child.send("4" + ENTER)
    steps = [
        (words("Your answer"), f"Friendly and on time, {said}."),
        (words("Name:"), f"Jane {said.split()[-1].title()}"),
        (words("Job title"), f"Head of {said.split()[-2].title()}"),
    ]
    for ready, text in steps:
        if not run.text(ready, text):
            return
    child.expect(words("Email"))


def interview(home: Path) -> None:
    when = (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    subprocess.run(
        [prep_command(), "--home", str(home), "interview", "add", "--company", "ACME"]
        + ["--role", "Analyst", "--when", when],
        capture_output=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1", "PREP_CACHE": str(home.parent / "cache")},
    )


PRACTICE = ("practice", "--mode", "quick", "--count", "1", "--category", "behavioral")
# name: (the command, what it needs first, how it is answered, the most steps, the command
# whose first prompt offers the draft back). A practice killed during its first answer has no
# session to resume; its draft is offered when that question is asked again.
SCENARIOS: dict[str, tuple[tuple[str, ...], Callable[[Path], None] | None, Scenario, int, str]] = {
    "story add": (("story", "add"), None, story_add, 5, "story add"),
    "practice STAR": (PRACTICE, None, practice_star, 4, ""),
    "practice free": (PRACTICE, None, practice_free, 1, ""),
    "postmortem": (("postmortem", "acme"), interview, postmortem, 3, "postmortem --resume"),
}
CASES = [(name, stop) for name in SCENARIOS for stop in SIGNALS]


@pytest.mark.parametrize(
    ("name", "stop"), CASES, ids=[f"{n}-{signal.Signals(s).name}" for n, s in CASES]
)
def test_a_kill_at_a_random_moment_loses_nothing_the_screen_acknowledged(
    tmp_path: Path, name: str, stop: int
) -> None:
    seed = f"{os.environ.get('PREP_KILL_LOOP_SEED', '18')}-{name}-{stop}"
    rng = random.Random(seed)
    args, prepare, scenario, steps, resume = SCENARIOS[name]
    home = tmp_path / "home"
    if prepare is not None:
        prepare(home)
    said = " ".join(rng.choice(WORDS) for _ in range(5))
    run = Run(spawn(home, *args), rng, stop_at=rng.randrange(steps + 1))
    scenario(home, run, said)
    time.sleep(rng.uniform(0, 0.2))
    run.child.kill(stop)
    finish(run.child)

    pieces = everything(home)
    lost = [text for text in run.acknowledged if not held(text, pieces)]
    assert not lost, f"{name}, {signal.Signals(stop).name} at step {run.stop_at}: lost {lost}"
    if not run.typing or stop == signal.SIGKILL:
        return
    assert held(run.typing, pieces), f"{name}: the text being typed was lost: {run.typing!r}"
    # ... and it is offered back where it was typed: the drafts service offers it at that
    # prompt, and where the next run asks the same prompt first, the terminal shows the offer
    drafts = Drafts(home)
    typed = [d for d in drafts.all() if normal(run.typing) in normal(d.text)]
    if not typed:  # not a draft: then saved with the rest (an interrupted answer)
        assert held(run.typing, everything(home, drafts=False)), f"{name}: {run.typing!r}"
        return
    assert all(drafts.offer(d.prompt, d.message) == d for d in typed)
    if resume:
        again = spawn(home, *resume.split())
        again.expect("unsaved answer")
        again.kill(signal.SIGKILL)
        finish(again)


def test_what_is_saved_leaves_no_draft_behind(tmp_path: Path) -> None:
    """The other side of the kill loop: a story and a practice answer seen through to the end
    are saved, and the drafts of their texts are gone (let go when their words were saved)."""
    home = tmp_path / "home"
    child = spawn(home, "story", "add")
    run = Run(child, random.Random(0), stop_at=99)
    story_add(home, run, "a story seen through")
    child.expect(PROMPT)
    child.send(ENTER)  # no reflection
    child.expect("Where did it happen")
    child.send(ENTER)
    assert finish(child) == 0
    run = Run(spawn(home, *PRACTICE), random.Random(0), stop_at=99)
    practice_free(home, run, "an answer seen through")
    run.child.expect("This session")
    assert finish(run.child) == 0
    assert Drafts(home).all() == []
    pieces = everything(home, drafts=False)
    assert all(held(text, pieces) for text in run.acknowledged)
