"""The feedback engine keeps agreeing with the coach's labels on the corpus's check half.

The floors sit a little under what the engine reaches, so that a change which makes the
feedback worse fails here; `python bench/eval_feedback.py` prints the figures of both halves.
Tune on the tune half only: these answers are the check.
"""

from __future__ import annotations

import pytest
from bench.feedback_metrics import Figures, evaluate

# figure -> (floor or ceiling, higher is better); the targets are in the bench.
FLOORS: dict[str, tuple[float, bool]] = {
    # The check half grew from 120 to 180 answers (fb-241...fb-360, more near misses and
    # paraphrases); the figures in the comments are on the 180, with the score's weights
    # fitted on the tune half (in brackets: the figure before the change named, or with the
    # hand-set points before).
    "spearman": (0.79, True),  # reached 0.803 (0.786 before the look-for cues); target 0.85
    "mae": (12.0, False),  # 11.6 (12.1 before the look-for cues); target 10
    "weak_pass": (0.17, False),  # 13.5 %, 10 of 74 (14.9 % before the look-for cues); target 10 %
    "strong_fail": (0.04, False),  # 2 % (2 %); target 10 %
    "off_topic_caught": (0.60, True),  # 62 %, 18 of 29 (59 % before focus); target 80 %
    "on_topic_flagged": (0.06, False),  # 4.6 %, 7 of 151 (6.6 % before the look-for cues);
    # target 5 %
    "missing_precision": (0.85, True),  # 0.852 (0.875 when fewer were said missing); target 0.85
    "missing_recall": (0.77, True),  # 0.778 (0.679 before a short answer meeting none of
    # its look-fors was told they are missing); target 0.7
    "covered_precision": (0.84, True),  # 0.847 (0.852)
    "result_false_alarms": (0, False),  # 0; target 0
    "contradictions": (0, False),  # 0; target 0
}


@pytest.fixture(scope="module")
def check() -> Figures:
    return evaluate()["check"]


def test_the_check_half_is_large_enough_to_mean_something(check: Figures) -> None:
    assert check.answers >= 80 and check.scored >= 75


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_check_half_holds_its_floor(check: Figures, name: str) -> None:
    limit, higher = FLOORS[name]
    value = getattr(check, name)
    if higher:
        assert value >= limit, f"{name} fell to {value:.3f} (floor {limit})"
    else:
        assert value <= limit, f"{name} rose to {value:.3f} (ceiling {limit})"


def test_no_answer_contradicts_itself(check: Figures) -> None:
    assert check.contradiction_examples == []
