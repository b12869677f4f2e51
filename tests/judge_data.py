"""The labelled corpora under tests/data, for the tests that hold each judgement's floor."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


def load(*parts: str) -> Any:
    return yaml.safe_load(DATA.joinpath(*parts).read_text(encoding="utf-8"))


def half(items: list[dict[str, Any]], name: str = "check") -> list[dict[str, Any]]:
    return [item for item in items if item["half"] == name]


@functools.lru_cache(maxsize=1)
def builtin_library() -> Any:
    from prepcoach.content.library import content_files, load_library
    from prepcoach.kernel import paths

    return load_library(content_files(paths.builtin_content_dir(), None, []))
