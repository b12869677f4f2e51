"""Small rich helpers shared by commands, and the one place text is made safe to show.

Every console a command prints with (`make_safe_console`) replaces control characters and
escape sequences in the text it is given (content, answers, notes, stories, error messages)
while keeping its own colours; `esc` also escapes rich markup, so `[link=...]` typed in a note
stays words. rich is imported only when something is printed.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from prepcoach.kernel.safetext import clean, shorten

if TYPE_CHECKING:
    from rich.console import Console


def make_safe_console(**options: Any) -> Console:
    """A rich console whose printed text can never carry a terminal control sequence, and
    shows text as it was typed: ":thumbs_up:" is not made an emoji (which `esc` cannot stop)."""
    from collections.abc import Iterable

    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(clean(segment.text), segment.style)
                for segment in buffer
            )

    return SafeConsole(**{"emoji": False, **options})


def error_text(message: object, limit: int = 2_000) -> str:
    """An error message for the terminal: cleaned, and never the whole of a huge input."""
    return shorten(clean(str(message)), limit)


def write_out(text: str) -> None:
    """Data for stdout (an export, a CSV, Markdown): as it is, cleaned when it is a terminal."""
    sys.stdout.write(clean(text) if sys.stdout.isatty() else text)


def print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout, never coloured or wrapped."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def minutes_seconds(seconds: float) -> str:
    """A duration as a timer shows it: 0:42, 12:05 (whole seconds, rounded down)."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def bullet_list(items: Any, bullet: str = "•") -> str:
    return "\n".join(f"{bullet} {item}" for item in items)


def hanging(console: Console, lead: str, text: str, style: str = "") -> None:
    """Print `lead` (markup: a bullet or an arrow, with its indent) and then `text` (markup) in
    `style`, the lines that `text` wraps onto hanging under its first character."""
    from rich.text import Text

    mark = Text.from_markup(lead, emoji=False)
    body = Text.from_markup(text, style=style, emoji=False)
    indent = mark.cell_len
    for n, line in enumerate(body.wrap(console, max(20, console.width - indent))):
        line.rstrip()
        console.print(Text.assemble(mark if n == 0 else " " * indent, line), highlight=False)


def esc(text: str) -> str:
    """`text` shown literally inside rich markup (a typed `[b]` stays `[b]`), with control
    characters replaced: the one helper for user and content text in markup."""
    from rich.markup import escape  # rich loads only when something is printed

    return escape(clean(text))
