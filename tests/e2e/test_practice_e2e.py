"""A person practising in a real terminal: STAR-guided and free answers, Ctrl-C, resume."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.terminal import CTRL_C, ENTER, ESC_ENTER, finish, prep_command, spawn

pytestmark = pytest.mark.e2e

SGR = r"\x1b\[[0-9;?]*[A-Za-z]"  # terminal control codes between words

STAR_TEXT = {
    "Situation": "Our biggest client threatened to leave after three late deliveries.",
    "Task": "I owned the account and had to win back their trust within a month.",
    "Action": "I met their operations lead, mapped every late order, and I set up a weekly "
    "delivery review with our warehouse team.",
    "Result": "We delivered on time for the next 12 weeks and they renewed for 40% more.",
    "Reflection": "I now raise delivery risks in the first week instead of waiting.",
}


def answer_star(child) -> None:  # type: ignore[no-untyped-def]
    """Answer part by part, in the template's order (its labels vary: "Task" or "Stakes")."""
    child.expect("How do you want to answer")
    child.send("s")  # a shortcut key chooses at once
    texts = iter(STAR_TEXT.values())
    while True:
        index = child.expect([rf"[A-Z][A-Za-z]*(?: [a-z]+)*(?:{SGR}|\s)*\(~", "How did that go"])
        if index == 1:
            return
        child.expect(rf"\n(?:{SGR})*\?")  # the prompt line: it is ready for typing
        child.send(next(texts))
        child.send(ENTER)


def answer_free(child, text: str) -> None:  # type: ignore[no-untyped-def]
    child.expect("How do you want to answer")
    child.send("f")
    child.expect("Your answer")
    child.send(text)
    child.send(ESC_ENTER)


def history(home: Path, *args: str) -> object:
    out = subprocess.run(
        [prep_command(), "--home", str(home), "history", *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_a_star_answer_and_a_free_answer_are_rated_and_found_in_history(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "--mode", "quick", "--count", "2", "--category", "behavioral")
    answer_star(child)
    # The score can only lower a rating (these canned answers may not suit the question
    # drawn), so the keys pressed are ones it leaves as they are.
    child.send("2")
    child.expect("comes back")
    answer_free(child, "I once stayed late to fix a release, and we shipped on time.")
    child.expect("How did that go")
    child.send("1")
    child.expect("again in this session, next")  # Again: it comes back before the end
    child.expect("Question 3 of 3")
    child.expect("How do you want to answer")
    child.send("n")  # skip it this time
    child.expect("This session")
    assert finish(child) == 0
    sessions = history(home)
    assert isinstance(sessions, list) and sessions[0]["answered"] == 2
    detail = history(home, sessions[0]["id"])
    assert isinstance(detail, dict)
    star, free = detail["answers"]
    assert star["style"] == "star" and star["parts"]["result"].startswith("We delivered")
    assert star["rating"] == 2 and star["score"] is not None
    assert free["style"] == "free" and free["rating"] == 1
    assert set(star["part_seconds"]) >= {"situation", "task", "action", "result"}


def test_ctrl_c_keeps_the_first_answer_and_resume_continues(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "--mode", "quick", "--count", "2", "--category", "motivation")
    answer_free(child, "Your mission to make banking fair is why I applied, and my work fits.")
    child.expect("How did that go")
    child.send("3")
    child.expect("How do you want to answer")
    child.send(CTRL_C)
    child.expect("prep practice --resume")
    assert finish(child) == 130  # Ctrl-C, after the summary said what was kept
    assert "nothing was saved" not in str(child.before)
    sessions = history(home)
    assert isinstance(sessions, list)
    assert sessions[0]["answered"] == 1 and sessions[0]["status"] == "interrupted"

    child = spawn(home, "practice", "--resume")
    child.expect("Resuming")
    child.expect("Question 2 of 2")
    answer_free(child, "I want to grow into leading a team here within three years.")
    child.expect("How did that go")
    child.send("4")
    child.expect("This session")
    assert finish(child) == 0
    sessions = history(home)
    assert isinstance(sessions, list) and len(sessions) == 1
    assert sessions[0]["answered"] == 2 and sessions[0]["status"] == "finished"


def test_a_mock_at_80_columns_asks_a_follow_up_and_keeps_its_answer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(
        home, "practice", "--mode", "mock", "--format", "second-round", columns=80, lines=24
    )
    child.expect("Have one answer from the first interview")  # the step's note
    child.expect("round 0:00 of 45:00")
    answer_free(
        child,
        "Last time we discussed the migration plan. I want to add that I led the rollout for "
        "the regional team and cut the downtime by forty percent over a quarter.",
    )
    child.expect("Follow-up")
    child.expect("leave it empty to skip")
    child.send("It did not seem relevant then, but it shows how I handle risk.")
    child.send(ESC_ENTER)
    child.expect("Score ")
    child.expect("How did that go")
    child.send("3")
    child.expect("comes back")
    child.expect("Question 2 of")
    child.expect("How do you want to answer")
    child.send("q")  # end the session here
    child.expect("Time per step")
    child.expect("prep practice --resume")
    assert finish(child) == 0  # ended by choice, not by Ctrl-C
    sessions = history(home)
    assert isinstance(sessions, list) and sessions[0]["answered"] == 1
    detail = history(home, sessions[0]["id"])
    assert isinstance(detail, dict)
    (first,) = detail["answers"]
    (probe,) = first["probes"]
    assert probe["text"] == "It did not seem relevant then, but it shows how I handle risk."
    assert probe["score"] is not None
    assert first["rating"] == 3


def test_ctrl_c_at_the_rating_keeps_and_schedules_the_answer_and_resume_works(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    child = spawn(home, "practice", "--mode", "quick", "--count", "2", "--category", "motivation")
    answer_free(child, "Your mission to make banking fair is why I applied, and my work fits.")
    child.expect("How did that go")
    child.send(CTRL_C)
    child.expect("scheduled from its score")
    child.expect("prep practice --resume")
    assert finish(child) == 130  # Ctrl-C, after the summary said what was kept
    assert "nothing was saved" not in str(child.before)
    sessions = history(home)
    assert isinstance(sessions, list)
    assert sessions[0]["answered"] == 1 and sessions[0]["status"] == "interrupted"
    detail = history(home, sessions[0]["id"])
    assert isinstance(detail, dict) and detail["answers"][0]["rating"] is not None

    child = spawn(home, "practice", "--resume")
    child.expect("Resuming")
    child.expect("Question 2 of 2")
    answer_free(child, "I want to grow into leading a team here within three years.")
    child.expect("How did that go")
    child.send("4")
    child.expect("This session")
    assert finish(child) == 0
    sessions = history(home)
    assert isinstance(sessions, list) and sessions[0]["status"] == "finished"
    assert sessions[0]["answered"] == 2
