"""The built-in content serves many candidates: roles, competencies, exercises, emails, skills."""

from __future__ import annotations

import json

import pytest

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.kernel import paths
from tests.helpers import invoke

NEW_COMPETENCIES = (
    "emotional-intelligence",
    "stakeholder-management",
    "negotiation",
    "time-management",
    "commercial-awareness",
)
EXERCISE_KINDS = ("presentation", "case-study", "take-home", "role-play")


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(content_files(paths.builtin_content_dir(), None, []))


def test_at_least_fourteen_role_packs_with_ten_questions_each(library: ContentLibrary) -> None:
    sizes = {r: sum(r in q.roles for q in library.questions.values()) for r in library.roles}
    assert len(library.roles) >= 14
    assert all(size >= 10 for size in sizes.values()), sizes


def test_every_role_names_the_job_titles_it_covers(library: ContentLibrary) -> None:
    for role in library.roles.values():
        assert len(role.aliases) >= 5, role.id
        assert role.description, role.id
    everywhere = [a.casefold() for r in library.roles.values() for a in r.aliases]
    assert len(everywhere) == len(set(everywhere)), "an alias names two roles"
    assert "pm" not in everywhere  # product or project: ambiguous, so on neither


def test_each_new_competency_has_six_questions_and_conflict_twelve(
    library: ContentLibrary,
) -> None:
    def count(competency: str) -> int:
        return len(library.filter_questions(competency=competency))

    for competency in NEW_COMPETENCIES:
        assert competency in library.competencies
        assert count(competency) >= 6, competency
    assert count("conflict") >= 12


def test_every_competency_has_cues(library: ContentLibrary) -> None:
    for competency in library.competencies.values():
        assert 8 <= len(competency.cues) <= 15, competency.id


def test_the_bank_is_large_enough(library: ContentLibrary) -> None:
    assert len(library.questions) >= 280


def test_cues_are_short_and_look_fors_have_several(library: ContentLibrary) -> None:
    from prepcoach.stories.core import keywords  # content words: stop words left out

    for question in library.questions.values():
        for look_for in question.look_fors:
            assert all(len(keywords(cue).split()) <= 4 for cue in look_for.cues), question.id
            if look_for.cues:
                assert len(look_for.cues) >= 4, (question.id, look_for.label)


def test_the_exercise_formats_have_a_brief_preparation_and_q_and_a(
    library: ContentLibrary,
) -> None:
    exercises = {f.kind: f for f in library.formats.values() if f.kind != "interview"}
    assert set(EXERCISE_KINDS) <= set(exercises)
    for exercise in exercises.values():
        assert exercise.brief and exercise.prep_minutes > 0, exercise.id
        assert any(step.candidate_questions for step in exercise.steps), exercise.id
        assert any((step.probes or 0) >= 1 for step in exercise.steps), exercise.id
        asked = [library.question(q) for step in exercise.steps for q in step.questions]
        assert asked and all(q.target_seconds >= 300 for q in asked), exercise.id


def test_ten_email_templates_with_varied_closings(library: ContentLibrary) -> None:
    templates = library.email_templates
    assert len(templates) >= 10
    for wanted in ("offer-acceptance", "counter-offer", "promised-material", "thank-you-late"):
        assert wanted in templates
    assert "reschedule" in templates
    closings = [t.body.rstrip().splitlines()[-2].strip() for t in templates.values()]
    assert len(set(closings)) >= len(closings) // 2, closings
    assert "stage" not in templates["thank-you-final"].subject


def test_the_skills_lexicon_covers_every_role(library: ContentLibrary) -> None:
    assert len(library.skills) >= 100
    covered = {r for skill in library.skills.values() for r in skill.roles}
    assert covered == set(library.roles)
    assert all(skill.cues for skill in library.skills.values())


def test_the_interview_day_checklists_are_shown(library: ContentLibrary) -> None:
    assert {"video-call-setup", "presence-and-delivery", "nerves-routine", "what-to-bring"} <= set(
        library.checklists
    )
    result = invoke("--no-color", "checklist")
    assert result.exit_code == 0
    assert "Video-call setup" in result.output and "What to bring" in result.output
    one = json.loads(invoke("checklist", "nerves-routine", "--json").output)
    assert [c["id"] for c in one] == ["nerves-routine"] and one[0]["items"][0]["text"]
    missing = invoke("checklist", "nerves")
    assert missing.exit_code == 1
