"""Audio files in, 16 kHz mono 16-bit PCM out: what voice activity detection and speech
recognition expect.

WAV is read with the standard library's `wave`; other formats (FLAC, Ogg, MP3, float WAV) go
through soundfile when it is installed. A file is checked from its header before any audio is
read, so a two-hour file is refused at once, and it is then read and converted in blocks, so a
long file never sits in memory at its original rate.
"""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from prepcoach.voice import INSTALL_HINT, VoiceError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

RATE: Final = 16_000  # what webrtcvad and the speech models work at
MAX_SECONDS: Final = 30 * 60  # one answer is 1-3 minutes; a whole mock fits in this
MIN_SECONDS: Final = 0.5
MIN_RATE: Final = 8_000
MAX_RATE: Final = 192_000
MAX_CHANNELS: Final = 8
_BLOCK_FRAMES: Final = 1 << 16


@dataclass(frozen=True, slots=True)
class AudioInfo:
    """What a file's header says."""

    rate: int
    channels: int
    width: int  # bytes per sample; 0 when decoded by soundfile
    frames: int
    kind: str  # "wav" or the soundfile format, e.g. "FLAC"

    @property
    def seconds(self) -> float:
        return self.frames / self.rate if self.rate else 0.0

    def describe(self) -> str:
        bits = f"{self.width * 8}-bit " if self.width else ""
        layout = {1: "mono", 2: "stereo"}.get(self.channels, f"{self.channels} channels")
        return f"{self.kind} {bits}{self.rate / 1000:g} kHz {layout}"


@dataclass(frozen=True, slots=True)
class Audio:
    """Speech ready to analyse: 16-bit little-endian mono PCM at RATE."""

    pcm: bytes
    source: str = ""  # how it came in, e.g. "WAV 24-bit 44.1 kHz stereo"

    @property
    def rate(self) -> int:
        return RATE

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / RATE


def clock(seconds: float) -> str:
    """0:42, 12:05 or 2:00:00."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def load(path: Path, *, max_seconds: float = MAX_SECONDS) -> Audio:
    """Read an answer's recording, checked and converted; a VoiceError says what is wrong."""
    info, blocks = _open(path)
    _check(path, info, max_seconds)
    pcm = b"".join(_convert(blocks, info))
    audio = Audio(pcm, info.describe())
    if not pcm:
        raise VoiceError(f"{path.name} is corrupt: its header promises audio but none follows")
    if audio.seconds < MIN_SECONDS:
        raise VoiceError(
            f"{path.name} is only {audio.seconds:.1f} s long: too short to be an answer"
        )
    return audio


def check(path: Path, *, max_seconds: float = MAX_SECONDS) -> AudioInfo:
    """The header of a file, checked, without reading its audio: a quick refusal up front."""
    info, blocks = _open(path)
    close = getattr(blocks, "close", None)
    if close is not None:
        close()
    _check(path, info, max_seconds)
    return info


def write_wav(path: Path, audio: Audio) -> None:
    """Write 16 kHz mono 16-bit WAV (the caller chooses where and how atomically)."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(audio.pcm)


# ---------------------------------------------------------------------------- reading


def _open(path: Path) -> tuple[AudioInfo, Iterator[bytes | Floats]]:
    if not path.exists():
        raise VoiceError(f"audio file not found: {path}")
    if not path.is_file():
        raise VoiceError(f"{path} is not a file")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError as error:
        raise VoiceError(f"cannot read {path}: {error.strerror or error}") from None
    if size == 0:
        raise VoiceError(f"{path.name} is empty (0 bytes): no audio in it")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        try:
            return _open_wav(path, size)
        except _NeedsSoundfile as reason:
            return _open_soundfile(path, str(reason))
    return _open_soundfile(path, "not a WAV file")


class _NeedsSoundfile(Exception):
    """A WAV that the standard library cannot decode (float or extensible format)."""


def _open_wav(path: Path, size: int) -> tuple[AudioInfo, Iterator[bytes]]:
    try:
        reader = wave.open(str(path), "rb")
    except EOFError:
        raise VoiceError(
            f"{path.name} is truncated or corrupt: its WAV header is incomplete"
        ) from None
    except wave.Error as error:
        text = str(error)
        if text.startswith("unknown format"):
            code = text.rsplit(":", 1)[-1].strip()
            kind = {"3": "a 32-bit float WAV", "65534": "an extensible-format WAV"}.get(
                code, f"a WAV in format {code}"
            )
            raise _NeedsSoundfile(kind) from None
        raise VoiceError(f"{path.name} is not a WAV file that can be read ({text})") from None
    except OSError as error:
        raise VoiceError(f"cannot read {path}: {error.strerror or error}") from None
    except (RuntimeError, ValueError, struct.error):  # a chunk size pointing past the end
        raise VoiceError(f"{path.name} is corrupt: its WAV chunks do not add up") from None
    channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
    frame_bytes = max(1, channels * width)
    frames = min(reader.getnframes(), size // frame_bytes)  # a header can lie; the size cannot
    info = AudioInfo(rate, channels, width, frames, "WAV")

    def blocks() -> Iterator[bytes]:
        try:
            while True:
                data = reader.readframes(_BLOCK_FRAMES)
                if not data:
                    return
                yield data[: len(data) - len(data) % frame_bytes]
        except (EOFError, wave.Error, RuntimeError, ValueError, struct.error):
            return  # a truncated file: use what is there
        finally:
            reader.close()

    return info, blocks()


def _open_soundfile(path: Path, reason: str) -> tuple[AudioInfo, Iterator[Floats]]:
    try:
        import soundfile
    except (ImportError, OSError):
        if reason == "not a WAV file":
            raise VoiceError(
                f"{path.name} is not a WAV file; other formats need the voice extra "
                f"({INSTALL_HINT}), or convert it: sox '{path.name}' -b 16 answer.wav"
            ) from None
        raise VoiceError(
            f"{path.name} is {reason}; convert it to 16-bit PCM (sox '{path.name}' -b 16 "
            f"answer.wav) or install the voice extra ({INSTALL_HINT})"
        ) from None
    try:
        handle = soundfile.SoundFile(str(path))
    except (RuntimeError, soundfile.LibsndfileError, OSError) as error:
        message = str(error).split(":")[-1].strip() or "unknown format"
        raise VoiceError(f"{path.name} is not an audio file that can be read ({message})") from None
    info = AudioInfo(
        int(handle.samplerate), int(handle.channels), 0, int(handle.frames), str(handle.format)
    )

    def blocks() -> Iterator[Floats]:
        import numpy as np

        try:
            while True:
                data = handle.read(_BLOCK_FRAMES, dtype="float32", always_2d=True)
                if not len(data):
                    return
                yield (data * np.float32(32767.0)).astype(np.float32)
        except (RuntimeError, soundfile.LibsndfileError):
            return
        finally:
            handle.close()

    return info, blocks()


def _check(path: Path, info: AudioInfo, max_seconds: float) -> None:
    name = path.name
    if info.frames <= 0:
        raise VoiceError(f"{name} has no audio in it (0 seconds)")
    if info.rate < MIN_RATE:
        raise VoiceError(
            f"{name} is sampled at {info.rate} Hz, too low for speech; record at 16 kHz or more"
        )
    if info.rate > MAX_RATE:
        raise VoiceError(f"{name} is sampled at {info.rate} Hz; the most this reads is 192 kHz")
    if not 1 <= info.channels <= MAX_CHANNELS:
        raise VoiceError(f"{name} has {info.channels} channels; record in mono or stereo")
    if info.width not in (0, 1, 2, 3, 4):
        raise VoiceError(f"{name} uses {info.width * 8}-bit samples; use 16-bit PCM")
    if info.seconds > max_seconds:
        raise VoiceError(
            f"{name} is {clock(info.seconds)} long; the limit is {clock(max_seconds)} "
            "(one answer takes 1 to 3 minutes): trim it to the answer"
        )


# ---------------------------------------------------------------------------- converting


def _convert(blocks: Iterable[bytes | Floats], info: AudioInfo) -> Iterator[bytes]:
    """To 16 kHz mono int16, block by block. 16 kHz mono 16-bit WAV passes through as is."""
    if info.width == 2 and info.channels == 1 and info.rate == RATE:
        yield from (b for b in blocks if isinstance(b, bytes))
        return
    try:
        import numpy as np
    except ImportError:
        raise VoiceError(
            f"converting {info.describe()} to 16 kHz mono needs the voice extra ({INSTALL_HINT}),"
            " or convert it: sox IN.wav -r 16000 -c 1 -b 16 answer.wav"
        ) from None
    mono = (_to_mono(_to_float(b, info), info.channels) for b in blocks)
    for out in _resample(mono, info.rate):
        yield np.clip(np.rint(out), -32768, 32767).astype("<i2").tobytes()


def _to_float(block: bytes | Floats, info: AudioInfo) -> Floats:
    """Samples scaled to the int16 range, as float32, interleaved."""
    import numpy as np

    if not isinstance(block, bytes):
        return block.reshape(-1)
    width = info.width
    if width == 1:  # 8-bit WAV is unsigned
        return (np.frombuffer(block, np.uint8).astype(np.float32) - 128.0) * 256.0
    if width == 2:
        return np.frombuffer(block, "<i2").astype(np.float32)
    if width == 3:
        raw = np.frombuffer(block, np.uint8).reshape(-1, 3).astype(np.int32)
        value = raw[:, 0] | (raw[:, 1] << 8) | (raw[:, 2] << 16)
        value = np.where(value >= 1 << 23, value - (1 << 24), value)
        return (value / 256.0).astype(np.float32)
    return (np.frombuffer(block, "<i4").astype(np.float64) / 65536.0).astype(np.float32)


def _to_mono(samples: Floats, channels: int) -> Floats:
    if channels == 1:
        return samples
    usable = len(samples) - len(samples) % channels
    mixed: Floats = samples[:usable].reshape(-1, channels).mean(axis=1, dtype="float32")
    return mixed


def _lowpass(rate: int) -> Floats:
    """A windowed-sinc low-pass just under the new Nyquist frequency, against aliasing."""
    import numpy as np

    cutoff = 0.45 * min(rate, RATE) / rate  # in cycles per input sample
    size = 2 * math.ceil(4 / cutoff / 2) + 1 if rate > RATE else 31
    size = min(size, 255)
    t = np.arange(size) - (size - 1) / 2
    taps = 2 * cutoff * np.sinc(2 * cutoff * t) * np.hamming(size)
    result: Floats = (taps / taps.sum()).astype(np.float32)
    return result


def _resample(blocks: Iterable[Floats], rate: int) -> Iterator[Floats]:
    """Filter and resample a stream of mono blocks to RATE (linear interpolation after the
    low-pass); the block boundaries leave no seams because a margin of input is carried over.
    """
    import numpy as np

    if rate == RATE:
        yield from blocks
        return
    taps = _lowpass(rate)
    half = len(taps) // 2
    step = rate / RATE
    buffer = np.zeros(half, np.float32)  # zero padding before the first sample
    start = -half  # absolute index of buffer[0]
    total = 0  # input samples seen
    k = 0  # next output sample

    def emit(final: bool) -> Floats:
        nonlocal buffer, start, k
        if final:
            buffer = np.concatenate([buffer, np.zeros(half + 2, np.float32)])
        if len(buffer) < len(taps) + 2:
            return np.zeros(0, np.float32)
        filtered = np.convolve(buffer, taps, mode="valid")
        first = start + half  # absolute index of filtered[0]
        last = first + len(filtered) - 1
        limit = math.floor((last - 1) / step)
        if final:
            limit = min(limit, math.ceil(total / step) - 1)
        if limit < k:
            return np.zeros(0, np.float32)
        positions = np.arange(k, limit + 1) * step
        out: Floats = np.interp(positions, np.arange(first, last + 1), filtered).astype(np.float32)
        k = limit + 1
        keep_from = max(start, math.floor(k * step) - half - 1)
        buffer = buffer[keep_from - start :]
        start = keep_from
        return out

    for block in blocks:
        total += len(block)
        buffer = np.concatenate([buffer, block.astype(np.float32)])
        out = emit(False)
        if len(out):
            yield out
    out = emit(True)
    if len(out):
        yield out
