"""Practice like a real round: follow-up probes, laps, the round clock, a schedule that ends
at the interview, Again later in the session, and nothing lost to Ctrl-C."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from prepcoach.cli.practice.scripted import ScriptedAnswers
from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.kernel import paths
from prepcoach.practice import store as ps
from prepcoach.practice.plan import Filters
from prepcoach.practice.rounds import laps, pick_probes, spread_seconds
from prepcoach.practice.scheduling import SelfRating
from prepcoach.practice.session import PracticeRun
from prepcoach.store.db import Store
from tests.helpers import invoke

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TEXT = (
    "In my last role our biggest client threatened to leave after three late deliveries. "
    "I owned the account, so I mapped every late order, set up a weekly review with the "
    "warehouse and called their lead each Friday. We delivered on time for twelve weeks and "
    "they renewed for 40% more."
)


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(content_files(paths.builtin_content_dir(), None, []))


def write(path: Path, *answers: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump({"answers": list(answers)}), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- probes


def test_the_probe_about_what_the_answer_missed_comes_first(library: ContentLibrary) -> None:
    question = next(q for q in library.questions.values() if len(q.probes) >= 2 and q.look_fors)
    # Each probe in turn: when the look-for its words match is missing, it is asked first.
    for look_for in question.look_fors:
        picked = pick_probes(question, (look_for.label,), 1)
        assert picked and picked[0] in question.probes
    assert pick_probes(question, (), 2) == list(question.probes[:2])  # nothing missed: in order
    assert pick_probes(question, (), 0) == []


def test_a_probe_matching_a_missing_look_for_beats_the_first_one(library: ContentLibrary) -> None:
    from dataclasses import replace

    from prepcoach.content.model import LookFor

    question = replace(
        library.question("why-us"),
        look_fors=(LookFor("a measured result", ("numbers", "measure")),),
        probes=("Why now?", "How would you measure success in this job?"),
    )
    assert pick_probes(question, ("a measured result",), 1) == [
        "How would you measure success in this job?"
    ]
    assert pick_probes(question, (), 1) == ["Why now?"]


def test_a_mock_asks_probes_keeps_their_answers_and_shows_them(tmp_path: Path) -> None:
    answers = write(
        tmp_path / "a.yaml",
        {"text": TEXT, "probes": ["I would bring the same weekly review to your team."]},
        {"text": TEXT, "probes": ["The warehouse lead, every Friday."], "rating": "good"},
    )
    result = invoke(
        "practice",
        "--mode",
        "mock",
        "--format",
        "second-round",
        "--answers",
        str(answers),
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first, second = data["answers"][:2]
    assert [p["text"] for p in first["probes"]] == [
        "I would bring the same weekly review to your team."
    ]
    probe = second["probes"][0]
    assert probe["probe"] in probe_texts(second["question_id"])
    assert probe["score"] is not None and "findings" in probe["feedback"]
    assert "45 s" in json.dumps(probe["feedback"])  # judged against a short target
    session = data["session"]
    detail = json.loads(invoke("history", session, "--json").stdout)
    assert detail["answers"][1]["probes"][0]["text"] == "The warehouse lead, every Friday."
    shown = invoke("history", session).stdout
    assert "Follow-up:" in shown and "The warehouse lead, every Friday." in shown


def probe_texts(question_id: str) -> tuple[str, ...]:
    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    return library.question(question_id).probes


def test_probes_are_asked_outside_a_mock_only_with_the_option(tmp_path: Path) -> None:
    entry = {"question": "why-us", "text": TEXT, "probes": ["Because of the product."]}
    plain = json.loads(
        invoke("practice", "--answers", str(write(tmp_path / "a.yaml", entry)), "--json").stdout
    )
    assert plain["answers"][0]["probes"] == []
    asked = invoke(
        "practice", "--answers", str(write(tmp_path / "b.yaml", entry)), "--probes", "1", "--json"
    )
    assert json.loads(asked.stdout)["answers"][0]["probes"][0]["text"] == "Because of the product."


def test_the_round_shows_step_notes_the_clock_and_time_per_step(tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", {"text": TEXT}, {"text": TEXT})
    result = invoke(
        "practice", "--mode", "mock", "--format", "second-round", "--answers", str(answers)
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Have one answer from the first interview ready" in out  # the first step's note
    assert "round 0:00 of 45:00" in out
    assert "Time per step" in out and "Revisiting the first conversation: 0:" in out
    assert out.count("Do you have any questions for us?") <= 1


# ---------------------------------------------------------------------------- laps


def test_laps_against_the_template_share_and_seconds_spread_by_words(
    library: ContentLibrary,
) -> None:
    template = library.star_templates["star"] if "star" in library.star_templates else None
    template = template or next(iter(library.star_templates.values()))
    keys = [p.key for p in template.parts]
    spread = spread_seconds({keys[0]: "one two", keys[1]: "three four five six"}, 60)
    assert spread == {keys[0]: 20.0, keys[1]: 40.0}
    rows = laps(spread, template)
    assert [round(r.share, 2) for r in rows] == [0.33, 0.67]
    assert rows[0].aim == template.parts[0].share


def test_part_seconds_in_an_answers_file_are_kept_and_shown(tmp_path: Path) -> None:
    parts = {
        "situation": "Our biggest client threatened to leave after three late deliveries.",
        "task": "I owned the account and had to win back their trust within a month.",
        "action": "I mapped every late order and set up a weekly review with the warehouse.",
        "result": "We delivered on time for twelve weeks and they renewed for 40% more.",
    }
    answers = write(
        tmp_path / "a.yaml", {"question": "adapt-to-change", "parts": parts, "seconds": 120}
    )
    result = invoke("practice", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Time per part" in out and "aim for about" in out and " of 2:00: " in out
    session = json.loads(invoke("history", "--json").stdout)[0]["id"]
    detail = json.loads(invoke("history", session, "--json").stdout)
    assert sum(detail["answers"][0]["part_seconds"].values()) == pytest.approx(120, abs=1)
    assert "aim for about" in invoke("history", session).stdout


# ---------------------------------------------------------------------------- answers files


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"question": "why-us", "txt": "hello"}, "unknown key 'txt'; did you mean 'text'?"),
        ({"question": "why-us", "text": "hi", "rating": "superb"}, "use 1-4"),
        ({"question": "why-us", "parts": {"situaton": "x"}}, "did you mean 'situation'?"),
        ({"question": "why-us", "text": "hi", "probes": "one"}, "'probes' must be a list"),
    ],
)
def test_an_answers_file_is_checked_before_anything_is_saved(
    tmp_path: Path, entry: dict[str, object], message: str
) -> None:
    good = {"question": "why-us", "text": TEXT, "rating": "good"}
    result = invoke("practice", "--answers", str(write(tmp_path / "a.yaml", good, entry)))
    assert result.exit_code == 1
    assert message in result.stderr and "answer 2" in result.stderr
    assert json.loads(invoke("history", "--json").stdout) == []  # nothing was saved


# ---------------------------------------------------------------------------- the schedule


def test_with_an_interview_in_5_days_every_practised_question_is_due_before_it(
    tmp_path: Path, home: Path, freeze_clock: Callable[[datetime], None]
) -> None:
    freeze_clock(NOW)
    when = (NOW + timedelta(days=5)).strftime("%Y-%m-%d %H:%M")
    added = invoke(
        "interview",
        "add",
        "--company",
        "Northwind",
        "--role",
        "Analyst",
        "--stage",
        "second",
        "--when",
        when,
    )
    assert added.exit_code == 0, added.output
    ids = ["why-us", "adapt-to-change", "career-goals-3-5-years", "management-style"]
    answers = write(
        tmp_path / "a.yaml",
        *(
            {"question": q, "text": TEXT, "rating": r}
            for q, r in zip(ids, ("easy", "good", "hard", "again"), strict=True)
        ),
    )
    result = invoke("practice", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["interview"]["days_left"] == 5
    assert data["interview"]["due_before"] == len(ids)
    interview_at = NOW + timedelta(days=5)
    store = Store.open(home)
    try:
        cards = dict(store.conn.execute("SELECT question_id, due FROM review_cards"))
    finally:
        store.close()
    assert set(cards) == set(ids)
    for question_id, due in cards.items():
        assert datetime.fromisoformat(due) <= interview_at - timedelta(days=1), question_id
    # weak ones more often: within a third of the time left
    assert datetime.fromisoformat(cards["career-goals-3-5-years"]) <= NOW + timedelta(days=5) / 3
    text = invoke("practice", "--answers", str(answers)).stdout
    assert "is in 5 days" in " ".join(text.split())


# ---------------------------------------------------------------------------- interactive rules


class Quiet:
    """A view that shows nothing and notes what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Callable[..., None]:
        def record(*args: Any) -> None:
            self.calls.append((name, args))

        return record


class Person(ScriptedAnswers):
    """Scripted answers that behave like a person at a terminal, who may press Ctrl-C."""

    interactive = True

    def __init__(self, entries: list[dict[str, Any]], stop_at_rating: int | None = None) -> None:
        super().__init__(entries, "test")
        self.stop_at_rating = stop_at_rating
        self.ratings = 0

    def rate(self, question: Any, feedback: Any) -> SelfRating:
        self.ratings += 1
        if self.ratings == self.stop_at_rating:
            raise KeyboardInterrupt
        return super().rate(question, feedback)


def run_session(
    home: Path, library: ContentLibrary, source: Person, **options: Any
) -> tuple[Any, Quiet]:
    store = Store.open(home)
    view = Quiet()
    run = PracticeRun(store, library, source, view, home=home)  # type: ignore[arg-type]
    defaults: dict[str, Any] = {
        "mode": "quick",
        "filters": Filters(category="behavioral"),
        "count": 3,
        "format_id": None,
        "interview": None,
        "resume": False,
        "menu": False,
    }
    session = run.open_session(**(defaults | options))
    summary = run.run(session)
    store.close()
    return summary, view


def test_again_comes_back_a_few_questions_later(home: Path, library: ContentLibrary) -> None:
    source = Person([{"text": TEXT, "rating": r} for r in ("again", "good", "good", "good")])
    summary, view = run_session(home, library, source)
    asked = [r["question_id"] for r in summary.results]
    assert len(asked) == 4 and asked[0] == asked[3] and len(set(asked)) == 3
    assert ("requeued", (2,)) in view.calls
    assert summary.status == "finished" and summary.left == 0


def test_ctrl_c_at_the_rating_keeps_the_answer_scheduled_and_resumable(
    home: Path, library: ContentLibrary
) -> None:
    source = Person([{"text": TEXT, "rating": "good"}] * 3, stop_at_rating=2)
    summary, view = run_session(home, library, source)
    assert summary.status == "interrupted" and summary.left == 1
    assert len(summary.results) == 2  # the second was scheduled from its score
    assert any(name == "kept" for name, _ in view.calls)
    store = Store.open(home)
    try:
        answers = ps.session_answers(store, summary.session.id)
        assert [a.rating is not None for a in answers] == [True, True]
        assert all(ps.card_json(store, a.question_id) for a in answers)
    finally:
        store.close()
    resumed, _ = run_session(home, library, Person([{"text": TEXT, "rating": "good"}]), resume=True)
    assert resumed.session.id == summary.session.id
    assert resumed.status == "finished" and len(resumed.results) == 1


def test_the_question_bank_is_built_once_while_the_first_question_is_answered(
    home: Path, library: ContentLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from prepcoach.practice.feedback import QuestionBank

    built: list[str] = []
    real = QuestionBank.build

    def build(*args: Any) -> QuestionBank:
        built.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(QuestionBank, "build", staticmethod(build))
    summary, _view = run_session(home, library, Person([{"text": TEXT, "rating": "good"}] * 3))
    assert len(summary.results) == 3 and all(r["score"] is not None for r in summary.results)
    assert built == ["prep-warm-up"]  # not on the first answer, in the person's way


# ---------------------------------------------------------------------------- the terminal


def terminal(answers: dict[str, Any], **extra: Any) -> Any:
    from rich.console import Console

    from prepcoach.cli.practice.answers import TerminalAnswers
    from prepcoach.cli.prompts import ScriptedPrompter

    console = Console(file=open("/dev/null", "w"))  # noqa: SIM115
    return TerminalAnswers(ScriptedPrompter(answers), console, show_details=print, **extra)


def test_aloud_part_by_part_records_a_lap_per_part_and_multi_line_notes(
    library: ContentLibrary,
) -> None:
    question = library.question("adapt-to-change")
    template = library.star_template_for(question)
    assert template is not None
    answers: dict[str, Any] = {"practice.aloud-start": ""}
    answers |= {f"practice.aloud-{p.key}": "" for p in template.parts}
    answers["practice.notes"] = "new CRM\nran two pilots\nfive weeks, not eight"
    given = terminal(answers).answer(question, "aloud", template)
    assert set(given.part_seconds) == {p.key for p in template.parts}
    assert given.parts["notes"].count("\n") == 2


def test_an_empty_editor_save_asks_again_or_skips(library: ContentLibrary) -> None:
    from prepcoach.practice.session import SkipQuestion

    question = library.question("why-us")
    saves = iter(["", "Your product is what I use every day."])
    source = terminal({"practice.empty-edit": "edit"}, edit_text=lambda q: next(saves))
    assert source.answer(question, "editor", None).parts == {
        "text": "Your product is what I use every day."
    }
    source = terminal({"practice.empty-edit": "skip"}, edit_text=lambda q: "")
    with pytest.raises(SkipQuestion):
        source.answer(question, "editor", None)


def test_long_lines_wrap_between_words() -> None:
    from prompt_toolkit.formatted_text.utils import fragment_list_to_text
    from prompt_toolkit.layout.processors import TransformationInput

    from prepcoach.cli.prompts import WordWrap

    text = "the quick brown fox jumps over the lazy dog again and again"
    ti = TransformationInput(None, None, 0, lambda i: i, [("", text)], 20, 5)  # type: ignore[arg-type]
    shown = WordWrap(indent=0).apply_transformation(ti)
    rows = fragment_list_to_text(shown.fragments)
    lines = [rows[i : i + 20] for i in range(0, len(rows), 20)]
    assert [line.strip() for line in lines] == [
        "the quick brown fox",
        "jumps over the lazy",
        "dog again and again",
    ]
    # the cursor maps through the padding both ways
    at = text.index("jumps")
    assert shown.display_to_source(shown.source_to_display(at)) == at


def test_a_one_line_prompt_wraps_its_later_rows_at_the_full_width() -> None:
    from prompt_toolkit.formatted_text.utils import fragment_list_to_text
    from prompt_toolkit.layout.processors import TransformationInput

    from prepcoach.cli.prompts import WordWrap

    # the first row follows the prompt's one-column prefix; the rows after it have none
    text = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo"
    ti = TransformationInput(None, None, 0, lambda i: i, [("", text)], 20, 5)  # type: ignore[arg-type]
    rows = fragment_list_to_text(WordWrap(indent=1, continued=0).apply_transformation(ti).fragments)
    lines = [rows[:19]] + [rows[i : i + 20] for i in range(19, len(rows), 20)]
    assert [line.strip() for line in lines] == [
        "aaaa bbbb cccc",  # "dddd" would end on the edge, and its space start the next row
        "dddd eeee ffff gggg",
        "hhhh iiii jjjj kkkk",
        "llll mmmm nnnn oooo",
    ]
    assert not any(line.startswith(" ") for line in lines[1:])


def test_an_exercise_round_gives_its_brief_and_offers_the_preparation_time(
    home: Path, library: ContentLibrary
) -> None:
    prepared: list[int] = []

    class Candidate(Person):
        def prepare(self, minutes: int) -> None:
            prepared.append(minutes)

    source = Candidate([{"text": TEXT, "rating": "good"}])
    summary, view = run_session(home, library, source, mode="mock", format_id="case-study")
    exercise = library.formats["case-study"]
    assert ("brief", (exercise,)) in view.calls
    assert prepared == [exercise.prep_minutes]
    names = [name for name, _ in view.calls]
    assert names.index("brief") < names.index("question")
    assert summary.steps and summary.steps[0].title == exercise.steps[0].title
