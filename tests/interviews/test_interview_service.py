"""The interview use cases without a terminal: adding, listing, editing and deleting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from prepcoach.interviews import service
from prepcoach.interviews.core import Interview, InterviewChanges
from prepcoach.kernel.errors import PrepError
from prepcoach.store.db import Store


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with Store.open(home) as opened:
        yield opened


def test_a_later_round_takes_the_earlier_spelling_of_the_company(store: Store) -> None:
    first = service.add(store, Interview(company="Initech Corp.", stage="first"))
    assert first.linked is None
    second = service.add(store, Interview(company="initech", stage="second"))
    assert second.linked == "Initech Corp." and second.interview.company == "Initech Corp."
    known = service.known(store)
    assert known.companies == ["Initech Corp."] and len(known.interviews) == 2
    assert service.next_stage(known.interviews, "initech") == "final"
    assert service.next_stage(known.interviews, "Globex") == "first"


def test_the_current_one_is_marked_only_when_something_is_listed(store: Store) -> None:
    assert service.list_interviews(store) == service.InterviewList([], None)
    service.add(store, Interview(company="Acme", stage="first"))
    listing = service.list_interviews(store)
    assert listing.current is not None and listing.current.company == "Acme"
    assert service.list_interviews(store, "done").interviews == []


def test_typed_dates_and_postings() -> None:
    assert service.when_problem("") is None
    assert service.when_problem("the day after never") is not None
    assert service.when_input(Interview(company="A")) == ""
    assert service.when_input(Interview(company="A", when=date(2025, 3, 14))) == "2025-03-14"
    moment = datetime(2025, 3, 14, 13, 30, tzinfo=UTC)
    assert service.when_input(Interview(company="A", when=moment)).startswith("2025-03-14 ")
    assert service.posting_fields(" https://jobs.example/1 ") == ("https://jobs.example/1", None)
    assert service.posting_fields("pasted text") == (None, "pasted text")


def test_edit_and_removal(store: Store) -> None:
    saved = service.add(store, Interview(company="Acme Corp", stage="first")).interview
    updated = service.update(store, saved, InterviewChanges(status="done"))
    assert updated.status == "done" and service.find(store, "acme").id == saved.id
    assert service.show(store, saved.id).interview == updated
    with pytest.raises(PrepError, match="with --yes, name it by id"):
        service.removal(store, "acme", unasked=True)
    gone = service.removal(store, "Acme Corp", unasked=True)
    service.delete(store, gone.interview)
    assert service.list_interviews(store).interviews == []
