"""How well an interviewer's title maps to an audience, on tests/data/audiences.

Accuracy: the audience or an accepted alternative, or "unknown" for a title that says nothing.
Wrong: an audience given where it is wrong (another audience, or one for a placeholder).
Usage: python bench/judge_audiences.py [--misses]
"""

from __future__ import annotations

import sys
from typing import Any

from judge_common import DATA, by_half, load, pct, report


def main() -> None:
    from prepcoach.kit.audiences import audience_for_title

    items = load(DATA / "audiences" / "titles.yaml")["titles"]
    misses: list[str] = []

    def metrics(half: list[dict[str, Any]]) -> dict[str, str]:
        right = wrong = 0
        for item in half:
            found = audience_for_title(item["title"])
            got = found.audience if found else None
            accepted = {item["audience"], *(item.get("alternatives") or [])}
            ok = got in accepted
            right += ok
            wrong += bool(got) and not ok
            if not ok:
                why = found.why if found else ""
                misses.append(f"{item['half']:5} {item['title']!r}: want {item['audience']} "
                              f"got {got} ({why})")  # fmt: skip
        n = len(half)
        return {"accuracy": f"{right}/{n} {pct(right, n)}", "wrong": f"{wrong}/{n} {pct(wrong, n)}"}

    report("Interviewer title -> audience (tests/data/audiences)", metrics, by_half(items))
    if "--misses" in sys.argv:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
