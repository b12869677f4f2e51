"""Turn a parsed pack into typed content, or into problems a user can act on.

Every problem is reported (not just the first) as `file:line:col: message`, with the allowed
values or a did-you-mean where that helps. pydantic is imported here only, so reading cached
content never pays for it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any, get_args, get_origin, get_type_hints

from prepcoach.content.model import KINDS, LookFor, Pack
from prepcoach.content.yamlsource import key_mark_of, mark_of

if TYPE_CHECKING:
    from pydantic import TypeAdapter

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a content file, with where it is."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        from prepcoach.kernel.safetext import shorten

        return f"{self.path}:{self.line}:{self.column}: {shorten(self.message, 500)}"


@cache
def _adapter(cls: type) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean 'x'?)' or nothing."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _field_names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)] if is_dataclass(cls) else []


def _class_at(loc: tuple[Any, ...]) -> type:
    """The dataclass that owns the last step of a pydantic error location."""
    cls: Any = Pack
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        hints = {f.name: f.type for f in fields(cls)} if is_dataclass(cls) else {}
        if step not in hints:
            break
        nested = _nested_class(cls, step)
        if nested is None:
            break
        cls = nested
    return cls  # type: ignore[no-any-return]


@cache
def _nested_class(cls: type, name: str) -> type | None:
    hint = get_type_hints(cls).get(name)
    if get_origin(hint) is tuple:
        inner = get_args(hint)[0]
        if is_dataclass(inner):
            return inner  # type: ignore[return-value]
    return None


def _item_label(data: Any, loc: tuple[Any, ...]) -> str:
    """'question 'why-us': ' for errors inside a listed item, to say which one."""
    if len(loc) >= 2 and loc[0] in KINDS and isinstance(loc[1], int):
        try:
            item = data[loc[0]][loc[1]]
        except (KeyError, IndexError, TypeError):
            return ""
        kind = loc[0].rstrip("s").replace("_", " ")
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{kind} '{item['id']}': "
        return f"{kind} #{loc[1] + 1}: "
    return ""


def _field_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for step in loc[2:] if len(loc) >= 2 and loc[0] in KINDS else loc:
        if isinstance(step, int):
            parts.append(f"[{step + 1}]")
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts)


def _message(error: dict[str, Any], data: Any) -> tuple[tuple[int, int], str]:
    loc: tuple[Any, ...] = tuple(error["loc"])
    label = _item_label(data, loc)
    kind = error["type"]
    name = _field_path(loc)
    if kind in {"extra_forbidden", "unexpected_keyword_argument"}:
        allowed = _field_names(_class_at(loc))
        hint = suggest(str(loc[-1]), allowed)
        return key_mark_of(data, loc), f"{label}unknown field '{loc[-1]}'{hint}"
    if kind == "missing":
        return mark_of(data, loc[:-1]), f"{label}missing required field '{loc[-1]}'"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        allowed = re.findall(r"'([^']*)'", expected)
        got = error.get("input")
        hint = suggest(str(got), allowed)
        return mark_of(data, loc), (
            f"{label}{name}: '{got}' is not allowed{hint}; use one of: {', '.join(allowed)}"
        )
    if kind in {"dataclass_type", "dict_type", "model_type"}:
        return mark_of(data, loc), f"{label}{name or 'pack'}: expected a mapping of fields"
    if kind == "tuple_type":
        return mark_of(data, loc), f"{label}{name}: expected a list"
    if kind in {"string_type", "int_type", "int_parsing", "float_type", "float_parsing"}:
        wanted = {"string": "text", "int": "a whole number", "float": "a number"}
        what = next((v for k, v in wanted.items() if kind.startswith(k)), "another type")
        return mark_of(data, loc), f"{label}{name}: expected {what}, got {error.get('input')!r}"
    return mark_of(data, loc), f"{label}{name}: {error['msg']}"


_ITEM_FAILED = object()  # an item of a list that did not validate as a whole


def validate_pack(path: str, data: Any) -> tuple[Pack | None, list[Problem]]:
    """Check one parsed file against the schema.

    Items are checked one by one, so a broken item is reported and left out while the rest of
    the pack still loads and takes part in the duplicate and reference checks.
    Returns None for the pack only when its header is unusable.
    """
    if not isinstance(data, dict):
        what = (
            "an empty file"
            if data is None
            else ("a list" if isinstance(data, list) else "a single value")
        )
        return None, [
            Problem(path, 1, 1, f"a pack must be a mapping with 'pack', 'title'... (got {what})")
        ]
    from pydantic import ValidationError

    problems: list[Problem] = []

    def collect(error: ValidationError, prefix: tuple[Any, ...]) -> None:
        for item in error.errors(include_url=False):
            detail = dict(item)
            detail["loc"] = (*prefix, *item["loc"])
            (line, col), message = _message(detail, data)
            problems.append(Problem(path, line, col, message))

    header = {key: value for key, value in data.items() if key not in KINDS}
    try:
        pack: Pack = _adapter(Pack).validate_python(header)
    except ValidationError as error:
        collect(error, ())
        return None, problems
    if not SLUG.match(pack.pack):
        problems.append(_slug_problem(path, data, ("pack",), pack.pack, "pack id"))
    valid: dict[str, tuple[Any, ...]] = {}
    for kind, cls in KINDS.items():
        if kind not in data or data[kind] is None:
            continue
        items = data[kind]
        if not isinstance(items, list):
            line, col = mark_of(data, (kind,))
            problems.append(Problem(path, line, col, f"{kind}: expected a list of items"))
            continue
        expanded = [_expand_shorthand(cls, raw) for raw in items]
        try:  # all at once, which is quicker; item by item only to say which are wrong
            checked: list[Any] = list(_adapter(tuple[cls, ...]).validate_python(expanded))  # type: ignore[valid-type]
        except ValidationError:
            checked = [_ITEM_FAILED] * len(expanded)
        good = []
        for index, raw in enumerate(expanded):
            item = checked[index]
            if item is _ITEM_FAILED:
                try:
                    item = _adapter(cls).validate_python(raw)
                except ValidationError as error:
                    collect(error, (kind, index))
                    continue
            if not SLUG.match(item.id):
                problems.append(_slug_problem(path, data, (kind, index, "id"), item.id, "id"))
                continue
            good.append(item)
        valid[kind] = tuple(good)
    return replace(pack, **valid), problems  # type: ignore[arg-type]


# Nested items that a pack may write as one string: the string is this field's value.
_SHORTHAND: dict[type, str] = {LookFor: "label"}


@cache
def _shorthand_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(field, the nested class's field a lone string stands for) for each such field."""
    found = []
    for item_field in fields(cls) if is_dataclass(cls) else ():
        nested = _nested_class(cls, item_field.name)
        short = _SHORTHAND.get(nested) if nested is not None else None
        if short is not None:
            found.append((item_field.name, short))
    return tuple(found)


def _expand_shorthand(cls: type, raw: Any) -> Any:
    """The item with shorthand nested values (a look-for as its label alone) spelled out."""
    if not isinstance(raw, dict):
        return raw
    expanded: dict[str, Any] | None = None
    for name, short in _shorthand_fields(cls):
        value = raw.get(name)
        if not isinstance(value, list) or str not in map(type, value):
            continue
        if expanded is None:
            expanded = dict(raw)
        expanded[name] = [{short: v} if isinstance(v, str) else v for v in value]
    return raw if expanded is None else expanded


def _slug_problem(path: str, data: Any, loc: tuple[Any, ...], value: str, what: str) -> Problem:
    line, col = mark_of(data, loc)
    return Problem(
        path,
        line,
        col,
        f"{_item_label(data, loc)}{what} '{value}' must be lowercase words joined by "
        "hyphens (e.g. 'tell-me-about-yourself')",
    )
