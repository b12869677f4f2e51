"""The drafts service: a typed draft is let go exactly when the text it holds is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepcoach.data.drafts import Drafts
from prepcoach.interviews.core import Interview
from prepcoach.interviews.store import add_interview
from prepcoach.store.db import Store
from prepcoach.stories.core import StarStory
from prepcoach.stories.store import add_story

SITUATION = "Our release slipped twice and the client threatened to leave."


def story(situation: str) -> StarStory:
    return StarStory(
        title="Slipping release",
        competencies=("teamwork",),
        template_id="generic",
        parts={"situation": situation, "task": "t", "action": "a", "result": "r"},
    )


@pytest.fixture
def watched(home: Path) -> tuple[Store, Drafts]:
    store = Store.open(home)
    drafts = Drafts(home)
    drafts.watch(store)
    yield store, drafts
    store.close()


def test_a_draft_stays_through_other_writes_and_goes_when_its_text_is_saved(
    watched: tuple[Store, Drafts],
) -> None:
    store, drafts = watched
    drafts.keep("story.situation", "Situation:", SITUATION)
    drafts.keep("story.task", "Task:", "Win back their trust within a month.")
    add_interview(store, Interview(company="Acme"))  # a write that holds neither text
    assert {d.prompt for d in drafts.kept()} == {"story.situation", "story.task"}
    add_story(store, story("  " + SITUATION.replace(" ", "\n", 1) + "\n"))  # spacing aside
    assert [d.prompt for d in drafts.kept()] == ["story.task"]
    assert [d.prompt for d in drafts.all()] == ["story.task"]  # and gone from the disk


def test_a_write_that_is_rolled_back_saves_nothing(watched: tuple[Store, Drafts]) -> None:
    store, drafts = watched
    drafts.keep("story.situation", "Situation:", SITUATION)
    with pytest.raises(RuntimeError), store.transaction():
        add_story(store, story(SITUATION))
        raise RuntimeError("stopped before the commit")
    assert [d.prompt for d in drafts.kept()] == ["story.situation"]
    add_interview(store, Interview(company="Acme"))  # the next commit does not see it either
    assert [d.prompt for d in drafts.kept()] == ["story.situation"]


def test_part_of_a_word_is_not_the_text(watched: tuple[Store, Drafts]) -> None:
    store, drafts = watched
    drafts.keep("interview.company", "Company:", "Acme")
    add_interview(store, Interview(company="Acmeworks"))
    assert [d.prompt for d in drafts.kept()] == ["interview.company"]
    add_interview(store, Interview(company="Acme"))
    assert drafts.kept() == []


def test_a_saved_record_lets_go_of_what_was_typed_for_it(home: Path) -> None:
    drafts = Drafts(home)
    record = drafts.open_record("salary", "iv-1", resume=True)
    drafts.keep("salary.minimum", "Minimum:", "80k a year")
    record.given["salary.minimum"] = ["80k a year"]
    drafts.keep_record(record)
    assert record.path.exists()
    drafts.keep("story.title", "Title:", "Not part of the record")  # still inside: tagged
    drafts.record_saved("salary", "iv-1")
    assert not record.path.exists()
    assert drafts.kept() == []
    drafts.keep("notes", "Notes:", "typed after the record was saved")
    assert [d.prompt for d in drafts.kept()] == ["notes"]


def test_what_the_run_kept_is_what_is_on_disk(home: Path) -> None:
    drafts = Drafts(home)
    drafts.keep("practice.answer", "Answer:", "first words")
    other = Drafts(home)  # another run of prep, on the same prompt
    other.keep("practice.answer", "Answer:", "other words")
    assert drafts.kept() == []  # this run's text is no longer what the disk holds
    assert [d.text for d in other.kept()] == ["other words"]
    draft = drafts.offer("practice.answer", "Answer:")
    assert draft is not None and draft.text == "other words"
    assert drafts.offer("practice.answer", "Answer:", current="other words") is None
    drafts.decline(draft)
    assert drafts.all() == []


def test_with_no_draft_waiting_nothing_is_noted(watched: tuple[Store, Drafts]) -> None:
    """A bulk write (an import) while no draft waits costs no note per row."""
    store, drafts = watched

    def notes() -> int:
        return int(store.conn.execute("SELECT count(*) FROM temp.prep_written").fetchone()[0])

    for number in range(3):
        add_interview(store, Interview(company=f"Company {number}"))
    assert notes() == 0
    drafts.keep("interview.company", "Company:", "Typed and waiting")
    with store.transaction() as conn:  # noted, then read back by the commit
        conn.execute("UPDATE interviews SET role = 'Analyst'")
        assert notes() == 3
    assert notes() == 0
