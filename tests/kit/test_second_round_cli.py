"""`prep ask`, `prep research`, `prep salary`, `prep sheet`, `prep status` (and `prep`) and
`prep export --anki/--csv`, through the real CLI, plus what they change in practice."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from prepcoach.content.library import content_files, load_library
from prepcoach.kernel.paths import builtin_content_dir
from prepcoach.store.db import Store
from tests import second_round_data as data
from tests.helpers import invoke

ASK_3 = ("ask-closest-colleagues", "ask-great-hire-one-year", "ask-career-paths")


def _setup(home: Path, *, everything: bool = False, postmortem: bool = False) -> data.Home:
    with Store.open(home) as store:
        rounds = data.add_rounds(store)
        if postmortem:
            data.add_postmortem(store, rounds)
        if everything:
            data.add_everything(store, rounds)
    return rounds


def _answers(tmp_path: Path, answers: dict[str, object]) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return str(path)


def _picks(*ids: str) -> list[str]:
    return [arg for qid in ids for arg in ("--pick", qid)]


# ---------------------------------------------------------------------------- prep ask


def test_ask_pick_saves_the_shortlist_in_order(home: Path) -> None:
    rounds = _setup(home)
    result = invoke("ask", *_picks(*ASK_3), "--note", "ask-career-paths=mention the PM ladder")
    assert result.exit_code == 0, result.output
    assert "Saved 3 questions to ask at Globex Corporation" in result.output
    assert "1. Who would I be working with most closely day to day?" in result.output
    assert "note: mention the PM ladder" in result.output
    listed = json.loads(invoke("ask", rounds.second.id, "--list", "--json").output)
    assert [e["id"] for e in listed["shortlist"]] == list(ASK_3)
    assert listed["shortlist"][2]["note"] == "mention the PM ladder"
    assert all("second" in q["stages"] for qs in listed["categories"].values() for q in qs)


def test_ask_refuses_a_shortlist_of_the_wrong_size(home: Path) -> None:
    _setup(home)
    result = invoke("ask", *_picks("ask-closest-colleagues", "ask-carer-paths"))
    assert result.exit_code == 1
    assert result.output == (
        "Error: pick 3 to 5 questions to ask (you picked 2); no question to ask with id "
        "'ask-carer-paths' (did you mean 'ask-career-paths'?)\n"
    )


def test_ask_browses_category_by_category(home: Path, tmp_path: Path) -> None:
    _setup(home)
    answers = {
        "ask.category": ["team", "growth", "done"],
        "ask.pick": [["ask-closest-colleagues", "ask-team-changes"], ["ask-career-paths"]],
    }
    result = invoke("ask", "--answers", _answers(tmp_path, answers))
    assert result.exit_code == 0, result.output
    shortlist = json.loads(invoke("ask", "--list", "--json").output)["shortlist"]
    assert [e["id"] for e in shortlist] == [
        "ask-closest-colleagues",
        "ask-team-changes",
        "ask-career-paths",
    ]


def test_ask_insists_on_three_before_it_is_done(home: Path, tmp_path: Path) -> None:
    _setup(home)
    answers = {
        "ask.category": ["team", "done", "growth", "done"],
        "ask.pick": [["ask-closest-colleagues", "ask-team-changes"], ["ask-career-paths"]],
    }
    result = invoke("ask", "--answers", _answers(tmp_path, answers))
    assert result.exit_code == 0, result.output
    assert "Pick 3 to 5 questions (you have 2)" in result.output


def test_ask_can_be_cancelled(home: Path, tmp_path: Path) -> None:
    _setup(home)
    answers = {"ask.category": ["team", "cancel"], "ask.pick": [["ask-closest-colleagues"]]}
    result = invoke("ask", "--answers", _answers(tmp_path, answers))
    assert result.exit_code == 0 and "Nothing changed." in result.output
    assert json.loads(invoke("ask", "--list", "--json").output)["shortlist"] == []


def test_ask_warns_about_questions_the_first_round_answered(home: Path, tmp_path: Path) -> None:
    _setup(home, postmortem=True)
    picks = (*ASK_3, "ask-next-steps-timeline")
    result = invoke("ask", *_picks(*picks))
    assert result.exit_code == 0, result.output
    assert "may already be answered" in result.output
    assert "the next step is a panel" in result.output
    # in a terminal (here: scripted), the candidate decides whether to keep it
    answers = {
        "ask.category": ["next-steps", "done"],
        "ask.pick": [["ask-next-steps-timeline"]],
        "ask.keep": False,
    }
    result = invoke("ask", "--answers", _answers(tmp_path, answers))
    assert result.exit_code == 0, result.output
    shortlist = json.loads(invoke("ask", "--list", "--json").output)["shortlist"]
    assert [e["id"] for e in shortlist] == list(ASK_3)


def test_ask_without_a_terminal_shows_the_questions(home: Path) -> None:
    _setup(home)
    result = invoke("ask")
    assert result.exit_code == 0
    assert "Role challenges" in result.output and "shows that you" in result.output
    assert "prep ask --pick ID" in result.output


def test_ask_lists_questions_without_any_interview(home: Path) -> None:
    result = invoke("ask", "--list", "--category", "growth")
    assert result.exit_code == 0, result.output
    assert "Growth" in result.output and "Team dynamics" not in result.output
    result = invoke("ask", *_picks(*ASK_3))
    assert result.exit_code == 1 and "no interviews yet" in result.output
    assert invoke("ask", "--list", "--category", "money").exit_code == 2


# ---------------------------------------------------------------------------- prep research

GUIDED = {
    "research.mission": ["Make small-business payments simple.", ""],
    "research.news": ["Launched Globex Pay in Brazil", ""],
    "research.press": [""],
    "research.culture": ["Autonomy, slow decisions", ""],
    "research.challenges": ["Merchant churn after the price change", ""],
    "research.competitors": ["Initrode", ""],
    "research.sources": [
        "https://globex.example/about",
        "https://news.example/a https://news.example/b",
        "chat with Ana",
        "",
        "",
    ],
    "research.how_i_help": ["I cut churn 18% at Initech."],
}


def test_research_guided_saves_items_with_sources(home: Path, tmp_path: Path) -> None:
    _setup(home)
    result = invoke("research", "globex", "--answers", _answers(tmp_path, GUIDED))
    assert result.exit_code == 0, result.output
    assert "Saved 5 new items on Globex Corporation" in result.output
    assert "Research done." in result.output
    shown = json.loads(invoke("research", "show", "--json").output)
    assert shown["company"] == "Globex Corporation" and shown["done"] is True
    assert shown["sections"]["news"][0]["sources"] == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    assert shown["sections"]["challenges"][0]["how_i_help"] == "I cut churn 18% at Initech."
    text = invoke("research", "show", "globex").output
    assert "Challenges they face" in text and "how I help: I cut churn" in text
    assert "source: chat with Ana" in text
    assert "Globex Corporation" in invoke("research", "list").output


def test_research_from_a_file_and_rm(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "dossier.yaml"
    path.write_text(
        "mission:\n  - Build things\nchallenges:\n  - text: Hiring\n    how_i_help: I hired 12\n",
        encoding="utf-8",
    )
    result = invoke("research", "Initrode", "--from", str(path))
    assert result.exit_code == 0, result.output
    assert "Saved research on Initrode: 2 of 6 sections" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("mission: 12\n", encoding="utf-8")
    result = invoke("research", "Initrode", "--from", str(bad))
    assert result.exit_code == 1
    assert "mission' must be a list of items" in result.output
    assert invoke("research", "rm", "initrode", "--yes").exit_code == 0
    result = invoke("research", "show", "Initrode")
    assert result.exit_code == 1 and "no research yet" in result.output


EDITOR = """\
import pathlib, re, sys
path = pathlib.Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
if "#!" in text:  # the second round: fix what the first one broke
    text = text.replace("competitors: 7", "competitors: [Initrode]")
else:
    text = re.sub(r"competitors:\\n(- .*\\n|  .*\\n)*", "competitors: 7\\n", text)
    text = text.replace(
        "press: []", "press:\\n- text: Q3 results beat forecasts\\n  sources: [https://q3.example]"
    )
path.write_text(text, encoding="utf-8")
"""


def test_research_edit_reopens_on_problems_then_saves(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rounds = _setup(home, everything=True)
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke("research", "edit", rounds.second.company)
    assert result.exit_code == 0, result.output
    assert "1 problem; reopening the editor." in result.output
    shown = json.loads(invoke("research", "show", "--json").output)
    assert shown["sections"]["press"][0]["text"] == "Q3 results beat forecasts"
    assert [i["text"] for i in shown["sections"]["competitors"]] == ["Initrode"]
    assert not list((home / "drafts").glob("*"))


# ---------------------------------------------------------------------------- prep salary


def test_salary_from_options_shows_the_answer_to_practise(home: Path) -> None:
    rounds = _setup(home)
    result = invoke(
        "salary",
        "--min",
        "80k",
        "--target",
        "€90k",
        "--max",
        "100,000",
        "--source",
        "https://www.glassdoor.com/x",
    )
    assert result.exit_code == 0, result.output
    assert "Saved: €80,000–€100,000 a year, target €90,000" in result.output
    assert "in the range of €90,000 to €100,000 a year" in result.output
    assert "based on: glassdoor.com" in result.output
    # the words to say hang under their first line when they wrap
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  Based on my research"))
    script = lines[start : lines.index("", start) if "" in lines[start:] else None]
    assert len(script) > 1 and all(line.startswith("  ") for line in script), script
    shown = json.loads(invoke("salary", rounds.second.id, "--json").output)
    assert shown["minimum"] == 80_000 and shown["currency"] == "EUR"
    assert "€90,000 to €100,000" in shown["practised_answer"]
    # a later change keeps the rest
    assert invoke("salary", "--max", "110k").exit_code == 0
    assert json.loads(invoke("salary", "--json").output)["maximum"] == 110_000


def test_salary_errors_say_what_to_give(home: Path) -> None:
    _setup(home)
    result = invoke("salary", "--min", "80k")
    assert (
        result.output
        == "Error: give --target, --max too (e.g. --min 80k --target 90k --max 100k)\n"
    )
    result = invoke(
        "salary", "--min", "€80k", "--target", "90k", "--max", "100k", "--currency", "USD"
    )
    assert result.output == "Error: the amounts are in EUR but --currency says USD\n"
    result = invoke("salary", "--min", "80k", "--target", "90k", "--max", "100k")
    assert "give --currency" in result.output
    assert invoke("salary", "--period", "fortnight").exit_code == 2
    assert "No salary range" in invoke("salary").output


def test_salary_asks_in_a_terminal(home: Path, tmp_path: Path) -> None:
    _setup(home)
    answers = {
        "salary.minimum": "60000",
        "salary.target": "65000",
        "salary.maximum": "72000",
        "salary.currency": "gbp",
        "salary.period": "year",
        "salary.sources": "https://a.example ; recruiter",
        "salary.notes": "bonus matters",
    }
    result = invoke("salary", "--answers", _answers(tmp_path, answers))
    assert result.exit_code == 0, result.output
    assert "£60,000–£72,000 a year, target £65,000" in result.output
    shown = json.loads(invoke("salary", "--json").output)
    assert shown["sources"] == ["https://a.example", "recruiter"]


def test_salary_research_feeds_practice_feedback(home: Path, tmp_path: Path) -> None:
    rounds = _setup(home, everything=True)
    answer = {
        "question": "salary-expectations",
        "style": "free",
        "text": "Based on my research I am looking for 50,000 to 55,000 euros a year.",
        "rating": "good",
    }
    why_us = {
        "question": "why-us",
        "style": "free",
        "text": "The Globex Pay launch in Brazil excites me; for example, I grew a payments "
        "product into two new markets at my last job.",
        "rating": "good",
    }
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"answers": [answer, why_us]}), encoding="utf-8")
    result = invoke("practice", "--answers", str(path), "--interview", rounds.second.id, "--json")
    assert result.exit_code == 0, result.output
    salary_answer, why = json.loads(result.output)["answers"]
    rules = {f["rule"] for f in salary_answer["feedback"]["findings"]}
    assert "salary.below-research" in rules
    connected = next(f for f in why["feedback"]["findings"] if f["rule"] == "role.connected")
    assert "Brazil" in connected["items"] or "Globex Pay" in connected["items"]


def test_the_mock_interview_offers_the_shortlist_first(home: Path, tmp_path: Path) -> None:
    from prepcoach.practice.plan import Filters, History, plan_session

    rounds = _setup(home, everything=True)
    library = load_library(content_files(builtin_content_dir(), None, []))
    plan = plan_session(library, "mock", Filters(), History(), format_id="second-round")
    entries: list[dict[str, object]] = []
    for item in plan:
        if item.question_id == "candidate-questions":
            entries.append({"asks": list(ASK_3[:2])})
        else:
            entries.append({"text": "I led a project and grew revenue by 10%.", "rating": 3})
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump({"answers": entries}), encoding="utf-8")
    result = invoke(
        "practice",
        "--format",
        "second-round",
        "--interview",
        rounds.second.id,
        "--answers",
        str(path),
    )
    assert result.exit_code == 0, result.output
    assert "Your 3 questions for Globex Corporation come first (prep ask)." in result.output

    with Store.open(home) as store:
        from prepcoach.kit.core import shortlist_first

        ordered, note = shortlist_first(store, None, list(library.ask_questions.values()))
    assert [q.id for q in ordered[:3]] == list(ASK_3) and note


# ---------------------------------------------------------------------------- prep sheet


def test_sheet_in_markdown_and_html(home: Path, tmp_path: Path) -> None:
    _setup(home, everything=True, postmortem=True)
    result = invoke("sheet")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("<!-- prepcoach prep sheet -->\n# Globex Corporation")
    for heading in ("Likely questions", "Revisit the first conversation", "Research", "Salary"):
        assert f"## {heading}" in result.output
    out = tmp_path / "sheet.html"
    result = invoke("sheet", "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Hank Scorpio" in html
    assert "Who would I be working with most closely day to day?" in html
    assert invoke("sheet", "--out", str(out)).exit_code == 0  # a sheet is replaced freely
    other = tmp_path / "notes.html"
    other.write_text("my notes", encoding="utf-8")
    result = invoke("sheet", "--out", str(other))
    assert result.exit_code == 1 and "already exists" in result.output
    assert other.read_text(encoding="utf-8") == "my notes"
    assert invoke("sheet", "--out", str(other), "--force").exit_code == 0
    md = tmp_path / "sheet.md"
    assert invoke("sheet", "-o", str(md)).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("<!-- prepcoach prep sheet -->")
    assert invoke("sheet", "--format", "pdf").exit_code == 2


# ---------------------------------------------------------------------------- prep status


def test_status_of_a_second_round(home: Path) -> None:
    rounds = _setup(home, everything=True, postmortem=True)
    data_ = json.loads(invoke("status", "--json").output)
    assert data_["interview"]["id"] == rounds.second.id
    assert data_["previous_interview"] == rounds.first.id
    done = {c["key"]: c["done"] for c in data_["checks"]}
    assert done == {
        "postmortem": True,
        "research": True,
        "stories": True,
        "practice": False,
        "ask": True,
        "salary": True,
        "followup": False,
    }
    # the thank-you is 30 hours late: it waits until the rest is done
    assert (
        data_["next_action"]["command"]
        == f"prep practice --mode mock --interview {rounds.second.id}"
    )
    text = invoke("status").output
    assert "Ready" in text and "5 of 7" in text and "(71%)" in text
    assert "✓ Company research" in text and "✗ Thank-you sent within 24 hours" in text
    assert "Next: Practise the likely questions in a mock second round" in text


def test_prep_alone_shows_the_dashboard(home: Path) -> None:
    _setup(home)
    result = invoke()
    assert result.exit_code == 0, result.output
    assert "Globex Corporation – Product manager · second round" in result.output
    assert "0 of 7" in result.output
    help_text = invoke("--help").output
    assert "Usage:" in help_text and "status" in help_text


def test_status_for_a_new_user_says_how_to_start(home: Path) -> None:
    result = invoke("status")
    assert result.exit_code == 0, result.output
    assert "No interview yet" in result.output
    assert "Next: Add the interview you are preparing for" in result.output
    assert json.loads(invoke("status", "--json").output)["interview"] is None
    assert invoke("status", "nosuch").exit_code == 1


# ---------------------------------------------------------------------------- flashcards


def test_export_anki_and_csv(home: Path, tmp_path: Path) -> None:
    _setup(home)
    with Store.open(home) as store:
        data.practise(store, ["why-us"])
    deck = tmp_path / "cards.apkg"
    result = invoke("export", "--anki", str(deck), "--csv", str(tmp_path / "cards.csv"))
    assert result.exit_code == 0, result.output
    assert "cards, 1 with your best answer" in result.output
    assert deck.stat().st_size > 1000
    rows = (tmp_path / "cards.csv").read_text(encoding="utf-8")
    assert rows.startswith("question,answer,covers,tips,tags")
    assert "My answer to why-us" in rows
    result = invoke("export", "--anki", str(deck))
    assert result.exit_code == 1 and "add --force" in result.output
    assert invoke("export", "--anki", str(deck), "--force").exit_code == 0
    assert invoke("export", "--anki", str(deck), "-o", "x.json").exit_code == 2
    every = invoke("export", "--csv", "-", "--all-questions")
    assert every.output.count("\n") > 150


def test_export_cards_with_nothing_to_export(home: Path) -> None:
    result = invoke("export", "--csv", "-")
    assert result.exit_code == 1 and "no questions to make cards of yet" in result.output


# ---------------------------------------------------------------------------- private stays private

MINIMUM_FIGURES = ("80,000", "80000", "80k", "80.000")


def _leaks_minimum(text: str) -> list[str]:
    return [f for f in MINIMUM_FIGURES if f in text]


def test_the_salary_minimum_is_not_on_the_sheet(home: Path, tmp_path: Path) -> None:
    _setup(home, everything=True, postmortem=True)
    result = invoke("sheet")
    assert result.exit_code == 0, result.output
    assert "## Salary" in result.output and "€90,000" in result.output
    assert _leaks_minimum(result.output) == []
    out = tmp_path / "sheet.html"
    assert invoke("sheet", "--out", str(out)).exit_code == 0
    assert _leaks_minimum(out.read_text(encoding="utf-8")) == []
    status = invoke("status")
    assert status.exit_code == 0 and _leaks_minimum(status.output) == []


def test_the_salary_minimum_is_in_no_email(home: Path) -> None:
    rounds = _setup(home, everything=True, postmortem=True)
    for template in ("thank-you-first", "counter-offer", "offer-acceptance", "check-in"):
        result = invoke(
            "followup",
            rounds.second.id,
            "--template",
            template,
            "--set",
            "counter_figure=€95,000",
            "--set",
            "promised_date=2030-01-10",
            "--to",
            "Hank",
            "--set",
            "topic=the roadmap",
            "--set",
            "skill=planning",
            "--set",
            "signature=Kim",
            "--json",
        )
        assert result.exit_code == 0, result.output
        assert _leaks_minimum(result.output) == [], template


def test_the_salary_minimum_is_not_in_a_redacted_export(home: Path) -> None:
    _setup(home, everything=True)
    result = invoke("export", "--redact", "--format", "json")
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    (row,) = exported["tables"]["salary_ranges"]
    assert row["minimum"] == row["target"] == 90_000
    assert "80000" not in result.stdout.replace(" ", "")
    plain = json.loads(invoke("export", "--format", "json").stdout)
    assert plain["tables"]["salary_ranges"][0]["minimum"] == 80_000  # a full backup keeps it


def test_salary_checks_each_figure_at_its_prompt(home: Path, tmp_path: Path) -> None:
    _setup(home)
    answers = _answers(tmp_path, {"salary.minimum": "80k", "salary.target": "70k"})
    result = invoke("salary", "--answers", answers)
    assert result.exit_code == 1
    assert "salary.target" in result.output and "cannot be below the minimum" in result.output


def test_salary_show_never_saves(home: Path) -> None:
    _setup(home)
    result = invoke("salary", "--show", "--min", "80k", "--target", "90k", "--max", "99k")
    assert result.exit_code == 2
    assert json.loads(invoke("salary", "--json").output) is None
