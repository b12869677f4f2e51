"""Spoken answers through `prep practice` (--audio, `audio:` in answers files), the recordings
in `prep history`, and exports that leave recordings out unless asked."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prepcoach.cli.app import app
from tests.voice_samples import STAR_ANSWER, STAR_GAPS, build, espeak_available, write

needs_voice = pytest.mark.skipif(
    not espeak_available(), reason="espeak-ng is not installed (apt install espeak-ng)"
)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def answer_wav(tmp_path: Path) -> Path:
    pytest.importorskip("webrtcvad", reason="needs the voice extra (webrtcvad-wheels)")
    folder = tmp_path / "takes"
    folder.mkdir()
    return write(build(STAR_ANSWER, STAR_GAPS, lead=1.0), folder / "answer.wav")


@needs_voice
def test_an_answers_file_with_audio_gets_delivery_and_content_feedback(
    answer_wav: Path, home: Path
) -> None:
    answers = answer_wav.parent / "answers.yaml"
    answers.write_text(
        "answers:\n"
        "  - question: biggest-failure\n"
        "    audio: answer.wav\n"  # relative to the answers file
        f'    text: "{" ".join(STAR_ANSWER)}"\n'
        "    marks: {situation: 1, task: 5, action: 11.5, result: 25}\n"
        "    rating: good\n"
    )
    code, out, err = run("practice", "--answers", str(answers), "--json")
    assert code == 0, err
    result = json.loads(out)["answers"][0]
    delivery = result["delivery"]
    assert delivery["talk_seconds"] > 15 and 120 < delivery["words_per_minute"] < 200
    assert [round(p["seconds"]) for p in delivery["pauses"]] == [2, 3]
    assert set(delivery["part_seconds"]) == {"situation", "task", "action", "result"}
    assert result["transcript"] == {
        "engine": "given",
        "heard": " ".join(STAR_ANSWER),
        "edited": True,
    }
    assert result["feedback"]["word_count"] > 60  # judged as the words said, not as notes
    assert result["feedback"]["score"] == result["score"] and result["score"] > 0
    assert "delivery" not in result["feedback"]  # its own block, not a content finding

    recording = home / "recordings" / f"{result['recording']}.wav"
    assert stat.S_IMODE(recording.stat().st_mode) == 0o600
    assert stat.S_IMODE(recording.parent.stat().st_mode) == 0o700

    code, out, _ = run("history", "--recordings", "--json")
    listed = json.loads(out)
    assert [r["id"] for r in listed] == [result["recording"]]
    assert listed[0]["question_id"] == "biggest-failure"

    session = json.loads(run("history", "--json")[1])[0]["id"]
    code, out, _ = run("history", session)
    assert "delivery: talk" in out and "long pause" in out
    assert f"; recording {result['recording']}" in out


@needs_voice
def test_exports_leave_recordings_out_unless_asked(answer_wav: Path, tmp_path: Path) -> None:
    answers = answer_wav.parent / "a.yaml"
    answers.write_text("answers:\n  - audio: answer.wav\n    text: I fixed it.\n")
    assert run("practice", "--answers", str(answers), "--count", "1", "--json")[0] == 0
    plain = tmp_path / "plain.json"
    assert run("export", "-o", str(plain))[0] == 0
    assert not (tmp_path / "plain-recordings").exists()
    assert b"RIFF" not in plain.read_bytes()
    full = tmp_path / "full.json"
    code, _, err = run("export", "-o", str(full), "--with-recordings")
    assert code == 0 and "Copied 1 recording to" in err
    assert len(list((tmp_path / "full-recordings").glob("*.wav"))) == 1
    code, _, err = run("export", "--with-recordings")
    assert code == 2 and "needs -o FILE" in err


@needs_voice
def test_a_recording_can_be_deleted_and_the_answer_stays(answer_wav: Path, home: Path) -> None:
    answers = answer_wav.parent / "a.yaml"
    answers.write_text("answers:\n  - audio: answer.wav\n    text: I fixed it.\n")
    out = run("practice", "--answers", str(answers), "--count", "1", "--json")[1]
    recording = json.loads(out)["answers"][0]["recording"]
    code, out, _ = run("history", "--delete-recording", recording)
    assert code == 0 and f"Deleted recording {recording}" in out
    assert not list((home / "recordings").iterdir())
    assert json.loads(run("history", "--json")[1])[0]["answered"] == 1
    code, _, err = run("history", "--delete-recording", recording)
    assert code == 1 and "no recording" in err and "Traceback" not in err


@needs_voice
def test_audio_flag_without_a_terminal_transcribes_with_pocketsphinx(answer_wav: Path) -> None:
    pytest.importorskip("pocketsphinx", reason="needs the voice extra (pocketsphinx)")
    code, out, err = run("practice", "--audio", str(answer_wav), "--mode", "quick", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["answers"]) == 1
    answer = data["answers"][0]
    assert answer["transcript"]["engine"] == "pocketsphinx" and answer["transcript"]["heard"]
    assert answer["delivery"]["words"] > 10


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty (0 bytes)"),
        (b"RIFF\x24\x00\x00\x00WAVEjunkjunkjunk", "is corrupt"),
        (b"hello, these are notes\n", "not"),
    ],
)
def test_a_bad_audio_file_is_one_line_and_starts_no_session(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "answer.wav"
    path.write_bytes(content)
    code, out, err = run("practice", "--audio", str(path), "--json")
    assert code == 1 and expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert json.loads(run("history", "--json")[1]) == []


def test_audio_and_answers_together_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    path.write_bytes(b"x")
    code, _, err = run("practice", "--audio", str(path), "--answers", str(path))
    assert code == 2 and "one of --audio and --answers" in err


def test_an_answers_file_naming_a_missing_recording_says_which(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("answers:\n  - audio: gone.wav\n")
    code, _, err = run("practice", "--answers", str(answers), "--count", "1")
    assert code == 1 and "a.yaml: answer 1: audio file not found" in err


def test_without_the_voice_extra_audio_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util
    import wave

    path = tmp_path / "answer.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\x00\x01" * 16000)
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "webrtcvad" else real(name)
    )
    code, _, err = run("practice", "--audio", str(path), "--json")
    assert code == 1
    assert err.strip() == (
        "Error: answering from a recording needs the voice extra (webrtcvad missing): "
        "pip install 'prepcoach[voice]'"
    )


def test_the_install_hint_for_recording_is_shown_with_its_brackets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from prepcoach.cli.practice.voice import AloudInTerminal
    from prepcoach.cli.prompts import ScriptedPrompter
    from prepcoach.voice import INSTALL_HINT, record

    monkeypatch.setattr(record, "unavailable_reason", lambda: f"it needs {INSTALL_HINT}")
    console = Console(record=True, width=120)
    aloud = AloudInTerminal(ScriptedPrompter({}), console, tmp_path, None)
    assert aloud(object(), 60.0) is None  # type: ignore[arg-type]
    assert "pip install 'prepcoach[voice]'" in console.export_text()
