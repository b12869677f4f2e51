"""One spoken answer, from audio to what the session needs: where the talk is, the engine's
transcript, and the delivery measured against the transcript that will be judged."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prepcoach.voice.audio import Audio, load
from prepcoach.voice.delivery import Delivery, measure
from prepcoach.voice.transcribe import Transcriber, Transcript, VoiceSettings, make_transcriber
from prepcoach.voice.vad import Segment, speech_segments


@dataclass(frozen=True, slots=True)
class Spoken:
    audio: Audio
    segments: tuple[Segment, ...]
    transcript: Transcript
    marks: Mapping[str, float] = field(default_factory=dict)

    def delivery(self, text: str | None = None) -> Delivery:
        """Delivery, counting words and fillers in `text` (the transcript as corrected by
        the user) or else in the engine's transcript."""
        return measure(
            self.audio.seconds,
            self.segments,
            self.transcript.text if text is None else text,
            words=self.transcript.words if self.transcript.quotable else (),
            marks=self.marks,
        )


def listen(
    audio: Audio,
    *,
    settings: VoiceSettings | None = None,
    transcriber: Transcriber | None = None,
    marks: Mapping[str, float] | None = None,
    transcript: str | None = None,
) -> Spoken:
    """Find the talk and transcribe it. With `transcript` (the words already known, e.g.
    written beside an audio file), the engine is not run."""
    segments = tuple(speech_segments(audio))
    if transcript is not None:
        heard = Transcript(transcript.strip(), (), "given")
    elif not segments:
        heard = Transcript("", (), "none")
    else:
        engine = transcriber or make_transcriber(settings or VoiceSettings())
        heard = engine.transcribe(audio, segments)
    return Spoken(audio, segments, heard, dict(marks or {}))


def listen_file(path: Path, **options: object) -> Spoken:
    return listen(load(path), **options)  # type: ignore[arg-type]


@dataclass(slots=True)
class SpokenAnswer:
    """A spoken answer as a practice session keeps it: what was heard, the transcript that
    is judged (perhaps corrected by the user) and the delivery measured against it."""

    spoken: Spoken
    text: str
    edited: bool
    source: str  # "microphone" or the file's path
    delivery: Delivery = field(init=False)

    def __post_init__(self) -> None:
        self.delivery = self.spoken.delivery(self.text)

    def stored(self) -> dict[str, Any]:
        """Kept beside the answer's feedback."""
        return {
            "delivery": self.delivery.as_dict(),
            "transcript": {
                "engine": self.spoken.transcript.engine,
                "heard": self.spoken.transcript.text,
                "edited": self.edited,
            },
        }
