"""The interrupt lines fit the terminal: cut at spaces, a quoted command kept whole."""

from __future__ import annotations

import pytest

from prepcoach.cli.guard import fitted


def test_a_long_line_is_cut_at_spaces_and_keeps_a_quoted_command_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    line = (
        "Interrupted: nothing was saved yet; what you typed is kept, and 'prep interview add' "
        "offers it again."
    )
    lines = fitted(line).splitlines()
    assert all(len(one) <= 80 for one in lines)
    assert " ".join(lines) == line  # nothing cut inside a word
    assert any("'prep interview add'" in one for one in lines)
    assert fitted("  prep story add --from " + "/x" * 60) == "  prep story add --from " + "/x" * 60
