"""The export's own YAML writer: whatever it writes reads back as the same data."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
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


FLAT = st.lists(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True).filter(
            lambda key: yaml.safe_load(key) == key  # column names, not yes/no/null
        ),
        SCALARS,
        min_size=1,
    ),
    min_size=1,
    max_size=5,
)
EDITS = st.sampled_from(
    [*" \n\t#:-|>'\"{}[]\\e0.?&*!~", "\r\n", "  ", "\u2028", "yes", "\n\n", " # note"]
    + ["\n# note", "\n   # note", "\n    k: v", "\n      more", "\n  - k: 1", "\n---", "\n..."]
)


def _both_readers(path: Path) -> tuple[Any, Any]:
    """What `read_export` gives for the file, and what the full reader alone gives: the
    items, or the error message."""
    from prepcoach.kernel.errors import PrepError
    from prepcoach.store import exportread

    def outcome(read: Any) -> Any:
        try:
            return list(read())
        except PrepError as error:
            return str(error)

    def full() -> Any:
        with path.open("rb") as handle:
            yield from exportread._yaml_walk(handle, "export")

    return outcome(lambda: exportread.read_export(path, "export")), outcome(full)


@settings(max_examples=200, deadline=None)
@given(FLAT)
def test_the_line_reader_takes_flat_rows_itself_and_reads_them_exactly(
    rows: list[dict[str, Any]],
) -> None:
    from prepcoach.content.yamlsource import MAX_TEXT
    from prepcoach.store import exportread, yamlread

    text = transfer.dump({**envelope(rows), "schema": 1, "prepcoach": "0.1.0"}, "yaml")
    reader = yamlread.Reader(io.StringIO(text).read, MAX_TEXT)
    fast = list(reader.items(lambda head: exportread._head_items(head, "export")))  # no fallback
    full = list(exportread._yaml_walk(text, "export"))
    assert fast == full


@settings(max_examples=300, deadline=None)
@given(rows=ROWS | FLAT, at=st.floats(min_value=0, max_value=1), edit=EDITS)
def test_an_export_edited_by_hand_reads_as_the_full_reader_reads_it(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]], at: float, edit: str
) -> None:
    text = transfer.dump(envelope(rows), "yaml")
    where = int(at * len(text))
    edited = text[:where] + edit + text[where:]
    assume(not edited.lstrip("\ufeff \t\r\n").startswith("{"))  # that is read as JSON
    path = tmp_path_factory.mktemp("edited") / "export.yaml"
    path.write_text(edited, encoding="utf-8", newline="")
    ours, full = _both_readers(path)
    assert ours == full


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"))
    | st.text(alphabet=st.sampled_from(list("a \n\t\r\x00\x7f\x80\x85\x9f\xa0\xbf\u2028\u2029")))
    | st.text(alphabet=st.sampled_from(list("é\ufeff\ufffe\uffff\U0001f600\u202e")))
)
def test_the_quick_character_check_names_what_the_pattern_names(text: str) -> None:
    from prepcoach.store import yamlread

    assert yamlread._suspicious(text) == (yamlread._NOT_OURS.search(text) is not None)
