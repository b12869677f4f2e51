"""Step 1: lines to blocks (headings, list items with their nesting, paragraphs, skips)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from prepcoach.content.markdown_import.chars import (
    SENTENCE_END,
    TRAILING,
    collapse,
    indent_width,
    sanitize,
)
from prepcoach.content.markdown_import.result import CODE, HTML, LINK, NOTE, TABLE
from prepcoach.content.markdown_import.sentences import is_question

BlockKind = Literal["heading", "item", "para", "skip", "break"]


@dataclass(slots=True)
class Block:
    kind: BlockKind
    line: int
    parts: list[str]
    level: int = 0  # heading level
    indent: int = 0
    parent: int | None = None  # an item's parent item; the block a paragraph belongs to
    reason: str = ""  # for "skip"
    quote: bool = False
    table: bool = False  # a table row's question cell

    @property
    def raw(self) -> str:
        return " ".join(self.parts)


TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
_LIST_ITEM = re.compile(r"([ \t]*)([-*+•◦▪‣]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)$")
_LINK_DEFINITION = re.compile(r" {0,3}\[(\^?)[^\[\]]+\]:")
_TABLE_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")
_FRONT_TITLE = re.compile(r"title[ \t]*:(.*)$")


def _strip_comments(line: str, in_comment: bool) -> tuple[str, bool, bool]:
    """The line without HTML comments, whether a comment is still open, whether one was seen."""
    out: list[str] = []
    pos, seen = 0, in_comment
    while True:
        if in_comment:
            end = line.find("-->", pos)
            if end < 0:
                return "".join(out), True, True
            pos, in_comment = end + 3, False
        else:
            start = line.find("<!--", pos)
            if start < 0:
                out.append(line[pos:])
                return "".join(out), False, seen
            out.append(line[pos:start])
            pos, in_comment, seen = start + 4, True, True


def _is_break(stripped: str) -> bool:
    compact = stripped.replace(" ", "").replace("\t", "")
    return len(compact) >= 3 and compact[0] in "-*_" and compact == compact[0] * len(compact)


def _setext_level(stripped: str) -> int:
    if stripped and stripped == "=" * len(stripped):
        return 1
    if len(stripped) >= 2 and stripped == "-" * len(stripped):
        return 2
    return 0


def _is_table_separator(line: str) -> bool:
    stripped = line.strip()
    if "|" not in stripped or "-" not in stripped:
        return False
    cells = stripped.strip("|").split("|")
    return all(_TABLE_CELL.fullmatch(cell) for cell in cells)


def _opens_fence(line: str) -> tuple[str, int] | None:
    match = _FENCE.match(line)
    if not match:
        return None
    marker = match.group(1)
    if marker[0] == "`" and "`" in match.group(2):
        return None  # ```code``` on one line is inline code
    return marker[0], len(marker)


def _closes_fence(line: str, fence: tuple[str, int]) -> bool:
    stripped = line.strip()
    char, length = fence
    return len(stripped) >= length and stripped == char * len(stripped)


def _should_join(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one does not end a sentence, this one is lower case."""
    if not previous:
        return True
    if previous.rstrip(TRAILING).endswith(SENTENCE_END):
        return False
    return line[0].islower() or line[0].isdigit() or line[0] in "(,;"


def front_matter(lines: list[str]) -> tuple[int, str | None]:
    """Where the body starts after a `---` front matter block, and the title it gives."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    for end in range(1, len(lines)):
        if lines[end].strip() not in ("---", "..."):
            continue
        for line in lines[1:end]:
            match = _FRONT_TITLE.match(line)
            if match:
                return end + 1, _yaml_scalar(match.group(1)) or None
        return end + 1, None
    return 0, None


def _yaml_scalar(value: str) -> str:
    value = sanitize(value).strip()
    if value[:1] in ("'", '"'):
        end = value.rfind(value[0])
        value = value[1:end] if end > 0 else value[1:]
    else:
        value = value.split(" #", 1)[0]
        if value in (">", "|", ">-", "|-"):
            return ""
    return collapse(html.unescape(value))


_QUESTION_COLUMN = re.compile(
    r"question|prompt|pregunta|frage|questão|pergunta|问题|問題|質問|سؤال", re.I
)


def _cells(row: str) -> list[str]:
    """The cells of a table row; an escaped pipe stays in its cell."""
    inner = row.strip()
    inner = inner.removeprefix("|")
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [
        cell.strip().replace("\ue002", "|") for cell in inner.replace("\\|", "\ue002").split("|")
    ]


@dataclass(frozen=True, slots=True)
class _Table:
    """A table with a header row: the column that holds the questions, if the header names
    one ("Question", "Pregunta"); otherwise each row's first cell that reads as a question."""

    column: int | None

    @classmethod
    def start(cls, header: str, has_separator: bool) -> _Table | None:
        if not has_separator:
            return None
        names = _cells(header)
        column = next((i for i, name in enumerate(names) if _QUESTION_COLUMN.search(name)), None)
        return cls(column)

    def question(self, row: str) -> str:
        cells = _cells(row)
        if self.column is not None:
            return cells[self.column] if self.column < len(cells) else ""
        return next((c for c in cells if is_question(c, imperative=True)), "")


def scan(lines: list[str], start: int) -> list[Block]:
    """Group lines into blocks (see the module docstring)."""
    scanner = _Scanner(lines)
    for number in range(start, len(lines)):
        scanner.line(number)
    return scanner.blocks


@dataclass(slots=True)
class _Scanner:
    """The state between lines: open list items, an open fence, comment, table or code."""

    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    stack: list[tuple[int, int]] = field(default_factory=list)  # (marker indent, block index)
    fence: tuple[str, int] | None = None
    in_comment: bool = False
    in_table: bool = False
    in_code: bool = False
    table: _Table | None = None
    last: int | None = None  # the block the previous line went to, if it may continue

    def add(self, block: Block) -> int:
        self.blocks.append(block)
        return len(self.blocks) - 1

    def line(self, number: int) -> None:
        lineno, original = number + 1, self.lines[number]
        if self.fence is not None:
            if _closes_fence(original, self.fence):
                self.fence = None
            return
        was_in_comment = self.in_comment
        line, self.in_comment, had_comment = _strip_comments(original, self.in_comment)
        line = sanitize(line)
        stripped = line.strip()
        if not stripped:
            if had_comment and not was_in_comment:
                self.add(Block("skip", lineno, [original.strip()], reason=HTML))
            elif not had_comment:
                self.in_table = False
            self.last = None
            return
        indent = indent_width(line)
        if self.in_code:
            if indent >= 4:
                return
            self.in_code = False
        opened = _opens_fence(line)
        if opened:
            self.fence, self.last = opened, None
            self.add(Block("skip", lineno, [stripped], reason=CODE))
            return
        next_line = self.lines[number + 1] if number + 1 < len(self.lines) else ""
        if (
            self._structure(lineno, line, stripped, indent)
            or self._table_row(lineno, stripped, next_line)
            or self._quote(lineno, stripped)
        ):
            return
        if indent >= 4 and not self.stack and self.last is None:
            self.in_code = True
            self.add(Block("skip", lineno, [stripped], reason=CODE))
            return
        if not self._item(lineno, line, stripped):
            self._paragraph(lineno, stripped, indent)

    def _structure(self, lineno: int, line: str, stripped: str, indent: int) -> bool:
        """A setext underline, a thematic break, an ATX heading or a link definition."""
        previous = self.blocks[self.last] if self.last is not None else None
        level = _setext_level(stripped)
        if (
            level
            and indent <= 3
            and previous is not None
            and previous.kind == "para"
            and not previous.quote
            and not self.stack
        ):
            previous.kind, previous.level, self.last = "heading", level, None
            return True
        if indent <= 3 and _is_break(stripped):
            self.add(Block("break", lineno, []))
            self.stack.clear()
            self.last = None
            return True
        atx = _ATX.match(line)
        if atx:
            text = (atx.group(2) or "").strip()
            closing = text.rstrip("#")
            if closing != text and (not closing or closing[-1] in " \t"):
                text = closing.strip()
            self.add(Block("heading", lineno, [text], level=len(atx.group(1))))
            self.stack.clear()
            self.last = None
            return True
        definition = _LINK_DEFINITION.match(line)
        if definition:
            reason = NOTE if definition.group(1) else LINK
            self.add(Block("skip", lineno, [stripped], reason=reason))
            self.last = None
            return True
        return False

    def _table_row(self, lineno: int, stripped: str, next_line: str) -> bool:
        """A table line: the header row is reported, each row gives its question cell."""
        if not (
            stripped.startswith("|")
            or (self.in_table and "|" in stripped)
            or ("|" in stripped and _is_table_separator(next_line))
        ):
            self.in_table, self.table = False, None
            return False
        self.last = None
        if not self.in_table:
            self.in_table = True
            self.table = _Table.start(stripped, _is_table_separator(next_line))
            self.add(Block("skip", lineno, [stripped], reason=TABLE))  # the header row
            if self.table is not None:
                self.stack.clear()
            return True
        if self.table is None or _is_table_separator(stripped):
            return True  # a table without a header row is reported once, at its first line
        cell = self.table.question(stripped)
        if cell:
            self.add(Block("item", lineno, [cell], table=True))
        else:
            self.add(Block("skip", lineno, [stripped], reason=TABLE))
        return True

    def _quote(self, lineno: int, stripped: str) -> bool:
        if not stripped.startswith(">"):
            return False
        content = stripped
        while content.startswith(">"):
            content = content[1:].lstrip()
        item = _LIST_ITEM.match(content)
        if item:
            content = (item.group(3) or "").strip()
        previous = self.blocks[self.last] if self.last is not None else None
        if not content:
            self.last = None
        elif previous is not None and previous.quote and _should_join(previous.parts[-1], content):
            previous.parts.append(content)
        else:
            self.last = self.add(Block("para", lineno, [content], quote=True, parent=self.last))
        return True

    def _item(self, lineno: int, line: str, stripped: str) -> bool:
        item = _LIST_ITEM.match(line)
        if item:
            marker_indent = indent_width(item.group(1))
            while self.stack and self.stack[-1][0] >= marker_indent - 1:
                self.stack.pop()
            content = TASK_BOX.sub("", (item.group(3) or "").strip(), count=1)
            parent = self.stack[-1][1] if self.stack else None
            self.last = self.add(
                Block("item", lineno, [content], indent=marker_indent, parent=parent)
            )
            self.stack.append((marker_indent, self.last))
            return True
        if stripped.lower().startswith("<li"):
            self.last = self.add(Block("item", lineno, [stripped]))
            return True
        return False

    def _paragraph(self, lineno: int, stripped: str, indent: int) -> None:
        """A wrapped line joins the block before it; otherwise a paragraph, owned by the list
        item it is indented under."""
        previous = self.blocks[self.last] if self.last is not None else None
        if previous is not None:
            if previous.kind in ("item", "para") and _should_join(previous.parts[-1], stripped):
                previous.parts.append(stripped)
                return
            owner: int | None = self.last
        else:
            owner = None
            if self.stack and indent >= 2:
                owner = next((i for ind, i in reversed(self.stack) if ind < indent), None)
            if owner is None:
                self.stack.clear()
        self.last = self.add(Block("para", lineno, [stripped], indent=indent, parent=owner))
