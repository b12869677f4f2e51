"""A practice session from the first question to the summary, without a terminal.

`PracticeRun` holds the rules of `prep practice`: resume the unfinished session or plan a new
one (scripted answers name their questions; otherwise the mode, filters and history pick
them), tailor feedback to the interview being prepared for, and for each question save the
answer at once, analyse it, reschedule it from the self-rating (nudged by the score) and keep
the result. It asks through an `AnswerSource` (what the user answers) and a `SessionView`
(what the user sees and decides); the CLI supplies both, tests can supply their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from prepcoach.interviews import store as interview_store
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kit import shortlist_store
from prepcoach.kit.core import feedback_extras, shortlist_first
from prepcoach.practice import scheduling
from prepcoach.practice import store as ps
from prepcoach.practice.feedback import Answer, Feedback, FeedbackContext, analyse
from prepcoach.practice.plan import (
    CANDIDATE_QUESTIONS,
    Filters,
    History,
    PlannedQuestion,
    default_mode,
    plan_session,
)
from prepcoach.practice.scheduling import SelfRating
from prepcoach.store import drafts
from prepcoach.stories import store as story_store
from prepcoach.stories.core import match_stories

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import AskQuestion, Question, StarTemplate
    from prepcoach.practice.store import SessionRecord
    from prepcoach.store.db import Store


@dataclass(slots=True)
class GivenAnswer:
    style: str  # star, free or aloud
    parts: dict[str, str]
    seconds: float | None  # None: not measured (scripted), estimated from the words
    part_seconds: dict[str, float] = field(default_factory=dict)
    story_id: str | None = None


class AnswerSource(Protocol):
    interactive: bool

    def choose(self, question: Question, default_style: str) -> str:
        """A style from STYLES, or 'skip' or 'quit'."""
        ...

    def answer(
        self, question: Question, style: str, template: StarTemplate | None
    ) -> GivenAnswer: ...

    def rate(self, question: Question, feedback: Feedback | None) -> SelfRating: ...

    def pick_ask_questions(
        self, candidates: Sequence[AskQuestion], shortlisted: Sequence[str] = ()
    ) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Rated:
    """How an answer was rated: what the user said, what counts, and when it comes back."""

    given: SelfRating
    rating: SelfRating
    score: int | None
    due: Any  # datetime


@dataclass(frozen=True, slots=True)
class Summary:
    session: SessionRecord
    status: str  # finished or interrupted
    results: list[dict[str, Any]]
    due_now: int
    next_due: str | None


class SessionView(Protocol):
    """What a session shows and the two choices it leaves to the user."""

    def confirm_resume(self, unfinished: SessionRecord) -> bool: ...

    def choose_plan(
        self, history: History, filters: Filters, library: ContentLibrary
    ) -> tuple[str, str | None, Filters]:
        """The mode, format and filters picked from a menu."""
        ...

    def started(self, mode: str, planned: int, filters: Filters, due: int) -> None: ...

    def tailored_to(self, label: str) -> None: ...

    def resumed(self, session: SessionRecord) -> None: ...

    def heading(self, item: PlannedQuestion, index: int, total: int) -> None: ...

    def question(self, question: Question) -> None: ...

    def feedback(self, feedback: Feedback) -> None: ...

    def rated(self, rated: Rated) -> None: ...

    def candidate_questions(self) -> None: ...

    def shortlist_note(self, note: str) -> None: ...

    def asked(self, texts: list[str]) -> None: ...

    def stopped(self) -> None: ...

    def summary(self, summary: Summary) -> None: ...


class PracticeRun:
    """One practice session, from the first question to the summary."""

    def __init__(
        self,
        store: Store,
        library: ContentLibrary,
        source: AnswerSource,
        view: SessionView,
        *,
        home: Path,
    ) -> None:
        self.store = store
        self.library = library
        self.source = source
        self.view = view
        self.home = home
        self.results: list[dict[str, Any]] = []
        self.feedback_context: FeedbackContext | None = None
        self.interview_label: str | None = None

    # ------------------------------------------------------------------ 1. the session
    def open_session(
        self,
        *,
        mode: str | None,
        filters: Filters,
        count: int,
        format_id: str | None,
        interview: str | None,
        resume: bool,
        menu: bool,
    ) -> SessionRecord:
        """Resume (asked, or offered when an unfinished session has answers) or plan anew."""
        unfinished = ps.unfinished_session(self.store)
        if resume:
            if unfinished is None:
                raise PrepError(
                    "there is no unfinished session to resume; start one with 'prep practice'"
                )
            return self._resume(unfinished)
        if unfinished is not None and unfinished.answered and self.source.interactive:
            if self.view.confirm_resume(unfinished):
                return self._resume(unfinished)
        interview_id = self._interview(interview)
        history = History(
            due=ps.due_question_ids(self.store),
            weak=ps.weak_question_ids(self.store),
            practised=ps.practised_ids(self.store),
        )
        scripted_ids = getattr(self.source, "question_ids", None)
        if scripted_ids and not mode:
            for qid in scripted_ids:
                self.library.question(qid)
            chosen_mode = "scripted"
            plan = [{"question_id": q, "reason": "new", "step": None} for q in scripted_ids]
        else:
            if menu and self.source.interactive:
                mode, format_id, filters = self.view.choose_plan(history, filters, self.library)
            chosen_mode = mode or default_mode(history)
            seed = len(ps.session_ids(self.store))
            planned = plan_session(
                self.library,
                chosen_mode,  # type: ignore[arg-type]
                filters,
                history,
                count=count,
                format_id=format_id,
                seed=seed,
            )
            plan = [p.as_dict() for p in planned]
        options = {"filters": filters.as_dict(), "count": count, "format": format_id}
        session_id = ps.start_session(
            self.store, mode=chosen_mode, planned=plan, options=options, interview_id=interview_id
        )
        session = ps.get_session(self.store, session_id)
        assert session is not None
        due, _ = ps.upcoming_due(self.store)
        self.view.started(chosen_mode, len(plan), filters, due)
        if self.interview_label:
            self.view.tailored_to(self.interview_label)
        return session

    def _resume(self, session: SessionRecord) -> SessionRecord:
        ps.resume_session(self.store, session.id)
        self._interview(None, session.interview_id)
        self.view.resumed(session)
        return session

    def _interview(self, reference: str | None, interview_id: str | None = None) -> str | None:
        """Resolve --interview and prepare what feedback can check against: the company,
        role, research, salary range and first-round notes (see `kit.feedback_extras`)."""
        if reference is None and interview_id is None:
            # No --interview: tailor to the interview being prepared for, if there is one.
            try:
                found = interview_store.find_interview(self.store, None)
            except NotFoundError:
                return None
        else:
            found = (
                interview_store.find_interview(self.store, reference)
                if reference is not None
                else interview_store.get_interview(self.store, interview_id or "")
            )
        self.interview_label = found.label()
        research, salary_range, notes = feedback_extras(self.store, found)
        self.feedback_context = FeedbackContext(
            company=found.company,
            role=found.role or None,
            research_terms=research,
            salary_range=salary_range,
            first_interview_notes=notes,
        )
        return found.id

    # ------------------------------------------------------------------ 2. the questions
    def run(self, session: SessionRecord) -> Summary:
        """Ask what is left of the plan; the session ends finished, or interrupted by a quit
        or Ctrl-C (answers are saved as they come, so nothing is lost)."""
        answered = [a.question_id for a in ps.session_answers(self.store, session.id)]
        plan = [PlannedQuestion.from_dict(p) for p in session.planned]
        todo = list(plan)
        for qid in answered:  # resume: drop what was answered, once per answer
            match = next((p for p in todo if p.question_id == qid), None)
            if match is not None:
                todo.remove(match)
        status = "finished"
        try:
            for index, item in enumerate(todo, start=len(plan) - len(todo) + 1):
                self.view.heading(item, index, len(plan))
                if item.question_id == CANDIDATE_QUESTIONS:
                    self._candidate_questions(session)
                    continue
                if not self._ask(session, self.library.question(item.question_id)):
                    status = "interrupted"
                    break
        except KeyboardInterrupt:
            status = "interrupted"
            self.view.stopped()
        ps.end_session(self.store, session.id, status)
        due, next_due = ps.upcoming_due(self.store)
        summary = Summary(session, status, self.results, due, next_due)
        self.view.summary(summary)
        return summary

    def _ask(self, session: SessionRecord, question: Question) -> bool:
        """One question, start to finish. False when the user ends the session."""
        self.view.question(question)
        default = "star" if question.answer_format == "star" else "free"
        style = self.source.choose(question, default)
        if style == "quit":
            return False
        if style == "skip":
            return True
        template = self.library.star_template_for(question) if style == "star" else None
        given = self.source.answer(question, style, template)
        feedback = self._feedback(question, given, template)
        answer_id = ps.save_answer(
            self.store,
            session_id=session.id,
            question_id=question.id,
            question_text=question.text,
            style=given.style,
            parts=given.parts,
            seconds=given.seconds,
            part_seconds=given.part_seconds,
            score=feedback.score if feedback else None,
            feedback=feedback_dict(feedback),
            story_id=given.story_id,
        )
        if self.source.interactive:
            drafts.discard_draft(self.home, "answer", question.id)
        if feedback is not None:
            self.view.feedback(feedback)
        self._rate(answer_id, question, feedback)
        return True

    def _feedback(self, question: Question, given: GivenAnswer, template: Any) -> Feedback | None:
        # Typing time says nothing about speaking time: written answers are judged by their
        # words (at a speaking pace); only an answer given aloud is judged by the clock.
        spoken = given.style == "aloud"
        answer = Answer(
            parts=given.parts,
            seconds=given.seconds if spoken else None,
            part_seconds=given.part_seconds if spoken else {},
            spoken=spoken,
        )
        if template is None and question.answer_format == "star":
            template = self.library.star_template_for(question)
        return analyse(question, answer, template, self.feedback_context)

    def _rate(self, answer_id: str, question: Question, feedback: Feedback | None) -> None:
        given = self.source.rate(question, feedback)
        score = feedback.score if feedback else None
        rating = scheduling.nudged_rating(given, score)
        review = scheduling.review(ps.card_json(self.store, question.id), rating)
        ps.rate_answer(self.store, answer_id, question.id, review)
        self.view.rated(Rated(given, rating, score, review.due))
        self.results.append(
            {
                "question_id": question.id,
                "question": question.text,
                "score": score,
                "rating": rating.label.lower(),
                "due": review.due.isoformat(timespec="seconds"),
                "feedback": feedback_dict(feedback),
            }
        )

    def _candidate_questions(self, session: SessionRecord) -> None:
        self.view.candidate_questions()
        candidates = list(self.library.ask_questions.values())
        candidates, note = shortlist_first(self.store, session.interview_id, candidates)
        shortlisted: list[str] = []
        if note:
            self.view.shortlist_note(note)
            interview_id = session.interview_id or ""
            shortlisted = [
                e.ask_question_id for e in shortlist_store.get_shortlist(self.store, interview_id)
            ]
        picked = self.source.pick_ask_questions(candidates, shortlisted)
        texts = [self.library.ask_questions[p].text for p in picked]
        ps.save_answer(
            self.store,
            session_id=session.id,
            question_id="candidate-questions",
            question_text="Do you have any questions for us?",
            style="ask",
            parts={"asked": "\n".join(texts)},
            seconds=None,
        )
        self.view.asked(texts)
        self.results.append({"question_id": "candidate-questions", "asked": picked})


def feedback_dict(feedback: Feedback | None) -> dict[str, Any]:
    """Feedback as stored and printed by --json (its fields are kept stable)."""
    if feedback is None:
        return {}
    data = asdict(feedback)
    data["parts_detected"] = dict(feedback.parts_detected)
    data["fillers"] = dict(feedback.fillers)
    data["parts"] = dict(feedback.parts)
    data["evidence"] = dict(feedback.evidence)
    return data


def story_starts(
    store: Store, library: ContentLibrary, question: Question
) -> list[tuple[str, str, dict[str, str]]]:
    """Stories from the bank that suit the question: (id, title, parts) for a STAR start."""
    stories = story_store.list_stories(store)
    if not stories:
        return []
    names = {c.id: c.name for c in library.competencies.values()}
    ranked = match_stories(stories, question.text, question.competencies, competency_names=names)[
        :3
    ]
    return [(m.story.id, m.story.title, dict(m.story.parts)) for m in ranked]
