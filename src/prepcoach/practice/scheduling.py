"""Spaced repetition for questions, on the FSRS algorithm (the `fsrs` package).

One card per question. The user's self-rating drives the schedule; a low feedback score can
pull a generous rating down one step, so a question that went badly comes back sooner.
Cards are stored as JSON; this module never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from functools import cache
from typing import Any

from prepcoach.kernel import clock


class SelfRating(IntEnum):
    """How the user felt about an answer; the same four grades FSRS uses."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()

    @classmethod
    def parse(cls, value: str | int) -> SelfRating:
        """Accept 1-4 or a name (again, hard, good, easy), case-insensitively."""
        text = str(value).strip().lower()
        for rating in cls:
            if text in {str(rating.value), rating.name.lower(), rating.name.lower()[0]}:
                return rating
        raise ValueError(f"'{value}' is not a rating; use 1-4 or again, hard, good, easy")


RATING_HELP = {
    SelfRating.AGAIN: "I could not answer it well: show it again soon",
    SelfRating.HARD: "I got there, but it was a struggle",
    SelfRating.GOOD: "A solid answer",
    SelfRating.EASY: "Effortless: I can space this one out",
}


def rating_for_score(score: int | None) -> SelfRating:
    """The self-rating a feedback score suggests, offered as the default: under 45 Again,
    under 65 Hard, under 85 Good, else Easy; Good when the answer was not scored."""
    if score is None:
        return SelfRating.GOOD
    if score < 45:
        return SelfRating.AGAIN
    if score < 65:
        return SelfRating.HARD
    return SelfRating.GOOD if score < 85 else SelfRating.EASY


def nudged_rating(rating: SelfRating, score: int | None) -> SelfRating:
    """Temper an optimistic self-rating with the feedback score.

    A score under 40 caps the rating at Hard; under 60 it cannot be Easy. A low self-rating
    is never raised: the user knows when an answer felt wrong.
    """
    if score is None:
        return rating
    if score < 40:
        return min(rating, SelfRating.HARD)
    if score < 60:
        return min(rating, SelfRating.GOOD)
    return rating


@dataclass(frozen=True, slots=True)
class Review:
    """The outcome of rating one answer: the card to store and when it is due again."""

    card_json: str
    due: datetime
    log_json: str
    rating: SelfRating


@cache
def _scheduler() -> Any:
    from fsrs import Scheduler

    # No fuzzing: the same history always gives the same schedule.
    return Scheduler(enable_fuzzing=False)


def now_utc() -> datetime:
    return clock.now()


def new_card_json(now: datetime | None = None) -> str:
    """A fresh card, due immediately."""
    from fsrs import Card

    moment = now or now_utc()
    card = Card(due=moment)
    return str(card.to_json())


def review(card_json: str | None, rating: SelfRating, now: datetime | None = None) -> Review:
    """Apply one rating to a question's card (a new card when there is none yet)."""
    from fsrs import Card, Rating

    moment = now or now_utc()
    card = Card.from_json(card_json) if card_json else Card(due=moment)
    updated, log = _scheduler().review_card(card, Rating(int(rating)), review_datetime=moment)
    return Review(
        card_json=str(updated.to_json()),
        due=updated.due,
        log_json=str(log.to_json()),
        rating=rating,
    )


def before_interview(
    result: Review, interview_at: datetime, *, weak: bool, now: datetime | None = None
) -> Review:
    """Bring a review's due date forward so the question comes back before the interview.

    Every question is due again at least a day before it (or halfway there when it is
    closer than that); a weak one (rated Again or Hard) within a third of the time left, so
    it comes round more often. An interview already past changes nothing.
    """
    from fsrs import Card

    moment = now or now_utc()
    left = interview_at - moment
    if left.total_seconds() <= 0:
        return result
    latest = interview_at - timedelta(days=1)
    if latest <= moment:
        latest = moment + left / 2
    if weak:
        latest = min(latest, moment + left / 3)
    if result.due <= latest:
        return result
    card = Card.from_json(result.card_json)
    card.due = latest
    return Review(str(card.to_json()), latest, result.log_json, result.rating)


def due_now(card_json: str, now: datetime | None = None) -> str:
    """The same card made due at `now` (a question flagged weak elsewhere)."""
    from fsrs import Card

    card = Card.from_json(card_json)
    card.due = now or now_utc()
    return str(card.to_json())


def describe_interval(due: datetime, now: datetime | None = None) -> str:
    """'in 10 minutes', 'in 3 days': when a question comes back, in words."""
    seconds = max(0.0, (due - (now or now_utc())).total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = round(seconds / size)
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    return "now"
