"""The feedback engine's data: what an answer, a finding and the feedback are, the tips of
every finding, the score's parts and limits, and the text helpers every rule shares.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from prepcoach.kernel import text as kt

Severity = Literal["good", "tip", "warn"]
# How a rule treats a spoken answer, of which only the typed notes are known: run as usual,
# soften its penalties to 0-point tips (absence from notes proves little), soften them only when
# there are no lap times, or skip it (it judges wording, which notes don't show).
NotesPolicy = Literal["run", "soften", "timed", "skip"]

WORDS_PER_MINUTE: Final = 140
# Longer answers are not judged: no spoken answer is this long, and feedback must stay instant.
MAX_WORDS: Final = 20_000
# The parts of the score and their maxima (they add up to 100).
PART_MAXIMA: Final[Mapping[str, int]] = {
    "structure": 30,
    "evidence": 35,
    "relevance": 20,
    "delivery": 15,
}
# Caps on the whole score: an answer too short to judge, or one off the question asked.
SHORT_CAP: Final = 40
# An answer with nothing to go on (no look-for met, nothing concrete) is content-free.
CONTENT_FREE_CAP: Final = 40
NOTES_CAP: Final = 75  # an answer given aloud, judged from its notes
# A written answer shorter than this share of the target's words is short; the shorter, the
# more it costs, up to SHORT_POINTS.
WRITTEN_DEPTH: Final = 0.3
WRITTEN_LONG: Final = 1.2  # and longer than this share of it is long
SHORT_POINTS: Final = 40
OFF_TOPIC_CAP: Final = 25
STAR_PARTS: Final[tuple[str, ...]] = ("situation", "task", "action", "result", "reflection")
# Used when a star question comes without a template: action carries the answer.
_DEFAULT_SHARES: Final[Mapping[str, float]] = {
    "situation": 0.15,
    "task": 0.1,
    "action": 0.45,
    "result": 0.2,
}


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer: STAR parts keyed by part name, or free text under "text"."""

    parts: Mapping[str, str]
    seconds: float | None = None  # measured speaking time; None: estimated from the words
    part_seconds: Mapping[str, float] = field(default_factory=dict)  # lap time per STAR part
    spoken: bool = False  # answered aloud; the parts are only the notes typed alongside

    @classmethod
    def from_text(cls, text: str, seconds: float | None = None, spoken: bool = False) -> Answer:
        """A free-text answer."""
        return cls({"text": text}, seconds=seconds, spoken=spoken)


@dataclass(frozen=True, slots=True)
class FeedbackContext:
    """What the answer can be checked against; everything is optional."""

    company: str | None = None
    role: str | None = None
    research_terms: tuple[str, ...] = ()
    salary_range: tuple[float, float] | None = None  # researched min/max, full amounts
    salary_figure: str = "range"  # "single" where one figure is the custom (kit.salary)
    first_interview_notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing noticed about the answer, with what to do about it."""

    rule: str  # stable id, a key of TIPS, e.g. "star.missing-result"
    severity: Severity
    message: str  # what was found
    tip: str  # what to do next time
    points: int  # effect on the score: 0 or negative
    items: tuple[str, ...] = ()  # the parts, words or look-fors concerned, for highlighting


@dataclass(frozen=True, slots=True)
class Feedback:
    """The result of `analyse`; findings are in rule order, then in the order found."""

    score: int | None  # None: not scored (an answer given aloud without notes, or too long)
    findings: tuple[Finding, ...]
    word_count: int
    estimated_seconds: float  # from the words at WORDS_PER_MINUTE
    seconds: float  # measured if given, otherwise the estimate
    parts_detected: Mapping[str, int]  # STAR part -> words given or attributed to it
    fillers: Mapping[str, int] = field(default_factory=dict)  # filler/hedge -> count
    look_fors_covered: tuple[str, ...] = ()
    look_fors_missing: tuple[str, ...] = ()
    # The score's parts (structure, evidence, relevance, delivery), each out of PART_MAXIMA.
    parts: Mapping[str, int] = field(default_factory=dict)
    scored: bool = True
    evidence: Mapping[str, str] = field(default_factory=dict)  # covered look-for -> quote
    on_topic: bool = True
    look_fors_unsure: tuple[str, ...] = ()  # not found, but that proves little


# Every finding id with its tip: the one place to reword advice.
TIPS: Final[Mapping[str, str]] = {
    "answer.empty": "Answer out loud or type it, then ask for feedback.",
    "answer.timing-only": "Type a few bullet notes of what you said next time to get it judged.",
    "answer.over-limit": "Trim it to what you would say in the interview, then ask again.",
    "answer.other-language": "Answer in English to have it judged; its timing is still shown.",
    "answer.disguised-strength": "Name a real weakness or failure, what it cost, and what you "
    "now do about it; interviewers hear the disguised ones every day.",
    "detail.generic": "Back it with one real moment: when, what you did, and what came of it, "
    "with a number if you have one.",
    "relevance.on-topic": "Staying on the question keeps the interviewer with you.",
    "relevance.off-topic": "Answer the question asked: pick a story where that is the heart "
    "of it, and say so in the first sentence.",
    "star.complete": "Keep this structure; it makes the answer easy to follow.",
    "star.missing-situation": "Open with a sentence or two of context: where you were, what was "
    "at stake.",
    "star.missing-task": 'Say what you were responsible for: "My job was to...".',
    "star.missing-action": 'Spend most of the answer on what you did, step by step: "I '
    'decided...", "I set up...", "I spoke to...".',
    "star.missing-result": 'End with the outcome, ideally with a number: "cut onboarding from 3 '
    'weeks to 1".',
    "star.missing-reflection": "Close with what you learned or would do differently.",
    "star.thin-situation": "Give just enough context to follow: the team, the goal, why it "
    "mattered.",
    "star.thin-task": "Make your own responsibility explicit, separate from the team's.",
    "star.thin-action": "Action should be the largest part: add the steps you took and why.",
    "star.thin-result": "Say more about the outcome and what it meant for the team, the "
    "customer or the business.",
    "star.action-not-largest": "Trim the set-up; spend the time on what you did and how you "
    "decided.",
    "length.on-target": "A good length: it leaves room for follow-up questions.",
    "length.too-short": "Add the detail that convinces: a concrete step you took and a "
    "measurable result.",
    "length.too-long": "Cut the set-up to two sentences and stop after the result; offer more "
    "if they ask.",
    "length.repetitive": "Say each point once, then move on to the next step or the result.",
    "length.long-situation": "Say the context in two sentences and move on to what you did.",
    "length.long-task": "State your responsibility in one sentence and move on.",
    "length.long-result": "Keep the result to the outcome and its number; save detail for "
    "follow-ups.",
    "length.long-reflection": "One or two sentences of reflection are enough.",
    "result.quantified": "Numbers make impact credible; keep them.",
    "result.not-quantified": "Add a figure: how much faster or cheaper, how many people, or a "
    'before and after ("from 4 days to 1", "30% fewer tickets").',
    "ownership.clear": "Your own contribution comes through.",
    "ownership.we-heavy": 'Say what you did yourself: "I proposed", "I wrote", "I convinced"; '
    'keep "we" for the team\'s result.',
    "filler.clean": "Crisp delivery.",
    "filler.words": "Replace fillers with a short pause; it sounds more confident.",
    "filler.hedging": 'State what you did and believe plainly: drop "I think", "maybe", "kind of".',
    "lookfor.covered": "These are what the interviewer listens for.",
    "lookfor.missing": "If you left them out, work them in, in your own words: they are what "
    "the question tests.",
    "lookfor.unsure": "Make these unmistakable: say them plainly, in a sentence of their own.",
    "salary.range": "A range anchors the talk and leaves room to meet.",
    "salary.single-figure": "One clear figure is what is expected where you apply.",
    "salary.single-number": 'Give a range whose bottom you would accept: "between 85 and 95k".',
    "salary.deflection": 'Give a researched range, flexible for the right package: "Based on '
    'market data, between 80 and 95k."',
    "salary.no-number": 'Name a range, "between 80 and 95k", and what it is based on.',
    "salary.basis": "Grounding the figure makes it easy to accept.",
    "salary.no-basis": "Add a basis: market research for the role, your experience, the location.",
    "salary.within-research": "Well researched.",
    "salary.below-research": "Aim within your researched range; asking low is hard to undo.",
    "salary.above-research": "Be ready to justify it, or bring the bottom into the range.",
    "role.connected": "Specifics about them show real interest.",
    "role.generic": "Name the company, the role or something from your research.",
    "role.not-connected": 'Link it forward: "...which is what I\'d bring to this team."',
    "reference.concrete": "It shows you listened.",
    "reference.missing": 'Pick up a thread: "When we discussed the migration, you asked..."',
    "example.given": "Examples make claims believable.",
    "example.missing": 'Add one: "For example, in my last role I..."',
}
RULE_IDS: Final = frozenset(TIPS)
# Tips that depend on what the question asks for (its answer format): a story, a view, a
# figure. Where a format is not listed, the tip of TIPS holds.
FORMAT_TIPS: Final[Mapping[tuple[str, str], str]] = {
    ("length.too-short", "free"): "Add what makes it convincing: a reason that is yours and "
    "one real example.",
    ("length.too-short", "salary-range"): "Give the range, what it is based on and your "
    "openness to the whole package: two or three sentences are enough.",
    ("length.too-long", "salary-range"): "State the range and its basis, then stop and let "
    "them answer.",
    ("detail.generic", "free"): "Back it with something specific: a fact about them, a "
    "moment from your own work, a name or a number.",
}


def tip_for(rule: str, answer_format: str) -> str:
    """The tip of a finding for a question of this answer format."""
    return FORMAT_TIPS.get((rule, answer_format), TIPS[rule])


# What a rule gives as the points of a finding that costs: how much it costs is its feature's
# weight times its share, set by the score (`score.py`) once every finding is in.
COSTS: Final = -1


def _find(
    rule: str, severity: Severity, points: int, message: str, items: Iterable[str] = ()
) -> Finding:
    return Finding(rule, severity, message, TIPS[rule], points, tuple(items))


# --- text helpers --------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")


def _norm(text: str) -> str:
    return kt.normalise(text)


def _words(text: str) -> list[str]:
    return kt.words(text)


def _sentences(text: str) -> list[str]:
    return kt.sentences(text)


def _dur(seconds: float) -> str:
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    return f"{total // 60} min {total % 60:02d} s" if total % 60 else f"{total // 60} min"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _quote(items: Iterable[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _alt(*phrases: str) -> re.Pattern[str]:
    """One pattern matching any of the phrases (regex fragments) as whole words."""
    return re.compile(r"\b(?:" + "|".join(phrases) + r")(?!\w)")


def _unique(matches: Iterable[str], limit: int = 3) -> list[str]:
    found: list[str] = []
    for match in matches:
        if match.strip() and match.strip() not in found:
            found.append(match.strip())
    return found[:limit]


# Words of a look-for's label that say how, not what ("shows", "clear", "specific").
_GENERIC: Final = frozenset(
    """show explain describe mention give use demonstrate candidate answer clear clearly
    specific specifically concrete brief briefly example evidence ability able good well
    strong real actual genuine relevant appropriate approach way thing something someone
    instead without take make keep get put one two own""".split()
)
_NUMERIC_WORDS: Final = ("number", "metric", "quantify", "figure", "measure", "measurable")
# From this many words, an answer is checked for saying the same things again.
REPEAT_WORDS: Final = 200
# From this many words, a look-for not found by its cues is said to be unsure, not missing.
UNSURE_WORDS: Final = 70
# What a look-for said to be unsure costs, as a share of one said to be missing.
UNSURE_SHARE: Final = 0.5


@functools.lru_cache(maxsize=4096)
def _key_lemmas(text: str) -> tuple[str, ...]:
    """The lemmas of a phrase's content words, in order, without repeats."""
    found = tuple(x for x in kt.phrase_lemmas(text, _GENERIC) if x != kt.NEGATION)
    # In a label, a negation mostly sets off what is not asked for ("obstacles, not just
    # the highlights"): those words prove nothing either way, unless they are all it says
    # ("no blame").
    plain = tuple(x for x in found if not x.startswith(kt.NEGATED))
    return plain or found


def _covers(index: kt.SentenceIndex, phrase: str, share: float = 0.5) -> bool:
    """True when enough (this share, at least one) of the phrase's key words occur."""
    lemmas = _key_lemmas(phrase)
    hits = sum(1 for lemma in lemmas if index.has(lemma))
    return bool(lemmas) and hits >= max(1, math.ceil(len(lemmas) * share))


def _covering_quote(index: kt.SentenceIndex, phrase: str) -> str:
    """The answer's own words that hold most of the phrase's key words: what to quote for
    "you said it", rather than the phrase ('' when none of them occurs)."""
    lemmas = _key_lemmas(phrase)
    places = {x: index.sentences_with(x) for x in lemmas}
    counts: dict[int, int] = {}
    for found in places.values():
        for i in found:
            counts[i] = counts.get(i, 0) + 1
    if not counts:
        return ""
    best = min(counts, key=lambda i: (-counts[i], i))
    return index.quote(best, [x for x in lemmas if best in places[x]])


# Words of a question that say how to answer, not what about.
_QUESTION_WORDS: Final = frozenset(
    """tell time describe give example walk share happen happened situation would could like
    think want wanted work worked thing something someone somebody one two last recent
    recently ever approach handle handled deal dealt go went make made get got say said
    kind sort moment experience particular specific really well way""".split()
)


# Words found in answers to almost any question: sharing one with the question shows little.
_EVERYDAY: Final = frozenset(
    """work team time new good first last month year week day ask go one own move next help
    make get take need want know see come back start end keep find give put look feel say
    call use try lot people person job company role manager colleague customer project
    today later able sure right also even still report decision deliver notice""".split()
)
