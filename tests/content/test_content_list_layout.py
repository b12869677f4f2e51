"""`prep content list` at 80 columns: each pack's title whole on a line, not a word a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_prep


@pytest.mark.parametrize("columns", [80, 120])
def test_every_title_is_whole_on_one_line(
    home: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_prep("content", "list")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= columns
    assert any("Questions to ask the interviewer (1.0.0)" in line for line in lines), lines
    assert any(line.startswith("ask-builtin") and "57 questions to ask" in line for line in lines)
