"""Ctrl-C at each kind of post-mortem prompt: it says what was saved, and a resumed run
picks up at that prompt with nothing typed lost and nothing asked twice."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.terminal import CTRL_C, ENTER, finish, prep_command, spawn

pytestmark = pytest.mark.e2e

SGR = r"\x1b\[[0-9;?]*[A-Za-z]"


def words(prompt: str) -> str:
    return rf"(?:{SGR}|\s)+".join(re.escape(word) for word in prompt.split())


def prep(home: Path, *args: str) -> str:
    out = subprocess.run(
        [prep_command(), "--home", str(home), *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PREP_CACHE": str(home.parent / "c")},
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


# (prompt kind, what the prompt shows, what to type before Enter) in the template's order
STEPS: list[tuple[str, str, str]] = [
    ("rating", "Your rating", "4"),
    ("text", "Your answer", "Friendly, ran over."),
    ("people-checkbox", "Who of them was there", ""),
    ("people-text", "Anyone else", ""),
    ("questions", "Question 1:", "What would you change in our onboarding flow first"),
    ("rating-of-question", "How well did you answer", "3"),
    ("text-said", "What did you say", ""),
    ("text-would-say", "What would you say now", ""),
    ("questions-end", "Question 2:", ""),
    ("list", "1.", "The SQL walkthrough landed"),
]
CONCERN = "never presented to execs"


def start(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    when = (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    prep(
        home,
        "interview",
        "add",
        "--company",
        "ACME",
        "--role",
        "Analyst",
        "--when",
        when,
        "--interviewer",
        "Jane Doe|Head of Data|jane@acme.example",
        "--interviewer",
        "Sam Lee|Engineer|sam@acme.example",
    )
    return home


def drive(child, upto: int) -> None:  # type: ignore[no-untyped-def]
    for _kind, prompt, text in STEPS[:upto]:
        child.expect(words(prompt))
        if text:
            child.send(text)
        child.send(ENTER)
    child.expect(words(STEPS[upto][1]))


def interrupt(child) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    child.send(CTRL_C)
    child.expect(r"(Stopped[^\r\n]*)")
    said = str(child.match.group(1))
    return finish(child), said


@pytest.mark.parametrize("upto", range(len(STEPS)), ids=[s[0] for s in STEPS])
def test_ctrl_c_at_each_prompt_kind_says_what_was_saved_and_resumes_there(
    tmp_path: Path, upto: int
) -> None:
    home = start(tmp_path)
    child = spawn(home, "postmortem", "acme")
    drive(child, upto)
    code, said = interrupt(child)
    assert code == 130
    if upto == 0:
        assert "nothing was saved" in said
        return
    assert "saved" in said and "prep postmortem --resume" in said

    child = spawn(home, "postmortem", "--resume")
    child.expect("Resuming")
    # the prompt it stopped at comes back; what was asked before it is not asked again
    kind, prompt, _text = STEPS[upto]
    child.expect(words(prompt))
    earlier = child.before
    if kind != "people-text":
        assert "Anyone else" not in earlier
    if kind in ("questions-end",):
        assert (
            "What would you change in our onboarding flow first" in earlier
        )  # shown as answered so far
    child.send(CTRL_C)
    finish(child)


def test_ctrl_c_at_a_concerns_competencies_keeps_its_text(tmp_path: Path) -> None:
    home = start(tmp_path)
    child = spawn(home, "postmortem", "acme")
    drive(child, len(STEPS) - 1)
    child.send("The SQL walkthrough landed")
    child.send(ENTER)
    child.expect(words("2."))
    child.send(ENTER)  # went well: done
    child.expect(words("could have gone better"))
    child.expect(words("1."))
    child.send(ENTER)
    child.expect(words("Signal 1:"))
    child.send(CONCERN)
    child.send(ENTER)
    child.expect(words("Which competencies"))
    code, said = interrupt(child)
    assert code == 130 and "saved" in said and "nothing was saved" not in said

    shown = json.loads(prep(home, "postmortem", "show", "acme", "--format", "json"))
    assert CONCERN in json.dumps(shown)

    child = spawn(home, "postmortem", "--resume")
    child.expect(words(f"Signal 1: {CONCERN}"))
    child.expect(words("Which competencies"))  # asked again for the same concern
    child.send(CTRL_C)
    finish(child)


def test_the_words_typed_for_an_interview_added_on_the_way_are_let_go_once_it_is_saved(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    when = (datetime.now() - timedelta(days=1)).strftime("%Y-%m-%d 14:00")
    child = spawn(home, "postmortem")
    child.expect(words("Company:"))
    child.send("Northwind" + ENTER)
    child.expect(words("Role (optional):"))
    child.send("Data analyst" + ENTER)
    child.expect(words("Which round?"))
    child.send(ENTER)
    child.expect(words("When was it?"))
    child.send("\x15" + when + ENTER)  # Ctrl-U clears the default, "today"
    child.expect(words("Added interview"))
    child.expect(words("Your rating"))
    code, said = interrupt(child)
    assert code == 130 and "saved" in said
    # the interview is saved with its date: no draft of the words typed for it is kept
    kept = "".join(p.read_text() for p in (home / "drafts").rglob("*") if p.is_file())
    assert when not in kept and "Data analyst" not in kept
