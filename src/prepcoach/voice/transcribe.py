"""Speech to text, offline. The words come with times, so pauses can be placed in the answer.

- pocketsphinx (default): its wheel ships a US English model, so it works with no download; it
  is rough (see the README for the word error rate measured on generated speech).
- vosk or faster-whisper: better, when the user has installed the package and a model on disk,
  named in a setting (PREP_VOICE_ENGINE and PREP_VOICE_MODEL, or `engine:` and `model:` in
  voice.yaml in the home). A model is only ever read from that local path, never fetched.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol

from prepcoach.voice import INSTALL_HINT, VoiceError, VoiceUnavailable
from prepcoach.voice.audio import RATE, Audio
from prepcoach.voice.vad import Segment

ENGINES: Final = ("pocketsphinx", "vosk", "faster-whisper")
SETTINGS_FILE: Final = "voice.yaml"
_CHUNK_SECONDS: Final = 20.0  # pocketsphinx decodes talk in utterances of about this much
_PAD: Final = 0.15


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    words: tuple[Word, ...] = ()
    engine: str = ""
    quotable: bool = True  # words right often enough to quote back ("you paused after ...")


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    engine: str = "pocketsphinx"
    model: Path | None = None
    where: str = "default"  # where the setting came from, for messages


class Transcriber(Protocol):
    name: str

    def transcribe(self, audio: Audio, segments: Sequence[Segment]) -> Transcript: ...


def load_settings(home: Path) -> VoiceSettings:
    """The transcription engine: from the environment, else voice.yaml in the home."""
    engine = os.environ.get("PREP_VOICE_ENGINE")
    model = os.environ.get("PREP_VOICE_MODEL")
    where = "PREP_VOICE_ENGINE"
    path = home / SETTINGS_FILE
    if engine is None and path.is_file():
        import yaml

        where = str(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise VoiceError(f"cannot read {path}: {error}") from None
        if not isinstance(data, dict):
            raise VoiceError(f"{path}: expected 'engine:' and 'model:' keys")
        engine = str(data.get("engine") or "pocketsphinx")
        model = str(data["model"]) if data.get("model") else model
    engine = (engine or "pocketsphinx").strip().lower()
    if engine not in ENGINES:
        raise VoiceError(f"{where}: engine '{engine}' is not one of: {', '.join(ENGINES)}")
    return VoiceSettings(engine, Path(model).expanduser() if model else None, where)


def make_transcriber(settings: VoiceSettings) -> Transcriber:
    if settings.engine == "pocketsphinx":
        return Pocketsphinx()
    if settings.model is None:
        raise VoiceError(
            f"{settings.where}: the {settings.engine} engine needs a model on disk; set "
            "PREP_VOICE_MODEL (or 'model:' in voice.yaml) to its folder"
        )
    if not settings.model.exists():
        raise VoiceError(
            f"{settings.where}: model not found at {settings.model} (models are never "
            "downloaded; point the setting at one you have)"
        )
    if settings.engine == "vosk":
        return Vosk(settings.model)
    return FasterWhisper(settings.model)


def transcribe(
    audio: Audio, segments: Sequence[Segment], settings: VoiceSettings | None = None
) -> Transcript:
    return make_transcriber(settings or VoiceSettings()).transcribe(audio, segments)


def _chunks(segments: Sequence[Segment], seconds: float) -> list[tuple[float, float]]:
    """Runs of talk of about `seconds`, split at silences, with a little padding."""
    chunks: list[tuple[float, float]] = []
    for seg in segments:
        start, end = max(0.0, seg.start - _PAD), min(seconds, seg.end + _PAD)
        if chunks and end - chunks[-1][0] <= _CHUNK_SECONDS:
            chunks[-1] = (chunks[-1][0], end)
        else:
            chunks.append((start, end))
    return chunks


def _slice(audio: Audio, start: float, end: float) -> bytes:
    return audio.pcm[int(start * RATE) * 2 : int(end * RATE) * 2]


_NOT_WORDS = re.compile(r"^(<.*>|\[.*\]|\+\+.*\+\+)$")


# Narrower search than pocketsphinx's defaults: about 3 times faster for the same word error
# rate on the bench's recordings (bench/bench_voice.py prints both).
FAST_SEARCH: Final[dict[str, Any]] = {
    "ds": 2,
    "topn": 2,
    "maxwpf": 5,
    "maxhmmpf": 3000,
    "pl_window": 10,
}


@dataclass
class Pocketsphinx:
    fast: bool = True
    name: str = field(default="pocketsphinx", init=False)

    def transcribe(self, audio: Audio, segments: Sequence[Segment]) -> Transcript:
        decoder = _sphinx_decoder(self.fast)
        words: list[Word] = []
        for start, end in _chunks(segments, audio.seconds):
            decoder.start_utt()
            decoder.process_raw(_slice(audio, start, end), full_utt=True)
            decoder.end_utt()
            frame_rate = 100.0
            for seg in decoder.seg():
                text = re.sub(r"\(\d+\)$", "", str(seg.word))
                if _NOT_WORDS.match(text):
                    continue
                words.append(
                    Word(
                        text,
                        round(start + seg.start_frame / frame_rate, 2),
                        round(start + seg.end_frame / frame_rate, 2),
                    )
                )
        # Most words are wrong (see the README), so pauses are placed by time, not by word.
        return Transcript(" ".join(w.text for w in words), tuple(words), self.name, False)


@functools.cache
def _sphinx_decoder(fast: bool) -> Any:
    try:
        from pocketsphinx import Decoder
    except ImportError:
        raise VoiceUnavailable(f"a transcript needs the voice extra: {INSTALL_HINT}") from None
    return Decoder(samprate=RATE, loglevel="FATAL", **(FAST_SEARCH if fast else {}))


@dataclass
class Vosk:
    model: Path
    name: str = field(default="vosk", init=False)

    def transcribe(self, audio: Audio, segments: Sequence[Segment]) -> Transcript:
        try:
            import vosk
        except ImportError:
            raise VoiceUnavailable(
                "the vosk engine is set but not installed: pip install vosk"
            ) from None
        vosk.SetLogLevel(-1)
        recognizer = vosk.KaldiRecognizer(vosk.Model(str(self.model)), RATE)
        recognizer.SetWords(True)
        step = RATE * 2 * 4
        results: list[dict[str, Any]] = []
        for offset in range(0, len(audio.pcm), step):
            if recognizer.AcceptWaveform(audio.pcm[offset : offset + step]):
                results.append(json.loads(recognizer.Result()))
        results.append(json.loads(recognizer.FinalResult()))
        words = tuple(
            Word(str(w["word"]), float(w["start"]), float(w["end"]))
            for r in results
            for w in r.get("result", [])
        )
        return Transcript(" ".join(w.text for w in words), words, self.name)


@dataclass
class FasterWhisper:
    model: Path
    name: str = field(default="faster-whisper", init=False)

    def transcribe(self, audio: Audio, segments: Sequence[Segment]) -> Transcript:
        try:
            import numpy as np
            from faster_whisper import WhisperModel
        except ImportError:
            raise VoiceUnavailable(
                "the faster-whisper engine is set but not installed: pip install faster-whisper"
            ) from None
        model = WhisperModel(str(self.model), device="cpu", compute_type="int8",
                             local_files_only=True)  # fmt: skip
        samples = np.frombuffer(audio.pcm, "<i2").astype(np.float32) / 32768.0
        parts, _ = model.transcribe(samples, language="en", word_timestamps=True)
        words = tuple(
            Word(str(w.word).strip(), float(w.start), float(w.end))
            for part in parts
            for w in (part.words or [])
        )
        return Transcript(" ".join(w.text for w in words), words, self.name)
