"""A new user in a real terminal: the dashboard, picking questions to ask, the prep sheet."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.terminal import ENTER, finish, prep_command, spawn

pytestmark = pytest.mark.e2e

DOWN = "\x1b[B"
SPACE = " "


def prep(home: Path, *args: str) -> str:
    out = subprocess.run(
        [prep_command(), "--home", str(home), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def test_a_new_user_goes_from_the_dashboard_to_a_printed_sheet(tmp_path: Path) -> None:
    home = tmp_path / "home"

    # 1. a first look: nothing yet, and what to do first
    child = spawn(home, "status")
    child.expect("No interview yet")
    child.expect("Next")
    child.expect("prep interview add")
    assert finish(child) == 0

    prep(home, "interview", "add", "--company", "Globex", "--role", "Product manager",
         "--stage", "second", "--when", "2031-03-14 10:00")  # fmt: skip

    # 2. the dashboard for that interview (`prep` alone shows it too)
    child = spawn(home)
    child.expect("Globex")
    child.expect("Ready")
    child.expect("0 of 6")
    child.expect("Questions to ask chosen")
    child.expect("prep ask")
    assert finish(child) == 0

    # 3. pick questions to ask, browsing two categories
    child = spawn(home, "ask")
    child.expect("Browse a category")
    child.send(ENTER)  # Role challenges
    child.expect("tick the ones to ask")
    child.send(SPACE)
    child.send(DOWN)
    child.send(SPACE)
    child.send(ENTER)
    child.expect("Picked 2")
    child.expect("Browse a category")
    child.send(DOWN)
    child.send(DOWN)  # Team dynamics
    child.send(ENTER)
    child.expect("Team dynamics: tick")
    child.send(SPACE)
    child.send(ENTER)
    child.expect("Picked 3")
    child.expect("Browse a category")
    child.expect("Done: save these 3")
    child.send(ENTER)  # the pointer starts on Done once 3 are picked
    child.expect("Saved 3 question")
    assert finish(child) == 0

    status = prep(home, "status")
    assert "3 picked" in status and "1 of 6" in status

    # 4. the sheet, with the questions picked
    sheet = tmp_path / "sheet.html"
    child = spawn(home, "sheet", "--out", str(sheet))
    child.expect("Wrote the prep sheet")
    assert finish(child) == 0
    html = sheet.read_text(encoding="utf-8")
    assert "Globex – Product manager" in html
    assert "What do you expect to be the hardest part of this job" in html
    assert "Who would I be working with most closely day to day?" in html


def test_practice_for_the_next_round_recalls_how_the_question_went_in_the_first(
    tmp_path: Path,
) -> None:
    from datetime import timedelta

    from prepcoach.interviews.core import Interview
    from prepcoach.interviews.store import add_interview
    from prepcoach.kernel import clock
    from prepcoach.postmortem import store as postmortems
    from prepcoach.store.db import Store

    home = tmp_path / "home"
    with Store.open(home) as store:
        first = add_interview(
            store,
            Interview(company="Northwind", stage="first", when=clock.now() - timedelta(days=1)),
        )
        second = add_interview(
            store,
            Interview(company="Northwind", stage="second", when=clock.now() + timedelta(days=2)),
        )
        asked = {
            "text": "Describe a time you missed a deadline",
            "question_id": "missed-commitment",
            "rating": 2,
            "said": "The churn report slipped a week",
            "would_say": "Name the fix: a weekly freshness check",
        }
        postmortems.save_answers(store, first.id, {"questions": [asked]})
    child = spawn(home, "practice", "-q", "missed-commitment", "--interview", second.id)
    child.expect("In the earlier round you rated your answer 2/5")
    child.expect("How do you want to answer")
    child.send("d")
    child.expect("From your post-mortem of the earlier round")
    child.expect("You would say now")
    child.expect("weekly freshness check")
    child.expect("How do you want to answer")
    child.send("q")
    assert finish(child) == 0
