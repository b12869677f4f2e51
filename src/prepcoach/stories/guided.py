"""What `prep story add` asks, in order, for a story that still lacks parts: each question
comes with the check its answer gets, and the answers build the story.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from prepcoach.interviews import store as store_iv
from prepcoach.kernel import textcheck
from prepcoach.stories import core
from prepcoach.stories.core import StarStory

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.store.db import Store


@dataclass(frozen=True, slots=True)
class Option:
    """One answer to pick from."""

    label: str
    value: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One thing to ask: `kind` is text, checkbox or select; `key` names the prompt."""

    key: str
    kind: str
    message: str
    options: tuple[Option, ...] = ()
    validate: Callable[[str], str | None] | None = None
    heading: tuple[str, str] | None = None  # (label, hint) shown above it in a terminal


NEED_COMPETENCY = "Pick at least one: coverage and matching rely on them."


class NewStory:
    """What `prep story add` asks, in order, for what a story still lacks.

    `next()` gives the next question (None: the story is complete); `answer()` takes its
    answer and returns a note to show when the answer cannot be used (then the same
    question comes again). `story` is what has been given so far.
    """

    def __init__(
        self, store: Store, library: ContentLibrary, story: StarStory, *, ask_interview: bool
    ) -> None:
        self.story = story
        self._store = store
        self._library = library
        self._asked: set[str] = set()
        self._ask_interview = ask_interview

    def next(self) -> Question | None:
        story, library = self.story, self._library
        if not story.title.strip():
            return Question(
                "story.title",
                "text",
                "Title (a few words to recognise the story):",
                validate=lambda v: textcheck.problem("the title", v, required=True),
            )
        if not story.competencies:
            options = tuple(
                Option(c.name, c.id, c.description) for c in library.competencies.values()
            )
            return Question(
                "story.competencies[]", "checkbox", "Which competencies does it show?", options
            )
        if not story.template_id:
            return self._template_question()
        template = library.get("star_templates", story.template_id)
        for part in template.parts:
            if story.parts.get(part.key, "").strip() or part.key in self._asked:
                continue
            return Question(
                f"story.{part.key}",
                "text",
                part.prompt + (" (optional, Enter to skip)" if part.optional else ""),
                validate=_part_validator("the " + part.label.lower(), required=not part.optional),
                heading=(part.label, part.hint),
            )
        return self._link_question() or self._employer_question()

    def answer(self, question: Question, value: Any) -> str | None:
        self._asked.add(question.key.removeprefix("story."))
        key = question.key
        if key == "story.title":
            self.story = replace(self.story, title=value)
        elif key == "story.competencies[]":
            if not value:
                return NEED_COMPETENCY
            self.story = replace(self.story, competencies=tuple(value))
        elif key == "story.template":
            self.story = replace(self.story, template_id=value)
        elif key == "story.interview":
            self.story = replace(self.story, interview_id=value or None)
        elif key == "story.employer":
            self.story = replace(self.story, employer=value)
        else:
            part = key.removeprefix("story.")
            self.story = replace(self.story, parts={**self.story.parts, part: value})
        return None

    def _template_question(self) -> Question:
        library = self._library
        auto = core.template_for(library.star_templates, self.story.competencies)
        options = [Option(f"Pick for me: {auto.title}", auto.id, auto.description)] if auto else []
        # the template picked is not listed again below it
        options += [
            Option(t.title, t.id, t.description)
            for t in library.star_templates.values()
            if auto is None or t.id != auto.id
        ]
        return Question("story.template", "select", "STAR template:", tuple(options))

    def _link_question(self) -> Question | None:
        if not self._ask_interview or self.story.interview_id is not None:
            return None
        if "interview" in self._asked:
            return None
        interviews = store_iv.list_interviews(self._store)
        if not interviews:
            return None
        options = [Option("No", "")] + [Option(f"{i.label()} ({i.id})", i.id) for i in interviews]
        return Question(
            "story.interview",
            "select",
            "Link it to an interview you are preparing for?",
            tuple(options),
        )

    def _employer_question(self) -> Question | None:
        if self.story.employer or "employer" in self._asked:
            return None
        return Question(
            "story.employer",
            "text",
            "Where did it happen? (employer, optional):",
            validate=lambda v: textcheck.problem("the employer", v),
        )


def _part_validator(label: str, *, required: bool) -> Callable[[str], str | None]:
    def validate(value: str) -> str | None:
        return textcheck.problem(label, value, required=required, max_chars=textcheck.PART_MAX)

    return validate
