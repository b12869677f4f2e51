"""What is typed at a prompt is kept until the record is saved, and offered again."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from prepcoach.cli.keep import KeepingPrompter, interrupt_note
from prepcoach.cli.prompts import Choice, ScriptedPrompter
from prepcoach.data.drafts import Drafts
from prepcoach.store.drafts import record_path


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
    path = record_path(home, "salary", "iv-abc234")
    first = KeepingPrompter(
        Terminal({"salary.minimum": "80k", "salary.target": "90k"}, stop=2),
        Drafts(home),
        "salary",
        "iv-abc234",
        "prep salary",
    )
    with pytest.raises(KeyboardInterrupt):
        ask_salary(first)
    assert "what you typed is kept" in interrupt_note() and "prep salary" in interrupt_note()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    again = Terminal({"salary.minimum": None, "salary.target": None, "salary.period": "month"})
    keeper = KeepingPrompter(again, Drafts(home), "salary", "iv-abc234", "prep salary")
    assert keeper.resumed
    ask_salary(keeper)
    assert again.defaults["salary.minimum"] == "80k" and again.defaults["salary.target"] == "90k"
    keeper.done()
    assert not path.exists()
    assert interrupt_note() == "nothing was saved."


def test_scripted_answers_keep_nothing(home: Path) -> None:
    path = record_path(home, "salary", "iv-abc234")
    keeper = KeepingPrompter(
        ScriptedPrompter({"salary.minimum": "1", "salary.target": "2", "salary.period": "year"}),
        Drafts(home),
        "salary",
        "iv-abc234",
        "prep salary",
    )
    ask_salary(keeper)
    assert not path.exists()


class CtrlC(ScriptedPrompter):
    """A terminal where the person presses Ctrl-C after `after` answers."""

    interactive = True

    def __init__(self, answers: dict[str, Any], after: int) -> None:
        super().__init__(answers)
        self.after = after

    def _next(self, name: str, message: str) -> Any:
        if len(self.asked) >= self.after:
            raise KeyboardInterrupt
        return super()._next(name, message)


@pytest.mark.parametrize(
    ("args", "answers", "after", "said"),
    [
        (["interview", "add"], {"interview.company": "Acme"}, 1, "'prep interview add'"),
        (["interview", "edit", "acme"], {"interview.company": "Acme"}, 1, "what you typed is kept"),
        (["salary", "acme"], {"salary.minimum": "80k"}, 1, "what you typed is kept"),
        (["research", "acme"], {}, 0, "nothing new was saved on Acme"),
        (["ask", "acme"], {}, 0, "what you typed is kept"),
        (["followup", "acme", "--template", "withdraw"], {}, 0, "what you typed is kept"),
    ],
)
def test_every_ctrl_c_says_what_was_saved(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    answers: dict[str, Any],
    after: int,
    said: str,
) -> None:
    from prepcoach.cli import prompts
    from prepcoach.interviews.core import Interview
    from prepcoach.interviews.store import add_interview
    from prepcoach.store.db import Store
    from tests.helpers import run_prep

    with Store.open(home) as store:
        add_interview(store, Interview(company="Acme", role="Analyst"))
    monkeypatch.setattr(prompts, "make_prompter", lambda *a, **k: CtrlC(answers, after))
    monkeypatch.setattr(prompts, "stdin_is_terminal", lambda: True)
    result = run_prep(*args)
    assert result.exit_code == 130, result.output
    assert "Interrupted: " in result.stderr and said in result.stderr


def test_a_ctrl_c_a_command_does_not_catch_is_told_once(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from prepcoach.cli.kit import status_cmd
    from tests.helpers import run_prep

    real = status_cmd.status

    @functools.wraps(real)
    def pressed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(status_cmd, "status", pressed)
    result = run_prep("status")
    assert result.exit_code == 130
    assert result.stderr.count("Interrupted:") == 1, result.stderr
