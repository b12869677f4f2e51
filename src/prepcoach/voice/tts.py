"""Text to speech through espeak-ng (or espeak), found on PATH: questions read aloud."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from prepcoach.voice import VoiceError, VoiceUnavailable

ENGINES: Final = ("espeak-ng", "espeak")
INSTALL: Final = (
    "install espeak-ng (Debian/Ubuntu: apt install espeak-ng; macOS: brew install espeak-ng)"
)
SPEAK_TIMEOUT: Final = 120.0


def find_engine() -> str | None:
    """The path of espeak-ng (or espeak), or None."""
    for name in ENGINES:
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable_reason() -> str | None:
    """None when questions can be read aloud, else one line on what is missing."""
    return None if find_engine() else f"reading questions aloud needs espeak-ng: {INSTALL}"


def _engine() -> str:
    found = find_engine()
    if found is None:
        raise VoiceUnavailable(f"reading aloud needs espeak-ng: {INSTALL}")
    return found


def speak(text: str, *, voice: str = "en-us", words_per_minute: int = 160) -> None:
    """Say `text` on the default audio output; returns when it has been said."""
    try:
        done = subprocess.run(
            [_engine(), "-v", voice, "-s", str(words_per_minute), "--", text],
            check=True,
            capture_output=True,
            timeout=SPEAK_TIMEOUT,
        )
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode(errors="replace").strip().splitlines()
        raise VoiceError(f"espeak-ng could not speak: {detail[-1] if detail else error}") from None
    except subprocess.TimeoutExpired:
        raise VoiceError("espeak-ng did not finish speaking in time") from None
    # espeak-ng exits 0 even when it has nowhere to play; its complaint is on stderr.
    if re.search(rb"snd_pcm_open|Unknown PCM|^error:", done.stderr or b"", re.MULTILINE):
        raise VoiceError("espeak-ng found no audio output (no sound card or speaker in use)")


def synthesize(text: str, path: Path, *, voice: str = "en-us", words_per_minute: int = 160) -> Path:
    """Write `text` spoken as a WAV file at `path` (espeak-ng's own rate, 22.05 kHz mono)."""
    try:
        subprocess.run(
            [_engine(), "-v", voice, "-s", str(words_per_minute), "-w", str(path), "--", text],
            check=True,
            capture_output=True,
            timeout=SPEAK_TIMEOUT,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        raise VoiceError(f"espeak-ng could not write {path.name}: {error}") from None
    return path


def synthesize_pcm(text: str, *, voice: str = "en-us", words_per_minute: int = 160) -> bytes:
    """`text` spoken, as 16 kHz mono 16-bit PCM with its leading and trailing silence cut."""
    from prepcoach.voice.audio import load

    with tempfile.TemporaryDirectory(prefix="prep-tts-") as folder:
        path = synthesize(
            text, Path(folder) / "speech.wav", voice=voice, words_per_minute=words_per_minute
        )
        pcm = load(path).pcm
    return trim_silence(pcm)


def trim_silence(pcm: bytes, threshold: int = 64) -> bytes:
    """Cut the near-silent samples at both ends of 16-bit PCM."""
    from array import array

    samples = array("h", pcm)
    first = next((i for i, s in enumerate(samples) if abs(s) > threshold), len(samples))
    last = next((i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > threshold), -1)
    return samples[first : last + 1].tobytes() if last >= first else b""
