"""A draft is kept under the question as asked, whatever the terminal's width."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from prepcoach.cli import prompts
from prepcoach.data.drafts import Drafts

QUESTION = "Tell me about a time you disagreed with your manager and what you did about it"


def _answer(drafts: Drafts, columns: int, keys: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(prompts, "_columns", lambda: columns)
    asked: list[str] = []
    prompter = prompts.QuestionaryPrompter(drafts)

    def confirm(name: str, message: str, *, default: bool = False) -> bool:
        asked.append(message)
        return True

    monkeypatch.setattr(prompter, "confirm", confirm)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        answer = prompter.text("answer", QUESTION, multiline=True)
    if columns > 100:
        assert asked, "the draft kept at another width was not offered"
    return answer


def test_an_answer_kept_at_80_columns_is_offered_back_at_120(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts = Drafts(tmp_path)
    # at 80 columns the hint wraps below the question; the answer is kept on submit
    assert _answer(drafts, 80, "I asked for the data first\x1b\r", monkeypatch) == (
        "I asked for the data first"
    )
    # a wider terminal lays the prompt out on one line, and still finds what was kept
    assert _answer(drafts, 200, "\x1b\r", monkeypatch) == "I asked for the data first"
