"""How an answer was said: talk time, silences and long pauses, pace, fillers, the longest
stretch without a pause and time per STAR part, with tips a speaker can act on.

Everything is measured from the speech segments (see `vad`) and the transcript's words; it is
pure and deterministic. Pace is words per minute of talk time (silences left out), so a long
pause shows as a pause, not as slow speech.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal

from prepcoach.voice.audio import clock
from prepcoach.voice.transcribe import Word
from prepcoach.voice.vad import Segment

LONG_PAUSE: Final = 2.0  # seconds of silence that a listener notices
BREATH: Final = 0.5  # a shorter gap does not break a stretch of talk
LATE_START: Final = 3.0
LONG_STRETCH: Final = 45.0
PACE_SLOW: Final = 110
PACE_FAST: Final = 170
PART_LABELS: Final[Mapping[str, str]] = {
    "situation": "the situation",
    "task": "the task",
    "action": "the actions",
    "result": "the result",
    "reflection": "the reflection",
}
Severity = Literal["good", "tip", "warn"]


@dataclass(frozen=True, slots=True)
class Pause:
    start: float  # seconds from the beginning of the recording
    seconds: float
    part: str | None = None  # the STAR part it falls in, when parts were marked
    before_part: str | None = None  # the part that starts right after it
    after_word: str | None = None  # the last word before it, from the transcript

    def where(self, total: float) -> str:
        """'before the result', 'in the actions', 'after "team"' or 'near the end'."""
        if self.before_part:
            return f"before {PART_LABELS.get(self.before_part, self.before_part)}"
        if self.part:
            return f"in {PART_LABELS.get(self.part, self.part)}"
        if self.after_word:
            return f'after "{self.after_word}"'
        share = self.start / total if total else 0
        return "near the start" if share < 1 / 3 else "midway" if share < 2 / 3 else "near the end"


@dataclass(frozen=True, slots=True)
class DeliveryFinding:
    rule: str
    severity: Severity
    message: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Delivery:
    seconds: float  # the whole recording
    talk_seconds: float
    silence_seconds: float
    start_delay: float  # silence before the first word
    pauses: tuple[Pause, ...]  # silences of LONG_PAUSE or more, in order
    words: int
    words_per_minute: float | None
    fillers: Mapping[str, int]
    longest_stretch_seconds: float
    part_seconds: Mapping[str, float] = field(default_factory=dict)
    findings: tuple[DeliveryFinding, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fillers"] = dict(self.fillers)
        data["part_seconds"] = dict(self.part_seconds)
        return data


def measure(
    seconds: float,
    segments: Sequence[Segment],
    transcript: str,
    *,
    words: Sequence[Word] = (),
    marks: Mapping[str, float] | None = None,
) -> Delivery:
    """Delivery of one recording: its length, the talk in it, the words said (the transcript
    that will be judged, perhaps corrected by the user) and, optionally, the engine's word
    times and the moments the user marked the start of each STAR part."""
    marks = dict(sorted((marks or {}).items(), key=lambda kv: kv[1]))
    talk = sum(s.seconds for s in segments)
    count = len(_tokens(transcript))
    wpm = round(count / talk * 60, 1) if talk >= 1 and count else None
    start_delay = segments[0].start if segments else seconds
    end = segments[-1].end if segments else seconds
    pauses = tuple(
        _pause(a.end, b.start - a.end, marks, words)
        for a, b in zip(segments, segments[1:], strict=False)
        if b.start - a.end >= LONG_PAUSE
    )
    delivery = Delivery(
        seconds=round(seconds, 2),
        talk_seconds=round(talk, 2),
        silence_seconds=round(max(0.0, seconds - talk), 2),
        start_delay=round(start_delay, 2),
        pauses=pauses,
        words=count,
        words_per_minute=wpm,
        fillers=count_fillers(transcript),
        longest_stretch_seconds=round(_longest_stretch(segments), 2),
        part_seconds=_part_seconds(marks, end),
    )
    return _with_findings(delivery)


def _pause(start: float, length: float, marks: Mapping[str, float], words: Sequence[Word]) -> Pause:
    part = next((p for p, t in reversed(list(marks.items())) if t <= start), None)
    before = next((p for p, t in marks.items() if start <= t <= start + length + 1.0), None)
    said = [w for w in words if w.end <= start + 0.2]
    return Pause(
        round(start, 2),
        round(length, 2),
        part,
        before,
        said[-1].text if said and not marks else None,
    )


def _longest_stretch(segments: Sequence[Segment]) -> float:
    longest, begin, previous_end = 0.0, None, None
    for seg in segments:
        if begin is None or previous_end is None or seg.start - previous_end >= BREATH:
            begin = seg.start
        previous_end = seg.end
        longest = max(longest, seg.end - begin)
    return longest


def _part_seconds(marks: Mapping[str, float], end: float) -> dict[str, float]:
    times = list(marks.items())
    result: dict[str, float] = {}
    for index, (part, start) in enumerate(times):
        stop = times[index + 1][1] if index + 1 < len(times) else max(end, start)
        result[part] = round(max(0.0, stop - start), 1)
    return result


# ---------------------------------------------------------------------------- words

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_FILLER_WORDS: Final = {
    "um": "um",
    "umm": "um",
    "uh": "uh",
    "uhh": "uh",
    "uhm": "um",
    "er": "er",
    "erm": "er",
    "ah": "ah",
    "hmm": "hmm",
    "basically": "basically",
    "literally": "literally",
}
_PHRASES: Final = (("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of"))
# "like" is a filler after these words ("it was like a mess", "and like we"), not in
# "I would like", "tools like Jira" or "feels like".
_LIKE_FILLER_AFTER: Final = frozenset(
    {"and", "but", "so", "was", "is", "were", "it's", "um", "uh", "just", "then", "because"}
)


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _WORD.findall(text)]


def count_fillers(text: str) -> dict[str, int]:
    """Filler words and phrases in a transcript, most frequent first."""
    tokens = _tokens(text)
    counts: dict[str, int] = {}
    for index, token in enumerate(tokens):
        label = _FILLER_WORDS.get(token)
        previous = tokens[index - 1] if index else ""
        if token == "like" and (index == 0 or previous in _LIKE_FILLER_AFTER):
            label = "like"
        for first, second in _PHRASES:
            if token == second and previous == first:
                label = f"{first} {second}"
        if label:
            counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# ---------------------------------------------------------------------------- tips


def _with_findings(d: Delivery) -> Delivery:
    found: list[DeliveryFinding] = []
    add = found.append
    if d.talk_seconds < 1:
        add(
            DeliveryFinding(
                "delivery.no-speech",
                "warn",
                "No speech found in the recording.",
                "Check the microphone is the one in use and not muted, then record again.",
            )
        )
        return _replace_findings(d, found)
    if d.start_delay >= LATE_START:
        add(
            DeliveryFinding(
                "delivery.late-start",
                "warn",
                f"{d.start_delay:.0f} s of silence before your first word.",
                "Open with a one-line headline while you gather the rest "
                '("The short answer is yes: I cut the backlog by half").',
            )
        )
    longest = sorted(d.pauses, key=lambda p: -p.seconds)[:3]
    for pause in sorted(longest, key=lambda p: p.start):  # the three longest, in order
        add(_pause_finding(pause, d.seconds))
    if len(d.pauses) > 3:
        add(
            DeliveryFinding(
                "delivery.many-pauses",
                "tip",
                f"{len(d.pauses)} pauses of {LONG_PAUSE:.0f} s or more in all.",
                "Rehearse the outline (situation, task, actions, result) until the next point "
                "comes without searching for it.",
            )
        )
    if d.words_per_minute is not None:
        add(_pace_finding(d.words_per_minute))
    filler_total = sum(d.fillers.values())
    if filler_total >= 3 and filler_total / max(d.talk_seconds / 60, 0.5) >= 2:
        listed = ", ".join(f"{k} ×{v}" for k, v in d.fillers.items())
        add(
            DeliveryFinding(
                "delivery.fillers",
                "warn",
                f"{filler_total} fillers: {listed}.",
                "Let a short silent pause replace each one; silence sounds surer than 'um'.",
            )
        )
    if d.longest_stretch_seconds >= LONG_STRETCH:
        add(
            DeliveryFinding(
                "delivery.long-stretch",
                "tip",
                f"{d.longest_stretch_seconds:.0f} s without a break for breath.",
                "Stop for a beat after each point; it lets the listener keep up and ask.",
            )
        )
    spoken_span = d.seconds - d.start_delay
    if spoken_span > 0 and d.silence_seconds - d.start_delay > 0.35 * spoken_span:
        share = round((d.silence_seconds - d.start_delay) / spoken_span * 100)
        add(
            DeliveryFinding(
                "delivery.silence",
                "tip",
                f"{share}% of the answer was silence.",
                "Say it aloud twice more before the interview; fluency comes from repetition.",
            )
        )
    found.extend(_balance_findings(d))
    if not any(f.severity != "good" for f in found):
        add(DeliveryFinding("delivery.steady", "good", "Steady delivery: no long pauses."))
    return _replace_findings(d, found)


def _replace_findings(d: Delivery, found: list[DeliveryFinding]) -> Delivery:
    from dataclasses import replace

    return replace(d, findings=tuple(found))


def _pause_finding(pause: Pause, total: float) -> DeliveryFinding:
    where = pause.where(total)
    message = f"You paused {pause.seconds:.0f} s {where} (at {clock(pause.start)})."
    part = pause.before_part or pause.part
    tips = {
        "result": "Say the number first: lead the result with the figure, then explain it.",
        "action": "List your steps before you start (first, then, finally) so the next one is "
        "ready.",
        "task": "Name your own responsibility in one sentence: 'My job was to...'.",
        "situation": "Set the scene in two sentences: where, when, what was at stake.",
        "reflection": "Have the lesson ready: 'Next time I would...'.",
    }
    tip = tips.get(part or "", "If you need a moment, say so ('let me think for a second'); "
                   "a named pause sounds composed, a silent one sounds lost.")  # fmt: skip
    return DeliveryFinding("delivery.long-pause", "warn", message, tip)


def _pace_finding(wpm: float) -> DeliveryFinding:
    if wpm > PACE_FAST:
        return DeliveryFinding(
            "delivery.pace-fast",
            "warn",
            f"About {wpm:.0f} words a minute: fast.",
            "Aim for 130 to 160; slow down most on names and numbers so they land.",
        )
    if wpm < PACE_SLOW:
        return DeliveryFinding(
            "delivery.pace-slow",
            "tip",
            f"About {wpm:.0f} words a minute: slow.",
            "Aim for 130 to 160; shorter sentences keep the pace up without rushing.",
        )
    return DeliveryFinding("delivery.pace", "good", f"Pace about {wpm:.0f} words a minute.")


def _balance_findings(d: Delivery) -> list[DeliveryFinding]:
    parts = d.part_seconds
    total = sum(parts.values())
    if total <= 0 or len(parts) < 2:
        return []
    found: list[DeliveryFinding] = []
    setup = parts.get("situation", 0.0) + parts.get("task", 0.0)
    if setup / total > 0.4:
        found.append(
            DeliveryFinding(
                "delivery.long-setup",
                "warn",
                f"Situation and task took {setup / total:.0%} of the time ({setup:.0f} s).",
                "Cut the set-up to two or three sentences; spend the time on what you did.",
            )
        )
    result = parts.get("result")
    if result is not None and result / total < 0.1:
        found.append(
            DeliveryFinding(
                "delivery.short-result",
                "tip",
                f"The result got {result:.0f} s, {result / total:.0%} of the answer.",
                "Give the result room: the number, who it helped, what changed after.",
            )
        )
    return found
