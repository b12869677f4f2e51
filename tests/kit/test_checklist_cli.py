"""`prep checklist` at 80 columns: an item's wrapped lines hang under its first word."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import invoke


def test_wrapped_items_and_details_hang_under_their_text(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("checklist")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    inside = False
    for line in lines:
        if line.startswith("  [ ] "):
            inside = True
        elif not line.strip() or not line.startswith(" "):
            inside = False  # a blank line or the next checklist's title
        if inside:
            # under an item, every line is the box or text indented past it
            assert line.startswith(("  [ ] ", "      ")), line
    assert "      ask for." in lines  # "The invitation ... the person to / ask for."
