"""Practice sessions, answers and review cards in SQLite.

An answer is committed the moment it is given (before feedback is shown), and its rating and
card update are committed together in one transaction, so an interruption at any point keeps
every earlier answer and never leaves a rating without its schedule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prepcoach.kernel import clock, ids
from prepcoach.kernel.errors import PrepError
from prepcoach.practice import scheduling
from prepcoach.store.db import to_json

if TYPE_CHECKING:
    from prepcoach.practice.scheduling import Review
    from prepcoach.store.db import Store

LOW_RATING = 2  # Again or Hard

# Times are written the way every record writes them (`clock.iso`, `...T13:00:00.000Z`).
# Rows written before that say `2025-03-14T13:00:00+00:00`; both read back with
# `clock.parse_iso`, and both sort in time order as text to the second (compared with `<`
# in SQL, an old stamp comes before a new one of the same second), so old rows need no
# rewriting.


def _new_id(prefix: str) -> str:
    return ids.new_id(prefix)


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: str
    started_at: str
    ended_at: str | None
    mode: str
    status: str
    interview_id: str | None
    options: dict[str, Any]
    planned: list[dict[str, Any]]
    answered: int = 0
    average_score: float | None = None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    id: str
    session_id: str
    question_id: str
    question_text: str
    style: str
    parts: dict[str, str]
    seconds: float | None
    part_seconds: dict[str, float]
    score: int | None
    feedback: dict[str, Any]
    rating: int | None
    story_id: str | None
    created_at: str
    # The interviewer's follow-ups: {"probe", "text", "seconds", "score", "feedback"} each.
    probes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole answer as one text, parts in order."""
        return "\n\n".join(v for v in self.parts.values() if v)


def _session(row: Any) -> SessionRecord:
    keys = row.keys()
    return SessionRecord(
        id=row["id"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
        mode=row["mode"],
        status=row["status"],
        interview_id=row["interview_id"],
        options=json.loads(row["options"]),
        planned=json.loads(row["planned"]),
        answered=row["answered"] if "answered" in keys else 0,
        average_score=row["average_score"] if "average_score" in keys else None,
    )


def _answer(row: Any) -> AnswerRecord:
    return AnswerRecord(
        id=row["id"],
        session_id=row["session_id"],
        question_id=row["question_id"],
        question_text=row["question_text"],
        style=row["style"],
        parts=json.loads(row["parts"]),
        seconds=row["seconds"],
        part_seconds=json.loads(row["part_seconds"]),
        score=row["score"],
        feedback=json.loads(row["feedback"]),
        rating=row["rating"],
        story_id=row["story_id"],
        created_at=row["created_at"],
        probes=json.loads(row["probes"]) if "probes" in row.keys() else [],
    )


# ---------------------------------------------------------------------------- sessions


def start_session(
    store: Store,
    *,
    mode: str,
    planned: list[dict[str, Any]],
    options: Mapping[str, Any],
    interview_id: str | None = None,
) -> str:
    session_id = _new_id("ps")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_sessions (id, started_at, mode, status, interview_id, options,"
            " planned) VALUES (?, ?, ?, 'active', ?, ?, ?)",
            (
                session_id,
                clock.now_iso(),
                mode,
                interview_id,
                to_json(dict(options)),
                to_json(planned),
            ),
        )
    return session_id


def end_session(store: Store, session_id: str, status: str = "finished") -> None:
    """Mark a session finished, or interrupted (it can then be resumed)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE practice_sessions SET status = ?, ended_at = ? WHERE id = ?",
            (status, clock.now_iso(), session_id),
        )


def resume_session(store: Store, session_id: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE practice_sessions SET status = 'active', ended_at = NULL WHERE id = ?",
            (session_id,),
        )


# A session with its answer count and average score, counted only for the sessions selected
# (by the index on answers' session_id), so that listing the latest few reads only their answers.
_SESSION_SELECT = (
    "SELECT s.*,"
    " (SELECT COUNT(*) FROM practice_answers a WHERE a.session_id = s.id) AS answered,"
    " (SELECT AVG(a.score) FROM practice_answers a WHERE a.session_id = s.id) AS average_score"
    " FROM practice_sessions s"
)
_LATEST_FIRST = " ORDER BY s.started_at DESC, s.rowid DESC"


def unfinished_session(store: Store) -> SessionRecord | None:
    """The latest session that was interrupted or killed before its last question."""
    row = store.conn.execute(
        f"{_SESSION_SELECT} WHERE s.status IN ('active', 'interrupted'){_LATEST_FIRST} LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    session = _session(row)
    return session if session.answered < len(session.planned) else None


def get_session(store: Store, session_id: str) -> SessionRecord | None:
    row = store.conn.execute(f"{_SESSION_SELECT} WHERE s.id = ?", (session_id,)).fetchone()
    return _session(row) if row else None


def list_sessions(store: Store, limit: int = 20) -> list[SessionRecord]:
    """The latest `limit` sessions, newest first."""
    rows = store.conn.execute(f"{_SESSION_SELECT}{_LATEST_FIRST} LIMIT ?", (limit,)).fetchall()
    return [_session(r) for r in rows]


def session_ids(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT id FROM practice_sessions")]


def find_session(store: Store, query: str) -> SessionRecord | None:
    """The session whose id `query` is or uniquely starts (`e481`, `ps-e481`), like every id."""
    by_id = {session_id: session_id for session_id in session_ids(store)}
    found = ids.find_by_id(query, by_id, ids.PREFIXES["practice_sessions"], plural="sessions")
    return get_session(store, found) if found is not None else None


# ---------------------------------------------------------------------------- answers

MAX_ANSWER = 100_000  # characters in one answer, all its parts together


def save_answer(
    store: Store,
    *,
    session_id: str,
    question_id: str,
    question_text: str,
    style: str,
    parts: Mapping[str, str],
    seconds: float | None,
    part_seconds: Mapping[str, float] | None = None,
    score: int | None = None,
    feedback: Mapping[str, Any] | None = None,
    story_id: str | None = None,
) -> str:
    """Commit an answer as soon as it is given; feedback may be added in the same call."""
    size = sum(len(text) for text in parts.values())
    if size > MAX_ANSWER:
        raise PrepError(
            f"an answer may hold at most {MAX_ANSWER:,} characters; this one has {size:,}: "
            "nothing was saved"
        )
    answer_id = _new_id("pa")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_answers (id, session_id, question_id, question_text, style,"
            " parts, seconds, part_seconds, score, feedback, story_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                answer_id,
                session_id,
                question_id,
                question_text,
                style,
                to_json(dict(parts)),
                seconds,
                to_json(dict(part_seconds or {})),
                score,
                to_json(dict(feedback or {})),
                story_id,
                clock.now_iso(),
            ),
        )
    return answer_id


def save_probes(store: Store, answer_id: str, probes: Iterable[Mapping[str, Any]]) -> None:
    """Keep the follow-up probes asked after an answer, and what was said to each."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE practice_answers SET probes = ? WHERE id = ?",
            (to_json([dict(p) for p in probes]), answer_id),
        )


def extend_plan(store: Store, session_id: str, planned: list[dict[str, Any]]) -> None:
    """Replace a session's plan (a question rated Again comes back later in the session)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE practice_sessions SET planned = ? WHERE id = ?",
            (to_json(planned), session_id),
        )


def due_before(store: Store, moment: datetime) -> int:
    """How many practised questions come due before `moment`."""
    row = store.conn.execute(
        "SELECT COUNT(*) FROM review_cards WHERE due < ?", (clock.iso(moment),)
    )
    return int(row.fetchone()[0])


def rate_answer(store: Store, answer_id: str, question_id: str, review: Review) -> None:
    """Store the rating, the updated card and its log, and the weak flag, atomically."""
    rating = int(review.rating)
    now = clock.now_iso()
    with store.transaction() as conn:
        conn.execute("UPDATE practice_answers SET rating = ? WHERE id = ?", (rating, answer_id))
        conn.execute(
            "INSERT INTO review_cards (question_id, card, due, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(question_id) DO UPDATE SET card = excluded.card, due = excluded.due,"
            " updated_at = excluded.updated_at",
            (question_id, review.card_json, clock.iso(review.due), now),
        )
        conn.execute(
            "INSERT INTO review_logs (id, question_id, rating, reviewed_at, log)"
            " VALUES (?, ?, ?, ?, ?)",
            (_new_id("rl"), question_id, rating, now, review.log_json),
        )
        if rating <= LOW_RATING:
            conn.execute(
                "INSERT INTO weak_flags (question_id, source, reason, flagged_at)"
                " VALUES (?, 'practice', ?, ?) ON CONFLICT(question_id) DO UPDATE SET"
                " source = excluded.source, reason = excluded.reason,"
                " flagged_at = excluded.flagged_at",
                (question_id, f"rated {rating} in practice", now),
            )
        else:
            conn.execute("DELETE FROM weak_flags WHERE question_id = ?", (question_id,))


def session_answers(store: Store, session_id: str) -> list[AnswerRecord]:
    rows = store.conn.execute(
        "SELECT * FROM practice_answers WHERE session_id = ? ORDER BY created_at, rowid",
        (session_id,),
    ).fetchall()
    return [_answer(r) for r in rows]


def question_answers(store: Store, question_id: str) -> list[AnswerRecord]:
    rows = store.conn.execute(
        "SELECT * FROM practice_answers WHERE question_id = ? ORDER BY created_at, rowid",
        (question_id,),
    ).fetchall()
    return [_answer(r) for r in rows]


@dataclass(frozen=True, slots=True)
class QuestionPractice:
    """Practice so far at one question, summed up by the database."""

    question_id: str
    attempts: int
    best_score: int | None  # the best scored attempt's (the latest one's when none is scored)
    latest_rating: int | None  # the latest rated attempt's
    best_parts: dict[str, str]


def question_practice(store: Store, question_ids: Iterable[str]) -> dict[str, QuestionPractice]:
    """Per question practised (those never practised are left out): attempts, the best
    attempt and the latest rating. Only the best attempt's text is read, however long the
    history."""
    order = list(dict.fromkeys(question_ids))
    wanted = json.dumps(order)
    rows = store.conn.execute(
        "SELECT w.value, COUNT(*),"
        " (SELECT r.rating FROM practice_answers r WHERE r.question_id = w.value"
        "  AND r.rating IS NOT NULL ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1),"
        # the highest score (the latest of equals, the first of those); else the latest answer
        " (SELECT b.rowid FROM practice_answers b WHERE b.question_id = w.value"
        "  ORDER BY b.score IS NULL, b.score DESC, b.created_at DESC,"
        "  CASE WHEN b.score IS NULL THEN -b.rowid ELSE b.rowid END LIMIT 1)"
        " FROM json_each(?) w JOIN practice_answers a ON a.question_id = w.value"
        " GROUP BY w.value",
        (wanted,),
    ).fetchall()
    best = {
        row[0]: (row[1], json.loads(row[2]))
        for row in store.conn.execute(
            "SELECT rowid, score, parts FROM practice_answers WHERE rowid IN"
            " (SELECT value FROM json_each(?))",
            (json.dumps([r[3] for r in rows]),),
        )
    }
    found = {
        qid: QuestionPractice(qid, int(count), best[rowid][0], rating, best[rowid][1])
        for qid, count, rating, rowid in rows
    }
    return {qid: found[qid] for qid in order if qid in found}


def card_json(store: Store, question_id: str) -> str | None:
    row = store.conn.execute(
        "SELECT card FROM review_cards WHERE question_id = ?", (question_id,)
    ).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------------------- scheduling views


def due_question_ids(store: Store, now: datetime | None = None) -> list[str]:
    """Questions whose card is due, most overdue first."""
    moment = clock.iso(now or clock.now())
    rows = store.conn.execute(
        "SELECT question_id FROM review_cards WHERE due <= ? ORDER BY due, question_id",
        (moment,),
    )
    return [r[0] for r in rows]


def upcoming_due(store: Store, now: datetime | None = None) -> tuple[int, str | None]:
    """How many cards are due now, and when the next one after that comes due."""
    moment = clock.iso(now or clock.now())
    due = store.conn.execute("SELECT COUNT(*) FROM review_cards WHERE due <= ?", (moment,))
    nxt = store.conn.execute("SELECT MIN(due) FROM review_cards WHERE due > ?", (moment,))
    return int(due.fetchone()[0]), nxt.fetchone()[0]


def weak_question_ids(store: Store) -> list[str]:
    """Flagged questions (post-mortem or a low rating), most recent first."""
    rows = store.conn.execute(
        "SELECT question_id FROM weak_flags ORDER BY flagged_at DESC, question_id"
    )
    return [r[0] for r in rows]


def practised_ids(store: Store) -> frozenset[str]:
    rows = store.conn.execute("SELECT DISTINCT question_id FROM practice_answers")
    return frozenset(r[0] for r in rows)


def flag_weak(
    store: Store,
    question_ids: Iterable[str],
    *,
    source: str,
    reason: str = "",
    now: datetime | None = None,
) -> None:
    """Mark questions weak and make them due now (e.g. rated 1-2 in a post-mortem)."""
    moment = now or clock.now()
    stamp = clock.iso(moment)
    with store.transaction() as conn:
        for question_id in question_ids:
            conn.execute(
                "INSERT INTO weak_flags (question_id, source, reason, flagged_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(question_id) DO UPDATE SET"
                " source = excluded.source, reason = excluded.reason,"
                " flagged_at = excluded.flagged_at",
                (question_id, source, reason, stamp),
            )
            row = conn.execute(
                "SELECT card FROM review_cards WHERE question_id = ?", (question_id,)
            ).fetchone()
            card = scheduling.due_now(row[0], moment) if row else scheduling.new_card_json(moment)
            conn.execute(
                "INSERT INTO review_cards (question_id, card, due, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(question_id) DO UPDATE SET card = excluded.card,"
                " due = excluded.due, updated_at = excluded.updated_at",
                (question_id, card, stamp, stamp),
            )


# ---------------------------------------------------------------------------- progress


def score_by_question(store: Store) -> list[tuple[str, int, float | None, float | None]]:
    """Per question: attempts, average score, average self-rating."""
    rows = store.conn.execute(
        "SELECT question_id, COUNT(*), AVG(score), AVG(rating)"
        " FROM practice_answers INDEXED BY practice_answers_progress"
        " WHERE question_id != 'candidate-questions' GROUP BY question_id"
    )
    return [(r[0], int(r[1]), r[2], r[3]) for r in rows]


def score_by_day(store: Store) -> list[tuple[str, int, float | None]]:
    """Per calendar day (UTC): answers given and their average score."""
    rows = store.conn.execute(
        "SELECT substr(created_at, 1, 10) AS day, COUNT(*), AVG(score)"
        " FROM practice_answers INDEXED BY practice_answers_progress"
        " WHERE question_id != 'candidate-questions' GROUP BY day ORDER BY day"
    )
    return [(r[0], int(r[1]), r[2]) for r in rows]
