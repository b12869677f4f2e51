"""What the terminal prompts show is cleaned like any other text on screen: a question's text
or a story's title with a right-to-left override cannot reorder what the prompt says."""

from __future__ import annotations

from typing import Any

import pytest
import questionary

from prepcoach.cli.prompts import Choice, QuestionaryPrompter

RLO = "\u202e"
QUESTION = f"Tell me about a time you {RLO}deliver late{RLO}."  # as a content pack may hold


class Shown:
    """Stands in for questionary: records what each prompt would show, answers at once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        for kind in ("text", "select", "checkbox", "confirm", "autocomplete"):
            monkeypatch.setattr(questionary, kind, self.prompt(kind))

    def prompt(self, kind: str) -> Any:
        def ask(message: str, **options: Any) -> Any:
            self.texts.append(message)
            for choice in options.get("choices") or ():
                if isinstance(choice, questionary.Choice):
                    self.texts += [str(choice.title), str(choice.description or "")]
                else:
                    self.texts.append(str(choice))
            self.texts += [str(options.get("instruction") or "")]
            self.texts += [str(v) for v in (options.get("meta_information") or {}).values()]
            return Answer(kind, options)

        return ask


class Answer:
    def __init__(self, kind: str, options: dict[str, Any]) -> None:
        self.kind, self.options = kind, options

    def unsafe_ask(self) -> Any:
        if self.kind == "confirm":
            return True
        if self.kind in ("select",):
            return self.options["choices"][0].value
        if self.kind == "checkbox":
            return []
        return "an answer"


def test_messages_choices_and_hints_shown_by_prompts_carry_no_bidi_control(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = Shown(monkeypatch)
    monkeypatch.setattr("prepcoach.cli.prompts._keep_on_interrupt", lambda question: None)
    prompter = QuestionaryPrompter()
    prompter.confirm("practice.unfinished", f"You have an unfinished answer to '{QUESTION}'")
    prompter.select(
        "practice.story", "Start from a story?", [Choice(f"Adapt my story: {QUESTION}", "s1")]
    )
    prompter.checkbox("practice.ask", QUESTION, [Choice(QUESTION, "a", description=QUESTION)])
    prompter.autocomplete("story.pick", QUESTION, [QUESTION], meta={QUESTION: QUESTION})
    prompter.text("practice.text", QUESTION, instruction=f"({RLO}Esc then Enter)")
    assert len(shown.texts) > 10
    assert all("deliver late" in t for t in shown.texts if "Tell me" in t)  # the words stay
    assert [t for t in shown.texts if RLO in t] == []
