"""Small rich helpers shared by commands."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout, never coloured or wrapped."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def bullet_list(items: Any, bullet: str = "•") -> str:
    return "\n".join(f"{bullet} {item}" for item in items)


def esc(text: str) -> str:
    """`text` shown literally inside rich markup (a typed `[b]` stays `[b]`)."""
    from rich.markup import escape  # rich loads only when something is printed

    return escape(text)
