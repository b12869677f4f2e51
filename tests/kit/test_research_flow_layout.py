"""`prep research`: each section's hint wraps under itself, not back at the terminal's edge."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console

from prepcoach.cli.kit.research_flow import guided
from prepcoach.cli.prompts import ScriptedPrompter
from prepcoach.kit.research import Dossier


class Terminal(ScriptedPrompter):
    """A person at a terminal who presses Ctrl-C at the first question."""

    interactive = True

    def _next(self, name: str, message: str) -> object:
        raise KeyboardInterrupt


def test_the_section_hint_hangs_under_itself_at_60_columns(home: Path) -> None:
    console = Console(width=60, record=True, color_system=None, highlight=False)
    ctx = SimpleNamespace(console=console)
    with pytest.raises(KeyboardInterrupt):
        guided(ctx, Terminal({}), Dossier(company="Acme"))  # type: ignore[arg-type]
    lines = console.export_text().splitlines()
    title = lines.index("Mission and strategy")
    hint = lines[title + 1 :]
    assert len(hint) >= 2, lines  # the hint is long enough to wrap at 60 columns
    assert all(line.startswith("  ") for line in hint), lines
    assert all(len(line) <= 60 for line in lines)
