"""The tune half's answers whose score is furthest from the coach's, widest gap first.

Run with: python bench/score_errors.py [--corpus DIR] [--half tune] [--kind kind|harsh|all]
    [--top N] [--full]

kind: answers the coach calls weak or middling (or off-topic) that the engine scores higher;
harsh: strong or middling answers it scores lower; all: both. For each: the id, the coach's
score, the engine's, the band, the rules of the findings that cost points (with their points),
those that credit, and a snippet of the answer (all of it with --full). Read them to find what
a coach penalises that no feature measures. Tune on the tune half only.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from feedback_metrics import CORPUS, Case, load_answers, run

# The bands whose answers the engine may be too kind to, and too harsh on.
KIND_BANDS = frozenset({"weak", "middling", "off-topic"})
HARSH_BANDS = frozenset({"strong", "middling"})


def answer_text(entry: Mapping[str, Any]) -> str:
    """The answer's words: its text, or its parts in order."""
    if entry.get("text"):
        return str(entry["text"])
    parts = entry.get("parts") or {}
    return " ".join(f"[{k}] {v}" for k, v in parts.items() if v)


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if limit <= 0 or len(flat) <= limit else flat[: limit - 1] + "\u2026"


def gap(case: Case) -> int:
    """The engine's score less the coach's (0 when not scored)."""
    if case.feedback.score is None:
        return 0
    return case.feedback.score - int(case.label["score"])


def wanted(case: Case, kind: str) -> bool:
    band, diff = case.label["band"], gap(case)
    too_kind = band in KIND_BANDS and diff > 0
    too_harsh = band in HARSH_BANDS and diff < 0
    return {"kind": too_kind, "harsh": too_harsh}.get(kind, too_kind or too_harsh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--half", default="tune")
    parser.add_argument("--kind", choices=("kind", "harsh", "all"), default="all")
    parser.add_argument("--top", type=int, default=0, help="only the N widest gaps")
    parser.add_argument("--full", action="store_true", help="the whole answer, not a snippet")
    args = parser.parse_args()
    entries = [e for e in load_answers(args.corpus) if e["half"] == args.half]
    by_id = {e["id"]: e for e in entries}
    cases = [c for c in run(entries) if c.feedback.score is not None and wanted(c, args.kind)]
    cases.sort(key=lambda c: (-abs(gap(c)), c.id))
    if args.top > 0:
        cases = cases[: args.top]
    for case in cases:
        entry = by_id[case.id]
        costs = [f"{x.rule} {x.points}" for x in case.feedback.findings if x.points < 0]
        credits = [x.rule for x in case.feedback.findings if x.points == 0 and x.severity == "good"]
        print(
            f"{case.id} {entry['question']} label {case.label['score']} engine "
            f"{case.feedback.score} gap {gap(case):+d} ({case.label['band']}, "
            f"{case.feedback.word_count} w)\n"
            f"    costs: {', '.join(costs) or '-'}\n"
            f"    credits: {', '.join(credits) or '-'}\n"
            f"    \u2018{_clip(answer_text(entry), 0 if args.full else 220)}\u2019"
        )
        if case.label.get("note"):
            print(f"    coach: {case.label['note']}")
    print(f"\n{len(cases)} answers")


if __name__ == "__main__":
    main()
