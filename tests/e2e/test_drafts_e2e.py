"""What is being typed survives Ctrl-C, a closed terminal and SIGTERM, in a real terminal."""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import pytest

from e2e.terminal import ENTER, finish, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

DOWN = "\x1b[B"
SPACE = " "
PROMPT = r"\n(?:\x1b\[[0-9;?]*[A-Za-z])*\?"
SITUATION = "Our release slipped twice and the client threatened to leave."
PARTIAL_TASK = "I had to win back their trust within a"


def kept_texts(home: Path) -> dict[str, str]:
    """Every typed draft in the home: its text by the prompt's label."""
    found = {}
    for file in (home / "drafts").glob("typed-*.json"):
        record = json.loads(file.read_text(encoding="utf-8"))
        found[record["message"].splitlines()[-1]] = record["text"]
    return found


def start_story(home: Path) -> object:
    child = spawn(home, "story", "add")
    child.expect("Title")
    child.send("Slipping release" + ENTER)
    child.expect("competencies")
    child.expect("Teamwork")
    child.send(SPACE + ENTER)
    child.expect("template")
    child.expect("Pick for me")
    child.send(ENTER)
    child.expect("Situation")
    child.expect(PROMPT)
    return child


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_story_part_being_typed_is_kept_on_every_signal(tmp_path: Path, stop: int) -> None:
    home = tmp_path / "home"
    child: object = start_story(home)
    child.send(SITUATION + ENTER)  # type: ignore[attr-defined]
    child.expect("Task")  # type: ignore[attr-defined]
    child.expect(PROMPT)  # type: ignore[attr-defined]
    child.send(PARTIAL_TASK)  # type: ignore[attr-defined]
    child.expect(re.escape(PARTIAL_TASK[-10:]))  # type: ignore[attr-defined]
    child.kill(stop)  # type: ignore[attr-defined]
    code = finish(child)
    assert code == 128 + stop
    kept = set(kept_texts(home).values())
    assert SITUATION in kept and PARTIAL_TASK in kept
    if stop != signal.SIGHUP:  # a closed terminal shows nothing; otherwise the words match
        screen = str(child.before)  # type: ignore[attr-defined]
        words = {int(n) for n in re.findall(r"\((\d+) words\)", " ".join(screen.split()))}
        assert words == {len(text.split()) for text in kept}  # the screen names what is kept
        assert "Slipping release" in kept
    # offered back on the next run, and gone once the story is saved
    again: object = start_story(home)
    again.expect("unsaved answer")  # type: ignore[attr-defined]
    again.send("y")  # type: ignore[attr-defined]
    again.expect(re.escape(SITUATION[-12:]))  # type: ignore[attr-defined]
    again.kill(signal.SIGKILL)  # type: ignore[attr-defined]
    finish(again)
