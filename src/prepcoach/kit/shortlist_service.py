"""The use cases of `prep ask`, without a terminal: the interview and its shortlist, the
rules of picking 3-5 questions while browsing, and saving a shortlist after checking which
picks the first round's post-mortem already answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kernel.wording import counted
from prepcoach.kit import shortlist as core
from prepcoach.kit import shortlist_store as shortlists
from prepcoach.kit.audiences import InterviewerQuestions, suggest_for_interview
from prepcoach.kit.core import load_postmortem, postmortem_notes, previous_round
from prepcoach.kit.shortlist import SHORTLIST_MAX, SHORTLIST_MIN, Answered, Pick, ShortlistEntry

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import AskQuestion
    from prepcoach.store.db import Store


@dataclass(frozen=True, slots=True)
class Shortlist:
    """The interview asked about (None: browsing without one) and its saved shortlist."""

    interview: Interview | None
    entries: list[ShortlistEntry]


def shortlist(store: Store, query: str | None, *, browsing: bool = False) -> Shortlist:
    """The interview and its shortlist; `browsing` needs no interview when none is named."""
    try:
        interview = store_iv.find_interview(store, query)
    except NotFoundError:
        if query is not None or not browsing:
            raise
        return Shortlist(None, [])
    return Shortlist(interview, shortlists.get_shortlist(store, interview.id))


def picks(
    ids: Sequence[str], notes: Mapping[str, str], current: Sequence[ShortlistEntry] = ()
) -> list[Pick]:
    """The picks in order, each with its note from `notes`, else the one it had."""
    kept = {e.ask_question_id: e.note for e in current}
    return [Pick(qid, notes.get(qid, kept.get(qid, ""))) for qid in ids]


def renoted(current: Sequence[ShortlistEntry], notes: Mapping[str, str]) -> list[Pick]:
    """The saved shortlist with new notes for some of its questions."""
    return picks([e.ask_question_id for e in current], notes, current)


SUGGESTED = "for-your-interviewers"  # the browse group of the questions suggested per person


def group_label(group: str) -> str:
    """A browse group's name: a category's, or that of the suggestions."""
    return "Suggested for your interviewers" if group == SUGGESTED else core.category_label(group)


def suggestions(
    library: ContentLibrary, interview: Interview | None, current: Sequence[ShortlistEntry]
) -> list[InterviewerQuestions]:
    """Questions to ask each interviewer, from their recorded titles (none without one)."""
    if interview is None:
        return []
    return suggest_for_interview(interview, library, shortlist=[e.ask_question_id for e in current])


class Picker:
    """Picking while browsing a category at a time: which are picked, in order, and
    whether the list can be saved (3-5)."""

    def __init__(
        self, library: ContentLibrary, interview: Interview, current: Sequence[ShortlistEntry]
    ) -> None:
        self.questions = library.ask_questions
        self.groups = core.by_category(self.questions.values(), stage=interview.stage)
        self.picked = [e.ask_question_id for e in current if e.ask_question_id in self.questions]
        # The questions suggested for the interviewers come first, as a group of their own.
        self.suggestions = suggestions(library, interview, current)
        suggested = {q.id: q for s in self.suggestions for q in s.questions}
        if suggested:
            self.groups = {SUGGESTED: list(suggested.values()), **self.groups}

    @property
    def ready(self) -> bool:
        return SHORTLIST_MIN <= len(self.picked) <= SHORTLIST_MAX

    def picked_in(self, category: str) -> list[str]:
        ids = {q.id for q in self.groups.get(category, [])}
        return [qid for qid in self.picked if qid in ids]

    def tick(self, category: str, ticked: Sequence[str]) -> None:
        """The ticked questions of a category replace its earlier picks; new ones go last."""
        in_group = {q.id for q in self.groups.get(category, [])}
        self.picked = [qid for qid in self.picked if qid not in in_group or qid in ticked]
        self.picked += [qid for qid in ticked if qid not in self.picked]

    def text(self, qid: str) -> str:
        return self.questions[qid].text if qid in self.questions else qid


@dataclass(frozen=True, slots=True)
class Saved:
    entries: list[ShortlistEntry]
    answered: list[Answered]  # kept although the post-mortem may already answer them


def save(
    store: Store,
    library: ContentLibrary,
    interview: Interview,
    chosen: Sequence[Pick],
    keep: Callable[[Answered], bool],
) -> Saved:
    """Check the picks; for each the first round's post-mortem may already answer, `keep`
    says whether it stays; save what is left (at least the minimum)."""
    questions: Mapping[str, AskQuestion] = library.ask_questions
    checked = core.check(chosen, questions)
    previous = previous_round(store_iv.list_interviews(store), interview)
    notes = postmortem_notes(load_postmortem(store, previous))
    answered = [
        found
        for p in checked
        if (found := core.already_answered(questions[p.ask_question_id], notes))
    ]
    dropped = {a.ask_question_id for a in answered if not keep(a)}
    if dropped:
        kept = [p for p in checked if p.ask_question_id not in dropped]
        if len(kept) < SHORTLIST_MIN:
            raise PrepError(
                f"only {counted(len(kept), 'question')} left after dropping those already "
                "answered; "
                f"run 'prep ask {interview.id}' again and pick {SHORTLIST_MIN} or more"
            )
        checked = kept
    saved = shortlists.set_shortlist(store, interview.id, checked)
    return Saved(saved, [a for a in answered if a.ask_question_id not in dropped])
