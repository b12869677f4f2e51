"""Practising aloud: audio in, delivery measured, a rough transcript out. UI-free.

- `audio`: WAV files (stdlib `wave`; other formats through soundfile when installed), checked and
  converted to what the rest needs: mono, 16-bit, 16 kHz.
- `vad`: where the speech is (webrtcvad), as segments of talk between silences.
- `delivery`: talk time, silence, long pauses and where they fall, pace, fillers, the longest
  stretch without a pause, time per STAR part; with concrete tips.
- `transcribe`: speech to text offline (pocketsphinx's bundled English model by default; vosk
  or faster-whisper with a local model when configured; nothing is ever downloaded).
- `tts`: questions read aloud through espeak-ng. `record`: the microphone (sounddevice).
- `recordings`: the answers' recordings kept in the home.

Every module imports its third-party packages only when used, and a missing package, library or
device becomes a `VoiceUnavailable` naming what is missing and how to get it.
"""

from __future__ import annotations

from prepcoach.kernel.errors import PrepError

INSTALL_HINT = "pip install 'prepcoach[voice]'"


class VoiceError(PrepError):
    """An audio file or a recording cannot be used; the message says why, in one line."""


class VoiceUnavailable(PrepError):
    """A package, system library or device that voice features need is missing."""


def require_extra(what: str = "answering from a recording") -> None:
    """Raise VoiceUnavailable, in one line, when the voice extra is not installed."""
    import importlib.util

    missing = [
        name
        for name in ("numpy", "webrtcvad", "pocketsphinx")
        if not importlib.util.find_spec(name)
    ]
    if missing:
        raise VoiceUnavailable(
            f"{what} needs the voice extra ({', '.join(missing)} missing): {INSTALL_HINT}"
        )
