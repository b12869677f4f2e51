"""Reading the YAML that `prep export` writes, line by line, at the speed of the JSON reader.

`yamlexport` writes each row of a table as one block mapping of one-line scalars (plain words,
numbers, `null`, `true`, `false`, JSON-style double-quoted text, `{}`, `[]`) and `|` blocks for
text with line breaks. This reader knows that layout only, and reads it with string methods and
the C JSON string decoder rather than an event per value. It is exact or it gives up: each value
is read as PyYAML's safe loader reads it (the same resolver decides every plain word), and
anything outside the layout (a nested value, a comment inside a row, a tab, another line break,
an escape JSON does not share, a text over the length limit, a repeated key...) raises
`NotOurs` before the row it is in is given out. `exportread` then reads the file again with the
full reader, skipping the items already given, so a file written or edited by other hands
imports as before, only more slowly, with the full reader's checks and messages.
"""

from __future__ import annotations

import json.decoder
import re
from collections.abc import Callable, Iterator
from typing import Any

Item = tuple[str, str, Any]

CHUNK = 1 << 20  # characters read at a time
ROW = "  - "  # a row starts: its first key follows
ROW_KEY = "    "  # the row's other keys
BLOCK = "      "  # the lines of a block in a row
_HEADS = {" |": "clip", " |-": "strip", " |+": "keep"}
_SCAN_STRING: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
# Characters that make a line mean something else to YAML than to this reader: other line
# breaks, tabs, a byte-order mark, and what YAML refuses in a file.
_NOT_OURS = re.compile(
    "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# The bytes of the UTF-8 text that need no second look: a line feed, printable ASCII, and every
# byte of a character beyond ASCII (those are looked at one by one, in `_suspicious`).
_FINE_BYTES = bytes([10, *range(0x20, 0x7F), *range(0x80, 0x100)])
_ODD_CHARACTERS = ("\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff")


def _suspicious(text: str) -> bool:
    """Whether `text` holds a character `_NOT_OURS` names, as fast as the machine reads: the
    same answer, by byte operations instead of a regular expression (ten times slower)."""
    raw = text.encode("utf-8")
    if raw.translate(None, _FINE_BYTES):  # a control character, DEL or a tab
        return True
    if text.isascii():
        return False
    if any(odd in text for odd in _ODD_CHARACTERS):
        return True
    start = raw.find(b"\xc2")  # U+0080-U+00BF: the C1 controls are U+0080-U+009F
    while start != -1:
        if raw[start + 1] < 0xA0:
            return True
        start = raw.find(b"\xc2", start + 1)
    return False


# Escapes a JSON string and a YAML double-quoted scalar read differently: a surrogate written
# as \uXXXX (JSON joins a pair, YAML does not).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB89cdefCDEF]")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./@+-]*\Z")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+(?:e[-+][0-9]+)?\Z")
_CONSTANTS: dict[str, Any] = {
    "null": None,
    "true": True,
    "false": False,
    "{}": {},
    "[]": [],
    ".nan": float("nan"),
    ".inf": float("inf"),
    "-.inf": float("-inf"),
}


class NotOurs(Exception):  # noqa: N818 - a signal: the full reader takes over
    """The text is not in the layout this reader knows."""


class Reader:
    """The items of an export written by `yamlexport` (see `exportread.read_export`)."""

    def __init__(self, read: Callable[[int], str], max_text: int) -> None:
        """`read(n)` gives the next n characters of the file ('' at its end)."""
        import yaml

        self.read = read
        self.max_text = max_text
        self.resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers
        self.words: dict[str, bool] = {}  # plain word -> whether it is text for PyYAML
        self.seen: dict[str, Any] = {}  # short scalars (never a list or mapping) -> value
        self.buffer: list[str] = []  # the lines read and not yet taken, from `at` on
        self.at = 0
        self.rest = ""  # the start of a line whose end is not read yet
        self.ended = False

    # ------------------------------------------------------------ lines
    def _fill(self) -> bool:
        """Read the next piece of the file into whole lines; False at its end."""
        while not self.ended:
            data = self.read(CHUNK)
            if not data:
                self.ended = True
                if self.rest:
                    raise NotOurs("the last line has no line break")
                return False
            if _suspicious(data):
                raise NotOurs("a character YAML reads differently")
            lines = (self.rest + data).split("\n")
            self.rest = lines.pop()
            if lines:
                self.buffer, self.at = lines, 0
                return True
        return False

    def _next(self) -> str | None:
        """The next line without its line break; None at the end."""
        if self.at >= len(self.buffer) and not self._fill():
            return None
        line = self.buffer[self.at]
        self.at += 1
        return line

    def _push(self, line: str | None) -> None:
        """Give back the line just taken (None: the end, which stays the end)."""
        if line is not None:
            self.at -= 1

    # ------------------------------------------------------------ values
    def scalar(self, text: str) -> Any:
        """A one-line scalar as PyYAML's safe loader reads it."""
        first = text[:1]
        if first == '"':
            if _SURROGATE_ESCAPE.search(text) is not None:
                raise NotOurs("a surrogate escape")
            try:
                value, end = _SCAN_STRING(text, 1)
            except ValueError:
                raise NotOurs("a YAML-only escape") from None
            if end != len(text):
                raise NotOurs("text after a quoted scalar")
            return self._text(value)
        known = self.seen.get(text, self)  # scores, ratings, kinds, styles come again
        if known is not self:
            return known
        known = _CONSTANTS.get(text, self)
        if known is not self:
            return type(known)() if isinstance(known, dict | list) else known
        value = self._unquoted(text)
        if len(text) <= 32:
            if len(self.seen) >= 20_000:
                self.seen.clear()
            self.seen[text] = value
        return value

    def _unquoted(self, text: str) -> Any:
        if _WORD.match(text):
            if not self._is_text(text):
                raise NotOurs("a word the resolver reads as something else")
            return self._text(text)
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        raise NotOurs("a scalar of another form")

    def _is_text(self, word: str) -> bool:
        """Whether PyYAML's resolver leaves this plain word as text (remembered)."""
        plain = self.words.get(word)
        if plain is None:
            plain = not any(p.match(word) for _tag, p in self.resolvers.get(word[:1], ()))
            if len(self.words) < 20_000:
                self.words[word] = plain
        return plain

    def _text(self, value: str) -> str:
        if len(value) > self.max_text:
            raise NotOurs("a text over the length limit")  # the full reader says so
        return value

    def block(self, head: str) -> str:
        """The lines of a `|` block in a row, chomped as its head says."""
        chomp = _HEADS[head]
        lines: list[str] = []
        while True:
            line = self._next()
            if line is None:
                break
            if not line:
                lines.append("")
                continue
            if not line.startswith(BLOCK):
                self._push(line)
                break
            content = line[len(BLOCK) :]
            if not lines and content[:1] == " ":
                raise NotOurs("a block indented further")  # its indentation is another
            if not content.strip(" "):
                raise NotOurs("a line of spaces in a block")
            lines.append(content)
        if not lines or not lines[0]:
            raise NotOurs("a block that starts blank")
        raw = "\n".join(lines) + "\n"
        if chomp == "clip":
            raw = raw.rstrip("\n") + "\n"
        elif chomp == "strip":
            raw = raw.rstrip("\n")
        return self._text(raw)

    def entry(self, text: str) -> tuple[str, Any]:
        """`key: value` (or `key: |` and the block's lines) of a row."""
        key, colon, rest = text.partition(":")
        if not colon or not (self.words.get(key) or (_WORD.match(key) and self._is_text(key))):
            raise NotOurs("a key of another form")  # a key is plain text for the resolver too
        if rest[:2] == ' "':  # quoted text, the most common value
            if "\\u" in rest and _SURROGATE_ESCAPE.search(rest) is not None:
                raise NotOurs("a surrogate escape")
            try:
                value, end = _SCAN_STRING(rest, 2)
            except ValueError:
                raise NotOurs("a YAML-only escape") from None
            if end != len(rest):
                raise NotOurs("text after a quoted scalar")
            if len(value) > self.max_text:
                raise NotOurs("a text over the length limit")
            return key, value
        if rest in _HEADS:
            return key, self.block(rest)
        if rest[:1] != " " or rest[1:2] == " " or not rest[1:]:
            raise NotOurs("a value of another form")
        return key, self.scalar(rest[1:])

    # ------------------------------------------------------------ the document
    def items(self, head: Callable[[str], list[Item]]) -> Iterator[Item]:
        """The items in file order. `head` reads the lines before `tables:` (the envelope,
        written by libyaml in its own words) with the full reader."""
        before: list[str] = []
        line = self._next()
        while line is not None and line not in ("tables:", "tables: {}"):
            if line and not line.startswith("#") and line[:1] in " -?.%":
                raise NotOurs("the envelope holds more than one-line entries")
            before.append(line)
            line = self._next()
        if line is None:
            raise NotOurs("no tables")
        seen: set[str] = set()
        for item in head("".join(f"{text}\n" for text in before)):
            if item[0] != "key" or not item[1]:
                raise NotOurs("an envelope of another form")
            self._once(seen, item[1])
            yield item
        while line is not None:
            if not line:
                line = self._next()
                continue
            if line.startswith((" ", "#", "-", "?", ".", "%")):
                raise NotOurs("not a top-level entry")
            if line == "tables:":
                self._once(seen, "tables")
                yield from self.tables()
            elif line == "tables: {}":
                self._once(seen, "tables")
                yield ("key", "tables", {})
            else:
                key, value = self.entry(line)
                self._once(seen, key)
                after = self._next()
                self._push(after)
                self._clean_end(after)
                yield ("key", key, value)
            line = self._next()

    @staticmethod
    def _clean_end(line: str | None) -> None:
        """What was just read ends before `line` (the next line): the end, a row, a table or
        a top-level entry. A blank or comment line could be followed by more of it (YAML
        skips them), and another indentation could be a continuation: not given out."""
        if line is None or line.startswith(ROW) or line[:1] in _LETTERS:
            return
        if line.startswith("  ") and line[2:3] in _LETTERS:
            return
        raise NotOurs("what follows could continue it")

    @staticmethod
    def _once(seen: set[str], key: str) -> None:
        if key in seen:
            raise NotOurs("a key given twice")  # the full reader names both lines
        seen.add(key)

    def tables(self) -> Iterator[Item]:
        names: set[str] = set()
        while True:
            line = self._next()
            if line is None or not line.startswith("  ") or line.startswith("   "):
                self._push(line)
                if not names:
                    raise NotOurs("'tables:' without tables")
                return
            name, colon, rest = line[2:].partition(":")
            if not colon or not _WORD.match(name) or rest not in ("", " []"):
                raise NotOurs("a table of another form")
            if not self._is_text(name):
                raise NotOurs("a table name the resolver reads as something else")
            self._once(names, name)
            if rest:
                after = self._next()
                self._push(after)
                self._clean_end(after)
                yield ("table", name, None)
                continue
            first = self._next()
            if first is None or not first.startswith(ROW):
                raise NotOurs("a table without rows")
            self._push(first)
            yield ("table", name, None)
            yield from self.rows(name)

    def rows(self, name: str) -> Iterator[Item]:
        while True:
            line = self._next()
            if line is None or not line.startswith(ROW):
                self._push(line)
                return
            entry, words = self.entry, self.words
            key, value = entry(line[4:])
            row: dict[str, Any] = {key: value}
            while True:
                at = self.at  # the next line, taken here without a call while it is read
                if at < len(self.buffer):
                    line = self.buffer[at]
                    self.at = at + 1
                else:
                    line = self._next()
                if line is None or not line.startswith(ROW_KEY):
                    break
                key, colon, rest = line[4:].partition(": ")
                if colon and words.get(key) and rest[:1] == '"' and "\\" not in rest:
                    # quoted text without escapes, under a known key: the most common line
                    if (
                        len(rest) < 2
                        or rest[-1] != '"'
                        or '"' in rest[1:-1]
                        or len(rest) - 2 > self.max_text
                    ):
                        raise NotOurs("a quoted scalar of another form")
                    value = rest[1:-1]
                else:
                    key, value = entry(line[4:])
                if key in row:
                    raise NotOurs("a key given twice in a row")
                row[key] = value
            self._push(line)  # the next row, table or entry: the loops above decide
            self._clean_end(line)
            yield ("row", name, row)
