"""Safe YAML reading that remembers where every value was, so errors can name file:line:col.

PyYAML silently keeps the last of two equal keys; here a duplicate key is a problem to report.
Only the safe tags are understood: a pack can never make the loader run code.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from typing import Any

import yaml

try:  # the C parser and emitter are several times faster on large banks
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Mark = tuple[int, int]  # 1-based line and column

# Bounds on what a file may hold, so that a hostile or broken file costs little to refuse.
MAX_TEXT = 100_000  # characters in one value (a question's text, an answer)
# In an answers file the answer's own limit (in words, checked where it is read) says more.
MAX_ANSWERS_TEXT = 1_000_000
MAX_DEPTH = 50  # mappings and lists inside each other


class MarkedDict(dict[Any, Any]):
    """A mapping that knows where it, its keys and its values stand in the file."""

    __slots__ = ("mark", "key_marks", "value_marks")

    def __init__(self) -> None:
        super().__init__()
        self.mark: Mark = (1, 1)
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}


class MarkedList(list[Any]):
    """A sequence that knows where each of its items stands in the file."""

    __slots__ = ("mark", "marks")

    def __init__(self) -> None:
        super().__init__()
        self.mark: Mark = (1, 1)
        self.marks: list[Mark] = []


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _MarkingLoader(_BaseLoader):
    problems: list[tuple[Mark, str]]


def _construct_mapping(loader: _MarkingLoader, node: yaml.MappingNode) -> Iterator[MarkedDict]:
    data = MarkedDict()
    data.mark = _mark(node)
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            loader.problems.append((_mark(key_node), "a mapping key must be plain text"))
            continue
        if key in data:
            first = data.key_marks[key][0]
            loader.problems.append(
                (_mark(key_node), f"duplicate key '{key}' (first given on line {first})")
            )
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_marks[key] = _mark(key_node)
        data.value_marks[key] = _mark(value_node)


def _construct_sequence(loader: _MarkingLoader, node: yaml.SequenceNode) -> Iterator[MarkedList]:
    data = MarkedList()
    data.mark = _mark(node)
    yield data
    for child in node.value:
        data.append(loader.construct_object(child, deep=True))
        data.marks.append(_mark(child))


_MarkingLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_MarkingLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
# Dates stay text: the schema decides what a value means, not the YAML resolver.
_as_text = _MarkingLoader.construct_yaml_str
_MarkingLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)  # type: ignore[type-var]


def _describe(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError):
        problem = error.problem or "invalid YAML"
        if "tab" in problem or "\\t" in problem:
            return "tab character: indent with spaces, not tabs"
        if "constructor for the tag" in problem:
            tag = problem.rsplit("tag:yaml.org,2002:", 1)[-1].strip("'")
            return f"tag '!!{tag}' is not allowed: packs hold plain data only"
        if "expected" in problem and error.context and "block" in error.context:
            return f"{problem} ({error.context}): check the indentation"
        if error.context:
            return f"{problem} ({error.context})"
        return problem
    return str(error).splitlines()[0]


class _Unusual(Exception):
    """The fast reader met something it leaves to the full loader (tags, aliases, errors)."""


_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SKIP = object()  # the value of a duplicate key: read, then dropped
_NO_KEY = object()  # an open mapping waiting for its next key


def _scalar(event: Any) -> Any:
    """A scalar's value, resolved exactly as PyYAML's safe loader resolves it."""
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value
        tag = _STR
        for candidate, pattern in yaml.resolver.Resolver.yaml_implicit_resolvers.get(value[:1], []):
            if pattern.match(value):
                tag = candidate
                break
    if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
        return value  # dates stay text, as in the full loader
    if tag not in _SCALAR_TAGS:
        raise _Unusual(tag)
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)


# First characters of plain scalars that may be something other than text (null, bool,
# numbers, dates...): every other plain scalar is a string without asking the resolver.
_RESOLVABLE = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)


class _Refused(Exception):
    """The file breaks a bound (an alias, too deep, too long): reported, not read on."""

    def __init__(self, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def _event_mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _check_text(value: str, event: Any, controls: bool, limit: int = MAX_TEXT) -> None:
    if len(value) > limit:
        raise _Refused(
            _event_mark(event),
            f"text of {len(value):,} characters is too long (at most {limit:,})",
        )
    if not controls:
        from prepcoach.kernel.safetext import first_control

        found = first_control(value)
        if found is not None:
            raise _Refused(
                _event_mark(event), f"control character U+{ord(found):04X} is not allowed"
            )


def _screen(text: str, kind: str, controls: bool, limit: int) -> list[tuple[Mark, str]]:
    """Refuse aliases, deep nesting and over-long or control-laden text from the events alone,
    before the full loader (which would expand aliases) sees the file."""
    parser = _BaseLoader(text)
    depth = 0
    try:
        while True:
            event: Any = parser.get_event()
            kind_of = type(event)
            if kind_of is yaml.AliasEvent:
                return [(_event_mark(event), f"aliases are not allowed in {kind}")]
            if kind_of is yaml.MappingStartEvent or kind_of is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return [(_event_mark(event), _too_deep())]
            elif kind_of is yaml.MappingEndEvent or kind_of is yaml.SequenceEndEvent:
                depth -= 1
            elif kind_of is yaml.ScalarEvent:
                _check_text(event.value, event, controls, limit)
            elif kind_of is yaml.StreamEndEvent:
                return []
    except _Refused as refused:
        return [(refused.mark, refused.message)]
    except Exception:  # a syntax error: the full loader reports it
        return []
    finally:
        parser.dispose()


def _too_deep() -> str:
    return f"lists and mappings are nested too deeply (at most {MAX_DEPTH} levels)"


def _fast_parse(
    text: str, files: str = "content packs", controls: bool = False, limit: int = MAX_TEXT
) -> tuple[Any, list[tuple[Mark, str]]]:
    """Build the marked data straight from libyaml's events, skipping PyYAML's node tree.

    Several times faster on large banks; anything beyond plain mappings, sequences and
    scalars raises _Unusual so that the full loader (and its error messages) takes over.
    """
    kind_name = files
    problems: list[tuple[Mark, str]] = []
    stack: list[Any] = []  # open containers (_SKIP for one under a duplicate key)
    keys: list[Any] = []  # per open container: the key waiting for its value, or _NO_KEY
    root: Any = None
    documents = 0

    def attach(value: Any, mark: Mark) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if top is _SKIP:
            return
        if type(top) is MarkedList:
            top.append(value)
            top.marks.append(mark)
            return
        key = keys[-1]
        if key is _NO_KEY:  # this value is a key
            if isinstance(value, dict | list):
                raise _Unusual("complex key")
            if value in top.key_marks:
                first = top.key_marks[value][0]
                problems.append((mark, f"duplicate key '{value}' (first given on line {first})"))
                keys[-1] = _SKIP
            else:
                keys[-1] = value
                top.key_marks[value] = mark
            return
        keys[-1] = _NO_KEY
        if key is not _SKIP:
            top[key] = value
            top.value_marks[key] = mark

    scalar_event, stream_end = yaml.ScalarEvent, yaml.StreamEndEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    parser = _BaseLoader(text)
    try:
        get_event = parser.get_event
        event: Any
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None:
                    raise _Unusual("anchor")
                value = event.value
                if len(value) > 80 or not value.isprintable():
                    _check_text(value, event, controls, limit)
                if event.tag is not None or (event.implicit[0] and value[:1] in _RESOLVABLE):
                    value = _scalar(event)
                start = event.start_mark
                attach(value, (start.line + 1, start.column + 1))
            elif kind is mapping_start or kind is sequence_start:
                tag = event.tag
                if event.anchor is not None or (
                    tag not in (None, "!") and not (tag.endswith(":map") or tag.endswith(":seq"))
                ):
                    raise _Unusual("tagged collection")
                start = event.start_mark
                mark = (start.line + 1, start.column + 1)
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(mark, _too_deep())
                container: Any = MarkedDict() if kind is mapping_start else MarkedList()
                container.mark = mark
                skipped = bool(stack) and (
                    stack[-1] is _SKIP or (keys[-1] is _SKIP and type(stack[-1]) is MarkedDict)
                )
                attach(container, mark)
                stack.append(_SKIP if skipped else container)
                keys.append(_NO_KEY)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                keys.pop()
            elif kind is yaml.AliasEvent:
                raise _Refused(_event_mark(event), f"aliases are not allowed in {kind_name}")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual("several documents")
            elif kind is stream_end:
                break
    finally:
        parser.dispose()
    return root, problems


# ---------------------------------------------------------------------------- the quick reader
#
# A large pack is read first by rapidyaml (C++), which turns it into JSON for Python's own json
# module: many times faster than any reader walking libyaml's events in Python. Its answer is
# taken only where it must be what `parse_yaml` would give: the text holds nothing but plain
# mappings, sequences and scalars, every bound holds, and no scalar could mean something else
# under YAML 1.1 (PyYAML's `yes`, `012`, `1_000`...). Anything else, and every file with a
# problem, is read again by `parse_yaml`, whose marks give the problems their line and column.

try:  # a dependency; without it (an odd platform) packs are read more slowly
    import ryml as _ryml
except ImportError:  # pragma: no cover
    _ryml = None

# Left to the full reader: tabs, carriage returns and YAML 1.1's other line breaks, a byte-order
# mark, control characters, and escapes other than \" \\ \n \t \/ and a backslash before a
# space or a line break (others may stand for a control character).
_QUICK_REFUSES = re.compile("[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_UNSAFE_ESCAPE = re.compile(r'\\[^"\\nt/ \n]|\\$')
# Characters that start an anchor, alias, tag, directive, reserved indicator or complex key when
# they begin a node (after a space, a line break or a flow indicator).
_NODE_PROPERTY = re.compile("[&*!%@`?](?<=[ \n\\[{,].)")
_NODE_PROPERTY_START = frozenset("&*!%@`?")
_FLOW_AFTER = frozenset(" \n[{,:")


def _ambiguous_strings() -> re.Pattern[str]:
    """A JSON string that PyYAML would have read as something else (bool, number, null...):
    rapidyaml reads `yes`, `012` or `~` as text, PyYAML (YAML 1.1) does not."""
    numbers: list[str] = []
    words: list[str] = []
    for tag, pattern in {
        (tag, pattern)
        for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
        for tag, pattern in resolvers
        if not tag.endswith((":timestamp", ":yaml"))
    }:
        body = pattern.pattern.removeprefix("^").removesuffix("$")
        group = f"(?x:{body})" if pattern.flags & re.VERBOSE else f"(?:{body})"
        (numbers if tag.endswith((":int", ":float")) else words).append(group)
    # Checked only at a string's opening quote (which follows a space, line break or [{,:).
    return re.compile(
        '"(?<=[\\s\\[{,:]")(?=[-+.0-9~<=yYnNtTfFoO"])(?:(?=[-+.0-9])(?:'
        + "|".join(sorted(numbers))
        + ")|"
        + "|".join(sorted(words))
        + ')"'
    )


_AMBIGUOUS = _ambiguous_strings()
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS_ONLY = {c: None for c in range(128) if chr(c) not in "[]{}"}
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_FLOW_START = re.compile(r"[\[{]")
# rapidyaml writes block collections one level per two spaces of indentation.
_TOO_DEEP_INDENT = "\n" + " " * (2 * (MAX_DEPTH - 1))
_PLAIN_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")


def _quoted_in_source(text: str, json_text: str) -> bool:
    """Whether every text that PyYAML could have read as something else (`version: "1.0"`)
    was quoted in the source, so that it is text for both readers."""
    seen: set[str] = set()
    for found in _AMBIGUOUS.finditer(json_text):
        value = found.group()[1:-1]
        if value in seen:
            continue
        seen.add(value)
        if not value or len(seen) > 20:
            return False
        bare = re.compile(r"(?<![\w\"'.+-])" + re.escape(value) + r"(?![\w\"'.+-])")
        if bare.search(text) is not None:
            return False
    return True


def _quick_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Unusual("duplicate key")
    return data


def _quick_float(token: str) -> float:
    if not _PLAIN_FLOAT.fullmatch(token):
        raise _Unusual("exponent")  # PyYAML reads 1e3 as text, rapidyaml as a number
    return float(token)


def _refuse_constant(token: str) -> Any:
    raise _Unusual(token)


def _has_long_line(text: str, limit: int) -> bool:
    """Whether a line of `text` is longer than `limit`, looking at a few places only: such a
    line covers a whole block of limit // 2 characters, so a block holding a line break
    rules it out."""
    block = max(limit // 2, 1)
    for start in range(0, len(text) - block + 1, block):
        if text.find("\n", start, start + block) == -1:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            if (len(text) if line_end == -1 else line_end) - line_start > limit:
                return True
    return False


def _nested_too_deep(text: str, json_text: str) -> bool:
    """Whether the collections may be nested deeper than MAX_DEPTH."""
    if _TOO_DEEP_INDENT in json_text:
        return True
    for found in _FLOW_START.finditer(text):
        start = found.start()
        if start == 0 or text[start - 1] in _FLOW_AFTER:  # a flow collection: count brackets
            brackets = _JSON_STRING.sub("", json_text).translate(_BRACKETS_ONLY)
            return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets))) > MAX_DEPTH
    return False


@contextmanager
def _stderr_silenced() -> Iterator[None]:
    """rapidyaml writes its parse errors to the process's standard error before raising them:
    the full reader reports the problem instead, in prep's words."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(quiet, 2)
        finally:
            os.close(quiet)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def parse_quick(text: str) -> dict[str, Any] | None:
    """The mapping a content pack holds, without marks, or None where only `parse_yaml` may
    say (see above). Whatever this returns, `parse_yaml` returns too, marks aside."""
    if _ryml is None or _QUICK_REFUSES.search(text) is not None:
        return None
    if "\\" in text and _UNSAFE_ESCAPE.search(text) is not None:
        return None
    if text[:1] in _NODE_PROPERTY_START or _NODE_PROPERTY.search(text) is not None:
        return None
    try:
        # libyaml's own parser, in C and building nothing, is the judge of the syntax:
        # rapidyaml accepts some text that it refuses.
        checker = _BaseLoader(text)
        try:
            checker.raw_parse()
        finally:
            checker.dispose()
        with _stderr_silenced():
            tree = _ryml.parse_in_arena(text.encode("utf-8"))
        root = tree.root_id()
        if tree.is_stream(root) or not tree.is_map(root):
            return None
        json_text: str = _ryml.emit_json_malloc(tree, root)
        if not _quoted_in_source(text, json_text):
            return None
        if _has_long_line(json_text, MAX_TEXT):
            return None  # a line holds a value that may be too long
        if _nested_too_deep(text, json_text):
            return None
        data = json.loads(
            json_text,
            object_pairs_hook=_quick_object,
            parse_float=_quick_float,
            parse_constant=_refuse_constant,
        )
    except Exception:  # rapidyaml's own errors, odd JSON, _Unusual: the full reader decides
        return None
    return data if isinstance(data, dict) else None


def parse_yaml(
    text: str, *, kind: str = "content packs", controls: bool = False
) -> tuple[Any, list[tuple[Mark, str]]]:
    """Parse one document; return the data (None if unreadable) and the problems found.

    Aliases (`*name`), nesting deeper than MAX_DEPTH and a value longer than MAX_TEXT are
    refused, as are control characters in text unless `controls` (a file prep wrote itself);
    `kind` names the files in the message ("aliases are not allowed in answers files"); an
    answers file may hold longer text (MAX_ANSWERS_TEXT), its answers are limited where read.
    """
    limit = MAX_ANSWERS_TEXT if kind == "answers files" else MAX_TEXT
    try:
        return _fast_parse(text, kind, controls, limit)
    except _Refused as refused:
        return None, [(refused.mark, refused.message)]
    except Exception:  # anything odd: the full loader reads it and explains
        pass
    refused_problems = _screen(text, kind, controls, limit)
    if refused_problems:
        return None, refused_problems
    loader = _MarkingLoader(text)
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return None, [*loader.problems, (where, _describe(error))]
    except yaml.YAMLError as error:
        return None, [*loader.problems, ((1, 1), _describe(error))]
    except Exception as error:
        # PyYAML can raise plain Python errors on odd input (e.g. an empty `!!int`).
        return None, [
            *loader.problems,
            ((1, 1), f"unreadable YAML: {error or type(error).__name__}"),
        ]
    finally:
        loader.dispose()
    return data, loader.problems


def mark_of(data: Any, path: tuple[Any, ...]) -> Mark:
    """The position of the value at `path`, or of the deepest container that exists."""
    best: Mark = getattr(data, "mark", (1, 1))
    node = data
    for step in path:
        if isinstance(node, MarkedDict) and step in node:
            best = node.value_marks.get(step, best)
            node = node[step]
        elif isinstance(node, MarkedList) and isinstance(step, int) and 0 <= step < len(node):
            best = node.marks[step]
            node = node[step]
        else:
            break
    return best


def key_mark_of(data: Any, path: tuple[Any, ...]) -> Mark:
    """The position of the key at the end of `path` (for 'unknown field' errors)."""
    *parent_path, last = path
    parent = data
    for step in parent_path:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return mark_of(data, path)
    if isinstance(parent, MarkedDict) and last in parent.key_marks:
        return parent.key_marks[last]
    return mark_of(data, path)


class _PlainDumper(_BaseDumper):
    """Safe dumping that never writes anchors and aliases (prep refuses them when reading)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """Readable block-style YAML that keeps key order and Unicode."""
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)


def dump_document(data: Any, *, block_types: tuple[type[str], ...] = ()) -> str:
    """YAML for a person to edit: key order kept, lines up to 88, and text with line breaks
    (or of one of `block_types`, even on one line) as an indented `field: |` block.
    """

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
        style = "|" if "\n" in text or isinstance(text, block_types) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style=style)

    kinds: tuple[type[str], ...] = (str, *block_types)
    for kind in kinds:
        Dumper.add_representer(kind, represent_str)
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=88)
