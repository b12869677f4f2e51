"""A plain `prep practice` in a terminal, started without building the typer app.

`prep practice` is what people run every day, and typer (with the command it builds) is a
third of the wait for the first question. So the entry point first tries to read the command
line here: the global options `--home`, `--content`, `--no-color` and `--debug`, then
`practice` with the options whose forms it can read exactly (`--mode quick`, `--mode=quick`,
`-m quick`, `-q ID` repeated, whole numbers in their range, the flags `--resume` and
`--speak`). Anything else -- help, an option it does not know, an odd form, a value that looks
like an option, no terminal -- is left to typer, unchanged; so is a choice the session finds
wrong (typer says what is wrong with it, as usual). Both read the options into the same
`practice_flow` and go through the same error handling (`cli.guard`), so what a user sees is
the same byte for byte either way (tests/meta/test_quickstart.py runs both in a terminal).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prepcoach.cli import guard

# practice's options: (their names, what they hold). `text` takes any value, a range a whole
# number within it, `many` a value per use; `flag` takes none. (`--answers`, `--audio` and
# `--json` do not practise in the terminal: typer reads them.)
_TEXT, _MANY, _FLAG = "text", "many", "flag"
_PRACTICE_OPTIONS: dict[str, tuple[str, object]] = {
    "--mode": ("mode", _TEXT),
    "-m": ("mode", _TEXT),
    "--question": ("question", _MANY),
    "-q": ("question", _MANY),
    "--count": ("count", (1, 50)),
    "-n": ("count", (1, 50)),
    "--category": ("category", _TEXT),
    "--competency": ("competency", _TEXT),
    "--role": ("role", _TEXT),
    "--stage": ("stage", _TEXT),
    "--format": ("format_id", _TEXT),
    "--interview": ("interview", _TEXT),
    "-i": ("interview", _TEXT),
    "--probes": ("probes", (0, 3)),
    "--resume": ("resume", _FLAG),
    "--speak": ("speak", _FLAG),
}
_GLOBAL_OPTIONS: dict[str, tuple[str, object]] = {
    "--home": ("home", _TEXT),
    "--content": ("content", _MANY),
    "--no-color": ("no_color", _FLAG),
    "--debug": ("debug", _FLAG),
}


@dataclass
class Practice:
    """`prep practice` as read from the command line (the defaults are typer's)."""

    home: str | None = None
    content: list[str] = field(default_factory=list)
    no_color: bool = False
    debug: bool = False
    mode: str | None = None
    question: list[str] = field(default_factory=list)
    count: int = 5
    category: str | None = None
    competency: str | None = None
    role: str | None = None
    stage: str | None = None
    format_id: str | None = None
    interview: str | None = None
    probes: int | None = None
    resume: bool = False
    speak: bool = False


def read(args: list[str]) -> Practice | None:
    """`prep [global options] practice [options]` read as typer reads it; None when the
    command line is anything else, or holds a form that typer might read differently."""
    read_as = Practice()
    words = iter(args)
    options = _GLOBAL_OPTIONS
    for word in words:
        if word == "practice" and options is _GLOBAL_OPTIONS:
            options = _PRACTICE_OPTIONS
            continue
        name, has_value, value = word.partition("=")
        if name not in options or (has_value and not name.startswith("--")):
            return None
        attr, kind = options[name]
        if kind == _FLAG:
            if has_value:
                return None
            setattr(read_as, attr, True)
            continue
        if not has_value:
            value = next(words, "")
        if not value or value.startswith("-"):
            return None
        if isinstance(kind, tuple):
            low, high = kind
            if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
                return None
            setattr(read_as, attr, int(value))
        elif kind == _MANY:
            getattr(read_as, attr).append(value)
        else:
            setattr(read_as, attr, value)
    if options is not _PRACTICE_OPTIONS:
        return None
    if read_as.question and (read_as.mode or read_as.format_id):
        return None  # typer says they do not go together
    return read_as


def start(args: list[str]) -> None:
    """Run `prep practice` if `args` is one this module reads and there is a terminal to ask
    in (and exit); else return, and typer runs the command line."""
    from prepcoach.cli import prompts

    practice = read(args)
    if practice is None or not prompts.stdin_is_terminal() or os.environ.get("TERM") == "dumb":
        return
    guard.run_command(_session(practice), guard.debug_requested(args))


def _session(read_as: Practice) -> Callable[[], int | None]:
    def session() -> int | None:
        from prepcoach.cli.context import start_context
        from prepcoach.cli.practice import practice_flow

        home = read_as.home or os.environ.get("PREP_HOME") or None
        ctx = start_context(
            Path(home) if home else None,
            [Path(path) for path in read_as.content],
            color=not read_as.no_color,
            debug=read_as.debug,
        )
        try:
            library, mode, filters = practice_flow.settle(
                ctx,
                mode=read_as.mode,
                category=read_as.category,
                competency=read_as.competency,
                role=read_as.role,
                stage=read_as.stage,
                format_id=read_as.format_id,
            )
        except Exception as error:
            if _usage_error(error):
                return None  # typer reads the options again and says what is wrong
            raise
        source = practice_flow.terminal_source(ctx, library)
        stopped = practice_flow.practise(
            ctx,
            library,
            source,
            mode=mode,
            filters=filters,
            count=read_as.count,
            format_id=read_as.format_id,
            interview=read_as.interview,
            resume=read_as.resume,
            probes=read_as.probes,
            question_ids=tuple(read_as.question),
            speak=read_as.speak,
        )
        return 130 if stopped else 0

    return session


def _usage_error(error: BaseException) -> bool:
    """Whether `error` is typer's usage error (typer is imported only to raise one)."""
    typer: Any = sys.modules.get("typer")
    return typer is not None and isinstance(error, typer.BadParameter)
