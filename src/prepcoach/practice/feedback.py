"""Answer feedback: a score out of 100 and itemised findings, each with a concrete tip.

Someone practising alone needs to know *why* an answer is weak and what to change, so every
point lost is carried by a `Finding` that says what was found (a missing STAR part, the filler
words with their counts, the look-fors not covered) and what to do next time. The score is
100 plus the findings' points (all zero or negative), clamped to 0..100.

The rules are plain heuristics over the text (cue phrases, word counts, regexes) so that users
can predict them; they are pure and deterministic, so the same answer always gets the same
feedback, and cheap (stdlib `re` only, patterns compiled once), so feedback is instant. Each
rule is a small function listed in `_RULES`; every finding id and its tip is in `TIPS`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from prepcoach.content.model import Question, StarTemplate

Severity = Literal["good", "tip", "warn"]
# How a rule treats a spoken answer, of which only the typed notes are known: run as usual,
# soften its penalties to 0-point tips (absence from notes proves little), soften them only when
# there are no lap times, or skip it (it judges wording, which notes don't show).
NotesPolicy = Literal["run", "soften", "timed", "skip"]

WORDS_PER_MINUTE: Final = 140
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

    score: int
    findings: tuple[Finding, ...]
    word_count: int
    estimated_seconds: float  # from the words at WORDS_PER_MINUTE
    seconds: float  # measured if given, otherwise the estimate
    parts_detected: Mapping[str, int]  # STAR part -> words given or attributed to it
    fillers: Mapping[str, int] = field(default_factory=dict)  # filler/hedge -> count
    look_fors_covered: tuple[str, ...] = ()
    look_fors_missing: tuple[str, ...] = ()


# Every finding id with its tip: the one place to reword advice.
TIPS: Final[Mapping[str, str]] = {
    "answer.empty": "Answer out loud or type it, then ask for feedback.",
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
    "lookfor.missing": "Work these in, in your own words: they are what the question tests.",
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

_WORD = re.compile(r"[^\W_]+(?:['.,\-][^\W_]+)*")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*[\n;]+\s*")
_DIGIT = re.compile(r"\d")


def _norm(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s.strip()]


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


_STOPWORDS: Final = frozenset(
    """a about after all also an and any are as at be been before both but by can could did do
    does each for from had has have he her his how i if in into is it its me more most my no not
    of on one or other our out over own she should so some than that the their them then these
    they this those to too two under up us very was we were what when where which who why will
    with would you your shows show explains explain describes describe mentions mention gives
    give uses use using demonstrates demonstrate candidate answer clear clearly specific
    specifically concrete brief briefly example examples evidence ability able good well strong
    real actual genuine relevant appropriate approach way thing things something someone rather
    instead without takes take makes make keeps keep gets get puts put just""".split()
)
_SUFFIXES: Final = tuple(
    """ational ations ation ments ment nesses ness ities ity ings ing able ible ives ive ions ion
    ers er ies ied ed es ly al s e y""".split()
)
_NUMERIC_WORDS: Final = ("number", "metric", "quantify", "figure", "measure", "measurable")


def _stem(word: str) -> str:
    """A light suffix-stripping stem: enough to match 'communicated' with 'communication'."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=1024)
def _key_stems(text: str) -> tuple[str, ...]:
    """The stems of a phrase's content words, in order, without repeats."""
    stems: list[str] = []
    for word in _words(_norm(text)):
        stem = _stem(word)
        if not {word, stem} & _STOPWORDS and not word[0].isdigit() and stem not in stems:
            stems.append(stem)
    return tuple(stems)


@dataclass(frozen=True, slots=True)
class _StemIndex:
    exact: frozenset[str]
    by_prefix: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, stems: set[str]) -> _StemIndex:
        by_prefix: dict[str, list[str]] = {}
        for stem in sorted(stems):
            if len(stem) >= 5:
                by_prefix.setdefault(stem[:5], []).append(stem)
        return cls(frozenset(stems), {k: tuple(v) for k, v in by_prefix.items()})

    def has(self, stem: str) -> bool:
        """Exact match, or one stem (of 5+ letters) is a prefix of the other."""
        if stem in self.exact:
            return True
        candidates = self.by_prefix.get(stem[:5], ()) if len(stem) >= 5 else ()
        return any(s.startswith(stem) or stem.startswith(s) for s in candidates)

    def covers(self, phrase: str, share: float = 0.5) -> bool:
        """True when enough (this share, at least one) of the phrase's key words occur."""
        stems = _key_stems(phrase)
        hits = sum(1 for stem in stems if self.has(stem))
        return bool(stems) and hits >= max(1, math.ceil(len(stems) * share))


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


def _attribute(text: str) -> dict[str, list[str]]:
    """Give each sentence to the STAR part its cue phrases point to (longest cues win).

    A sentence without cues continues the previous part; the first one defaults to situation.
    Ties go to the earlier part in STAR order.
    """
    out: dict[str, list[str]] = {key: [] for key in STAR_PARTS}
    current = "situation"
    for sentence in _sentences(text):
        low = _norm(sentence)
        best, best_score = current, 0
        for key, pattern in _CUES.items():
            score = sum(
                len(m.group()) + (5 if m.start() == 0 else 0) for m in pattern.finditer(low)
            )
            if score > best_score:
                best, best_score = key, score
        out[best].append(sentence)
        current = best
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
    stems: _StemIndex
    fillers: Mapping[str, int]  # filler -> count, most frequent first
    hedges: Mapping[str, int]

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
    stems = {_stem(w) for w in set(words) - _STOPWORDS}
    if _DIGIT.search(text):  # "quantifies impact" is covered by any figure
        stems.update(_stem(w) for w in _NUMERIC_WORDS)
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
        stems=_StemIndex.of(stems),
        fillers=fillers,
        hedges=hedges,
    )


# --- rule 1: STAR completeness -------------------------------------------------------------

_MISSING_POINTS: Final = {"situation": -6, "task": -4, "action": -20, "result": -15}
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
    if ratio < 0.5:
        yield _find("length.too-short", "warn", -15 if ratio < 0.25 else -10, said)
    elif ratio > 1.5:
        yield _find("length.too-long", "warn", -12 if ratio > 2 else -8, said)
    elif 0.7 <= ratio <= 1.3:
        yield _find("length.on-target", "good", 0, said)


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
_STRONG_FIGURE = re.compile(
    r"[$€£] ?\d[\d,.]*(?: ?(?:k|m|bn|million|billion|thousand)\b)?|\b\d[\d,.]* ?(?:" + _UNITS + r")"
    r"|\b(?:doubled|tripled|quadrupled|halved|cut in half|twice as)\b"
    r"|\bfrom \S{0,12}\d\S{0,12} (?:\w+ )?to \S{0,12}\d\S{0,12}"
)
_ANY_FIGURE = re.compile(
    _STRONG_FIGURE.pattern + r"|\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?|half|"
    r"twice)\b(?: \w+)?"
)


def _quantified(f: _Facts) -> Iterator[Finding]:
    """Numbers, percentages, money, durations, 'doubled', 'from X to Y' in the result."""
    figures = _unique(_ANY_FIGURE.findall(_norm(f.parts["result"])))
    if not figures and not f.guided:  # attribution may have put the outcome in a nearby part
        tail = _norm(" ".join(f.parts[k] for k in ("action", "result", "reflection")))
        figures = _unique(_STRONG_FIGURE.findall(tail))
    if figures:
        message = f"Your result is quantified: {_quote(figures)}."
        yield _find("result.quantified", "good", 0, message, figures)
    elif f.present("result"):  # a missing result is reported by the STAR rule
        yield _find("result.not-quantified", "tip", -8, "The result has no number in it.")


# --- rule 4: ownership ---------------------------------------------------------------------

_I_WORDS = re.compile(r"\bi(?:'m|'ve|'d|'ll)?\b(?!\.e\.| (?:think|guess|mean|suppose)\b)")
_WE_WORDS = re.compile(r"\bwe(?:'re|'ve|'d|'ll)?\b")


def _ownership(f: _Facts) -> Iterator[Finding]:
    """'I' versus 'we' in the action (the whole answer when the action is short)."""
    use_action = f.part_words["action"] >= 15
    text = _norm(f.parts["action"]) if use_action else f.text
    mine, ours = len(_I_WORDS.findall(text)), len(_WE_WORDS.findall(text))
    where = "your action" if use_action else "your answer"
    said = f'In {where} you said "we" {_times(ours)} and "I" {_times(mine)}.'
    if ours >= 2 and ours > mine:
        yield _find("ownership.we-heavy", "warn", -10, said, ["we"])
    elif mine >= 2:
        yield _find("ownership.clear", "good", 0, said, ["I"])


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


def _split_look_fors(f: _Facts) -> tuple[list[str], list[str]]:
    """Covered and missing look-fors; one made only of generic words can't be checked."""
    covered: list[str] = []
    missing: list[str] = []
    for look_for in f.question.look_for_labels:
        if _key_stems(look_for):
            (covered if f.stems.covers(look_for) else missing).append(look_for)
    return covered, missing


def _look_fors(f: _Facts) -> Iterator[Finding]:
    """Which of the question's look-fors the answer covers (by key words, stemmed)."""
    covered, missing = _split_look_fors(f)
    if covered:
        message = f"Covered: {'; '.join(covered)}."
        yield _find("lookfor.covered", "good", 0, message, covered)
    if missing:
        severity: Severity = "warn" if len(missing) > len(covered) else "tip"
        points = max(-12, -4 * len(missing))
        yield _find(
            "lookfor.missing", severity, points, f"Not covered: {'; '.join(missing)}.", missing
        )


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
    return exact or f.stems.covers(phrase, share=0.66)


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


def _reference(f: _Facts) -> Iterator[Finding]:
    """Refers to something concrete from the first conversation."""
    notes = [n for n in f.context.first_interview_notes if f.stems.covers(n)]
    items = notes + _unique(_REFERENCE.findall(f.text), 2)
    if items:
        message = f"You referred back to the first conversation: {_quote(items)}."
        yield _find("reference.concrete", "good", 0, message, items)
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
    _Rule(_quantified, _is_star, "soften"),
    _Rule(_ownership, _is_star, "skip"),
    _Rule(_fillers, lambda f: True, "skip"),
    _Rule(_look_fors, lambda f: bool(f.question.look_fors), "soften"),
    _Rule(_salary, _asks_salary, "soften"),
    _Rule(_connects, _asks("connects-to-role"), "soften"),
    _Rule(_reference, _asks("concrete-reference"), "soften"),
    _Rule(_example, _asks("gives-example"), "soften"),
)


def _soften(finding: Finding) -> Finding:
    """A penalty judged from notes only becomes a 0-point tip."""
    if finding.points == 0 and finding.severity != "warn":
        return finding
    message = finding.message + " (Judged from your notes only.)"
    return replace(finding, severity="tip", points=0, message=message)


def analyse(
    question: Question,
    answer: Answer | str,
    template: StarTemplate | None = None,
    context: FeedbackContext | None = None,
) -> Feedback:
    """Score an answer to a question (0-100) and explain the score with findings."""
    if isinstance(answer, str):
        answer = Answer.from_text(answer)
    f = _facts(question, answer, template, context or FeedbackContext())
    estimate = f.word_count * 60 / WORDS_PER_MINUTE
    detected = {k: f.part_words[k] for k in STAR_PARTS}
    if f.word_count == 0 and not (answer.spoken and (f.measured or f.timed)):
        empty = _find("answer.empty", "warn", -100, "There is no answer to look at.")
        return Feedback(0, (empty,), 0, 0.0, f.seconds, detected)
    findings: list[Finding] = []
    for rule in _RULES:
        if not rule.applies(f) or (answer.spoken and rule.on_notes == "skip"):
            continue
        soften = answer.spoken and (
            rule.on_notes == "soften" or (rule.on_notes == "timed" and not f.timed)
        )
        findings.extend(_soften(x) if soften else x for x in rule.check(f))
    fillers, hedges = ({}, {}) if answer.spoken else (f.fillers, f.hedges)
    covered, missing = _split_look_fors(f)
    return Feedback(
        score=max(0, min(100, 100 + sum(x.points for x in findings))),
        findings=tuple(findings),
        word_count=f.word_count,
        estimated_seconds=estimate,
        seconds=f.seconds,
        parts_detected=detected,
        fillers=_by_count({**fillers, **hedges}),
        look_fors_covered=tuple(covered),
        look_fors_missing=tuple(missing),
    )
