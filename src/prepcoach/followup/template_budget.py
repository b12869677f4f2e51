"""The sandbox templates render in, with a budget: no template can hang prep or fill memory.

An email is short and renders at once, so a template may make at most MAX_OUTPUT characters
(in its output, and in any value it builds on the way), loop at most MAX_LOOPS times in all,
and take at most MAX_SECONDS. The operators that can blow a value up (`*`, `**`, `+`, `%`)
are intercepted: Jinja then never folds them into constants when a template is compiled or
checked, and they are refused at run time before a too-big result is computed. String
methods and the filters that make text (`center`, `indent`, `replace`, `join`, `format`...)
are bounded the same way. Imported only when a template is used (Jinja is not needed to start).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

MAX_OUTPUT = 100_000  # characters
MAX_LOOPS = 10_000  # iterations of every {% for %} together, per rendering
MAX_SECONDS = 2.0
MAX_NUMBER_BITS = 4_096  # integers up to about 10**1233
_BIG_NUMBER = re.compile(r"\d{6,}")  # a width or precision in a format string
_SIZED = (str, list, tuple, dict)
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "indent"})
LOOP_FUNCTION = "_count_loop"


class TemplateLimit(Exception):
    """A template went over its budget; the message says which."""


@dataclass(slots=True)
class _Budget:
    loops: int
    deadline: float


_current: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


@contextmanager
def budget() -> Iterator[None]:
    """Rendering inside this block is held to the budget (loops and time start afresh)."""
    token = _current.set(_Budget(MAX_LOOPS, time.monotonic() + MAX_SECONDS))
    try:
        yield
    finally:
        _current.reset(token)


def _tick() -> None:
    state = _current.get()
    if state is not None and time.monotonic() > state.deadline:
        raise TemplateLimit(f"takes longer than {MAX_SECONDS:g} s to render")


def _too_long(size: int) -> TemplateLimit:
    return TemplateLimit(f"makes text of {size:,} characters (at most {MAX_OUTPUT:,})")


def _wide_format() -> TemplateLimit:
    return TemplateLimit("formats with a width or precision that is too large")


def _too_large_number() -> TemplateLimit:
    return TemplateLimit("makes a number too large to write in an email")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else len(str(value))


def checked(value: Any) -> Any:
    """`value`, if it is within the budget."""
    if isinstance(value, _SIZED) and len(value) > MAX_OUTPUT:
        raise _too_long(len(value))
    if isinstance(value, int) and value.bit_length() > MAX_NUMBER_BITS:
        raise _too_large_number()
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be over the budget, before computing it."""
    if operator == "**" and _is_number(left) and _is_number(right):
        if right > 0 and abs(left) > 1 and right * math.log2(abs(left)) > MAX_NUMBER_BITS:
            raise _too_large_number()
    elif operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_NUMBER_BITS:
                raise _too_large_number()
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, _SIZED) and isinstance(times, int) and len(seq) * times > MAX_OUTPUT:
                raise _too_long(len(seq) * times)
    elif operator == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED):
        if len(left) + len(right) > MAX_OUTPUT:
            raise _too_long(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        values = right if isinstance(right, tuple) else (right,)
        widths = [v for v in values if isinstance(v, int) and "*" in left]  # '%*d'
        if _BIG_NUMBER.search(left) or any(abs(v) > MAX_OUTPUT for v in widths):
            raise _wide_format()


def estimate(name: str, target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """A bound on the size of what the method or filter `name` makes of `target`."""
    numbers = [v for v in (*args, *kwargs.values()) if isinstance(v, int)]
    if name in _WIDTH_METHODS:
        text = str(target)
        lines = text.count("\n") + text.count("\t") + 1
        return len(text) + max(numbers, default=0) * lines
    if name == "replace" and len(args) >= 2:
        text, old, new = str(target), str(args[0]), str(args[1])
        count = text.count(old) if old else len(text) + 1
        return len(text) + count * len(new)
    if name in ("format", "format_map"):
        if any(isinstance(v, str) and _BIG_NUMBER.search(v) for v in (target, *args)):
            raise _wide_format()
        if any(abs(v) > MAX_OUTPUT for v in numbers):  # a width given as an argument
            raise _wide_format()
        return _size(target) + sum(_size(v) for v in (*args, *kwargs.values()))
    if name in ("batch", "slice"):
        return max(numbers, default=0)
    return 0


def _joined(glue: str, items: Iterable[Any]) -> list[Any]:
    listed = list(count_loop(items))
    size = sum(_size(v) for v in listed) + len(glue) * len(listed)
    if size > MAX_OUTPUT:
        raise _too_long(size)
    return listed


def count_loop(iterable: Iterable[Any]) -> Iterator[Any]:
    """Each item of a loop spends one of the rendering's loop budget."""
    state = _current.get()
    for item in iterable:
        if state is not None:
            state.loops -= 1
            if state.loops < 0:
                raise TemplateLimit(f"loops more than {MAX_LOOPS:,} times")
            if time.monotonic() > state.deadline:
                raise TemplateLimit(f"takes longer than {MAX_SECONDS:g} s to render")
        yield item


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    skip = 1 if _PassArg.from_obj(function) is not None else 0  # the context it is passed

    @wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        if len(args) > skip:
            target, rest = args[skip], args[skip + 1 :]
            if name == "join":
                glue = str(rest[0]) if rest else str(kwargs.get("d", ""))
                args = (*args[:skip], _joined(glue, target), *rest)
            elif estimate(name, target, tuple(rest), kwargs) > MAX_OUTPUT:
                raise _too_long(estimate(name, target, tuple(rest), kwargs))
        return checked(function(*args, **kwargs))

    return bounded


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, held to the budget (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()  # Jinja's range, dict, lipsum, cycler...: templates need none
        self.globals[LOOP_FUNCTION] = count_loop
        for name in (*_WIDTH_METHODS, "replace", "format", "batch", "slice", "join"):
            if name in self.filters:
                self.filters[name] = _bounded_filter(name, self.filters[name])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        check_binop(operator, left, right)
        return checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _tick()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        if isinstance(owner, _SIZED):  # a method of a string or list
            name = getattr(method, "__name__", "")
            if name == "join" and isinstance(owner, str) and args:
                args = (_joined(owner, args[0]), *args[1:])
            elif estimate(name, owner, args, kwargs) > MAX_OUTPUT:
                raise _too_long(estimate(name, owner, args, kwargs))
        return checked(super().call(__context, __obj, *args, **kwargs))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, with every loop's items counted against the budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            line = loop.lineno
            loop.iter = nodes.Call(
                nodes.Name(LOOP_FUNCTION, "load", lineno=line), [loop.iter], [], None, None
            )
            loop.iter.set_lineno(line)
        return tree


def make_environment() -> BoundedEnvironment:
    return BoundedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: Any, values: dict[str, Any]) -> str:
    """Render under the budget: the output is read piece by piece and stopped at the limit."""
    pieces: list[str] = []
    total = 0
    with budget():
        for piece in template.generate(**values):
            total += len(piece)
            if total > MAX_OUTPUT:
                raise _too_long(total)
            pieces.append(piece)
            _tick()
    return "".join(pieces)


def template_line(error: BaseException) -> int | None:
    """The template line an error was raised on (Jinja rewrites tracebacks to template lines)."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
