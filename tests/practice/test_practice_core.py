"""Session planning and scheduling: which questions come, in what order, and when they return."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.kernel import paths
from prepcoach.kernel.errors import PrepError
from prepcoach.practice import scheduling
from prepcoach.practice.plan import (
    CANDIDATE_QUESTIONS,
    Filters,
    History,
    default_mode,
    plan_session,
)
from prepcoach.practice.progress import answer_diff, sparkline, streak, summarize, weekly_trend
from prepcoach.practice.scheduling import SelfRating


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(content_files(paths.builtin_content_dir(), None, []))


def test_review_puts_due_questions_first_then_new_ones(library: ContentLibrary) -> None:
    history = History(due=["why-us", "management-style"], practised=frozenset({"why-us"}))
    plan = plan_session(library, "review", Filters(), history, count=4)
    assert [p.question_id for p in plan[:2]] == ["why-us", "management-style"]
    assert [p.reason for p in plan] == ["due", "due", "new", "new"]
    assert len({p.question_id for p in plan}) == 4


def test_quick_prefers_unpractised_questions(library: ContentLibrary) -> None:
    pool = library.filter_questions(competency="conflict")
    practised = frozenset(q.id for q in pool[:-2])
    plan = plan_session(
        library, "quick", Filters(competency="conflict"), History(practised=practised), count=2
    )
    assert {p.question_id for p in plan} == {q.id for q in pool[-2:]}
    assert all(p.reason == "new" for p in plan)


def test_when_everything_is_practised_the_rest_of_the_pool_fills_the_session(
    library: ContentLibrary,
) -> None:
    pool = library.filter_questions(category="salary")
    history = History(practised=frozenset(q.id for q in pool))
    plan = plan_session(library, "quick", Filters(category="salary"), history, count=3)
    assert len(plan) == 3 and all(p.reason == "practised" for p in plan)


def test_plans_are_deterministic_for_a_seed(library: ContentLibrary) -> None:
    first = plan_session(library, "quick", Filters(), History(), count=5, seed=7)
    again = plan_session(library, "quick", Filters(), History(), count=5, seed=7)
    other = plan_session(library, "quick", Filters(), History(), count=5, seed=8)
    assert first == again
    assert first != other


def test_weak_mode_uses_flagged_questions_and_explains_when_there_are_none(
    library: ContentLibrary,
) -> None:
    plan = plan_session(library, "weak", Filters(), History(weak=["why-us", "why-us"]))
    assert [(p.question_id, p.reason) for p in plan] == [("why-us", "weak")]
    with pytest.raises(PrepError, match="no weak questions yet"):
        plan_session(library, "weak", Filters(), History())


def test_mock_follows_the_format_and_ends_with_candidate_questions(
    library: ContentLibrary,
) -> None:
    plan = plan_session(library, "mock", Filters(), History(), format_id="second-round")
    ids = [p.question_id for p in plan]
    assert ids[0] == "revisit-first-conversation"
    assert ids[-1] == CANDIDATE_QUESTIONS
    for staple in ("adapt-to-change", "career-goals-3-5-years", "management-style"):
        assert staple in ids
    assert ids.index("career-goals-3-5-years") < ids.index("salary-expectations")
    assert len(ids) == len(set(ids))
    assert all(p.step for p in plan)


def test_unknown_format_and_empty_filters_are_clear_errors(library: ContentLibrary) -> None:
    with pytest.raises(PrepError, match="did you mean 'second-round'"):
        plan_session(library, "mock", Filters(), History(), format_id="second-rund")
    with pytest.raises(PrepError, match="no questions match"):
        plan_session(
            library, "quick", Filters(competency="innovation", category="salary"), History()
        )


def test_default_mode_is_review_only_when_something_is_due() -> None:
    assert default_mode(History(due=["a"])) == "review"
    assert default_mode(History()) == "quick"


def test_ratings_move_due_dates_as_fsrs_says() -> None:
    now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    again = scheduling.review(None, SelfRating.AGAIN, now)
    good = scheduling.review(None, SelfRating.GOOD, now)
    easy = scheduling.review(None, SelfRating.EASY, now)
    assert again.due < good.due < easy.due
    assert again.due - now <= timedelta(minutes=1)
    # a second Good, once due, pushes the question days out
    later = scheduling.review(good.card_json, SelfRating.GOOD, good.due)
    assert later.due - good.due >= timedelta(days=1)


def test_score_nudges_only_downwards() -> None:
    assert scheduling.nudged_rating(SelfRating.EASY, 30) == SelfRating.HARD
    assert scheduling.nudged_rating(SelfRating.EASY, 55) == SelfRating.GOOD
    assert scheduling.nudged_rating(SelfRating.EASY, 90) == SelfRating.EASY
    assert scheduling.nudged_rating(SelfRating.AGAIN, 95) == SelfRating.AGAIN
    assert scheduling.nudged_rating(SelfRating.GOOD, None) == SelfRating.GOOD


def test_rating_parse_accepts_numbers_and_names() -> None:
    assert SelfRating.parse("3") == SelfRating.GOOD
    assert SelfRating.parse("Easy") == SelfRating.EASY
    assert SelfRating.parse("h") == SelfRating.HARD
    with pytest.raises(ValueError, match="use 1-4"):
        SelfRating.parse("great")


def test_due_now_makes_a_future_card_due() -> None:
    now = datetime(2026, 1, 5, tzinfo=UTC)
    easy = scheduling.review(None, SelfRating.EASY, now)
    assert easy.due > now
    from fsrs import Card

    assert Card.from_json(scheduling.due_now(easy.card_json, now)).due == now


def test_describe_interval() -> None:
    now = datetime(2026, 1, 5, tzinfo=UTC)
    assert scheduling.describe_interval(now + timedelta(days=3), now) == "in 3 days"
    assert scheduling.describe_interval(now + timedelta(minutes=10), now) == "in 10 minutes"
    assert scheduling.describe_interval(now - timedelta(days=1), now) == "now"


def test_streak_counts_consecutive_days_ending_today_or_yesterday() -> None:
    today = datetime(2026, 3, 10).date()
    assert streak(["2026-03-08", "2026-03-09", "2026-03-10"], today) == 3
    assert streak(["2026-03-08", "2026-03-09"], today) == 2
    assert streak(["2026-03-07", "2026-03-09", "2026-03-10"], today) == 2
    assert streak(["2026-03-01"], today) == 0


def test_weekly_trend_groups_by_monday_and_weights_by_answers() -> None:
    trend = weekly_trend([("2026-03-02", 1, 40.0), ("2026-03-04", 3, 80.0), ("2026-03-09", 2, 50)])
    assert [(p.week, p.answers, p.average_score) for p in trend] == [
        ("2026-03-02", 4, 70.0),
        ("2026-03-09", 2, 50.0),
    ]


def test_summary_groups_scores_by_competency_weakest_first(library: ContentLibrary) -> None:
    progress = summarize(
        library,
        [("why-us", 2, 50.0, 2.0), ("adapt-to-change", 1, 90.0, 4.0), ("gone-question", 5, 1, 1)],
        [("2026-03-10", 3, 63.3)],
        today=datetime(2026, 3, 10).date(),
    )
    assert progress.answers == 8 and progress.questions_practised == 3
    assert progress.by_competency[0].key == "motivation"
    assert progress.by_competency[-1].key in {"adaptability", "resilience"}
    assert progress.practised_today and progress.streak_days == 1
    assert "teamwork" in progress.untouched_competencies


def test_answer_diff_marks_added_and_removed_sentences() -> None:
    diff = answer_diff("I led the team. We shipped late.", "I led the team. We shipped on time.")
    assert diff == ["  I led the team.", "- We shipped late.", "+ We shipped on time."]


def test_sparkline() -> None:
    assert sparkline([0, 50, 100, None]) == "▁▅█ "


def test_mock_picks_questions_meant_for_the_formats_round(library: ContentLibrary) -> None:
    screen = library.formats["first-round-screen"]
    for seed in range(5):
        plan = plan_session(library, "mock", Filters(), History(), format_id=screen.id, seed=seed)
        picked_by_step = [
            library.questions[p.question_id]
            for p in plan
            if p.question_id != CANDIDATE_QUESTIONS
            and not any(p.question_id in step.questions for step in screen.steps)
        ]
        assert picked_by_step and all(screen.stage in q.stages for q in picked_by_step)
