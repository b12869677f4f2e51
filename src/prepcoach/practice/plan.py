"""Which questions a practice session asks, and in what order.

Modes:
- review: questions the scheduler says are due, then ones never practised;
- quick: a handful from the filtered bank, new ones first;
- weak: questions rated low before or flagged in a post-mortem;
- mock: an interview format from content, step by step, like a real round.
The plan is computed once and stored with the session, so an interrupted session resumes
with exactly the same questions.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from prepcoach.content.library import ContentLibrary
from prepcoach.content.model import Question
from prepcoach.kernel.errors import PrepError

Mode = Literal["quick", "review", "mock", "weak"]
MODES: tuple[str, ...] = ("review", "quick", "mock", "weak")
CANDIDATE_QUESTIONS = "candidate-questions"  # the plan item for "Do you have any questions?"


@dataclass(frozen=True, slots=True)
class Filters:
    category: str | None = None
    competency: str | None = None
    role: str | None = None
    stage: str | None = None

    def describe(self) -> str:
        given = [f"{k}={v}" for k, v in self.as_dict().items() if v]
        return ", ".join(given) or "all questions"

    def as_dict(self) -> dict[str, str | None]:
        return {
            "category": self.category,
            "competency": self.competency,
            "role": self.role,
            "stage": self.stage,
        }


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One item of a session: a question id (or the candidate-questions step) and why."""

    question_id: str
    reason: Literal["due", "new", "weak", "format", "practised", "chosen"]
    step: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"question_id": self.question_id, "reason": self.reason, "step": self.step}

    @classmethod
    def from_dict(cls, data: dict[str, str | None]) -> PlannedQuestion:
        return cls(str(data["question_id"]), data["reason"], data.get("step"))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class History:
    """What the plan needs to know about the user's past practice."""

    due: Sequence[str] = ()  # question ids due now, most overdue first
    weak: Sequence[str] = ()  # rated low or flagged, most recent first
    practised: frozenset[str] = frozenset()


def default_mode(history: History) -> Mode:
    """Review when something is due, otherwise a quick session on new questions."""
    return "review" if history.due else "quick"


def plan_session(
    library: ContentLibrary,
    mode: Mode,
    filters: Filters,
    history: History,
    *,
    count: int = 5,
    format_id: str | None = None,
    seed: int = 0,
) -> list[PlannedQuestion]:
    """The ordered questions for a session; raises PrepError when nothing matches."""
    if count < 1:
        raise PrepError("--count must be at least 1")
    if mode == "mock":
        return _plan_mock(library, filters, history, format_id or "second-round", seed)
    # Without a role, no role's own questions: a data analyst is not asked for a pitch.
    pool = library.filter_questions(**filters.as_dict(), general_only=True)
    if not pool:
        hint = "; give --role for role-specific questions" if not filters.role else ""
        raise PrepError(f"no questions match {filters.describe()}{hint}")
    pool_ids = {q.id for q in pool}
    rng = random.Random(seed)
    if mode == "weak":
        weak = [qid for qid in _unique(history.weak) if qid in pool_ids]
        if not weak:
            raise PrepError(
                "no weak questions yet: rate an answer Again or Hard, or flag questions in "
                "'prep postmortem'; try 'prep practice --mode quick' meanwhile"
            )
        return [PlannedQuestion(qid, "weak") for qid in weak[:count]]
    plan: list[PlannedQuestion] = []
    if mode == "review":
        plan += [PlannedQuestion(qid, "due") for qid in history.due if qid in pool_ids][:count]
    chosen = {p.question_id for p in plan}
    new = [q.id for q in pool if q.id not in history.practised and q.id not in chosen]
    rng.shuffle(new)
    plan += [PlannedQuestion(qid, "new") for qid in new[: count - len(plan)]]
    if len(plan) < count:  # everything practised: fall back to the rest of the pool
        rest = [q.id for q in pool if q.id not in {p.question_id for p in plan}]
        rng.shuffle(rest)
        plan += [PlannedQuestion(qid, "practised") for qid in rest[: count - len(plan)]]
    return plan


def _plan_mock(
    library: ContentLibrary, filters: Filters, history: History, format_id: str, seed: int
) -> list[PlannedQuestion]:
    interview_format = library.get("formats", format_id)
    rng = random.Random(seed)
    plan: list[PlannedQuestion] = []
    used: set[str] = set()
    for step in interview_format.steps:
        if step.candidate_questions:
            plan.append(PlannedQuestion(CANDIDATE_QUESTIONS, "format", step.title))
            continue
        if step.questions:
            picked = [qid for qid in step.questions if qid not in used]
        else:
            pool = library.filter_questions(
                category=step.category,
                competency=step.competency,
                role=filters.role,
                general_only=True,
            )
            # Questions meant for this round first; others only if the round has none.
            for_stage = [q for q in pool if interview_format.stage in q.stages]
            candidates = [q for q in (for_stage or pool) if q.id not in used]
            picked = _pick(candidates, history, step.count, rng)
        for qid in picked:
            used.add(qid)
            plan.append(PlannedQuestion(qid, "format", step.title))
    if not plan:
        raise PrepError(f"interview format '{format_id}' picks no questions")
    return plan


def _pick(
    candidates: list[Question], history: History, count: int, rng: random.Random
) -> list[str]:
    """Due questions first, then new ones, then any; random within each group."""
    due = set(history.due)
    groups: list[list[str]] = [[], [], []]
    for q in candidates:
        rank = 0 if q.id in due else (1 if q.id not in history.practised else 2)
        groups[rank].append(q.id)
    picked: list[str] = []
    for group in groups:
        rng.shuffle(group)
        picked += group[: count - len(picked)]
    return picked


def _unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))
