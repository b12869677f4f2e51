"""How well `prep content import` reads Markdown lists, on tests/data/import.

Per half: items imported (text equal after whitespace normalisation), of the right kind,
of the right category, competency precision, probes kept, skip lines not imported, and
imported texts that are no labelled item (garbled or wrongly taken).
Usage: python bench/judge_import.py [--old] [--misses]
"""

from __future__ import annotations

import sys
from typing import Any

from judge_common import DATA, HALVES, library, load, pct


def _norm(text: str) -> str:
    return " ".join(text.split())


def main() -> None:
    from prepcoach.content.markdown_import import parse_markdown_questions

    old = "--old" in sys.argv
    lexicon = None
    if not old:
        from prepcoach.content.lexicon import competency_index

        lexicon = competency_index(library())
    totals = {
        h: dict.fromkeys(
            (
                "items",
                "imported",
                "kind",
                "category",
                "comp_found",
                "comp_right",
                "probes",
                "probes_kept",
                "skips",
                "skips_taken",
                "extra",
            ),
            0,
        )
        for h in HALVES
    }
    misses: list[str] = []
    for labels_path in sorted((DATA / "import").glob("*.labels.yaml")):
        labels = load(labels_path)
        source = labels_path.with_name(labels_path.name.replace(".labels.yaml", ".md"))
        text = source.read_text(encoding="utf-8")
        result = (
            parse_markdown_questions(text)
            if old
            else parse_markdown_questions(text, lexicon=lexicon)
        )
        got: dict[str, Any] = {_norm(q.text): q for q in result.questions}
        t = totals[labels["half"]]
        wanted = {_norm(i["text"]) for i in labels["items"]}
        for item in labels["items"]:
            t["items"] += 1
            t["probes"] += len(item["probes"])
            q = got.get(_norm(item["text"]))
            if q is None:
                misses.append(f"{labels['half']} {source.name}: missing {item['text']!r}")
                continue
            t["imported"] += 1
            kind = getattr(q, "kind", "question")
            t["kind"] += kind == item["kind"]
            category = getattr(q, "ask_category", None) if kind == "ask" else q.category
            ok = kind == item["kind"] and category == item["category"]
            t["category"] += ok
            if not ok:
                misses.append(
                    f"{labels['half']} {source.name}: {item['text'][:50]!r} want "
                    f"{item['kind']}/{item['category']} got {kind}/{category}"
                )
            comps = tuple(getattr(q, "competencies", ()))
            t["comp_found"] += len(comps)
            t["comp_right"] += len(set(comps) & set(item["competencies"]))
            probes = {_norm(p) for p in getattr(q, "probes", ())}
            t["probes_kept"] += len(probes & {_norm(p) for p in item["probes"]})
        all_probes = {_norm(p) for i in labels["items"] for p in i["probes"]}
        for line in labels.get("skip") or []:
            t["skips"] += 1
            t["skips_taken"] += _norm(line) in got
        t["extra"] += sum(1 for k in got if k not in wanted and k not in all_probes)
    print("Markdown import (tests/data/import)")
    print(f"  {'':28} " + "  ".join(f"{h:>14}" for h in HALVES))
    rows = {
        "imported": lambda t: f"{t['imported']}/{t['items']} {pct(t['imported'], t['items'])}",
        "right kind": lambda t: f"{t['kind']}/{t['items']} {pct(t['kind'], t['items'])}",
        "right kind+category": lambda t: (
            f"{t['category']}/{t['items']} {pct(t['category'], t['items'])}"
        ),
        "competency precision": lambda t: (
            f"{t['comp_right']}/{t['comp_found']} {pct(t['comp_right'], t['comp_found'])}"
        ),
        "probes kept": lambda t: (
            f"{t['probes_kept']}/{t['probes']} {pct(t['probes_kept'], t['probes'])}"
        ),
        "skip lines imported": lambda t: f"{t['skips_taken']}/{t['skips']}",
        "garbled or extra": lambda t: f"{t['extra']}",
    }
    for name, row in rows.items():
        print(f"  {name:28} " + "  ".join(f"{row(totals[h]):>14}" for h in HALVES))
    if "--misses" in sys.argv:
        print("\n".join(m for m in misses if m.startswith("tune")))


if __name__ == "__main__":
    main()
