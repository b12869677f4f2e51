"""Where practice answers come from: the terminal (timed prompts) or a scripted file.

Both give the session the same things (a style, the answer's parts, timings and a rating), so
`prep practice` runs one flow whether a person is typing or a file is being replayed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.cli.prompts import Choice, Prompter, TypedSoFar
from prepcoach.kernel.errors import PrepError
from prepcoach.practice.rounds import PROBE_SECONDS, spread_seconds
from prepcoach.practice.scheduling import RATING_HELP, SelfRating, rating_for_score
from prepcoach.practice.session import GivenAnswer, PartialAnswer, SkipQuestion, check_length

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.content.model import AskQuestion, Question, StarTemplate
    from prepcoach.practice.feedback import Feedback

STYLES = ("star", "free", "editor", "aloud")


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


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

    def _timer(self, started: float, target: float) -> Callable[[], str]:
        def line() -> str:
            elapsed = time.monotonic() - started
            over = "  over target, wrap up" if elapsed > target else ""
            return f" time {_clock(elapsed)} / target {_clock(target)}{over}"

        return line

    def answer(self, question: Question, style: str, template: StarTemplate | None) -> GivenAnswer:
        self.prompter.topic = question.text  # drafts of the answer are kept per question
        target = float(question.target_seconds)
        if style == "aloud":
            spoken = self.aloud(question, target) if self.aloud is not None else None
            return spoken or self._aloud(target, template)
        if style == "star" and template is not None:
            return self._star(question, template, target)
        started = time.monotonic()
        if style == "editor" and self.edit_text is not None:
            return self._edited(question, started)
        try:
            text = self.prompter.text(
                "practice.text",
                "Your answer:",
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
            return f" preparation: {_clock(remaining)} left"

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
                    default=defaults.get(part.key, ""),
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

    def _aloud(self, target: float, template: StarTemplate | None = None) -> GivenAnswer:
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
                "practice.notes",
                "Notes on what you said (optional):",
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


ANSWER_KEYS = (
    "question",
    "style",
    "text",
    "notes",
    "parts",
    "seconds",
    "part_seconds",
    "probes",
    "rating",
    "asks",
    "skip",
    "audio",
    "marks",
)
PART_KEYS = ("situation", "task", "action", "result", "reflection")


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, known, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"


def _validate(entry: Mapping[str, Any], where: str) -> None:
    """One answer of a file, checked before the session saves anything."""
    for key in entry:
        if str(key) not in ANSWER_KEYS:
            raise PrepError(f"{where}: unknown key '{key}'{_did_you_mean(str(key), ANSWER_KEYS)}")
    if entry.get("skip"):
        return
    style = entry.get("style")
    if style is not None and str(style) not in (*STYLES, "quit"):
        raise PrepError(
            f"{where}: style '{style}' is not one of: {', '.join(STYLES)}"
            + _did_you_mean(str(style), STYLES).split(" (")[0]
        )
    rating = entry.get("rating")
    if rating is not None:
        try:
            SelfRating.parse(rating)
        except ValueError as error:
            raise PrepError(f"{where}: {error}") from None
    parts = entry.get("parts")
    if parts is not None:
        if not isinstance(parts, dict):
            raise PrepError(f"{where}: 'parts' must map situation/task/action/result to text")
        for key in parts:
            if str(key) not in PART_KEYS and str(key) != "text":
                raise PrepError(
                    f"{where}: unknown part '{key}'{_did_you_mean(str(key), PART_KEYS)}"
                )
    for key in ("seconds",):
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise PrepError(f"{where}: '{key}' must be a number of seconds")
    laps = entry.get("part_seconds")
    if laps is not None and (
        not isinstance(laps, dict)
        or any(isinstance(v, bool) or not isinstance(v, int | float) for v in laps.values())
    ):
        raise PrepError(f"{where}: 'part_seconds' must map parts to numbers of seconds")
    probes = entry.get("probes")
    if probes is not None and (
        not isinstance(probes, list) or not all(isinstance(p, str) for p in probes)
    ):
        raise PrepError(f"{where}: 'probes' must be a list of answers (text)")
    asks = entry.get("asks")
    if asks is not None and not isinstance(asks, list):
        raise PrepError(f"{where}: 'asks' must be a list of question ids")
    text = entry.get("text") or entry.get("notes")
    if "audio" in entry:  # a recording: its transcript may come from the recording itself
        return
    if (
        parts is None
        and asks is None
        and not entry.get("audio")  # a recording is the answer; its check comes when it is read
        and not str(text or "").strip()
        and style not in ("aloud", "quit")
    ):
        raise PrepError(f"{where}: the answer is empty; give 'text' or 'parts'")


def _not_blank(value: str) -> str | None:
    return None if value.strip() else "Write something, even a rough note."


class ScriptedAnswers:
    """Answers from a YAML file (or piped stdin), for users who write in an editor and for tests.

    Format:
        answers:
          - question: why-us            # optional; otherwise the session's next question
            style: free                 # star, free or aloud
            text: "..."                 # free text (or `parts:` with situation/task/...)
            seconds: 95                 # optional; estimated from the words otherwise
            part_seconds: {situation: 20, ...}  # optional lap per part (else spread by words)
            probes: ["...", ...]        # answers to the follow-up probes, in order
            rating: good                # again, hard, good, easy or 1-4
            audio: answer.wav           # a spoken answer (relative to this file); `text:`
                                        # is then its corrected transcript, `marks:` maps
                                        # STAR parts to the second each starts
            asks: [ask-id, ...]         # for the "questions for us" step of a mock
            skip: true                  # skip the question
    The whole file is checked before anything is saved.
    """

    interactive = False

    def __init__(self, entries: Sequence[Mapping[str, Any]], origin: str) -> None:
        self.entries = list(entries)
        self.origin = origin
        self._index = 0
        self._current: Mapping[str, Any] = {}
        self._probe = 0  # follow-ups answered for the current entry
        self.base: Path | None = None  # audio paths are relative to the answers file
        self.home: Path | None = None  # where the voice settings are (set by the command)

    @classmethod
    def parse(cls, text: str, origin: str) -> ScriptedAnswers:
        from prepcoach.content.yamlsource import parse_yaml

        data, problems = parse_yaml(text, kind="answers files")
        if problems:
            (line, col), message = problems[0]
            raise PrepError(f"{origin}:{line}:{col}: {message}")
        entries = data.get("answers") if isinstance(data, dict) else data
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise PrepError(
                f"{origin}: expected 'answers:' with a list of answers "
                "(each with 'text' or 'parts', and a 'rating')"
            )
        if not entries:
            raise PrepError(f"{origin}: the answers list is empty")
        for number, entry in enumerate(entries, start=1):
            _validate(entry, f"{origin}: answer {number}")
        return cls(entries, origin)

    @classmethod
    def from_file(cls, path: Path) -> ScriptedAnswers:
        from prepcoach.cli.inputs import read_text

        if not path.exists() and not path.is_symlink():
            raise PrepError(f"answers file not found: {path}")
        answers = cls.parse(read_text(path, what="answers file"), str(path))
        answers.base = path.parent
        return answers

    @property
    def question_ids(self) -> list[str] | None:
        """The questions named in the file, when every entry names one."""
        ids = [e.get("question") for e in self.entries]
        return [str(i) for i in ids] if all(ids) else None

    def remaining(self) -> int:
        return len(self.entries) - self._index

    def _entry(self, question_id: str) -> Mapping[str, Any]:
        if self._index >= len(self.entries):
            return {"style": "quit"}
        entry = self.entries[self._index]
        named = entry.get("question")
        if named and named != question_id:
            raise PrepError(
                f"{self.origin}: answer {self._index + 1} is for '{named}' but the session "
                f"asks '{question_id}' next"
            )
        return entry

    def choose(self, question: Question, default_style: str) -> str:
        self._current = self._entry(question.id)
        if self._current.get("skip"):
            self._index += 1
            return "skip"
        guessed = "star" if "parts" in self._current else "free"
        if "audio" in self._current:
            guessed = "aloud"
        style = str(self._current.get("style") or guessed)
        if style not in (*STYLES, "quit"):
            raise PrepError(
                f"{self.origin}: answer {self._index + 1}: style '{style}' is not one of: "
                + ", ".join(STYLES)
            )
        return style

    def answer(self, question: Question, style: str, template: StarTemplate | None) -> GivenAnswer:
        entry = self._current
        where = f"{self.origin}: answer {self._index + 1}"
        self._index += 1
        if entry.get("audio"):
            from prepcoach.cli.practice.voice import scripted_take

            return scripted_take(entry, self.base, where, self.home or Path.home())
        raw_parts = entry.get("parts")
        if raw_parts is not None:
            if not isinstance(raw_parts, dict):
                raise PrepError(f"{where}: 'parts' must map situation/task/action/result to text")
            parts = {str(k): str(v or "").strip() for k, v in raw_parts.items()}
        else:
            key = "notes" if style == "aloud" else "text"
            parts = {key: str(entry.get("text") or entry.get("notes") or "").strip()}
        if not any(parts.values()) and style != "aloud":
            raise PrepError(f"{where}: the answer is empty; give 'text' or 'parts'")
        check_length(parts, where)
        seconds = entry.get("seconds")
        self._probe = 0
        laps = {str(k): float(v) for k, v in (entry.get("part_seconds") or {}).items()}
        if raw_parts is not None and not laps and seconds is not None:
            laps = spread_seconds(parts, float(seconds))
        if laps and seconds is None:
            seconds = sum(laps.values())
        return GivenAnswer(style, parts, float(seconds) if seconds is not None else None, laps)

    def probe(self, question: Question, probe: str) -> GivenAnswer | None:
        """The next of the entry's `probes:` answers (None when the file gives no more)."""
        entry = self.entries[self._index - 1] if self._index else {}
        given = [str(p) for p in entry.get("probes") or []]
        if self._probe >= len(given):
            return None
        text = given[self._probe].strip()
        self._probe += 1
        return GivenAnswer("free", {"text": text}, None) if text else None

    def rate(self, question: Question, feedback: Feedback | None) -> SelfRating:
        entries = self.entries[self._index - 1] if self._index else {}
        value = entries.get("rating")
        if value is None:  # no rating given: the one the score suggests
            return rating_for_score(feedback.score if feedback is not None else None)
        try:
            return SelfRating.parse(value)
        except ValueError as error:
            raise PrepError(f"{self.origin}: answer {self._index}: {error}") from None

    def pick_ask_questions(
        self, candidates: Sequence[AskQuestion], shortlisted: Sequence[str] = ()
    ) -> list[str]:
        entry = self._entry("candidate-questions") if self._index < len(self.entries) else {}
        self._index += 1 if entry else 0
        known = {q.id for q in candidates}
        asks = [str(a) for a in entry.get("asks", [])]
        unknown = [a for a in asks if a not in known]
        if unknown:
            raise PrepError(f"{self.origin}: unknown question(s) to ask: {', '.join(unknown)}")
        return asks
