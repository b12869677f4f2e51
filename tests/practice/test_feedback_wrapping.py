"""Printed feedback wraps its bullets with a hanging indent, at 80 and at 120 columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import invoke
from tests.practice.test_practice_cli import write_answers

RAMBLE = {
    "question": "why-us",
    "style": "free",
    "text": "Um, basically I think you are, like, a good company and I guess I would, um, "
    "maybe learn a lot here, kind of, because basically it is a good place to work and I "
    "think people say it is, like, nice, and maybe I could grow, sort of, over time.",
    "rating": "good",
}
MARKS = ("✓", "•", "!", "→")


@pytest.mark.parametrize("columns", [80, 120])
def test_wrapped_findings_hang_under_their_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = invoke("practice", "--answers", str(write_answers(tmp_path / "a.yaml", RAMBLE)))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= columns
    start = next(i for i, line in enumerate(lines) if line.startswith("Score "))
    end = next(i for i, line in enumerate(lines) if line.startswith("Rated "))
    wrapped = 0
    indent = 0
    for line in lines[start + 2 : end]:
        stripped = line.lstrip()
        if stripped[:1] in MARKS:  # a bullet: its text starts after the mark and a space
            indent = len(line) - len(stripped) + 2
            continue
        wrapped += 1
        assert line.startswith(" " * indent) and line[indent] != " ", (columns, line)
    assert wrapped > 0  # the tips and findings are long enough to wrap
