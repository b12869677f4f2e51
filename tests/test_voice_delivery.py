"""Delivery measured from speech: the rules on known segments, then real synthetic speech
(espeak-ng) with silences of known lengths: talk time and pauses within 10 %, pace within 15 %."""

from __future__ import annotations

import re

import pytest

from prepcoach.voice.delivery import count_fillers, measure
from prepcoach.voice.transcribe import Word
from prepcoach.voice.vad import Segment, smooth
from tests.voice_samples import STAR_ANSWER, STAR_GAPS, build, espeak_available

needs_espeak = pytest.mark.skipif(
    not espeak_available(), reason="espeak-ng is not installed (apt install espeak-ng)"
)


def rules(delivery: object) -> list[str]:
    return [f.rule for f in delivery.findings]  # type: ignore[attr-defined]


def test_talk_silence_pauses_and_stretches_from_segments() -> None:
    segments = [Segment(4.0, 20.0), Segment(20.3, 30.0), Segment(39.0, 50.0), Segment(52.5, 60)]
    words = " ".join(["word"] * 100)
    d = measure(62.0, segments, words, marks={"situation": 4, "action": 20, "result": 38.5})
    assert d.talk_seconds == pytest.approx(16 + 9.7 + 11 + 7.5)
    assert d.silence_seconds == pytest.approx(62 - d.talk_seconds)
    assert d.start_delay == 4.0
    assert [(p.start, p.seconds) for p in d.pauses] == [(30.0, 9.0), (50.0, 2.5)]
    assert d.pauses[0].before_part == "result" and d.pauses[1].part == "result"
    assert d.longest_stretch_seconds == pytest.approx(26.0)
    assert d.words_per_minute == pytest.approx(100 / d.talk_seconds * 60, abs=0.1)
    assert d.part_seconds == {"situation": 16.0, "action": 18.5, "result": 21.5}
    messages = [f.message for f in d.findings]
    assert "You paused 9 s before the result (at 0:30)." in messages
    pause = next(f for f in d.findings if f.message.startswith("You paused 9 s"))
    assert pause.tip.startswith("Say the number first")
    assert "delivery.late-start" in rules(d)


def test_pace_fillers_and_a_steady_answer() -> None:
    fast = measure(30, [Segment(0.2, 29.8)], " ".join(["go"] * 100))
    assert "delivery.pace-fast" in rules(fast)
    slow = measure(30, [Segment(0.2, 29.8)], " ".join(["go"] * 40))
    assert "delivery.pace-slow" in rules(slow)
    steady = measure(30, [Segment(0.2, 14.8), Segment(15.5, 29.8)], " ".join(["go"] * 70))
    assert rules(steady) == ["delivery.pace", "delivery.steady"]
    text = "so like um we were um uh you know I would like to say it was like fine um"
    assert count_fillers(text) == {"um": 3, "like": 2, "uh": 1, "you know": 1}
    filled = measure(30, [Segment(0.2, 29.8)], text + " " + " ".join(["go"] * 50))
    assert "delivery.fillers" in rules(filled)


def test_a_pause_is_placed_after_the_word_before_it() -> None:
    words = [Word("we", 0.5, 0.8), Word("shipped", 0.8, 1.4), Word("late", 5.0, 5.5)]
    d = measure(6, [Segment(0.5, 1.4), Segment(5.0, 5.5)], "we shipped late", words=words)
    assert d.findings[0].message == 'You paused 4 s after "shipped" (at 0:01).'


def test_no_speech_is_said_plainly() -> None:
    assert rules(measure(10, [], "")) == ["delivery.no-speech"]


def test_smoothing_closes_word_gaps_and_drops_clicks() -> None:
    frames = [True] * 10 + [False] * 5 + [True] * 10 + [False] * 20 + [True] * 2 + [False] * 10
    assert smooth(frames, 0.03) == [Segment(0.0, 0.75)]  # the 0.15 s gap closed, the blip gone


@needs_espeak
def test_talk_time_pauses_and_pace_of_generated_speech() -> None:
    pytest.importorskip("webrtcvad", reason="needs the voice extra (webrtcvad-wheels)")
    from prepcoach.voice.audio import Audio
    from prepcoach.voice.spoken import listen

    sample = build(STAR_ANSWER, STAR_GAPS, lead=3.5, tail=1.0)
    spoken = listen(Audio(sample.pcm), transcript=sample.text)
    d = spoken.delivery()
    talk_error = abs(d.talk_seconds - sample.talk_seconds) / sample.talk_seconds
    assert talk_error <= 0.10, (d.talk_seconds, sample.talk_seconds)
    expected = [(s, g) for s, g in sample.pauses if g >= 2.0]
    assert len(d.pauses) == len(expected)
    for pause, (start, length) in zip(d.pauses, expected, strict=True):
        assert abs(pause.seconds - length) / length <= 0.10, (pause, length)
        assert abs(pause.start - start) <= 0.3
    assert abs(d.start_delay - 3.5) / 3.5 <= 0.10
    wpm_error = abs(d.words_per_minute - sample.words_per_minute) / sample.words_per_minute  # type: ignore[operator]
    assert wpm_error <= 0.15, (d.words_per_minute, sample.words_per_minute)
    print(f"talk {talk_error:.1%} off, pace {wpm_error:.1%} off")


@needs_espeak
@pytest.mark.parametrize("speed", [130, 190])
def test_pace_follows_the_speed_of_speech(speed: int) -> None:
    pytest.importorskip("webrtcvad", reason="needs the voice extra (webrtcvad-wheels)")
    from prepcoach.voice.audio import Audio
    from prepcoach.voice.spoken import listen

    sample = build(STAR_ANSWER[:4], (0.7, 0.9, 0.6), words_per_minute=speed)
    d = listen(Audio(sample.pcm), transcript=sample.text).delivery()
    assert d.words_per_minute is not None
    assert abs(d.words_per_minute - sample.words_per_minute) / sample.words_per_minute <= 0.15


@needs_espeak
def test_pocketsphinx_gives_a_rough_transcript_with_word_times() -> None:
    pytest.importorskip("pocketsphinx", reason="needs the voice extra (pocketsphinx)")
    from prepcoach.voice.audio import Audio
    from prepcoach.voice.spoken import listen

    sample = build(STAR_ANSWER[:3], (0.8, 2.5))
    spoken = listen(Audio(sample.pcm))
    heard = spoken.transcript
    assert heard.engine == "pocketsphinx" and heard.words
    assert all(a.start <= b.start for a, b in zip(heard.words, heard.words[1:], strict=False))
    assert heard.words[-1].end <= sample.seconds + 0.01
    truth = set(re.findall(r"[a-z']+", sample.text.lower()))
    hits = [w for w in re.findall(r"[a-z']+", heard.text) if w in truth]
    assert len(hits) >= 3, heard.text  # rough, not nothing (the bench prints the WER)
