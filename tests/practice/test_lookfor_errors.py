"""bench/lookfor_errors.py lists the tune half's look-for verdicts that disagree with the
coach's labels, each with its question, look-for, label, verdict and a snippet."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from bench.feedback_metrics import load_answers, run

BENCH = Path(__file__).parents[2] / "bench"


@pytest.fixture(scope="module")
def errors() -> Any:
    sys.path.insert(0, str(BENCH))
    try:
        import lookfor_errors
    finally:
        sys.path.remove(str(BENCH))
    return lookfor_errors


def test_each_disagreement_of_the_tune_half_is_listed_once(
    errors: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["lookfor_errors.py", "--kind", "wrong"])
    errors.main()
    out = capsys.readouterr().out
    listed = re.findall(
        r"^(fb-\d+) (\S+) \(\d+ w, [a-z-]+\)\n    (.+): label (\w+), said (\w+)$", out, re.M
    )
    entries = [e for e in load_answers() if e["half"] == "tune"]
    wrong = 0
    for case in run(entries):
        for look_for, covered in (case.label.get("look_fors") or {}).items():
            said_covered = look_for in case.feedback.evidence
            said_missing = look_for in case.feedback.look_fors_missing
            wrong += (said_covered and not covered) or (said_missing and covered)
    assert listed and len(listed) == wrong
    assert all(
        label != ("covered" if said == "covered" else "absent") for *_, label, said in listed
    )
    assert {e["half"] for e in entries if e["id"] in {x[0] for x in listed}} == {"tune"}
