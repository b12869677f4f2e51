"""Checks for what users type or paste: clear messages instead of surprises later.

Text is kept as typed (emoji, right-to-left scripts, combining marks are all fine); only
things that would break storage or the terminal are refused: control characters (a pasted
escape sequence could repaint someone's terminal when shown later) and sizes far beyond what
the field is for.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 200  # names, titles, companies, roles
EMAIL_MAX = 254
QUOTED = 32  # characters of a typed value that a message quotes back
PART_MAX = 10_000  # one STAR part: about 1,500 words, several minutes spoken
NOTES_MAX = 200_000  # notes, a pasted job posting

EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]{2,}$")
URL_RE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str, *, multiline: bool = True) -> str:
    """Normalise line endings and trim surrounding space; a single-line field loses newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = " ".join(text.split("\n"))
        return text.strip()
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def problem(
    label: str,
    text: str,
    *,
    required: bool = False,
    max_chars: int = NAME_MAX,
) -> str | None:
    """What is wrong with a value, as a sentence naming the field; None when it is fine."""
    if required and not text.strip():
        return f"{label} cannot be empty"
    bad = _CONTROL.search(text)
    if bad:
        name = unicodedata.name(bad.group(), f"U+{ord(bad.group()):04X}")
        code = f"U+{ord(bad.group()):04X}"
        return (
            f"{label} contains a control character ({code}{'' if name == code else ' ' + name}) "
            f"at position {bad.start() + 1}; remove it and try again"
        )
    if len(text) > max_chars:
        return (
            f"{label} is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Keep the essentials (notes can hold a link to the rest)"
        )
    return None


def quoted(value: str) -> str:
    """A typed value as a message quotes it back: one line, cut at a word when long."""
    from prepcoach.kernel.text import clip  # loaded only when there is a message to say

    return clip(value, QUOTED)


def email_problem(email: str, label: str = "email") -> str | None:
    if not email:
        return None
    if len(email) > EMAIL_MAX or not EMAIL_RE.match(email):
        return (
            f"'{quoted(email)}' is not a valid {label} address "
            "(expected something like name@example.com)"
        )
    return None


def is_url(text: str) -> bool:
    return bool(URL_RE.match(text.strip()))
