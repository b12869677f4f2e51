"""Reading answers' audio files: clean refusals for broken or unusable files, and conversion of
other rates, widths and channel counts to 16 kHz mono."""

from __future__ import annotations

import math
import struct
import time
import wave
from pathlib import Path

import pytest

from prepcoach.voice import VoiceError
from prepcoach.voice.audio import RATE, Audio, check, clock, load


def tone_wav(
    path: Path,
    *,
    seconds: float = 1.0,
    rate: int = RATE,
    channels: int = 1,
    width: int = 2,
    freq: float = 440.0,
) -> Path:
    frames = int(seconds * rate)
    peak = {1: 100, 2: 20000, 3: 5_000_000, 4: 1_000_000_000}[width]
    out = bytearray()
    for n in range(frames):
        value = int(peak * math.sin(2 * math.pi * freq * n / rate))
        if width == 1:
            sample = bytes([value + 128])
        else:
            sample = value.to_bytes(4, "little", signed=True)[:width]
        out += sample * channels
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(bytes(out))
    return path


def message(path: Path) -> str:
    with pytest.raises(VoiceError) as raised:
        load(path)
    text = str(raised.value)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_a_16k_mono_file_is_read_as_is(tmp_path: Path) -> None:
    audio = load(tone_wav(tmp_path / "a.wav", seconds=1.5))
    assert isinstance(audio, Audio) and abs(audio.seconds - 1.5) < 0.001


def test_a_missing_file_an_empty_file_and_a_text_file_are_refused(tmp_path: Path) -> None:
    assert "not found" in message(tmp_path / "nope.wav")
    (tmp_path / "empty.wav").write_bytes(b"")
    assert "empty (0 bytes)" in message(tmp_path / "empty.wav")
    (tmp_path / "notes.wav").write_text("these are my notes, not audio\n")
    assert "not" in message(tmp_path / "notes.wav")


def test_a_corrupt_and_a_truncated_wav_say_so(tmp_path: Path) -> None:
    (tmp_path / "corrupt.wav").write_bytes(b"RIFF\x24\x00\x00\x00WAVEjunkjunkjunk")
    assert "corrupt.wav is corrupt" in message(tmp_path / "corrupt.wav")
    good = tone_wav(tmp_path / "good.wav").read_bytes()
    (tmp_path / "cut.wav").write_bytes(good[:30])
    assert "cut.wav" in message(tmp_path / "cut.wav")


def test_a_zero_second_and_a_too_short_file_are_refused(tmp_path: Path) -> None:
    assert "no audio in it (0 seconds)" in message(tone_wav(tmp_path / "zero.wav", seconds=0))
    assert "too short" in message(tone_wav(tmp_path / "blip.wav", seconds=0.2))


def test_a_two_hour_file_is_refused_from_its_header_at_once(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    frames = 2 * 3600 * RATE
    with wave.open(str(path), "wb") as w:  # the header, then a sparse file of that size
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.setnframes(frames)
        w.writeframesraw(b"")
    with path.open("r+b") as handle:
        handle.seek(40)
        handle.write(struct.pack("<I", frames * 2))
        handle.truncate(44 + frames * 2)
    started = time.perf_counter()
    text = message(path)
    assert time.perf_counter() - started < 1.0
    assert "2:00:00 long; the limit is 30:00" in text
    with pytest.raises(VoiceError, match="limit"):
        check(path)


def test_a_too_low_sample_rate_is_refused(tmp_path: Path) -> None:
    assert "4000 Hz, too low for speech" in message(tone_wav(tmp_path / "a.wav", rate=4000))


@pytest.mark.parametrize(
    ("rate", "channels", "width"),
    [(8000, 1, 1), (22050, 1, 2), (44100, 2, 2), (48000, 2, 3), (32000, 1, 4)],
)
def test_other_rates_widths_and_channels_become_16k_mono(
    tmp_path: Path, rate: int, channels: int, width: int
) -> None:
    np = pytest.importorskip("numpy", reason="converting audio needs the voice extra (numpy)")
    path = tone_wav(
        tmp_path / "a.wav", seconds=2.0, rate=rate, channels=channels, width=width, freq=1000
    )
    audio = load(path)
    assert abs(audio.seconds - 2.0) < 0.01
    samples = np.frombuffer(audio.pcm, "<i2").astype(float)
    spectrum = np.abs(np.fft.rfft(samples))
    assert abs(spectrum.argmax() * RATE / len(samples) - 1000) < 5  # the tone survives
    assert samples.max() > 1000


def test_a_tone_above_8k_is_filtered_not_folded_back(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy", reason="converting audio needs the voice extra (numpy)")
    audio = load(tone_wav(tmp_path / "a.wav", seconds=1.0, rate=48000, freq=11000))
    samples = np.frombuffer(audio.pcm, "<i2").astype(float)
    assert np.sqrt(np.mean(samples**2)) < 20000 / math.sqrt(2) * 0.05  # under -26 dB


def test_a_float_wav_is_read_through_soundfile(tmp_path: Path) -> None:
    soundfile = pytest.importorskip("soundfile", reason="needs the voice extra (soundfile)")
    np = pytest.importorskip("numpy")
    data = (0.5 * np.sin(2 * np.pi * 300 * np.arange(24000) / 48000)).astype("float32")
    soundfile.write(tmp_path / "f.wav", data, 48000, subtype="FLOAT")
    assert abs(load(tmp_path / "f.wav").seconds - 0.5) < 0.01


def test_clock() -> None:
    assert (clock(42), clock(725), clock(7200)) == ("0:42", "12:05", "2:00:00")
