"""Delivery: filler words and hedges, counted in one pass and listed with their counts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final

from prepcoach.practice.feedback.base import (
    COSTS,
    Finding,
    _find,
)

if TYPE_CHECKING:
    from prepcoach.practice.feedback.facts import _Facts


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


# Fillers or hedges at this rate (per hundred words) cost the whole of their weight.
FILLERS_FULL: Final = 5.0


def _filler_share(f: _Facts, counts: Mapping[str, int]) -> float:
    """How much the fillers (or the hedges) get in the way, 0-1: their rate per hundred
    words against FILLERS_FULL."""
    return min(1.0, sum(counts.values()) * 100 / max(f.word_count, 1) / FILLERS_FULL)


def _fillers(f: _Facts) -> Iterator[Finding]:
    """Filler words and hedges, listed with counts."""
    fillers, hedges = f.fillers, f.hedges
    per_100 = 100 / max(f.word_count, 1)
    for rule, kind, counts in (
        ("filler.words", "Fillers", fillers),
        ("filler.hedging", "Hedges", hedges),
    ):
        total = sum(counts.values())
        if total < 2 or total * per_100 < 1:
            continue
        listed = ", ".join(f'"{k}" \u00d7{n}' for k, n in counts.items())
        message = f"{kind}: {listed} ({total} in {f.word_count} words)."
        is_heavy = total * per_100 >= 3
        yield _find(rule, "warn" if is_heavy else "tip", COSTS, message, counts)
    if not fillers and not hedges and f.word_count >= 50:
        yield _find("filler.clean", "good", 0, "No filler words or hedges.")
