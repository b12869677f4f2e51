"""A practice session from the first question to the summary, without a terminal.

`PracticeRun` holds the rules of `prep practice`: resume the unfinished session or plan a new
one (scripted answers name their questions; otherwise the mode, filters and history pick
them), tailor feedback to the interview being prepared for, and for each question save the
answer at once, analyse it, reschedule it from the self-rating (nudged by the score) and keep
the result. It asks through an `AnswerSource` (what the user answers) and a `SessionView`
(what the user sees and decides); the CLI supplies both, tests can supply their own.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from prepcoach.interviews import store as interview_store
from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kit.salary import answer_figure
from prepcoach.practice import scheduling
from prepcoach.practice import store as ps
from prepcoach.practice.plan import (
    CANDIDATE_QUESTIONS,
    Filters,
    History,
    PlannedQuestion,
    default_mode,
    plan_session,
)
from prepcoach.practice.rounds import MOCK_PROBES, Lap, laps, pick_probes, probe_question
from prepcoach.practice.scheduling import SelfRating
from prepcoach.practice.store import MAX_ANSWER
from prepcoach.profile.store import get_locale, get_profile
from prepcoach.store import drafts

# Feedback, the interview kit and the story bank are imported where they are first used: the
# first question is on screen before any of them is needed.
if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import (
        AskQuestion,
        FormatStep,
        InterviewFormat,
        Question,
        StarTemplate,
    )
    from prepcoach.kit.core import FirstRound
    from prepcoach.practice.feedback import Feedback, FeedbackContext, QuestionBank
    from prepcoach.practice.store import SessionRecord
    from prepcoach.store.db import Store
    from prepcoach.voice.delivery import Delivery
    from prepcoach.voice.spoken import SpokenAnswer


@dataclass(slots=True)
class GivenAnswer:
    style: str  # star, free or aloud
    parts: dict[str, str]
    seconds: float | None  # None: not measured (scripted), estimated from the words
    part_seconds: dict[str, float] = field(default_factory=dict)
    story_id: str | None = None
    voice: SpokenAnswer | None = None  # spoken and heard: the recording, transcript, delivery


REQUEUE_AFTER = 2  # a question rated Again comes back after this many others

# The prompts whose text is (part of) the answer to a question, as the terminal names them.
FREE_PROMPT, NOTES_PROMPT = "practice.text", "practice.notes"
_NOT_ANSWERS = frozenset({"practice.probe", "practice.prepare-notes"})


@dataclass(frozen=True, slots=True)
class UnfinishedAnswer:
    """An answer being typed when prep last stopped (killed, the terminal closed), kept as
    drafts and not saved: its question, how it was being given, and the texts by prompt."""

    question: Question
    style: str  # star, free or aloud
    texts: dict[str, str]  # prompt name -> the text kept there
    keys: tuple[str, ...]  # the drafts holding them

    @property
    def words(self) -> int:
        return sum(len(text.split()) for text in self.texts.values())


def unfinished_answers(home: Path, library: ContentLibrary) -> list[UnfinishedAnswer]:
    """The answers left unfinished in the home's typed drafts, the latest first (a draft is
    kept under its prompt and the question it answered, see `cli.prompts`)."""
    by_text = {q.text: q for q in library.questions.values()}
    parts = {
        f"practice.{part.key}"
        for template in library.star_templates.values()
        for part in template.parts
    }
    found: dict[str, tuple[Question, dict[str, str], list[str]]] = {}
    for draft in drafts.typed_drafts(home):  # oldest first
        name = draft.prompt
        if not name.startswith("practice.") or name in _NOT_ANSWERS:
            continue
        if name not in parts and name not in (FREE_PROMPT, NOTES_PROMPT):
            continue
        question = by_text.get(draft.message.rsplit("\n", 1)[-1])
        if question is None:
            continue
        _question, texts, keys = found.setdefault(question.id, (question, {}, []))
        texts[name] = draft.text
        keys.append(draft.key)
        found[question.id] = found.pop(question.id)  # the latest comes last
    unfinished = []
    for question, texts, keys in reversed(found.values()):
        style = "free" if FREE_PROMPT in texts else "aloud" if NOTES_PROMPT in texts else "star"
        unfinished.append(UnfinishedAnswer(question, style, texts, tuple(keys)))
    return unfinished


class SkipQuestion(Exception):  # noqa: N818 - a signal, not an error
    """Raised by an answer source when the user chooses to skip after all (an empty edit)."""


class PartialAnswer(KeyboardInterrupt):
    """Ctrl-C in the middle of an answer: what had been given so far (None: nothing)."""

    def __init__(self, given: GivenAnswer | None) -> None:
        super().__init__()
        self.given = given


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

    # Optional (looked up with getattr, so older sources still work):
    # probe(question, probe) -> GivenAnswer | None: the answer to a follow-up (None: skipped);
    # prepare(minutes) -> None: the preparation time of an exercise round (skippable);
    # meanwhile(task) -> None: run `task` once the next prompt is on screen and waits for
    # the person (a terminal); without it, the task runs at once.


@dataclass(frozen=True, slots=True)
class Rated:
    """How an answer was rated: what the user said, what counts, and when it comes back."""

    given: SelfRating
    rating: SelfRating
    score: int | None
    due: Any  # datetime


@dataclass(frozen=True, slots=True)
class StepTime:
    """Time spent on one step of a format (answers and follow-ups), against its minutes."""

    title: str
    seconds: float
    minutes: int | None


@dataclass(frozen=True, slots=True)
class InterviewCountdown:
    """The interview being prepared for: when, and what comes due before it."""

    label: str
    days_left: int
    due_before: int


@dataclass(frozen=True, slots=True)
class Summary:
    session: SessionRecord
    status: str  # finished or interrupted
    results: list[dict[str, Any]]
    due_now: int
    next_due: str | None
    left: int = 0  # questions of the plan still to answer (resumable when > 0)
    steps: tuple[StepTime, ...] = ()
    round_minutes: int | None = None
    interview: InterviewCountdown | None = None
    stopped: bool = False  # ended by Ctrl-C (or a stop signal), not by the user's choice


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
    def role_from(self, role: str, source: str) -> None: ...

    def resumed(self, session: SessionRecord) -> None: ...

    def heading(self, item: PlannedQuestion, index: int, total: int) -> None: ...

    def question(self, question: Question) -> None: ...

    def feedback(self, feedback: Feedback) -> None: ...

    def delivery(self, delivery: Delivery) -> None:
        """How a spoken answer was said, apart from what it said."""
        ...

    def rated(self, rated: Rated) -> None: ...

    def candidate_questions(self) -> None: ...

    def shortlist_note(self, note: str) -> None: ...

    def asked(self, texts: list[str]) -> None: ...

    def stopped(self) -> None: ...

    def summary(self, summary: Summary) -> None: ...

    def brief(self, interview_format: InterviewFormat) -> None:
        """An exercise round's task, before its preparation time."""
        ...

    def step(self, title: str, note: str) -> None:
        """A format step begins: its title and the interviewer's note."""
        ...

    def clock(self, elapsed: float, minutes: int) -> None:
        """The round so far against the format's minutes."""
        ...

    def probe(self, text: str, index: int, total: int) -> None: ...

    def probe_feedback(self, text: str, feedback: Feedback | None) -> None: ...

    def laps(self, laps: list[Lap]) -> None: ...

    def kept(self, message: str) -> None:
        """What an interruption kept."""
        ...

    def requeued(self, later: int) -> None:
        """A question rated Again comes back after `later` others (0: next)."""
        ...


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
        # Without an interview, feedback still follows the locale's salary custom.
        figure = answer_figure(get_locale(store, library.locales))
        self.feedback_context: FeedbackContext | None = None
        if figure != "range":
            from prepcoach.practice.feedback import FeedbackContext

            self.feedback_context = FeedbackContext(salary_figure=figure)
        self._bank: QuestionBank | None = None
        self._warming: threading.Thread | None = None  # building the bank meanwhile
        self.first_round: FirstRound | None = None  # the earlier round's post-mortem
        self.interview_label: str | None = None
        self.interview_at: datetime | None = None  # the interview's start, when ahead
        self.format: InterviewFormat | None = None
        self.probes: int | None = None  # follow-ups per answer (--probes; a mock's default)
        self.step_seconds: dict[str, float] = {}
        self._step_shown: str | None = None
        self._rated = False
        self.interview_role = ""
        self.first: UnfinishedAnswer | None = None  # asked before the plan's questions

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
        probes: int | None = None,
        question_ids: Sequence[str] = (),
    ) -> SessionRecord:
        """Resume (asked, or offered when an unfinished session has answers) or plan anew:
        the questions asked for (`question_ids`, in that order), else a plan by mode."""
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
        if filters.role is None:
            filters = replace(filters, role=self._role())
        history = History(
            due=ps.due_question_ids(self.store),
            weak=ps.weak_question_ids(self.store),
            practised=ps.practised_ids(self.store),
        )
        scripted_ids = getattr(self.source, "question_ids", None)
        if question_ids or (scripted_ids and not mode):
            # chosen ones once each; an answers file may answer one question several times
            ids = list(dict.fromkeys(question_ids)) if question_ids else list(scripted_ids or ())
            for qid in ids:
                self.library.question(qid)  # an unknown id: an error with a did-you-mean
            chosen_mode, reason = ("chosen", "chosen") if question_ids else ("scripted", "new")
            plan = [{"question_id": q, "reason": reason, "step": None} for q in ids]
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
        if chosen_mode == "mock":
            format_id = format_id or "second-round"
        options = {
            "filters": filters.as_dict(),
            "count": count,
            "format": format_id,
            "probes": probes,
        }
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

    def _role(self) -> str | None:
        """The role to prepare for without --role: the interview's (its posting's reading,
        else its title mapped to a role pack), else the profile's target role; None when
        neither is known, and then no role's own questions are asked."""

        if self.interview_role:
            from prepcoach.content.roles import match_role

            found = match_role(self.interview_role, self.library.roles)
            if found is not None:
                self.view.role_from(found.role, "the interview's role")
                return found.role
        target = get_profile(self.store).target_role
        if target in self.library.roles:
            self.view.role_from(target, "your profile")
            return target
        return None

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
        moment = found.moment()
        if moment is not None and moment > clock.now():
            self.interview_at = moment
        posted = found.posting.role if found.posting is not None else None
        self.interview_role = posted or found.role  # the posting's reading, else the title
        from prepcoach.kit.core import feedback_extras, first_round
        from prepcoach.practice.feedback import FeedbackContext

        research, salary_range, notes = feedback_extras(self.store, found)
        self.first_round = first_round(self.store, found)
        figure = answer_figure(get_locale(self.store, self.library.locales))
        self.feedback_context = FeedbackContext(
            company=found.company,
            role=found.role or None,
            research_terms=research,
            salary_range=salary_range,
            salary_figure=figure,
            first_interview_notes=notes,
        )
        return found.id

    def first_round_notes(self, question: Question) -> list[tuple[str, str]]:
        """What the earlier round's post-mortem says about `question` (see `FirstRound`)."""
        if self.first_round is None:
            return []
        return self.first_round.notes_for(question.id, question.checks)

    # ------------------------------------------------------------------ 2. the questions
    def run(self, session: SessionRecord) -> Summary:
        """Ask what is left of the plan; the session ends finished, or interrupted by a quit
        or Ctrl-C (answers are saved as they come, so nothing is lost). A question rated
        Again comes back a few questions later."""
        saved = ps.session_answers(self.store, session.id)
        answered = [a.question_id for a in saved]
        plan = [PlannedQuestion.from_dict(p) for p in session.planned]
        todo = list(plan)
        for qid in answered:  # resume: drop what was answered, once per answer
            match = next((p for p in todo if p.question_id == qid), None)
            if match is not None:
                todo.remove(match)
        if self.first is not None:
            self._put_first(session, self.first.question.id, plan, todo, fresh=not saved)
        self._setup_round(session, plan, saved)
        if self.source.interactive:
            meanwhile = getattr(self.source, "meanwhile", None)
            if meanwhile is None:
                self._warm_up()
            else:
                meanwhile(self._warm_up)
        stopped = False
        again: set[str] = set()
        status = "finished"
        index = len(plan) - len(todo)
        try:
            if self.format is not None and not saved:
                self._brief(self.format)
            while todo:
                item = todo[0]
                index += 1
                self.view.heading(item, index, len(plan))
                self._round(item)
                if item.question_id == CANDIDATE_QUESTIONS:
                    self._candidate_questions(session)
                    todo.pop(0)
                    continue
                outcome = self._ask(session, self.library.question(item.question_id), item)
                if outcome == "quit":
                    status = "interrupted"
                    break
                todo.pop(0)
                # Again: the question comes back a few questions on (once). A scripted run
                # follows its file, whose answers are for the plan as it was written.
                if (
                    outcome == SelfRating.AGAIN
                    and self.source.interactive
                    and item.question_id not in again
                ):
                    again.add(item.question_id)
                    later = min(REQUEUE_AFTER, len(todo))
                    todo.insert(later, item)
                    self.view.requeued(later)
                    plan.append(item)
                    ps.extend_plan(self.store, session.id, [p.as_dict() for p in plan])
        except KeyboardInterrupt:
            status, stopped = "interrupted", True
            self.view.stopped()
            if todo and self._rated_current(session, todo[0]):
                todo.pop(0)
        ps.end_session(self.store, session.id, status)
        due, next_due = ps.upcoming_due(self.store)
        summary = Summary(
            session,
            status,
            self.results,
            due,
            next_due,
            left=len(todo),
            steps=self._step_times(),
            round_minutes=self.format.minutes if self.format else None,
            interview=self._countdown(),
            stopped=stopped,
        )
        self.view.summary(summary)
        return summary

    def _put_first(
        self,
        session: SessionRecord,
        question_id: str,
        plan: list[PlannedQuestion],
        todo: list[PlannedQuestion],
        *,
        fresh: bool,
    ) -> None:
        """Ask `question_id` next: moved to the front of what is left, or added there (in
        place of the plan's last question when nothing was answered yet, so the session keeps
        its length; a round of a format keeps all its steps)."""
        item = next((p for p in todo if p.question_id == question_id), None)
        done = len(plan) - len(todo)
        if item is not None:
            todo.remove(item)
            plan.remove(item)
        else:
            reason = "practised" if question_id in ps.practised_ids(self.store) else "new"
            item = PlannedQuestion(question_id, reason)  # type: ignore[arg-type]
            if fresh and todo and session.mode != "mock":
                plan.remove(todo.pop())
        todo.insert(0, item)
        plan.insert(done, item)
        ps.extend_plan(self.store, session.id, [p.as_dict() for p in plan])

    def _rated_current(self, session: SessionRecord, item: PlannedQuestion) -> bool:
        """Whether the question being asked at a Ctrl-C was answered (and so is done)."""
        answers = ps.session_answers(self.store, session.id)
        return bool(answers) and answers[-1].question_id == item.question_id and self._rated

    # ------------------------------------------------------------------ the round
    def _setup_round(
        self, session: SessionRecord, plan: list[PlannedQuestion], saved: list[Any]
    ) -> None:
        format_id = session.options.get("format")
        if session.mode == "mock" and format_id:
            try:
                self.format = self.library.formats[str(format_id)]
            except KeyError:
                self.format = None
        given = session.options.get("probes")
        self.probes = int(given) if given is not None else None
        # Resumed: the round clock goes on from the answers already given.
        steps = {p.question_id: p.step for p in plan}
        for answer in saved:
            step = steps.get(answer.question_id)
            if step:
                self.step_seconds[step] = self.step_seconds.get(step, 0.0) + _spent(
                    answer.seconds, answer.feedback, answer.probes
                )

    def _brief(self, interview_format: InterviewFormat) -> None:
        if interview_format.kind == "interview" and not interview_format.brief:
            return
        self.view.brief(interview_format)
        prepare = getattr(self.source, "prepare", None)
        if interview_format.prep_minutes and prepare is not None:
            prepare(interview_format.prep_minutes)

    def _format_step(self, item: PlannedQuestion) -> FormatStep | None:
        if self.format is None or item.step is None:
            return None
        return next((s for s in self.format.steps if s.title == item.step), None)

    def _round(self, item: PlannedQuestion) -> None:
        step = self._format_step(item)
        if step is not None and step.title != self._step_shown:
            self._step_shown = step.title
            self.view.step(step.title, step.note)
        if self.format is not None:
            self.view.clock(sum(self.step_seconds.values()), self.format.minutes)

    def _step_times(self) -> tuple[StepTime, ...]:
        if self.format is None:
            return ()
        return tuple(
            StepTime(step.title, self.step_seconds[step.title], step.minutes)
            for step in self.format.steps
            if step.title in self.step_seconds
        )

    def _countdown(self) -> InterviewCountdown | None:
        if self.interview_at is None or self.interview_label is None:
            return None
        days = (self.interview_at.date() - clock.now().date()).days  # calendar days
        return InterviewCountdown(
            self.interview_label, max(0, days), ps.due_before(self.store, self.interview_at)
        )

    def _probe_count(self, item: PlannedQuestion) -> int:
        step = self._format_step(item)
        if self.probes is not None:
            return self.probes
        if step is not None and step.probes is not None:
            return step.probes
        return MOCK_PROBES if self.format is not None else 0

    # ------------------------------------------------------------------ one question
    def _ask(
        self, session: SessionRecord, question: Question, item: PlannedQuestion | None = None
    ) -> str | SelfRating:
        """One question, start to finish: 'quit' when the user ends the session, 'skip', or
        the rating that counts."""
        self._rated = False
        self.view.question(question)
        default = "star" if question.answer_format == "star" else "free"
        style = self.source.choose(question, default)
        if style in ("quit", "skip"):
            return style
        template = (
            self.library.star_template_for(question)
            if style == "star" or (style == "aloud" and question.answer_format == "star")
            else None
        )
        try:
            given = self.source.answer(question, style, template)
        except SkipQuestion:
            return "skip"
        except PartialAnswer as stop:
            self._keep_partial(session, question, stop.given, template)
            raise KeyboardInterrupt from None
        feedback = self._feedback(question, given, template)
        answer_id = self._save(session, question, given, feedback)
        if self.source.interactive:
            drafts.discard_draft(self.home, "answer", question.id)
        if self.first is not None and self.first.question.id == question.id:
            drafts.discard_typed_many(self.home, self.first.keys)  # the answer is saved now
            self.first = None
        step = item.step if item is not None else None
        probes: list[dict[str, Any]] = []
        judged: list[Feedback | None] = []
        try:
            if step:
                self._spend(step, given.seconds, feedback)
            count = self._probe_count(item) if item is not None else 0
            missing = feedback.look_fors_missing if feedback else ()
            asked = pick_probes(question, missing, count)
            for number, probe in enumerate(asked, start=1):
                self.view.probe(probe, number, len(asked))
                kept = self._probe(question, probe)
                if kept is not None:
                    judged.append(kept.pop("feedback_obj"))
                    probes.append(kept)
                    ps.save_probes(self.store, answer_id, probes)
                    if step:
                        self.step_seconds[step] += float(kept["seconds"] or 0)
            if feedback is not None:
                self.view.feedback(feedback)
            if given.voice is not None:  # --- voice: keep the recording, show the delivery
                self._spoken(answer_id, session, question, given.voice)
            if given.part_seconds and template is not None:
                self.view.laps(laps(given.part_seconds, template))
            for kept, probe_feedback in zip(probes, judged, strict=True):
                self.view.probe_feedback(kept["probe"], probe_feedback)
            rating = self._rate(answer_id, question, feedback, probes)
            if given.voice is not None:  # the delivery in --json, apart from the feedback
                self.results[-1].update({**given.voice.stored(), "recording": answer_id})
            return rating
        except KeyboardInterrupt:
            if not self._rated:  # keep the answer scheduled from its score
                rating = scheduling.rating_for_score(feedback.score if feedback else None)
                self._schedule(answer_id, question, feedback, rating, rating, probes)
                self.view.kept(
                    f"Stopped before the rating: your answer is kept"
                    f"{' with its follow-ups' if probes else ''} and scheduled from its "
                    f"score ({rating.label})."
                )
            raise

    def _save(
        self,
        session: SessionRecord,
        question: Question,
        given: GivenAnswer,
        feedback: Feedback | None,
    ) -> str:
        """Commit one answer with its feedback (and its delivery, when it was spoken)."""
        return ps.save_answer(
            self.store,
            session_id=session.id,
            question_id=question.id,
            question_text=question.text,
            style=given.style,
            parts=given.parts,
            seconds=given.seconds,
            part_seconds=given.part_seconds,
            score=feedback.score if feedback else None,
            feedback={**feedback_dict(feedback), **(given.voice.stored() if given.voice else {})},
            story_id=given.story_id,
        )

    def _keep_partial(
        self,
        session: SessionRecord,
        question: Question,
        given: GivenAnswer | None,
        template: StarTemplate | None,
    ) -> None:
        """Save what an interrupted answer had so far, scheduled from its score."""
        if given is None or not any(v.strip() for v in given.parts.values()):
            self.view.kept("Nothing had been written for this question; it stays in the plan.")
            return
        feedback = self._feedback(question, given, template)
        answer_id = self._save(session, question, given, feedback)
        rating = scheduling.rating_for_score(feedback.score if feedback else None)
        self._schedule(answer_id, question, feedback, rating, rating, [])
        words = sum(len(v.split()) for v in given.parts.values())
        self.view.kept(
            f"Kept what you had written ({words} words) and scheduled it from its score "
            f"({rating.label})."
        )

    def _probe(self, question: Question, probe: str) -> dict[str, Any] | None:
        ask = getattr(self.source, "probe", None)
        if ask is None:
            return None
        given: GivenAnswer | None = ask(question, probe)
        if given is None or not any(v.strip() for v in given.parts.values()):
            return None
        feedback = self._feedback(probe_question(question, probe), given, None)
        return {
            "probe": probe,
            "text": "\n".join(v for v in given.parts.values() if v),
            "seconds": round(feedback.seconds if feedback else given.seconds or 0.0, 1),
            "score": feedback.score if feedback else None,
            "feedback": feedback_dict(feedback),
            "feedback_obj": feedback,
        }

    def _spend(self, step: str, seconds: float | None, feedback: Feedback | None) -> None:
        """The round clock counts speaking time: measured aloud or given in an answers file,
        else estimated from the words (typing takes longer than saying it)."""
        stated = seconds if seconds is not None and not self.source.interactive else None
        spent = stated or (feedback.seconds if feedback is not None else (seconds or 0.0))
        self.step_seconds[step] = self.step_seconds.get(step, 0.0) + spent

    def _spoken(
        self, answer_id: str, session: SessionRecord, question: Question, voice: SpokenAnswer
    ) -> None:
        from prepcoach.voice import recordings

        recordings.save(
            self.home,
            answer_id,
            voice.spoken.audio,
            question_id=question.id,
            question_text=question.text,
            session_id=session.id,
        )
        self.view.delivery(voice.delivery)

    def _feedback(self, question: Question, given: GivenAnswer, template: Any) -> Feedback | None:
        from prepcoach.practice.feedback import Answer, analyse

        # Typing time says nothing about speaking time: written answers are judged by their
        # words (at a speaking pace); only an answer given aloud is judged by the clock.
        spoken = given.style == "aloud"
        answer = Answer(
            parts=given.parts,
            seconds=given.seconds if spoken else None,
            part_seconds=given.part_seconds if spoken else {},
            spoken=spoken and given.voice is None,  # a transcript is judged like typed text
        )
        if template is None and question.answer_format == "star":
            template = self.library.star_template_for(question)
        if self._warming is not None:  # built while the first question was answered
            self._warming.join()
            self._warming = None
        if self._bank is None:  # built once, on the first answer
            self._bank = self._build_bank()
        return analyse(question, answer, template, self.feedback_context, self._bank)

    def _build_bank(self) -> QuestionBank:
        from prepcoach.practice.feedback import QuestionBank

        return QuestionBank.build(self.library.questions.values(), self.library.competencies)

    def _warm_up(self) -> None:
        """Build the question bank, and load the lemmatiser's dictionary, while the person
        reads and answers the first question: together about a second that the first
        feedback would otherwise wait for. A build that fails here is done again, and says
        why, when the first feedback needs it."""

        def build() -> None:
            from prepcoach.kernel.text import lemma

            try:
                lemma("answered")
                self._bank = self._build_bank()
            except Exception:  # noqa: BLE001 - built again, in the open, on the first answer
                self._bank = None

        self._warming = threading.Thread(target=build, name="prep-warm-up", daemon=True)
        self._warming.start()

    def _rate(
        self,
        answer_id: str,
        question: Question,
        feedback: Feedback | None,
        probes: list[dict[str, Any]] | None = None,
    ) -> SelfRating:
        given = self.source.rate(question, feedback)
        score = feedback.score if feedback else None
        rating = scheduling.nudged_rating(given, score)
        return self._schedule(answer_id, question, feedback, given, rating, probes or [])

    def _schedule(
        self,
        answer_id: str,
        question: Question,
        feedback: Feedback | None,
        given: SelfRating,
        rating: SelfRating,
        probes: list[dict[str, Any]],
    ) -> SelfRating:
        score = feedback.score if feedback else None
        review = scheduling.review(ps.card_json(self.store, question.id), rating)
        if self.interview_at is not None:
            weak = rating <= SelfRating.HARD or (score is not None and score < 60)
            review = scheduling.before_interview(review, self.interview_at, weak=weak)
        ps.rate_answer(self.store, answer_id, question.id, review)
        self._rated = True
        self.view.rated(Rated(given, rating, score, review.due))
        self.results.append(
            {
                "question_id": question.id,
                "question": question.text,
                "score": score,
                "rating": rating.label.lower(),
                "due": review.due.isoformat(timespec="seconds"),
                "feedback": feedback_dict(feedback),
                "probes": probes,
            }
        )
        return rating

    def _candidate_questions(self, session: SessionRecord) -> None:
        from prepcoach.kit import shortlist_store
        from prepcoach.kit.core import shortlist_first

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


def _spent(seconds: float | None, feedback: dict[str, Any], probes: list[dict[str, Any]]) -> float:
    """Round time taken by a saved answer and its follow-ups."""
    spent = float(feedback.get("seconds") or seconds or 0.0)
    return spent + sum(float(p.get("seconds") or 0.0) for p in probes)


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
    from prepcoach.stories import store as story_store
    from prepcoach.stories.core import match_stories

    stories = story_store.list_stories(store)
    if not stories:
        return []
    names = {c.id: c.name for c in library.competencies.values()}
    ranked = match_stories(stories, question.text, question.competencies, competency_names=names)[
        :3
    ]
    return [(m.story.id, m.story.title, dict(m.story.parts)) for m in ranked]


def check_length(parts: Mapping[str, str], where: str) -> None:
    """Refuse an answer far longer than any interview answer, in one line (`where` names it:
    "your answer", "answers.yaml answer 2")."""
    from prepcoach.practice.feedback import MAX_WORDS

    words = sum(len(text.split()) for text in parts.values())
    if words > MAX_WORDS:
        raise PrepError(
            f"{where}: the answer has {words:,} words; answers are limited to {MAX_WORDS:,}"
        )
    size = sum(len(text) for text in parts.values())
    if size > MAX_ANSWER:
        raise PrepError(
            f"{where}: the answer has {size:,} characters; answers are limited to {MAX_ANSWER:,}"
        )
