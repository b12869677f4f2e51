"""The questions an interview is likely to ask, from its format and the first round.

The interview's format (content: `formats`, chosen by the round) gives the fixed questions
(revisit the first conversation, career goals, salary...) and steps that pick by category or
competency ("three behavioral questions"). Those picks lean on what the first round showed:
questions on the competencies behind the employer's concerns come first, then the bank
questions you answered weakly, then those on the competencies the job posting asks for, then
the bank's order. Concerns no pick covers yet and weak
answers not picked get a question of their own at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from prepcoach.content.library import ContentLibrary
from prepcoach.content.model import InterviewFormat, Question
from prepcoach.kit.shortlist import clip
from prepcoach.stories.core import keywords

# The built-in format for each round; a user's content may add others for the same stage.
PREFERRED_FORMATS = {
    "first": "first-round-screen",
    "second": "second-round",
    "final": "final-round-panel",
    "other": "second-round",
}
WEAK_RATING = 2  # a post-mortem rating (1-5) at or below this is a weak answer


class ConcernLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def competencies(self) -> tuple[str, ...]: ...


class AskedLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def question_id(self) -> str | None: ...
    @property
    def rating(self) -> int: ...


@dataclass(frozen=True, slots=True)
class LikelyQuestion:
    question: Question
    why: str  # the format step, or what in the first round points to it


def format_for(library: ContentLibrary, stage: str) -> InterviewFormat | None:
    """The interview format for a round: the built-in one, else the first for that stage."""
    preferred = library.formats.get(PREFERRED_FORMATS.get(stage, ""))
    if preferred is not None:
        return preferred
    wanted = stage if stage in ("first", "second", "final") else "second"
    return next((f for f in library.formats.values() if f.stage == wanted), None)


def likely_questions(
    library: ContentLibrary,
    interview_format: InterviewFormat | None,
    *,
    concerns: Sequence[ConcernLike] = (),
    asked: Sequence[AskedLike] = (),
    posting: Sequence[str] = (),
    limit: int = 12,
) -> list[LikelyQuestion]:
    """The likely questions in the order the interview would ask them (see the module).

    `posting` holds the competencies the job posting asks for: after the concerns, picks
    lean on them too.
    """
    chosen: dict[str, LikelyQuestion] = {}
    weak_ids = [a.question_id for a in asked if a.question_id and a.rating <= WEAK_RATING]

    def add(question: Question, why: str) -> None:
        if question.id not in chosen:
            chosen[question.id] = LikelyQuestion(question, why)

    def concern_for(question: Question) -> ConcernLike | None:
        """The concern the question answers best: most competencies in common, then most
        words in common; None when it shares no competency with any."""
        if not concerns:  # (and the words are read only when there is a concern to compare)
            return None
        asked = set(question.competencies)
        words = set(keywords(question.text).split())
        scored = [
            (len(set(c.competencies) & asked), len(set(keywords(c.text).split()) & words), -i, c)
            for i, c in enumerate(concerns)
        ]
        best = max(scored, key=lambda s: s[:3], default=None)
        return best[3] if best is not None and best[0] > 0 else None

    if interview_format is not None:
        for step in interview_format.steps:
            if step.candidate_questions:
                continue
            if step.questions:
                for qid in step.questions:
                    if qid in library.questions:
                        add(library.questions[qid], step.title)
                continue
            pool = [
                q
                for q in library.filter_questions(
                    category=step.category, competency=step.competency
                )
                if q.id not in chosen and interview_format.stage in q.stages
            ]
            pool.sort(key=lambda q: _rank(q, concerns, weak_ids, posting))
            for question in pool[: step.count]:
                concern = concern_for(question)
                wanted = [c for c in question.competencies if c in posting]
                if concern:
                    why = f"concern: {_short(concern.text)}"
                elif wanted:
                    why = f"{step.title}; the posting asks for {wanted[0]}"
                else:
                    why = step.title
                add(question, why)
    for qid in weak_ids:
        if qid in library.questions:
            add(library.questions[qid], "you answered it weakly in the first round")
    for concern in concerns:
        if any(set(concern.competencies) & set(q.question.competencies) for q in chosen.values()):
            continue
        for competency in concern.competencies:
            pool = [
                q
                for q in library.filter_questions(competency=competency)
                if q.id not in chosen and q.answer_format == "star"
            ]
            if pool:
                add(pool[0], f"concern: {_short(concern.text)}")
                break
    return list(chosen.values())[:limit]


def _rank(
    question: Question,
    concerns: Sequence[ConcernLike],
    weak_ids: Sequence[str],
    posting: Sequence[str] = (),
) -> tuple[int, int, int]:
    overlap = sum(len(set(c.competencies) & set(question.competencies)) for c in concerns)
    asked_for = len(set(posting) & set(question.competencies))
    return (-overlap, 0 if question.id in weak_ids else 1, -asked_for)


def _short(text: str) -> str:
    return clip(text, 60)
