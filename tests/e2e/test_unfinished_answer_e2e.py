"""An answer being typed when `prep practice` is killed (SIGKILL: no handler runs) is offered
at the start of the next practice, whatever question that one would ask first."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
from pathlib import Path

import pytest

from e2e.terminal import ENTER, ESC_ENTER, finish, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.e2e

SGR = r"\x1b\[[0-9;?]*[A-Za-z]"
PROMPT = rf"\n(?:{SGR})*\?"
PRACTICE = ("practice", "--mode", "quick", "--count", "1", "--category", "behavioral")
LABEL = rf"[A-Z][A-Za-z]*(?: [a-z]+)*(?:{SGR}|\s)*\(~"  # a STAR part's heading
FIRST_LINE = "We had two weeks and the vendor had gone quiet."


def typed_drafts(home: Path) -> list[dict[str, str]]:
    return [
        json.loads(file.read_text(encoding="utf-8"))
        for file in (home / "drafts").glob("typed-*.json")
    ]


def saved_answers(home: Path) -> list[str]:
    conn = sqlite3.connect(home / "prep.db")
    try:
        return [str(row[0]) for row in conn.execute("SELECT parts FROM practice_answers")]
    finally:
        conn.close()


def spaced(text: str) -> str:
    """`text` as a pattern that allows line wrapping and control codes between its words."""
    return rf"(?:{SGR}|\s)+".join(re.escape(word) for word in text.split())


def kill_during_star(home: Path) -> str:
    """Give the first STAR part of the first question, start the second, SIGKILL; the
    question's text."""
    child = spawn(home, *PRACTICE)
    child.expect("How do you want to answer")
    child.send("s")
    child.expect(LABEL)
    child.expect(PROMPT)
    child.send(FIRST_LINE + ENTER)
    child.expect(LABEL)
    child.expect(PROMPT)
    child.send("I had to get the")
    child.expect("get the")
    child.kill(signal.SIGKILL)
    finish(child)
    (draft,) = typed_drafts(home)
    assert draft["text"] == FIRST_LINE
    return draft["message"].splitlines()[-1]


def test_an_answer_killed_at_its_start_is_continued_first_and_its_draft_goes_once_saved(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    question = kill_during_star(home)
    # the next practice draws other questions (another category): the unfinished one first
    child = spawn(
        home, "practice", "--mode", "quick", "--count", "2", "--category", "motivation", columns=200
    )
    child.expect("You have an unfinished answer to")
    child.expect(r"\((\d+) words\)")
    assert int(child.match.group(1)) == len(FIRST_LINE.split())
    child.expect(r"Continue it\?")
    child.send("y")
    child.expect("Question 1 of 2")
    child.expect(spaced(question))
    child.expect("How do you want to answer")
    child.send(ENTER)  # STAR, as it was being given
    child.expect(LABEL)
    child.expect(spaced(FIRST_LINE))  # what was typed, ready to go on from
    child.send(ENTER)
    while child.expect([LABEL, "How did that go"]) == 0:  # the other parts, as the template has
        child.expect(PROMPT)
        child.send("I chased them every day and it shipped." + ENTER)
    child.send("3")
    child.expect("How do you want to answer")
    child.send("q")
    assert finish(child) == 0
    assert any(FIRST_LINE in parts for parts in saved_answers(home))
    assert typed_drafts(home) == []  # saved, so no draft is left


def test_a_declined_unfinished_answer_is_discarded_and_said_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    kill_during_star(home)
    child = spawn(home, *PRACTICE, columns=200)
    child.expect(r"Continue it\?")
    child.send("n")
    child.expect("Discarded the unfinished answer to")
    child.expect("How do you want to answer")
    assert typed_drafts(home) == []
    child.send("q")
    assert finish(child) == 0


def test_a_free_answer_is_kept_line_by_line_so_a_kill_loses_only_the_line_being_typed(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    child = spawn(home, *PRACTICE)
    child.expect("How do you want to answer")
    child.send("f")
    child.expect("Your answer")
    child.send(FIRST_LINE + ENTER + "and then I")
    child.expect("then I")
    child.kill(signal.SIGKILL)
    finish(child)
    (draft,) = typed_drafts(home)
    assert draft["text"].strip() == FIRST_LINE
    child = spawn(home, *PRACTICE, columns=200)
    child.expect(r"Continue it\?")
    child.send("y")
    child.expect("How do you want to answer")
    child.send(ENTER)  # free text, as it was being given
    child.expect(spaced(FIRST_LINE))
    child.send("I called them daily." + ESC_ENTER)
    child.expect("How did that go")
    child.send("3")
    assert finish(child) == 0
    assert any("I called them daily." in parts for parts in saved_answers(home))
    assert typed_drafts(home) == []
