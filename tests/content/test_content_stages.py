"""Stages select: a stage filter gives the questions of that round, not the whole bank."""

from __future__ import annotations

import pytest

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.content.model import STAGES
from prepcoach.kernel import paths


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(content_files(paths.builtin_content_dir(), None, []))


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_is_a_proper_non_empty_part_of_the_bank(
    library: ContentLibrary, stage: str
) -> None:
    bank = set(library.questions)
    picked = {q.id for q in library.filter_questions(stage=stage)}
    assert picked and picked < bank, stage


def test_the_second_round_leaves_out_screening_and_closing_questions(
    library: ContentLibrary,
) -> None:
    second = {q.id for q in library.filter_questions(stage="second")}
    assert len(library.questions) - len(second) >= 60


@pytest.mark.parametrize(
    ("question_id", "stages"),
    [
        ("tell-me-about-yourself", {"first"}),
        ("why-leaving", {"first"}),
        ("salary-current", {"first"}),
        ("notice-and-start-date", {"first", "final"}),
        ("revisit-first-conversation", {"second", "final"}),
        ("biggest-failure", {"second", "final"}),
        ("disagreed-with-manager", {"second", "final"}),
        ("salary-competing-offer", {"final"}),
        ("first-90-days", {"final"}),
        ("long-term-over-short-term", {"final"}),
    ],
)
def test_canonical_questions_land_in_their_rounds(
    library: ContentLibrary, question_id: str, stages: set[str]
) -> None:
    assert set(library.questions[question_id].stages) == stages


def test_every_round_keeps_enough_to_practise(library: ContentLibrary) -> None:
    """The built-in formats pick by category within their round; each pick finds questions."""
    for interview_format in library.formats.values():
        for step in interview_format.steps:
            if not step.category:
                continue
            found = [
                q
                for q in library.filter_questions(
                    category=step.category, stage=interview_format.stage
                )
                if not q.roles or step.category == "role-specific"
            ]
            assert len(found) >= step.count, (interview_format.id, step.title)
