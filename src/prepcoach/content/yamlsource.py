"""Safe YAML reading that remembers where every value was, so errors can name file:line:col.

PyYAML silently keeps the last of two equal keys; here a duplicate key is a problem to report.
Only the safe tags are understood: a pack can never make the loader run code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

try:  # the C parser is several times faster on large banks
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Mark = tuple[int, int]  # 1-based line and column


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


def parse_yaml(text: str) -> tuple[Any, list[tuple[Mark, str]]]:
    """Parse one document; return the data (None if unreadable) and the problems found."""
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
    except (ValueError, TypeError, RecursionError) as error:
        # PyYAML can raise plain Python errors on pathological input (e.g. huge ints).
        return None, [*loader.problems, ((1, 1), f"unreadable YAML: {error}")]
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


def dump_yaml(data: Any) -> str:
    """Readable block-style YAML that keeps key order and Unicode."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
