"""Reading what a user hands the CLI in files: scripted answers and YAML records."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.files import MB, read_limited, size_label

if TYPE_CHECKING:
    from prepcoach.cli.prompts import Prompter


ANSWERS_LIMIT = 5 * MB  # an answers file, a record to add, a signature, piped YAML


def read_text(path: Path, limit: int = ANSWERS_LIMIT, what: str = "file") -> str:
    """A regular file's UTF-8 text, at most `limit` bytes (a device or FIFO is refused)."""
    return read_limited(path, limit, what=what)


def read_stdin(limit: int = ANSWERS_LIMIT) -> str:
    """What is piped to stdin, at most `limit` bytes (an endless stream is cut and refused)."""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise PrepError(f"the text piped to stdin is too large (the limit is {size_label(limit)})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise PrepError("the text piped to stdin is not UTF-8 text") from None


def read_yaml(path: Path, kind: str = "answers files") -> Any:
    """A YAML file's data; syntax problems are reported as file:line:col."""
    from prepcoach.content.yamlsource import parse_yaml

    data, problems = parse_yaml(read_text(path), kind=kind)
    if problems:
        raise PrepError(
            "; ".join(f"{path}:{line}:{col}: {message}" for (line, col), message in problems[:5])
        )
    return data


def load_answers(path: Path | None) -> dict[str, Any] | None:
    """`--answers FILE.yaml`: a mapping of prompt name to answer (a list for repeats)."""
    if path is None:
        return None
    data = read_yaml(path, "answers files")
    if not isinstance(data, dict):
        raise PrepError(f"{path}: expected a mapping of prompt names to answers")
    return dict(data)


def prompter(answers: Path | None, hint: str = "") -> Prompter:
    from prepcoach.cli.prompts import make_prompter

    return make_prompter(load_answers(answers), hint)


def check_choice(option: str, value: str | None, allowed: Sequence[str]) -> None:
    """A usage error (exit 2) that lists what is allowed, with a did-you-mean."""
    if value is not None and value not in allowed:
        import typer  # a usage error is typer's to show (the quick start runs without typer)

        from prepcoach.content.validation import suggest

        raise typer.BadParameter(
            f"'{value}' is not one of: {', '.join(allowed)}{suggest(value, tuple(allowed))}",
            param_hint=option,
        )
