"""YAML for exports, written straight from the data: the same document PyYAML would read back,
at the speed of the JSON encoder.

A long practice history holds hundreds of thousands of values; PyYAML's representer (even in
front of libyaml's emitter) spends tens of microseconds on each. Export rows hold only text,
numbers, booleans, nulls and the lists and mappings of JSON columns, so this module writes them
itself: short words plain, text with line breaks as `|` blocks, anything else as a JSON string
(a valid YAML double-quoted scalar, with the characters YAML reads differently escaped). The
few values it does not know how to write (a very long mapping key, another type) go through
libyaml. `tests/store/test_transfer.py` checks that every document reads back to the same data.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# A word PyYAML reads back as the same text when written plain.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_./@+-]*\Z")
_NOT_TEXT = {"yes", "no", "true", "false", "on", "off", "null"}  # read as booleans or null
# Characters YAML refuses in a file, or reads as line breaks inside quotes: escaped as \uXXXX.
_ESCAPE = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# Text a `|` block cannot carry exactly (as in transfer's representer).
_NOT_FOR_BLOCKS = re.compile("[\r\x85\u2028\u2029\ufeff]|[ \t]\n|[ \t]$|^\n|^[ \t]")
_UNPRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_KEY = 1000  # longer keys need YAML's explicit `? key` form: left to libyaml


_ENCODE_STRING: Callable[[str], str] = json.encoder.encode_basestring


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar."""
    return _ESCAPE.sub(_escape, _ENCODE_STRING(text))


def _scalar(value: Any) -> str | None:
    """A scalar written on one line, or None when it is not a one-line scalar."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is float:
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if kind is str:
        word: str = value
        if _PLAIN.match(word) and word.lower() not in _NOT_TEXT:
            return word
        if "\n" in value and not _NOT_FOR_BLOCKS.search(value) and not _UNPRINTABLE.search(value):
            return None  # a block
        return quoted(value)
    return None


def _block(text: str, indent: str) -> str:
    """` |` and the lines of `text`, for after a key or a dash."""
    if not text.endswith("\n"):
        head, body = "|-", text
    elif text.endswith("\n\n"):
        head, body = "|+", text[:-1]
    else:
        head, body = "|", text[:-1]
    lines = "".join(f"{indent}{line}\n" if line else "\n" for line in body.split("\n"))
    return f" {head}\n{lines}"


class _Fallback(Exception):
    """A value this writer leaves to libyaml."""


def _after_key(value: Any, indent: str, write: Callable[[str], None]) -> None:
    """Write what follows `key:` (or `-`) for `value`; nested content at `indent`."""
    text = _scalar(value)
    if text is not None:
        write(f" {text}\n")
        return
    if type(value) is str:
        write(_block(value, indent))
        return
    if isinstance(value, dict):
        if not value:
            write(" {}\n")
            return
        write("\n")
        _mapping(value, indent, indent, write)
        return
    if isinstance(value, list):
        if not value:
            write(" []\n")
            return
        write("\n")
        _sequence(value, indent, write)
        return
    raise _Fallback(type(value).__name__)


_KEYS: dict[str, str] = {}  # column names and JSON keys come again and again


def _key(key: Any) -> str:
    known = _KEYS.get(key) if type(key) is str else None
    if known is not None:
        return known
    if type(key) is not str or len(key) > MAX_KEY:
        raise _Fallback("key")
    text = _scalar(key)
    text = text if text is not None else quoted(key)
    if len(_KEYS) < 10_000:
        _KEYS[key] = text
    return text


def _mapping(
    mapping: dict[Any, Any], first: str, indent: str, write: Callable[[str], None]
) -> None:
    """The mapping's entries; the first line starts with `first` (a dash, or the indent)."""
    lead = first
    for key, value in mapping.items():
        write(f"{lead}{_key(key)}:")
        _after_key(value, indent + "  ", write)
        lead = indent


def _sequence(items: list[Any], indent: str, write: Callable[[str], None]) -> None:
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, f"{indent}- ", indent + "  ", write)
        else:
            write(f"{indent}-")
            _after_key(item, indent + "  ", write)


_SHORT = 64  # one-line texts up to this long have their YAML remembered (ids, kinds, dates)
_TEXTS: dict[str, str] = {}


def _text(value: str, indent: str) -> str:
    """What follows `key:` for a text: ` word`, ` "quoted"` or a block, and the line end."""
    short = len(value) <= _SHORT
    if short:
        known = _TEXTS.get(value)
        if known is not None:
            return known
    if _PLAIN.match(value) and value.lower() not in _NOT_TEXT:
        piece = f" {value}\n"
    elif "\n" in value:
        if not _NOT_FOR_BLOCKS.search(value) and not _UNPRINTABLE.search(value):
            return _block(value, indent)
        return f" {quoted(value)}\n"
    elif value.isascii() and "\x7f" not in value:  # isascii is free: str knows it already
        piece = f" {_ENCODE_STRING(value)}\n"  # only controls to escape, done by the encoder
    else:
        piece = f" {quoted(value)}\n"
    if short:
        if len(_TEXTS) >= 50_000:
            _TEXTS.clear()
        _TEXTS[value] = piece
    return piece


def _flat_row(row: dict[Any, Any], lead: str, indent: str) -> str | None:
    """A row whose values are all scalars, written in one go; None for any other row."""
    pieces: list[str] = []
    add = pieces.append
    inner = indent + "  "
    keys = _KEYS
    for key, value in row.items():
        name = keys.get(key) if type(key) is str else None
        if name is None:
            try:
                name = _key(key)
            except _Fallback:
                return None
        kind = type(value)
        if kind is str:
            add(f"{lead}{name}:{_text(value, inner)}")
        elif value is None:
            add(f"{lead}{name}: null\n")
        elif kind is int:
            add(f"{lead}{name}: {value}\n")
        elif kind is float or kind is bool:
            add(f"{lead}{name}: {_scalar(value)}\n")
        else:
            return None
        lead = indent
    return "".join(pieces)


def rows(items: Iterable[Any], indent: str, fallback: Callable[[list[Any]], str]) -> Iterator[str]:
    """A YAML sequence of `items` at `indent`, in pieces; `fallback` dumps what is not plain."""
    lead, inner = f"{indent}- ", indent + "  "
    for item in items:
        if type(item) is dict and item:
            flat = _flat_row(item, lead, inner)
            if flat is not None:
                yield flat
                continue
        pieces: list[str] = []
        try:
            _sequence([item], indent, pieces.append)
        except _Fallback:
            yield "".join(indent + line for line in fallback([item]).splitlines(keepends=True))
            continue
        yield "".join(pieces)
