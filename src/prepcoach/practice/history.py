"""What `prep history` and `prep stats` read, without a terminal.

- `sessions`: the latest practice sessions, with how many questions each answered;
- `session_detail`: one session (by its id or a unique start of it) and its answers, with
  the time each STAR part took against the template's share;
- `question_history`: every attempt at one question, and what changed in the last one;
- `progress`: scores by competency and category, the weekly trend, the streak and what is
  due for review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError
from prepcoach.practice import store as ps
from prepcoach.practice.progress import Progress, answer_diff, summarize
from prepcoach.practice.rounds import Lap, laps
from prepcoach.practice.store import AnswerRecord, SessionRecord

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.store.db import Store

__all__ = [
    "AnswerRecord",
    "QuestionHistory",
    "SessionDetail",
    "SessionRecord",
    "progress",
    "question_history",
    "session_detail",
    "sessions",
]


@dataclass(frozen=True, slots=True)
class SessionDetail:
    session: SessionRecord
    answers: list[AnswerRecord]
    laps: dict[str, list[Lap]]  # answer id -> time per STAR part (timed answers only)


@dataclass(frozen=True, slots=True)
class QuestionHistory:
    attempts: list[AnswerRecord]  # oldest first
    diff: list[str]  # the last two attempts, sentence by sentence (see `answer_diff`)


def sessions(store: Store, limit: int = 20) -> list[SessionRecord]:
    """The latest `limit` sessions, newest first."""
    return ps.list_sessions(store, limit)


def session_detail(store: Store, library: ContentLibrary, query: str) -> SessionDetail:
    """The session `query` names (its id or a unique start of it) with its answers."""
    record = ps.find_session(store, query)
    if record is None:
        from prepcoach.content.validation import suggest  # loads YAML: only for the error

        raise NotFoundError(f"no session '{query}'{suggest(query, ps.session_ids(store))}")
    answers = ps.session_answers(store, record.id)
    timed = {a.id: answer_laps(a, library) for a in answers}
    return SessionDetail(record, answers, {key: value for key, value in timed.items() if value})


def answer_laps(answer: AnswerRecord, library: ContentLibrary) -> list[Lap]:
    """Time per STAR part against the template's share, when the parts were timed."""
    if not answer.part_seconds:
        return []
    question = library.questions.get(answer.question_id)
    template = library.star_template_for(question) if question is not None else None
    return laps(answer.part_seconds, template) if template is not None else []


def question_history(store: Store, library: ContentLibrary, question_id: str) -> QuestionHistory:
    """Every attempt at `question_id`; an unknown id fails with a did-you-mean."""
    attempts = ps.question_answers(store, question_id)
    if not attempts:
        if question_id not in library.questions:
            library.question(question_id)  # raises with a did-you-mean
        raise NotFoundError(
            f"no attempts at '{question_id}' yet; practise it with: "
            f"prep practice --answers FILE or pick it in a session"
        )
    diff = answer_diff(attempts[-2].text, attempts[-1].text) if len(attempts) > 1 else []
    return QuestionHistory(attempts, diff)


def progress(store: Store, library: ContentLibrary) -> Progress:
    """Everything `prep stats` shows, from the store's aggregates."""
    due, next_due = ps.upcoming_due(store)
    return summarize(
        library,
        ps.score_by_question(store),
        ps.score_by_day(store),
        today=clock.now().date(),
        due_now=due,
        next_due=next_due,
    )
