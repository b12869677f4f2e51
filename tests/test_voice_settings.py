"""The transcription engine setting: pocketsphinx by default; vosk or faster-whisper only with
a model on disk, never fetched; clear one-line messages otherwise."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from prepcoach.kernel.errors import PrepError
from prepcoach.voice import VoiceError
from prepcoach.voice.audio import Audio
from prepcoach.voice.transcribe import (
    Pocketsphinx,
    VoiceSettings,
    load_settings,
    make_transcriber,
)
from prepcoach.voice.vad import Segment


def test_the_default_engine_is_pocketsphinx(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREP_VOICE_ENGINE", raising=False)
    settings = load_settings(home)
    assert settings == VoiceSettings("pocketsphinx", None, "PREP_VOICE_ENGINE")
    assert isinstance(make_transcriber(settings), Pocketsphinx)


def test_voice_yaml_names_the_engine_and_model(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREP_VOICE_ENGINE", raising=False)
    home.mkdir(parents=True)
    (home / "voice.yaml").write_text("engine: vosk\nmodel: ~/models/vosk-en\n")
    settings = load_settings(home)
    assert settings.engine == "vosk" and settings.model == Path.home() / "models/vosk-en"
    with pytest.raises(VoiceError, match="model not found at .* never downloaded"):
        make_transcriber(settings)


def test_an_unknown_engine_or_a_missing_model_path_is_one_line(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREP_VOICE_ENGINE", "siri")
    with pytest.raises(
        VoiceError, match="'siri' is not one of: pocketsphinx, vosk, faster-whisper"
    ):
        load_settings(home)
    monkeypatch.setenv("PREP_VOICE_ENGINE", "faster-whisper")
    monkeypatch.delenv("PREP_VOICE_MODEL", raising=False)
    with pytest.raises(VoiceError, match="needs a model on disk; set PREP_VOICE_MODEL"):
        make_transcriber(load_settings(home))


@pytest.mark.parametrize(
    ("engine", "module"), [("vosk", "vosk"), ("faster-whisper", "faster_whisper")]
)
def test_an_engine_set_but_not_installed_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str, module: str
) -> None:
    if importlib.util.find_spec(module) is not None:
        pytest.skip(f"{module} is installed here")
    monkeypatch.setenv("PREP_VOICE_ENGINE", engine)
    monkeypatch.setenv("PREP_VOICE_MODEL", str(tmp_path))
    transcriber = make_transcriber(load_settings(tmp_path))
    with pytest.raises(PrepError, match=f"not installed: pip install {engine}"):
        transcriber.transcribe(Audio(b"\0\0" * 16000), [Segment(0, 1)])
