"""The drafting use cases behind `prep followup` (`followup.service`) and the edit form
(`followup.editing`), without the CLI."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.followup import service
from prepcoach.followup.editing import NOTE_MARK, edit_text, parse_edit
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.kernel import clock
from prepcoach.kernel.paths import builtin_content_dir
from prepcoach.store.db import Store


@pytest.fixture
def library() -> ContentLibrary:
    return load_library(content_files(builtin_content_dir(), None, []))


@pytest.fixture
def panel(home: Path) -> tuple[Store, Interview]:
    store = Store.open(home)
    interview = store_iv.add_interview(
        store,
        Interview(
            company="Acme",
            role="Analyst",
            stage="first",
            when=clock.now() - timedelta(hours=3),
            status="done",
            interviewers=(Interviewer(name="Tom Lee"), Interviewer(name="Ana Ruiz")),
        ),
    )
    return store, interview


def test_a_run_starts_from_the_stage_template_and_fills_each_recipient(
    panel: tuple[Store, Interview], library: ContentLibrary
) -> None:
    store, interview = panel
    begun = service.start(store, library, interview, None)
    assert begun.template.id.startswith("thank-you") and begun.postmortem is None
    assert begun.origin and [p.name for p in begun.people] == ["Tom Lee", "Ana Ruiz"]
    values, sources = service.fill(
        store, library, interview, begun, begun.people, {"topic": "the data migration"}, clock.now()
    )
    assert [v["recipient_name"] for v in values] == ["Tom Lee", "Ana Ruiz"]
    assert all(v["topic"] == "the data migration" for v in values)
    assert sources.interview == interview and sources.postmortem is None
    drafts = service.render(begun, interview, values)
    assert [d.recipient.name for d in drafts] == ["Tom Lee", "Ana Ruiz"]
    assert all(d.interview_id == interview.id for d in drafts)


def test_checked_drafts_are_recorded_with_one_moment_and_are_not_sends(
    panel: tuple[Store, Interview], library: ContentLibrary
) -> None:
    store, interview = panel
    begun = service.start(store, library, interview, None)
    values, _ = service.fill(
        store, library, interview, begun, begun.people[:1], {"topic": "pricing"}, clock.now()
    )
    drafts = service.render(begun, interview, values)
    findings, records = service.check_and_record(
        store, interview, begun.template, drafts, clock.now()
    )
    assert len(records) == 1 and records[0].startswith("fu-")
    assert all(hasattr(f, "message") for f in findings)
    assert service.sends(store) == []
    sent = service.mark_sent(store, interview, None, None, clock.now())
    assert [r.id for r in sent.records] == records and sent.on_time


def test_the_edit_form_reads_back_what_was_changed(
    panel: tuple[Store, Interview], library: ContentLibrary
) -> None:
    store, interview = panel
    begun = service.start(store, library, interview, None)
    values, _ = service.fill(
        store, library, interview, begun, begun.people, {"topic": "pricing"}, clock.now()
    )
    drafts = service.render(begun, interview, values)
    text = edit_text(drafts)
    assert text.count(NOTE_MARK) == 2
    same, problems = parse_edit(text, drafts)
    assert problems == [] and same is not None
    assert [d.subject for d in same] == [d.subject for d in drafts]
    head, _, last = text.rpartition(f"Subject: {drafts[1].subject}")
    changed = f"{head}Subject: Thanks, Ana{last}"  # the second note's subject
    edited, _ = parse_edit(changed, drafts)
    assert edited is not None and [d.subject for d in edited][1] == "Thanks, Ana"
    assert edited[0].subject == drafts[0].subject
    one_note = text.split(NOTE_MARK)[0] + NOTE_MARK + text.split(NOTE_MARK)[1]
    assert parse_edit(one_note, drafts)[0] is None
    no_subject = text.replace(f"Subject: {drafts[0].subject}", "Hello", 1)
    assert parse_edit(no_subject, drafts)[1] == ["note 1: the first line should be 'Subject: ...'"]
