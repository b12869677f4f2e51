"""A person adds a STAR story through the real prompts, in a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

ENTER = "\r"
SPACE = " "
DOWN = "\x1b[B"
PROMPT = r"\n(?:\x1b\[[0-9;?]*[A-Za-z])*\?"  # a new line starting with '?', colour codes aside


def installed_prep() -> str:
    """`prep` from this environment's scripts folder or PATH; skip when it is not installed."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("prep", path=search)
    if found is None:
        pytest.skip("the 'prep' command is not installed; run: pip install -e '.[test]'")
    return found


def test_a_story_is_added_through_the_prompts(tmp_path: Path) -> None:
    prep = installed_prep()
    home = tmp_path / "home"
    env = {
        **os.environ,
        "PREP_HOME": str(home),
        "PREP_CACHE": str(tmp_path / "cache"),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor-position requests
    }
    child = pexpect.spawn(
        prep, ["story", "add"], env=env, encoding="utf-8", timeout=30, dimensions=(40, 120)
    )
    child.expect("Title")
    child.send("Release date dispute" + ENTER)
    child.expect("competencies")
    child.expect("Teamwork")
    child.send(DOWN * 3)  # Teamwork, Leadership, Communication, Conflict resolution
    child.send(SPACE)
    child.send(ENTER)
    child.expect("template")
    child.expect("Pick for me")
    child.send(ENTER)
    answers = {
        "Situation": "My manager wanted to ship early; QA had found blocking bugs.",
        "Task": "I had to protect quality without hurting the relationship.",
        "Action": "I showed the bug data and proposed a one-week delay with a beta.",
        "Result": "We shipped a week later with zero P1 bugs.",
    }
    for label, text in answers.items():
        child.expect(label)
        child.expect(PROMPT)  # the question line itself: ready for typing
        child.send(text + ENTER)
    child.expect("Reflection")
    child.expect("optional")
    child.send("Agree on the criteria before debating." + ENTER)
    child.expect("employer")
    child.send("Initech" + ENTER)
    child.expect("Saved story")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    listed = subprocess.run(
        [prep, "--home", str(home), "story", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    (story,) = json.loads(listed.stdout)
    assert story["title"] == "Release date dispute"
    assert story["competencies"] == ["conflict"] and story["template_id"] == "conflict"
    assert story["parts"] == {
        **{label.lower(): text for label, text in answers.items()},
        "reflection": "Agree on the criteria before debating.",
    }
    assert story["employer"] == "Initech"
