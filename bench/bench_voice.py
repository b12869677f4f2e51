"""How well the voice features measure: generated spoken answers (espeak-ng) with known talk
time, pauses and pace; prints the errors of the delivery metrics and pocketsphinx's word error
rate (WER), with its fast search (the default) and its full search.

Synthetic speech is harder for pocketsphinx than a clear human voice, and easier for voice
activity detection (no breathing, no room echo): read the figures as such.
Usage: python bench/bench_voice.py [--answers 8]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.voice_samples import build, espeak_available  # noqa: E402

ANSWERS = [
    (
        "Our support queue had grown to four hundred open tickets.",
        "I was asked to bring it under one hundred within a month.",
        "I sorted the tickets by product and found that half were about password resets.",
        "I wrote a self service reset page with our web team.",
        "Within three weeks the queue was down to eighty tickets.",
    ),
    (
        "I disagreed with my manager about launching before the security review.",
        "I asked for fifteen minutes and showed her the two open issues.",
        "We agreed to delay the launch by one week.",
        "The review found a third problem, and she thanked me later.",
    ),
    (
        "In my last role I looked after twelve key accounts.",
        "One client was about to leave because of late invoices.",
        "I called their finance lead every Friday and fixed the billing export.",
        "They renewed for two more years and added a second office.",
    ),
    (
        "I want this role because your product helps small shops sell online.",
        "My family ran a shop, and I saw how hard that was.",
        "I have spent five years building payment tools.",
        "I would like to bring that experience to your checkout team.",
    ),
    (
        "My biggest mistake was promising a date before I checked with the team.",
        "We missed it by two weeks and the client was upset.",
        "I apologised, shared a new plan and sent a short update every day.",
        "Now I never give a date until the people doing the work agree to it.",
    ),
    (
        "I led a team of six engineers through a move to a new database.",
        "The old system crashed every few days during busy hours.",
        "I planned the move in four steps and tested each one on a copy of the data.",
        "We switched over on a Sunday with ten minutes of downtime.",
        "Crashes stopped, and page loads became twice as fast.",
    ),
    (
        "A new colleague kept missing our morning meetings.",
        "Instead of reporting it, I asked him how his week was going.",
        "He had a long school run, so we moved the meeting to ten.",
        "He never missed one again and became our best tester.",
    ),
    (
        "I taught myself data analysis in the evenings over six months.",
        "I used it to study why customers cancelled in the first week.",
        "Most of them never finished setting up their account.",
        "We added a short guide, and early cancellations fell by a third.",
    ),
]


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def wer(reference: str, hypothesis: str) -> tuple[int, int]:
    """Word edits (substitutions, insertions, deletions) and the reference's length."""
    ref, hyp = tokens(reference), tokens(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, rw in enumerate(ref, 1):
        previous, row[0] = row[:], i
        for j, hw in enumerate(hyp, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (rw != hw))
    return row[-1], len(ref)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=len(ANSWERS))
    args = parser.parse_args()
    if not espeak_available():
        print("espeak-ng is not installed (apt install espeak-ng); nothing to measure")
        return 1
    from prepcoach.voice.audio import Audio
    from prepcoach.voice.spoken import listen
    from prepcoach.voice.transcribe import Pocketsphinx

    rng = random.Random(7)
    speeds = [130, 150, 170, 190]
    talk_err: list[float] = []
    pause_err: list[float] = []
    missed = extra = 0
    wpm_err: list[float] = []
    wpm_asr_err: list[float] = []
    edits = {True: 0, False: 0}
    spent = {True: 0.0, False: 0.0}
    words = 0
    audio_seconds = 0.0
    print(f"{'answer':>6} {'wpm':>4} {'talk err':>8} {'pauses':>6} {'pace err':>8} "
          f"{'pace err (asr)':>14} {'WER fast':>8} {'WER full':>8}")  # fmt: skip
    for index, sentences in enumerate(ANSWERS[: args.answers]):
        speed = speeds[index % len(speeds)]
        gaps = [rng.choice([0.4, 0.7, 1.0, 2.5, 3.5, 5.0]) for _ in sentences[1:]]
        sample = build(sentences, gaps, lead=rng.choice([0.5, 1.5, 4.0]), words_per_minute=speed)
        audio = Audio(sample.pcm)
        audio_seconds += audio.seconds
        known = listen(audio, transcript=sample.text).delivery()
        talk_err.append(abs(known.talk_seconds - sample.talk_seconds) / sample.talk_seconds)
        truth = [(s, g) for s, g in sample.pauses if g >= 2.0]
        for start, length in truth:
            found = [p for p in known.pauses if abs(p.start - start) < 0.5]
            if found:
                pause_err.append(abs(found[0].seconds - length) / length)
            else:
                missed += 1
        extra += sum(1 for p in known.pauses if all(abs(p.start - s) >= 0.5 for s, _ in truth))
        assert known.words_per_minute is not None
        wpm_err.append(
            abs(known.words_per_minute - sample.words_per_minute) / sample.words_per_minute
        )
        row_wer = {}
        for fast in (True, False):
            started = time.perf_counter()
            heard = listen(audio, transcriber=Pocketsphinx(fast=fast))
            spent[fast] += time.perf_counter() - started
            wrong, total = wer(sample.text, heard.transcript.text)
            edits[fast] += wrong
            row_wer[fast] = wrong / total
            if fast:
                asr_wpm = heard.delivery().words_per_minute or 0.0
                wpm_asr_err.append(abs(asr_wpm - sample.words_per_minute) / sample.words_per_minute)
        words += total
        print(f"{index + 1:>6} {speed:>4} {talk_err[-1]:>8.1%} {len(known.pauses)}/{len(truth):<4} "
              f"{wpm_err[-1]:>8.1%} {wpm_asr_err[-1]:>14.1%} {row_wer[True]:>8.0%} "
              f"{row_wer[False]:>8.0%}")  # fmt: skip
    print()
    print(f"talk time error: mean {statistics.mean(talk_err):.1%}, max {max(talk_err):.1%}")
    if pause_err:
        print(
            f"pauses >= 2 s: {len(pause_err)} found, {missed} missed, {extra} extra; length "
            f"error mean {statistics.mean(pause_err):.1%}, max {max(pause_err):.1%}"
        )
    print(
        f"pace (wpm) error with the true transcript: mean {statistics.mean(wpm_err):.1%}, "
        f"max {max(wpm_err):.1%}; with pocketsphinx's: mean {statistics.mean(wpm_asr_err):.1%}"
    )
    for fast in (True, False):
        label = "fast search (default)" if fast else "full search"
        print(
            f"pocketsphinx WER, {label}: {edits[fast] / words:.0%} over {words} words; "
            f"{spent[fast] / audio_seconds:.2f} s of work per second of audio"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
