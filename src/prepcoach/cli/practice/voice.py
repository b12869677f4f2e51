"""Practising aloud in `prep practice`: record (or take a file), show and correct the
transcript, show delivery; also `--speak`, the recordings in `prep history` and exports.

The voice core (`prepcoach.voice`) does the work; this module only asks, shows and glues it to
the session. It is imported only when a voice feature is used, so `prep --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.markup import escape

from prepcoach.cli.editor import edit_once
from prepcoach.cli.prompts import Choice
from prepcoach.cli.render import hanging
from prepcoach.data.drafts import EditDraft
from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.wording import counted

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.model import Question
    from prepcoach.practice.session import GivenAnswer
    from prepcoach.voice.audio import Audio
    from prepcoach.voice.delivery import Delivery
    from prepcoach.voice.record import Recorder
    from prepcoach.voice.spoken import Spoken, SpokenAnswer

# Keys that mark the start of a STAR part while recording.
PART_KEYS = {"s": "situation", "t": "task", "a": "action", "r": "result", "l": "reflection"}


def given_answer(take: SpokenAnswer) -> GivenAnswer:
    from prepcoach.practice.session import GivenAnswer

    return GivenAnswer(
        "aloud",
        {"text": take.text},
        take.delivery.seconds,
        dict(take.delivery.part_seconds),
        voice=take,
    )


def _listen(
    audio: Audio, home: Path, marks: Mapping[str, float] | None, text: str | None
) -> Spoken:
    from prepcoach.voice.spoken import listen
    from prepcoach.voice.transcribe import load_settings

    settings = load_settings(home) if text is None else None
    return listen(audio, settings=settings, marks=marks, transcript=text)


# ---------------------------------------------------------------------------- answers files


def scripted_take(
    entry: Mapping[str, Any], base: Path | None, where: str, home: Path
) -> GivenAnswer:
    """An `audio:` answer from an answers file: the path is relative to the file; `text:`
    (optional) is the transcript as corrected, so the engine is not run; `marks:` (optional)
    maps STAR parts to the second they start."""
    from prepcoach.voice import VoiceError
    from prepcoach.voice.audio import load

    path = Path(str(entry["audio"])).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    marks = entry.get("marks") or {}
    if not isinstance(marks, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in marks.values()
    ):
        raise PrepError(f"{where}: 'marks' must map STAR parts to the second each one starts")
    text = entry.get("text")
    try:
        spoken = _listen(load(path), home, {str(k): float(v) for k, v in marks.items()},
                         str(text) if text else None)  # fmt: skip
    except VoiceError as error:
        raise PrepError(f"{where}: {error}") from None
    from prepcoach.voice.spoken import SpokenAnswer

    take = SpokenAnswer(spoken, spoken.transcript.text, edited=bool(text), source=str(path))
    if not take.text and not spoken.segments:
        raise PrepError(f"{where}: no speech found in {path.name}")
    return given_answer(take)


# ---------------------------------------------------------------------------- the terminal


class AloudInTerminal:
    """The aloud answer in a terminal: from --audio FILE (first aloud answer), else from the
    microphone when it can record, else None so that the stopwatch takes over."""

    def __init__(
        self, prompter: Prompter, console: Console, home: Path, audio_file: Path | None
    ) -> None:
        self.prompter = prompter
        self.console = console
        self.home = home
        self.audio_file = audio_file
        self._warned = False

    def __call__(self, question: Question, target: float) -> GivenAnswer | None:
        from prepcoach.voice.audio import load

        if self.audio_file is not None:
            path, self.audio_file = self.audio_file, None
            audio = load(path)
            name = escape(path.name)
            self._say(f"[dim]Answer from {name}: {_clock(audio.seconds)} of audio.[/dim]")
            source = str(path)
            marks: dict[str, float] = {}
        else:
            from prepcoach.voice import record

            reason = record.unavailable_reason()
            if reason is not None:
                if not self._warned:
                    why = escape(reason)
                    self._say(f"[yellow]![/yellow] No recording: {why}. Using the stopwatch.")
                    self._warned = True
                return None
            recorded = record_answer(self.console, record.MicRecorder(), target)
            if recorded is None:
                return None
            audio, marks = recorded
            source = "microphone"
        self._say("[dim]Listening to it (talk, pauses, a transcript)...[/dim]")
        spoken = _listen(audio, self.home, marks, None)
        text, edited = self._review(question, spoken)
        from prepcoach.voice.spoken import SpokenAnswer

        return given_answer(SpokenAnswer(spoken, text, edited, source))

    def _review(self, question: Question, spoken: Spoken) -> tuple[str, bool]:
        """Show the transcript; the user keeps it or corrects it in the editor."""

        heard = spoken.transcript.text
        if not heard:
            self._say("[yellow]![/yellow] No words recognised. Type what you said, roughly:")
            notes = self.prompter.text("practice.transcript-text", "What you said:", multiline=True)
            return notes.strip(), True
        self._say(
            f"\n[bold]Transcript[/bold] [dim]({spoken.transcript.engine}; rough, so correct it "
            "before it is judged)[/dim]"
        )
        self._say(escape(heard))
        picked = self.prompter.select(
            "practice.transcript",
            "Judge this transcript?",
            [
                Choice("Yes, judge it as it is", "accept", key="y"),
                Choice("Correct it in my editor first ($EDITOR)", "edit", key="e"),
            ],
            default="accept",
        )
        if picked != "edit":
            return heard, False
        return _edit_transcript(self.home, question, heard), True

    def _say(self, text: str) -> None:
        self.console.print(text, highlight=False)


def _edit_transcript(home: Path, question: Question, heard: str) -> str:
    header = (
        f"# {question.text}\n# The transcript of your answer: correct it, save and close. "
        "Lines starting with # are ignored.\n"
    )
    draft = EditDraft(home, "transcript", question.id)
    edited = edit_once(draft, f"{header}\n{heard}\n")
    draft.discard()
    return edited or heard


def _clock(seconds: float) -> str:
    from prepcoach.voice.audio import clock

    return clock(seconds)


def _meter(level: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, level)) * width)
    return "█" * filled + "·" * (width - filled)


def record_answer(
    console: Console, recorder: Recorder, target: float
) -> tuple[Audio, dict[str, float]] | None:
    """Record until Enter or Space, with a level meter and the time against the target;
    s/t/a/r/l mark where each STAR part starts. Then p plays it back, r records again,
    Enter keeps it. None when the terminal cannot read single keys."""
    from prepcoach.voice.audio import MAX_SECONDS

    keys = _KeyReader.open()
    if keys is None:
        return None
    out = console.file
    with keys:
        while True:
            console.print(
                "[bold]Recording[/bold] [dim]- Enter or Space to stop; s t a r l mark the "
                "situation, task, actions, result, lesson as you start each[/dim]",
                highlight=False,
            )
            marks: dict[str, float] = {}
            recorder.start()
            try:
                while True:
                    key = keys.read(0.1)
                    if key in ("\r", "\n", " ") or recorder.elapsed() >= MAX_SECONDS:
                        break
                    if key is not None and key.lower() in PART_KEYS:
                        marks.setdefault(PART_KEYS[key.lower()], round(recorder.elapsed(), 2))
                    elapsed = recorder.elapsed()
                    over = "  over target, wrap up" if elapsed > target else ""
                    part = next(reversed(marks), "") if marks else ""
                    out.write(
                        f"\r ● {_clock(elapsed)} / {_clock(target)}  {_meter(recorder.level())}"
                        f"  {part:<10}{over}   "
                    )
                    out.flush()
            finally:
                audio = recorder.stop()
            out.write("\n")
            console.print(
                f"[dim]Recorded {_clock(audio.seconds)}. p: play it back · r: record again · "
                "Enter: keep it[/dim]",
                highlight=False,
            )
            while True:
                key = keys.read(None)
                if key == "p":
                    from prepcoach.voice import VoiceError, VoiceUnavailable
                    from prepcoach.voice.record import play

                    try:
                        play(audio)
                    except (VoiceError, VoiceUnavailable) as error:
                        console.print(f"[yellow]![/yellow] {error}", highlight=False)
                    continue
                break
            if key != "r":
                return audio, marks


class _KeyReader:
    """Single keys from the terminal (cbreak mode), restored on exit."""

    def __init__(self, fd: int, saved: Any) -> None:
        self.fd = fd
        self.saved = saved

    @classmethod
    def open(cls) -> _KeyReader | None:
        try:
            import termios
            import tty
        except ImportError:
            return None
        if not sys.stdin.isatty():
            return None
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        tty.setcbreak(fd)
        return cls(fd, saved)

    def __enter__(self) -> _KeyReader:
        return self

    def __exit__(self, *exc: object) -> None:
        import termios

        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def read(self, timeout: float | None) -> str | None:
        import select

        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self.fd, 1)
        if data == b"\x03":
            raise KeyboardInterrupt
        return data.decode(errors="replace")


# ---------------------------------------------------------------------------- the session


def show_delivery(console: Console, delivery: Delivery) -> None:
    """The delivery block, apart from the content feedback."""

    wpm = f"{delivery.words_per_minute:.0f} wpm" if delivery.words_per_minute else "pace unknown"
    pauses = len(delivery.pauses)
    console.print(
        f"\n[bold]Delivery[/bold]  [dim]talk {_clock(delivery.talk_seconds)} of "
        f"{_clock(delivery.seconds)} · {wpm} · {counted(pauses, 'long pause')} · longest stretch "
        f"{delivery.longest_stretch_seconds:.0f} s[/dim]",
        highlight=False,
    )
    if delivery.part_seconds:
        parts = ", ".join(f"{k} {v:.0f} s" for k, v in delivery.part_seconds.items())
        console.print(f" [dim]time per part: {parts}[/dim]", highlight=False)
    marks = {"good": "[green]✓[/green]", "tip": "[cyan]•[/cyan]", "warn": "[yellow]![/yellow]"}
    for finding in delivery.findings:
        hanging(console, f" {marks[finding.severity]} ", escape(finding.message))
        if finding.tip:
            hanging(console, "   [dim]→[/dim] ", escape(finding.tip), style="dim")


class Speaker:
    """`--speak`: reads each question aloud, or says once why it cannot."""

    def __init__(self, console: Console) -> None:
        from prepcoach.voice import tts

        self.console = console
        self.reason = tts.unavailable_reason()
        if self.reason:
            console.print(f"[yellow]![/yellow] Not reading aloud: {self.reason}", highlight=False)

    def __call__(self, text: str) -> None:
        if self.reason:
            return
        from prepcoach.voice import VoiceError, tts

        try:
            tts.speak(text)
        except VoiceError as error:
            self.reason = str(error)
            self.console.print(f"[yellow]![/yellow] Not reading aloud: {error}", highlight=False)
