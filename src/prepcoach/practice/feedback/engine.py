"""The rule registry and the score: the rules run in order, made to agree on each topic, and
their points summed into four parts, capped and calibrated to a coach's scale.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from prepcoach.content.model import Question, StarTemplate
from prepcoach.kernel import text as kt
from prepcoach.practice.feedback.base import (
    MAX_WORDS,
    PART_MAXIMA,
    SHORT_CAP,
    STAR_PARTS,
    UNSURE_SHARE,
    WORDS_PER_MINUTE,
    Answer,
    Feedback,
    FeedbackContext,
    Finding,
    NotesPolicy,
    _dur,
    _find,
)
from prepcoach.practice.feedback.facts import (
    _Facts,
    _facts,
)
from prepcoach.practice.feedback.fillers import (
    _by_count,
    _filler_share,
    _fillers,
)
from prepcoach.practice.feedback.lookfors import (
    _look_fors,
    _unsure,
)
from prepcoach.practice.feedback.relevance import (
    QuestionBank,
    _relevance,
)
from prepcoach.practice.feedback.rules import (
    _ASKS_FLAW,
    _asks_salary,
    _balance,
    _concrete,
    _connects,
    _disguised,
    _example,
    _length,
    _long_share,
    _ownership,
    _quantified,
    _reference,
    _repeats,
    _salary,
    _short_share,
    _star,
)
from prepcoach.practice.feedback.score import (
    FEATURE_PARTS,
    SCALE,
    WEIGHTS,
    Caps,
    Cost,
    cost_of,
    parts_of,
    price,
)

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
_DELIVERY_RULES: Final = frozenset({"length.on-target"})


def part_of(rule: str) -> str:
    """The part of the score a finding counts against: its feature's, or by its prefix."""
    cost = cost_of(rule, 0.0)
    if cost is not None:
        return FEATURE_PARTS[cost.feature]
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
    return replace(finding, severity="tip", message=message)


def _original(answer: Answer) -> str:
    """The answer's words as given (not lower-cased): every part, in order."""
    return "\n".join(v for v in answer.parts.values() if isinstance(v, str))


def _not_scored(rule: str, message: str, f: _Facts, detected: Mapping[str, int]) -> Feedback:
    finding = _find(rule, "tip", 0, message)
    estimate = f.word_count * 60 / WORDS_PER_MINUTE
    return Feedback(None, (finding,), f.word_count, estimate, f.seconds, detected, scored=False)


# A part missing that its template leaves out costs as much as this share of it.
_OPTIONAL_SHARE: Final = 0.1


def _share(finding: Finding, f: _Facts, checkable: int) -> float | None:
    """How much of its feature a graded finding finds wanting (0-1)."""
    rule = finding.rule
    if rule.startswith("star.missing-"):  # as much as the part's share of the template
        return f.targets.get(rule.removeprefix("star.missing-"), _OPTIONAL_SHARE)
    if f.shares is not None and finding.items and rule.startswith(("star.", "length.long-")):
        # the share of the answer out of proportion: a part's gap from its target, or by
        # how much another part outweighs the action
        part, shares = finding.items[0], f.shares
        if rule == "star.action-not-largest":
            return shares[part] - shares["action"]
        return abs(shares[part] - f.targets.get(part, shares[part]))
    if rule == "length.too-short":
        return _short_share(f)
    if rule == "length.too-long":
        return _long_share(f)
    if rule.startswith("lookfor."):  # the share of the look-fors; unsure ones count half
        sure = UNSURE_SHARE if rule == "lookfor.unsure" else 1.0
        return sure * len(finding.items) / max(checkable, 1)
    if rule.startswith("filler."):
        return _filler_share(f, f.fillers if rule == "filler.words" else f.hedges)
    return None


def _counted(findings: Sequence[Finding]) -> set[str]:
    """The rules whose gap a look-for said missing already counts: one gap, one cost (no
    range is the range look-for missing; no link to the company, the company look-for)."""
    gaps = [i.lower() for x in findings if x.rule.startswith("lookfor.") for i in x.items]
    gaps = gaps if any(x.rule in ("lookfor.missing", "lookfor.unsure") for x in findings) else []
    return {
        rule
        for topic in _TOPICS
        if any(topic.covers.search(g) for g in gaps)
        for rule in topic.opposites
    }


def _costs(
    findings: Sequence[Finding], f: _Facts, checkable: int, softened: set[str]
) -> list[Cost | None]:
    """What each finding measures: its feature and share, and whether it is judged from
    notes only."""
    out: list[Cost | None] = []
    counted = _counted([x for x in findings if x.rule != "lookfor.covered"])
    for x in findings:
        # A rule says whether a finding costs (the parts a story in free text leaves
        # implicit do not); its feature's weight says how much.
        costs = x.points < 0 and x.rule not in counted
        cost = cost_of(x.rule, _share(x, f, checkable)) if costs else None
        if cost is not None and (x.rule in softened or x.rule.split(".")[0] in softened):
            cost = replace(cost, soft=True)
        out.append(cost)
    return out


# Written answers this much shorter than 25 words are one-liners: the fewer words, the lower.
ONE_LINER_WORDS: Final = 25


def _caps(f: _Facts, findings: Sequence[Finding], covered: Mapping[str, str]) -> Caps:
    """What limits the score whatever its parts."""
    rules = {x.rule for x in findings}
    short = None
    if f.word_count < ONE_LINER_WORDS and not f.answer.spoken:
        # A one-line salary figure does answer its question; other one-liners hold little.
        figure = bool(rules & {"salary.range", "salary.single-number", "salary.single-figure"})
        short = SHORT_CAP if figure else min(SHORT_CAP, 5 + 2 * f.word_count)
    nothing = "detail.generic" in rules or bool(rules & {"salary.no-number", "salary.deflection"})
    return Caps(
        spoken=f.answer.spoken,
        off_topic="relevance.off-topic" in rules,
        short=short,
        content_free=nothing and not covered,
    )


@dataclass(frozen=True, slots=True)
class Judged:
    """An answer judged but not yet scored: its feedback with the findings' points still to
    set, what each finding measures, and what caps the score."""

    feedback: Feedback
    costs: tuple[Cost | None, ...]
    caps: Caps


def scored(
    judged: Judged, weights: Mapping[str, float] = WEIGHTS, scale: float = SCALE
) -> Feedback:
    """The feedback with its points and score, by the features' weights."""
    findings = tuple(
        x if cost is None else replace(x, points=price(cost, weights))
        for x, cost in zip(judged.feedback.findings, judged.costs, strict=True)
    )
    parts = parts_of(((part_of(x.rule), x.points) for x in findings), judged.caps, scale)
    return replace(judged.feedback, score=sum(parts.values()), findings=findings, parts=parts)


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
    judged = judge(question, answer, template, context, bank)
    return judged if isinstance(judged, Feedback) else scored(judged)


def judge(
    question: Question,
    answer: Answer | str,
    template: StarTemplate | None = None,
    context: FeedbackContext | None = None,
    bank: QuestionBank | None = None,
) -> Judged | Feedback:
    """The findings on an answer and what each measures, before they are priced; or the
    feedback itself when there is nothing to score."""
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
    if f.word_count and not kt.reads_as_english(_original(answer)):
        message = (
            "Not scored: feedback reads answers in English, and this one seems to be in "
            "another language. It is kept as you gave it."
        )
        return _not_scored("answer.other-language", message, f, detected)
    if f.word_count == 0:
        empty = _find("answer.empty", "warn", -100, "There is no answer to look at.")
        zero = dict.fromkeys(PART_MAXIMA, 0)
        return Feedback(0, (empty,), 0, 0.0, f.seconds, detected, parts=zero)
    findings: list[Finding] = []
    softened: set[str] = set()
    for rule in _RULES:
        if not rule.applies(f) or (answer.spoken and rule.on_notes == "skip"):
            continue
        soften = answer.spoken and (
            rule.on_notes == "soften" or (rule.on_notes == "timed" and not f.timed)
        )
        for x in rule.check(f):
            if soften:
                softened.add(x.rule)
            findings.append(_soften(x) if soften else x)
    covered, missing = dict(f.covered), list(f.missing)
    named = bool(f.context.company or f.context.role or f.context.research_terms)
    findings = _one_verdict(findings, covered, missing, named)
    doubtful = _unsure(replace(f, covered=covered, missing=tuple(missing)))
    unsure = [m for m in missing if m in doubtful]
    missing = [m for m in missing if m not in doubtful]
    look_fors = [_soften(x) if answer.spoken else x for x in _look_fors(covered, missing, unsure)]
    if answer.spoken:
        softened.add("lookfor")
    at = next(
        (i for i, x in enumerate(findings) if x.rule.split(".")[0] in _AFTER_LOOK_FORS),
        len(findings),
    )
    findings[at:at] = look_fors
    fillers, hedges = ({}, {}) if answer.spoken else (f.fillers, f.hedges)
    checkable = len(covered) + len(missing) + len(unsure)
    caps = _caps(f, findings, covered)
    feedback = Feedback(
        score=None,
        findings=tuple(findings),
        word_count=f.word_count,
        estimated_seconds=estimate,
        seconds=f.seconds,
        parts_detected=detected,
        fillers=_by_count({**fillers, **hedges}),
        look_fors_covered=tuple(c for c in f.question.look_for_labels if c in covered),
        look_fors_missing=tuple(missing),
        look_fors_unsure=tuple(unsure),
        evidence={c: covered[c] for c in f.question.look_for_labels if c in covered},
        on_topic=not caps.off_topic,
    )
    return Judged(feedback, tuple(_costs(findings, f, checkable, softened)), caps)
