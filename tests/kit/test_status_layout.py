"""`prep status` at 80 columns: every command stays whole on one line, to copy and paste."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_prep


@pytest.mark.parametrize("columns", [80, 120])
def test_every_command_is_whole_on_one_line(
    home: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    added = run_prep("interview", "add", "--company", "Acme", "--stage", "second", "--when", "fri")
    assert added.exit_code == 0, added.output
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run_prep("status")
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= columns
    commands = [line.split("→ ", 1)[1] for line in lines if "→ prep" in line]
    assert "prep interview add --company Acme --stage first --status done" in commands, lines
    assert any(c.startswith("prep practice --mode mock --interview iv-") for c in commands)


def test_the_practice_check_says_its_rule_once(home: Path) -> None:
    added = run_prep("interview", "add", "--company", "Acme", "--when", "fri")
    assert added.exit_code == 0, added.output
    result = run_prep("status")
    assert "Likely questions rated Good or Easy" in result.stdout, result.stdout
    assert "practised, rated Good " not in result.stdout
