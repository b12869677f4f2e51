"""The score: a few interpretable features, each with one weight fitted to a coach's scores.

Every finding that costs points measures one feature of the answer, as a share between 0 (all
there) and 1 (all wanting): the action or the result missing, the look-fors not found, the
answer's length against the question's target, the fillers per hundred words... A feature's
weight is what it costs at its fullest, in points of its part; a finding costs its share of
that weight. A part is its maximum less what its findings cost, never below zero; the score
is the sum of the parts, capped when the answer is too short, content-free or off the
question, then put on the coach's scale (a coach keeps something to sharpen even in a very
good answer, so a flawless answer scores SCALE x 100).

The weights and the scale are fitted by least squares on the labelled corpus's tune half
(`python bench/fit_feedback.py`); nothing else in the score is tuned. The shares within a
feature (a single salary figure is two thirds of "no figure at all") are fixed by what the
findings mean, not fitted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from prepcoach.practice.feedback.base import (
    CONTENT_FREE_CAP,
    NOTES_CAP,
    OFF_TOPIC_CAP,
    PART_MAXIMA,
    STAR_PARTS,
)

# feature -> the part of the score it counts against.
FEATURE_PARTS: Final[Mapping[str, str]] = {
    "star": "structure",  # STAR parts missing, by their share of the template
    "balance": "structure",  # the share of the answer out of proportion with the template
    "short": "structure",  # shorter than the question needs, by how much
    "long": "structure",  # longer than it needs, by how much
    "repetitive": "structure",  # says the same things again
    "look-fors": "evidence",  # the share of the question's look-fors not found (those
    # whose absence proves little, "unsure", count half)
    "figure": "evidence",  # a result without a number
    "detail": "evidence",  # nothing concrete: no figure, name, moment or step
    "asked": "evidence",  # what the question's check asks for is missing
    "salary": "evidence",  # a salary answer without a researched, grounded range
    "disguised": "evidence",  # a strength in disguise for a weakness, a denial of failure
    "off-topic": "relevance",  # not an answer to the question asked
    "ownership": "delivery",  # "we" where the candidate's own part should be
    "fillers": "delivery",  # fillers and hedges, per hundred words
}

# feature -> points at its fullest, fitted on the tune half by bench/fit_feedback.py.
WEIGHTS: Final[Mapping[str, float]] = {
    "star": 9.8,
    "balance": 2.4,
    "short": 40.0,
    "long": 12.0,
    "repetitive": 8.0,
    "look-fors": 35.2,
    "figure": 7.5,
    "detail": 11.0,
    "asked": 6.5,
    "salary": 8.5,
    "disguised": 15.0,
    "off-topic": float(PART_MAXIMA["relevance"]),
    "ownership": 10.9,
    "fillers": 5.0,
}
# What a flawless answer scores, as a share of 100 (fitted with the weights).
SCALE: Final = 0.94

# rule id -> (feature, share of it), for findings whose share is fixed; the graded ones
# (length, look-fors, fillers) carry theirs from the rule.
_SHARES: Final[Mapping[str, tuple[str, float]]] = {
    "length.repetitive": ("repetitive", 1.0),
    "result.not-quantified": ("figure", 1.0),
    "detail.generic": ("detail", 1.0),
    "answer.disguised-strength": ("disguised", 1.0),
    "salary.no-number": ("salary", 1.0),
    "salary.deflection": ("salary", 1.0),
    "salary.single-number": ("salary", 0.67),
    "salary.no-basis": ("salary", 0.33),
    "salary.below-research": ("salary", 0.4),
    "salary.above-research": ("salary", 0.27),
    "role.not-connected": ("asked", 1.0),
    "role.generic": ("asked", 0.4),
    "reference.missing": ("asked", 1.0),
    "example.missing": ("asked", 1.0),
    "ownership.we-heavy": ("ownership", 1.0),
    "relevance.off-topic": ("off-topic", 1.0),
}
# The graded findings: rule id -> feature (the STAR parts' by their prefix).
GRADED: Final[Mapping[str, str]] = {
    **{f"star.missing-{part}": "star" for part in STAR_PARTS},
    **{f"star.thin-{part}": "balance" for part in STAR_PARTS},
    **{f"length.long-{part}": "balance" for part in STAR_PARTS},
    "star.action-not-largest": "balance",
    "length.too-short": "short",
    "length.too-long": "long",
    "lookfor.missing": "look-fors",
    "lookfor.unsure": "look-fors",
    "filler.words": "fillers",
    "filler.hedging": "fillers",
}


@dataclass(frozen=True, slots=True)
class Cost:
    """What one finding measures: a feature and its share (0-1); `soft` when judged from
    notes only, which costs half."""

    feature: str
    share: float
    soft: bool = False


def cost_of(rule: str, share: float | None = None) -> Cost | None:
    """The feature a finding measures and its share: fixed by the rule, or `share` for a
    graded rule. None: the finding costs nothing."""
    if rule in GRADED:
        return Cost(GRADED[rule], min(1.0, max(0.0, share or 0.0)))
    fixed = _SHARES.get(rule)
    return Cost(*fixed) if fixed is not None else None


def price(cost: Cost, weights: Mapping[str, float] = WEIGHTS) -> int:
    """What a finding costs, in points of its part (0 or negative); judged from notes only,
    half as much (absence from notes proves little)."""
    points = -round(weights[cost.feature] * cost.share)
    return points // 2 if cost.soft else points


@dataclass(frozen=True, slots=True)
class Caps:
    """What limits the score whatever its parts: an answer given aloud (judged from its
    notes), off the question, too short to judge (`short` is its cap), or with nothing to
    go on."""

    spoken: bool = False
    off_topic: bool = False
    short: int | None = None
    content_free: bool = False


def capped(parts: Mapping[str, int], cap: int) -> dict[str, int]:
    """Scale the parts down so that they add up to at most `cap`."""
    total = sum(parts.values())
    if total <= cap:
        return dict(parts)
    scaled = {k: v * cap // total for k, v in parts.items()}
    for key in sorted(parts, key=lambda k: -parts[k]):  # hand out what rounding lost
        if sum(scaled.values()) >= cap:
            break
        scaled[key] += 1
    return scaled


def parts_of(
    points: Iterable[tuple[str, int]],
    caps: Caps,
    scale: float = SCALE,
    maxima: Mapping[str, int] = PART_MAXIMA,
) -> dict[str, int]:
    """The score's parts from each finding's (part, points): each part its maximum plus its
    points, never below zero; then the caps, then the coach's scale."""
    lost = dict.fromkeys(maxima, 0)
    for part, value in points:
        lost[part] += value
    parts = {part: max(0, top + lost[part]) for part, top in maxima.items()}
    if caps.spoken:  # delivery can't be judged from notes: neither credit nor blame,
        parts["delivery"] = maxima["delivery"] // 2  # and notes are the answer's
        parts = capped(parts, NOTES_CAP)  # skeleton, not the answer itself
    if caps.off_topic:
        parts = capped(parts, OFF_TOPIC_CAP)
    if caps.short is not None:
        parts = capped(parts, caps.short)
    if caps.content_free:  # nothing to go on: neither the delivery nor the topic saves it
        parts = capped(parts, CONTENT_FREE_CAP)
    return capped(parts, round(scale * sum(parts.values())))
