"""The research use cases without a terminal: which company, items, the editor, removal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kit import research_service as service
from prepcoach.kit.research import Dossier
from prepcoach.store.db import Store


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with Store.open(home) as opened:
        yield opened


def test_the_company_is_the_interview_s_or_as_typed(store: Store) -> None:
    with pytest.raises(NotFoundError, match="name the company"):
        service.company(store, None)
    store_iv.add_interview(store, Interview(company="Initech Corp.", stage="second"))
    assert service.company(store, None) == "Initech Corp."
    assert service.company(store, "initech") == "Initech Corp."
    assert service.company(store, "  Globex  ") == "Globex"
    with pytest.raises(PrepError):
        service.company(store, "\x1b[31m")


def test_items_are_saved_one_at_a_time_and_checked(store: Store) -> None:
    assert service.item_problem("x" * 3_000) is not None
    assert service.sources_problem("https://a.example/x https://b.example") is None
    assert service.sources_problem("https://bad example.com/ ; ok") is not None
    assert service.asks_how("challenges") and not service.asks_how("news")
    dossier = service.dossier(store, "Globex")
    assert dossier.id == "" and service.existing(store, "Globex") is None
    dossier = service.add_item(store, dossier, "news", " Opened a plant ", "https://n.example", "")
    dossier = service.add_item(store, dossier, "challenges", "Churn", "", " I cut churn ")
    assert dossier.id and service.find(store, "globex").items("news")[0].text == "Opened a plant"
    assert dossier.items("challenges")[0].how_i_help == "I cut churn"
    assert not service.status(dossier).done
    assert [d.company for d in service.list_dossiers(store)] == ["Globex"]


def test_the_editor_round_trip_and_removal(store: Store) -> None:
    saved = service.add_item(store, Dossier(company="Globex"), "news", "A", "", "")
    assert service.record_id(Dossier(company="Big Co!")) == "new-big-co"
    assert service.record_id(saved) == saved.id
    text = service.to_yaml(saved).replace("- text: A", "- text: B")
    edited, problems = service.check_edit(saved, text, 0)
    assert problems == [] and edited is not None
    assert service.save_edit(store, saved, edited).items("news")[0].text == "B"
    assert service.check_edit(saved, "mision: []\n", 3)[0] is None
    with pytest.raises(NotFoundError, match="no research on Acme yet"):
        store_iv.add_interview(store, Interview(company="Acme", stage="second"))
        service.find(store, None)
    gone = service.removal(store, "globex")
    service.delete(store, gone)
    assert service.list_dossiers(store) == []
