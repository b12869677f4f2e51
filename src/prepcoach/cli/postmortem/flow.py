"""The guided post-mortem in a terminal: one handler per prompt kind of the template.

The template (content) decides which prompts come, in which order, with which words and
help; this module only knows how to ask each *kind* of answer (a rating, a text, a list,
the people met, the questions asked, the employer's concerns, dates). Every handler hands
its answer, and for answers given item by item each item, to `save`, which stores it at
once: Ctrl-C at any prompt keeps everything entered before it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from prepcoach.cli.prompts import Choice, Prompter
from prepcoach.cli.render import esc, hanging
from prepcoach.interviews.core import Interviewer
from prepcoach.kernel import textcheck
from prepcoach.postmortem.answers import bank_question_for, normalize_date_item
from prepcoach.postmortem.core import (
    ATTRIBUTED_LISTS,
    CLOSED,
    RAISED_BY,
    RATING_LABELS,
    REPEATED_KINDS,
)
from prepcoach.postmortem.match import read_concern, similar_questions

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemPrompt, PostmortemTemplate
    from prepcoach.interviews.core import Interview

Save = Callable[[Any], None]
SURE_MATCH = 75  # a similar bank question this close is offered first


def _no_control(label: str, *, required: bool = False, max_chars: int = 2_000) -> Any:
    def validate(value: str) -> str | None:
        return textcheck.problem(label, value, required=required, max_chars=max_chars)

    return validate


class TerminalPostmortem:
    """Asks a template's prompts through the prompt adapter, from a given one onwards."""

    def __init__(
        self,
        prompter: Prompter,
        console: Console,
        library: ContentLibrary,
        interview: Interview,
    ) -> None:
        self.ask = prompter
        self.answers: dict[str, Any] = {}
        self.console = console
        self.library = library
        self.interview = interview
        self.handlers: dict[str, Callable[[PostmortemPrompt, Any, Save], Any]] = {
            "rating": self.rating,
            "text": self.text,
            "list": self.items,
            "people": self.people,
            "questions": self.questions,
            "concerns": self.concerns,
            "dates": self.dates,
        }

    def run(
        self,
        template: PostmortemTemplate,
        answers: dict[str, Any],
        start: int,
        save_answers: Callable[[dict[str, Any]], None],
    ) -> dict[str, Any]:
        """Ask every prompt from `start`; `save_answers` gets the answers after each one."""
        total = len(template.prompts)
        for number, prompt in enumerate(template.prompts[start:], start=start + 1):

            def save(value: Any, key: str = prompt.id) -> None:
                answers[key] = value
                save_answers(answers)

            self.answers = answers
            self.say(f"\n[bold cyan]{number}/{total}[/bold cyan] [bold]{esc(prompt.text)}[/bold]")
            if prompt.help:
                self.say(f"[dim]{esc(prompt.help)}[/dim]")
            value = self.handlers[prompt.kind](prompt, answers.get(prompt.id), save)
            answers[prompt.id] = value
            if prompt.kind in REPEATED_KINDS:  # closed: a resumed run moves past it
                closed = [str(c) for c in answers.get(CLOSED) or [] if c != prompt.id]
                answers[CLOSED] = [*closed, prompt.id]
            save_answers(answers)
        return answers

    def say(self, text: str) -> None:
        self.console.print(text, highlight=False)

    def _name(self, prompt: PostmortemPrompt, part: str = "") -> str:
        return f"postmortem.{prompt.id}" + (f".{part}" if part else "")

    # ------------------------------------------------------------------ one answer

    def _rating(self, name: str, message: str, default: int | None) -> int:
        choices = [Choice(RATING_LABELS[n], n, key=str(n)) for n in RATING_LABELS]
        return int(self.ask.select(name, message, choices, default=default or 3))

    def rating(self, prompt: PostmortemPrompt, current: Any, save: Save) -> Any:
        default = current if isinstance(current, int) else None
        return self._rating(self._name(prompt), "Your rating (1-5):", default)

    def text(self, prompt: PostmortemPrompt, current: Any, save: Save) -> Any:
        value = self.ask.text(
            self._name(prompt),
            "Your answer:" if prompt.required else "Your answer (optional):",
            default=current if isinstance(current, str) else "",
            validate=_no_control("the answer", required=prompt.required, max_chars=10_000),
        )
        return textcheck.clean(value)

    # ------------------------------------------------------------------ item by item

    def _show(self, lines: Sequence[str]) -> None:
        if lines:
            self.say("[dim]So far:[/dim]")
            for line in lines:
                hanging(self.console, "  [dim]•[/dim] ", esc(line))

    def _item(self, name: str, message: str, first: bool) -> str:
        value = self.ask.text(
            name,
            message,
            instruction="(an empty answer moves on)" if first else "",
            validate=_no_control("the answer"),
        )
        return textcheck.clean(value, multiline=False)

    def _met(self) -> list[str]:
        """The names of the people met, as answered so far (or the interview's)."""
        people = self.answers.get("people")
        names = [str(p.get("name")) for p in people or [] if isinstance(p, dict) and p.get("name")]
        return names or [p.name for p in self.interview.interviewers if p.name]

    def _raised_by(self, name: str, what: str) -> str:
        """Who raised it, from the people met ('' when one person or not sure)."""
        met = self._met()
        if len(met) < 2:
            return met[0] if met else ""
        choices = [Choice(n, n) for n in met] + [Choice("Several of them / not sure", "")]
        return str(self.ask.select(name, f"  Who raised {what}?", choices, default=""))

    def items(self, prompt: PostmortemPrompt, current: Any, save: Save) -> Any:
        items = [str(i) for i in current] if isinstance(current, list) else []
        self._show(items)
        attributed = prompt.id in ATTRIBUTED_LISTS
        while True:
            text = self._item(self._name(prompt), f"{len(items) + 1}.", not items)
            if not text:
                if prompt.required and not items:
                    self.say("Add at least one: this answer is required.")
                    continue
                return items
            items.append(text)
            save(items)
            if attributed:
                who = self._raised_by(self._name(prompt, "by"), "it")
                if who:
                    raised = dict(self.answers.get(RAISED_BY) or {})
                    raised[text] = who
                    self.answers[RAISED_BY] = raised
                    save(items)

    def dates(self, prompt: PostmortemPrompt, current: Any, save: Save) -> Any:
        items = [str(i) for i in current] if isinstance(current, list) else []
        self._show(items)
        self.say(
            "[dim]Write 'DATE: what', e.g. 'fri: hear back' or "
            "'2025-03-21 14:00: second round'.[/dim]"
        )
        while True:
            text = self._item(self._name(prompt), f"{len(items) + 1}.", not items)
            if not text:
                if prompt.required and not items:
                    self.say("Add at least one date: this answer is required.")
                    continue
                return items
            dated = normalize_date_item(text)
            if dated != text:
                self.say(f"  [dim]→ {esc(dated)}[/dim]")
            items.append(dated)
            save(items)

    def people(self, prompt: PostmortemPrompt, current: Any, save: Save) -> Any:
        people: list[dict[str, str]] = [p for p in current or [] if isinstance(p, dict)]
        self._show([_person(p) for p in people])
        met = {p.get("name", "").casefold() for p in people}
        known = [p for p in self.interview.interviewers if p.name.casefold() not in met]
        if known and not people:
            picked = self.ask.checkbox(
                self._name(prompt, "known"),
                "Who of them was there? (Space to change, Enter to confirm)",
                [Choice(p.label(), p.name) for p in known],
                checked=[p.name for p in known],
            )
            for person in known:
                if person.name not in picked:
                    continue
                email = person.email
                if not email:
                    email = self.ask.text(
                        self._name(prompt, "email"),
                        f"  {person.name}'s email (optional, for the thank-you email):",
                        validate=lambda v: textcheck.email_problem(v.strip()),
                    ).strip()
                people.append({"name": person.name, "title": person.title, "email": email})
                save(people)
        while True:
            name = self.ask.text(
                self._name(prompt, "name"),
                "Anyone else? Name:" if people else "Name:",
                instruction="(an empty answer moves on)",
                validate=_no_control("the name", max_chars=textcheck.NAME_MAX),
            )
            name = textcheck.clean(name, multiline=False)
            if not name:
                if prompt.required and not people:
                    self.say("Add at least one person: this answer is required.")
                    continue
                return people
            title = self.ask.text(
                self._name(prompt, "title"),
                "  Job title (optional):",
                validate=_no_control("the title", max_chars=textcheck.NAME_MAX),
            )
            email = self.ask.text(
                self._name(prompt, "email"),
                "  Email (optional, for the thank-you email):",
                validate=lambda v: textcheck.email_problem(v.strip()),
            )
            people.append(
                {
                    "name": name,
                    "title": textcheck.clean(title, multiline=False),
                    "email": email.strip(),
                }
            )
            save(people)

    def questions(self, prompt: PostmortemPrompt, current: Any, save: Save) -> Any:
        asked: list[dict[str, Any]] = [q for q in current or [] if isinstance(q, dict)]
        self._show([f"{q.get('text')} ({q.get('rating') or '?'}/5)" for q in asked])
        if asked and asked[-1].get("rating") is None:  # interrupted before its rating
            self.say(f"Question {len(asked)}: {esc(str(asked[-1].get('text')))}")
            self._rate(prompt, asked, save)
        elif asked and "would_say" not in asked[-1]:  # interrupted at its notes
            self.say(f"Question {len(asked)}: {esc(str(asked[-1].get('text')))}")
            self._notes(prompt, asked, save)
        bank = {q.text: q.id for q in self.library.questions.values()}
        self.say(
            "[dim]Type a few words to search the question bank (arrow down to pick one), or "
            "write the question as they asked it.[/dim]"
        )
        while True:
            text = self.ask.autocomplete(
                self._name(prompt, "text"),
                f"Question {len(asked) + 1}:",
                list(bank),
                fuzzy=True,
                meta=bank,
                validate=_no_control("the question"),
            )
            text = " ".join(text.split())
            if not text:
                if prompt.required and not asked:
                    self.say(
                        "Add at least one question they asked: the plan for the next round "
                        "starts there."
                    )
                    continue
                return asked
            if any(q.get("text") == text for q in asked):
                self.say("[dim]Already noted.[/dim]")
                continue
            asked.append({"text": text, "question_id": self._bank_id(prompt, text), "rating": None})
            save(asked)
            self._rate(prompt, asked, save)

    def _bank_id(self, prompt: PostmortemPrompt, text: str) -> str | None:
        """The bank question this is: the same wording, or one the user picks from similar
        ones (linked questions can come back in practice)."""
        found = bank_question_for(text, self.library)
        if found is None:
            similar = similar_questions(text, self.library)
            if similar:
                choices = [Choice(self.library.questions[qid].text, qid) for qid, _ in similar]
                choices.append(Choice("No: it is a question of its own", ""))
                best, score = similar[0]
                picked = self.ask.select(
                    self._name(prompt, "same"),
                    "  Is it one of these questions from the bank?",
                    choices,
                    default=best if score >= SURE_MATCH else "",
                )
                found = str(picked) or None
        self.say(
            f"  [dim]bank question {found}: practice can bring it back[/dim]"
            if found
            else "  [dim]your own wording: kept with your post-mortem[/dim]"
        )
        return found

    def _rate(self, prompt: PostmortemPrompt, asked: list[dict[str, Any]], save: Save) -> None:
        entry = asked[-1]
        entry["rating"] = self._rating(
            self._name(prompt, "rating"), "  How well did you answer it? (1-5)", None
        )
        save(asked)
        self._notes(prompt, asked, save)

    def _notes(self, prompt: PostmortemPrompt, asked: list[dict[str, Any]], save: Save) -> None:
        """What you said and would say now, for the last question (those not answered yet)."""
        entry = asked[-1]
        for field, message, what in (
            ("said", "  What did you say? (short notes, optional):", "the notes"),
            ("would_say", "  What would you say now? (optional):", "the answer"),
        ):
            if field in entry:
                continue
            entry[field] = textcheck.clean(
                self.ask.text(
                    self._name(prompt, field),
                    message,
                    validate=_no_control(what, max_chars=textcheck.PART_MAX),
                )
            )
            save(asked)

    def concerns(self, prompt: PostmortemPrompt, current: Any, save: Save) -> Any:
        concerns: list[dict[str, Any]] = [c for c in current or [] if isinstance(c, dict)]
        last = concerns[-1] if concerns else {}
        # a concern with neither competencies nor skills was cut short before they were picked
        pending = (
            concerns.pop()
            if last and not (last.get("competencies") or last.get("skills"))
            else None
        )
        self._show([_concern(c) for c in concerns])
        while True:
            if pending is not None:  # typed before an interruption: its questions go on
                text = str(pending.get("text") or "")
                self.say(f"Signal {len(concerns) + 1}: {esc(text)}")
                pending = None
            else:
                text = self._item(
                    self._name(prompt, "text"), f"Signal {len(concerns) + 1}:", not concerns
                )
            if not text:
                if prompt.required and not concerns:
                    self.say("Add at least one: this answer is required.")
                    continue
                return concerns
            entry: dict[str, Any] = {"text": text, "competencies": []}
            save([*concerns, entry])  # the text is kept even if the next question is cut short
            picked, skills = self._concern_competencies(prompt, text)
            entry["competencies"] = picked
            if skills:
                entry["skills"] = skills
            who = self._raised_by(self._name(prompt, "by"), "it")
            if who:
                entry["by"] = who
            concerns.append(entry)
            save(concerns)

    def _concern_competencies(
        self, prompt: PostmortemPrompt, text: str
    ) -> tuple[list[str], list[str]]:
        """The competencies picked for a concern, and the role or technical skills it names."""
        competencies = self.library.competencies
        reading = read_concern(text, self.library)
        # Ticked only when the reading is confident; the likely ones come first.
        likely = [reading.pretick] if reading.pretick else []
        order = list(dict.fromkeys([*reading.ranked[:3], *competencies]))
        choices = [
            Choice(competencies[c].name, c, description=competencies[c].description) for c in order
        ]
        if reading.skills:
            self.say(f"  Skills it names: {esc(', '.join(reading.skills))}")
        picked: list[Any] = []
        while True:
            picked = self.ask.checkbox(
                self._name(prompt, "competencies"),
                "Which competencies does it point to? (Space to pick, Enter to confirm)",
                choices,
                checked=likely,
            )
            if picked or reading.skills:
                break
            self.say("Pick at least one: the plan prepares stories for them.")
        return [str(c) for c in picked], list(reading.skills)


def _person(person: Mapping[str, Any]) -> str:
    return Interviewer(
        name=str(person.get("name") or ""),
        title=str(person.get("title") or ""),
        email=str(person.get("email") or ""),
    ).label()


def _concern(concern: Mapping[str, Any]) -> str:
    return f"{concern.get('text')} ({', '.join(concern.get('competencies') or [])})"
