"""bench/score_errors.py lists the tune half's answers the score is too kind to (weak,
middling or off-topic answers scored above the coach) or too harsh on (strong or middling
ones scored below), widest gap first, each with its findings and a snippet."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from bench.feedback_metrics import load_answers, run

BENCH = Path(__file__).parents[2] / "bench"
_HEAD = re.compile(
    r"^(fb-\d+) (\S+) label (\d+) engine (\d+) gap ([+-]\d+) \(([a-z-]+), \d+ w\)$", re.M
)


@pytest.fixture(scope="module")
def errors() -> Any:
    sys.path.insert(0, str(BENCH))
    try:
        import score_errors
    finally:
        sys.path.remove(str(BENCH))
    return score_errors


def _listed(errors: Any, capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, ...]]:
    argv = sys.argv
    sys.argv = ["score_errors.py", *args]
    try:
        errors.main()
    finally:
        sys.argv = argv
    return _HEAD.findall(capsys.readouterr().out)


def test_every_answer_scored_too_kindly_is_listed_widest_gap_first(
    errors: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = _listed(errors, capsys, "--kind", "kind")
    entries = [e for e in load_answers() if e["half"] == "tune"]
    kind = {
        c.id
        for c in run(entries)
        if c.feedback.score is not None
        and c.label["band"] in ("weak", "middling", "off-topic")
        and c.feedback.score > c.label["score"]
    }
    assert listed and {x[0] for x in listed} == kind
    for _id, _q, label, engine, gap, _band in listed:
        assert int(engine) - int(label) == int(gap) > 0
    gaps = [abs(int(x[4])) for x in listed]
    assert gaps == sorted(gaps, reverse=True)


def test_harsh_lists_only_good_answers_scored_below_the_coach(
    errors: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = _listed(errors, capsys, "--kind", "harsh", "--top", "5")
    assert len(listed) == 5
    assert all(int(gap) < 0 and band in ("strong", "middling") for *_, gap, band in listed)
