"""The post-mortem pre-ticks a concern's competency only when confident: floors measured on
the check half of tests/data/concerns (bench/judge_concerns.py prints the figures)."""

from __future__ import annotations

from prepcoach.postmortem.match import read_concern
from tests.judge_data import builtin_library, half, load


def test_floor_on_the_check_half() -> None:
    lib = builtin_library()
    items = half(load("concerns", "concerns.yaml")["concerns"])
    ticks = right = unsure_ticks = top3 = with_labels = skills_found = skills_right = 0
    for item in items:
        reading = read_concern(item["text"], lib)
        if reading.pretick:
            ticks += 1
            right += bool(item["confident"] and reading.pretick == item["competencies"][0])
            unsure_ticks += not item["confident"]
        skills_found += len(reading.skills)
        skills_right += len(set(reading.skills) & set(item["skills"]))
        if item["competencies"]:
            with_labels += 1
            top3 += item["competencies"][0] in reading.ranked[:3]
    unsure = sum(not item["confident"] for item in items)
    assert ticks >= 5, "pre-ticks something"
    assert right / ticks >= 0.80, (right, ticks)
    assert unsure_ticks / unsure <= 0.10, (unsure_ticks, unsure)
    assert top3 / with_labels >= 0.58, (top3, with_labels)
    assert skills_right / skills_found >= 0.55, (skills_right, skills_found)
