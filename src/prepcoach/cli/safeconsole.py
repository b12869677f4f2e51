"""The console every command prints through: rich, with control sequences taken out of text."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from prepcoach.kernel.safetext import clean


class SafeConsole(Console):
    """A rich console whose printed text can never carry a terminal control sequence."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(clean(segment.text), segment.style)
            for segment in buffer
        )
