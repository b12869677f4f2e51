"""Post-mortems in the core: reading answers, the action plan, the YAML document, the store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from prepcoach.content.library import (
    ContentFile,
    ContentLibrary,
    check_files,
    content_files,
    load_library,
)
from prepcoach.content.model import PostmortemPrompt, PostmortemTemplate
from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.kernel import clock, paths
from prepcoach.kernel.errors import ContentError
from prepcoach.postmortem.answers import (
    ParseContext,
    missing_required,
    normalize_date_item,
    parse_answers,
    parse_rating,
    resume_index,
)
from prepcoach.postmortem.core import (
    AskedQuestion,
    Concern,
    Postmortem,
    check_template,
    from_answers,
    interview_problem,
    merged_people,
    past_interviews,
)
from prepcoach.postmortem.match import (
    likely_competencies,
    read_concern,
    similar_questions,
    suggest_competencies,
)
from prepcoach.postmortem.plan import action_plan, followup_deadline, revisit_answer
from prepcoach.postmortem.text import from_document, report_dict, to_document, to_markdown
from prepcoach.stories.core import StarStory

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)  # a Friday afternoon
INTERVIEW = Interview(
    id="iv-abc234",
    company="ACME",
    role="Product manager",
    stage="first",
    when=datetime(2025, 3, 14, 10, 0, tzinfo=UTC),
    interviewers=(Interviewer("Jane Doe", "VP Product", "jane@acme.example", id="ir-aaaaaa"),),
)
ANSWERS: dict[str, Any] = {
    "overall_rating": 4,
    "overall_sentence": "Friendly, very focused on stakeholder management.",
    "people": [
        {"name": "Jane Doe", "title": "VP Product", "email": "jane@acme.example"},
        "Tom Lee|Engineering lead|tom@acme.example",
    ],
    "questions": [
        {"id": "disagreed-with-manager", "rating": 2, "would_say": "The release date dispute."},
        {"text": "How would you prioritise our roadmap?", "rating": 1},
        {"text": "Tell me about yourself.", "rating": 5},
    ],
    "went_well": ["The intro landed"],
    "went_badly": "Rambled on the conflict question",
    "concerns": [
        {"text": "asked twice about stakeholder management", "competencies": ["communication"]},
        {"text": "worried I have not led a team", "competencies": "leadership, conflict"},
    ],
    "topics": ["their move to self-serve analytics"],
    "excited_about": "The new data platform team",
    "clarify": ["I said the team was 5 people, it was 8"],
    "next_steps": "The recruiter calls within a week.",
    "promises": ["the write-up of the pricing test"],
    "next_dates": ["2025-03-21: hear back"],
}


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(clock, "now", lambda: NOW)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(content_files(paths.builtin_content_dir(), None, []))


@pytest.fixture(scope="module")
def template(library: ContentLibrary) -> PostmortemTemplate:
    return library.postmortem_templates["first-interview"]


def parse(
    library: ContentLibrary,
    template: PostmortemTemplate,
    data: dict[str, Any],
    *,
    complete: bool = True,
) -> tuple[dict[str, Any], list[str]]:
    answers, issues = parse_answers(template, data, ParseContext(library, complete=complete))
    return answers, [str(i) for i in issues]


def postmortem(library: ContentLibrary, template: PostmortemTemplate, **changes: Any) -> Postmortem:
    answers, problems = parse(library, template, {**ANSWERS, **changes})
    assert problems == []
    return from_answers(id="pm-abc234", interview_id=INTERVIEW.id, answers=answers, status="done")


def story(sid: str, *competencies: str, title: str = "") -> StarStory:
    return StarStory(
        id=sid,
        title=title or sid,
        competencies=competencies,
        parts={"situation": "s", "task": "t", "action": "a", "result": "r"},
    )


# ---------------------------------------------------------------------------- reading answers


def test_answers_are_read_into_their_stored_form(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    answers, problems = parse(library, template, ANSWERS)
    assert problems == []
    first, typed, own = answers["questions"]
    assert first["question_id"] == "disagreed-with-manager"
    assert first["text"] == library.questions["disagreed-with-manager"].text  # from the bank
    assert typed["question_id"] is None and typed["rating"] == 1
    assert own["question_id"] == "tell-me-about-yourself"  # the same wording as the bank
    assert answers["people"][1] == {
        "name": "Tom Lee",
        "title": "Engineering lead",
        "email": "tom@acme.example",
    }
    assert answers["went_badly"] == ["Rambled on the conflict question"]
    assert answers["concerns"][1]["competencies"] == ["leadership", "conflict"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"overall_rating": 7}, "overall_rating: 7 is outside 1-5"),
        ({"overall_rating": 0}, "overall_rating: 0 is outside 1-5"),
        ({"overall_rating": "great"}, "'great' is not a rating; give a whole number from 1 to 5"),
        ({"overall_rating": None}, "overall_rating: give a rating from 1 (poor) to 5"),
        ({"questions": []}, "questions: add at least one question they asked"),
        (
            {"questions": [{"text": "Why us?", "rating": 6}]},
            "questions #1 rating: 6 is outside 1-5",
        ),
        (
            {"questions": [{"text": "Why us?"}]},
            "questions #1 rating: rate how you answered it, from 1 (poor) to 5",
        ),
        (
            {"questions": [{"id": "why-uss", "rating": 3}]},
            "no question with id 'why-uss' in the bank (did you mean 'why-us'?)",
        ),
        (
            {"questions": [{"text": "Why us?", "rating": 3, "notes": "x"}]},
            "questions #1 notes: unknown field",
        ),
        (
            {"concerns": [{"text": "x", "competencies": ["leadrship"]}]},
            "unknown competency 'leadrship' (did you mean 'leadership'?)",
        ),
        ({"people": [{"name": "Ann", "email": "ann@"}]}, "'ann@' is not a valid email"),
        ({"went_well": {"a": 1}}, "went_well #1: must be text, not a mapping"),
        ({"overal_rating": 4}, "not a prompt of the 'first-interview' post-mortem"),
    ],
)
def test_bad_answers_say_what_to_fix(
    library: ContentLibrary, template: PostmortemTemplate, change: dict[str, Any], message: str
) -> None:
    _answers, problems = parse(library, template, {**ANSWERS, **change})
    assert any(message in p for p in problems), problems


def test_a_typo_in_a_prompt_id_suggests_the_right_one(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    _answers, problems = parse(library, template, {**ANSWERS, "overal_rating": 4})
    assert any("did you mean 'overall_rating'?" in p for p in problems)


def test_a_draft_may_lack_required_answers_and_ratings(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    draft = {"questions": [{"text": "Why us?"}]}
    answers, problems = parse(library, template, draft, complete=False)
    assert problems == []
    assert missing_required(template, answers) == ["overall_rating", "questions"]
    typed = from_answers(id="pm-x", interview_id="iv-x", answers=answers)
    assert typed.questions == ()  # an unrated question is not part of the plan yet


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 1), (5, 5), ("3", 3), (4.0, 4), (None, None), ("", None)]
)
def test_ratings_are_whole_numbers_from_1_to_5(value: Any, expected: int | None) -> None:
    assert parse_rating(value) == expected


@pytest.mark.parametrize("value", [True, 2.5, "4/5", 6, -1])
def test_other_ratings_are_refused(value: Any) -> None:
    with pytest.raises(ValueError):
        parse_rating(value)


def test_a_concern_without_competencies_takes_only_a_confident_reading(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    answers, problems = parse(
        library, template, {**ANSWERS, "concerns": ["asked twice about stakeholder management"]}
    )
    assert problems == []
    assert answers["concerns"][0]["competencies"] == ["stakeholder-management"]
    assert suggest_competencies("worried I have no leadership experience", library)[0] == (
        "leadership"
    )
    assert suggest_competencies("the weather", library) == ()


def test_a_vague_concern_is_not_pre_ticked_but_offers_its_likely_competencies(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    reading = read_concern("felt I rambled on the conflict question", library)
    assert reading.pretick is None  # two competencies fit equally: ask
    assert {"communication", "conflict"} <= set(reading.ranked[:3])
    _answers, problems = parse(
        library, template, {**ANSWERS, "concerns": ["felt I rambled on the conflict question"]}
    )
    assert problems and "name the competencies" in problems[0]


def test_a_concern_about_the_terms_is_never_pre_ticked(library: ContentLibrary) -> None:
    assert (
        read_concern("conflict between my notice period and their start date", library).pretick
        is None
    )
    assert read_concern("my conflict example didn't have a conflict in it", library).pretick == (
        "conflict"
    )


def test_a_skill_can_be_the_concern(library: ContentLibrary, template: PostmortemTemplate) -> None:
    reading = read_concern("they pushed on my lack of SQL", library)
    assert reading.pretick is None
    assert reading.skills == ("sql",)
    answers, problems = parse(library, template, {**ANSWERS, "concerns": ["no python"]})
    assert problems == []
    assert answers["concerns"][0] == {"text": "no python", "competencies": [], "skills": ["python"]}


def test_the_competencies_a_concern_names_are_taken_else_the_best_guess(
    library: ContentLibrary,
) -> None:
    assert likely_competencies("conflict and leadership", library) == ("leadership", "conflict")
    assert likely_competencies("asked twice about stakeholder management", library) == (
        "stakeholder-management",  # every word of the name: not time management too
    )
    assert likely_competencies("questions about my pitch", library) == ("communication",)
    assert likely_competencies("the weather", library) == ()


def test_a_concern_nothing_can_be_suggested_for_asks_for_competencies(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    _answers, problems = parse(library, template, {**ANSWERS, "concerns": ["the weather"]})
    assert any("name the competencies it points to" in p for p in problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri: hear back", "2025-03-21: hear back"),  # the next Friday
        ("tomorrow 14:00 - call with the recruiter", "2025-03-15 14:00: call with the recruiter"),
        ("2025-03-28", "2025-03-28"),
        ("early next week: hear back", "early next week: hear back"),
        ("2025-03-21: hear back", "2025-03-21: hear back"),  # already normalised
    ],
)
def test_dates_are_written_out_when_they_can_be_read(text: str, expected: str) -> None:
    assert normalize_date_item(text) == expected


def test_an_interrupted_post_mortem_resumes_at_the_first_unanswered_prompt(
    template: PostmortemTemplate,
) -> None:
    ids = [p.id for p in template.prompts]
    assert resume_index(template, {}) == 0
    assert resume_index(template, {"overall_rating": 3}) == 1
    # a list may have been cut short: it is continued, not skipped
    assert resume_index(template, {"overall_rating": 3, "overall_sentence": "", "people": []}) == (
        ids.index("people")
    )


def test_a_template_that_reuses_a_known_id_for_another_kind_is_refused() -> None:
    broken = PostmortemTemplate(
        id="mine",
        title="Mine",
        prompts=(
            PostmortemPrompt("questions", "Asked?", "text"),
            PostmortemPrompt("mood", "Mood?", "rating"),
            PostmortemPrompt("mood", "Mood again?", "rating"),
        ),
    )
    with pytest.raises(ContentError) as raised:
        check_template(broken)
    assert "prompt 'questions' must be of kind 'questions'" in str(raised.value)
    assert "prompt id 'mood' is used twice" in str(raised.value)


def test_a_user_template_with_its_own_prompts_works_without_code(
    library: ContentLibrary,
) -> None:
    mine = PostmortemTemplate(
        id="quick",
        title="Quick",
        prompts=(
            PostmortemPrompt("questions", "What did they ask?", "questions", required=True),
            PostmortemPrompt("salary_said", "What did you say about salary?", "text"),
        ),
    )
    data = {"questions": ["Why us?"], "salary_said": "A range, 60-70k"}
    answers, issues = parse_answers(mine, data, ParseContext(library, complete=False))
    assert issues == []
    typed = from_answers(id="pm-x", interview_id="iv-x", answers=answers, template_id="quick")
    assert typed.answers["salary_said"] == "A range, 60-70k"
    assert missing_required(mine, answers) == ["questions"]  # not rated yet


# ---------------------------------------------------------------------------- the plan


def test_weak_questions_are_scheduled_and_own_wordings_are_named(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    plan = action_plan(postmortem(library, template), library, [], INTERVIEW)
    assert [q.rating for q in plan.weak_questions] == [1, 2]  # the weakest first
    assert plan.weak_question_ids == ("disagreed-with-manager",)
    assert [q.text for q in plan.unlinked_weak_questions] == [
        "How would you prioritise our roadmap?"
    ]


def test_concerns_map_to_competencies_and_the_stories_that_cover_them(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    stories = [
        story("st-one222", "communication", "conflict", title="Release date dispute"),
        story("st-two222", "communication", title="Weekly stakeholder update"),
        story("st-thr222", "teamwork"),
    ]
    plan = action_plan(postmortem(library, template), library, stories, INTERVIEW)
    stakeholders, leading = plan.concerns
    (communication,) = stakeholders.competencies
    assert communication.name == "Communication" and communication.covered
    assert [s.id for s in communication.stories][0] == "st-two222"  # worded like the concern
    assert {s.id for s in communication.stories} == {"st-one222", "st-two222"}
    leadership, conflict = leading.competencies
    assert not leadership.covered and leadership.stories == ()
    assert [s.id for s in conflict.stories] == ["st-one222"]
    assert plan.uncovered_competencies == ("leadership",)


def test_the_revisit_answer_is_drafted_from_what_to_clarify(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    plan = action_plan(postmortem(library, template), library, [], INTERVIEW)
    draft = plan.revisit_answer
    assert draft.startswith("Yes, thank you.")
    assert "two things" in draft
    assert "First, I said the team was 5 people, it was 8." in draft
    assert "I don't think I gave you my best answer. The release date dispute." in draft


def test_with_nothing_to_clarify_the_answer_turns_to_what_excited_you() -> None:
    assert revisit_answer([], [], "") == ""
    draft = revisit_answer([], [], "The new data platform team.")
    assert draft.startswith("No, I think we covered the main points")
    assert "the new data platform team, and" in draft
    assert revisit_answer(["ACME's numbers were wrong"], []).endswith(
        "I'd like to come back to. ACME's numbers were wrong."
    )


def test_the_follow_up_is_due_24_hours_after_the_interview(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    plan = action_plan(postmortem(library, template), library, [], INTERVIEW)
    assert plan.followup_deadline == datetime(2025, 3, 15, 10, 0, tzinfo=UTC)
    assert plan.followup_topics == ("their move to self-serve analytics",)
    day_only = replace(INTERVIEW, when=date(2025, 3, 14))
    # known only by its day: by the end of the next day (the follow-up's one rule)
    assert followup_deadline(day_only) == datetime(2025, 3, 15, 23, 59).astimezone()
    assert followup_deadline(replace(INTERVIEW, when=None)) is None


def test_there_is_no_post_mortem_of_an_interview_in_the_future() -> None:
    assert interview_problem(INTERVIEW) is None
    later = replace(INTERVIEW, when=NOW + timedelta(hours=2))
    problem = interview_problem(later)
    assert problem is not None and "a post-mortem is for after the interview" in problem
    assert "prep interview edit iv-abc234 --when" in problem
    assert interview_problem(replace(INTERVIEW, when=date(2025, 3, 14))) is None  # today
    assert interview_problem(replace(INTERVIEW, when=date(2025, 3, 15))) is not None


def test_recent_interviews_come_first_and_future_ones_are_left_out() -> None:
    old = replace(INTERVIEW, id="iv-old222", when=NOW - timedelta(days=9))
    future = replace(INTERVIEW, id="iv-fut222", when=NOW + timedelta(days=1))
    undated = replace(INTERVIEW, id="iv-und222", when=None, created_at="2025-03-01")
    found = past_interviews([old, future, undated, INTERVIEW])
    assert [i.id for i in found] == ["iv-abc234", "iv-old222", "iv-und222"]


def test_people_met_are_added_to_the_interview_or_complete_it() -> None:
    met = (
        Interviewer("jane doe", "", "jane@acme.example"),
        Interviewer("Tom Lee", "Engineering lead", "tom@acme.example"),
    )
    merged = merged_people(INTERVIEW.interviewers, met)
    assert merged is not None
    assert [p.name for p in merged] == ["Jane Doe", "Tom Lee"]
    assert merged[0].id == "ir-aaaaaa"  # the same person keeps their record
    assert merged_people(INTERVIEW.interviewers, (Interviewer("Jane Doe"),)) is None
    filled = merged_people((Interviewer("Ann"),), (Interviewer("ann", "CTO", "ann@x.example"),))
    assert filled == (Interviewer("Ann", "CTO", "ann@x.example"),)


# ---------------------------------------------------------------------------- documents


def test_the_yaml_document_reads_back_to_the_same_answers(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    answers, _problems = parse(library, template, ANSWERS)
    document = to_document(template, answers, competencies=list(library.competencies))
    assert document.startswith(
        "# How did the interview feel overall, from 1 (poor) to 5 (excellent)? (required)\n"
    )
    assert "learning-from-failure" in document  # the competencies are listed, unbroken
    again, problems = from_document(document, template, ParseContext(library))
    assert problems == []
    assert again == answers


def test_problems_in_a_document_name_their_line(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    text = "overall_rating: 4\nquestions:\n  - text: Why us?\n    rating: 9\n"
    answers, problems = from_document(text, template, ParseContext(library), where="a.yaml")
    assert answers is None
    assert problems == ["a.yaml:4: questions #1 rating: 9 is outside 1-5 (1 poor, 5 excellent)"]
    _answers, problems = from_document("questions: [\n", template, ParseContext(library))
    assert problems and problems[0].startswith("line 2:")
    _answers, problems = from_document("- a list\n", template, ParseContext(library))
    assert "expected a mapping of prompt ids to answers" in problems[0]


def test_the_markdown_report_leads_with_the_plan(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    done = postmortem(library, template)
    plan = action_plan(done, library, [story("st-one222", "communication")], INTERVIEW)
    report = to_markdown(done, plan, INTERVIEW, template)
    assert report.startswith("# Post-mortem: ACME – Product manager, first round\n")
    assert report.index("## Action plan") < report.index("## The interview")
    assert "- [ ] How would you prioritise our roadmap? — rated 1/5" in report
    assert "`prep story add --competency leadership`" in report
    assert "Send it by Sat 15 Mar 2025 10:00" in report
    assert "- Jane Doe, VP Product <jane@acme.example>" in report
    data = report_dict(done, plan, INTERVIEW)
    assert data["plan"]["weak_question_ids"] == ["disagreed-with-manager"]
    assert data["plan"]["followup_deadline"] == "2025-03-15T10:00:00Z"
    assert data["postmortem"]["topics"] == ["their move to self-serve analytics"]


# ---------------------------------------------------------------------------- the store


def test_a_post_mortem_is_saved_as_it_goes_then_finished(
    home: Path, library: ContentLibrary, template: PostmortemTemplate
) -> None:
    from prepcoach.interviews import store as store_iv
    from prepcoach.postmortem import store as store_pm
    from prepcoach.practice import store as store_pr
    from prepcoach.store.db import Store

    with Store.open(home) as store:
        interview = store_iv.add_interview(store, replace(INTERVIEW, id=""))
        assert store_pm.get_postmortem_for_interview(store, interview.id) is None
        draft = store_pm.save_answers(store, interview.id, {"overall_rating": 3})
        assert draft.status == "draft" and draft.id.startswith("pm-")
        assert store_pm.latest_draft(store) == draft
        answers, _problems = parse(library, template, ANSWERS)
        done = store_pm.finish_postmortem(
            store,
            interview.id,
            answers,
            weak_question_ids=["disagreed-with-manager"],
            weak_reason="rated 2 in the post-mortem",
        )
        assert done.id == draft.id and done.done
        assert store_pm.get_postmortem_for_interview(store, interview.id) == done
        assert store_pm.list_postmortems(store, status="draft") == []
        assert store_pm.find_by_id(store, done.id[:5]) == done
        # the weak question is due now for `prep practice --mode weak`
        assert store_pr.weak_question_ids(store) == ["disagreed-with-manager"]
        assert "disagreed-with-manager" in store_pr.due_question_ids(store)
        # the interview learnt who was there and that it happened
        updated = store_iv.get_interview(store, interview.id)
        assert updated.status == "done"
        assert [p.name for p in updated.interviewers] == ["Jane Doe", "Tom Lee"]
        # deleting the interview deletes its post-mortem
        store_iv.delete_interview(store, interview.id)
        assert store_pm.list_postmortems(store) == []


def test_a_change_made_meanwhile_is_not_overwritten(home: Path) -> None:
    from prepcoach.interviews import store as store_iv
    from prepcoach.kernel.errors import StoreError
    from prepcoach.postmortem import store as store_pm
    from prepcoach.store.db import Store

    with Store.open(home) as store:
        interview = store_iv.add_interview(store, replace(INTERVIEW, id=""))
        first = store_pm.save_answers(store, interview.id, {"overall_rating": 3})
        monkeypatched_later = "2099-01-01T00:00:00.000Z"
        store.conn.execute(
            "UPDATE postmortems SET updated_at = ? WHERE id = ?", (monkeypatched_later, first.id)
        )
        with pytest.raises(StoreError, match="was changed by another prep"):
            store_pm.save_answers(
                store, interview.id, {"overall_rating": 4}, expected_updated_at=first.updated_at
            )


def test_the_typed_fields_are_what_other_features_read(
    library: ContentLibrary, template: PostmortemTemplate
) -> None:
    done = postmortem(library, template)
    assert done.people[1] == Interviewer("Tom Lee", "Engineering lead", "tom@acme.example")
    assert done.questions[0] == AskedQuestion(
        text=library.questions["disagreed-with-manager"].text,
        question_id="disagreed-with-manager",
        rating=2,
        would_say="The release date dispute.",
    )
    assert done.concerns[0] == Concern(
        "asked twice about stakeholder management", ("communication",)
    )
    assert done.clarify == ("I said the team was 5 people, it was 8",)
    assert done.next_dates == ("2025-03-21: hear back",)
    assert done.overall_rating == 4 and done.excited_about == "The new data platform team"


def test_a_question_in_other_words_finds_similar_bank_questions(library: ContentLibrary) -> None:
    found = [qid for qid, _score in similar_questions("Why do you want to work for us", library)]
    assert found[0] == "why-us"
    five = [
        qid for qid, _s in similar_questions("Where do you see yourself in five years", library)
    ]
    assert "career-goals-3-5-years" in five and len(five) <= 3
    assert similar_questions("What would you change in our onboarding flow", library) == []


def test_a_postmortem_template_with_a_repeated_prompt_id_is_reported(tmp_path: Path) -> None:
    pack = tmp_path / "pm.yaml"
    pack.write_text(
        'pack: pm\ntitle: PM\nversion: "1"\ndescription: D\npostmortem_templates:\n'
        "  - id: my-pm\n    title: Mine\n    prompts:\n"
        "      - id: overall_rating\n        text: How was it?\n        kind: text\n"
        "      - id: mood\n        text: Mood?\n        kind: text\n"
        "      - id: mood\n        text: Mood again?\n        kind: text\n",
        encoding="utf-8",
    )
    _, problems = check_files([ContentFile(pack, False)])
    messages = [p.message for p in problems]
    assert [(p.line, p.column) for p in problems] == [(9, 7), (9, 7)]  # the prompts list
    assert "post-mortem template 'my-pm': prompt id 'mood' is used twice" in messages
    assert any("prompt 'overall_rating' must be of kind 'rating'" in m for m in messages)


# ---------------------------------------------------------------------------- wording


def test_quoted_questions_keep_their_own_punctuation_only() -> None:
    from prepcoach.postmortem.plan import quoted_question

    assert quoted_question("Why us?") == "\u201cWhy us?\u201d"
    assert quoted_question("Why us??") == "\u201cWhy us?\u201d"
    assert quoted_question('"Why us?"') == "\u201cWhy us?\u201d"
    assert quoted_question("Tell me about a time you failed.") == (
        "\u201cTell me about a time you failed\u201d"
    )


def test_notes_to_self_are_not_lines_to_say() -> None:
    from prepcoach.postmortem.core import AskedQuestion
    from prepcoach.postmortem.plan import revisit_answer, spoken_point

    assert spoken_point("check the Q3 revenue figure I quoted") == ""
    assert spoken_point("mention I led the dbt migration") == (
        "I'd like to add that I led the dbt migration."
    )
    assert spoken_point("clarify the budget was 2M, not 20M") == (
        "I'd like to clarify the budget was 2M, not 20M."
    )
    draft = revisit_answer(
        ["look up their churn numbers", "say I have used Looker for three years"],
        [AskedQuestion("Why us??", None, 2, "", "Because of the analytics roadmap")],
    )
    assert "look up" not in draft.casefold() and "??" not in draft and "?\u201d?" not in draft
    assert "I have used Looker for three years." in draft
    assert "\u201cWhy us?\u201d, I don't think I gave you my best answer" in draft


def test_a_competitor_is_named_whole() -> None:
    from prepcoach.kit.research import competitor_name

    assert competitor_name("Initrode Logistics Worldwide – cheaper, slower") == (
        "Initrode Logistics Worldwide"
    )
    assert competitor_name("Umbrella Freight & Cold Chain Partners") == (
        "Umbrella Freight & Cold Chain Partners"
    )
