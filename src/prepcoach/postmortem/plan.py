"""The plan a finished post-mortem becomes: preparation for the next round.

`action_plan`:
1. questions rated 1-2 become due for practice now;
2. each concern names the competencies to prepare and the stories that cover them (or none);
3. the clarify items become a draft answer for when the second round opens by asking whether
   you want to go back over the first interview (`revisit_answer`);
4. the topics feed the thank-you email, due 24 hours after the interview.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from prepcoach.followup.core import followup_deadline as deadline_after
from prepcoach.interviews.core import Interview
from prepcoach.postmortem.core import AskedQuestion, Concern, Postmortem
from prepcoach.stories.core import StarStory, match_stories

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary


# ---------------------------------------------------------------------------- the plan


@dataclass(frozen=True, slots=True)
class CompetencyPrep:
    """A competency a concern points to, and the stories that can answer for it."""

    competency: str
    name: str
    stories: tuple[StarStory, ...]  # best fit for the concern first

    @property
    def covered(self) -> bool:
        return bool(self.stories)


@dataclass(frozen=True, slots=True)
class ConcernPrep:
    concern: Concern
    competencies: tuple[CompetencyPrep, ...]


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """What to do before the next round, computed from a post-mortem."""

    weak_questions: tuple[AskedQuestion, ...]  # rated 1-2, the weakest first
    concerns: tuple[ConcernPrep, ...]
    revisit_answer: str  # a draft for going back over the first interview
    followup_topics: tuple[str, ...]
    followup_deadline: datetime | None  # see followup.core.followup_deadline
    strengths: tuple[str, ...]
    gaps: tuple[str, ...]
    clarify: tuple[str, ...]
    next_dates: tuple[str, ...]

    @property
    def weak_question_ids(self) -> tuple[str, ...]:
        """Bank questions to practise now (`prep practice --mode weak`)."""
        return tuple(dict.fromkeys(q.question_id for q in self.weak_questions if q.question_id))

    @property
    def unlinked_weak_questions(self) -> tuple[AskedQuestion, ...]:
        """Weak questions of your own wording: no bank question to schedule."""
        return tuple(q for q in self.weak_questions if not q.question_id)

    @property
    def uncovered_competencies(self) -> tuple[str, ...]:
        """Competencies a concern points to that no story covers yet."""
        return tuple(
            dict.fromkeys(
                c.competency for prep in self.concerns for c in prep.competencies if not c.covered
            )
        )


def action_plan(
    postmortem: Postmortem,
    library: ContentLibrary,
    stories: Sequence[StarStory],
    interview: Interview,
) -> ActionPlan:
    """The plan for the next round (see the module's docstring)."""
    weak = weak_questions(postmortem)
    return ActionPlan(
        weak_questions=weak,
        concerns=tuple(
            _prepare_concern(concern, library, stories) for concern in postmortem.concerns
        ),
        revisit_answer=prepared_revisit(postmortem),
        followup_topics=postmortem.topics,
        followup_deadline=followup_deadline(interview),
        strengths=postmortem.went_well,
        gaps=postmortem.went_badly,
        clarify=postmortem.clarify,
        next_dates=postmortem.next_dates,
    )


def weak_questions(postmortem: Postmortem) -> tuple[AskedQuestion, ...]:
    """The questions answered weakly (rated 1-2), the weakest first; equal ratings keep the
    order they were asked in."""
    return tuple(sorted((q for q in postmortem.questions if q.weak), key=lambda q: q.rating))


def prepared_revisit(postmortem: Postmortem) -> str:
    """The answer drafted for "anything to go back over?" (see `revisit_answer`)."""
    return revisit_answer(postmortem.clarify, weak_questions(postmortem), postmortem.excited_about)


def _prepare_concern(
    concern: Concern, library: ContentLibrary, stories: Sequence[StarStory]
) -> ConcernPrep:
    names = {c.id: c.name for c in library.competencies.values()}
    prepared = []
    for tag in concern.competencies:
        covering = [s for s in stories if tag in s.competencies]
        ranked = match_stories(covering, concern.text, (tag,), competency_names=names)
        prepared.append(
            CompetencyPrep(
                competency=tag,
                name=names.get(tag, tag),
                stories=tuple(m.story for m in ranked),
            )
        )
    return ConcernPrep(concern=concern, competencies=tuple(prepared))


def followup_deadline(interview: Interview) -> datetime | None:
    """When the thank-you is due (the follow-up's one rule, `followup.core.followup_deadline`)."""
    return deadline_after(interview.when)


_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth")
_COUNTS = {1: "one thing", 2: "two things", 3: "three things"}


def revisit_answer(
    clarify: Sequence[str], weak: Sequence[AskedQuestion] = (), excited_about: str = ""
) -> str:
    """A draft answer for when they ask whether you want to go back over the first interview.

    Built from the clarify items, plus the weakest question you know a better answer to.
    With nothing to clarify, a graceful "no" that turns to what excited you. It is a
    starting point to put into your own words, not a script.
    """
    points = [p for p in (spoken_point(item) for item in clarify) if p]
    better = next((q for q in weak if q.would_say.strip()), None)
    count = len(points) + (1 if better else 0)
    if count == 0:
        if excited_about.strip():
            return (
                "No, I think we covered the main points, thank you. One thing I have kept "
                f"thinking about since is {_clause(excited_about)}, and I'd like to hear more "
                "about it."
            )
        return ""
    things = _COUNTS.get(count, "a few things")
    parts = [
        "Yes, thank you. I've thought more about our first conversation, and there "
        f"{'is' if count == 1 else 'are'} {things} I'd like to come back to."
    ]
    for index, point in enumerate(points):
        lead = f"{_ORDINALS[index]}, " if count > 1 and index < len(_ORDINALS) else ""
        parts.append(lead + (_lower_first(point) if lead else point))
    if better is not None:
        parts.append(
            ("And when" if points else "When")
            + f" you asked {quoted_question(better.text)}, I don't think I gave you my best "
            "answer. " + _sentence(spoken_point(better.would_say) or better.would_say)
        )
    return " ".join(parts)


def quoted_question(text: str) -> str:
    """A question quoted mid-sentence, with its own punctuation and no more: '"Why us?"',
    '"Tell me about a time you failed"' (a statement gets no question mark)."""
    body = " ".join(text.split()).strip(" \"'“”‘’")
    body = re.sub(r"([?!.])[?!.]+$", r"\1", body)  # 'Why us??' / 'Why us?.'
    if body.endswith("."):
        body = body[:-1]
    return f"\u201c{body}\u201d"


# Notes to self: a task to do before the next round, not something to say in it.
_TASKS = re.compile(
    r"^(?:check|double[- ]check|look up|look into|find out|find|research|prepare|practi[sc]e|"
    r"remember(?: to)?|confirm|verify|get|bring|read up on|review|work on|rehearse|note|"
    r"ask (?:the )?recruiter|todo|to do)\b",
    re.IGNORECASE,
)
# Notes that say what to tell them: kept as a spoken line, in the first person.
_SAYINGS = (
    (re.compile(r"^(?:say|tell (?:them|her|him))(?: that)?\s+", re.I), ""),
    (re.compile(r"^(?:mention|add)(?: that)?\s+", re.I), "I'd like to add that "),
    (re.compile(r"^clarify(?: that)?\s+", re.I), "I'd like to clarify "),
    (re.compile(r"^correct(?: that)?\s+", re.I), "I'd like to correct "),
    (re.compile(r"^explain(?: that)?\s+", re.I), "I'd like to explain "),
)


def spoken_point(note: str) -> str:
    """A clarify note as a line to say ('mention I led the dbt move' -> "I'd like to add that
    I led the dbt move."); '' for a note to self ('check the Q3 figure'), which is a task."""
    text = " ".join(note.split()).strip()
    if not text or _TASKS.match(text):
        return ""
    for pattern, lead in _SAYINGS:
        if pattern.match(text):
            rest = pattern.sub("", text, count=1)
            return _sentence(lead + _lower_first(rest) if lead else rest)
    return _sentence(text)


def _lower_first(text: str) -> str:
    """'The team...' -> 'the team...', but 'I said', 'SQL' and 'ACME' stay as they are."""
    first = text.split(" ", 1)[0].rstrip(",.;:")
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _clause(text: str) -> str:
    return _lower_first(" ".join(text.split()).rstrip(".!"))
