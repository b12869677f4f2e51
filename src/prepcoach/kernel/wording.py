"""How counts and lists are said in English: "1 question", "3 questions"; "a, b and c".

The one home of these rules, so that every message says them alike.
"""

from __future__ import annotations

from collections.abc import Sequence


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and its noun, singular for one: "1 question", "2 questions", "0 stories"."""
    return f"{count:,} {noun if count == 1 else (plural or noun + 's')}"


def is_are(count: int) -> str:
    """The verb that follows a count: "1 question is due", "2 questions are due"."""
    return "is" if count == 1 else "are"


def and_list(items: Sequence[str]) -> str:
    """Items joined as a sentence says them: "a", "a and b", "a, b and c"; "" for none."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def continued(text: str) -> str:
    """A sentence carried on after a colon or a verb ("shows: that you ..."): its first word
    in lower case, unless it is a name or an acronym ("I", "STAR", "McKinsey" stay)."""
    first = text.split(" ", 1)[0]
    if first == "A" or (
        len(first) > 1 and first[0].isupper() and first[1:].replace("-", "").islower()
    ):
        return text[0].lower() + text[1:]
    return text
