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


class Answered:
    """What questionary would return, answered at once."""

    application: Any = None

    def __init__(self, answer: str) -> None:
        self.answer = answer

    def unsafe_ask(self) -> str:
        return self.answer


def asking(
    monkeypatch: pytest.MonkeyPatch, kind: str, columns: int = 80, answer: str = "my answer"
) -> list[tuple[str, dict[str, Any]]]:
    """questionary's `kind` prompt replaced by one that notes its message and options."""
    import questionary

    asked: list[tuple[str, dict[str, Any]]] = []

    def prompt(message: str, **kwargs: Any) -> Answered:
        asked.append((message, kwargs))
        return Answered(answer)

    monkeypatch.setattr(prompts, "_columns", lambda: columns)
    monkeypatch.setattr(questionary, kind, prompt)
    monkeypatch.setattr(prompts, "_keep_on_interrupt", lambda question: None)
    return asked


@pytest.mark.parametrize("columns", [80, 120])
def test_the_prompt_asked_holds_the_whole_question_at_any_width(
    columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = asking(monkeypatch, "text", columns)
    assert prompts.QuestionaryPrompter().text("action", ACTION) == "my answer"
    ((message, _),) = asked
    assert all(len(row) + 3 <= columns for row in message.split("\n"))
    assert " ".join(row.strip() for row in message.split("\n")) == ACTION


def test_a_choice_that_would_wrap_after_its_question_is_shown_on_a_line_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = asking(monkeypatch, "select", answer="mock")
    long = [prompts.Choice("Mock interview: a whole second round, in order", "mock", key="m")]
    short = [prompts.Choice("Yes", "yes", key="y")]
    prompter = prompts.QuestionaryPrompter()
    prompter.select("mode", "What would you like to practise?", long)
    prompter.select("ok", "What would you like to practise?", short)
    assert [m for m, _ in asked] == [
        "What would you like to practise?\n",
        "What would you like to practise?",
    ]


def test_an_answer_on_a_line_of_its_own_wraps_onto_rows_that_start_where_it_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = asking(monkeypatch, "text")
    prompts.QuestionaryPrompter().text("action", ACTION)
    ((_, kwargs),) = asked
    assert kwargs["prompt_continuation"] == " "  # one column in, under the first row
    (wrap,) = kwargs["input_processors"]
    assert (wrap.indent, wrap.continued) == (1, 1)


def test_the_kept_note_counts_words_as_english_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    import prepcoach.cli.context as context

    kept = [SimpleNamespace(message="Role (optional):", text="Analyst")]
    drafts = SimpleNamespace(kept=lambda: kept, folder="/home/drafts")
    monkeypatch.setattr(context, "get_context", lambda: SimpleNamespace(drafts=drafts))
    monkeypatch.setattr(prompts, "flush_typing", lambda: None)
    note = prompts.kept_note()
    assert "'Role (optional):' (1 word)" in note, note
