"""The use cases behind `prep postmortem` (`postmortem.service`), without the CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kernel.paths import builtin_content_dir
from prepcoach.postmortem import service
from prepcoach.postmortem.answers import ParseContext
from prepcoach.postmortem.text import edit_form, from_document
from prepcoach.practice import store as ps
from prepcoach.store.db import Store

ANSWERS: dict[str, Any] = {
    "overall_rating": 4,
    "overall_sentence": "Friendly and focused.",
    "people": [{"name": "Tom Lee", "title": "Engineering lead"}],
    "questions": [{"id": "disagreed-with-manager", "rating": 2, "said": "Rambled."}],
    "went_well": ["The intro landed"],
    "went_badly": ["Rambled on the conflict question"],
    "concerns": [{"text": "asked twice about stakeholders", "competencies": ["communication"]}],
    "topics": ["their move to self-serve analytics"],
    "next_steps": "The recruiter calls within a week.",
}


@pytest.fixture
def library() -> ContentLibrary:
    return load_library(content_files(builtin_content_dir(), None, []))


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


def _stored(library: ContentLibrary, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """The answers as `--answers FILE` gives them, read into their stored form."""
    template = library.get("postmortem_templates", "first-interview")
    text = yaml.safe_dump({**ANSWERS, **(changes or {})}, sort_keys=False)
    answers, problems = from_document(text, template, ParseContext(library, complete=True))
    assert problems == [] and answers is not None
    return answers


def _interview(store: Store, company: str, hours_ago: float) -> Interview:
    when = clock.now() - timedelta(hours=hours_ago)
    return store_iv.add_interview(
        store, Interview(company=company, stage="first", when=when, status="done")
    )


def test_candidates_are_the_past_interviews_without_a_finished_post_mortem(
    store: Store, library: ContentLibrary
) -> None:
    acme, globex = _interview(store, "Acme", 2), _interview(store, "Globex", 30)
    store_iv.add_interview(store, Interview(company="Later", when=clock.now() + timedelta(days=2)))
    template, existing = service.start(store, library, acme, resume=False, template_id=None)
    assert existing is None
    service.save_answers(store, acme, template, {"overall_rating": 3})
    found = service.candidates(store)
    assert [i.id for i in found.interviews] == [acme.id, globex.id]
    assert found.unfinished == {acme.id} and not found.any_finished
    assert service.resume_interview(store).id == acme.id
    done, after = service.finish(store, acme, template, _stored(library))
    assert done.done and [p.name for p in after.interviewers] == ["Tom Lee"]
    assert "disagreed-with-manager" in ps.weak_question_ids(store)
    found = service.candidates(store)
    assert [i.id for i in found.interviews] == [globex.id] and found.any_finished
    with pytest.raises(PrepError, match="already has a post-mortem"):
        service.start(store, library, acme, resume=False, template_id=None)


def test_find_takes_an_id_an_interview_or_the_latest(store: Store, library: ContentLibrary) -> None:
    with pytest.raises(NotFoundError, match="no post-mortems yet"):
        service.find(store, None)
    acme = _interview(store, "Acme", 2)
    template, _ = service.start(store, library, acme, resume=False, template_id=None)
    done, _ = service.finish(store, acme, template, _stored(library))
    assert service.find(store, None)[0].id == done.id
    assert service.find(store, done.id)[1].id == acme.id
    assert service.find(store, "acme")[0].id == done.id
    _interview(store, "Globex", 3)
    with pytest.raises(NotFoundError, match="Globex, first round has no post-mortem yet"):
        service.find(store, "globex")
    listed = service.listing(store)
    assert [(p.id, i.id if i else None) for p, i in listed] == [(done.id, acme.id)]
    assert service.listing(store, "draft") == []
    plan = service.plan(store, library, done, acme)
    assert list(plan.weak_question_ids) == ["disagreed-with-manager"]


def test_an_edit_keeps_a_finished_one_finished_and_flags_what_became_weak(
    store: Store, library: ContentLibrary
) -> None:
    acme = _interview(store, "Acme", 2)
    template, _ = service.start(store, library, acme, resume=False, template_id=None)
    done, acme = service.finish(store, acme, template, _stored(library))
    form = edit_form(library, done)
    unchanged, problems = form.check(form.body, 0)
    assert problems == [] and unchanged is not None
    assert unchanged["questions"] == done.answers["questions"]
    body = form.body.replace("rating: 2", "rating: 1").replace("disagreed-with-manager", "why-us")
    answers, problems = form.check(body, 0)
    assert problems == [] and answers is not None
    saved = service.save_edit(store, done, acme, form.template, answers)
    assert saved.done and {q.question_id for q in saved.questions if q.weak} >= {"why-us"}
    assert "why-us" in ps.weak_question_ids(store)
    with pytest.raises(PrepError, match="changed by another prep"):
        service.save_edit(store, done, acme, form.template, answers)  # stale: refused


def test_an_interview_without_a_date_gets_one(store: Store) -> None:
    undated = store_iv.add_interview(store, Interview(company="Acme", status="done"))
    when = datetime(2030, 1, 2, 9, 30, tzinfo=UTC)
    assert service.date_interview(store, undated, when).when == when
