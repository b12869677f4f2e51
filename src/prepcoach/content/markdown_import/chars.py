"""Characters: what is printable, spacing, indentation, quotes and question marks."""

from __future__ import annotations

import re
import unicodedata
from typing import Final


def sanitize(text: str) -> str:
    """Drop control, format, surrogate, private-use and unassigned characters; keep tabs."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch == "\t" or not unicodedata.category(ch).startswith("C"))


def collapse(text: str) -> str:
    return " ".join(text.split())


def indent_width(text: str) -> int:
    width = 0
    for ch in text:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum
LATIN = re.compile("[A-Za-z\u0130\u212a]")  # a letter whose lower case is in a-z
_QUOTES: Final = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "„": "“", "”": "”"}
TRAILING: Final = "\"'”’»)]*_ \t"
# Question marks of the world's scripts: Latin, full-width, Arabic (also Persian and Urdu),
# reversed, interrobang, doubled, Greek, Armenian, Ethiopic, small and vertical forms, Vai.
QUESTION_MARKS: Final = (
    "?", "？", "؟", "⸮", "‽", "⁇", "⁈", "⁉", "\u037e", "՞", "፧", "﹖", "︖", "꘏",
)  # fmt: skip
SENTENCE_END: Final = (".", "!", ":", "。", "！", "۔", "।", *QUESTION_MARKS)


def strip_quotes(text: str) -> str:
    if len(text) < 2 or text[0] not in _QUOTES:
        return text
    close = _QUOTES[text[0]]
    inner, tail = text[1:], ""
    if inner.endswith(close):
        inner = inner[:-1]
    elif len(inner) > 1 and inner[-1] in ".?!" and inner[-2] == close:
        inner, tail = inner[:-2], inner[-1]
    else:
        return text
    # A quote inside means two quoted parts ('"A" or "B"'); ' and ’ are apostrophes too.
    if close not in "'’" and (close in inner or text[0] in inner):
        return text
    inner = inner.strip()
    if tail and not inner.endswith((".", "!", *QUESTION_MARKS)):
        inner += tail
    return inner


def ends_with_question_mark(text: str) -> bool:
    return text.rstrip(TRAILING).endswith(QUESTION_MARKS)
