"""A job posting is read offline for its role, competencies and skills, kept with the
interview, shown, and used by the likely questions; floors on the check half of
tests/data/postings."""

from __future__ import annotations

import json
from pathlib import Path

from prepcoach.content.library import ContentLibrary
from prepcoach.interviews.posting import asked_lines, read_posting
from prepcoach.kit.likely import format_for, likely_questions
from tests.helpers import invoke
from tests.judge_data import DATA, builtin_library, load

POSTING = DATA / "postings" / "backend-engineer-payments.txt"


def test_floor_on_the_check_half() -> None:
    lib = builtin_library()
    role = c_found = c_right = c_wanted = s_right = s_wanted = n = 0
    for path in sorted((DATA / "postings").glob("*.labels.yaml")):
        labels = load("postings", path.name)
        if labels["half"] != "check":
            continue
        n += 1
        got = read_posting(path.with_name(path.stem.replace(".labels", "") + ".txt").read_text(
            encoding="utf-8"), lib)  # fmt: skip
        role += got.role == labels["role"]
        c_found += len(got.competencies)
        c_right += len(set(got.competencies) & set(labels["competencies"]))
        c_wanted += len(labels["competencies"])
        s_right += len(set(got.skills) & set(labels["skills"]))
        s_wanted += len(labels["skills"])
    assert role / n >= 0.7
    assert c_right / c_found >= 0.45 and c_right / c_wanted >= 0.4
    assert s_right / s_wanted >= 0.3


def test_what_the_employer_says_of_itself_asks_nothing() -> None:
    text = (
        "Data Analyst\nAcme\n\nAbout us\nWe resolve conflict with kindness.\n\n"
        "What you will do\n- Build SQL dashboards and present them to the leadership team.\n\n"
        "Benefits\n- Negotiation training for everyone.\n"
    )
    lines = asked_lines(text)
    assert not any("kindness" in line or "Negotiation" in line for line in lines)
    reading = read_posting(text, builtin_library())
    assert reading.role == "data-analytics"
    assert "sql" in reading.skills
    assert "conflict" not in reading.competencies and "negotiation" not in reading.competencies


def test_the_likely_questions_lean_on_what_the_posting_asks() -> None:
    lib: ContentLibrary = builtin_library()
    fmt = format_for(lib, "second")
    plain = likely_questions(lib, fmt)
    leaning = likely_questions(lib, fmt, posting=("stakeholder-management",))
    assert plain != leaning
    assert any("posting asks for" in q.why for q in leaning)


def test_add_show_and_replace_a_posting(tmp_path: Path) -> None:
    result = invoke(
        "interview", "add", "--company", "Tallybank", "--when", "2031-02-01",
        "--posting", str(POSTING), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    added = json.loads(result.stdout)
    assert added["role"].startswith("Backend Engineer")
    assert added["posting"]["role"] == "software-engineering"
    assert "postgresql" in added["posting"]["skills"]
    shown = invoke("interview", "show", "tallybank")
    assert "role pack" in shown.output and "software-engineering" in shown.output
    other = DATA / "postings" / "ux-designer-council.txt"
    result = invoke("interview", "posting", "tallybank", "-", input=other.read_text("utf-8"))
    assert result.exit_code == 0, result.output
    assert "ux-design" in result.output
    data = json.loads(invoke("interview", "show", "tallybank", "--json").stdout)
    assert data["posting"]["role"] == "ux-design"
    empty = invoke("interview", "posting", "tallybank", "-", input="  \n")
    assert empty.exit_code == 1 and "empty" in empty.output
