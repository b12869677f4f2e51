"""How far the feedback engine agrees with the labelled corpus, for both halves.

Run with: python bench/eval_feedback.py [--corpus DIR] [--worst]
The targets are those of the check half; tune only on the tune half.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from feedback_metrics import CORPUS, HALVES, Figures, elsewhere_caught, evaluate

# (field, label, target, higher is better, as a percentage)
ROWS: tuple[tuple[str, str, float, bool, bool], ...] = (
    ("spearman", "Spearman", 0.85, True, False),
    ("mae", "mean absolute gap", 10, False, False),
    ("weak_pass", "weak/off-topic scoring >= 60", 0.10, False, True),
    ("strong_fail", "strong scoring < 70", 0.10, False, True),
    ("off_topic_caught", "off-topic caught", 0.80, True, True),
    ("on_topic_flagged", "on-topic flagged off-topic", 0.05, False, True),
    ("missing_precision", "'missing' precision", 0.85, True, False),
    ("missing_recall", "'missing' recall", 0.70, True, False),
    ("covered_precision", "'covered' precision", math.nan, True, False),
    ("result_false_alarms", "result false alarms", 0, False, False),
    ("unquantified_false_alarms", "'no number' false alarms", math.nan, False, False),
    ("contradictions", "answers contradicting themselves", 0, False, False),
)


def _show(value: float, percent: bool) -> str:
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "n/a"
    return f"{value * 100:.0f} %" if percent else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--worst", action="store_true", help="list the widest score gaps")
    args = parser.parse_args()
    results: dict[str, Figures] = evaluate(args.corpus)
    sizes = "  ".join(f"{h}: {results[h].answers} answers" for h in HALVES)
    print(f"Feedback corpus {args.corpus}  ({sizes})")
    print(f"{'':36}{'tune':>9}{'check':>9}   target (check)")
    for name, label, target, higher, percent in ROWS:
        cells = "".join(f"{_show(getattr(results[h], name), percent):>9}" for h in HALVES)
        goal = "" if isinstance(target, float) and math.isnan(target) else _show(target, percent)
        sign = ">=" if higher else "<="
        print(f"{label:36}{cells}   {sign + ' ' + goal if goal else ''}")
    told, caught = elsewhere_caught("tune", args.corpus)
    print(f"{'tune answers told to other questions':36}{_show(caught, True):>9}   ({told} answers)")
    for half in HALVES:
        for example in results[half].contradiction_examples[:6]:
            print(f"  contradiction ({half}) {example}")
        if args.worst:
            gaps = ", ".join(f"{i} {a}->{b}" for i, a, b in results[half].worst)
            print(f"  widest gaps ({half}, coach->engine): {gaps}")


if __name__ == "__main__":
    main()
