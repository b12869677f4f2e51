"""What reads as a question: a question mark, a question word or an interview prompt."""

from __future__ import annotations

import re
from itertools import islice
from typing import Final

from prepcoach.content.markdown_import.chars import (
    ALNUM,
    LATIN,
    QUESTION_MARKS,
    TRAILING,
    ends_with_question_mark,
    strip_quotes,
)

IMPERATIVE = re.compile(
    r"(?:please\s+)?(?:tell\s+(?:me|us)|describe|give\s+(?:me\s+|us\s+)?(?:an?\s+)?examples?"
    r"|walk\s+(?:me|us)\s+through|talk\s+(?:me|us)\s+through|talk\s+(?:to\s+(?:me|us)\s+)?about"
    r"|(?:take|run)\s+(?:me|us)\s+through|explain|share|sell\s+(?:me|us)|teach\s+(?:me|us)"
    r"|imagine|name\s+(?:a|an|one|two|three|the|your)|think\s+(?:of|about|back\s+to)\s+a"
    r"|recall\s+a|estimate|introduce\s+yourself|summari[sz]e\s+your|outline\s+(?:your|how|a)"
    r"|(?:convince|persuade|pitch\s+to)\s+(?:me|us)|rate\s+yourself|list\s+(?:your|three|five)"
    r"|prove\s+(?:to\s+(?:me|us)|that))\b",
    re.I,
)
_NOT_IMPERATIVE = re.compile(r"share\s*(?:on|this|via|:|$)", re.I)
_INTERROGATIVES: Final = frozenset(
    "what why how when where who whom whose which would could should can do does did are is "
    "have has will were was if".split()
)
_FILLERS: Final = frozenset("and so but also finally lastly now then ok okay well".split())
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE = re.compile(r"[,;:—–]|\s-\s")


def is_question(text: str, *, imperative: bool) -> bool:
    if ends_with_question_mark(text):
        return True
    return imperative and bool(IMPERATIVE.match(text)) and not _NOT_IMPERATIVE.match(text)


def as_question(text: str) -> str | None:
    """A list item's question: the text, or its part up to the last "?" when what follows is
    a remark ("Why this job? Be specific.") rather than a prompt ("Why? Explain.").
    """
    if is_question(text, imperative=True):
        return text
    cut = max(text.rfind(mark) for mark in QUESTION_MARKS) + 1
    while 0 < cut < len(text) and text[cut] in TRAILING.strip():
        cut += 1
    if cut <= 0:
        return None
    if IMPERATIVE.match(text[cut:].strip()):
        return text
    return strip_quotes(text[:cut].strip())


def is_paragraph_question(text: str) -> bool:
    """A paragraph needs "?" and a clause that opens with a question word or a prompt.

    "Looking back, what would you change?" is one; "Preparing for an interview?" is not.
    """
    if not ends_with_question_mark(text):
        return False
    if not LATIN.search(text) or text.lstrip("\"'“‘«").startswith("¿"):
        return True  # no English words to check, or a Spanish "¿...?"
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(clause.lower())
        while words and words[0] in _FILLERS:
            words.pop(0)
        if (words and words[0] in _INTERROGATIVES) or IMPERATIVE.match(clause.strip()):
            return True
    return False


def too_short(text: str) -> bool:
    words = list(islice((word for word in text.split() if ALNUM.search(word)), 2))
    return len(words) < 2 and len(list(islice(ALNUM.finditer(text), 8))) < 8


def norm_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))
