"""The profile use cases without a terminal: `set` changes some fields, `edit` all of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from judge_data import builtin_library
from prepcoach.kernel.errors import PrepError
from prepcoach.profile import service
from prepcoach.store.db import Store


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with Store.open(home) as opened:
        yield opened


def test_set_changes_only_the_fields_given(store: Store) -> None:
    with pytest.raises(PrepError, match="nothing to change"):
        service.change(store, None, service.ProfileChanges())
    service.change(store, None, service.ProfileChanges(name="Ada", links=("https://a.example",)))
    saved = service.change(
        store, None, service.ProfileChanges(email="ada@example.com", links=("https://b.example",))
    )
    assert (saved.name, saved.email) == ("Ada", "ada@example.com")
    assert saved.links == ("https://a.example", "https://b.example")
    cleared = service.change(store, None, service.ProfileChanges(clear_links=True))
    assert cleared.links == () and service.current(store).name == "Ada"


def test_a_role_is_read_as_a_role_pack_and_empty_clears_it(store: Store) -> None:
    library = builtin_library()
    title = next(iter(library.roles.values())).name
    saved = service.change(store, library, service.ProfileChanges(role=title))
    assert saved.target_role in library.roles
    assert service.change(store, library, service.ProfileChanges(role="")).target_role == ""


def test_edit_asks_every_field_with_the_saved_value_and_checks_them(store: Store) -> None:
    service.change(store, None, service.ProfileChanges(name="Ada", phone="+44 1"))
    fields = service.fields(service.current(store))
    assert [f.key for f in fields] == [
        "profile.name",
        "profile.email",
        "profile.phone",
        "profile.links",
        "profile.signature",
    ]
    assert fields[0].default == "Ada" and fields[-1].multiline
    email = fields[1].validate
    assert email is not None and email("not an email") is not None and email("") is None
    answers = {f.key: f.default for f in fields} | {"profile.links": "https://a.example  x.y"}
    saved = service.save_answers(store, answers)
    assert saved.links == ("https://a.example", "x.y") and saved.phone == "+44 1"
    with pytest.raises(PrepError):
        service.save_answers(store, answers | {"profile.email": "nope"})
