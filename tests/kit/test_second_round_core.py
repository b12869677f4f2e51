"""The second-round kit's core: questions to ask, research, salary, likely questions,
readiness, the prep sheet and flashcards, as plain functions of data."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.content.model import AskQuestion
from prepcoach.followup.store import mark_sent, record_draft
from prepcoach.kernel import clock
from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.paths import builtin_content_dir
from prepcoach.kit import cards as flashcards
from prepcoach.kit import core as kit
from prepcoach.kit import likely, readiness, research, research_yaml, salary
from prepcoach.kit import sheet as prepsheet
from prepcoach.kit import shortlist as sl
from prepcoach.postmortem.core import AskedQuestion, Concern
from prepcoach.practice.feedback import FeedbackContext, analyse
from prepcoach.store.db import Store
from tests import second_round_data as data


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(content_files(builtin_content_dir(), None, []))


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


# ---------------------------------------------------------------------------- questions to ask


def test_questions_to_ask_are_grouped_by_category_in_schema_order(library: ContentLibrary) -> None:
    groups = sl.by_category(library.ask_questions.values(), stage="second")
    assert list(groups)[:3] == ["role-challenges", "performance", "team"]
    assert all("second" in q.stages for qs in groups.values() for q in qs)
    only = sl.by_category(library.ask_questions.values(), category="growth")
    assert list(only) == ["growth"]


def test_a_shortlist_needs_three_to_five_known_questions(library: ContentLibrary) -> None:
    known = library.ask_questions
    ids = list(known)
    assert sl.problems([sl.Pick(i) for i in ids[:3]], known) == []
    assert "pick 3 to 5" in sl.problems([sl.Pick(ids[0])], known)[0]
    assert "pick 3 to 5" in sl.problems([sl.Pick(i) for i in ids[:6]], known)[0]
    found = sl.problems([sl.Pick(ids[0]), sl.Pick(ids[0]), sl.Pick("ask-carer-paths")], known)
    assert any("picked twice" in p for p in found)
    assert any("did you mean 'ask-career-paths'" in p for p in found)
    with pytest.raises(PrepError, match="note"):
        sl.check([sl.Pick(i, "x" * 400) for i in ids[:3]], known)


def test_a_question_the_post_mortem_notes_already_answer_is_found() -> None:
    question = AskQuestion(
        "ask-next-steps-timeline",
        "What are the next steps in the process, and when can I expect to hear from you?",
        "next-steps",
        "Professionalism.",
    )
    notes = ["Friendly chat", "Hank said the next steps are a panel, then a decision."]
    found = sl.already_answered(question, notes)
    assert found is not None and found.note == notes[1]
    assert set(found.words) >= {"next", "step"}
    assert sl.already_answered(question, ["We talked about the Brazil launch."]) is None
    assert sl.already_answered(question, []) is None


def test_clip_cuts_at_a_word() -> None:
    assert sl.clip("short", 10) == "short"
    assert sl.clip("one two three four", 12) == "one two…"
    assert len(sl.clip("word " * 100, 50)) <= 50


# ---------------------------------------------------------------------------- research


def test_research_yaml_round_trips_and_accepts_plain_items() -> None:
    text = research_yaml.to_yaml(data.DOSSIER)
    parsed, problems = research_yaml.from_yaml(text)
    assert problems == [] and parsed is not None
    assert research.normalized(parsed).sections == research.normalized(data.DOSSIER).sections
    shorthand, problems = research_yaml.from_yaml(
        "company: X\ncompetitors:\n  - Initrode\n  - text: Hooli\n    source: https://h.example\n"
    )
    assert problems == [] and shorthand is not None
    assert shorthand.items("competitors")[1].sources == ("https://h.example",)


def test_research_yaml_problems_name_their_lines() -> None:
    text = "company: X\nmision: []\nnews: hello\nchallenges:\n  - text: a\n    how_i_hlp: b\n"
    parsed, problems = research_yaml.from_yaml(text, line_offset=2)
    assert parsed is None
    assert "line 4: unknown field 'mision' (did you mean 'mission'?)" in problems
    assert "line 5: 'news' must be a list of items (- text: ...)" in problems
    assert any(p.startswith("line 8: unknown item field 'how_i_hlp'") for p in problems)


def test_research_checks_texts_urls_and_where_how_i_help_goes() -> None:
    bad = research.Dossier(
        company=" ",
        sections={
            "news": (research.Item("x", ("https://a b.example",), how_i_help="no"),),
            "mission": (research.Item("ok\x1b[31m"),),
        },
    )
    problems = research.problems(research.normalized(bad))
    assert any("company name cannot be empty" in p for p in problems)
    assert any("contains spaces" in p for p in problems)
    assert any("belongs to challenges only" in p for p in problems)
    assert any("control character" in p for p in problems)


def test_research_is_done_with_mission_a_challenge_and_how_i_help() -> None:
    assert research.status(None).done is False
    done = research.status(data.DOSSIER)
    assert done.done and done.filled == ("mission", "news", "culture", "challenges", "competitors")
    assert done.unsourced == 2  # the two competitors
    no_help = data.DOSSIER.with_item("challenges", research.Item("Hiring is slow"))
    assert not research.status(no_help).done
    assert "how you help with 1 challenge" in research.status(no_help).todo()
    thin = research.Dossier("X", {"mission": data.DOSSIER.items("mission")})
    assert "challenges" in research.status(thin).todo()


def test_research_terms_are_names_and_short_items() -> None:
    terms = research.terms(data.DOSSIER)
    assert "Globex Pay" in terms and "Brazil" in terms
    assert "Initrode" in terms and "Hooli Payments" in terms
    assert "Globex Corporation" not in terms  # the company is already in the context
    assert "Make" not in terms and "Reviews" not in terms  # sentence starts are not names
    assert research.terms(None) == ()


def test_research_mentions_count_in_why_us_feedback(library: ContentLibrary) -> None:
    question = library.question("why-us")
    answer = (
        "I have followed the Globex Pay launch in Brazil closely. For example, at Initech I "
        "grew our payments product into two new markets, and I want to do that again."
    )
    plain = analyse(question, answer, context=FeedbackContext(company="Acme"))
    tailored = analyse(
        question,
        answer,
        context=FeedbackContext(company="Acme", research_terms=research.terms(data.DOSSIER)),
    )
    rules = {f.rule for f in tailored.findings}
    assert "role.connected" in rules and tailored.score > plain.score


def test_sources_typed_on_one_line() -> None:
    assert research.merge_sources("https://a.example https://b.example") == (
        "https://a.example",
        "https://b.example",
    )
    assert research.merge_sources("chat with Ana; https://a.example") == (
        "chat with Ana",
        "https://a.example",
    )
    assert research.merge_sources("a chat with Ana") == ("a chat with Ana",)
    assert research.source_label("https://www.glassdoor.com/x?y") == "glassdoor.com"


# ---------------------------------------------------------------------------- salary


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("85000", 85_000, None),
        ("85k", 85_000, None),
        ("€85,000", 85_000, "EUR"),
        ("85.000 EUR", 85_000, "EUR"),
        ("$42.50", 42.5, "USD"),
        ("1.2m", 1_200_000, None),
        ("95 000 chf", 95_000, "CHF"),
    ],
)
def test_amounts_are_read_as_people_type_them(text: str, value: float, currency: str) -> None:
    assert salary.parse_amount(text) == (value, currency)


def test_a_range_must_go_up_and_name_a_currency_and_period() -> None:
    with pytest.raises(PrepError, match="the amounts must go up"):
        salary.check(salary.SalaryRange(90_000, 80_000, 100_000, "EUR"))
    with pytest.raises(PrepError, match="period 'fortnight'"):
        salary.check(salary.SalaryRange(1, 2, 3, "EUR", period="fortnight"))
    with pytest.raises(PrepError, match="currency 'EURO'"):
        salary.check(salary.SalaryRange(1, 2, 3, "EURO"))
    with pytest.raises(PrepError, match="cannot read 'lots'"):
        salary.parse_amount("lots")
    assert salary.parse_currency("€") == "EUR" and salary.parse_currency("usd") == "USD"


def test_the_practised_answer_states_a_range_and_its_basis(library: ContentLibrary) -> None:
    recorded = salary.SalaryRange(
        80_000, 90_000, 100_000, "EUR", sources=("https://www.glassdoor.com/x", "a recruiter")
    )
    assert salary.describe(recorded) == "target €90,000, up to €100,000 a year"
    answer = salary.practised_answer(recorded, role="Product manager", company="Globex")
    assert "€90,000 to €100,000 a year" in answer  # target to maximum: the minimum is private
    assert "glassdoor.com and a recruiter" in answer and "€80,000" not in answer
    feedback = analyse(
        library.question("salary-expectations"),
        answer,
        context=FeedbackContext(salary_range=salary.feedback_range(recorded)),
    )
    rules = {f.rule for f in feedback.findings}
    assert {"salary.range", "salary.basis", "salary.within-research"} <= rules
    low = analyse(
        library.question("salary-expectations"),
        "Based on my research I'd like 50,000 to 55,000 euros a year.",
        context=FeedbackContext(salary_range=salary.feedback_range(recorded)),
    )
    assert "salary.below-research" in {f.rule for f in low.findings}


def test_money_uses_symbols_where_there_are_some() -> None:
    assert salary.money(85_000, "GBP") == "£85,000"
    assert salary.money(85_000, "CHF") == "85,000 CHF"
    assert salary.money(42.5, "USD") == "$42.50"


# ---------------------------------------------------------------------------- likely questions


def test_likely_questions_follow_the_format_and_the_first_round(library: ContentLibrary) -> None:
    fmt = likely.format_for(library, "second")
    assert fmt is not None and fmt.id == "second-round"
    plain = likely.likely_questions(library, fmt)
    ids = [q.question.id for q in plain]
    assert ids[0] == "revisit-first-conversation"
    assert {"career-goals-3-5-years", "salary-expectations", "adapt-to-change"} <= set(ids)
    concern = Concern("Whether I can lead without authority", ("leadership",))
    weak = AskedQuestion("Why us?", "why-us", 1)
    tailored = likely.likely_questions(library, fmt, concerns=[concern], asked=[weak])
    behavioral = [q for q in tailored if q.why.startswith("concern:")]
    assert behavioral and "leadership" in behavioral[0].question.competencies
    assert any(q.question.id == "why-us" and "weakly" in q.why for q in tailored)
    assert likely.format_for(library, "final") is not None
    assert likely.likely_questions(library, None) == []


# ---------------------------------------------------------------------------- kit and readiness


def test_previous_round_is_the_latest_earlier_one_at_the_company(store: Store) -> None:
    home = data.add_rounds(store)
    rounds = [home.first, home.second]
    assert kit.previous_round(rounds, home.second) == home.first
    assert kit.previous_round(rounds, home.first) is None
    undated = replace(home.second, when=None)
    assert kit.previous_round([home.first, undated], undated) == home.first


def test_readiness_of_a_fresh_second_round(store: Store, library: ContentLibrary) -> None:
    home = data.add_rounds(store, first_hours_ago=3)
    result = readiness.assess(kit.load_kit(store, library, home.second))
    assert [c.key for c in result.checks] == [
        "postmortem",
        "research",
        "stories",
        "practice",
        "ask",
        "salary",
        "followup",
    ]
    assert result.done == 0 and result.total == 7
    # the thank-you's 24 hours are running: it comes first
    assert result.next_action.command == f"prep followup {home.first.id}"
    assert result.unpractised and not result.due_review


def test_readiness_when_everything_is_done(store: Store, library: ContentLibrary) -> None:
    home = data.add_rounds(store, first_hours_ago=30)
    data.add_postmortem(store, home)
    data.add_everything(store, home)
    prepared = kit.load_kit(store, library, home.second)
    data.practise(store, [q.question.id for q in prepared.likely])
    draft = record_draft(
        store,
        interview_id=home.first.id,
        template_id="thank-you",
        recipient_name="Hank",
        recipient_email="",
        subject="Thank you",
        body="Thanks",
        fields={},
    )
    mark_sent(store, [draft.id], at=home.first.moment() + timedelta(hours=20))  # type: ignore[operator]
    result = readiness.assess(kit.load_kit(store, library, home.second))
    assert [c.key for c in result.checks if not c.done] == []
    assert result.percent == 100
    assert result.next_action.command.startswith("prep sheet")


def test_a_late_follow_up_comes_after_everything_else(
    store: Store, library: ContentLibrary
) -> None:
    home = data.add_rounds(store, first_hours_ago=50)
    result = readiness.assess(kit.load_kit(store, library, home.second))
    followup = next(c for c in result.checks if c.key == "followup")
    assert not followup.done and "late" in followup.detail
    assert result.next_action.command == f"prep postmortem {home.first.id}"


def test_a_first_round_has_nothing_to_look_back_on(store: Store, library: ContentLibrary) -> None:
    home = data.add_rounds(store)
    result = readiness.assess(kit.load_kit(store, library, home.first))
    keys = [c.key for c in result.checks if c.applies]
    assert "postmortem" not in keys and "followup" not in keys


def test_post_mortem_notes_include_what_the_interview_covered(store: Store) -> None:
    home = data.add_rounds(store)
    data.add_postmortem(store, home)
    notes = kit.postmortem_notes(kit.load_postmortem(store, home.first))
    assert data.POSTMORTEM_ANSWERS["next_steps"] in notes
    assert "Whether I can lead without authority" in notes
    assert kit.postmortem_notes(None) == []


# ---------------------------------------------------------------------------- prep sheet


def test_the_sheet_maps_stories_to_questions(store: Store, library: ContentLibrary) -> None:
    home = data.add_rounds(store)
    data.add_postmortem(store, home)
    data.add_everything(store, home)
    sheet = prepsheet.build_sheet(kit.load_kit(store, library, home.second), library)
    assert sheet.title == f"{data.COMPANY} – Product manager"
    assert sheet.round == "Second round"
    assert sheet.interviewers == ("Hank Scorpio, VP Product", "Mindy Okonkwo, Engineering manager")
    by_text = {q.text: q for q in sheet.questions}
    salary_row = by_text[library.question("salary-expectations").text]
    assert salary_row.cue == "Say: €90,000 to €100,000 a year, based on glassdoor.com"
    stories = [q.story for q in sheet.questions if q.story]
    assert stories and all("(st-" in s for s in stories)
    assert max(stories.count(s) for s in stories) <= 2  # spread over the bank
    assert any(q.why.startswith("concern:") for q in sheet.questions)
    assert sheet.revisit.startswith("Yes, thank you") and "post-mortem" in sheet.revisit_source
    assert [a.text for a in sheet.ask][0] == library.ask_questions["ask-closest-colleagues"].text
    assert any("within 24 hours" in r for r in sheet.reminders)
    assert len(sheet.reminders) <= prepsheet.MAX_REMINDERS


def test_the_sheet_for_an_empty_kit_says_what_is_missing(
    store: Store, library: ContentLibrary
) -> None:
    home = data.add_rounds(store)
    sheet = prepsheet.build_sheet(kit.load_kit(store, library, home.second), library)
    markdown = prepsheet.to_markdown(sheet)
    assert "No research yet: prep research" in markdown
    assert "None picked yet: prep ask" in markdown
    assert "No range recorded yet: prep salary" in markdown
    html = prepsheet.to_html(sheet)
    assert "No research yet" in html and "<script" not in html


def test_the_sheet_escapes_what_users_typed(store: Store, library: ContentLibrary) -> None:
    home = data.add_rounds(store)
    sheet = prepsheet.build_sheet(kit.load_kit(store, library, home.second), library)
    hostile = replace(
        sheet,
        title="<script>alert(1)</script> & *Co*",
        interviewers=("<img src=x onerror=alert(1)>",),
    )
    html = prepsheet.to_html(hostile)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "http://" not in html and "https://" not in html.split("<body>")[0]  # self-contained
    markdown = prepsheet.to_markdown(hostile)
    assert "\\<script\\>" in markdown and "\\*Co\\*" in markdown


# ---------------------------------------------------------------------------- flashcards


def _cards(library: ContentLibrary) -> list[flashcards.Card]:
    best = {
        "why-us": kit.Practised(
            "why-us", 2, 81, 3, {"answer": "Your mission <matters> to me.\nSecond line."}
        )
    }
    questions = flashcards.select_questions(
        library, practised=["why-us"], likely=["salary-expectations"]
    )
    return flashcards.build_cards(questions, best)


def test_cards_are_the_likely_questions_then_the_practised_ones(library: ContentLibrary) -> None:
    cards = _cards(library)
    assert [c.question_id for c in cards] == ["salary-expectations", "why-us"]
    assert cards[1].answer.startswith("Your mission") and cards[1].score == 81
    assert cards[0].answer == "" and cards[0].covers
    every = flashcards.select_questions(library, practised=[], every=True)
    assert len(every) == len(library.questions)


def test_csv_has_one_row_per_card(library: ContentLibrary) -> None:
    rows = list(csv.reader(io.StringIO(flashcards.to_csv(_cards(library)))))
    assert rows[0] == list(flashcards.CSV_COLUMNS)
    assert len(rows) == 3
    assert rows[2][1].startswith("Your mission <matters> to me.\nSecond line.")
    assert "(best score 81/100)" in rows[2][1]


def test_the_apkg_opens_with_the_expected_notes(library: ContentLibrary, tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    flashcards.write_apkg(_cards(library), target)
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        assert "collection.anki2" in names
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = conn.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
        models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        conn.close()
    assert len(notes) == 2 and cards == 2
    fields = {row[1].split("\x1f")[0]: row[1].split("\x1f") for row in notes}
    why = fields[library.question("why-us").text]
    assert why[1] == "Your mission &lt;matters&gt; to me.<br>Second line."
    assert why[2] == "81"
    assert "<li>" in why[3]
    assert str(flashcards.MODEL_ID) in models
    assert any(d["name"] == flashcards.DECK_NAME for d in decks.values())
    assert "why-us" not in notes[0][0]  # a hashed guid...
    again = tmp_path / "again.apkg"
    flashcards.write_apkg(_cards(library), again)
    with zipfile.ZipFile(again) as package:
        (tmp_path / "again.anki2").write_bytes(package.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "again.anki2")
    guids = [r[0] for r in conn.execute("SELECT guid FROM notes ORDER BY id")]
    conn.close()
    assert guids == [n[0] for n in notes]  # ...stable, so a re-import updates the cards
    assert not list(tmp_path.glob(".*.tmp"))


def test_now_is_frozen_for_dates_on_the_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = clock.parse_iso("2031-03-14T12:00:00Z")
    monkeypatch.setattr(clock, "now", lambda: moment)
    assert clock.now() == moment


def test_a_likely_question_is_labelled_with_the_concern_it_answers_best(
    library: ContentLibrary,
) -> None:
    from prepcoach.postmortem.core import Concern

    concerns = [
        Concern("never presented to execs", ("communication",)),
        Concern("leading a team that does not report to me", ("leadership", "communication")),
        Concern("handles conflict with other teams", ("conflict",)),
    ]
    chosen = likely.likely_questions(
        library, likely.format_for(library, "second"), concerns=concerns
    )
    by_text = {f"concern: {likely._short(c.text)}": c for c in concerns}
    labelled = [q for q in chosen if q.why in by_text]
    assert labelled
    for item in labelled:
        asked = set(item.question.competencies)
        overlap = {c.text: len(set(c.competencies) & asked) for c in concerns}
        assert overlap[by_text[item.why].text] == max(overlap.values()), item.question.id


def test_practice_shows_how_a_question_went_in_the_earlier_round(tmp_path: Path) -> None:
    from prepcoach.interviews.core import Interview
    from prepcoach.interviews.store import add_interview
    from prepcoach.kit.core import first_round
    from prepcoach.postmortem import store as postmortems

    with Store.open(tmp_path / "home") as store:
        first = add_interview(
            store,
            Interview(company="Northwind", stage="first", when=clock.now() - timedelta(days=1)),
        )
        second = add_interview(
            store,
            Interview(company="Northwind", stage="second", when=clock.now() + timedelta(days=2)),
        )
        assert first_round(store, second) is None  # no post-mortem yet
        postmortems.save_answers(
            store,
            first.id,
            {
                "questions": [
                    {
                        "text": "Describe a time you missed a deadline",
                        "question_id": "missed-commitment",
                        "rating": 2,
                        "said": "The churn report slipped a week",
                        "would_say": "Name the fix: a weekly freshness check",
                    }
                ],
                "clarify": ["I said 2 years of Python; it is closer to 3"],
            },
        )
        found = first_round(store, second)
    assert found is not None
    notes = dict(found.notes_for("missed-commitment", ()))
    assert notes == {
        "Asked then": "you rated your answer 2/5",
        "You said": "The churn report slipped a week",
        "You would say now": "Name the fix: a weekly freshness check",
    }
    (prepared,) = found.notes_for("revisit-first-conversation", ("concrete-reference",))
    assert prepared[0] == "Your prepared point" and "closer to 3" in prepared[1]
    assert found.notes_for("why-us", ()) == []


def test_what_research_still_needs_counts_each_section_once() -> None:
    thin = research.Dossier("X", {"mission": data.DOSSIER.items("mission")})
    assert research.status(thin).todo() == "add challenges they face and 2 other sections"
    empty = research.Dossier("X", {"news": data.DOSSIER.items("news")})
    assert research.status(empty).todo() == (
        "add mission and strategy, challenges they face and 1 other section"
    )
