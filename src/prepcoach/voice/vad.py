"""Where the speech is: webrtcvad's per-frame decisions, smoothed into segments of talk.

A frame is 30 ms. Gaps shorter than `MERGE_GAP` (the breaks between words) stay inside a
segment, and a blip of "speech" shorter than `MIN_TALK` (a click, a breath) is dropped, so the
segments are what a listener hears as talk, and the gaps between them are silences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from prepcoach.voice import INSTALL_HINT, VoiceUnavailable
from prepcoach.voice.audio import RATE, Audio

FRAME_SECONDS: Final = 0.03
MERGE_GAP: Final = 0.3  # seconds of silence that still count as one stretch of talk
MIN_TALK: Final = 0.12  # shorter "speech" is a click or a breath
AGGRESSIVENESS: Final = 2  # webrtcvad 0 (keeps most) .. 3 (drops most)


@dataclass(frozen=True, slots=True)
class Segment:
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


def speech_segments(audio: Audio, *, aggressiveness: int = AGGRESSIVENESS) -> list[Segment]:
    """Stretches of talk in the recording, in order."""
    try:
        import webrtcvad
    except ImportError:
        raise VoiceUnavailable(
            f"measuring talk time needs the voice extra: {INSTALL_HINT}"
        ) from None
    vad = webrtcvad.Vad(aggressiveness)
    frame_bytes = int(RATE * FRAME_SECONDS) * 2
    pcm = audio.pcm
    voiced: list[bool] = []
    for offset in range(0, len(pcm) - frame_bytes + 1, frame_bytes):
        frame = pcm[offset : offset + frame_bytes]
        voiced.append(_loud_enough(frame) and vad.is_speech(frame, RATE))
    return smooth(voiced, FRAME_SECONDS)


def _loud_enough(frame: bytes) -> bool:
    """Digital near-silence is never speech (webrtcvad can flag a quiet hum)."""
    from array import array

    samples = array("h", frame)
    return max(samples, default=0) - min(samples, default=0) > 64


def smooth(voiced: list[bool], frame: float = FRAME_SECONDS) -> list[Segment]:
    """Per-frame decisions to segments: short gaps closed, short blips dropped."""
    raw: list[Segment] = []
    begin: int | None = None
    for index, flag in enumerate([*voiced, False]):
        if flag and begin is None:
            begin = index
        elif not flag and begin is not None:
            raw.append(Segment(round(begin * frame, 3), round(index * frame, 3)))
            begin = None
    merged: list[Segment] = []
    for seg in raw:
        if merged and seg.start - merged[-1].end < MERGE_GAP:
            merged[-1] = Segment(merged[-1].start, seg.end)
        else:
            merged.append(seg)
    return [s for s in merged if s.seconds >= MIN_TALK]
