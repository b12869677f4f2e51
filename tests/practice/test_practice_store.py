"""What the practice store sums up in SQL: the latest sessions and each question's practice."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepcoach.practice import store as ps
from prepcoach.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "home")


def _answer(
    store: Store,
    session: str,
    question: str,
    *,
    score: int | None,
    rating: int | None,
    at: str,
    text: str = "",
) -> None:
    answer_id = ps.save_answer(
        store,
        session_id=session,
        question_id=question,
        question_text=question,
        style="free",
        parts={"text": text or f"{question} at {at}"},
        seconds=None,
        score=score,
    )
    with store.transaction() as conn:
        conn.execute(
            "UPDATE practice_answers SET rating = ?, created_at = ? WHERE id = ?",
            (rating, at, answer_id),
        )


def _session(store: Store, started_at: str) -> str:
    session = ps.start_session(store, mode="quick", planned=[], options={})
    with store.transaction() as conn:
        conn.execute(
            "UPDATE practice_sessions SET started_at = ? WHERE id = ?", (started_at, session)
        )
    return session


def test_question_practice_finds_the_best_attempt_and_the_latest_rating(store: Store) -> None:
    session = _session(store, "2026-03-01T09:00:00+00:00")
    _answer(store, session, "why-us", score=60, rating=3, at="2026-03-01T09:01:00+00:00")
    _answer(store, session, "why-us", score=80, rating=None, at="2026-03-02T09:00:00+00:00")
    _answer(
        store, session, "why-us", score=80, rating=2, at="2026-03-03T09:00:00+00:00", text="best"
    )
    _answer(store, session, "why-us", score=None, rating=None, at="2026-03-04T09:00:00+00:00")
    _answer(store, session, "unscored", score=None, rating=None, at="2026-03-01T09:00:00+00:00")
    _answer(
        store, session, "unscored", score=None, rating=4, at="2026-03-05T09:00:00+00:00", text="x"
    )

    found = ps.question_practice(store, ["unscored", "never", "why-us", "unscored"])

    assert list(found) == ["unscored", "why-us"]  # asked order, the unpractised left out
    why = found["why-us"]
    assert (why.attempts, why.best_score, why.latest_rating) == (4, 80, 2)
    assert why.best_parts == {"text": "best"}  # of two 80s, the later
    unscored = found["unscored"]
    assert (unscored.attempts, unscored.best_score, unscored.latest_rating) == (2, None, 4)
    assert unscored.best_parts == {"text": "x"}  # nothing scored: the latest attempt


def test_the_latest_sessions_come_first_with_their_own_counts(store: Store) -> None:
    sessions = [_session(store, f"2026-03-{day:02d}T09:00:00+00:00") for day in range(1, 8)]
    for number, session in enumerate(sessions):
        for score in range(number):
            _answer(store, session, f"q{score}", score=10 * score, rating=None, at="2026-03-09")

    listed = ps.list_sessions(store, limit=3)

    assert [s.id for s in listed] == sessions[::-1][:3]
    assert [(s.answered, s.average_score) for s in listed] == [(6, 25.0), (5, 20.0), (4, 15.0)]
    assert ps.list_sessions(store, limit=10)[-1].answered == 0
    assert ps.list_sessions(store, limit=10)[-1].average_score is None
