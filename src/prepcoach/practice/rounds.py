"""What makes practice feel like a real round: follow-up probes, lap times and the clock.

- `pick_probes`: the interviewer's follow-ups for an answer, the one about what the answer
  missed first (the probe whose words best match the missing look-fors);
- `probe_question`: a probe judged as a short answer of its own;
- `laps`: time per STAR part against the template's share of the answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepcoach.content.model import Question, StarTemplate

PROBE_SECONDS = 45  # a follow-up wants a short, direct answer
MOCK_PROBES = 1  # follow-ups per answer in a mock when the format step does not say


def pick_probes(question: Question, missing: Sequence[str], count: int) -> list[str]:
    """Up to `count` of the question's probes, those matching the missing look-fors first."""
    if count <= 0 or not question.probes:
        return []
    from prepcoach.kernel.text import content_lemmas  # the lemmas: once an answer is in

    wanted: set[str] = set()
    for look_for in question.look_fors:
        if look_for.label in missing:
            wanted.update(content_lemmas(" ".join((look_for.label, *look_for.cues))))
    ranked = sorted(
        enumerate(question.probes),
        key=lambda item: (-len(set(content_lemmas(item[1])) & wanted), item[0]),
    )
    return [probe for _, probe in ranked[:count]]


def probe_question(question: Question, probe: str) -> Question:
    """The probe as a question of its own: free text, a short target, nothing else to cover."""
    return replace(
        question,
        id=f"{question.id}#probe",
        text=probe,
        answer_format="free",
        target_seconds=PROBE_SECONDS,
        look_fors=(),
        probes=(),
        checks=(),
        star_template=None,
    )


@dataclass(frozen=True, slots=True)
class Lap:
    label: str
    seconds: float
    share: float  # of the whole answer, 0-1
    aim: float  # the template's share, 0-1


def laps(part_seconds: Mapping[str, float], template: StarTemplate) -> list[Lap]:
    """Each timed part of the answer against the share the template gives it."""
    total = sum(part_seconds.values())
    if total <= 0:
        return []
    return [
        Lap(part.label, part_seconds[part.key], part_seconds[part.key] / total, part.share)
        for part in template.parts
        if part.key in part_seconds
    ]


def spread_seconds(parts: Mapping[str, str], seconds: float) -> dict[str, float]:
    """A total time shared out over the parts by their words (no per-part times given)."""
    counts = {key: len(text.split()) for key, text in parts.items()}
    words = sum(counts.values())
    if words == 0:
        return {}
    return {key: round(seconds * n / words, 1) for key, n in counts.items() if n}
