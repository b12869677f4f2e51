"""Every look-for verdict of the tune half that disagrees with the coach's label.

Run with: python bench/lookfor_errors.py [--corpus DIR] [--half tune] [--kind missed|wrong|all]

For each answer, each look-for the coach marked covered that the engine said missing (or
unsure), and each the coach marked absent that the engine said covered or did not say missing:
the question id, the look-for, the label, the verdict and a snippet (the engine's quote for a
"covered" verdict, the coach's evidence or the answer's opening otherwise). Tune on the tune
half only.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from feedback_metrics import CORPUS, load_answers, run


def _verdict(look_for: str, covered: dict[str, str], missing: set[str], unsure: set[str]) -> str:
    if look_for in covered:
        return "covered"
    if look_for in missing:
        return "missing"
    if look_for in unsure:
        return "unsure"
    return "not judged"


def _clip(text: str, limit: int = 150) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--half", default="tune")
    parser.add_argument(
        "--kind",
        choices=("missed", "wrong", "all"),
        default="all",
        help="missed: absent look-fors not said missing; wrong: verdicts that are false",
    )
    args = parser.parse_args()
    entries = [e for e in load_answers(args.corpus) if e["half"] == args.half]
    by_id = {e["id"]: e for e in entries}
    counts: Counter[str] = Counter()
    for case in run(entries):
        entry = by_id[case.id]
        truth = case.label.get("look_fors") or {}
        covered = dict(case.feedback.evidence)
        missing = set(case.feedback.look_fors_missing)
        unsure = set(case.feedback.look_fors_unsure)
        text = entry.get("text") or " ".join(str(v) for v in (entry.get("parts") or {}).values())
        words = len(str(text).split())
        for look_for, is_covered in truth.items():
            verdict = _verdict(look_for, covered, missing, unsure)
            if is_covered and verdict != "missing":
                continue  # a right "covered", or an unsure that costs little
            if not is_covered and verdict == "missing":
                continue
            kind = "wrong" if verdict in ("covered", "missing") else "missed"
            if args.kind != "all" and kind != args.kind:
                continue
            counts[f"{'covered' if is_covered else 'absent'} -> {verdict}"] += 1
            if verdict == "covered":
                snippet = covered[look_for]
            else:
                snippet = (case.label.get("evidence") or {}).get(look_for) or str(text)
            print(
                f"{case.id} {entry['question']} ({words} w, {case.label['band']})\n"
                f"    {look_for!r}: label {'covered' if is_covered else 'absent'}, "
                f"said {verdict}\n    \u2018{_clip(str(snippet))}\u2019"
            )
    print()
    for name, n in counts.most_common():
        print(f"{n:5}  {name}")


if __name__ == "__main__":
    main()
