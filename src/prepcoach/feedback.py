"""Answer feedback: a score out of 100 and itemised findings, each with a concrete tip.

Someone practising alone needs to know *why* an answer is weak and what to change, so every
point lost is carried by a `Finding` that says what was found (a missing STAR part, the filler
words with their counts, the look-fors not covered) and what to do next time. The score is
100 plus the findings' points (all zero or negative), clamped to 0..100.

The rules are plain heuristics over the text (cue phrases, word counts, regexes) so that users
can predict them; they are pure and deterministic, so the same answer always gets the same
feedback, and cheap (stdlib `re` only, patterns compiled once), so feedback is instant. Each
rule is a small function listed in `_RULES`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
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
_DEFAULT_SHARES: Final = {"situation": 0.15, "task": 0.1, "action": 0.45, "result": 0.2}


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

    rule: str  # stable id, e.g. "star.missing-result"
    severity: Severity
    message: str  # what was found
    tip: str  # what to do next time
    points: int  # effect on the score: 0 or negative
    items: tuple[str, ...] = ()  # the parts, words or look-fors concerned, for highlighting


@dataclass(frozen=True, slots=True)
class Feedback:
    """The result of `analyse`: findings are in rule order, then in the order found."""

    score: int
    findings: tuple[Finding, ...]
    word_count: int
    estimated_seconds: float  # from the words at WORDS_PER_MINUTE
    seconds: float  # measured if given, otherwise the estimate
    parts_detected: Mapping[str, int]  # STAR part -> words given or attributed to it
    fillers: Mapping[str, int] = field(default_factory=dict)  # filler/hedge -> count
    look_fors_covered: tuple[str, ...] = ()
    look_fors_missing: tuple[str, ...] = ()


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


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _quote(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _alt(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")(?!\w)")


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
_SUFFIXES: Final = (
    "ational", "ations", "ation", "ments", "ment", "nesses", "ness", "ities", "ity", "ings",
    "ing", "able", "ible", "ives", "ive", "ions", "ion", "ers", "er", "ies", "ied", "ed", "es",
    "ly", "al", "s", "e", "y",
)  # fmt: skip
_NUMERIC_WORDS: Final = ("number", "metric", "quantify", "figure", "measure", "measurable")


def _stem(word: str) -> str:
    """A light suffix-stripping stem: enough to match 'communicated' with 'communication'."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _key_stems(text: str) -> list[str]:
    stems: list[str] = []
    for word in _words(_norm(text)):
        if word not in _STOPWORDS and not word[0].isdigit():
            stem = _stem(word)
            if stem not in stems:
                stems.append(stem)
    return stems


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
        if len(stem) < 5:
            return False
        return any(s.startswith(stem) or stem.startswith(s) for s in self.by_prefix.get(stem[:5], ()))

    def covers(self, phrase: str) -> bool:
        """True when enough (half, at least one) of the phrase's key words occur."""
        stems = _key_stems(phrase)
        if not stems:
            return False
        hits = sum(1 for stem in stems if self.has(stem))
        return hits >= max(1, math.ceil(len(stems) / 2))


# --- STAR attribution ----------------------------------------------------------------------

_PAST_VERB = (
    r"(?!was\b|had\b|needed\b|wanted\b|joined\b|worked\b)(?:\w+ed|set|met|wrote|built|ran|made|"
    r"took|spoke|brought|got|began|chose|gave|went|led|found|held|put|sent|told|drew|kept|cut|"
    r"paid|taught|sought|rewrote|sat|did|broke|won|read|knew)\b"
)
_PAST_I = re.compile(r"\bi " + _PAST_VERB)
_CUES: Final[Mapping[str, re.Pattern[str]]] = {
    "situation": _alt(
        r"at the time", r"we were", r"i was working", r"i (?:was )?work(?:ed|ing) (?:as|at|for|in|on)",
        r"i was (?:a|an|the) \w+", r"in my (?:last|previous|current|first|old) (?:role|job|position|company|team)",
        r"(?:when|while) i was", r"a (?:few|couple of) (?:years|months|weeks) ago", r"\d+ (?:years|months) ago",
        r"(?:last|this) (?:year|summer|spring|autumn|fall|winter|quarter)", r"back in", r"in (?:19|20)\d\d",
        r"(?:our|the) (?:team|company|project|client) (?:was|had)", r"there (?:was|were)", r"we had",
        r"i joined", r"context", r"background",
    ),
    "task": _alt(
        r"my (?:job|role|task|goal|brief|responsibility) was", r"i was (?:responsible|accountable)",
        r"i was asked to", r"i was tasked", r"i needed to", r"i had to", r"(?:the|our) goal was",
        r"the (?:challenge|problem|task) was", r"it was (?:up to me|my job)", r"i was given",
        r"i owned", r"we needed to", r"we had to", r"needed someone to",
    ),
    "action": _alt(
        r"so i", r"i decided", r"first,? i", r"then i", r"next,? i", r"after that", r"i started",
        r"i set up", r"i reached out", r"i proposed", r"i organi[sz]ed", r"i worked with",
        r"i made sure", r"i suggested", r"i asked", r"i began", r"^(?:(?:then|so|and|first|next),? )?i "
        + _PAST_VERB,
    ),
    "result": _alt(
        r"as a result", r"in the end", r"which led to", r"(?:this|that|it) led to", r"the result",
        r"resulting in", r"(?:this|that|which) meant", r"the outcome", r"ended up", r"by the end",
        r"eventually", r"finally", r"we (?:managed|were able) to", r"(?:reduced|increased|improved|"
        r"saved|grew|doubled|halved|tripled)", r"went live", r"on time", r"\d+(?:\.\d+)? ?%",
        r"percent", r"the feedback was",
    ),
    "reflection": _alt(
        r"i learn(?:ed|t)", r"lessons?", r"looking back", r"in hindsight", r"next time",
        r"since then", r"taught me", r"i now", r"now i", r"differently", r"if i did it again",
        r"takeaway", r"i took away", r"i reali[sz]ed",
    ),
}  # fmt: skip


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
            score = sum(m.end() - m.start() + (5 if m.start() == 0 else 0) for m in pattern.finditer(low))
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
    targets: Mapping[str, float]  # template part -> normalised share
    required: tuple[str, ...]  # non-optional template parts, STAR order
    guided: bool  # parts were given by the user, not attributed
    parts: Mapping[str, str]  # STAR part -> text
    part_words: Mapping[str, int]
    text: str  # the whole answer, lower-cased
    word_count: int
    seconds: float
    measured: bool
    shares: Mapping[str, float] | None  # part -> share of time or words; None: can't judge
    stems: _StemIndex

    @property
    def star(self) -> bool:
        return self.question.answer_format == "star"

    def present(self, part: str) -> bool:
        return self.part_words.get(part, 0) > 0 or self.answer.part_seconds.get(part, 0.0) >= 3


def _facts(
    question: Question, answer: Answer, template: StarTemplate | None, context: FeedbackContext
) -> _Facts:
    if template is not None and template.parts:
        raw = {part.key: max(part.share, 0.0) for part in template.parts}
        required = tuple(k for k in STAR_PARTS for p in template.parts if p.key == k and not p.optional)
    else:
        raw, required = dict(_DEFAULT_SHARES), tuple(_DEFAULT_SHARES)
    total_share = sum(raw.values()) or 1.0
    targets = {k: raw[k] / total_share for k in STAR_PARTS if k in raw}

    given = {k: answer.parts[k] for k in STAR_PARTS if answer.parts.get(k, "").strip()}
    loose = " \n".join(v for k, v in sorted(answer.parts.items()) if k not in STAR_PARTS and v.strip())
    collected: dict[str, list[str]] = {k: ([given[k]] if k in given else []) for k in STAR_PARTS}
    for key, sentences in _attribute(loose).items():
        collected[key].extend(sentences)
    parts = {k: " ".join(v) for k, v in collected.items()}
    part_words = {k: len(_words(v)) for k, v in parts.items()}
    full = " \n".join(parts[k] for k in STAR_PARTS if parts[k])
    text = _norm(full)
    words = _words(text)

    measured = answer.seconds is not None and answer.seconds > 0
    seconds = float(answer.seconds) if measured and answer.seconds else len(words) * 60 / WORDS_PER_MINUTE
    timed = {k: s for k, s in answer.part_seconds.items() if k in STAR_PARTS and s > 0}
    shares: dict[str, float] | None = None
    if timed:
        shares = {k: timed.get(k, 0.0) / sum(timed.values()) for k in STAR_PARTS}
    elif not answer.spoken and len(words) >= 40:
        shares = {k: part_words[k] / len(words) for k in STAR_PARTS}

    stems = {_stem(w) for w in words if w not in _STOPWORDS}
    if _DIGIT.search(text):
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
        shares=shares,
        stems=_StemIndex.of(stems),
    )


# --- rule 1: STAR completeness -------------------------------------------------------------

# part -> (points if missing, points if thin, tip if missing, tip if thin)
_PART_ADVICE: Final[Mapping[str, tuple[int, int, str, str]]] = {
    "situation": (-6, -2, "Open with one or two sentences of context: where you were, what was "
                  "at stake.", "Give just enough context to follow: the team, the goal, why it "
                  "mattered."),
    "task": (-4, -2, 'Say what you were responsible for: "My job was to...", "I was asked to...".',
             "Make your own responsibility explicit, separate from the team's."),
    "action": (-20, -10, 'Spend most of the answer on what you did, step by step: "I decided...", '
               '"I set up...", "I spoke to...".', "Action should be the largest part: add the "
               "steps you took and why you chose them."),
    "result": (-15, -6, "End with the outcome: what changed, ideally with a number (\"cut "
               "onboarding from 3 weeks to 1\").", "Say more about the outcome and what it meant "
               "for the team, the customer or the business."),
    "reflection": (-3, 0, "Close with what you learned or would do differently next time.", ""),
}  # fmt: skip


def _star(f: _Facts) -> Iterator[Finding]:
    """Missing and thin STAR parts; action should carry the most weight."""
    missing = [p for p in f.required if not f.present(p)]
    for part in missing:
        points, _, tip, _ = _PART_ADVICE[part]
        where = "among your STAR parts" if f.guided else "in the answer (from its cue phrases)"
        yield Finding(f"star.missing-{part}", "warn" if points <= -10 else "tip",
                      f"No {part} found {where}.", tip, points, (part,))  # fmt: skip
    thin: list[str] = []
    if f.shares is not None:
        basis = "time" if f.answer.part_seconds else "words"
        for part, target in f.targets.items():
            share = f.shares[part]
            points, thin_points, _, tip = _PART_ADVICE[part]
            if f.present(part) and thin_points and share < 0.4 * target:
                thin.append(part)
                yield Finding(f"star.thin-{part}", "warn" if thin_points <= -10 else "tip",
                              f"The {part} is only {_pct(share)} of your {basis} "
                              f"(aim for about {_pct(target)}).", tip, thin_points, (part,))  # fmt: skip
        largest = max(STAR_PARTS, key=lambda p: (f.shares[p] if f.shares else 0.0, p == "action"))
        if f.present("action") and "action" not in thin and largest != "action":
            yield Finding("star.action-not-largest", "tip",
                          f"The {largest} ({_pct(f.shares[largest])}) outweighs the action "
                          f"({_pct(f.shares['action'])}).", "Trim the set-up and spend the time on "
                          "what you did and how you decided.", -5, (largest, "action"))  # fmt: skip
    if not missing and not thin:
        yield Finding("star.complete", "good", "All STAR parts are there: "
                      + ", ".join(p for p in STAR_PARTS if f.present(p)) + ".",
                      "Keep this structure; it makes the answer easy to follow.", 0)  # fmt: skip


# --- rule 2: spoken length and part balance ------------------------------------------------


def _length(f: _Facts) -> Iterator[Finding]:
    """Speaking time (measured, or estimated at ~140 wpm) against the question's target."""
    target = f.question.target_seconds
    if target <= 0 or (f.answer.spoken and not f.measured):
        return
    how = "measured" if f.measured else f"estimated from {f.word_count} words"
    said = f"About {_dur(f.seconds)} ({how}); the target is {_dur(target)}."
    ratio = f.seconds / target
    if ratio < 0.5:
        yield Finding("length.too-short", "warn", said, "Add the detail that makes it convincing: "
                      "a concrete step you took and a measurable result.",
                      -15 if ratio < 0.25 else -10)  # fmt: skip
    elif ratio > 1.5:
        yield Finding("length.too-long", "warn", said, "Cut the set-up to two sentences and stop "
                      "after the result; offer detail if they ask.", -12 if ratio > 2 else -8)  # fmt: skip
    elif 0.7 <= ratio <= 1.3:
        yield Finding("length.on-target", "good", said, "A good length: room for follow-ups.", 0)


def _balance(f: _Facts) -> Iterator[Finding]:
    """A part (other than action) taking far more than its template share."""
    if f.shares is None:
        return
    basis = "time" if f.answer.part_seconds else "words"
    for part, target in f.targets.items():
        share = f.shares[part]
        if part != "action" and share > target + 0.15 and share > 1.75 * target:
            setup = part in ("situation", "task")
            yield Finding(f"length.long-{part}", "warn" if setup else "tip",
                          f"The {part} takes {_pct(share)} of your {basis} (aim for about "
                          f"{_pct(target)}).", "Say it in two sentences and move on to what you "
                          "did." if setup else f"Tighten the {part}; keep the detail for "
                          "follow-up questions.", -5 if setup else -3, (part,))  # fmt: skip


# --- rule 3: quantified result -------------------------------------------------------------

_UNITS = (
    r"%|percent|per cent|x\b|times\b|k\b|m\b|bn\b|million|billion|thousand|hours?|days?|weeks?|"
    r"months?|years?|minutes?|mins?|seconds?|users?|customers?|clients?|people|tickets?|bugs?|"
    r"points?|stars?|deals?|accounts?|sales|leads|releases|incidents?|requests?|orders?"
)
_STRONG_FIGURE = re.compile(
    r"[$€£] ?\d[\d,.]*(?: ?(?:k|m|bn|million|billion|thousand)\b)?|\b\d[\d,.]* ?(?:" + _UNITS + r")"
    r"|\b(?:doubled|tripled|quadrupled|halved|cut in half|twice as)\b|\bfrom \S*\d\S* (?:\w+ )?to \S*\d\S*"
)
_ANY_FIGURE = re.compile(
    _STRONG_FIGURE.pattern + r"|\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?|half|"
    r"twice)\b(?: \w+)?"
)


def _figures(pattern: re.Pattern[str], text: str) -> list[str]:
    found: list[str] = []
    for m in pattern.finditer(text):
        if m.group().strip() not in found:
            found.append(m.group().strip())
    return found[:3]


def _quantified(f: _Facts) -> Iterator[Finding]:
    """Numbers, percentages, money, durations, 'doubled', 'from X to Y' in the result."""
    result = _norm(f.parts["result"])
    if f.guided and not result:
        return  # reported as a missing result
    figures = _figures(_ANY_FIGURE, result)
    if not figures and not f.guided:  # attribution may have put the outcome in a nearby part
        tail = _norm(" ".join(f.parts[k] for k in ("action", "result", "reflection")))
        figures = _figures(_STRONG_FIGURE, tail)
    if figures:
        yield Finding("result.quantified", "good", f"Your result is quantified: {_quote(figures)}.",
                      "Numbers make impact credible; keep them.", 0, tuple(figures))  # fmt: skip
    else:
        yield Finding("result.not-quantified", "tip", "The result has no number in it.",
                      "Add a figure: how much faster or cheaper, how many people, or a before and "
                      'after ("from 4 days to 1", "30% fewer tickets").', -8)  # fmt: skip


# --- rule 4: ownership ---------------------------------------------------------------------

_I_WORDS = re.compile(r"\bi(?:'m|'ve|'d|'ll)?\b(?!\.e\.)")
_WE_WORDS = re.compile(r"\bwe(?:'re|'ve|'d|'ll)?\b")


def _ownership(f: _Facts) -> Iterator[Finding]:
    """'I' versus 'we' in the action (the whole answer when the action is short)."""
    use_action = f.part_words["action"] >= 15
    text = _norm(f.parts["action"]) if use_action else f.text
    where = "your action" if use_action else "your answer"
    mine, ours = len(_I_WORDS.findall(text)), len(_WE_WORDS.findall(text))
    said = f'In {where} you said "we" {ours} times and "I" {mine} times.'
    if ours >= 2 and ours > mine:
        yield Finding("ownership.we-heavy", "warn", said, 'Say what you did yourself: "I proposed",'
                      ' "I wrote", "I convinced"; keep "we" for the team\'s result.', -10)  # fmt: skip
    elif mine >= 2:
        yield Finding("ownership.clear", "good", said, "Your own contribution comes through.", 0)


# --- rule 5: fillers and hedging -----------------------------------------------------------

_FILLERS: Final[Mapping[str, re.Pattern[str]]] = {
    "um": re.compile(r"\b(?:u+m+|e+r+m+|u+h+m+)\b"),
    "uh": re.compile(r"\bu+h+\b"),
    "basically": re.compile(r"\bbasically\b"),
    "actually": re.compile(r"\bactually\b"),
    "literally": re.compile(r"\bliterally\b"),
    "just": re.compile(r"\bjust\b(?! in time| as\b)"),
    "you know": re.compile(r"\byou know\b(?! (?:how|what|that|when|where|why|who|whether|if|about|it|the|a|him|her|them)\b)"),
    "i mean": re.compile(r"\bi mean\b"),
}  # fmt: skip
_DETERMINER_BEFORE = "".join(
    rf"(?<!\b{d} )" for d in ("what", "this", "that", "the", "a", "any", "some", "which", "same")
)
_HEDGES: Final[Mapping[str, re.Pattern[str]]] = {
    "i think": re.compile(r"\bi think\b"),
    "i guess": re.compile(r"\bi guess\b"),
    "i suppose": re.compile(r"\bi suppose\b"),
    "maybe": re.compile(r"\bmaybe\b"),
    "perhaps": re.compile(r"\bperhaps\b"),
    "kind of": re.compile(_DETERMINER_BEFORE + r"\bkind of\b"),
    "sort of": re.compile(_DETERMINER_BEFORE + r"\bsort of\b"),
}
_LIKE = re.compile(r"\blike\b")
_LAST_WORD = re.compile(r"([\w']+)\W*$")
_LIKE_NOT_AFTER: Final = frozenset(
    """would i you we they to not don't didn't doesn't really also feel felt look looks looked
    seem seems seemed sound sounds sounded something things anything nothing much more most""".split()
)
_LIKE_FILLER_NEXT = re.compile(
    r"\s*,|\s+(?:really|totally|so|super|very|literally|just|um|uh|basically|actually|kind|sort)\b"
)


def _like_fillers(text: str) -> int:
    """'like' as filler ('it was, like, a mess'), not 'I would like to' or 'tools like Jira'."""
    count = 0
    for m in _LIKE.finditer(text):
        before = _LAST_WORD.search(text, max(0, m.start() - 24), m.start())
        prev = before.group(1) if before else ""
        if prev in _LIKE_NOT_AFTER or prev.endswith("'d"):
            continue
        if _LIKE_FILLER_NEXT.match(text, m.end()):
            count += 1
    return count


def _count_fillers(text: str) -> tuple[dict[str, int], dict[str, int]]:
    fillers = {k: len(p.findall(text)) for k, p in _FILLERS.items()}
    fillers["like"] = _like_fillers(text)
    hedges = {k: len(p.findall(text)) for k, p in _HEDGES.items()}
    return _nonzero(fillers), _nonzero(hedges)


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(((k, n) for k, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0])))


def _fillers(f: _Facts) -> Iterator[Finding]:
    """Filler words and hedges, listed with counts."""
    fillers, hedges = _count_fillers(f.text)
    per100 = 100 / max(f.word_count, 1)
    for rule, counts, tip, weak, strong in (
        ("filler.words", fillers, "Replace fillers with a short pause; it sounds more "
         "confident.", -4, -8),
        ("filler.hedging", hedges, 'State what you did and believe plainly: drop "I think", '
         '"maybe", "kind of".', -3, -6),
    ):  # fmt: skip
        total = sum(counts.values())
        if total < 2 or total * per100 < 1:
            continue
        listed = ", ".join(f'"{k}" \u00d7{n}' for k, n in counts.items())
        kind = "Fillers" if rule == "filler.words" else "Hedges"
        heavy = total * per100 >= 3
        yield Finding(rule, "warn" if heavy else "tip", f"{kind}: {listed} ({total} in "
                      f"{f.word_count} words).", tip, strong if heavy else weak, tuple(counts))  # fmt: skip
    if not fillers and not hedges and f.word_count >= 50:
        yield Finding("filler.clean", "good", "No filler words or hedges.", "Crisp delivery.", 0)


# --- rule 6: look-fors ---------------------------------------------------------------------


def _look_for_split(f: _Facts) -> tuple[list[str], list[str]]:
    covered: list[str] = []
    missing: list[str] = []
    for look_for in f.question.look_fors:
        if _key_stems(look_for):  # one made only of generic words can't be checked
            (covered if f.stems.covers(look_for) else missing).append(look_for)
    return covered, missing


def _look_fors(f: _Facts) -> Iterator[Finding]:
    """Which of the question's look-fors the answer covers (by key words, stemmed)."""
    covered, missing = _look_for_split(f)
    if covered:
        yield Finding("lookfor.covered", "good", f"Covered: {'; '.join(covered)}.",
                      "These are what the interviewer listens for.", 0, tuple(covered))  # fmt: skip
    if missing:
        heavy = len(missing) > len(covered)
        yield Finding("lookfor.missing", "warn" if heavy else "tip",
                      f"Not covered: {'; '.join(missing)}.", "Work these in, in your own words: "
                      "they are what this question is testing.", max(-12, -4 * len(missing)),
                      tuple(missing))  # fmt: skip


# --- rule 7: question-specific checks ------------------------------------------------------

_AMOUNT = re.compile(
    r"(?:(?P<cur>[$€£]) ?|(?<![\w.,]))(?P<num>\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)"
    r"(?: ?(?P<mult>k|m|thousand|grand|million)\b)?(?: ?(?P<cur2>€|\$|£|dollars|euros?|pounds|"
    r"usd|eur|gbp)\b)?"
)
_PERIOD = re.compile(r" ?(?:a|an|per|/) ?(?:year|yr|annum|month|hour|hr|day)\b")
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|or)\s*")
_MULT: Final = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "million": 1e6}
_DEFLECT = _alt(
    r"rather not", r"prefer not", r"whatever you think", r"what you think is fair", r"up to you",
    r"you tell me", r"open to (?:any|whatever)", r"not sure", r"don't know", r"no idea",
    r"what(?:'s| is) (?:the|your) (?:budget|range|band)", r"flexible", r"negotiable",
)
_BASIS = _alt(
    r"research\w*", r"market", r"data", r"glassdoor", r"levels\.fyi", r"payscale", r"survey\w*",
    r"benchmark\w*", r"industry", r"comparable", r"similar (?:roles|positions|jobs)",
    r"experience", r"\d+ years", r"skills", r"location", r"city", r"cost of living", r"based on",
    r"in line with", r"typical", r"going rate", r"current (?:salary|package|compensation)",
    r"responsibilit\w+", r"seniority", r"peers", r"salary guide",
)


@dataclass(frozen=True, slots=True)
class _Amount:
    value: float
    money: bool
    mult: float | None
    start: int
    end: int


def _amounts(text: str) -> list[_Amount]:
    out: list[_Amount] = []
    for m in _AMOUNT.finditer(text):
        num = m["num"]
        grouped = re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", num) is not None
        value = float(num.replace(",", "").replace(".", "") if grouped else num)
        mult = _MULT[m["mult"]] if m["mult"] else None
        value *= mult or 1
        year = 1900 <= value <= 2100 and not (m["cur"] or m["cur2"])
        marked = bool(m["cur"] or m["cur2"] or mult or _PERIOD.match(text, m.end()))
        out.append(_Amount(value, (marked or value >= 10_000) and not year, mult, m.start(), m.end()))
    return out


def _salary_range(text: str) -> tuple[tuple[float, float] | None, list[_Amount]]:
    """The first amount range in the text ("80-95k", "between $80,000 and $95,000"), and all amounts."""
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
        deflect = _DEFLECT.findall(f.text)
        if deflect:
            yield Finding("salary.deflection", "warn", f"You deflected ({_quote(deflect[:2])}) "
                          "without giving a figure.", "Give a researched range and say it's "
                          'flexible for the right package: "Based on market data, between 80 and '
                          '95k."', -15, tuple(deflect[:2]))  # fmt: skip
        else:
            yield Finding("salary.no-number", "warn", "No salary figure in the answer.",
                          'Name a range: "between 80 and 95k", with what it is based on.', -15)
        return
    if found is None:
        quoted = [f.text[a.start : a.end] for a in money][:2]
        yield Finding("salary.single-number", "warn", f"You gave a single number "
                      f"({_quote(quoted)}), not a range.", "Give a range whose bottom you would "
                      'accept: "between 85 and 95k", so there is room to meet.', -10,
                      tuple(quoted))  # fmt: skip
        low = high = money[0].value
    else:
        low, high = found
        yield Finding("salary.range", "good", f"You gave a range: {_money(low)}\u2013"
                      f"{_money(high)}.", "A range anchors the talk and leaves room.", 0)  # fmt: skip
    basis = _BASIS.findall(f.text)
    if basis:
        yield Finding("salary.basis", "good", f"You said what it's based on ({_quote(basis[:3])}).",
                      "Grounding the figure makes it easy to accept.", 0, tuple(basis[:3]))  # fmt: skip
    else:
        yield Finding("salary.no-basis", "tip", "You didn't say what the figure is based on.",
                      "Add a basis: market research for the role, your experience, the "
                      "location.", -5)  # fmt: skip
    if f.context.salary_range is not None:
        r_low, r_high = sorted(f.context.salary_range)
        research = f"your research: {_money(r_low)}\u2013{_money(r_high)}"
        if high < 0.95 * r_low:
            yield Finding("salary.below-research", "warn", f"Your figure is below {research}.",
                          "Aim within the researched range; asking low is hard to undo.", -6)
        elif low > 1.1 * r_high:
            yield Finding("salary.above-research", "tip", f"Your figure is above {research}.",
                          "Be ready to justify it, or bring the bottom into the range.", -4)
        else:
            yield Finding("salary.within-research", "good", f"In line with {research}.",
                          "Well researched.", 0)  # fmt: skip


_ROLE_LINK = _alt(
    r"this (?:role|position|job|team|company|opportunity)", r"your (?:team|company|product|"
    r"mission|customers|clients|organi[sz]ation)", r"here at", r"join(?:ing)? (?:you|your|the team)",
    r"in the role", r"at your",
)  # fmt: skip


def _phrase_in(phrase: str, f: _Facts) -> bool:
    low = _norm(phrase).strip()
    return bool(low) and (re.search(r"\b" + re.escape(low) + r"\b", f.text) is not None)


def _connects(f: _Facts) -> Iterator[Finding]:
    """Links the answer to the company or role, ideally by name or from research."""
    ctx = f.context
    named = [n for n in (ctx.company, ctx.role) if n and _phrase_in(n, f)]
    if ctx.role and ctx.role not in named and f.stems.covers(ctx.role):
        named.append(ctx.role)
    named += [t for t in ctx.research_terms if _phrase_in(t, f) or f.stems.covers(t)]
    if named:
        yield Finding("role.connected", "good", f"You tied it to the job: {_quote(named[:4])}.",
                      "Specifics from your research show real interest.", 0, tuple(named))  # fmt: skip
        return
    generic = _ROLE_LINK.findall(f.text)
    specific = bool(ctx.company or ctx.role or ctx.research_terms)
    if generic and not specific:
        yield Finding("role.connected", "good", f"You linked it to the job ({_quote(generic[:2])}).",
                      "Naming something specific about them is even stronger.", 0)  # fmt: skip
    elif generic:
        yield Finding("role.generic", "tip", f"You linked it to the job only in general terms "
                      f"({_quote(generic[:2])}).", "Name the company, the role or something "
                      "from your research.", -3)  # fmt: skip
    else:
        yield Finding("role.not-connected", "tip", "The answer doesn't connect to this role or "
                      "company.", 'End by linking it forward: "...which is what I\'d bring to '
                      'this team."', -8)  # fmt: skip


_REFERENCE = _alt(
    r"when we (?:discussed|talked|spoke|covered)", r"you (?:asked|mentioned|said|told me|shared|"
    r"explained|described|raised)", r"in our (?:first |last |previous |earlier )?(?:conversation|"
    r"interview|call|chat|meeting|discussion)", r"last time", r"we (?:discussed|talked about)",
    r"following up on", r"you were (?:saying|describing)",
)  # fmt: skip


def _reference(f: _Facts) -> Iterator[Finding]:
    """Refers to something concrete from the first conversation."""
    notes = [n for n in f.context.first_interview_notes if f.stems.covers(n)]
    cues = _REFERENCE.findall(f.text)
    if notes or cues:
        items = notes + cues[:2]
        yield Finding("reference.concrete", "good", f"You referred back to the first "
                      f"conversation: {_quote(items)}.", "It shows you listened.", 0, tuple(items))  # fmt: skip
    else:
        yield Finding("reference.missing", "tip", "Nothing points back to the first conversation.",
                      'Pick up a thread: "When we discussed the migration, you asked about..."', -6)


_EXAMPLE = re.compile(
    r"\b(?:for example|for instance|e\.g\.|such as|one time|once,|at one point|a time when|"
    r"when i|in my (?:last|previous|current|first) (?:role|job|team|position|company)|"
    r"at my (?:last|previous|current) (?:job|company|role)|last (?:year|month|week|quarter)|"
    r"recently|i remember)(?!\w)"
)


def _example(f: _Facts) -> Iterator[Finding]:
    """Backs the claim with an example: a cue phrase or a past-tense episode."""
    cues = _figures(_EXAMPLE, f.text)
    if cues or len(_PAST_I.findall(f.text)) >= 2:
        yield Finding("example.given", "good", "You backed it with an example"
                      + (f" ({_quote(cues)})." if cues else "."),
                      "Examples make claims believable.", 0)  # fmt: skip
    else:
        yield Finding("example.missing", "tip", "No example backs up what you say.",
                      'Add one: "For example, in my last role I..."', -8)


# --- registry and entry point --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    check: Callable[[_Facts], Iterator[Finding]]
    applies: Callable[[_Facts], bool]
    on_notes: NotesPolicy


def _checks(name: str) -> Callable[[_Facts], bool]:
    return lambda f: name in f.question.checks


_RULES: Final[tuple[_Rule, ...]] = (
    _Rule(_star, lambda f: f.star, "timed"),
    _Rule(_length, lambda f: True, "run"),
    _Rule(_balance, lambda f: f.star, "run"),
    _Rule(_quantified, lambda f: f.star, "soften"),
    _Rule(_ownership, lambda f: f.star, "skip"),
    _Rule(_fillers, lambda f: True, "skip"),
    _Rule(_look_fors, lambda f: bool(f.question.look_fors), "soften"),
    _Rule(_salary, lambda f: f.question.answer_format == "salary-range"
          or "salary-range" in f.question.checks, "soften"),  # fmt: skip
    _Rule(_connects, _checks("connects-to-role"), "soften"),
    _Rule(_reference, _checks("concrete-reference"), "soften"),
    _Rule(_example, _checks("gives-example"), "soften"),
)


def _soften(finding: Finding) -> Finding:
    if finding.points >= 0 and finding.severity != "warn":
        return finding
    return replace(finding, severity="tip", points=0, message=finding.message
                   + " (Judged from your notes only.)")  # fmt: skip


def analyse(
    question: Question,
    answer: Answer | str,
    template: StarTemplate | None = None,
    context: FeedbackContext | None = None,
) -> Feedback:
    """Score an answer to a question (0-100) and explain it with findings."""
    if isinstance(answer, str):
        answer = Answer.from_text(answer)
    f = _facts(question, answer, template, context or FeedbackContext())
    estimate = f.word_count * 60 / WORDS_PER_MINUTE
    detected = MappingProxyType({k: f.part_words[k] for k in STAR_PARTS})
    if f.word_count == 0 and not (answer.spoken and (f.measured or answer.part_seconds)):
        empty = Finding("answer.empty", "warn", "There is no answer to look at.",
                        "Answer out loud or type it, then ask for feedback.", -100)  # fmt: skip
        return Feedback(0, (empty,), 0, 0.0, f.seconds, detected)
    findings: list[Finding] = []
    for rule in _RULES:
        if not rule.applies(f):
            continue
        if answer.spoken and rule.on_notes == "skip":
            continue
        soften = answer.spoken and (
            rule.on_notes == "soften" or (rule.on_notes == "timed" and not answer.part_seconds)
        )
        findings.extend(_soften(x) if soften else x for x in rule.check(f))
    fillers, hedges = ({}, {}) if answer.spoken else _count_fillers(f.text)
    covered, missing = _look_for_split(f)
    score = max(0, min(100, 100 + sum(x.points for x in findings)))
    return Feedback(
        score=score,
        findings=tuple(findings),
        word_count=f.word_count,
        estimated_seconds=estimate,
        seconds=f.seconds,
        parts_detected=detected,
        fillers=MappingProxyType(_nonzero({**fillers, **hedges})),
        look_fors_covered=tuple(covered),
        look_fors_missing=tuple(missing),
    )


# Every rule id a finding can carry, for documentation, filtering and translations.
RULE_IDS: Final = frozenset(
    [f"star.{kind}-{p}" for kind in ("missing", "thin") for p in STAR_PARTS]
    + [f"length.long-{p}" for p in STAR_PARTS]
    + """answer.empty star.action-not-largest star.complete length.too-short length.too-long
    length.on-target result.quantified result.not-quantified ownership.we-heavy ownership.clear
    filler.words filler.hedging filler.clean lookfor.covered lookfor.missing salary.range
    salary.single-number salary.deflection salary.no-number salary.basis salary.no-basis
    salary.below-research salary.above-research salary.within-research role.connected
    role.generic role.not-connected reference.concrete reference.missing example.given
    example.missing""".split()
)
