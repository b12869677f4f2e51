"""Shared helpers for the judgement benches: the built-in content and the labelled corpora."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
HALVES = ("tune", "check")


def library() -> Any:
    from prepcoach.content.library import content_files, load_library
    from prepcoach.kernel import paths

    return load_library(content_files(paths.builtin_content_dir(), None, []))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def by_half(items: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {h: [] for h in HALVES}
    for item in items:
        out[item["half"]].append(item)
    return out


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "  n/a"


def report(
    title: str,
    metrics: Callable[[list[dict[str, Any]]], dict[str, str]],
    halves: dict[str, list[dict[str, Any]]],
) -> None:
    print(title)
    rows = {h: metrics(items) for h, items in halves.items()}
    names = list(next(iter(rows.values())))
    print(f"  {'':28} " + "  ".join(f"{h:>14}" for h in rows))
    for name in names:
        print(f"  {name:28} " + "  ".join(f"{rows[h][name]:>14}" for h in rows))
