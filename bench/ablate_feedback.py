"""What each means of the feedback engine buys: the corpus figures with and without it.

Run with: python bench/ablate_feedback.py [--corpus DIR]
Each row switches one means off (in this process only) and evaluates both halves again.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import feedback_metrics as fm

from prepcoach.content.library import ContentLibrary
from prepcoach.practice import feedback as fb


@contextmanager
def _patched(name: str, value: Any) -> Iterator[None]:
    old = getattr(fb, name)
    setattr(fb, name, value)
    try:
        yield
    finally:
        setattr(fb, name, old)


def _without_cues(library: ContentLibrary) -> ContentLibrary:
    questions = {
        qid: dataclasses.replace(q, look_fors=tuple(fb.LookFor(lf.label) for lf in q.look_fors))
        for qid, q in library.questions.items()
    }
    return dataclasses.replace(library, questions=questions)


def _cue_only_attribute(text: str) -> dict[str, list[str]]:
    """STAR parts from cue phrases alone, sentence by sentence, as before sentence roles: no
    clauses, no place in the answer, no verbs or figures, no closing sentence as the result."""
    out: dict[str, list[str]] = {key: [] for key in fb.STAR_PARTS}
    current = "situation"
    for sentence in fb._sentences(text):
        low = fb._norm(sentence)
        best, best_score = current, 0
        for key, pattern in fb._CUES.items():
            score = sum(
                len(m.group()) + (5 if m.start() == 0 else 0) for m in pattern.finditer(low)
            )
            if score > best_score:
                best, best_score = key, score
        out[best].append(sentence)
        current = best
    return out


def _without_rule(check: Callable[..., Any]) -> Any:
    return _patched("_RULES", tuple(r for r in fb._RULES if r.check is not check))


def _never_unsure(f: Any) -> tuple[str, ...]:
    return ()


ABLATIONS: dict[str, Callable[[], Any]] = {
    "all means": lambda: _patched("WORDS_PER_MINUTE", fb.WORDS_PER_MINUTE),
    "no relevance": lambda: _without_rule(fb._relevance),
    "no sentence roles": lambda: _patched("_attribute", _cue_only_attribute),
    "no 'unsure'": lambda: _patched("_unsure", _never_unsure),
    "no concrete detail": lambda: _without_rule(fb._concrete),
}
FIGURES = ("spearman", "mae", "weak_pass", "off_topic_caught", "on_topic_flagged")
FIGURES += ("missing_precision", "missing_recall", "result_false_alarms", "contradictions")


def _row(label: str, results: dict[str, fm.Figures]) -> str:
    cells = []
    for name in FIGURES:
        for half in fm.HALVES:
            value = getattr(results[half], name)
            cells.append(f"{value:>5}" if isinstance(value, int) else f"{value:5.2f}")
    return f"{label:20}" + " ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=fm.CORPUS)
    args = parser.parse_args()
    library = fm.builtin_library()
    heads = " ".join(f"{n[:11]:>11}" for n in FIGURES)
    print(f"{'(tune check)':20}{heads}")
    for label, switch in ABLATIONS.items():
        with switch():
            results = fm.evaluate(args.corpus, library)
        print(_row(label, results))
    results = fm.evaluate(args.corpus, _without_cues(library))
    print(_row("no cues (labels)", results))


if __name__ == "__main__":
    main()
