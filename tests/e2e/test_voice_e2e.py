"""Answering aloud in a real terminal: from a recording (--audio), with the transcript shown
and corrected in the editor before it is judged; and the stopwatch when nothing can record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.terminal import ENTER, ESC_ENTER, finish, prep_command, spawn
from tests.voice_samples import STAR_ANSWER, STAR_GAPS, build, espeak_available, write

pytestmark = pytest.mark.e2e


def history(home: Path, *args: str) -> object:
    out = subprocess.run(
        [prep_command(), "--home", str(home), "history", *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")
def test_an_aloud_answer_from_a_recording_with_its_transcript_corrected(tmp_path: Path) -> None:
    pytest.importorskip("pocketsphinx", reason="needs the voice extra (pocketsphinx)")
    wav = write(build(STAR_ANSWER, STAR_GAPS, lead=1.0), tmp_path / "answer.wav")
    corrected = " ".join(STAR_ANSWER)
    editor = tmp_path / "editor.py"  # "corrects" the transcript: writes the true words
    editor.write_text(
        f"import sys\nopen(sys.argv[1], 'w').write('# kept out\\n' + {corrected!r})\n"
    )
    os.environ["VISUAL"] = f"{sys.executable} {editor}"
    try:
        home = tmp_path / "home"
        child = spawn(
            home, "practice", "--audio", str(wav), "--mode", "quick", "--count", "1", timeout=120
        )
        child.expect("How do you want to answer")
        child.send(ENTER)  # aloud is the default with --audio
        child.expect("Answer from answer.wav: 0:3")
        child.expect("Transcript")
        child.expect("pocketsphinx; rough")
        child.expect("Judge this transcript")
        child.send("e")
        child.send(ENTER)
        child.expect("Score")
        child.expect("Delivery")
        child.expect("long pause")
        child.expect("You paused 3 s")
        child.expect("How did that go")
        child.send("3")  # a shortcut key chooses at once
        child.expect("This session")
        assert finish(child) == 0
    finally:
        del os.environ["VISUAL"]
    sessions = history(home)
    assert isinstance(sessions, list)
    detail = history(home, sessions[0]["id"])
    assert isinstance(detail, dict)
    (answer,) = detail["answers"]
    assert answer["style"] == "aloud" and answer["parts"]["text"] == corrected
    assert answer["feedback"]["transcript"]["edited"] is True
    assert answer["feedback"]["delivery"]["talk_seconds"] > 15
    recordings = history(home, "--recordings")
    assert isinstance(recordings, list) and recordings[0]["id"] == answer["id"]


def test_without_a_microphone_aloud_says_why_and_keeps_the_stopwatch(tmp_path: Path) -> None:
    from prepcoach.voice import record

    reason = record.unavailable_reason()
    if reason is None:
        pytest.skip("this machine can record, so the fallback is not shown")
    home = tmp_path / "home"
    child = spawn(home, "practice", "--mode", "quick", "--count", "1", "--category", "behavioral")
    child.expect("How do you want to answer")
    child.send("a")  # a shortcut key chooses at once
    child.expect("No recording: ")
    child.expect("Using the stopwatch")
    child.expect("Press Enter, then answer out loud")
    child.send(ENTER)
    # part by part: Enter at each STAR part records its lap
    while child.expect(["speak it, then press Enter", "Notes on what you said"]) == 0:
        child.send(ENTER)
    child.send("Led the fix; cut errors by half")
    child.send(ESC_ENTER)
    child.expect("How did that go")
    child.send("3")
    child.expect("This session")
    assert finish(child) == 0


def test_speak_reads_the_question_or_says_in_one_line_why_not(tmp_path: Path) -> None:
    from prepcoach.voice import VoiceError, VoiceUnavailable, tts

    try:
        tts.speak("ok")
    except (VoiceError, VoiceUnavailable):
        pass
    else:
        pytest.skip("this machine can speak, so there is no message to see")
    home = tmp_path / "home"
    child = spawn(home, "practice", "--speak", "--mode", "quick", "--count", "1")
    child.expect("Not reading aloud: ")
    child.expect("How do you want to answer")
    child.send("n")  # skip the question
    child.send(ENTER)
    assert finish(child) == 0


RECORDING_SCREEN = """
import time
from rich.console import Console
from prepcoach.cli.practice.voice import record_answer
from prepcoach.voice.audio import Audio

class Recorder:  # stands in for the microphone: a steady tone, a real clock
    takes = 0
    def start(self):
        self.began = time.monotonic()
        Recorder.takes += 1
    def stop(self):
        self.ended = time.monotonic()
        return Audio(b"\\x10\\x00" * int((self.ended - self.began) * 16000))
    def level(self):
        return 0.5
    def elapsed(self):
        return time.monotonic() - self.began

audio, marks = record_answer(Console(), Recorder(), 60)
print("TAKES", Recorder.takes, "MARKS", sorted(marks), "SECONDS", round(audio.seconds))
"""


def test_the_recording_screen_marks_parts_stops_and_records_again(tmp_path: Path) -> None:
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-c", RECORDING_SCREEN],
        env={**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "120"},
        encoding="utf-8",
        timeout=30,
    )
    child.expect("Recording")
    child.expect("0:00 / 1:00")  # the live timer against the target
    child.send(" ")  # stop at once...
    child.expect("Recorded 0:00")
    child.send("r")  # ...and record again
    child.expect("Recording")
    child.expect("█{10}·{10}")  # the level meter at half scale
    child.send("s")
    child.expect("situation")  # the part being spoken
    time.sleep(1.2)
    child.send("a")
    child.expect("action")
    child.send("r")
    child.expect("result")
    time.sleep(1.0)
    child.send(ENTER)
    child.expect("p: play it back")
    child.send("p")  # plays it, or says in one line why it cannot, and waits again
    child.expect(r"cannot play|PortAudio|voice extra|\n")
    child.send(ENTER)  # keep it
    child.expect(r"TAKES 2 MARKS \['action', 'result', 'situation'\] SECONDS [234]")
    child.expect(pexpect.EOF)
