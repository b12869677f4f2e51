"""The fit of the score's weights (bench/fit_feedback.py) computes the score exactly as the
engine does, so that the weights it finds are the engine's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from prepcoach.practice.feedback import PART_MAXIMA, SCALE, WEIGHTS, scored

BENCH = Path(__file__).parents[2] / "bench"


@pytest.fixture(scope="module")
def fit() -> Any:
    sys.path.insert(0, str(BENCH))
    try:
        import fit_feedback
    finally:
        sys.path.remove(str(BENCH))
    return fit_feedback


def test_the_fit_scores_every_tune_answer_as_the_engine_does(fit: Any) -> None:
    data = fit.samples(fit.fm.CORPUS)
    assert len(data) >= 100
    model = fit.Model({k: v for k, v in WEIGHTS.items() if k not in fit.FIXED}, PART_MAXIMA, SCALE)
    for sample in data:
        assert fit.score(sample, model) == scored(sample.judged).score


def test_moving_a_weight_changes_the_loss_so_the_fit_can_find_it(fit: Any) -> None:
    data = fit.samples(fit.fm.CORPUS)[:60]
    model = fit.Model({k: v for k, v in WEIGHTS.items() if k not in fit.FIXED}, PART_MAXIMA, SCALE)
    here = fit.loss(data, model, absolute=False)
    assert fit.loss(data, model.moved("look-fors", 0.0), absolute=False) > here


def test_only_the_named_weights_move_when_asked(fit: Any) -> None:
    data = fit.samples(fit.fm.CORPUS)[:60]
    start = {k: v for k, v in WEIGHTS.items() if k not in fit.FIXED}
    model = fit.fit(
        data, False, fit.PRIOR_STRENGTH, False, start, frozenset({"detail"}), fit_scale=False
    )
    assert model.scale == round(SCALE, 3)
    assert {k: v for k, v in model.weights.items() if k != "detail"} == {
        k: round(v, 1) for k, v in start.items() if k != "detail"
    }
    free = fit.fit(data, False, fit.PRIOR_STRENGTH, False, start)
    assert free.weights != model.weights or free.scale != model.scale
