"""The export's own YAML writer: whatever it writes reads back as the same data."""

from __future__ import annotations

import time
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.content.yamlsource import parse_yaml
from prepcoach.store import transfer

KEYS = st.text(min_size=0, max_size=12)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text()
    | st.sampled_from(["yes", "No", "null", "~", "1.5", "0x1f", "2024-01-01", "a: b", "- x", "#"])
    | st.sampled_from(["line\n", "two\nlines", "ends\n\n", " lead\nx", "tab\t\nx", "é\u2028x"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
ROWS = st.lists(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6), max_size=5)


def envelope(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "prepcoach-export", "version": 1, "tables": {"t": rows, "empty": []}}


def read_back(text: str) -> Any:
    data, problems = parse_yaml(text, kind="exports", controls=True)
    assert not problems, problems
    assert yaml.load(text, Loader=yaml.CSafeLoader) == data
    return data


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_every_row_reads_back_the_same(rows: list[dict[str, Any]]) -> None:
    data = envelope(rows)
    assert read_back(transfer.dump(data, "yaml")) == data


def test_text_with_line_breaks_stays_readable_as_blocks() -> None:
    row = {"answer": "First line.\nSecond line.\n", "id": "pa-1"}
    text = transfer.dump(envelope([row]), "yaml")
    assert "  - answer: |\n      First line.\n      Second line.\n    id: pa-1\n" in text


def test_twenty_thousand_rows_are_written_quickly() -> None:
    row = {
        "id": "pa-00001",
        "question_text": "Tell me about a time you disagreed with your manager.",
        "parts": {"action": "I listened first.\nThen I proposed a test.", "result": "We shipped."},
        "score": 70,
        "seconds": 90.5,
        "rating": None,
        "created_at": "2026-01-01T10:00:00Z",
    }
    data = envelope([dict(row, id=f"pa-{n}") for n in range(20_000)])
    start = time.perf_counter()
    text = transfer.dump(data, "yaml")
    assert time.perf_counter() - start < 2.0
    assert text.count("\n  - id: pa-") == 20_000
