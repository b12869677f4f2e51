"""Practice answers typed in the terminal: timed prompts, STAR parts, the rating.

They give the session the same things as a scripted file (`cli.practice.scripted`): a
style, the answer's parts, timings and a rating, so `prep practice` runs one flow whether a
person is typing or a file is being replayed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from prepcoach.cli.prompts import Choice, Prompter, TypedSoFar
from prepcoach.cli.render import minutes_seconds
from prepcoach.practice.rounds import PROBE_SECONDS
from prepcoach.practice.scheduling import RATING_HELP, SelfRating, rating_for_score
from prepcoach.practice.session import (
    FREE_PROMPT,
    NOTES_PROMPT,
    GivenAnswer,
    PartialAnswer,
    SkipQuestion,
    UnfinishedAnswer,
    check_length,
)

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.content.model import AskQuestion, Question, StarTemplate
    from prepcoach.practice.feedback import Feedback


class TerminalAnswers:
    """Asks through the prompt adapter, with a live timer against the target length."""

    interactive = True

    def __init__(
        self,
        prompter: Prompter,
        console: Console,
        *,
        show_details: Callable[[Question], None],
        story_starts: Callable[[Question], list[tuple[str, str, dict[str, str]]]] | None = None,
        edit_text: Callable[[Question], str] | None = None,
        aloud: Callable[[Question, float], GivenAnswer | None] | None = None,
        default_style: str | None = None,
    ) -> None:
        self.aloud = aloud  # records or takes --audio; None from it: use the stopwatch
        self.default_style = default_style  # "aloud" with --audio
        self.prompter = prompter
        self.console = console
        self.show_details = show_details
        self.story_starts = story_starts
        self.edit_text = edit_text
        self.resumed: UnfinishedAnswer | None = None  # an unfinished answer taken up again
        # what the earlier round's post-mortem says about a question (set by the session)
        self.first_round_notes: Callable[[Question], list[tuple[str, str]]] = lambda q: []

    def meanwhile(self, task: Callable[[], None]) -> None:
        """Run `task` once the next question is on screen, waiting for the person."""
        from prepcoach.cli.prompts import once_drawn

        once_drawn(task)

    def resume(self, unfinished: UnfinishedAnswer) -> None:
        """Start the answer to its question from the texts kept when prep last stopped."""
        self.resumed = unfinished

    def _kept(self, question: Question, prompt: str) -> str:
        """The text kept at `prompt` for an unfinished answer to `question` ('' if none)."""
        if self.resumed is None or self.resumed.question.id != question.id:
            return ""
        return self.resumed.texts.get(prompt, "")

    def choose(self, question: Question, default_style: str) -> str:
        choices = [
            Choice("STAR-guided: answer part by part", "star", key="s"),
            Choice("Free text: write the answer", "free", key="f"),
            Choice("Free text in your editor ($EDITOR)", "editor", key="e"),
            Choice("Aloud: speak it, I keep the time", "aloud", key="a"),
            Choice("What it assesses, tips and what to cover", "details", key="d"),
            Choice("Skip this question", "skip", key="n"),
            Choice("End the session", "quit", key="q"),
        ]
        default_style = self.default_style or default_style
        if self.resumed is not None and self.resumed.question.id == question.id:
            default_style = self.resumed.style
        notes = self.first_round_notes(question)
        if notes:
            said = "; ".join(text for what, text in notes if what == "Asked then")
            lead = f"In the earlier round {said}" if said else "You prepared a point for this"
            self.console.print(f"[dim]{lead}: d shows it with the rest.[/dim]", highlight=False)
        while True:
            picked = self.prompter.select(
                "practice.style",
                "How do you want to answer?",
                choices,
                default=default_style,
                instant=True,
            )
            if picked != "details":
                return str(picked)
            self.show_details(question)
            self._show_first_round(question)

    def _show_first_round(self, question: Question) -> None:
        """How the question went in the earlier round, and the point prepared for it."""
        notes = self.first_round_notes(question)
        if not notes:
            return
        from prepcoach.cli.render import esc, hanging

        self.console.print("[bold]From your post-mortem of the earlier round[/bold]")
        for what, text in notes:
            hanging(self.console, "  • ", f"[dim]{esc(what)}:[/dim] {esc(text)}")

    def _timer(self, started: float, target: float) -> Callable[[], str]:
        def line() -> str:
            elapsed = time.monotonic() - started
            over = "  over target, wrap up" if elapsed > target else ""
            return f" time {minutes_seconds(elapsed)} / target {minutes_seconds(target)}{over}"

        return line

    def answer(self, question: Question, style: str, template: StarTemplate | None) -> GivenAnswer:
        self.prompter.topic = question.text  # drafts of the answer are kept per question
        target = float(question.target_seconds)
        if style == "aloud":
            spoken = self.aloud(question, target) if self.aloud is not None else None
            return spoken or self._aloud(target, template, question)
        if style == "star" and template is not None:
            return self._star(question, template, target)
        started = time.monotonic()
        if style == "editor" and self.edit_text is not None:
            return self._edited(question, started)
        try:
            text = self.prompter.text(
                FREE_PROMPT,
                "Your answer:",
                default=self._kept(question, FREE_PROMPT),
                multiline=True,
                validate=_not_blank,
                toolbar=self._timer(started, target),
            )
        except TypedSoFar as stop:
            raise PartialAnswer(
                GivenAnswer("free", {"text": stop.text.strip()}, time.monotonic() - started)
            ) from None
        return GivenAnswer("free", {"text": text.strip()}, time.monotonic() - started)

    def _edited(self, question: Question, started: float) -> GivenAnswer:
        """The answer from $EDITOR; an empty save offers to edit again or to skip."""
        assert self.edit_text is not None
        while True:
            text = self.edit_text(question)
            if text.strip():
                check_length({"text": text}, "your answer")
                return GivenAnswer("free", {"text": text.strip()}, time.monotonic() - started)
            again = self.prompter.select(
                "practice.empty-edit",
                "The answer was empty. What now?",
                [
                    Choice("Edit it again", "edit", key="e"),
                    Choice("Skip this question", "skip", key="n"),
                ],
                default="edit",
                instant=True,
            )
            if again == "skip":
                raise SkipQuestion

    def probe(self, question: Question, probe: str) -> GivenAnswer | None:
        """A follow-up, answered in a few sentences; an empty answer skips it."""
        self.prompter.topic = probe
        started = time.monotonic()
        try:
            text = self.prompter.text(
                "practice.probe",
                "Your answer:",
                multiline=True,
                instruction="(Esc then Enter to finish; leave it empty to skip)",
                toolbar=self._timer(started, float(PROBE_SECONDS)),
            )
        except TypedSoFar as stop:
            if stop.text.strip():
                self.console.print(
                    "[dim]The follow-up you were typing is not part of the answer; it is kept "
                    "as a draft.[/dim]"
                )
            raise KeyboardInterrupt from None
        if not text.strip():
            return None
        return GivenAnswer("free", {"text": text.strip()}, time.monotonic() - started)

    def prepare(self, minutes: int) -> None:
        """The preparation time of an exercise round, with a countdown; skippable."""
        start = self.prompter.select(
            "practice.prepare",
            f"You have {minutes} minutes to prepare. Start the timer?",
            [
                Choice(f"Start the {minutes}-minute timer", "start", key="s"),
                Choice("Skip: I am ready", "skip", key="n"),
            ],
            default="start",
            instant=True,
        )
        if start != "start":
            return
        started = time.monotonic()
        limit = minutes * 60.0

        def left() -> str:
            remaining = limit - (time.monotonic() - started)
            if remaining <= 0:
                return " time is up: press Enter to begin the round"
            return f" preparation: {minutes_seconds(remaining)} left"

        self.prompter.text(
            "practice.prepare-notes",
            "Prepare now; press Enter when you are ready.",
            instruction="",
            toolbar=left,
        )

    def _star(self, question: Question, template: StarTemplate, target: float) -> GivenAnswer:
        defaults: dict[str, str] = {}
        story_id = None
        if self.story_starts is not None:
            starts = self.story_starts(question)
            if starts:
                choices = [Choice("Start fresh", None)] + [
                    Choice(f"Adapt my story: {title}", sid) for sid, title, _ in starts
                ]
                story_id = self.prompter.select(
                    "practice.story", "Start from a story in your bank?", choices
                )
                defaults = next((parts for sid, _, parts in starts if sid == story_id), {})
        self.console.print(
            f"[dim]{template.title}: one part at a time, Enter moves on.[/dim]", highlight=False
        )
        started = time.monotonic()
        parts: dict[str, str] = {}
        laps: dict[str, float] = {}
        for part in template.parts:
            lap = time.monotonic()
            share = f"~{round(part.share * 100)}%"
            self.console.print(f"[bold]{part.label}[/bold] [dim]({share}) {part.hint}[/dim]")
            try:
                text = self.prompter.text(
                    f"practice.{part.key}",
                    f"{part.prompt}",
                    default=self._kept(question, f"practice.{part.key}")
                    or defaults.get(part.key, ""),
                    validate=None if part.optional else _not_blank,
                    toolbar=self._timer(started, target),
                )
            except TypedSoFar as stop:
                if stop.text.strip():
                    parts[part.key] = stop.text.strip()
                    laps[part.key] = round(time.monotonic() - lap, 1)
                given = GivenAnswer("star", parts, time.monotonic() - started, laps, story_id)
                raise PartialAnswer(given if parts else None) from None
            parts[part.key] = text.strip()
            laps[part.key] = round(time.monotonic() - lap, 1)
        return GivenAnswer("star", parts, time.monotonic() - started, laps, story_id)

    def _aloud(
        self, target: float, template: StarTemplate | None = None, question: Question | None = None
    ) -> GivenAnswer:
        """Timed while spoken; with a STAR template, Enter at each part records its lap."""
        self.prompter.text(
            "practice.aloud-start", "Press Enter, then answer out loud.", instruction=""
        )
        started = time.monotonic()
        laps: dict[str, float] = {}
        if template is not None:
            for part in template.parts:
                lap = time.monotonic()
                self.prompter.text(
                    f"practice.aloud-{part.key}",
                    f"{part.label}: speak it, then press Enter.",
                    instruction="",
                    toolbar=self._timer(started, target),
                )
                laps[part.key] = round(time.monotonic() - lap, 1)
        else:
            self.prompter.text(
                "practice.aloud-done",
                "Speaking... press Enter when you finish.",
                instruction="",
                toolbar=self._timer(started, target),
            )
        seconds = time.monotonic() - started
        try:
            notes = self.prompter.text(
                NOTES_PROMPT,
                "Notes on what you said (optional):",
                default=self._kept(question, NOTES_PROMPT) if question is not None else "",
                multiline=True,
                instruction="(one point a line; Esc then Enter)",
            )
        except TypedSoFar as stop:
            raise PartialAnswer(
                GivenAnswer("aloud", {"notes": stop.text.strip()}, seconds, laps)
            ) from None
        return GivenAnswer("aloud", {"notes": notes.strip()}, seconds, laps)

    def rate(self, question: Question, feedback: Feedback | None) -> SelfRating:
        choices = [Choice(f"{r.label}: {RATING_HELP[r]}", r, key=str(int(r))) for r in SelfRating]
        default = rating_for_score(feedback.score if feedback is not None else None)
        picked = self.prompter.select(
            "practice.rating", "How did that go?", choices, default=default, instant=True
        )
        return SelfRating(picked)

    def pick_ask_questions(
        self, candidates: Sequence[AskQuestion], shortlisted: Sequence[str] = ()
    ) -> list[str]:
        choices = [
            Choice(f"{q.text}", q.id, description=f"{q.category}: {q.demonstrates}")
            for q in _short_menu(candidates, shortlisted)
        ]
        picked = self.prompter.checkbox(
            "practice.ask",
            "Pick 2-3 questions to ask them (Space to pick, Enter to finish):",
            choices,
            checked=shortlisted,
        )
        return [str(p) for p in picked]


def _short_menu(
    candidates: Sequence[AskQuestion], shortlisted: Sequence[str], per_category: int = 2
) -> list[AskQuestion]:
    """Your shortlist, then a couple from each category: a list one can read at a glance."""
    chosen = [q for q in candidates if q.id in shortlisted]
    counts: dict[str, int] = {}
    for question in candidates:
        if question.id in shortlisted or counts.get(question.category, 0) >= per_category:
            continue
        counts[question.category] = counts.get(question.category, 0) + 1
        chosen.append(question)
    return chosen


def _not_blank(value: str) -> str | None:
    return None if value.strip() else "Write something, even a rough note."
