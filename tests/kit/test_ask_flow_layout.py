"""`prep ask`: the questions picked so far wrap under their text, not under their number."""

from __future__ import annotations

from types import SimpleNamespace

from rich.console import Console

from prepcoach.cli.kit.ask_flow import _print_picked

LONG = "What do you expect to be the hardest part of this job in the first few months?"


def test_a_long_pick_hangs_under_its_text_at_60_columns() -> None:
    console = Console(width=60, record=True, color_system=None, highlight=False)
    texts = {"a": LONG, "b": "Is this a new position?"}
    picker = SimpleNamespace(picked=["a", "b"], text=texts.__getitem__)
    _print_picked(SimpleNamespace(console=console), picker)  # type: ignore[arg-type]
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert lines[0] == "Picked 2:"
    assert lines[1].startswith("  1. What do you expect")
    assert lines[2].startswith("     ") and lines[2].strip(), lines  # under "What", not at 0
    assert lines[-1] == "  2. Is this a new position?"
    assert " ".join(line.strip() for line in lines[1:-1]) == "1. " + LONG
