"""Progress over time: scores by competency and category, weekly trend, streak, attempt diffs.

Works on aggregates the store computes in SQL, so a long history stays quick to summarise.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from prepcoach.content.library import ContentLibrary


@dataclass(frozen=True, slots=True)
class GroupScore:
    key: str
    name: str
    answers: int
    questions: int
    average_score: float | None
    average_rating: float | None


@dataclass(frozen=True, slots=True)
class TrendPoint:
    week: str  # ISO date of the Monday starting the week
    answers: int
    average_score: float | None


@dataclass(frozen=True, slots=True)
class Progress:
    answers: int
    questions_practised: int
    average_score: float | None
    by_competency: list[GroupScore]
    by_category: list[GroupScore]
    trend: list[TrendPoint]
    streak_days: int
    practised_today: bool
    due_now: int
    next_due: str | None
    untouched_competencies: list[str] = field(default_factory=list)


QuestionRow = tuple[str, int, float | None, float | None]  # id, answers, avg score, avg rating
DayRow = tuple[str, int, float | None]  # ISO day, answers, avg score


def _weighted(pairs: Iterable[tuple[int, float | None]]) -> float | None:
    total = weight = 0.0
    for count, value in pairs:
        if value is not None:
            total += count * value
            weight += count
    return round(total / weight, 1) if weight else None


def summarize(
    library: ContentLibrary,
    by_question: Sequence[QuestionRow],
    by_day: Sequence[DayRow],
    *,
    today: date,
    due_now: int = 0,
    next_due: str | None = None,
) -> Progress:
    """Everything `prep stats` shows, from per-question and per-day aggregates."""
    groups: dict[str, dict[str, list[QuestionRow]]] = {
        "competency": defaultdict(list),
        "category": defaultdict(list),
    }
    for row in by_question:
        question = library.questions.get(row[0])
        if question is None:  # a question from a pack that is no longer loaded
            continue
        groups["category"][question.category].append(row)
        for competency in question.competencies:
            groups["competency"][competency].append(row)

    def scores(kind: str) -> list[GroupScore]:
        result = []
        for key, rows in groups[kind].items():
            name = key
            if kind == "competency" and key in library.competencies:
                name = library.competencies[key].name
            result.append(
                GroupScore(
                    key=key,
                    name=name,
                    answers=sum(r[1] for r in rows),
                    questions=len(rows),
                    average_score=_weighted((r[1], r[2]) for r in rows),
                    average_rating=_weighted((r[1], r[3]) for r in rows),
                )
            )
        return sorted(result, key=lambda g: (g.average_score is None, g.average_score or 0))

    days = [d for d, _, _ in by_day]
    return Progress(
        answers=sum(r[1] for r in by_question),
        questions_practised=len(by_question),
        average_score=_weighted((r[1], r[2]) for r in by_question),
        by_competency=scores("competency"),
        by_category=scores("category"),
        trend=weekly_trend(by_day),
        streak_days=streak(days, today),
        practised_today=today.isoformat() in days,
        due_now=due_now,
        next_due=next_due,
        untouched_competencies=sorted(set(library.competencies) - set(groups["competency"])),
    )


def weekly_trend(by_day: Sequence[DayRow], weeks: int = 12) -> list[TrendPoint]:
    """Answers and average score per week, for the last `weeks` weeks with practice."""
    buckets: dict[str, list[tuple[int, float | None]]] = defaultdict(list)
    for day, count, average in by_day:
        try:
            moment = date.fromisoformat(day)
        except ValueError:
            continue
        monday = moment - timedelta(days=moment.weekday())
        buckets[monday.isoformat()].append((count, average))
    points = [
        TrendPoint(week, sum(c for c, _ in rows), _weighted(rows))
        for week, rows in sorted(buckets.items())
    ]
    return points[-weeks:]


def streak(days: Iterable[str], today: date) -> int:
    """Consecutive days with practice, ending today (or yesterday: today is not over yet)."""
    practised = set(days)
    current = today if today.isoformat() in practised else today - timedelta(days=1)
    count = 0
    while current.isoformat() in practised:
        count += 1
        current -= timedelta(days=1)
    return count


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def answer_diff(previous: str, current: str) -> list[str]:
    """A sentence-by-sentence diff of two attempts: lines starting with '+', '-' or ' '."""
    old = [s.strip() for s in _SENTENCE.split(previous) if s.strip()]
    new = [s.strip() for s in _SENTENCE.split(current) if s.strip()]
    return [
        line
        for line in difflib.ndiff(old, new)
        if not line.startswith("?")  # ndiff's intraline hints are noise in a terminal
    ]


def sparkline(values: Sequence[float | None], low: float = 0, high: float = 100) -> str:
    """One character per value, from ▁ to █ (a space for no data)."""
    bars = "▁▂▃▄▅▆▇█"
    out = []
    for value in values:
        if value is None:
            out.append(" ")
            continue
        ratio = (min(max(value, low), high) - low) / ((high - low) or 1)
        out.append(bars[min(len(bars) - 1, int(ratio * len(bars)))])
    return "".join(out)
