"""A post-mortem typed in a real terminal, then picked up by practice and the follow-up."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.terminal import CTRL_C, ENTER, finish, prep_command, spawn

pytestmark = pytest.mark.e2e

DOWN = "\x1b[B"
SGR = r"\x1b\[[0-9;?]*[A-Za-z]"  # terminal control codes between words
TYPED_QUESTION = "What would you change in our onboarding flow first"


def prep(home: Path, *args: str) -> str:
    out = subprocess.run(
        [prep_command(), "--home", str(home), *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PREP_CACHE": str(home.parent / "c")},
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def answer(child, prompt: str, text: str = "") -> None:  # type: ignore[no-untyped-def]
    """Wait for a prompt (words may be split by control codes), then type and press Enter."""
    child.expect(rf"(?:{SGR}|\s)+".join(re.escape(word) for word in prompt.split()))
    if text:
        child.send(text)
    child.send(ENTER)


def test_a_post_mortem_schedules_the_weak_question_and_feeds_the_follow_up(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    when = (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    prep(home, "interview", "add", "--company", "ACME", "--role", "Analyst", "--when", when)
    prep(home, "profile", "set", "--name", "Sam Rivera", "--email", "sam@example.com")

    child = spawn(home, "postmortem", "acme")
    answer(child, "Your rating", "4")
    answer(child, "Your answer", "Friendly, ran over by ten minutes.")
    answer(child, "Name:", "Jane Doe")
    answer(child, "Job title", "Head of Data")
    answer(child, "Email", "jane@acme.example")
    answer(child, "Anyone else")

    # one question from the bank, found by a few words and picked from the completions
    child.expect("Question 1:")
    child.send("disagree manag")
    child.expect("disagreed-with-manager")  # the completion menu shows the bank id
    child.send(DOWN)
    child.send(ENTER)
    child.expect("bank question disagreed-with-manager")
    answer(child, "How well did you answer", "2")
    answer(child, "What did you say", "A reporting change, no clear result.")
    answer(child, "What would you say now", "The KPI dispute, where I brought data.")
    # one typed in the interviewer's own words
    answer(child, "Question 2:", TYPED_QUESTION)
    child.expect("your own wording")
    answer(child, "How well did you answer", "4")
    answer(child, "What did you say")
    answer(child, "What would you say now")
    answer(child, "Question 3:")

    child.expect("What went well")
    answer(child, "1.", "The SQL walkthrough landed")
    answer(child, "2.")
    answer(child, "could have gone better")
    answer(child, "Signal 1:", "asked twice about stakeholder management")
    answer(child, "Which competencies")  # keep the suggested ones
    answer(child, "Signal 2:")
    child.expect("thank-you email")
    answer(child, "1.", "their move to self-serve analytics")
    answer(child, "2.")
    answer(child, "Your answer", "The data platform team")
    answer(child, "clarify or correct")
    answer(child, "Your answer")  # next steps
    answer(child, "promise to send")
    answer(child, "Which dates matter")
    child.expect("Post-mortem saved")
    child.expect("prep practice --mode weak")
    assert finish(child) == 0

    # the weak question is due in practice
    child = spawn(home, "practice", "--mode", "weak")
    child.expect("Question 1 of 1")
    child.expect("disagreed with a decision your manager made")
    child.expect("How do you want to answer")
    child.send(CTRL_C)
    finish(child)

    # the topic is there for the thank-you email
    drafted = json.loads(prep(home, "followup", "acme", "--to", "jane", "--json"))
    (draft,) = drafted["drafts"]
    assert draft["to"]["email"] == "jane@acme.example"
    assert "their move to self-serve analytics" in draft["body"]
    shown = json.loads(prep(home, "postmortem", "show", "acme", "--format", "json"))
    questions = shown["postmortem"]["questions"]
    assert [(q["question_id"], q["rating"]) for q in questions] == [
        ("disagreed-with-manager", 2),
        (None, 4),
    ]
    assert questions[1]["text"] == TYPED_QUESTION
