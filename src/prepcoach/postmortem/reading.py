"""The tools every post-mortem answer parser reads with: an `Issue` with the path to it, the
`ParseContext`, and readers for a rating, a text, a list, a mapping's fields and a dated item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prepcoach.content.validation import suggest
from prepcoach.interviews.core import parse_when
from prepcoach.kernel import textcheck
from prepcoach.kernel.dates import DateContradiction, typed
from prepcoach.kernel.errors import PrepError
from prepcoach.postmortem.core import RATING_MAX, RATING_MIN

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary


# ---------------------------------------------------------------------------- issues


@dataclass(frozen=True, slots=True)
class Issue:
    """Something to fix in an answer; `path` leads to it, e.g. ("questions", 1, "rating")."""

    path: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return f"{describe_path(self.path)}: {self.message}" if self.path else self.message


def describe_path(path: Sequence[str | int]) -> str:
    """("questions", 1, "rating") -> "questions #2 rating"."""
    return " ".join(f"#{step + 1}" if isinstance(step, int) else str(step) for step in path)


def type_name(value: Any) -> str:
    names = {dict: "mapping", list: "list", bool: "true/false", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What reading answers needs: the bank, and "now" for dates such as 'fri'."""

    library: ContentLibrary
    reference: datetime | None = None
    complete: bool = True  # False for a draft: unrated questions and gaps are allowed


def parse_rating(value: Any) -> int | None:
    """1-5 from a number or a digit string; None for nothing; ValueError says what is wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        number = int(value)
    if number is None:
        raise ValueError(f"'{value}' is not a rating; give a whole number from 1 to 5")
    if not RATING_MIN <= number <= RATING_MAX:
        raise ValueError(f"{number} is outside 1-5 (1 poor, 5 excellent)")
    return number


def text_value(
    value: Any, path: tuple[str | int, ...], *, max_chars: int, multiline: bool = True
) -> tuple[str, list[Issue]]:
    if value is None:
        return "", []
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return "", [Issue(path, f"must be text, not a {type_name(value)}")]
    text = textcheck.clean(str(value), multiline=multiline)
    problem = textcheck.problem("it", text, max_chars=max_chars)
    return text, [Issue(path, problem)] if problem else []


def list_items(value: Any, path: tuple[str | int, ...]) -> tuple[list[Any], list[Issue]]:
    """A list answer: a list, one item given alone, or nothing."""
    if value is None or value == "":
        return [], []
    if isinstance(value, list):
        return list(value), []
    if isinstance(value, str | int | float | dict) and not isinstance(value, bool):
        return [value], []
    return [], [Issue(path, f"must be a list, not {type_name(value)}")]


def unknown_keys(
    item: Mapping[Any, Any], allowed: Sequence[str], path: tuple[str | int, ...]
) -> list[Issue]:

    return [
        Issue(
            (*path, str(key)),
            f"unknown field{suggest(str(key), list(allowed))}; use: {', '.join(allowed)}",
        )
        for key in item
        if key not in allowed
    ]


# ---------------------------------------------------------------------------- dates

_DATE_SEPARATORS = (": ", " - ", " – ", " — ")


def normalize_date_item(text: str, reference: datetime | None = None) -> str:
    """'fri: hear back' -> '2025-03-21: hear back'; text that starts with no date is kept.

    The date may be anything `prepcoach.kernel.dates` reads (ISO, 14 March, next tuesday,
    in 3 days, with an optional time); times are written in local time. A weekday that
    contradicts its date raises DateContradiction.
    """
    text = textcheck.clean(text, multiline=False)
    candidates = [(text, "")]
    for separator in _DATE_SEPARATORS:
        head, found, rest = text.partition(separator)
        if found:
            candidates.append((head, rest))
    for head, rest in candidates:
        try:
            when = parse_when(head, reference)
        except DateContradiction:
            raise
        except PrepError:
            continue
        if when is None:
            continue
        shown = typed(when)
        return f"{shown}: {rest.strip()}" if rest.strip() else shown
    return text
