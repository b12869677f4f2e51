"""Spoken answers with known timings, made with espeak-ng: each sentence is synthesised on its
own, its silent ends cut, and the sentences are joined by silences of chosen lengths (with a
little noise, as a room has). So the true talk time, pauses and pace are known exactly.

Used by the voice tests and by bench/bench_voice.py.
"""

from __future__ import annotations

import functools
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

RATE: Final = 16_000


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None or shutil.which("espeak") is not None


@functools.cache
def sentence_pcm(text: str, words_per_minute: int = 160, voice: str = "en-us") -> bytes:
    from prepcoach.voice.tts import synthesize_pcm

    return synthesize_pcm(text, voice=voice, words_per_minute=words_per_minute)


def noise(seconds: float, seed: int, level: float = 30.0) -> bytes:
    """Quiet room noise (about -60 dBFS) for `seconds`."""
    from array import array

    rng = random.Random(seed)
    count = int(round(seconds * RATE))
    return array("h", (int(rng.gauss(0, level)) for _ in range(count))).tobytes()


@dataclass(frozen=True)
class Sample:
    pcm: bytes
    text: str
    talk_seconds: float  # the sentences, without the silences between them
    pauses: tuple[tuple[float, float], ...]  # (start, length) of each silence put in
    words: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / RATE

    @property
    def words_per_minute(self) -> float:
        return self.words / self.talk_seconds * 60


def build(
    sentences: Sequence[str],
    gaps: Sequence[float],
    *,
    lead: float = 0.5,
    tail: float = 0.5,
    words_per_minute: int = 160,
    seed: int = 1,
) -> Sample:
    """Sentences joined by `gaps` (one fewer than the sentences), after `lead` seconds."""
    import re

    assert len(gaps) == len(sentences) - 1
    chunks = [noise(lead, seed)]
    at = lead
    talk = 0.0
    pauses: list[tuple[float, float]] = []
    for index, sentence in enumerate(sentences):
        speech = sentence_pcm(sentence, words_per_minute)
        chunks.append(speech)
        length = len(speech) / 2 / RATE
        at += length
        talk += length
        if index < len(gaps):
            chunks.append(noise(gaps[index], seed + index + 1))
            pauses.append((at, gaps[index]))
            at += gaps[index]
    chunks.append(noise(tail, seed + 99))
    text = " ".join(sentences)
    words = len(re.findall(r"[A-Za-z0-9']+", text))
    return Sample(b"".join(chunks), text, talk, tuple(pauses), words)


def write(sample: Sample, path: Path) -> Path:
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(sample.pcm)
    return path


STAR_ANSWER: Final = (
    "Our checkout page was losing one in five customers at the payment step.",
    "I owned the payments team and had to fix it before the holiday sales.",
    "I measured the baseline from three months of logs.",
    "Then I ran a two week test of a shorter form with one region.",
    "I rolled it out to every region once the numbers held.",
    "Drop offs fell from twenty percent to eight percent, and sales rose by four percent.",
)
STAR_GAPS: Final = (0.8, 2.5, 0.6, 0.7, 3.0)
