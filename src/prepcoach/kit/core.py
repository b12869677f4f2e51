"""The second-round kit: everything prepared for one interview, read from the store at once.

`load_kit` gathers what the dashboard, the prep sheet and the flashcards need: the earlier
round at the same company and its post-mortem, the research on the company, the salary
range, the questions to ask, the stories, the likely questions and how their practice went,
what is due for review and when the follow-up went out. It only reads; the modules that use
a kit (`readiness`, `prepsheet`, `flashcards`) are plain functions of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from prepcoach.followup.core import THANK_YOU
from prepcoach.followup.store import first_sent_at, list_sent
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview, same_company, sort_key_latest, when_moment
from prepcoach.kernel.errors import NotFoundError
from prepcoach.kit import research_store as store_research
from prepcoach.kit import salary_store as store_salary
from prepcoach.kit import shortlist_store as shortlists
from prepcoach.kit.likely import format_for, likely_questions
from prepcoach.kit.research import terms
from prepcoach.kit.salary import feedback_range
from prepcoach.postmortem.store import get_postmortem_for_interview
from prepcoach.practice import store as ps
from prepcoach.stories import store as store_st

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import AskQuestion
    from prepcoach.kit.likely import LikelyQuestion
    from prepcoach.kit.research import Dossier
    from prepcoach.kit.salary import SalaryRange
    from prepcoach.kit.shortlist import ShortlistEntry
    from prepcoach.postmortem.core import Postmortem
    from prepcoach.store.db import Store
    from prepcoach.stories.core import StarStory

GOOD_RATING = 3  # practice self-ratings: 1 Again, 2 Hard, 3 Good, 4 Easy


@dataclass(frozen=True, slots=True)
class Practised:
    """How practice of one question has gone."""

    question_id: str
    attempts: int
    best_score: int | None
    latest_rating: int | None
    best_parts: Mapping[str, str] = field(default_factory=dict)  # the best answer's text

    @property
    def good(self) -> bool:
        return self.latest_rating is not None and self.latest_rating >= GOOD_RATING

    @property
    def best_text(self) -> str:
        return "\n\n".join(v for v in self.best_parts.values() if v)


@dataclass(frozen=True, slots=True)
class Kit:
    interview: Interview
    previous: Interview | None = None  # the earlier round at the same company
    postmortem: Postmortem | None = None  # the earlier round's post-mortem
    research: Dossier | None = None
    salary: SalaryRange | None = None
    shortlist: tuple[ShortlistEntry, ...] = ()
    stories: tuple[StarStory, ...] = ()
    story_uses: Mapping[str, int] = field(default_factory=dict)
    likely: tuple[LikelyQuestion, ...] = ()
    practice: Mapping[str, Practised] = field(default_factory=dict)  # likely questions
    due: tuple[str, ...] = ()  # question ids due for review now, most overdue first
    followup_sent_at: datetime | None = None  # the earlier round's first thank-you sent
    thanked: tuple[str, ...] = ()  # who a thank-you was sent to for the earlier round


def previous_round(interviews: Sequence[Interview], interview: Interview) -> Interview | None:
    """The latest earlier round at the same company: dated before this one, or already done.

    Rounds without a date count as earlier when they are marked done (or any status other
    than upcoming) and this one is still ahead.
    """
    start = when_moment(interview.when)
    earlier = []
    for other in interviews:
        if other.id == interview.id or not same_company(other.company, interview.company):
            continue
        moment = when_moment(other.when)
        if start is not None and moment is not None:
            if moment < start:
                earlier.append(other)
        elif other.status != "upcoming" and interview.status == "upcoming":
            earlier.append(other)
    return max(earlier, key=sort_key_latest) if earlier else None


def load_postmortem(store: Store, interview: Interview | None) -> Postmortem | None:
    """The post-mortem of `interview` (None for no interview or no post-mortem)."""
    return get_postmortem_for_interview(store, interview.id) if interview is not None else None


def postmortem_notes(postmortem: Postmortem | None) -> list[str]:
    """Everything written in a post-mortem that can say what the interview covered."""
    if postmortem is None:
        return []
    notes: list[str] = [
        *postmortem.topics,
        *postmortem.went_well,
        *postmortem.went_badly,
        *postmortem.clarify,
        *postmortem.next_dates,
        postmortem.overall_sentence,
        postmortem.excited_about,
        postmortem.next_steps,
        *(c.text for c in postmortem.concerns),
        *(text for q in postmortem.questions for text in (q.said, q.would_say)),
    ]
    notes = [n for n in notes if n.strip()]
    return notes


def practised(store: Store, question_ids: Sequence[str]) -> dict[str, Practised]:
    """Practice so far for each of these questions (those never practised are left out)."""
    return {
        qid: Practised(
            question_id=qid,
            attempts=found.attempts,
            best_score=found.best_score,
            latest_rating=found.latest_rating,
            best_parts=found.best_parts,
        )
        for qid, found in ps.question_practice(store, question_ids).items()
    }


def load_kit(store: Store, library: ContentLibrary, interview: Interview) -> Kit:
    """Everything prepared for `interview` (see the module's docstring)."""
    previous = previous_round(store_iv.list_interviews(store), interview)
    postmortem = load_postmortem(store, previous)
    concerns = postmortem.concerns if postmortem is not None else ()
    asked = postmortem.questions if postmortem is not None else ()
    likely = likely_questions(
        library,
        format_for(library, interview.stage),
        concerns=concerns,
        asked=asked,
        posting=interview.posting.competencies if interview.posting else (),
    )
    return Kit(
        interview=interview,
        previous=previous,
        postmortem=postmortem,
        research=store_research.get_research(store, interview.company),
        salary=store_salary.get_salary_range(store, interview.id, interview.company),
        shortlist=tuple(shortlists.get_shortlist(store, interview.id)),
        stories=tuple(store_st.list_stories(store)),
        story_uses=store_st.story_uses(store),
        likely=tuple(likely),
        practice=practised(store, [q.question.id for q in likely]),
        due=tuple(ps.due_question_ids(store)),
        followup_sent_at=(
            first_sent_at(store, previous.id, THANK_YOU) if previous is not None else None
        ),
        thanked=tuple(
            r.recipient_name
            for r in (list_sent(store, previous.id) if previous is not None else [])
            if r.template_id.startswith(THANK_YOU)
        ),
    )


def feedback_extras(
    store: Store, interview: Interview
) -> tuple[tuple[str, ...], tuple[float, float] | None, tuple[str, ...]]:
    """What practice feedback can check answers for this interview against: names from the
    company research, the researched salary range (minimum, maximum) and the earlier round's
    post-mortem topics and points to clarify."""

    research = terms(store_research.get_research(store, interview.company))
    salary = feedback_range(store_salary.get_salary_range(store, interview.id, interview.company))
    previous = previous_round(store_iv.list_interviews(store), interview)
    postmortem = load_postmortem(store, previous)
    notes: tuple[str, ...] = ()
    if postmortem is not None:
        notes = tuple(n for n in (*postmortem.topics, *postmortem.clarify) if n.strip())
    return research, salary, notes


@dataclass(frozen=True, slots=True)
class FirstRound:
    """What the earlier round's post-mortem says about the questions practised for the next:
    how each bank question asked then went, and the point prepared for going back over it."""

    label: str  # the earlier round, as a heading says it
    asked: Mapping[str, tuple[int, str, str]]  # bank question id -> (rating, said, would say)
    revisit: str  # the answer drafted for "anything to go back over?" ('' when none)

    def notes_for(self, question_id: str, checks: Sequence[str]) -> list[tuple[str, str]]:
        """(what, text) to show beside a question: how it went last time, and for a
        question that asks about the first conversation, the point prepared for it."""
        notes: list[tuple[str, str]] = []
        if question_id in self.asked:
            rating, said, would_say = self.asked[question_id]
            notes.append(("Asked then", f"you rated your answer {rating}/5"))
            if said.strip():
                notes.append(("You said", said.strip()))
            if would_say.strip():
                notes.append(("You would say now", would_say.strip()))
        if "concrete-reference" in checks and self.revisit:
            notes.append(("Your prepared point", self.revisit))
        return notes


def first_round(store: Store, interview: Interview) -> FirstRound | None:
    """The earlier round's post-mortem, read for practice (None when there is none)."""
    from prepcoach.postmortem.plan import prepared_revisit

    previous = previous_round(store_iv.list_interviews(store), interview)
    postmortem = load_postmortem(store, previous)
    if postmortem is None or previous is None:
        return None
    asked = {
        q.question_id: (q.rating, q.said, q.would_say)
        for q in postmortem.questions
        if q.question_id
    }
    return FirstRound(previous.label(), asked, prepared_revisit(postmortem))


def shortlist_first(
    store: Store, interview_id: str | None, candidates: Sequence[AskQuestion]
) -> tuple[list[AskQuestion], str]:
    """The questions to ask with the interview's shortlist first (the session's interview,
    else the current one), and a line saying so ('' when there is no shortlist)."""

    try:
        interview = (
            store_iv.get_interview(store, interview_id)
            if interview_id
            else store_iv.find_interview(store, None)
        )
    except NotFoundError:
        return list(candidates), ""
    chosen = [e.ask_question_id for e in shortlists.get_shortlist(store, interview.id)]
    by_id = {q.id: q for q in candidates}
    first = [by_id[qid] for qid in chosen if qid in by_id]
    if not first:
        return list(candidates), ""
    rest = [q for q in candidates if q.id not in chosen]
    note = f"Your {len(first)} questions for {interview.company} come first (prep ask)."
    return first + rest, note
