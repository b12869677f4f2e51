"""Reading an export file one row at a time, so an import holds one row, not the whole file.

`read_export(path, source)` yields, in file order:

- `("key", name, value)` for each top-level entry other than `tables` (the envelope);
- `("table", name, None)` when the rows of a table begin;
- `("row", name, row)` for each row (a mapping).

JSON is read in pieces of a megabyte: the outer structure is walked here, and each row (or
envelope value) is decoded by the C decoder (`json.JSONDecoder.raw_decode`). YAML in the layout
`prep export` writes is read line by line by `yamlread`; any other YAML is read from libyaml's
event stream and each row is built from its events, with the same checks as any YAML prep reads
(no aliases, no duplicate keys, bounded depth and text). A problem is a PrepError naming
`source:line:column`.
"""

from __future__ import annotations

import codecs
import io
import json
import json.scanner
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.files import MB, open_regular

Item = tuple[str, str, Any]

CHUNK = MB  # bytes read at a time
MAX_ROW = 64 * MB  # characters one row (or one envelope value) may take in a JSON file
_SPACE = re.compile(r"[ \t\n\r]*")
_NOT_ROWS = "'tables' must map each table name to a list of rows"


def read_export(path: Path, source: str) -> Iterator[Item]:
    """The entries and rows of the export at `path`, JSON or YAML (told by its first byte)."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        start = handle.read(4096)
        lead = start.lstrip(b"\xef\xbb\xbf \t\r\n")  # a byte-order mark, blank lines
        handle.seek(0)
        if lead.startswith(b"{"):
            yield from _JsonReader(handle, source).items()
        else:
            yield from _yaml_items(handle, source)


# ---------------------------------------------------------------------------- JSON


class _JsonReader:
    """A JSON document walked from a buffered stream; values decoded by the C decoder."""

    def __init__(self, handle: Any, source: str) -> None:
        self.handle = handle
        self.source = source
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.pos = 0
        self.eof = False
        self.dropped = 0  # characters of the file before `text`
        self.read_bytes = 0
        decoder = json.JSONDecoder()
        self.decode = decoder.raw_decode
        # the C scanner, without the wrapper of raw_decode
        self.scan = json.scanner.make_scanner(decoder)  # type: ignore[arg-type]

    # ------------------------------------------------------------ the buffer
    def _fill(self, size: int = CHUNK) -> None:
        """Read more of the file (dropping what has been consumed)."""
        if self.pos:
            self.dropped += self.pos
            self.text = self.text[self.pos :]
            self.pos = 0
        data = self.handle.read(size)
        try:
            self.text += self.utf8.decode(data, final=not data)
        except UnicodeDecodeError as error:
            line, _column = self._line_column(self.dropped + len(self.text))
            raise PrepError(f"cannot read {self.source}: it is not UTF-8 text (line {line})") from (
                error
            )
        self.read_bytes += len(data)
        if not data:
            self.eof = True

    def _line_column(self, offset: int) -> tuple[int, int]:
        """The line and column of the character at `offset` from the start of the file: the
        file is read again up to there (only to report a problem, so the rows read need no
        counting of lines)."""
        here = self.handle.tell()
        self.handle.seek(0)
        decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        lines, column, left = 0, 0, offset
        while left > 0:
            data = self.handle.read(CHUNK)
            piece = decode(data, final=not data)[:left]
            if not data and not piece:
                break
            left -= len(piece)
            breaks = piece.count("\n")
            if breaks:
                lines += breaks
                column = len(piece) - piece.rfind("\n") - 1
            else:
                column += len(piece)
        self.handle.seek(here)
        return lines + 1, column + 1

    def where(self, pos: int) -> str:
        line, column = self._line_column(self.dropped + pos)
        return f"{self.source}:{line}:{column}"

    def fail(self, message: str, pos: int | None = None) -> PrepError:
        return PrepError(f"{self.where(self.pos if pos is None else pos)}: {message}")

    def skip(self) -> str:
        """Skip white space; the next character, or '' at the end of the file."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if self.eof:
                return ""
            self._fill()

    def expect(self, wanted: str, message: str) -> None:
        if self.skip() != wanted:
            raise self.fail(message)
        self.pos += 1

    def value(self) -> Any:
        """The JSON value at the current position (read further until it is whole)."""
        self.skip()
        size = CHUNK
        while True:
            try:
                value, end = self.decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                # Cut by the end of the buffer (not wrong): an open string, or a token at the end.
                cut = error.msg.startswith("Unterminated") or error.pos >= len(self.text) - 16
                if self.eof or not cut:
                    raise self.fail(error.msg, error.pos) from None
                if len(self.text) - self.pos > MAX_ROW:
                    raise self.fail(
                        f"a value longer than {MAX_ROW // MB} MB; is this a prepcoach export?"
                    ) from None
                self._fill(size)
                size *= 2
                continue
            if end == len(self.text) and not self.eof and not isinstance(value, dict | list):
                self._fill()  # a number may go on in the next piece
                continue
            self.pos = end
            return value

    def key(self) -> str:
        if self.skip() != '"':
            raise self.fail("Expecting property name enclosed in double quotes")
        name = self.value()
        self.expect(":", "Expecting ':' delimiter")
        return str(name)

    def more(self, close: str) -> bool:
        """After an item: True if another follows (a comma), False at `close`."""
        found = self.skip()
        if found == ",":
            self.pos += 1
            return True
        if found == close:
            self.pos += 1
            return False
        raise self.fail("Expecting ',' delimiter")

    def _rows(self, name: str) -> Iterator[Item]:
        """The rows of a table up to its closing bracket. A row that lies whole in the text
        read so far is decoded at once; one cut by the end of the text goes the long way."""
        scan, space = self.scan, _SPACE.match
        while True:
            text = self.text
            pos = space(text, self.pos).end()  # type: ignore[union-attr]
            row: Any = None
            if text.startswith("{", pos):
                try:
                    row, end = scan(text, pos)
                except (StopIteration, ValueError):  # cut off, or wrong: the long way tells
                    row = None
            if row is None:
                self.pos = pos
                self.skip()
                at = self.pos
                row = self.value()
                if not isinstance(row, dict):
                    raise self.fail(_NOT_ROWS, at)
            else:
                self.pos = end
            yield ("row", name, row)
            text = self.text
            pos = space(text, self.pos).end()  # type: ignore[union-attr]
            if text.startswith(",", pos):
                self.pos = pos + 1
                continue
            if text.startswith("]", pos):
                self.pos = pos + 1
                return
            self.pos = pos
            if not self.more("]"):
                return

    # ------------------------------------------------------------ the document
    def items(self) -> Iterator[Item]:
        self._fill()
        if self.text.startswith("\ufeff"):
            self.pos = 1
        self.expect("{", "Expecting value")
        if self.skip() == "}":
            self.pos += 1
        else:
            while True:
                name = self.key()
                if name == "tables" and self.skip() == "{":
                    yield from self._tables()
                else:
                    yield ("key", name, self.value())
                if not self.more("}"):
                    break
        if self.skip() != "":
            raise self.fail("Extra data")

    def _tables(self) -> Iterator[Item]:
        self.pos += 1  # the {
        if self.skip() == "}":
            self.pos += 1
            yield ("key", "tables", {})
            return
        seen: set[str] = set()
        while True:
            start = self.pos
            name = self.key()
            if name in seen:
                raise self.fail(f"table '{name}' is given twice", start)
            seen.add(name)
            if self.skip() != "[":
                raise self.fail(_NOT_ROWS)
            self.pos += 1
            yield ("table", name, None)
            if self.skip() == "]":
                self.pos += 1
            else:
                yield from self._rows(name)
            if not self.more("}"):
                return


# ---------------------------------------------------------------------------- YAML


def _yaml_items(handle: Any, source: str) -> Iterator[Item]:
    """An export written by `prep export` is read by `yamlread`, line by line; where a file
    leaves that layout, it is read again by the full reader, from the start, and the items
    already given are skipped (they are the same: `yamlread` is exact or gives up)."""
    from prepcoach.content.yamlsource import MAX_TEXT
    from prepcoach.store import yamlread

    given = 0
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")  # line ends as they are
    text._CHUNK_SIZE = CHUNK  # type: ignore[attr-defined]  # read in pieces of a megabyte
    try:
        reader = yamlread.Reader(text.read, MAX_TEXT)
        for item in reader.items(lambda head: _head_items(head, source)):
            yield item
            given += 1
        return
    except (yamlread.NotOurs, UnicodeDecodeError):
        pass
    finally:
        text.detach()  # the file stays open for the full reader
    handle.seek(0)
    for number, item in enumerate(_yaml_walk(handle, source)):
        if number >= given:
            yield item


def _head_items(text: str, source: str) -> list[Item]:
    """The entries of the lines before `tables:`, read by the full reader."""
    from prepcoach.store.yamlread import NotOurs

    try:
        return list(_yaml_walk(text, source))
    except PrepError:
        raise NotOurs("the envelope") from None


def _yaml_walk(stream: Any, source: str) -> Iterator[Item]:
    import yaml

    from prepcoach.content.yamlsource import describe_error

    # libyaml's parser (PyYAML's own where it was built without it), reading the file in
    # pieces; only its events are used, so no constructor runs.
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parser = loader(stream)
    walker = _YamlWalker(parser, source)
    try:
        yield from walker.items()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
        raise PrepError(f"{source}:{where}: {describe_error(error)}") from None
    except yaml.YAMLError as error:
        raise PrepError(f"{source}: {describe_error(error)}") from None
    except UnicodeDecodeError:
        raise PrepError(f"cannot read {source}: it is not UTF-8 text") from None
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()


class _YamlWalker:
    """Rows built from libyaml's events, checked as `parse_yaml` checks any file."""

    def __init__(self, parser: Any, source: str) -> None:
        import yaml

        from prepcoach.content.yamlsource import MAX_DEPTH, MAX_TEXT, scalar_value

        self.next = parser.get_event
        self.source = source
        self.yaml = yaml
        self.scalar_value = scalar_value
        self.max_depth = MAX_DEPTH
        self.max_text = MAX_TEXT
        # First characters of plain scalars that may be something else than text (numbers...).
        self.resolvable = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
        self.resolved: dict[str, Any] = {}

    def fail(self, event: Any, message: str) -> PrepError:
        mark = event.start_mark
        return PrepError(f"{self.source}:{mark.line + 1}:{mark.column + 1}: {message}")

    def items(self) -> Iterator[Item]:
        yaml = self.yaml
        event = self.next()  # the stream starts
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            yield ("key", "", None)  # an empty file: no envelope
            return
        event = self.next()  # after the document starts
        if not isinstance(event, yaml.MappingStartEvent):
            yield ("key", "", self.build(event, 0))
        else:
            seen: dict[Any, int] = {}
            while not isinstance(event := self.next(), yaml.MappingEndEvent):
                name = self.build(event, 1)
                self._unique(seen, name, event)
                event = self.next()
                if name == "tables" and isinstance(event, yaml.MappingStartEvent):
                    yield from self._tables(event)
                else:
                    yield ("key", str(name), self.build(event, 1))
        event = self.next()  # the document ends
        event = self.next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self.fail(event, "an export holds one document; this file has more")

    def _unique(self, seen: dict[Any, int], key: Any, event: Any) -> None:
        if isinstance(key, dict | list):
            raise self.fail(event, "a mapping key must be plain text")
        if key in seen:
            raise self.fail(event, f"duplicate key '{key}' (first given on line {seen[key]})")
        seen[key] = event.start_mark.line + 1

    def _tables(self, start: Any) -> Iterator[Item]:
        yaml = self.yaml
        seen: dict[Any, int] = {}
        empty = True
        while not isinstance(event := self.next(), yaml.MappingEndEvent):
            empty = False
            name = self.build(event, 2)
            self._unique(seen, name, event)
            event = self.next()
            if not isinstance(event, yaml.SequenceStartEvent):
                raise self.fail(event, _NOT_ROWS)
            yield ("table", str(name), None)
            while not isinstance(event := self.next(), yaml.SequenceEndEvent):
                row = self.build(event, 3)
                if not isinstance(row, dict):
                    raise self.fail(event, _NOT_ROWS)
                yield ("row", str(name), row)
        if empty:
            yield ("key", "tables", {})

    def scalar(self, event: Any) -> Any:
        value = event.value
        if len(value) > self.max_text:
            raise self.fail(
                event, f"text of {len(value):,} characters is too long (at most {self.max_text:,})"
            )
        plain = event.tag is None and event.implicit[0]
        if plain:
            if value[:1] not in self.resolvable:
                return value  # plain text: nothing for the resolver to decide
            known = self.resolved.get(value, self)
            if known is not self:
                return known
        try:
            found = self.scalar_value(event)
        except ValueError as error:
            raise self.fail(event, str(error)) from None
        if plain and len(self.resolved) < 20_000:  # scores, ratings, seconds come again
            self.resolved[value] = found
        return found

    def build(self, event: Any, depth: int) -> Any:
        """The value that starts with `event` (a scalar, or a whole mapping or sequence)."""
        yaml = self.yaml
        scalar_event, scalar = yaml.ScalarEvent, self.scalar
        kind = type(event)
        if kind is scalar_event:
            return scalar(event)
        if kind is yaml.AliasEvent:
            raise self.fail(event, "aliases are not allowed in exports")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and not (tag.endswith(":map") or tag.endswith(":seq")):
            raise self.fail(event, f"tag '{tag}' is not allowed: exports hold plain data only")
        if depth >= self.max_depth:
            raise self.fail(
                event, f"lists and mappings are nested too deeply (at most {self.max_depth} levels)"
            )
        next_event = self.next
        if kind is yaml.SequenceStartEvent:
            end = yaml.SequenceEndEvent
            items: list[Any] = []
            append = items.append
            while (kind := type(item := next_event())) is not end:
                append(scalar(item) if kind is scalar_event else self.build(item, depth + 1))
            return items
        if kind is yaml.MappingStartEvent:
            end = yaml.MappingEndEvent
            mapping: dict[Any, Any] = {}
            marks: dict[Any, Any] = {}
            while (kind := type(key_event := next_event())) is not end:
                if kind is scalar_event:
                    key = scalar(key_event)
                else:
                    key = self.build(key_event, depth + 1)
                    if isinstance(key, dict | list):
                        raise self.fail(key_event, "a mapping key must be plain text")
                if key in marks:
                    first = marks[key].line + 1
                    raise self.fail(
                        key_event, f"duplicate key '{key}' (first given on line {first})"
                    )
                marks[key] = key_event.start_mark
                value = next_event()
                mapping[key] = (
                    scalar(value) if type(value) is scalar_event else self.build(value, depth + 1)
                )
            return mapping
        raise self.fail(event, "unexpected YAML")  # pragma: no cover - events come in order
