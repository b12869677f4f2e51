"""Option values converted without pydantic, so that a command starts as fast as click would.

Typer 0.29 converts every option that is not a flag through a pydantic TypeAdapter, built when
the option is first processed; importing pydantic and building the adapters costs more than
everything else `prep status` does. The options prep declares are plain: text, whole numbers
(with an optional range), paths without existence checks, and lists of those. For exactly
those, `install` gives each parameter a converter that follows typer's own rules and messages
(the pydantic wording included, so errors read the same). Anything else — and any typer whose
internals look different — keeps typer's own conversion, so correctness never depends on this
module, only speed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

try:  # typer's runtime-conversion layer (0.29); older or newer layouts simply skip the shim
    from typer._coercion import RuntimeParam as _RuntimeParam
    from typer._param_types import coerce_cli_path as _coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - depends on the installed typer
    _RuntimeParam = None  # type: ignore[assignment,misc]
    _TyperParameter = None  # type: ignore[assignment,misc]

from typer import BadParameter


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _whole_number(value: Any, low: float | None, high: float | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("Input should be a valid integer")
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            raise ValueError(
                "Input should be a valid integer, unable to parse string as an integer"
            ) from None
    else:
        number = value
    if low is not None and number < low:
        raise ValueError(f"Input should be greater than or equal to {low}")
    if high is not None and number > high:
        raise ValueError(f"Input should be less than or equal to {high}")
    return number


_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


def _truth(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "" or word in _FALSE:
            return False
        if word in _TRUE:
            return True
    elif isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValueError("Input should be a valid boolean, unable to interpret input")


def _plain_path(info: Any) -> bool:
    """A path option without checks that typer would hand to pydantic for the Path itself."""
    return info.parser is None and info.path_type is None and not info.allow_dash


def _leaf(annotation: Any, info: Any) -> Any:
    """A converter `(value, param, ctx) -> value` for one plain annotation, or None."""
    if info.parser is not None or info.clamp:
        return None
    if annotation is str:
        return lambda value, param, ctx: _text(value)
    if annotation is bool:
        return lambda value, param, ctx: _truth(value)
    if annotation is int:
        low, high = info.min, info.max
        return lambda value, param, ctx: _whole_number(value, low, high)
    if annotation is Path and _plain_path(info):

        def to_path(value: Any, param: Any, ctx: Any) -> Any:
            path = value if isinstance(value, Path) else Path(_text(value))
            return _coerce_cli_path(path, info, path_type=Path, param=param, ctx=ctx)

        return to_path
    return None


if _RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainParam(_RuntimeParam):
        convert: Any
        many: bool

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.many:
                    items = value if isinstance(value, list | tuple) else [value]
                    return [self.convert(item, param, ctx) for item in items]
                return self.convert(value, param, ctx)
            except ValueError as error:
                raise BadParameter(str(error), ctx=ctx, param=param) from error


def _runtime_param(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return None
    annotation, info = descriptor.annotation, descriptor.parameter_info
    many = get_origin(annotation) is list
    if many:
        (annotation,) = get_args(annotation) or (None,)
    convert = _leaf(annotation, info)
    if convert is None:
        return None
    return _PlainParam(
        parameter_info=info, annotation=descriptor.annotation, convert=convert, many=many
    )


@dataclass(frozen=True)
class _HelpNames:
    """What `Command.get_help_option` reads of a context: the help option's names."""

    help_option_names: list[str]


def install(command: Any, help_names: list[str]) -> None:
    """Give every plain option of `command` (and of its subcommands) the pydantic-free converter.

    `help_names` are the context's help option names, so that the help option (which click
    creates on first use and then keeps) gets the converter too.
    """
    if _RuntimeParam is None or not hasattr(_TyperParameter, "get_runtime_param"):
        return  # pragma: no cover - another typer: keep its own conversion
    params = list(getattr(command, "params", ()))
    if hasattr(command, "get_help_option"):
        params.append(command.get_help_option(_HelpNames(help_names)))
    for param in params:
        if isinstance(param, _TyperParameter) and getattr(param, "_runtime_param", 1) is None:
            runtime = _runtime_param(param)
            if runtime is not None:
                param._runtime_param = runtime
    commands = getattr(command, "commands", None)
    if isinstance(commands, dict):
        for sub in commands.values():
            install(sub, help_names)
