"""How well the post-mortem reads a concern: the competency it pre-ticks, the ones it offers,
and the skills it names, on tests/data/concerns.

Pre-tick precision: pre-ticks that are the labelled first competency of a note a coach would
tick without asking (`confident: true`), over all pre-ticks. Also: the share of notes
pre-ticked, pre-ticks on `confident: false` notes (should be rare), the first competency in
the three offered first, and skill precision/recall.
Usage: python bench/judge_concerns.py [--old] [--misses]
"""

from __future__ import annotations

import sys
from typing import Any

from judge_common import DATA, by_half, library, load, pct, report


def main() -> None:
    lib = library()
    items = load(DATA / "concerns" / "concerns.yaml")["concerns"]
    old = "--old" in sys.argv
    misses: list[str] = []

    def reading(text: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
        if old:
            from prepcoach.postmortem.match import likely_competencies, suggest_competencies

            likely = likely_competencies(text, lib)
            offered = tuple(dict.fromkeys([*likely, *suggest_competencies(text, lib, 3)]))
            return (likely[0] if likely else None), offered[:3], ()
        from prepcoach.postmortem.match import read_concern

        found = read_concern(text, lib)
        return found.pretick, found.ranked[:3], found.skills

    def metrics(half: list[dict[str, Any]]) -> dict[str, str]:
        ticks = right = loose = unsure_ticks = unsure = 0
        top3 = with_comp = 0
        skill_found = skill_right = skill_labels = 0
        for item in half:
            tick, offered, skills = reading(item["text"])
            labels = item["competencies"]
            unsure += not item["confident"]
            if tick:
                ticks += 1
                right += bool(item["confident"] and tick == labels[0])
                loose += tick in labels
                unsure_ticks += not item["confident"]
            if labels:
                with_comp += 1
                top3 += labels[0] in offered
            wanted = set(item["skills"])
            skill_found += len(skills)
            skill_right += len(set(skills) & wanted)
            skill_labels += len(wanted)
            if (tick or None) != (labels[0] if item["confident"] else None) or set(
                skills
            ) != wanted:
                misses.append(
                    f"{item['half']:5} {item['text'][:60]!r}: want "
                    f"{labels[0] if item['confident'] else '-'} {labels} {sorted(wanted)}; "
                    f"got {tick} {list(offered)} {list(skills)}"
                )
        n = len(half)
        return {
            "pre-tick precision": f"{right}/{ticks} {pct(right, ticks)}",
            "  (tick in labels)": f"{loose}/{ticks} {pct(loose, ticks)}",
            "share pre-ticked": f"{ticks}/{n} {pct(ticks, n)}",
            "ticks on unsure notes": f"{unsure_ticks}/{unsure} {pct(unsure_ticks, unsure)}",
            "top-3 recall (first)": f"{top3}/{with_comp} {pct(top3, with_comp)}",
            "skill precision": f"{skill_right}/{skill_found} {pct(skill_right, skill_found)}",
            "skill recall": f"{skill_right}/{skill_labels} {pct(skill_right, skill_labels)}",
        }

    label = "today's guess" if old else "read_concern"
    report(f"Concern -> competency ({label}, tests/data/concerns)", metrics, by_half(items))
    if "--misses" in sys.argv:
        print("\n".join(m for m in misses if m.startswith("tune")))


if __name__ == "__main__":
    main()
