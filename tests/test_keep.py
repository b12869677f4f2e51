"""What is typed at a prompt is kept until the record is saved, and offered again."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from prepcoach.cli.keep import KeepingPrompter, answers_path, interrupt_note
from prepcoach.cli.prompts import Choice, ScriptedPrompter


class Terminal(ScriptedPrompter):
    """Scripted answers that stand for a person at a terminal; Ctrl-C after `stop` answers.
    The defaults each prompt offers are recorded."""

    interactive = True

    def __init__(self, answers: dict[str, Any], stop: int = 99) -> None:
        super().__init__(answers)
        self.stop = stop
        self.defaults: dict[str, Any] = {}

    def _next(self, name: str, message: str) -> Any:
        if len(self.asked) >= self.stop:
            raise KeyboardInterrupt
        return super()._next(name, message)

    def text(self, name: str, message: str, *, default: str = "", **kw: Any) -> str:
        self.defaults[name] = default
        return super().text(name, message, default=default, **kw)

    def select(self, name: str, message: str, choices: Any, *, default: Any = None) -> Any:
        self.defaults[name] = default
        return super().select(name, message, choices, default=default)


def ask_salary(ask: KeepingPrompter) -> None:
    ask.text("salary.minimum", "Minimum:")
    ask.text("salary.target", "Target:")
    ask.select("salary.period", "Per:", [Choice("Year", "year"), Choice("Month", "month")])


def test_answers_survive_ctrl_c_and_come_back_as_defaults(home: Path) -> None:
    path = answers_path(home, "salary", "iv-abc234")
    first = KeepingPrompter(
        Terminal({"salary.minimum": "80k", "salary.target": "90k"}, stop=2), path, "prep salary"
    )
    with pytest.raises(KeyboardInterrupt):
        ask_salary(first)
    assert "what you typed is kept" in interrupt_note() and "prep salary" in interrupt_note()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    again = Terminal({"salary.minimum": None, "salary.target": None, "salary.period": "month"})
    keeper = KeepingPrompter(again, path, "prep salary")
    assert keeper.resumed
    ask_salary(keeper)
    assert again.defaults["salary.minimum"] == "80k" and again.defaults["salary.target"] == "90k"
    keeper.done()
    assert not path.exists()
    assert interrupt_note() == "nothing was saved."


def test_scripted_answers_keep_nothing(home: Path) -> None:
    path = answers_path(home, "salary", "iv-abc234")
    keeper = KeepingPrompter(
        ScriptedPrompter({"salary.minimum": "1", "salary.target": "2", "salary.period": "year"}),
        path,
        "prep salary",
    )
    ask_salary(keeper)
    assert not path.exists()
