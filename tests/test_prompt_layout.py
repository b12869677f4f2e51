"""A long question above an answer is wrapped, not cut at the terminal's edge."""

from __future__ import annotations

from typing import Any

import pytest

from prepcoach.cli import prompts

ACTION = (
    "How did you approach the conversation, and what did you do to understand their view "
    "before you proposed anything?"
)


def test_a_long_line_wraps_between_words_under_the_prompt_mark() -> None:
    shown = prompts._fit(ACTION, 77)
    rows = shown.split("\n")
    assert len(rows) == 2 and all(len(row) <= 77 for row in rows)
    assert rows[1].startswith("  their")  # under the text, not under the "?"
    assert " ".join(row.strip() for row in rows) == ACTION  # nothing cut
    assert prompts._fit("Short enough", 77) == "Short enough"


@pytest.mark.parametrize("columns", [80, 120])
def test_the_prompt_asked_holds_the_whole_question_at_any_width(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import questionary

    asked: list[str] = []

    class Answered:
        application: Any = None

        def unsafe_ask(self) -> str:
            return "my answer"

    def text(message: str, **_: Any) -> Answered:
        asked.append(message)
        return Answered()

    monkeypatch.setattr(prompts, "_columns", lambda: columns)
    monkeypatch.setattr(questionary, "text", text)
    monkeypatch.setattr(prompts, "_keep_on_interrupt", lambda question: None)
    assert prompts.QuestionaryPrompter().text("action", ACTION) == "my answer"
    (message,) = asked
    assert all(len(row) + 3 <= columns for row in message.split("\n"))
    assert " ".join(row.strip() for row in message.split("\n")) == ACTION


def test_a_choice_that_would_wrap_after_its_question_is_shown_on_a_line_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import questionary

    asked: list[str] = []

    class Answered:
        application: Any = None

        def unsafe_ask(self) -> str:
            return "mock"

    def select(message: str, **_: Any) -> Answered:
        asked.append(message)
        return Answered()

    monkeypatch.setattr(prompts, "_columns", lambda: 80)
    monkeypatch.setattr(questionary, "select", select)
    long = [prompts.Choice("Mock interview: a whole second round, in order", "mock", key="m")]
    short = [prompts.Choice("Yes", "yes", key="y")]
    prompter = prompts.QuestionaryPrompter()
    prompter.select("mode", "What would you like to practise?", long)
    prompter.select("ok", "What would you like to practise?", short)
    assert asked == ["What would you like to practise?\n", "What would you like to practise?"]


def test_an_answer_on_a_line_of_its_own_wraps_onto_rows_that_start_where_it_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import questionary

    given: list[dict[str, Any]] = []

    class Answered:
        application: Any = None

        def unsafe_ask(self) -> str:
            return "my answer"

    def text(message: str, **kwargs: Any) -> Answered:
        given.append(kwargs)
        return Answered()

    monkeypatch.setattr(prompts, "_columns", lambda: 80)
    monkeypatch.setattr(questionary, "text", text)
    monkeypatch.setattr(prompts, "_keep_on_interrupt", lambda question: None)
    prompts.QuestionaryPrompter().text("action", ACTION)
    (kwargs,) = given
    assert kwargs["prompt_continuation"] == " "  # one column in, under the first row
    (wrap,) = kwargs["input_processors"]
    assert (wrap.indent, wrap.continued) == (1, 1)
