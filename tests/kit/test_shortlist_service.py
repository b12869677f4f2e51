"""The `prep ask` use cases without a terminal: picking while browsing, notes, saving."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from judge_data import builtin_library
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kit import shortlist_service as service
from prepcoach.kit.shortlist import ShortlistEntry
from prepcoach.store.db import Store


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with Store.open(home) as opened:
        yield opened


def test_browsing_needs_no_interview_but_picking_does(store: Store) -> None:
    assert service.shortlist(store, None, browsing=True) == service.Shortlist(None, [])
    with pytest.raises(NotFoundError):
        service.shortlist(store, None)
    with pytest.raises(NotFoundError):
        service.shortlist(store, "acme", browsing=True)


def test_notes_come_from_the_options_else_from_the_saved_list() -> None:
    saved = [ShortlistEntry("a", 1, "old a"), ShortlistEntry("b", 2)]
    assert [(p.ask_question_id, p.note) for p in service.picks(["b", "a", "c"], {"c": "new"})] == [
        ("b", ""),
        ("a", ""),
        ("c", "new"),
    ]
    assert [p.note for p in service.picks(["a", "b"], {"b": "nb"}, saved)] == ["old a", "nb"]
    assert [p.note for p in service.renoted(saved, {"a": "fresh"})] == ["fresh", ""]


def test_ticking_a_category_replaces_its_picks_and_keeps_the_order(store: Store) -> None:
    library = builtin_library()
    interview = Interview(company="Acme", stage="second", id="iv-x")
    picker = service.Picker(library, interview, [])
    first, second = list(picker.groups)[:2]
    one = [q.id for q in picker.groups[first]][:2]
    other = [q.id for q in picker.groups[second]][:2]
    picker.tick(first, one)
    picker.tick(second, other)
    assert picker.picked == one + other and picker.ready
    picker.tick(first, one[1:])
    assert picker.picked == one[1:] + other and picker.picked_in(first) == one[1:]
    picker.tick(second, [])
    assert picker.picked == one[1:] and not picker.ready
    assert picker.text("no-such-question") == "no-such-question"


def test_saving_checks_the_picks(store: Store) -> None:
    library = builtin_library()
    interview = store_iv.add_interview(store, Interview(company="Acme", stage="second"))
    ids = list(library.ask_questions)[:3]
    asked: list[str] = []
    saved = service.save(
        store, library, interview, service.picks(ids, {}), lambda a: asked.append(a.note) or True
    )
    assert [e.ask_question_id for e in saved.entries] == ids and asked == []
    assert service.shortlist(store, "acme").entries == saved.entries
    with pytest.raises(PrepError):
        service.save(store, library, interview, service.picks(ids[:1], {}), lambda a: True)
