"""Answer feedback: a score out of 100 in four parts, and itemised findings, each with a tip.

Someone practising alone needs to know *why* an answer is weak and what to change, so every
point lost is carried by a `Finding` that says what was found (a missing STAR part, the filler
words with their counts, the look-fors not found) and what to do next time. Each finding
belongs to one part of the score (structure, evidence, relevance, delivery); a part is its
maximum plus its findings' points (all zero or negative), never below zero, and the score is
the sum of the parts, capped when the answer is too short to judge or off the question.

Look-fors and relevance are judged by meaning, sentence by sentence: a look-for is covered
when one sentence holds all the words of its label or of one of its cues (lemmatised, stop
words ignored, not negated: "I never measured it" does not count). STAR parts in free text are
found by each sentence's role. The rules are pure and deterministic, so the same answer always
gets the same feedback, and cheap, so feedback is instant. Each rule is a small function
listed in `_RULES`; every finding id and its tip is in `TIPS`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from prepcoach.content.model import Competency, LookFor, Question, StarTemplate
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
# An answer with next to no evidence (no look-for met, no detail) is content-free.
CONTENT_FREE_EVIDENCE: Final = 5
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
# What not finding the look-fors costs at most: less than a confirmed gap would.
_LOOK_FOR_POINTS: Final = 28
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


# --- STAR attribution ----------------------------------------------------------------------

_PAST_VERB = (  # a past-tense verb, apart from those that set the scene or reflect
    r"(?:\w+ly |also |then |just |first )?"
    r"(?!was\b|had\b|needed\b|wanted\b|joined\b|worked\b|learned\b|reali[sz]ed\b)"
    r"(?:\w+ed|set|met|wrote|built|ran|made|took|spoke|brought|got|began|chose|gave|went|led|"
    r"found|held|put|sent|told|drew|kept|cut|paid|taught|sought|rewrote|sat|did|broke|won|read|"
    r"split|spent|sold|lost|knew)\b"
)
_PAST_I = re.compile(r"\bi " + _PAST_VERB)
_CUES: Final[Mapping[str, re.Pattern[str]]] = {
    "situation": _alt(
        r"at the time|we were|i was working|i (?:was )?work(?:ed|ing) (?:as|at|for|in|on)",
        r"i was (?:a|an|the) \w+|(?:when|while) i was|back in|in (?:19|20)\d\d|i joined",
        r"in my (?:last|previous|current|first|old) (?:role|job|position|company|team)",
        r"a (?:few|couple of) (?:years|months|weeks) ago|\d+ (?:years|months) ago",
        r"(?:last|this) (?:year|summer|spring|autumn|fall|winter|quarter)|context|background",
        r"(?:our|the) (?:team|company|project|client) (?:was|had)|there (?:was|were)|we had",
    ),
    "task": _alt(
        r"my (?:job|role|task|goal|brief|responsibility) was|i was (?:responsible|accountable)",
        r"i was asked to|i was tasked|i needed to|i had to|(?:the|our) goal was|i owned",
        r"i was in charge of|i was (?:the one )?(?:leading|running|handling)",
        r"the (?:challenge|problem|task) was|it was (?:up to me|my job)|i was given",
        r"we needed to|we had to|needed someone to",
    ),
    "action": _alt(
        r"so i|i decided|first,? i|then i|next,? i|after that|i started|i set up|i proposed",
        r"i reached out|i organi[sz]ed|i worked with|i made sure|i suggested|i asked|i began",
        r"^(?:(?:then|so|and|first|next),? )?(?:i|we) " + _PAST_VERB,
    ),
    "result": _alt(
        r"as a result|in the end|which led to|(?:this|that|it) led to|the result|resulting in",
        r"(?:this|that|which) meant|the outcome|ended up|by the end|eventually|finally",
        r"we (?:managed|were able) to|reduced|increased|improved|saved|grew|doubled|halved",
        r"tripled|went live|on time|\d+(?:\.\d+)? ?%|percent|the feedback was",
    ),
    "reflection": _alt(
        r"i learn(?:ed|t)|lessons?|looking back|in hindsight|next time|since then|taught me",
        r"i now|now i|differently|if i did it again|takeaway|i took away|i reali[sz]ed",
    ),
}


_OUTCOME = _alt(
    r"dropped|fell|rose|went (?:from|up|down|live)|came down|cut|reduced|saved|reached|passed",
    r"signed|shipped|launched|delivered|hit (?:our|the)|met (?:our|the)|won|accepted|promoted",
    r"stopped|no longer|never (?:again|came back|recurred)|back (?:up|on track)|worked",
    r"was (?:approved|adopted|renewed|resolved)|agreed|thanked|now (?:uses|runs|has)",
    r"happy|pleased|satisfied|relieved|grateful|praised|worked out|paid off|succeeded",
    r"no (?:more )?(?:problems|issues|complaints|errors)|(?:didn't|never) (?:happen|recur|cause)",
)
_FIGURE = re.compile(r"\d|\b(?:doubled|tripled|halved|twice|half|zero|none)\b")


_I_THEN = re.compile(r"\b(?:i|we) (?:\w+ly |also |then |just |first |quickly )?([a-z]+)\b")
# Past tenses that set the scene or reflect rather than act.
_NOT_ACTS: Final = frozenset(
    """was were had needed wanted joined worked learned learnt realised realized felt thought
    knew loved liked hated used seemed became""".split()
)


def _acts(sentence: str) -> int:
    """How many times the speaker (or their team) does something, in the past tense:
    "I rang", "we rewrote", "I quickly dug in"."""
    count = 0
    for m in _I_THEN.finditer(sentence):
        verb = m.group(1)
        if verb in _NOT_ACTS or verb.endswith("s"):
            continue
        if verb.endswith("ed") or kt.lemma(verb) != verb:
            count += 1
    return count


def _role_scores(sentence: str, position: float) -> dict[str, float]:
    """How strongly a sentence reads as each STAR part: its cue phrases, its place in the
    answer, and for the outcome, an outcome verb or a figure near the end."""
    scores = {
        key: float(
            sum(len(m.group()) + (5 if m.start() == 0 else 0) for m in pattern.finditer(sentence))
        )
        for key, pattern in _CUES.items()
    }
    scores["action"] += 6 * _acts(sentence)
    outcome = len(_OUTCOME.findall(sentence)) + (1 if scores["result"] else 0)
    figure = _FIGURE.search(sentence) is not None
    if position >= 0.6 and outcome:
        # A closing sentence with an outcome and a figure is the result.
        scores["result"] += 4 * outcome + (10 if figure else 0) + (6 if position == 1 else 0)
    elif outcome and figure:
        scores["result"] += 6
    return scores


# A sentence that opens with the next step of the action, not with what came of it.
_NEXT_STEP = re.compile(r"(?:so|then|next|first|and then|after that),? (?:i|we)\b|i decided\b")


def _ends_a_story(sentence: str) -> bool:
    low = _norm(sentence)
    return bool(_OUTCOME.search(low) or _CUES["result"].search(low) or _FIGURE.search(low))


def _attribute(text: str) -> dict[str, list[str]]:
    """Give each sentence to the STAR part its role points to (strongest signal wins).

    A sentence without a signal continues the previous part; the first one defaults to
    situation. Ties go to the earlier part in STAR order.
    """
    out: dict[str, list[str]] = {key: [] for key in STAR_PARTS}
    current = "situation"
    sentences = [c for s in _sentences(text) for c in kt.clauses(s)]
    roles: list[str] = []
    last = max(len(sentences) - 1, 1)
    for i, sentence in enumerate(sentences):
        scores = _role_scores(_norm(sentence), i / last if len(sentences) > 1 else 0.0)
        best, best_score = current, 0.0
        for key in STAR_PARTS:
            if scores[key] > best_score:
                best, best_score = key, scores[key]
        out[best].append(sentence)
        current = best
        roles.append(best)
    if len(sentences) >= 2 and not out["result"]:
        # A story that ends ends with its outcome: the closing sentence, before any lesson.
        closing = (
            max(i for i, role in enumerate(roles) if role != "reflection")
            if any(role != "reflection" for role in roles)
            else -1
        )
        if (
            closing > 0
            and roles[closing] in ("action", "situation", "task")
            and len(_words(sentences[closing])) >= 3
            and (
                len(sentences) >= 3
                or _ends_a_story(sentences[closing])
                or not _NEXT_STEP.match(_norm(sentences[closing]))
            )
        ):
            out[roles[closing]].remove(sentences[closing])
            out["result"].append(sentences[closing])
    return out


# --- the facts every rule reads ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    question: Question
    answer: Answer
    context: FeedbackContext
    targets: Mapping[str, float]  # template part -> normalised share, STAR order
    required: tuple[str, ...]  # non-optional template parts, STAR order
    guided: bool  # STAR parts were given by the user, not attributed
    parts: Mapping[str, str]  # STAR part -> text
    part_words: Mapping[str, int]
    text: str  # the whole answer, lower-cased
    word_count: int
    seconds: float
    measured: bool
    timed: bool  # lap times per part were given
    shares: Mapping[str, float] | None  # part -> share of time or words; None: can't judge
    index: kt.SentenceIndex  # the answer's sentences with their lemmas
    fillers: Mapping[str, int]  # filler -> count, most frequent first
    hedges: Mapping[str, int]
    covered: Mapping[str, str]  # look-for -> the words that show it
    missing: tuple[str, ...]  # look-fors not found
    figures: bool  # the answer has a number in it
    bank: QuestionBank | None = None  # the question bank, for judging relevance

    def present(self, part: str) -> bool:
        return self.part_words[part] > 0 or self.answer.part_seconds.get(part, 0.0) >= 3

    @property
    def basis(self) -> str:
        return "time" if self.timed else "words"


def _facts(
    question: Question, answer: Answer, template: StarTemplate | None, context: FeedbackContext
) -> _Facts:
    raw: dict[str, float] = dict(_DEFAULT_SHARES)
    required: tuple[str, ...] = tuple(_DEFAULT_SHARES)
    if template is not None and template.parts:
        raw = {part.key: max(part.share, 0.0) for part in template.parts}
        optional = {part.key for part in template.parts if part.optional}
        required = tuple(k for k in STAR_PARTS if k in raw and k not in optional)
    total_share = sum(raw.values()) or 1.0
    targets = {k: raw[k] / total_share for k in STAR_PARTS if k in raw}

    # Parts typed into STAR boxes are kept; any other text is attributed by cue phrases.
    given = {k: answer.parts[k] for k in STAR_PARTS if answer.parts.get(k, "").strip()}
    loose = "\n".join(v for k, v in sorted(answer.parts.items()) if k not in STAR_PARTS)
    collected = {k: [given[k]] if k in given else [] for k in STAR_PARTS}
    for key, sentences in _attribute(loose).items():
        collected[key].extend(sentences)
    parts = {k: " ".join(v) for k, v in collected.items()}
    part_words = {k: len(_words(v)) for k, v in parts.items()}
    text = _norm("\n".join(parts[k] for k in STAR_PARTS if parts[k]))
    words = _words(text)

    measured = answer.seconds is not None and 0 < answer.seconds < math.inf
    estimate = len(words) * 60 / WORDS_PER_MINUTE
    seconds = float(answer.seconds) if measured and answer.seconds else estimate
    timed = {k: s for k, s in answer.part_seconds.items() if k in STAR_PARTS and 0 < s < math.inf}
    shares: dict[str, float] | None = None
    if timed:
        shares = {k: timed.get(k, 0.0) / sum(timed.values()) for k in STAR_PARTS}
    elif not answer.spoken and len(words) >= 60:
        shares = {k: part_words[k] / len(words) for k in STAR_PARTS}

    fillers, hedges = _count_fillers(text)
    index = kt.SentenceIndex("\n".join(parts[k] for k in STAR_PARTS if parts[k]))
    figures = _DIGIT.search(text) is not None
    covered, missing = _match_look_fors(question, index)
    return _Facts(
        question=question,
        answer=answer,
        context=context,
        targets=targets,
        required=required,
        guided=bool(given),
        parts=parts,
        part_words=part_words,
        text=text,
        word_count=len(words),
        seconds=seconds,
        measured=measured,
        timed=bool(timed),
        shares=shares,
        index=index,
        fillers=fillers,
        hedges=hedges,
        covered=covered,
        missing=missing,
        figures=figures,
    )


# --- rule 1: STAR completeness -------------------------------------------------------------

_MISSING_POINTS: Final = {"situation": -6, "task": -4, "action": -20, "result": -15}
# The parts a story told as free text often leaves implicit ("we were short of staff" is
# both), so their cue phrases missing proves too little to cost points.
_IMPLICIT_PARTS: Final = frozenset({"situation", "task"})
_THIN_POINTS: Final = {"situation": -2, "task": -2, "action": -10, "result": -6}


def _overlong(f: _Facts) -> list[str]:
    """Parts other than action taking far more than their template share."""
    if f.shares is None:
        return []
    return [
        part
        for part, target in f.targets.items()
        if part != "action" and target > 0 and f.shares[part] > max(target + 0.15, 1.75 * target)
    ]


def _star(f: _Facts) -> Iterator[Finding]:
    """Missing and thin STAR parts; action should carry the most weight."""
    missing = [p for p in f.required if not f.present(p)]
    where = "among your STAR parts" if f.guided else "in the answer (from its cue phrases)"
    for part in missing:
        points = _MISSING_POINTS.get(part, -3)
        if not f.guided and part in _IMPLICIT_PARTS:
            points = 0  # free text often leaves them implicit: found by cue phrases, unsure
        severity: Severity = "warn" if points <= -10 else "tip"
        yield _find(f"star.missing-{part}", severity, points, f"No {part} {where}.", [part])
    thin: list[str] = []
    if f.shares is not None:
        for part, target in f.targets.items():
            share, points = f.shares[part], _THIN_POINTS.get(part, 0)
            if points and f.present(part) and share < 0.4 * target:
                thin.append(part)
                message = (
                    f"The {part} is only {_pct(share)} of your {f.basis} "
                    f"(aim for about {_pct(target)})."
                )
                severity = "warn" if points <= -10 else "tip"
                yield _find(f"star.thin-{part}", severity, points, message, [part])
        shares = f.shares
        largest = max(STAR_PARTS, key=lambda p: (shares[p], p == "action"))
        # An overlong part is reported by the length rule, with its own advice.
        if f.present("action") and "action" not in thin + _overlong(f) and largest != "action":
            message = (
                f"The {largest} ({_pct(shares[largest])}) outweighs the action "
                f"({_pct(shares['action'])})."
            )
            yield _find("star.action-not-largest", "tip", -5, message, [largest, "action"])
    if not missing and not thin:
        done = ", ".join(p for p in STAR_PARTS if f.present(p))
        yield _find("star.complete", "good", 0, f"All STAR parts are there: {done}.")


# --- rule 2: spoken length and part balance ------------------------------------------------


def _length(f: _Facts) -> Iterator[Finding]:
    """Speaking time (measured, or estimated at ~140 wpm) against the question's target."""
    target = f.question.target_seconds
    if target <= 0 or (f.answer.spoken and not f.measured):
        return  # notes say nothing about how long the spoken answer was
    how = "measured" if f.measured else f"estimated from {f.word_count} words"
    said = f"About {_dur(f.seconds)} ({how}); the target is {_dur(target)}."
    ratio = f.seconds / target
    if f.measured and ratio < 0.5:
        yield _find("length.too-short", "warn", -15 if ratio < 0.25 else -10, said)
    elif not f.measured and ratio < WRITTEN_DEPTH:
        # Written answers say in fewer words what is spoken at length, so only a fraction of
        # the target is short; below it, the shorter, the less room for the detail that
        # convinces.
        points = -round(SHORT_POINTS * (1 - ratio / WRITTEN_DEPTH))
        severity: Severity = "warn" if ratio < WRITTEN_DEPTH / 2 else "tip"
        yield _find("length.too-short", severity, min(points, -1), said)
    elif ratio > (1.5 if f.measured else WRITTEN_LONG):
        # Written answers are denser than speech: past the target they already run long.
        yield _find("length.too-long", "warn", -12 if ratio > 2 else -8, said)
    elif 0.7 <= ratio <= 1.3:
        yield _find("length.on-target", "good", 0, said)


def _repeats(f: _Facts) -> Iterator[Finding]:
    """A long answer that says again what it has said: sentences whose content words have
    nearly all come before."""
    if f.word_count < REPEAT_WORDS or len(f.index.tokens) < 6:
        return
    seen: set[str] = set()
    repeated = 0
    for toks in f.index.tokens:
        lemmas = {t.lemma for t in toks if not kt.is_stop(t.lemma)}
        if len(lemmas) >= 3 and len(lemmas & seen) >= 0.7 * len(lemmas):
            repeated += 1
        seen |= lemmas
    share = repeated / len(f.index.tokens)
    if share >= 0.25:
        message = f"{_pct(share)} of your sentences mostly repeat what you had already said."
        yield _find("length.repetitive", "warn", -8, message)


def _balance(f: _Facts) -> Iterator[Finding]:
    """A part other than action taking far more than its template share."""
    if f.shares is None or not f.present("action"):
        return  # with no action at all, that is the finding to act on
    for part in _overlong(f):
        share, target = f.shares[part], f.targets[part]
        setup = part in ("situation", "task")
        message = f"The {part} takes {_pct(share)} of your {f.basis} (aim for {_pct(target)})."
        severity: Severity = "warn" if setup else "tip"
        yield _find(f"length.long-{part}", severity, -5 if setup else -3, message, [part])


# --- rule 3: quantified result -------------------------------------------------------------

_UNITS = (
    r"%|percent|per cent|x\b|times\b|k\b|m\b|bn\b|million|billion|thousand|hours?|days?|weeks?|"
    r"months?|years?|minutes?|mins?|seconds?|users?|customers?|clients?|people|tickets?|bugs?|"
    r"points?|stars?|deals?|accounts?|sales|leads|releases|incidents?|requests?|orders?"
)
_NUMBER_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|a hundred|hundreds of|a thousand|thousands of|a dozen|dozens of)"
)
_STRONG_FIGURE = re.compile(
    r"[$€£] ?\d[\d,.]*(?: ?(?:k|m|bn|million|billion|thousand)\b)?|\b\d[\d,.]* ?(?:" + _UNITS + r")"
    r"|\b" + _NUMBER_WORD + r" (?:" + _UNITS + r")"
    r"|\b(?:doubled|tripled|quadrupled|halved|cut in half|twice as)\b"
    r"|\b(?:a|one) (?:day|week|month|year|quarter) (?:late|early|ahead|sooner|faster|later)\b"
    r"|\bby (?:about |around )?(?:a quarter|a third|half|a fifth)\b"
    r"|\bfrom \S{0,12}\d\S{0,12} (?:\w+ )?to \S{0,12}\d\S{0,12}"
)
_ANY_FIGURE = re.compile(
    _STRONG_FIGURE.pattern + r"|\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?|half|"
    r"twice)\b(?: \w+)?"
)


_DIGITS = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")


def _quantified(f: _Facts) -> Iterator[Finding]:
    """Numbers, percentages, money, durations, 'doubled', 'from X to Y' in the result."""
    figures = _unique(_ANY_FIGURE.findall(_norm(f.parts["result"])))
    if not figures and not f.guided:  # attribution may have put the outcome in a nearby part
        tail = _norm(" ".join(f.parts[k] for k in ("action", "result", "reflection")))
        figures = _unique(_STRONG_FIGURE.findall(tail) + _DIGITS.findall(tail))
    if figures:
        message = f"Your result is quantified: {_quote(figures)}."
        yield _find("result.quantified", "good", 0, message, figures)
    elif f.present("result"):  # a missing result is reported by the STAR rule
        yield _find("result.not-quantified", "tip", -8, "The result has no number in it.")


# --- rule 4: ownership ---------------------------------------------------------------------

_I_WORDS = re.compile(r"\bi(?:'m|'ve|'d|'ll)?\b(?!\.e\.| (?:think|guess|mean|suppose)\b)")
_WE_WORDS = re.compile(r"\bwe(?:'re|'ve|'d|'ll)?\b")


# What someone else said, and comparisons: their "we" is not the speaker's team.
_QUOTED = re.compile(r"\"[^\"\n]{0,300}\"|\u201c[^\u201d\n]{0,300}\u201d")
_ANALOGY = re.compile(
    r"\b(?:it(?:'s| is| was| felt) like|like when|as if|as though|imagine|think of it as|"
    r"the way (?:a|an|the)|similar to how|a bit like)\b"
)


def _own_voice(text: str) -> str:
    """The text without quotations and without sentences that draw an analogy."""
    text = _QUOTED.sub(" ", text)
    return " ".join(s for s in _sentences(text) if not _ANALOGY.search(s))


def _ownership(f: _Facts) -> Iterator[Finding]:
    """'I' versus 'we' in the action (the whole answer when the action is short); quotations
    and analogies don't count."""
    use_action = f.part_words["action"] >= 15
    text = _own_voice(_norm(f.parts["action"]) if use_action else f.text)
    mine, ours = len(_I_WORDS.findall(text)), len(_WE_WORDS.findall(text))
    where = "your action" if use_action else "your answer"
    said = f'In {where} you said "we" {_times(ours)} and "I" {_times(mine)}.'
    if ours >= 2 and ours > mine:
        yield _find("ownership.we-heavy", "warn", -10, said, ["we"])
    elif mine >= 2:
        yield _find("ownership.clear", "good", 0, said, ["I"])


# --- concrete detail -----------------------------------------------------------------------

_CAPITALISED = re.compile(r"(?<=[^.!?\s] )[A-Z][\w'-]+")
_TIME_ANCHOR = _alt(
    r"last (?:year|month|week|quarter|spring|summer|autumn|fall|winter)|in (?:19|20)\d\d",
    r"(?:a|two|three|few) (?:years|months|weeks) ago|at my (?:last|previous|current) \w+",
    r"in my (?:last|previous|current|first) (?:role|job|team|position|company)|once,? when",
)


def _details(f: _Facts) -> list[str]:
    """What makes the answer concrete: figures, names, moments, things the speaker did."""
    raw = "\n".join(f.parts[k] for k in STAR_PARTS if f.parts[k])
    found = [m.group() for m in kt.FIGURE_RE.finditer(f.text)][:3]
    found += [m.group() for m in _CAPITALISED.finditer(raw) if m.group() not in ("I", "I'm")][:3]
    found += _TIME_ANCHOR.findall(f.text)[:2]
    found += [m.group() for m in _PAST_I.finditer(f.text)][:3]
    return found


def _concrete(f: _Facts) -> Iterator[Finding]:
    """An answer of general claims ("I'm a team player") with nothing to point to loses."""
    if f.word_count < 8:
        return
    found = _details(f)
    if len(found) < 2:
        message = "The answer stays general: no figure, name, moment or step to point to."
        yield _find("detail.generic", "warn", -15, message, found)


# --- a strength in disguise ---------------------------------------------------------------

_ASKS_FLAW = re.compile(r"\b(?:weakness\w*|fail\w*|mistake\w*|improve on|develop\w*|criticis\w*)\b")
_DISGUISED = _alt(
    r"(?:i'm|i am|being) (?:a bit of |too much of |something of )?a perfectionist",
    r"care (?:too|so) much|work too hard|too (?:dedicated|committed|detail-oriented)",
    r"(?:can't|cannot) say no|too high standards|standards (?:are )?too high|too honest",
    r"can't think of (?:a time|one|any)|never really (?:failed|made a mistake)",
)


def _disguised(f: _Facts) -> Iterator[Finding]:
    """A weakness or failure question answered with a strength in disguise or a denial."""
    found = _unique(_DISGUISED.findall(f.text), 2)
    if found:
        message = f"This reads as a strength in disguise or a denial ({_quote(found)})."
        yield _find("answer.disguised-strength", "warn", -15, message, found)


# --- relevance -----------------------------------------------------------------------------

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


@functools.lru_cache(maxsize=512)
def _question_terms(question: Question) -> tuple[str, ...]:
    """What the question is about: its own content words and its competencies' names."""
    terms = list(kt.content_lemmas(question.text, _QUESTION_WORDS))
    for competency in question.competencies:
        for lemma in kt.content_lemmas(competency.replace("-", " "), _QUESTION_WORDS):
            if lemma not in terms:
                terms.append(lemma)
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A look-for's label or cue as the bank matches it: its lemmas, all to be met in one
    sentence."""

    question: str  # question id
    look_for: int  # the look-for's place in the question
    lemmas: tuple[str, ...]


@dataclass(frozen=True)
class QuestionBank:
    """What relevance is judged against: every question of the bank described by its words
    (its text, look-fors and cues, what it assesses, its tips and probes, its competencies),
    each weighted by how rare it is over the bank, and its look-fors' phrases. An answer is
    on the question asked when that question is among those that fit it best."""

    idf: Mapping[str, float] = field(default_factory=dict)
    competencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rarest: float = 1.0
    # lemma -> (question id, weight) for every question about it, weights scaled by the
    # square root of the question's profile norm, so that wordy questions don't win alone
    postings: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    size: int = 0
    # a phrase's first lemma -> the look-for phrases starting with it, over the bank
    phrases: Mapping[str, tuple[_Phrase, ...]] = field(default_factory=dict)
    look_fors: Mapping[str, int] = field(default_factory=dict)  # question id -> how many
    # a lemma -> how many questions of the bank are about it
    frequency: Mapping[str, int] = field(default_factory=dict)

    def fits(self, index: kt.SentenceIndex) -> dict[str, float]:
        """How well the answer fits each question it shares anything with: the share of
        the bank's strongest word overlap it has with the question, plus the share of the
        question's look-fors it meets."""
        return self._fits(index)[0]

    def _fits(self, index: kt.SentenceIndex) -> tuple[dict[str, float], float]:
        lemmas = index.lemmas
        words: dict[str, float] = {}
        for lemma in lemmas:
            for qid, weight in self.postings.get(lemma, ()):
                words[qid] = words.get(qid, 0.0) + weight
        strongest = max(words.values(), default=0.0)
        fit = {qid: value / (strongest or 1.0) for qid, value in words.items()}
        met: dict[str, set[int]] = {}
        for lemma in lemmas:
            for phrase in self.phrases.get(lemma, ()):
                if phrase.look_for in met.get(phrase.question, ()):
                    continue
                if all(x in lemmas for x in phrase.lemmas) and index.together(phrase.lemmas):
                    met.setdefault(phrase.question, set()).add(phrase.look_for)
        for qid, found in met.items():
            fit[qid] = fit.get(qid, 0.0) + len(found) / max(1, self.look_fors.get(qid, 1))
        return fit, strongest

    def fits_better(self, question: Question, index: kt.SentenceIndex) -> float:
        """The share of the bank's questions that the answer fits better than this one: an
        answer to another question fits that one, and often others, better."""
        return self.judge(question, index)[0]

    def judge(self, question: Question, index: kt.SentenceIndex) -> tuple[float, float]:
        """The share of the bank's questions that fit the answer better than this one, and
        how strongly its words fit any question at all (the largest weighted overlap)."""
        fit, strongest = self._fits(index)
        mine = fit.get(question.id, 0.0)
        better = sum(1 for v in fit.values() if v > mine) / max(1, self.size)
        return better, strongest

    def best_fit(self, question: Question, index: kt.SentenceIndex) -> str | None:
        """The id of the question the answer fits best, if not this one."""
        fit = self.fits(index)
        best = max(fit, key=lambda qid: (fit[qid], qid), default=None)
        return best if best != question.id else None

    def distinctive(self, term: str) -> bool:
        """A word that few questions of the bank are about (one in a hundred, or three)."""
        return self.frequency.get(term, self.size) <= max(3, self.size // 100)

    @classmethod
    def build(
        cls, questions: Iterable[Question], competencies: Mapping[str, Competency]
    ) -> QuestionBank:
        questions_ = list(questions)
        cues = {
            cid: _lemmas_of(" ".join((c.name, *c.cues)).replace("-", " "))
            for cid, c in competencies.items()
        }
        raw = {q.id: _profile_words(q, cues) for q in questions_}
        frequency: dict[str, int] = {}
        for question in questions_:
            for lemma in raw[question.id]:
                frequency[lemma] = frequency.get(lemma, 0) + 1
        count = len(questions_)
        rarest = math.log(count + 1)
        idf = {x: math.log((count + 1) / (n + 1)) for x, n in frequency.items()}
        postings: dict[str, list[tuple[str, float]]] = {}
        phrases: dict[str, list[_Phrase]] = {}
        for question in questions_:
            weights = {x: w * idf[x] for x, w in raw[question.id].items()}
            scale = math.sqrt(math.sqrt(sum(v * v for v in weights.values())) or 1.0)
            for lemma, weight in weights.items():
                if weight > 0:
                    postings.setdefault(lemma, []).append((question.id, weight / scale))
            for n, lemmas in _look_for_phrases(question):
                phrases.setdefault(lemmas[0], []).append(_Phrase(question.id, n, lemmas))
        return cls(
            idf,
            cues,
            rarest,
            {k: tuple(v) for k, v in postings.items()},
            count,
            {k: tuple(v) for k, v in phrases.items()},
            {q.id: len(q.look_fors) for q in questions_},
            frequency,
        )


# An answer is off-topic when at least this share of the bank's questions fit it better than
# the question asked (fitted on the corpus's tuning half, and on its answers given to other
# questions), unless it shows a sign of answering this question.
OFF_TOPIC_FIT: Final = 0.3
OFF_TOPIC_FIT_ONE_SIGN: Final = 0.5  # when it meets one look-for or word of the question
# The weighted word overlap with its best-fitting question below which an answer is too
# general to call off-topic (each off-topic story of the tuning half has more).
OFF_TOPIC_EVIDENCE: Final = 1.6
# How much a word says that the answer is on the question, by where the question has it.
_FROM_TEXT: Final = 1.0
_FROM_LOOK_FORS: Final = 0.6
_FROM_ASSESSES: Final = 0.6
_FROM_TIPS: Final = 0.5
_FROM_PROBES: Final = 0.4
_FROM_COMPETENCIES: Final = 0.2


def _lemmas_of(text: str) -> tuple[str, ...]:
    return tuple(
        x
        for x in kt.content_lemmas(text, _QUESTION_WORDS)
        if x not in _GENERIC and len(x) > 2 and x.isalpha()
    )


def _profile_words(
    question: Question, competencies: Mapping[str, tuple[str, ...]]
) -> dict[str, float]:
    """The words a question is about, each with how much it says (by where it comes from)."""
    sources: list[tuple[float, Iterable[str]]] = [
        (_FROM_TEXT, (question.text,)),
        (_FROM_LOOK_FORS, (p for lf in question.look_fors for p in (lf.label, *lf.cues))),
        (_FROM_ASSESSES, (question.assesses,)),
        (_FROM_TIPS, question.tips),
        (_FROM_PROBES, question.probes),
        (_FROM_COMPETENCIES, (c.replace("-", " ") for c in question.competencies)),
    ]
    out: dict[str, float] = {}
    for weight, texts in sources:
        for text in texts:
            for lemma in _lemmas_of(text):
                out[lemma] = max(out.get(lemma, 0.0), weight)
    for cid in question.competencies:
        for lemma in competencies.get(cid, ()):
            out[lemma] = max(out.get(lemma, 0.0), _FROM_COMPETENCIES)
    return out


def _look_for_phrases(question: Question) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Each look-for's label and cues as lemmas to meet in one sentence, as `_cue_match`
    reads them (question words alone prove nothing; number words are met by a figure)."""
    asked = _asked(question)
    for n, look_for in enumerate(question.look_fors):
        for i, phrase in enumerate((look_for.label, *look_for.cues)):
            lemmas = _key_lemmas(phrase) if i == 0 else _cue_lemmas(phrase)
            if not lemmas or all(x in asked for x in lemmas):
                continue
            yield (
                n,
                tuple(
                    kt.FIGURE if x in _NUMERIC_WORDS or x.startswith("quantif") else x
                    for x in lemmas
                ),
            )


def _profile(question: Question, bank: QuestionBank) -> dict[str, float]:
    """Each word the question is about, weighted by where it comes from and its rarity."""
    return {
        lemma: weight * bank.idf.get(lemma, bank.rarest)
        for lemma, weight in _profile_words(question, bank.competencies).items()
    }


def relevance_evidence(question: Question, index: kt.SentenceIndex, bank: QuestionBank) -> float:
    """How much of what the question is about the answer speaks of, as rare words weigh."""
    profile = _profile(question, bank)
    return sum(w for lemma, w in profile.items() if index.has(lemma))


def _topic_words(index: kt.SentenceIndex, limit: int = 3) -> list[str]:
    """The answer's most repeated content words, to say what it is about."""
    counts: dict[str, int] = {}
    for toks in index.tokens:
        for tok in toks:
            if len(tok.lemma) > 3 and not kt.is_stop(tok.lemma) and tok.lemma.isalpha():
                if tok.lemma not in _QUESTION_WORDS and tok.lemma not in _GENERIC:
                    counts[tok.lemma] = counts.get(tok.lemma, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], list(counts).index(kv[0])))
    return [word for word, _n in ranked[:limit]]


def _relevance_signals(f: _Facts) -> tuple[list[str], int]:
    """The question's terms the answer uses, and how many signs of its own checks show it
    is on the question (a salary figure, the first conversation recalled, the company
    named...)."""
    asked = _question_terms(f.question)
    terms = [t for t in asked if t not in _EVERYDAY and f.index.has(t)]
    if not terms:  # everyday words count together: "I needed the payments team to..."
        pair = f.index.find_any_pair([t for t in asked if t in _EVERYDAY])
        terms = list(pair)
    signs = 0
    if _asks_salary(f) and (_amounts(f.text) or _DEFLECT.search(f.text)):
        signs += 1
    if "concrete-reference" in f.question.checks and (
        _REFERENCE.search(f.text)
        or any(_covers(f.index, n) for n in f.context.first_interview_notes)
    ):
        signs += 1
    if "connects-to-role" in f.question.checks and (
        _ROLE_LINK.search(f.text)
        or any(n and _mentions(n, f) for n in (f.context.company, f.context.role))
    ):
        signs += 1
    return terms, signs


def _on_question(f: _Facts, terms: Sequence[str], signs: int) -> bool:
    """Whether the answer addresses the question asked. Without the bank, any of its terms
    or look-fors will do. With it, a sign of the question's own checks, two of its look-fors
    or words, or one of its rare words settles it; otherwise the answer must not fit many
    other questions better: an off-topic story meets a look-for through everyday words too."""
    if signs:
        return True
    if f.bank is None:
        return bool(terms or f.covered)
    covers = _specific_covers(f, f.bank)
    if covers >= 2 or len(terms) >= 2 or any(f.bank.distinctive(t) for t in terms):
        return True  # two of its look-fors or its words, or a rare one of them
    # One look-for or word of the question: only an answer that fits half the bank better
    # is off it.
    limit = OFF_TOPIC_FIT_ONE_SIGN if covers or terms else OFF_TOPIC_FIT
    better, strongest = f.bank.judge(f.question, f.index)
    # An answer whose words fit no question strongly is too general to call off-topic.
    return better < limit or strongest < OFF_TOPIC_EVIDENCE


# A look-for met through a phrase none of whose words is this rare over the bank (a share
# of its questions) says little about the question: "agreed", "the team", "learned".
SPECIFIC_SHARE: Final = 0.05


def _specific_covers(f: _Facts, bank: QuestionBank) -> int:
    """How many look-fors the answer meets through a phrase with a word that few of the
    bank's questions are about."""
    asked = _asked(f.question)
    rare = bank.size * SPECIFIC_SHARE
    count = 0
    for look_for in f.question.look_fors:
        if look_for.label not in f.covered:
            continue
        for n, phrase in enumerate((look_for.label, *look_for.cues)):
            if _cue_match(f.index, phrase, asked, label=n == 0) is not None:
                lemmas = _key_lemmas(phrase) if n == 0 else _cue_lemmas(phrase)
                count += any(bank.frequency.get(x, bank.size) <= rare for x in lemmas)
                break
    return count


def _relevance(f: _Facts) -> Iterator[Finding]:
    """Does the answer address the question asked: its terms, its competencies, its
    look-fors? One that does not gets a clear finding, and the score is capped."""
    if f.word_count < 15:
        return  # too short to tell; the length rule says so
    terms, signs = _relevance_signals(f)
    if _on_question(f, terms, signs):
        shown = f" ({_quote(terms[:3])})" if terms else ""
        yield _find("relevance.on-topic", "good", 0, f"It answers the question asked{shown}.")
        return
    about = _topic_words(f.index)
    asks = _question_terms(f.question)[:3]
    message = "This may not answer the question"
    if about:
        message += f": it is about {', '.join(about)}"
    if asks:
        message += f"; the question asks about {', '.join(asks)}"
    yield _find("relevance.off-topic", "warn", -PART_MAXIMA["relevance"], message + ".", about)


# --- rule 5: fillers and hedging -----------------------------------------------------------

# label -> regex fragment; "like" is then kept only where it is a filler (see _is_filler_like)
_FILLERS: Final[Mapping[str, str]] = {
    "um": r"u+m+|e+r+m+|u+h+m+",
    "uh": r"u+h+",
    "like": r"like",
    "basically": r"basically",
    "actually": r"actually",
    "literally": r"literally",
    "just": r"just(?! in time| as\b)",
    "you know": r"you know(?! (?:how|what|that|when|where|why|who|whether|if|about|it|the|a)\b)",
    "I mean": r"i mean",
}
_NOT_DETERMINER = "".join(
    rf"(?<!\b{d} )" for d in ("what", "this", "that", "the", "a", "any", "some", "which", "same")
)
_HEDGES: Final[Mapping[str, str]] = {
    "I think": r"i think",
    "I guess": r"i guess",
    "I suppose": r"i suppose",
    "maybe": r"maybe",
    "perhaps": r"perhaps",
    "kind of": r"(?=kind of)" + _NOT_DETERMINER + r"kind of",
    "sort of": r"(?=sort of)" + _NOT_DETERMINER + r"sort of",
}
_LABELS: Final = (*_FILLERS, *_HEDGES)
_FILLER_RE = re.compile(
    r"\b(?:"
    + "|".join(f"(?P<f{i}>{p})" for i, p in enumerate((*_FILLERS.values(), *_HEDGES.values())))
    + r")\b"
)
_LAST_WORD = re.compile(r"([\w']+)\W*$")
_LIKE_NOT_AFTER: Final = frozenset(
    """would i you we they to not don't didn't doesn't really also feel felt look looks looked
    seem seems seemed sound sounds sounded something things anything nothing much more""".split()
)
_LIKE_FILLER_NEXT = re.compile(
    r"\s*,|\s+(?:really|totally|so|super|very|literally|just|um|uh|basically|actually|kind|sort)\b"
)


def _is_filler_like(text: str, start: int, end: int) -> bool:
    """'like' as a filler ('it was, like, a mess'), not 'I would like to' or 'tools like Jira'."""
    before = _LAST_WORD.search(text, max(0, start - 24), start)
    prev = before.group(1) if before else ""
    if prev in _LIKE_NOT_AFTER or prev.endswith("'d"):
        return False
    return _LIKE_FILLER_NEXT.match(text, end) is not None


def _by_count(counts: Mapping[str, int]) -> dict[str, int]:
    """Non-zero counts, most frequent first, ties alphabetical."""
    return dict(sorted(((k, n) for k, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0])))


def _count_fillers(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """Filler and hedge counts, in one pass."""
    counts = dict.fromkeys(_LABELS, 0)
    for m in _FILLER_RE.finditer(text):
        label = _LABELS[int((m.lastgroup or "f0")[1:])]
        if label != "like" or _is_filler_like(text, m.start(), m.end()):
            counts[label] += 1
    fillers = _by_count({k: counts[k] for k in _FILLERS})
    return fillers, _by_count({k: counts[k] for k in _HEDGES})


def _fillers(f: _Facts) -> Iterator[Finding]:
    """Filler words and hedges, listed with counts."""
    fillers, hedges = f.fillers, f.hedges
    per_100 = 100 / max(f.word_count, 1)
    for rule, kind, counts, weak, heavy in (
        ("filler.words", "Fillers", fillers, -4, -8),
        ("filler.hedging", "Hedges", hedges, -3, -6),
    ):
        total = sum(counts.values())
        if total < 2 or total * per_100 < 1:
            continue
        listed = ", ".join(f'"{k}" \u00d7{n}' for k, n in counts.items())
        message = f"{kind}: {listed} ({total} in {f.word_count} words)."
        is_heavy = total * per_100 >= 3
        yield _find(
            rule, "warn" if is_heavy else "tip", heavy if is_heavy else weak, message, counts
        )
    if not fillers and not hedges and f.word_count >= 50:
        yield _find("filler.clean", "good", 0, "No filler words or hedges.")


# --- rule 6: look-fors ---------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _cue_lemmas(cue: str) -> tuple[str, ...]:
    return kt.phrase_lemmas(cue)


# Words at either end of a cue that only point ("this role", "send you", "applied it"):
# dropped from the phrase, where particles ("carried it out", "better off") are kept.
_POINTING: Final = frozenset(
    "a an the this that these those my your our their his her its it me you us them".split()
)


@functools.lru_cache(maxsize=8192)
def _cue_sequence(cue: str) -> tuple[str, ...]:
    """A cue's words as lemmas, in order, stop words kept but for pointing words at its
    ends."""
    lemmas = [t.lemma for t in kt.tokens(kt.normalise(cue))]
    while lemmas and lemmas[0] in _POINTING:
        lemmas.pop(0)
    while lemmas and lemmas[-1] in _POINTING:
        lemmas.pop()
    return tuple(lemmas)


def _cue_match(
    index: kt.SentenceIndex, cue: str, asked: frozenset[str], label: bool = False
) -> kt.Match | None:
    """Where a cue is met: all its content words in one sentence (for a look-for's label,
    which says more than it needs to, all but one of three or more), none negated; a cue of
    several words with one content word among them, as the phrase itself. Words about
    numbers are met by a figure in the sentence. Words of the question alone prove
    nothing: repeating the question does not cover what it looks for."""
    lemmas = _key_lemmas(cue) if label else _cue_lemmas(cue)
    if not lemmas or all(x in asked for x in lemmas):
        return None
    if not label and len(lemmas) == 1 and lemmas[0] not in _NUMERIC_WORDS:
        sequence = _cue_sequence(cue)
        if len(sequence) >= 2:  # "carried it out", "better off": the phrase, not its word
            return index.find_sequence(sequence)
    lemmas = tuple(
        kt.FIGURE if x in _NUMERIC_WORDS or x.startswith("quantif") else x for x in lemmas
    )
    found = index.find(lemmas)
    if found is None and label and len(lemmas) >= 3:
        for skip in range(len(lemmas)):
            found = index.find(lemmas[:skip] + lemmas[skip + 1 :])
            if found is not None:
                break
    return found


def _match_look_fors(
    question: Question, index: kt.SentenceIndex
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Covered look-fors with their evidence, and those not found. A look-for's label and
    each of its cues are tried in turn; one made only of generic words can't be checked."""
    covered: dict[str, str] = {}
    missing: list[str] = []
    asked = _asked(question)
    for look_for in question.look_fors:
        phrases = [look_for.label, *look_for.cues]
        if not _key_lemmas(look_for.label) and not any(_cue_lemmas(c) for c in look_for.cues):
            continue
        for n, phrase in enumerate(phrases):
            found = _cue_match(index, phrase, asked, label=n == 0)
            if found is not None:
                covered[look_for.label] = found.quote
                break
        else:
            missing.append(look_for.label)
    return covered, tuple(missing)


@functools.lru_cache(maxsize=512)
def _asked(question: Question) -> frozenset[str]:
    return frozenset(kt.content_lemmas(question.text))


def _partly_met(index: kt.SentenceIndex, look_for: LookFor) -> bool:
    """Half or more of the words of the label or of a cue of two words or more occur in one
    sentence: the look-for may be there in other words."""
    phrases = [_key_lemmas(look_for.label), *(_cue_lemmas(c) for c in look_for.cues)]
    for lemmas in phrases:
        if len(lemmas) < 2:
            continue
        places = [index.sentences_with(x) for x in lemmas]
        for i in set().union(*places):
            if 2 * sum(i in p for p in places) >= len(lemmas):
                return True
    return False


def _unsure(f: _Facts) -> tuple[str, ...]:
    """Look-fors not found whose absence proves little: partly there, or not found in a
    detailed answer, where they may well be met in other words."""
    if not f.missing:
        return ()
    detailed = f.word_count >= UNSURE_WORDS
    by_label = {lf.label: lf for lf in f.question.look_fors}
    return tuple(m for m in f.missing if detailed or _partly_met(f.index, by_label[m]))


def _look_fors(
    covered: Mapping[str, str], missing: Sequence[str], unsure: Sequence[str]
) -> Iterator[Finding]:
    """Which of the question's look-fors the answer covers, quoting the words that show it,
    and those not found: missing, or unsure when their absence proves little."""
    if covered:
        shown = "; ".join(f"{label}: \u2018{quote}\u2019" for label, quote in covered.items())
        yield _find("lookfor.covered", "good", 0, f"Covered: {shown}.", covered)
    checkable = len(covered) + len(missing) + len(unsure)
    each = _LOOK_FOR_POINTS / max(checkable, 1)
    if missing:
        severity: Severity = "warn" if len(missing) > len(covered) + len(unsure) else "tip"
        points = -round(each * len(missing))
        message = (
            f"I did not find: {'; '.join(missing)}. If you said it in other words, ignore this."
        )
        yield _find("lookfor.missing", severity, points, message, missing)
    if unsure:
        points = -round(each * len(unsure) * UNSURE_SHARE)
        message = (
            f"I could not tell whether you covered: {'; '.join(unsure)}. If you did, in "
            "other words, ignore this."
        )
        yield _find("lookfor.unsure", "tip", points, message, unsure)


# --- rule 7: question-specific checks ------------------------------------------------------

_AMOUNT = re.compile(
    r"(?:(?P<cur>[$€£]) ?|(?<![\w.,]))(?P<num>\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)"
    r"(?: ?(?P<mult>k|m|thousand|grand|million)\b)?"
    r"(?: ?(?P<cur2>€|\$|£|dollars|euros?|pounds|usd|eur|gbp)\b)?"
)
_GROUPED = re.compile(r"\d{1,3}(?:[,.]\d{3})+")
_PERIOD = re.compile(r" ?(?:a|an|per|/) ?(?:year|yr|annum|month|hour|hr|day)\b")
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|or)\s*")
_MULT: Final = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "million": 1e6}
_DEFLECT = _alt(
    r"rather not|prefer not|whatever you think|what you think is fair|up to you|you tell me",
    r"open to (?:any|whatever)|not sure|don't know|no idea|flexible|negotiable",
    r"what(?:'s| is) (?:the|your) (?:budget|range|band)",
)
_BASIS = _alt(
    r"research\w*|market|data|glassdoor|levels\.fyi|payscale|survey\w*|benchmark\w*|industry",
    r"comparable|similar (?:roles|positions|jobs)|experience|\d+ years|skills|location|city",
    r"cost of living|based on|in line with|typical|going rate|seniority|peers|salary guide",
    r"current (?:salary|package|compensation)|responsibilit\w+",
)


@dataclass(frozen=True, slots=True)
class _Amount:
    value: float
    money: bool  # has a currency, a multiplier or a period, or is too large to be a count
    mult: float | None
    start: int
    end: int


def _amounts(text: str) -> list[_Amount]:
    out: list[_Amount] = []
    for m in _AMOUNT.finditer(text):
        num = m["num"]
        value = float(num.replace(",", "").replace(".", "") if _GROUPED.fullmatch(num) else num)
        mult = _MULT[m["mult"]] if m["mult"] else None
        value *= mult or 1
        currency = bool(m["cur"] or m["cur2"])
        year = 1900 <= value <= 2100 and not currency
        marked = currency or mult is not None or _PERIOD.match(text, m.end()) is not None
        out.append(_Amount(value, (marked or value >= 10_000) and not year, mult, *m.span()))
    return out


def _salary_range(text: str) -> tuple[tuple[float, float] | None, list[_Amount]]:
    """The first range ("80-95k", "between $80,000 and $95,000") and every amount."""
    amounts = _amounts(text)
    for a, b in zip(amounts, amounts[1:], strict=False):
        if not b.money or not _RANGE_GAP.fullmatch(text, a.end, b.start):
            continue
        low = a.value * b.mult if a.mult is None and b.mult and a.value < 1000 else a.value
        if 0 < low < b.value <= 3 * low:
            return (low, b.value), amounts
    return None, amounts


def _money(value: float) -> str:
    return f"{value / 1000:g}k" if value >= 1000 else f"{value:g}"


def _salary(f: _Facts) -> Iterator[Finding]:
    """A salary answer: a researched range with a basis, not one number and not a deflection."""
    found, amounts = _salary_range(f.text)
    money = [a for a in amounts if a.money]
    if found is None and not money:
        deflect = _unique(_DEFLECT.findall(f.text), 2)
        if deflect:
            message = f"You deflected ({_quote(deflect)}) without giving a figure."
            yield _find("salary.deflection", "warn", -15, message, deflect)
        else:
            yield _find("salary.no-number", "warn", -15, "No salary figure in the answer.")
        return
    if found is None:
        quoted = _unique((f.text[a.start : a.end] for a in money), 2)
        message = f"You gave a single number ({_quote(quoted)}), not a range."
        yield _find("salary.single-number", "warn", -10, message, quoted)
        low = high = max(a.value for a in money)  # the ask, rather than a current salary
    else:
        low, high = found
        yield _find("salary.range", "good", 0, f"You gave a range: {_money(low)}–{_money(high)}.")
    basis = _unique(_BASIS.findall(f.text))
    if basis:
        message = f"You said what it's based on ({_quote(basis)})."
        yield _find("salary.basis", "good", 0, message, basis)
    else:
        yield _find("salary.no-basis", "tip", -5, "You didn't say what the figure is based on.")
    if f.context.salary_range is not None:
        r_low, r_high = sorted(f.context.salary_range)
        research = f"your research ({_money(r_low)}–{_money(r_high)})"
        if high < 0.95 * r_low:
            yield _find("salary.below-research", "warn", -6, f"It is below {research}.")
        elif low > 1.1 * r_high:
            yield _find("salary.above-research", "tip", -4, f"It is above {research}.")
        else:
            yield _find("salary.within-research", "good", 0, f"It is in line with {research}.")


_ROLE_LINK = _alt(
    r"this (?:role|position|job|team|company|opportunity)|here at|in the role|at your",
    r"your (?:team|company|product|mission|customers|clients|organi[sz]ation)",
    r"join(?:ing)? (?:you|your|the team)",
)


def _mentions(phrase: str, f: _Facts) -> bool:
    """The phrase itself, or enough of its key words."""
    low = _norm(phrase).strip()
    exact = bool(low) and re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", f.text) is not None
    return exact or _covers(f.index, phrase, share=0.66)


def _connects(f: _Facts) -> Iterator[Finding]:
    """Links the answer to the company or role, ideally by name or from research."""
    ctx = f.context
    named = [n for n in (ctx.company, ctx.role, *ctx.research_terms) if n and _mentions(n, f)]
    if named:
        message = f"You tied it to them: {_quote(named[:4])}."
        yield _find("role.connected", "good", 0, message, named)
        return
    generic = _unique(_ROLE_LINK.findall(f.text), 2)
    if generic and not (ctx.company or ctx.role or ctx.research_terms):
        message = f"You linked it to the job ({_quote(generic)})."
        yield _find("role.connected", "good", 0, message, generic)
    elif generic:
        message = f"You linked it to the job only in general terms ({_quote(generic)})."
        yield _find("role.generic", "tip", -3, message, generic)
    else:
        message = "The answer doesn't connect to this role or company."
        yield _find("role.not-connected", "tip", -8, message)


_REFERENCE = _alt(
    r"when we (?:discussed|talked|spoke|covered)|last time|following up on",
    r"you (?:asked|mentioned|said|told me|shared|explained|described|raised)",
    r"in our (?:first |last |previous |earlier )?(?:conversation|interview|call|chat|meeting)",
    r"we (?:discussed|talked about)|you were (?:saying|describing)",
)


_DISMISSIVE = re.compile(r"\b(?:everything|nothing|all of it|anything)\b")


def _concrete_reference(sentence: str) -> bool:
    """A sentence pointing back that names something: two content words besides the
    pointing itself, and not "we covered everything last time"."""
    if _DISMISSIVE.search(sentence):
        return False
    words = [
        x
        for x in kt.content_lemmas(_REFERENCE.sub(" ", sentence), _QUESTION_WORDS)
        if x not in _EVERYDAY and not x[0].isdigit()
    ]
    return len(words) >= 2


def _reference(f: _Facts) -> Iterator[Finding]:
    """Refers to something concrete from the first conversation."""
    notes = [n for n in f.context.first_interview_notes if _covers(f.index, n)]
    pointing = [s for s in f.index.sentences if _REFERENCE.search(s)]
    concrete = [s for s in pointing if _concrete_reference(s)]
    items = notes + _unique((m.group() for s in concrete for m in _REFERENCE.finditer(s)), 2)
    if items:
        message = f"You referred back to the first conversation: {_quote(items)}."
        yield _find("reference.concrete", "good", 0, message, items)
    elif pointing:
        said = _unique(m.group() for s in pointing for m in _REFERENCE.finditer(s))
        message = (
            f"You mentioned the first conversation ({_quote(said)}) but nothing from it in "
            "particular."
        )
        yield _find("reference.missing", "tip", -6, message, said)
    else:
        message = "Nothing points back to the first conversation."
        yield _find("reference.missing", "tip", -6, message)


_EXAMPLE = re.compile(
    r"\b(?:for example|for instance|e\.g\.|such as|one time|once,|at one point|a time when|"
    r"when i|in my (?:last|previous|current|first) (?:role|job|team|position|company)|"
    r"at my (?:last|previous|current) (?:job|company|role)|last (?:year|month|week|quarter)|"
    r"recently|i remember)(?!\w)"
)


def _example(f: _Facts) -> Iterator[Finding]:
    """Backs the claim with an example: a cue phrase or a past-tense episode."""
    cues = _unique(_EXAMPLE.findall(f.text))
    if cues or len(_PAST_I.findall(f.text)) >= 2:
        message = f"You gave an example ({_quote(cues)})." if cues else "You told an episode."
        yield _find("example.given", "good", 0, message, cues)
    else:
        yield _find("example.missing", "tip", -8, "No example backs up what you say.")


# --- registry and entry point --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    check: Callable[[_Facts], Iterator[Finding]]
    applies: Callable[[_Facts], bool]
    on_notes: NotesPolicy


def _is_star(f: _Facts) -> bool:
    return f.question.answer_format == "star"


def _asks(check: str) -> Callable[[_Facts], bool]:
    return lambda f: check in f.question.checks


def _asks_salary(f: _Facts) -> bool:
    return f.question.answer_format == "salary-range" or "salary-range" in f.question.checks


_RULES: Final[tuple[_Rule, ...]] = (
    _Rule(_star, _is_star, "timed"),
    _Rule(_length, lambda f: True, "run"),
    _Rule(_balance, _is_star, "run"),
    _Rule(_repeats, lambda f: True, "skip"),
    _Rule(_quantified, _is_star, "soften"),
    _Rule(_ownership, _is_star, "skip"),
    _Rule(_fillers, lambda f: True, "skip"),
    _Rule(_salary, _asks_salary, "soften"),
    _Rule(_connects, _asks("connects-to-role"), "soften"),
    _Rule(_reference, _asks("concrete-reference"), "soften"),
    _Rule(_example, _asks("gives-example"), "soften"),
    _Rule(_concrete, lambda f: not _asks_salary(f), "soften"),
    _Rule(_disguised, lambda f: _ASKS_FLAW.search(f.question.text.lower()) is not None, "run"),
    _Rule(_relevance, lambda f: True, "run"),
)

# Which part of the score each rule's findings count against, by the rule id's prefix.
_PART_OF: Final[Mapping[str, str]] = {
    "star": "structure",
    "length": "structure",
    "result": "evidence",
    "lookfor": "evidence",
    "salary": "evidence",
    "role": "evidence",
    "reference": "evidence",
    "example": "evidence",
    "answer": "evidence",
    "detail": "evidence",
    "relevance": "relevance",
    "ownership": "delivery",
    "filler": "delivery",
}
# The look-for findings come before these rules' findings.
_AFTER_LOOK_FORS: Final = frozenset(
    {"salary", "role", "reference", "example", "detail", "relevance"}
)
_DELIVERY_RULES: Final = frozenset({"length.too-long", "length.on-target"})


def part_of(rule: str) -> str:
    """The part of the score a finding counts against."""
    if rule in _DELIVERY_RULES:
        return "delivery"
    return _PART_OF.get(rule.split(".")[0], "structure")


@dataclass(frozen=True, slots=True)
class _Topic:
    """One thing that rules and look-fors can both judge, so that they must agree."""

    credit: str  # the rule that credits it
    opposites: tuple[str, ...]  # the rules that say it is missing
    covers: re.Pattern[str]  # look-fors the credit covers
    shows: re.Pattern[str]  # look-fors which, met, show it (and silence the opposites)
    said: str  # how a look-for met is reported as the credit, with {quote}
    rule_wins: bool = False  # when both speak, the rule is the more precise judge


_TOPICS: Final[tuple[_Topic, ...]] = (
    _Topic(
        "salary.range",
        ("salary.single-number", "salary.no-number", "salary.deflection"),
        re.compile(r"\brange\b"),
        re.compile(r"\brange\b"),
        "",
        rule_wins=True,
    ),
    _Topic(
        "role.connected",
        ("role.not-connected", "role.generic"),
        re.compile(r"connection to this company|link to this role and company"),
        re.compile(r"\bcompany\b|\bcompany's\b|\bthis role\b"),
        "You tied it to them: \u2018{quote}\u2019.",
    ),
    _Topic(
        "result.quantified",
        ("result.not-quantified", "star.missing-result"),
        re.compile(r"\b(?:measurable|before-and-after|quantified)\b.*\bresult|\bvalue quantified"),
        re.compile(r"\b(?:measurable|before-and-after|quantified)\b.*\bresult|\bquantified"),
        "",
    ),
    _Topic(
        "example.given",
        ("example.missing",),
        re.compile(r"^an? (?:concrete |real |recent )?example$"),
        re.compile(r"\bexamples?\b"),
        "You gave an example: \u2018{quote}\u2019.",
    ),
    _Topic(
        "reference.concrete",
        ("reference.missing",),
        re.compile(r"earlier conversation"),
        re.compile(r"earlier conversation|first interview|first conversation"),
        "You referred back to the first conversation: \u2018{quote}\u2019.",
    ),
)
_DISGUISE: Final = _Topic(
    "",
    ("answer.disguised-strength",),
    re.compile(r"^$"),
    re.compile(r"\bgenuine\b|\breal (?:weakness|failure|mistake)\b|\bhonest\b"),
    "",
    rule_wins=True,
)
_RESULT_LOOK_FOR = re.compile(r"\bresults?\b|\boutcome\b")


def _one_verdict(
    findings: list[Finding], covered: dict[str, str], missing: list[str], named: bool = False
) -> list[Finding]:
    """Make the findings agree, one verdict per topic: a credit silences its opposites and
    covers the look-fors on its topic; a look-for met on a topic silences the rules that say
    the topic is missing (or, where the rule is the more precise judge, is not met after all).
    When the company, role or research is `named` in the context, the role rule is the
    precise judge: it knows what to look for.
    """
    rules = {x.rule: x for x in findings}
    silenced: set[str] = set()
    for topic in (*_TOPICS, _DISGUISE):
        if topic.credit in rules:
            silenced.update(topic.opposites)
            credit = rules[topic.credit]
            quote = kt.clip(credit.items[0] if credit.items else credit.message, 90)
            for look_for in [m for m in missing if topic.covers.search(m.lower())]:
                covered[look_for] = quote
                missing.remove(look_for)
            continue
        denied = [o for o in topic.opposites if o in rules]
        met = [c for c in covered if topic.shows.search(c.lower())]
        if not denied or not met:
            continue
        if (
            topic.rule_wins
            or (named and topic.credit == "role.connected")
            or (topic.credit == "result.quantified" and not kt.FIGURE_RE.search(covered[met[0]]))
        ):
            for look_for in met:
                del covered[look_for]
                missing.append(look_for)
            continue
        silenced.update(denied)
        if topic.said:
            message = topic.said.format(quote=covered[met[0]])
            findings.append(_find(topic.credit, "good", 0, message, [covered[met[0]]]))
    if "star.missing-result" in rules and any(_RESULT_LOOK_FOR.search(c) for c in covered):
        silenced.add("star.missing-result")  # a result look-for met is a result given
    kept = [x for x in findings if x.rule not in silenced]
    return [
        x
        for x in kept
        if x.rule != "star.complete" or not any(y.rule.startswith("star.missing-") for y in kept)
    ]


def _soften(finding: Finding) -> Finding:
    """A penalty judged from notes only costs half, as a tip: absence from notes proves
    little, but notes hold what the answer was built on."""
    if finding.points == 0 and finding.severity != "warn":
        return finding
    message = finding.message + " (Judged from your notes only.)"
    return replace(finding, severity="tip", points=finding.points // 2, message=message)


def _not_scored(rule: str, message: str, f: _Facts, detected: Mapping[str, int]) -> Feedback:
    finding = _find(rule, "tip", 0, message)
    estimate = f.word_count * 60 / WORDS_PER_MINUTE
    return Feedback(None, (finding,), f.word_count, estimate, f.seconds, detected, scored=False)


def _parts(findings: Sequence[Finding]) -> dict[str, int]:
    lost = dict.fromkeys(PART_MAXIMA, 0)
    for finding in findings:
        lost[part_of(finding.rule)] += finding.points
    return {part: max(0, top + lost[part]) for part, top in PART_MAXIMA.items()}


def _capped(parts: dict[str, int], cap: int) -> dict[str, int]:
    """Scale the parts down so that they add up to at most `cap`."""
    total = sum(parts.values())
    if total <= cap:
        return parts
    scaled = {k: v * cap // total for k, v in parts.items()}
    for key in sorted(parts, key=lambda k: -parts[k]):  # hand out what rounding lost
        if sum(scaled.values()) >= cap:
            break
        scaled[key] += 1
    return scaled


# How the engine's raw score reads as a coach's (raw, calibrated), joined by straight lines: a
# monotone map fitted on the corpus's tuning half. The raw parts reach 100 when nothing is
# found wanting, but a coach keeps something to sharpen. It never raises a score, so each part
# stays at most its maximum plus its findings' points.
CALIBRATION: Final[tuple[tuple[int, int], ...]] = (
    (0, 0),
    (40, 38),
    (60, 58),
    (75, 73),
    (90, 87),
    (100, 93),
)


def calibrated(raw: int) -> int:
    """The raw score (0-100) on the coach's scale, by CALIBRATION."""
    for (x0, y0), (x1, y1) in zip(CALIBRATION, CALIBRATION[1:], strict=False):
        if raw <= x1:
            return min(raw, round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0)))
    return min(raw, CALIBRATION[-1][1])


def analyse(
    question: Question,
    answer: Answer | str,
    template: StarTemplate | None = None,
    context: FeedbackContext | None = None,
    bank: QuestionBank | None = None,
) -> Feedback:
    """Score an answer to a question (0-100) and explain the score with findings. With the
    question bank, an answer that shares nothing with the question is called off-topic only
    when it fits many other questions better."""
    if isinstance(answer, str):
        answer = Answer.from_text(answer)
    total = sum(len(v.split()) for v in answer.parts.values() if isinstance(v, str))
    if total > MAX_WORDS:
        answer = Answer({"text": ""}, seconds=answer.seconds, spoken=answer.spoken)
        f = _facts(question, answer, template, context or FeedbackContext())
        message = (
            f"The answer has {total:,} words; feedback stops at {MAX_WORDS:,}, far beyond "
            "any interview answer."
        )
        return _not_scored("answer.over-limit", message, f, dict.fromkeys(STAR_PARTS, 0))
    f = replace(_facts(question, answer, template, context or FeedbackContext()), bank=bank)
    estimate = f.word_count * 60 / WORDS_PER_MINUTE
    detected = {k: f.part_words[k] for k in STAR_PARTS}
    if f.word_count == 0 and answer.spoken and (f.measured or f.timed):
        target = f" against a target of {_dur(question.target_seconds)}"
        message = (
            f"Timing only, not scored: you spoke for about {_dur(f.seconds)}"
            f"{target if question.target_seconds > 0 else ''}, and there are no notes to judge."
        )
        return _not_scored("answer.timing-only", message, f, detected)
    if f.word_count == 0:
        empty = _find("answer.empty", "warn", -100, "There is no answer to look at.")
        zero = dict.fromkeys(PART_MAXIMA, 0)
        return Feedback(0, (empty,), 0, 0.0, f.seconds, detected, parts=zero)
    findings: list[Finding] = []
    for rule in _RULES:
        if not rule.applies(f) or (answer.spoken and rule.on_notes == "skip"):
            continue
        soften = answer.spoken and (
            rule.on_notes == "soften" or (rule.on_notes == "timed" and not f.timed)
        )
        findings.extend(_soften(x) if soften else x for x in rule.check(f))
    covered, missing = dict(f.covered), list(f.missing)
    named = bool(f.context.company or f.context.role or f.context.research_terms)
    findings = _one_verdict(findings, covered, missing, named)
    doubtful = _unsure(replace(f, missing=tuple(missing)))
    unsure = [m for m in missing if m in doubtful]
    missing = [m for m in missing if m not in doubtful]
    look_fors = [_soften(x) if answer.spoken else x for x in _look_fors(covered, missing, unsure)]
    at = next(
        (i for i, x in enumerate(findings) if x.rule.split(".")[0] in _AFTER_LOOK_FORS),
        len(findings),
    )
    findings[at:at] = look_fors
    fillers, hedges = ({}, {}) if answer.spoken else (f.fillers, f.hedges)
    parts = _parts(findings)
    if answer.spoken:  # delivery can't be judged from notes: neither credit nor blame,
        parts["delivery"] = PART_MAXIMA["delivery"] // 2  # and notes are the answer's
        parts = _capped(parts, NOTES_CAP)  # skeleton, not the answer itself
    off_topic = any(x.rule == "relevance.off-topic" for x in findings)
    if off_topic:
        parts = _capped(parts, OFF_TOPIC_CAP)
    if f.word_count < 25 and not answer.spoken:  # a one-liner: the fewer words, the lower
        parts = _capped(parts, min(SHORT_CAP, 5 + 2 * f.word_count))
    if parts["evidence"] <= CONTENT_FREE_EVIDENCE:  # nothing to go on: neither the
        parts = _capped(parts, CONTENT_FREE_CAP)  # delivery nor the topic saves it
    parts = _capped(parts, calibrated(sum(parts.values())))
    return Feedback(
        score=sum(parts.values()),
        findings=tuple(findings),
        word_count=f.word_count,
        estimated_seconds=estimate,
        seconds=f.seconds,
        parts_detected=detected,
        fillers=_by_count({**fillers, **hedges}),
        look_fors_covered=tuple(c for c in f.question.look_for_labels if c in covered),
        look_fors_missing=tuple(missing),
        parts=parts,
        look_fors_unsure=tuple(unsure),
        evidence={c: covered[c] for c in f.question.look_for_labels if c in covered},
        on_topic=not off_topic,
    )
