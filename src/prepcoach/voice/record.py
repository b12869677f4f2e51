"""The microphone, through sounddevice (PortAudio): record an answer, watch its level, play
it back. `unavailable_reason()` says in one line what is missing when recording cannot work."""

from __future__ import annotations

import math
import threading
import time
from typing import Any, Final, Protocol

from prepcoach.voice import INSTALL_HINT, VoiceError, VoiceUnavailable
from prepcoach.voice.audio import MAX_SECONDS, RATE, Audio

PORTAUDIO_HINT: Final = (
    "install PortAudio (Debian/Ubuntu: apt install libportaudio2; macOS: brew install portaudio)"
)


class Recorder(Protocol):
    """What the recording screen drives; the microphone is one, a file-backed one another."""

    def start(self) -> None: ...

    def stop(self) -> Audio: ...

    def level(self) -> float:
        """The loudness of the last moment, 0 (silence) to 1 (full scale)."""
        ...

    def elapsed(self) -> float: ...


def _sounddevice() -> Any:
    try:
        import sounddevice
    except ImportError:
        raise VoiceUnavailable(f"recording needs the voice extra: {INSTALL_HINT}") from None
    except OSError:
        raise VoiceUnavailable(f"recording needs the PortAudio library: {PORTAUDIO_HINT}") from None
    return sounddevice


def unavailable_reason() -> str | None:
    """None when a microphone can be recorded, else one line on what is missing."""
    try:
        sd = _sounddevice()
    except VoiceUnavailable as error:
        return str(error)
    try:
        sd.query_devices(kind="input")
    except Exception:  # PortAudioError or ValueError: there is no default input
        return "no microphone found: connect one, or pick an input in your sound settings"
    return None


def level_of(pcm: bytes) -> float:
    """RMS of 16-bit PCM on a -60..0 dBFS scale, as 0..1."""
    from array import array

    samples = array("h", pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return 0.0
    rms = math.sqrt(sum(s * s for s in samples[::4]) / len(samples[::4])) / 32768
    if rms <= 0:
        return 0.0
    return max(0.0, min(1.0, (20 * math.log10(rms) + 60) / 60))


class MicRecorder:
    """Records the default input at 16 kHz mono (or at the device's rate, converted)."""

    def __init__(self, max_seconds: float = MAX_SECONDS) -> None:
        self._sd = _sounddevice()
        self._chunks: list[bytes] = []
        self._lock = threading.Lock()
        self._level = 0.0
        self._started = 0.0
        self._stopped: float | None = None
        self._stream: Any = None
        self._rate = RATE
        self._max_bytes = int(max_seconds * RATE * 2)
        self._size = 0

    def _callback(self, data: Any, frames: int, when: Any, status: Any) -> None:
        chunk = bytes(data)
        with self._lock:
            if self._size < self._max_bytes * self._rate // RATE:
                self._chunks.append(chunk)
                self._size += len(chunk)
        self._level = level_of(chunk)

    def start(self) -> None:
        sd = self._sd
        try:
            self._stream = self._open(RATE)
        except Exception:
            try:  # a device that cannot do 16 kHz: record at its own rate
                rate = int(sd.query_devices(kind="input")["default_samplerate"])
                self._stream = self._open(rate)
            except Exception as error:
                raise VoiceError(f"cannot open the microphone: {error}") from None
        self._stream.start()
        self._started = time.monotonic()

    def _open(self, rate: int) -> Any:
        stream = self._sd.RawInputStream(
            samplerate=rate, channels=1, dtype="int16", blocksize=rate // 10,
            callback=self._callback,
        )  # fmt: skip
        self._rate = rate
        return stream

    def stop(self) -> Audio:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
        self._stopped = time.monotonic()
        with self._lock:
            pcm = b"".join(self._chunks)
        if self._rate != RATE:
            pcm = _to_rate(pcm, self._rate)
        return Audio(pcm, "microphone")

    def level(self) -> float:
        return self._level

    def elapsed(self) -> float:
        end = self._stopped if self._stopped is not None else time.monotonic()
        return end - self._started if self._started else 0.0


def _to_rate(pcm: bytes, rate: int) -> bytes:
    from prepcoach.voice.audio import AudioInfo, _convert

    info = AudioInfo(rate, 1, 2, len(pcm) // 2, "microphone")
    return b"".join(_convert(iter([pcm]), info))


def play(audio: Audio) -> None:
    """Play a recording on the default output; returns when it has finished (or on Ctrl-C)."""
    sd = _sounddevice()
    import numpy as np

    try:
        sd.play(np.frombuffer(audio.pcm, "<i2"), RATE)
        sd.wait()
    except KeyboardInterrupt:
        sd.stop()
        raise
    except Exception as error:
        detail = "no audio output found" if "device -1" in str(error) else str(error)
        raise VoiceError(f"cannot play the recording: {detail}") from None
