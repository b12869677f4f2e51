"""Reading what a user hands the CLI in files: scripted answers and YAML records."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.cli.prompts import Prompter


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PrepError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise PrepError(f"{path} is a folder; give a file") from None
    except UnicodeDecodeError:
        raise PrepError(f"cannot read {path}: it is not UTF-8 text") from None
    except OSError as error:
        raise PrepError(f"cannot read {path}: {error.strerror or error}") from None


def read_yaml(path: Path) -> Any:
    """A YAML file's data; syntax problems are reported as file:line:col."""
    from prepcoach.content.yamlsource import parse_yaml

    data, problems = parse_yaml(read_text(path))
    if problems:
        raise PrepError(
            "; ".join(f"{path}:{line}:{col}: {message}" for (line, col), message in problems)
        )
    return data


def load_answers(path: Path | None) -> dict[str, Any] | None:
    """`--answers FILE.yaml`: a mapping of prompt name to answer (a list for repeats)."""
    if path is None:
        return None
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise PrepError(f"{path}: expected a mapping of prompt names to answers")
    return dict(data)


def prompter(answers: Path | None, hint: str = "") -> Prompter:
    from prepcoach.cli.prompts import make_prompter

    return make_prompter(load_answers(answers), hint)


def check_choice(option: str, value: str | None, allowed: Sequence[str]) -> None:
    """A usage error (exit 2) that lists what is allowed, with a did-you-mean."""
    if value is not None and value not in allowed:
        from prepcoach.content.validation import suggest

        raise typer.BadParameter(
            f"'{value}' is not one of: {', '.join(allowed)}{suggest(value, tuple(allowed))}",
            param_hint=option,
        )
