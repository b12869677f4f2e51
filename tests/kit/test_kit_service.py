"""The kit use cases without a terminal: the dashboard, the prep sheet and the flashcards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from judge_data import builtin_library
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kit import service
from prepcoach.store.db import Store


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with Store.open(home) as opened:
        yield opened


def test_no_interview_is_a_welcome_and_a_named_one_must_exist(store: Store) -> None:
    assert service.next_interview(store, None) is None
    with pytest.raises(NotFoundError):
        service.next_interview(store, "acme")
    view = service.welcome_view(store)
    assert (view.due, view.past) == (0, 0) and view.action.text


def test_the_dashboard_assesses_the_kit(store: Store) -> None:
    saved = store_iv.add_interview(store, Interview(company="Acme", stage="second"))
    interview = service.next_interview(store, None)
    assert interview is not None and interview.id == saved.id
    shown = service.dashboard(store, builtin_library(), interview)
    assert shown.kit.interview.id == saved.id
    assert 0 <= shown.readiness.done < shown.readiness.total


def test_a_sheet_is_marked_so_it_can_be_written_over(store: Store, tmp_path: Path) -> None:
    store_iv.add_interview(store, Interview(company="Acme", stage="second"))
    assert service.sheet_format(None, tmp_path / "s.HTML") == "html"
    assert service.sheet_format(None, None) == "markdown"
    made = service.sheet(store, builtin_library(), "acme", "markdown")
    assert made.text.startswith(service.MARK_MARKDOWN) and "Acme" in made.body
    out = tmp_path / "sheet.md"
    service.write_sheet(made, out, force=False)
    assert service.is_sheet(out)
    service.write_sheet(made, out, force=False)  # an earlier sheet: replaced without --force
    other = tmp_path / "notes.md"
    other.write_text("mine\n", encoding="utf-8")
    assert not service.is_sheet(other)
    with pytest.raises(PrepError):
        service.write_sheet(made, other, force=False)


def test_cards_need_something_to_ask(store: Store) -> None:
    library = builtin_library()
    with pytest.raises(PrepError, match="no questions to make cards of yet"):
        service.deck(store, library, every=False)
    every = service.deck(store, library, every=True)
    assert len(every.cards) == len(library.questions)
    assert every.summary == f"{len(every.cards)} cards, 0 with your best answer"
    store_iv.add_interview(store, Interview(company="Acme", stage="second"))
    assert service.deck(store, library, every=False).cards


def test_the_sheet_formats_checked_are_the_ones_the_sheet_writes() -> None:
    from prepcoach.kit import sheet

    assert tuple(service.FORMATS) == tuple(sheet.FORMATS)
