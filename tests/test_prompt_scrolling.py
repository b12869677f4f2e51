"""A list of choices longer than the terminal is shown a screenful at a time, around the
pointer, with its description kept under it."""

from __future__ import annotations

import os
from typing import Any

import pytest

from prepcoach.cli import prompts
from prepcoach.cli.prompts import Choice


def _rows(tokens: list[Any]) -> list[str]:
    return "".join(t[1] for t in tokens).split("\n")


def _choices(count: int) -> list[Choice]:
    return [
        Choice(f"Competency {i}", f"c{i}", description=f"What c{i} means") for i in range(count)
    ]


def _shown(monkeypatch: pytest.MonkeyPatch, kind: str, count: int, rows: int) -> Any:
    """The control of the list the prompter would ask, and a function drawing it."""
    asked: list[Any] = []

    def ask(question: Any) -> list[Any]:
        asked.append(question)
        return []

    monkeypatch.setattr(prompts.QuestionaryPrompter, "_ask", staticmethod(ask))
    monkeypatch.setattr(prompts, "_columns", lambda: 80)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((80, rows)))
    prompter = prompts.QuestionaryPrompter()
    if kind == "checkbox":
        prompter.checkbox("pick", "Which competencies?", _choices(count))
    else:
        prompter.select("pick", "Which competency?", _choices(count))
    control = prompts._inquirer_control(asked[0])
    return control, lambda: _rows(list(control.text()))


@pytest.mark.parametrize("kind", ["checkbox", "select"])
def test_a_long_list_fits_the_terminal_and_follows_the_pointer(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    control, draw = _shown(monkeypatch, kind, count=30, rows=24)
    rows = draw()
    assert len(rows) <= 24 - 2  # the prompt's line and a margin keep theirs
    assert "Competency 0" in rows[0] and "↓" in rows[-2] and "more" in rows[-2]
    assert rows[-1].strip() == "Description: What c0 means"
    control.pointed_at = 25
    rows = draw()
    assert len(rows) <= 22
    assert any("Competency 25" in row for row in rows)
    assert "↑" in rows[0] and "Competency 29" in rows[-2]  # the foot of the list, nothing below
    assert rows[-1].strip() == "Description: What c25 means"
    up, shown = int(rows[0].split()[1]), sum("Competency" in row for row in rows)
    assert up + shown == 30  # every choice is either shown or counted above


def test_a_list_that_fits_is_drawn_as_questionary_draws_it(monkeypatch: pytest.MonkeyPatch) -> None:
    control, draw = _shown(monkeypatch, "checkbox", count=6, rows=24)
    rows = draw()
    assert [r for r in rows if "Competency" in r] == rows[:6]
    assert len(rows) == 7 and not any("more" in r for r in rows)


def test_visible_choices_keeps_a_multi_row_description() -> None:
    tokens: list[Any] = []
    for i in range(40):
        tokens += [("class:text", f"   choice {i}"), ("", "\n")]
    tokens.append(("class:text", "  Description: one\n  two\n  three"))
    rows = _rows(prompts.visible_choices(tokens, 40, 0, 20))
    assert rows[-3:] == ["  Description: one", "  two", "  three"]
    assert len(rows) <= 20 - 3 + 3


def test_a_long_choice_wraps_under_its_text_and_scrolls_as_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long = "What do you expect to be the hardest part of this job in the first few months?"
    monkeypatch.setattr(prompts, "_columns", lambda: 80)
    title = prompts._title(long, 5)
    first, second = title.split("\n")
    assert len(first) <= 74 and second.startswith("     ") and second.strip() == "months?"
    assert prompts._title("Short", 5) == "Short"

    tokens: list[Any] = []
    for i in range(30):
        text = f"   ○ choice {i} " + ("\n     goes on" if i % 2 else "")
        tokens += [("class:text", text), ("", "\n")]
    tokens.append(("class:text", "  Description: d"))
    rows = _rows(prompts.visible_choices(tokens, 30, 20, 24))
    assert len(rows) <= 24 - 2
    shown = [int(r.split()[2]) for r in rows if "choice" in r]
    assert 20 in shown and shown == list(range(shown[0], shown[-1] + 1))  # whole choices
    assert rows[0].strip() == f"↑ {shown[0]} more" and rows[-1].strip() == "Description: d"
    assert all(
        "goes on" in rows[rows.index(r) + 1]
        for r in rows
        if "choice" in r and int(r.split()[2]) % 2
    )
