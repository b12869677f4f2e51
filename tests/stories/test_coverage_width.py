"""`prep story coverage` at 80 columns keeps every mark, with 14 and with 20 stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import invoke
from prepcoach.store.db import Store
from prepcoach.stories import store as store_st
from prepcoach.stories.core import StarStory

COMPETENCIES = ("teamwork", "leadership", "communication", "conflict-resolution")
PARTS = {"situation": "s", "task": "t", "action": "a", "result": "r"}


@pytest.mark.parametrize("count", [14, 20])
def test_every_mark_is_shown_at_80_columns(
    home: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    expected = 0
    with Store.open(home) as store:
        for number in range(count):
            tags = COMPETENCIES[: 1 + number % len(COMPETENCIES)]
            expected += len(tags)
            store_st.add_story(
                store, StarStory(title=f"Story {number}", competencies=tags, parts=PARTS)
            )
    result = invoke("story", "coverage")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert result.output.count("●") == expected
