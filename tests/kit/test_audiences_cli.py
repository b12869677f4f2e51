"""`prep ask` and `prep sheet` suggest questions per interviewer from their recorded titles,
through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_prep


def _interview(*people: str) -> None:
    args = ["interview", "add", "--company", "Initech", "--role", "Data analyst"]
    args += ["--when", "2031-03-02 10:00", "--stage", "second"]
    for person in people:
        args += ["--interviewer", person]
    result = run_prep(*args)
    assert result.exit_code == 0, result.output


def test_ask_suggests_per_interviewer_from_the_title(home: Path) -> None:
    _interview("Ann Lee|Talent Acquisition Partner", "Raj Patel|VP Engineering", "Sam Ho")
    result = run_prep("ask", "--list")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "For your interviewers" in out
    assert "Ann Lee (Talent Acquisition Partner) · recruiter or HR" in out
    assert "Raj Patel (VP Engineering) · senior leader" in out
    assert "Sam Ho · no title recorded — general questions" in out
    assert "listens for motivation, the basics of fit, pay expectations" in out
    assert out.count("listens for") == 2  # nothing made up for the person with no title


def test_ask_json_lists_each_interviewers_audience_and_questions(home: Path) -> None:
    _interview("Mia Chen|Engineering Manager", "Tom Ode|Senior Engineer", "Kim Roe|TBC")
    result = run_prep("ask", "--list", "--json")
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)["interviewers"]
    assert [p["audience"] for p in people] == ["hiring-manager", "peer", None]
    assert all(len(p["questions"]) == 3 for p in people)
    assert "says nothing about the role" in people[2]["reading"]
    mine = {q for p in people[:2] for q in p["questions"]}
    assert len(mine) == 6  # no question suggested to both


def test_a_shortlisted_question_goes_to_the_interviewer_it_suits(home: Path) -> None:
    _interview("Ann Lee|Recruiter", "Raj Patel|CTO")
    picks = ["ask-offer-process", "ask-biggest-risk", "ask-team-changes"]
    result = run_prep("ask", *[arg for qid in picks for arg in ("--pick", qid)])
    assert result.exit_code == 0, result.output
    people = json.loads(run_prep("ask", "--list", "--json").stdout)["interviewers"]
    assert people[0]["questions"][0] == "ask-offer-process"
    assert people[1]["questions"][0] == "ask-biggest-risk"


def test_the_sheet_has_questions_by_interviewer(home: Path, tmp_path: Path) -> None:
    _interview("Ann Lee|Talent Acquisition Partner", "Raj Patel|CTO", "Sam Ho")
    result = run_prep("sheet")
    assert result.exit_code == 0, result.output
    assert "**By interviewer** (from their titles):" in result.stdout
    assert "- **Ann Lee (Talent Acquisition Partner)**, recruiter or HR: " in result.stdout
    assert "- **Raj Patel (CTO)**, senior leader: " in result.stdout
    assert "- **Sam Ho**, no title recorded — general questions: " in result.stdout
    out = tmp_path / "sheet.html"
    assert run_prep("sheet", "--out", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<span class="muted">(senior leader)</span>' in html


def test_the_sheet_without_interviewers_has_no_such_part(home: Path) -> None:
    _interview()
    result = run_prep("sheet")
    assert result.exit_code == 0, result.output
    assert "By interviewer" not in result.stdout


def test_picking_in_a_terminal_starts_with_the_interviewers(home: Path, tmp_path: Path) -> None:
    import yaml

    _interview("Mia Chen|Engineering Manager")
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "ask.category": ["team", "done"],
                "ask.pick": [["ask-closest-colleagues", "ask-team-changes", "ask-typical-week"]],
            }
        ),
        encoding="utf-8",
    )
    result = run_prep("ask", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert out.index("Mia Chen (Engineering Manager) · hiring manager") < out.index("Saved 3")


def test_the_suggestions_are_a_group_to_pick_from(home: Path, tmp_path: Path) -> None:
    import yaml

    _interview("Ann Lee|Recruiter", "Raj Patel|CTO")
    suggested = json.loads(run_prep("ask", "--list", "--json").stdout)["interviewers"]
    three = [suggested[0]["questions"][0], *suggested[1]["questions"][:2]]
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump({"ask.category": ["for-your-interviewers", "done"], "ask.pick": [three]}),
        encoding="utf-8",
    )
    result = run_prep("ask", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    shortlist = json.loads(run_prep("ask", "--list", "--json").stdout)["shortlist"]
    assert [e["id"] for e in shortlist] == three
