"""What each means of the feedback engine buys: the corpus figures with and without it.

Run with: python bench/ablate_feedback.py [--corpus DIR]
Each row switches one means off (in this process only) and evaluates both halves again.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import feedback_metrics as fm
import fit_feedback

from prepcoach.content.library import ContentLibrary
from prepcoach.content.model import LookFor
from prepcoach.practice.feedback import base, engine, facts, lookfors, relevance, rules, score, star


@contextmanager
def _patched(module: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def _without_cues(library: ContentLibrary) -> ContentLibrary:
    questions = {
        qid: dataclasses.replace(q, look_fors=tuple(LookFor(lf.label) for lf in q.look_fors))
        for qid, q in library.questions.items()
    }
    return dataclasses.replace(library, questions=questions)


def _cue_only_attribute(text: str) -> dict[str, list[str]]:
    """STAR parts from cue phrases alone, sentence by sentence, as before sentence roles: no
    clauses, no place in the answer, no verbs or figures, no closing sentence as the result."""
    out: dict[str, list[str]] = {key: [] for key in base.STAR_PARTS}
    current = "situation"
    for sentence in base._sentences(text):
        low = base._norm(sentence)
        best, best_score = current, 0
        for key, pattern in star._CUES.items():
            score = sum(
                len(m.group()) + (5 if m.start() == 0 else 0) for m in pattern.finditer(low)
            )
            if score > best_score:
                best, best_score = key, score
        out[best].append(sentence)
        current = best
    return out


def _without_rule(check: Callable[..., Any]) -> Any:
    return _patched(engine, "_RULES", tuple(r for r in engine._RULES if r.check is not check))


def _never_unsure(f: Any) -> tuple[str, ...]:
    return ()


def _any_sign_on_question(f: Any, terms: Any, signs: int) -> bool:
    """Relevance as before the bank fit: any word of the question or any look-for met keeps
    an answer on it; only an answer with neither is compared with the bank."""
    if signs or terms or f.covered:
        return True
    return f.bank is None or f.bank.fits_better(f.question, f.index) < relevance.OFF_TOPIC_FIT


@contextmanager
def _weights(
    weights: Mapping[str, float] | None = None, scale: float | None = None
) -> Iterator[None]:
    """The score with other weights (or another scale) than the fitted ones."""
    old = engine.scored.__defaults__
    engine.scored.__defaults__ = (
        {**score.WEIGHTS, **(weights or {})},
        score.SCALE if scale is None else scale,
    )
    try:
        yield
    finally:
        engine.scored.__defaults__ = old


def _without(*features: str) -> Any:
    return _weights(dict.fromkeys(features, 0.0))


def _no_caps(f: Any, findings: Any, covered: Any) -> score.Caps:
    caps = _CAPS(f, findings, covered)
    return score.Caps(spoken=caps.spoken, off_topic=caps.off_topic)


_CAPS = engine._caps
# The points each feature cost when they were set by hand, before they were fitted.
HAND_SET = {k: v for k, v in fit_feedback.PRIOR.items() if k != "off-topic"}

ABLATIONS: dict[str, Callable[[], Any]] = {
    "all means": lambda: _weights(),
    "hand-set weights": lambda: _weights(HAND_SET, 0.93),
    "no coach scale": lambda: _weights(scale=1.0),
    "no STAR parts": lambda: _without("star", "balance"),
    "no length": lambda: _without("short", "long", "repetitive"),
    "no look-fors": lambda: _without("look-fors"),
    "no figure/detail": lambda: _without("figure", "detail"),
    "no checks/salary": lambda: _without("asked", "salary", "disguised"),
    "no delivery": lambda: _without("ownership", "fillers"),
    "no short/empty caps": lambda: _patched(engine, "_caps", _no_caps),
    "no relevance": lambda: _without_rule(relevance._relevance),
    "no bank fit": lambda: _patched(relevance, "_on_question", _any_sign_on_question),
    "cues as loose words": lambda: _patched(lookfors, "_cue_sequence", lambda cue: ()),
    "implicit S/T charged": lambda: _patched(rules, "_IMPLICIT_PARTS", frozenset()),
    "no sentence roles": lambda: _patched(facts, "_attribute", _cue_only_attribute),
    "no 'unsure'": lambda: _patched(engine, "_unsure", _never_unsure),
}
FIGURES = ("spearman", "mae", "weak_pass", "off_topic_caught", "on_topic_flagged")
FIGURES += ("missing_precision", "missing_recall", "result_false_alarms", "contradictions")


def _row(label: str, results: dict[str, fm.Figures], elsewhere: float) -> str:
    cells = []
    for name in FIGURES:
        for half in fm.HALVES:
            value = getattr(results[half], name)
            cells.append(f"{value:>5}" if isinstance(value, int) else f"{value:5.2f}")
    return f"{label:20}" + " ".join(cells) + f" {elsewhere:5.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=fm.CORPUS)
    args = parser.parse_args()
    library = fm.builtin_library()
    heads = " ".join(f"{n[:11]:>11}" for n in FIGURES)
    print(f"{'(tune check)':20}{heads} elsewhere (tune answers told to other questions)")
    for label, switch in ABLATIONS.items():
        with switch():
            results = fm.evaluate(args.corpus, library)
            _told, elsewhere = fm.elsewhere_caught("tune", args.corpus, library)
        print(_row(label, results, elsewhere))
    bare = _without_cues(library)
    results = fm.evaluate(args.corpus, bare)
    print(_row("no cues (labels)", results, fm.elsewhere_caught("tune", args.corpus, bare)[1]))


if __name__ == "__main__":
    main()
