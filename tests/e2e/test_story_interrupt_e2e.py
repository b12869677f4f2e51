"""`prep story add` at 80 columns: a part's guidance hangs under itself, and a Ctrl-C says
once, in lines that fit, that the story is not saved and how to finish it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from e2e.terminal import CTRL_C, ENTER, finish, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

SPACE = " "
PROMPT = r"\n(?:\x1b\[[0-9;?]*[A-Za-z])*\?"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")


def test_guidance_hangs_and_a_ctrl_c_says_what_was_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "story", "add", columns=80, lines=24)
    child.logfile_read = seen = io.StringIO()
    child.expect("Title")
    child.send("Slipping release" + ENTER)
    child.expect("Teamwork")
    child.send(SPACE + ENTER)
    child.expect("Pick for me")
    child.send(ENTER)
    child.expect("Situation")
    child.expect(PROMPT)
    child.send("Our release slipped twice and the client threatened to leave." + ENTER)
    child.expect("Task")
    child.expect(PROMPT)
    child.send("I had to win back their trust")
    child.expect("their trust")
    child.send(CTRL_C)
    assert finish(child) == 130
    screen = ANSI.sub("", seen.getvalue()).replace("\r", "")
    # the guidance's second line starts under its first word, not at the edge
    assert re.search(r"\nSituation  Two or three sentences.*\n {11}\S", screen), screen
    draft = home / "drafts" / "story-new.yaml"
    stop = screen[screen.index("Interrupted:") :]
    assert "nothing was saved" not in stop and "not saved yet" in stop
    assert f"\n  prep story add --from {draft}\n" in stop  # one line, to copy
    assert screen.count(str(draft)) == 2  # said once: where it is, and the command
    for line in stop.splitlines():
        # a line is cut at a space; only a path longer than the screen stands alone
        assert len(line) <= 80 or line.startswith("  prep ") or " " not in line, line
    said = " ".join(stop.split())
    assert "offered back when you are asked again:" in said  # no word cut at the edge
