"""How well a job posting is read offline, on tests/data/postings: role accuracy, and the
precision and recall of the competencies and skills it asks for.

Usage: python bench/judge_postings.py [--misses]
"""

from __future__ import annotations

import sys
from typing import Any

from judge_common import DATA, by_half, library, load, pct, report


def main() -> None:
    from prepcoach.interviews.posting import read_posting

    lib = library()
    items: list[dict[str, Any]] = []
    for path in sorted((DATA / "postings").glob("*.labels.yaml")):
        labels = load(path)
        text = path.with_name(path.name.replace(".labels.yaml", ".txt")).read_text("utf-8")
        items.append({**labels, "name": path.name, "text": text})
    misses: list[str] = []

    def metrics(half: list[dict[str, Any]]) -> dict[str, str]:
        role = c_found = c_right = c_wanted = s_found = s_right = s_wanted = 0
        for item in half:
            got = read_posting(item["text"], lib)
            role += got.role == item["role"]
            c_found += len(got.competencies)
            c_right += len(set(got.competencies) & set(item["competencies"]))
            c_wanted += len(item["competencies"])
            s_found += len(got.skills)
            s_right += len(set(got.skills) & set(item["skills"]))
            s_wanted += len(item["skills"])
            if item["half"] == "tune":
                misses.append(
                    f"{item['name']}: role {got.role}/{item['role']}\n"
                    f"  comps got {list(got.competencies)} want {item['competencies']}\n"
                    f"  skills extra {sorted(set(got.skills) - set(item['skills']))} "
                    f"missing {sorted(set(item['skills']) - set(got.skills))}"
                )
        n = len(half)
        return {
            "role accuracy": f"{role}/{n} {pct(role, n)}",
            "competency precision": f"{c_right}/{c_found} {pct(c_right, c_found)}",
            "competency recall": f"{c_right}/{c_wanted} {pct(c_right, c_wanted)}",
            "skill precision": f"{s_right}/{s_found} {pct(s_right, s_found)}",
            "skill recall": f"{s_right}/{s_wanted} {pct(s_right, s_wanted)}",
        }

    report("Job posting reader (tests/data/postings)", metrics, by_half(items))
    if "--misses" in sys.argv:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
