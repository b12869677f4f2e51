"""How well `prep questions --search` ranks: top-1, top-3, top-5 and MRR on tests/data/search.

Usage: python bench/judge_search.py [--misses]  (the misses of the tune half only: the check
half is a measurement, not something to tune on)
"""

from __future__ import annotations

import sys
from typing import Any

from judge_common import DATA, by_half, library, load, pct, report


def main() -> None:
    from prepcoach.content.search import QuestionIndex

    lib = library()
    index = QuestionIndex(lib.questions.values(), lib.competencies)
    items = load(DATA / "search" / "queries.yaml")["queries"]
    misses: list[str] = []

    def metrics(half: list[dict[str, Any]]) -> dict[str, str]:
        top1 = top3 = top5 = 0
        rr = 0.0
        for item in half:
            ranked = [hit.question.id for hit in index.search(item["query"])]
            if item["expected"] in ranked:
                rank = ranked.index(item["expected"]) + 1
                rr += 1 / rank
                top1 += rank == 1
                top3 += rank <= 3
                top5 += rank <= 5
            if item["half"] == "tune" and (not ranked or ranked[0] != item["expected"]):
                misses.append(
                    f"{item['half']:5} {item['query']!r}: {item['expected']} got {ranked[:3]}"
                )
        n = len(half)
        return {
            "top-1": f"{top1}/{n} {pct(top1, n)}",
            "top-3": f"{top3}/{n} {pct(top3, n)}",
            "top-5": f"{top5}/{n} {pct(top5, n)}",
            "MRR": f"{rr / n:.2f}" if n else "n/a",
        }

    report("Question search (tests/data/search)", metrics, by_half(items))
    if "--misses" in sys.argv:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
