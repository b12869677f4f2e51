"""`prep questions` at 80 columns: what wraps hangs under its own first word."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_prep


def test_wrapped_question_text_and_tags_hang_at_80_columns(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_prep("questions", "--search", "conflict")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()[:-1]  # the last line is the count
    assert max(len(line) for line in lines) <= 80
    # Every line is an id line ("id  category · tags") or indented under one: a wrapped
    # question or tag list never falls back to column 0.
    flush = [line for line in lines if not line.startswith(" ")]
    assert all("  " in line for line in flush), flush
    assert "conflict-you-caused" in [line.split("  ")[0] for line in flush]
    text = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    assert any("What did you" in line for line in text)
    joined = " ".join(line.strip() for line in lines)
    assert "that you caused or made worse. What did you learn?" in joined


def test_a_very_long_search_is_not_echoed_back_whole(home: Path) -> None:
    result = run_prep("questions", "--search", "zq" * 2500)
    assert result.exit_code == 0, result.output
    assert "No question matches" in result.stdout
    assert len(result.stdout) < 400, len(result.stdout)
    assert "(5,000 characters)" in result.stdout
