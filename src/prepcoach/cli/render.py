"""Small rich helpers shared by commands, and the one place text is made safe to show.

Everything a command prints on the terminal passes through `SafeConsole`, which replaces
control characters and escape sequences in the text it is given (content, answers, notes,
stories, error messages) while keeping its own colours. `shown` is for text put into rich
markup: it escapes the markup as well, so `[link=...]` in a note stays words.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from prepcoach.kernel.safetext import clean, shorten

if TYPE_CHECKING:  # rich loads only when something is printed
    from prepcoach.cli.safeconsole import SafeConsole


def safe_console(**settings: Any) -> SafeConsole:
    """A rich console whose printed text can never carry a terminal control sequence."""
    from prepcoach.cli.safeconsole import SafeConsole

    return SafeConsole(**settings)


def shown(text: object) -> str:
    """User or content text for rich markup: control characters replaced, markup escaped."""
    from rich.markup import escape

    return escape(clean(str(text)))


def error_text(message: object, limit: int = 2_000) -> str:
    """An error message for the terminal: cleaned, and never the whole of a huge input."""
    return shorten(clean(str(message)), limit)


def write_out(text: str) -> None:
    """Data for stdout (an export, a CSV, Markdown): as it is, cleaned when it is a terminal."""
    sys.stdout.write(clean(text) if sys.stdout.isatty() else text)


def print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout, never coloured or wrapped."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def bullet_list(items: Any, bullet: str = "•") -> str:
    return "\n".join(f"{bullet} {item}" for item in items)


def esc(text: str) -> str:
    """`text` shown literally inside rich markup (a typed `[b]` stays `[b]`)."""
    from rich.markup import escape  # rich loads only when something is printed

    return escape(text)
