"""The story use cases without a terminal: what `prep story add` asks next, and the rest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from judge_data import builtin_library
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel.errors import PrepError
from prepcoach.store.db import Store
from prepcoach.stories import guided, service
from prepcoach.stories.core import StarStory

PARTS = {
    "situation": "Our biggest client threatened to leave after three late deliveries.",
    "task": "I owned the account and had to win back their trust within a month.",
    "action": "I met their operations lead and set up a weekly delivery review.",
    "result": "We delivered on time for twelve weeks and they renewed.",
}


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with Store.open(home) as opened:
        yield opened


def test_a_new_story_is_asked_for_what_it_lacks_in_order(store: Store, home: Path) -> None:
    library = builtin_library()
    store_iv.add_interview(store, Interview(company="Acme", stage="first"))
    flow = guided.NewStory(store, library, StarStory(title="", template_id=""), ask_interview=True)
    asked = []
    while (question := flow.next()) is not None:
        asked.append(question.key)
        if question.key == "story.competencies[]":
            assert flow.answer(question, []) == guided.NEED_COMPETENCY  # asked again
            assert flow.next() == question
            flow.answer(question, ["conflict"])
        elif question.kind == "select":
            values = [o.value for o in question.options]
            assert len(values) == len(set(values)), values  # no template listed twice
            flow.answer(question, question.options[0].value)
        elif question.key.removeprefix("story.") in PARTS:
            assert question.validate is not None and question.validate("") is not None
            flow.answer(question, PARTS[question.key.removeprefix("story.")])
        else:
            flow.answer(question, "Tidy title" if question.key == "story.title" else "")
    assert asked[:3] == ["story.title", "story.competencies[]", "story.template"]
    assert asked[-2:] == ["story.interview", "story.employer"]
    assert flow.story.title == "Tidy title" and flow.story.competencies == ("conflict",)
    assert flow.story.interview_id is None  # "No" was picked
    saved = service.save_new(store, library, flow.story, home=home)
    assert saved.id and service.find(store, saved.id).title == "Tidy title"


def test_given_parts_are_not_asked_and_the_link_needs_interviews(store: Store) -> None:
    library = builtin_library()
    story = StarStory(title="T", competencies=("conflict",), template_id="generic", parts=PARTS)
    flow = guided.NewStory(store, library, story, ask_interview=True)
    question = flow.next()
    assert question is not None and question.key == "story.reflection"  # the optional part
    flow.answer(question, "")
    question = flow.next()
    assert question is not None and question.key == "story.employer"  # no interview to link
    flow.answer(question, "")
    assert flow.next() is None
    assert service.missing(story, library) == []
    assert service.missing(StarStory(title="", template_id=""), library)[:2] == [
        "--title",
        "--competency",
    ]


def test_options_over_a_file_story_and_the_empty_title(store: Store) -> None:
    library = builtin_library()
    with pytest.raises(PrepError, match="title cannot be empty"):
        service.check_options(service.StoryOptions(title="  "))
    base = StarStory(title="From file", competencies=("conflict",), template_id="", parts=PARTS)
    story = service.draft(
        store, library, service.StoryOptions(parts={"result": "They stayed."}), base
    )
    assert story.title == "From file" and story.parts["result"] == "They stayed."
    assert story.template_id == "conflict"  # picked from the competency
    assert service.stories_in({"stories": [{}, {}]}) == [{}, {}]
    assert service.stories_in({"title": "one"}) is None


def test_removal_with_yes_needs_the_id(store: Store, home: Path) -> None:
    library = builtin_library()
    saved = service.save_new(
        store,
        library,
        StarStory(title="Release dispute", competencies=("conflict",), parts=PARTS),
        home=home,
    )
    with pytest.raises(PrepError, match="with --yes, name it by id"):
        service.removal(store, "Release dispute", unasked=True)
    gone = service.removal(store, saved.id, unasked=True)
    service.delete(store, gone.story)
    assert service.list_stories(store, library).stories == []


def test_match_and_coverage_read_the_bank(store: Store, home: Path) -> None:
    library = builtin_library()
    service.save_new(
        store,
        library,
        StarStory(title="Release dispute", competencies=("conflict",), parts=PARTS),
        home=home,
    )
    view = service.coverage(store, library)
    assert len(view.stories) == 1 and "conflict" not in view.report.uncovered
    found = service.match(store, library, "Tell me about a time you disagreed", 3)
    assert found.has_stories and found.ranked[0].story.title == "Release dispute"
    assert service.question_for(library, "free words nobody wrote")[2] in (None, *library.questions)
