"""How a follow-up says things: dates ('Tuesday 14 March', 'yesterday'), names ('Jane, Sam and
Ana', the first name to greet), the signature without a second sign-off, and values that
finish a template's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from prepcoach.kernel import clock

HONORIFICS = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "madam"}
)


def long_date(when: date | datetime | None, reference: datetime) -> str:
    """'Tuesday 14 March' (with the year when it is not this year)."""
    if when is None:
        return ""
    day = clock.local(when).date() if isinstance(when, datetime) else when
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == clock.local(reference).year else f"{text} {day.year}"


def spoken_when(when: date | datetime | None, reference: datetime) -> str:
    """The interview's day as a sentence says it: 'today', 'yesterday', 'on Tuesday',
    'on 14 March'."""
    if when is None:
        return ""
    day = clock.local(when).date() if isinstance(when, datetime) else when
    days = (clock.local(reference).date() - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {day:%A}"
    return "on " + long_date(day, reference)


def greeting_name(name: str) -> str:
    """The name to greet someone by: their first name, skipping a title ('Dr. Jane Doe' ->
    'Jane')."""
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].casefold().rstrip(".") in HONORIFICS:
        tokens.pop(0)
    return tokens[0] if tokens else ""


_CLOSING = re.compile(
    r"^(?:best|kind|warm|warmest|many|thanks|thank you|regards|sincerely|cheers|all the best"
    r"|yours|with thanks|respectfully)\b[\w ]{0,20},?$",
    re.IGNORECASE,
)


def signature_block(signature: str) -> str:
    """The signature without a sign-off line of its own ('Best,'): templates close the email
    themselves, and two closings in a row look careless."""
    lines = signature.strip().split("\n")
    if len(lines) > 1 and _CLOSING.match(lines[0].strip()):
        lines = lines[1:]
    return "\n".join(lines).strip()


def join_names(names: Sequence[str]) -> str:
    """'Jane', 'Jane and Sam', 'Jane, Sam and Ana'."""
    names = [n for n in names if n]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# Words that only start with a capital because they started the user's note.
_SENTENCE_STARTERS = frozenset(
    "the a an our your their my his her its this that these those how what why when".split()
)


def phrase(text: str) -> str:
    """A value that finishes a template's sentence: no trailing full stop, one line.

    'The new data platform team' -> 'the new data platform team'; names keep their case.
    """
    text = " ".join(text.split()).rstrip(" .!;,")
    first = text.split(" ", 1)[0]
    if (
        first.lower() in _SENTENCE_STARTERS
        and first[:1].isupper()
        and first[1:] == first[1:].lower()
    ):
        return first.lower() + text[len(first) :]
    return text


def mid_sentence(name: str) -> str:
    """'Stakeholder management' -> 'stakeholder management' (an acronym keeps its case)."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name
