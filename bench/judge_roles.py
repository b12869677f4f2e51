"""How well a job title maps to a role pack, on tests/data/roles.

Accuracy: the role or an accepted alternative, or no answer for a title no pack fits.
Precision: right answers among the non-empty ones. Wrong confident: a role given where it is
wrong (another role, or a role for a title no pack fits), over all titles.
Usage: python bench/judge_roles.py [--misses]
"""

from __future__ import annotations

import sys
from typing import Any

from judge_common import DATA, by_half, library, load, pct, report


def main() -> None:
    from prepcoach.content.roles import RoleIndex

    lib = library()
    index = RoleIndex(lib.roles)
    items = load(DATA / "roles" / "roles.yaml")["roles"]
    misses: list[str] = []

    def metrics(half: list[dict[str, Any]]) -> dict[str, str]:
        right = answered = answered_right = wrong = 0
        for item in half:
            found = index.match(item["title"])
            got = found.role if found else None
            accepted = {item["role"], *(item.get("alternatives") or [])} - {None}
            ok = got in accepted if item["role"] else got is None
            right += ok
            if got:
                answered += 1
                answered_right += ok
                wrong += not ok
            if not ok:
                misses.append(
                    f"{item['half']:5} {item['title']!r}: want {item['role']} got {got}"
                    f" ({found.why if found else ''})"
                )
        n = len(half)
        return {
            "accuracy": f"{right}/{n} {pct(right, n)}",
            "precision (non-empty)": f"{answered_right}/{answered} {pct(answered_right, answered)}",
            "wrong confident": f"{wrong}/{n} {pct(wrong, n)}",
            "answered": f"{answered}/{n} {pct(answered, n)}",
        }

    report("Job title -> role pack (tests/data/roles)", metrics, by_half(items))
    if "--misses" in sys.argv:
        print("\n".join(m for m in misses if m.startswith("tune")))


if __name__ == "__main__":
    main()
