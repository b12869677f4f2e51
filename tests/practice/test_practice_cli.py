"""`prep practice` in scripted mode, `prep history` and `prep stats`, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from prepcoach.cli.practice.answers import TerminalAnswers
from prepcoach.cli.practice.scripted import ScriptedAnswers
from prepcoach.cli.prompts import ScriptedPrompter
from prepcoach.content.model import Question, StarPart, StarTemplate
from prepcoach.kernel import ids
from prepcoach.kernel.errors import NotInteractiveError, PrepError
from prepcoach.practice import store as ps
from prepcoach.store.db import Store
from tests.helpers import invoke

STAR_ANSWER = {
    "question": "adapt-to-change",
    "parts": {
        "situation": "Our company was acquired and the new owner replaced our tools in a quarter.",
        "task": "I had to move my team of six to the new CRM without losing customer follow-ups.",
        "action": "I mapped every workflow, ran two pilots with volunteers, wrote a one-page "
        "guide and held daily check-ins for two weeks. I negotiated a two-week overlap with "
        "the old system so nothing fell through the cracks.",
        "result": "We moved in five weeks instead of eight with zero lost follow-ups, and "
        "response time improved by 12%.",
    },
    "rating": "easy",
}
FREE_ANSWER = {
    "question": "why-us",
    "style": "free",
    "text": "Um, basically I think you are, like, a good company. Maybe I could learn a lot.",
    "rating": "good",
}


def write_answers(path: Path, *answers: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump({"answers": list(answers)}), encoding="utf-8")
    return path


def test_scripted_session_saves_answers_feedback_and_schedule(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", STAR_ANSWER, FREE_ANSWER)
    result = invoke("practice", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "finished"
    star, free = data["answers"]
    assert star["question_id"] == "adapt-to-change" and star["rating"] == "easy"
    assert star["score"] > free["score"]
    rules = {f["rule"] for f in free["feedback"]["findings"]}
    assert "filler.words" in rules or "filler.hedging" in rules
    # a weak score tempers an optimistic rating
    assert free["rating"] in {"hard", "good"}
    history = json.loads(invoke("history", "--json").output)
    assert [s["answered"] for s in history] == [2]
    detail = json.loads(invoke("history", history[0]["id"], "--json").output)
    assert [a["question_id"] for a in detail["answers"]] == ["adapt-to-change", "why-us"]
    assert detail["answers"][0]["parts"]["result"].startswith("We moved in five weeks")


def test_scripted_session_prints_feedback_for_people(tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", FREE_ANSWER)
    result = invoke("practice", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "Why do you want to work here" in result.output
    assert "Score " in result.output and "/100" in result.output
    assert "Rated " in result.output and "comes back" in result.output


def test_answers_can_be_piped_on_stdin() -> None:
    text = yaml.safe_dump({"answers": [FREE_ANSWER]})
    result = invoke("practice", "--json", input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["answers"][0]["question_id"] == "why-us"


def test_no_terminal_and_no_answers_is_a_clear_error() -> None:
    result = invoke("practice", input="")
    assert result.exit_code == 1
    assert "needs a terminal" in result.output and "--answers" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("answers: []\n", "the answers list is empty"),
        ("answers:\n  - text: [\n", "a.yaml:3:1"),
        ("answers:\n  - question: why-us\n    text: hi\n    rating: superb\n", "use 1-4"),
        ("answers:\n  - question: nope-nope\n    text: hi\n", "no question with id 'nope-nope'"),
        ("answers:\n  - question: why-us\n    style: sung\n    text: hi\n", "style 'sung'"),
        ("just text\n", "expected 'answers:'"),
    ],
)
def test_bad_answer_files_get_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(content, encoding="utf-8")
    result = invoke("practice", "--answers", str(path))
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_options_say_what_is_allowed() -> None:
    result = invoke("practice", "--mode", "fast")
    assert result.exit_code == 2
    assert "review, quick, mock, weak" in result.output
    result = invoke("practice", "--competency", "conflct")
    assert result.exit_code == 2 and "did you mean 'conflict'" in result.output


def test_interrupted_session_resumes_with_the_remaining_questions(tmp_path: Path) -> None:
    first = {k: v for k, v in FREE_ANSWER.items() if k != "question"}
    result = invoke(
        "practice",
        "--mode",
        "quick",
        "--count",
        "2",
        "--category",
        "motivation",
        "--answers",
        str(write_answers(tmp_path / "one.yaml", first)),
        "--json",
    )
    data = json.loads(result.output)
    assert data["status"] == "interrupted" and len(data["answers"]) == 1
    result = invoke(
        "practice",
        "--resume",
        "--answers",
        str(write_answers(tmp_path / "two.yaml", first)),
        "--json",
    )
    resumed = json.loads(result.output)
    assert resumed["session"] == data["session"] and resumed["status"] == "finished"
    assert resumed["answers"][0]["question_id"] != data["answers"][0]["question_id"]
    assert invoke("practice", "--resume", "--answers", str(tmp_path / "two.yaml")).exit_code == 1


def test_weak_mode_brings_back_a_question_rated_again(tmp_path: Path) -> None:
    again = dict(FREE_ANSWER, rating="again")
    invoke("practice", "--answers", str(write_answers(tmp_path / "a.yaml", again)))
    result = invoke(
        "practice",
        "--mode",
        "weak",
        "--answers",
        str(write_answers(tmp_path / "b.yaml", dict(FREE_ANSWER, question=None))),
        "--json",
    )
    assert json.loads(result.output)["answers"][0]["question_id"] == "why-us"


def test_history_of_a_question_shows_score_changes_and_a_diff(tmp_path: Path) -> None:
    invoke("practice", "--answers", str(write_answers(tmp_path / "a.yaml", FREE_ANSWER)))
    better = dict(
        FREE_ANSWER,
        text="Your move into small-business lending matches what I built at Acme, where our "
        "segment grew 30% in a year. I want to bring that experience to this team.",
    )
    invoke("practice", "--answers", str(write_answers(tmp_path / "b.yaml", better)))
    result = invoke("history", "--question", "why-us")
    assert result.exit_code == 0
    assert "What changed since the previous attempt" in result.output
    assert "+ Your move into small-business lending" in result.output
    data = json.loads(invoke("history", "--question", "why-us", "--json").output)
    assert len(data["attempts"]) == 2
    assert invoke("history", "--question", "why-uss").exit_code == 1


def test_stats_summarise_scores_and_due_counts(tmp_path: Path) -> None:
    assert "No practice yet" in invoke("stats").output
    invoke("practice", "--answers", str(write_answers(tmp_path / "a.yaml", STAR_ANSWER)))
    data = json.loads(invoke("stats", "--json").output)
    assert data["answers"] == 1 and data["streak_days"] == 1
    assert {g["key"] for g in data["by_competency"]} >= {"adaptability"}
    text = invoke("stats").output
    assert "By competency" in text and "Due for review now" in text


def test_mock_ends_with_questions_for_the_interviewer(tmp_path: Path) -> None:
    from prepcoach.content.library import content_files, load_library
    from prepcoach.kernel.paths import builtin_content_dir
    from prepcoach.practice.plan import Filters, History, plan_session

    library = load_library(content_files(builtin_content_dir(), None, []))
    plan = plan_session(library, "mock", Filters(), History(), format_id="first-round-screen")
    entries: list[dict[str, object]] = []
    for item in plan:
        if item.question_id == "candidate-questions":
            entries.append({"asks": list(library.ask_questions)[:2]})
        else:
            entries.append({"text": "I led a project and grew revenue by 10%.", "rating": 3})
    path = write_answers(tmp_path / "m.yaml", *entries)
    result = invoke("practice", "--format", "first-round-screen", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "finished"
    assert data["answers"][-1] == {
        "question_id": "candidate-questions",
        "asked": list(library.ask_questions)[:2],
    }


QUESTION = Question(
    id="q", text="Tell me about a change.", category="behavioral", assesses="x", target_seconds=60
)
TEMPLATE = StarTemplate(
    id="t",
    title="STAR",
    description="",
    parts=(
        StarPart(key="situation", label="Situation", prompt="Where?", hint="h", share=0.2),
        StarPart(key="action", label="Action", prompt="What did you do?", hint="h", share=0.6),
        StarPart(
            key="reflection",
            label="Reflection",
            prompt="Lesson?",
            hint="h",
            share=0.2,
            optional=True,
        ),
    ),
)


def test_terminal_answers_walk_the_star_parts_and_time_them() -> None:
    from rich.console import Console

    prompter = ScriptedPrompter(
        {
            "practice.style": ["details", "star"],
            "practice.situation": "At my last job.",
            "practice.action": "I fixed it.",
            "practice.reflection": "",
            "practice.rating": "3",
        }
    )
    shown: list[str] = []
    source = TerminalAnswers(
        prompter, Console(file=open("/dev/null", "w")), show_details=lambda q: shown.append(q.id)
    )
    assert source.choose(QUESTION, "star") == "star"
    assert shown == ["q"]
    given = source.answer(QUESTION, "star", TEMPLATE)
    assert given.parts == {
        "situation": "At my last job.",
        "action": "I fixed it.",
        "reflection": "",
    }
    assert set(given.part_seconds) == {"situation", "action", "reflection"}
    assert int(source.rate(QUESTION, None)) == 3


def test_terminal_answers_refuse_a_blank_required_part() -> None:
    from rich.console import Console

    prompter = ScriptedPrompter({"practice.situation": "  "})
    source = TerminalAnswers(prompter, Console(file=open("/dev/null", "w")), show_details=print)
    with pytest.raises(PrepError, match="Write something"):
        source.answer(QUESTION, "star", TEMPLATE)


def test_scripted_prompter_fails_loudly_on_an_unexpected_prompt() -> None:
    with pytest.raises(NotInteractiveError, match="no scripted answer for 'practice.style'"):
        ScriptedPrompter({}).select("practice.style", "How?", [])


def test_scripted_answers_must_follow_the_session_order() -> None:
    source = ScriptedAnswers.parse("answers:\n  - question: b\n    text: hi\n", "f.yaml")
    with pytest.raises(PrepError, match="is for 'b' but the session asks 'q' next"):
        source.choose(QUESTION, "free")


def test_a_free_answer_written_in_the_editor_is_kept_as_a_draft_until_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.practice.practice_flow import edit_answer
    from prepcoach.store import drafts

    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "I led the move and cut costs by 20%." >> "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    assert edit_answer(AppContext(home=home), QUESTION) == "I led the move and cut costs by 20%."
    kept = drafts.load_draft(home, "answer", QUESTION.id)
    assert kept is not None and "# Tell me about a change." in kept


def test_feedback_is_tailored_to_the_current_interview_without_asking(tmp_path: Path) -> None:
    added = invoke(
        "interview", "add", "--company", "Northwind", "--role", "Analyst", "--stage", "second"
    )
    assert added.exit_code == 0, added.output
    answer = dict(FREE_ANSWER, question="why-us", text="Northwind's shift to open data is why.")
    result = invoke("practice", "--answers", str(write_answers(tmp_path / "a.yaml", answer)))
    assert "Feedback is tailored to Northwind" in result.output
    data = json.loads(invoke("practice", "--answers", str(tmp_path / "a.yaml"), "--json").output)
    rules = {f["rule"] for f in data["answers"][0]["feedback"]["findings"]}
    assert "role.connected" in rules


def test_the_closing_question_list_shows_the_shortlist_checked_then_two_per_category() -> None:
    from rich.console import Console

    from prepcoach.content.model import AskQuestion

    asks = [
        AskQuestion(
            id=f"{category}-{i}", text=f"{category} {i}?", category=category, demonstrates="x"
        )
        for category in ("team", "growth", "culture")
        for i in range(4)
    ]
    prompter = ScriptedPrompter({"practice.ask": ["growth-3"]})
    source = TerminalAnswers(prompter, Console(file=open("/dev/null", "w")), show_details=print)
    seen: list[list[str]] = []
    real_checkbox = prompter.checkbox

    def spy(name, message, choices, *, checked=()):  # type: ignore[no-untyped-def]
        seen.append([c.value for c in choices])
        assert list(checked) == ["growth-3"]
        return real_checkbox(name, message, choices, checked=checked)

    prompter.checkbox = spy  # type: ignore[method-assign]
    assert source.pick_ask_questions(asks, ["growth-3"]) == ["growth-3"]
    assert seen == [
        ["growth-3", "team-0", "team-1", "growth-0", "growth-1", "culture-0", "culture-1"]
    ]


def test_a_session_is_found_by_a_unique_start_of_its_id_old_or_new(home: Path) -> None:
    store = Store.open(home)
    old = "ps-e481b2fd7a"  # the hex ids sessions had before they used the common scheme
    new = ps.start_session(store, mode="quick", planned=[], options={})
    store.conn.execute(
        "INSERT INTO practice_sessions (id, started_at, mode) VALUES (?, ?, 'quick')",
        (old, "2031-03-14T12:00:00+00:00"),
    )
    store.conn.commit()
    assert ids.ID_RE.match(new)
    for query in ("e481", "ps-e481", old):
        result = invoke("history", query)
        assert result.exit_code == 0, result.output
        assert f"Session {old}" in result.output
    result = invoke("history", new.removeprefix("ps-")[:4])
    assert result.exit_code == 0 and f"Session {new}" in result.output
    missing = invoke("history", "zzzz")
    assert missing.exit_code == 1


def test_answer_json_adds_parts_evidence_and_scored(tmp_path: Path) -> None:
    aloud = {"question": "why-us", "style": "aloud", "seconds": 70, "rating": "good"}
    answers = write_answers(tmp_path / "a.yaml", STAR_ANSWER, aloud)
    result = invoke("practice", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    star, spoken = json.loads(result.output)["answers"]
    feedback = star["feedback"]
    assert {"score", "findings", "look_fors_covered", "look_fors_missing"} <= set(feedback)
    assert feedback["scored"] is True and sum(feedback["parts"].values()) == star["score"]
    assert set(feedback["parts"]) == {"structure", "evidence", "relevance", "delivery"}
    assert set(feedback["evidence"]) == set(feedback["look_fors_covered"])
    # Aloud without notes: timed, not scored.
    assert spoken["score"] is None and spoken["feedback"]["score"] is None
    assert spoken["feedback"]["scored"] is False
    assert spoken["feedback"]["findings"][0]["rule"] == "answer.timing-only"


def test_the_default_rating_follows_the_score(tmp_path: Path) -> None:
    weak = {"question": "why-us", "style": "free", "text": "I need a job and you are hiring."}
    answers = write_answers(tmp_path / "a.yaml", weak)
    data = json.loads(invoke("practice", "--answers", str(answers), "--json").output)
    (answer,) = data["answers"]
    assert answer["score"] < 45 and answer["rating"] == "again"


def test_an_answer_over_the_word_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    # Under the answers file's size limits, over the word limit.
    huge = {"question": "why-us", "style": "free", "text": "so " * 25_000}
    answers = write_answers(tmp_path / "a.yaml", huge)
    result = invoke("practice", "--answers", str(answers))
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last.endswith("answer 1: the answer has 25,000 words; answers are limited to 20,000")
    assert "Traceback" not in result.output


def test_practice_asks_just_the_questions_chosen_in_the_order_given() -> None:
    from tests.helpers import run_prep

    piped = yaml.safe_dump(
        {"answers": [{"text": "Your mission is why I applied."}, {"text": "I missed a deadline."}]}
    )
    result = run_prep("practice", "-q", "why-us", "-q", "biggest-failure", "--json", input=piped)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["question_id"] for a in data["answers"]] == ["why-us", "biggest-failure"]
    assert data["mode"] == "chosen"

    unknown = run_prep("practice", "-q", "why-uss", input=piped)
    assert unknown.exit_code == 1
    assert "no question with id 'why-uss' (did you mean 'why-us'?)" in unknown.stderr

    both = run_prep("practice", "-q", "why-us", "--mode", "quick", input=piped)
    assert both.exit_code == 2 and "not both" in both.stderr


@pytest.mark.parametrize(
    ("due", "weak", "said"),
    [
        ((), (), ["Review: nothing is due yet, so new ones", "Weak spots: none yet"]),
        (
            ("a",),
            ("b", "c"),
            ["Review: 1 due, then new ones", "Weak spots: 2 questions to work on"],
        ),
    ],
)
def test_the_menu_says_what_review_and_weak_spots_hold(
    due: tuple[str, ...], weak: tuple[str, ...], said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from typing import Any

    from prepcoach.cli import prompts
    from prepcoach.cli.practice.view import PracticeView
    from prepcoach.practice.plan import Filters, History

    shown: list[str] = []

    class Menu:
        def select(self, name: str, message: str, choices: Any, **_: Any) -> str:
            shown.extend(c.title for c in choices)
            return "quick"

    monkeypatch.setattr(prompts, "make_prompter", Menu)
    view = PracticeView.__new__(PracticeView)
    view.choose_plan(History(due=due, weak=weak), Filters(), None)  # type: ignore[arg-type]
    assert all(any(row.startswith(s) for row in shown) for s in said), shown
