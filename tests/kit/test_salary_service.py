"""The salary use cases without a terminal: options over the recorded range, typed figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel.errors import PrepError
from prepcoach.kit import salary_service as service
from prepcoach.kit.salary import SalaryRange
from prepcoach.store.db import Store


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    with Store.open(home) as opened:
        yield opened


def test_options_fill_in_from_the_recorded_range(store: Store) -> None:
    interview = store_iv.add_interview(store, Interview(company="Acme", stage="second"))
    assert service.recorded(store, "acme").salary is None
    with pytest.raises(PrepError, match="give --target, --max too"):
        service.from_options(None, service.SalaryOptions(minimum="80k"))
    first = service.from_options(
        None, service.SalaryOptions(minimum="€80k", target="90k", maximum="100k")
    )
    assert (first.currency, first.period) == ("EUR", "year")
    saved = service.save(store, interview, first)
    assert saved.interview_id == interview.id and saved.company == "Acme"
    again = service.from_options(saved, service.SalaryOptions(target="95k"))
    assert (again.minimum, again.target, again.currency) == (80_000, 95_000, "EUR")
    assert service.recorded(store, None).salary == saved
    assert not service.SalaryOptions().given and service.SalaryOptions(notes="").given


def test_the_currency_comes_from_one_place_and_must_agree() -> None:
    assert service.currency_for("usd", {"USD"}, None) == "USD"
    with pytest.raises(PrepError, match="but --currency says GBP"):
        service.currency_for("GBP", {"EUR"}, None)
    with pytest.raises(PrepError, match="mix currencies"):
        service.currency_for(None, {"EUR", "USD"}, None)
    with pytest.raises(PrepError, match="give --currency"):
        service.currency_for(None, set(), None)
    assert service.currency_problem("euros") is not None and service.currency_problem("€") is None


def test_typed_figures_are_checked_against_the_ones_before() -> None:
    recorded = SalaryRange(80_000, 90_000, 100_000, "EUR", sources=("a", "b"), notes="bonus")
    answers = service.SalaryAnswers(recorded)
    assert [answers.default(n) for n in ("minimum", "period", "sources", "notes")] == [
        "80000",
        "year",
        "a ; b",
        "bonus",
    ]
    answers.take("minimum", "€85k")
    assert answers.check("target")("80k") == "the target cannot be below the minimum (85,000)"
    assert "this one USD" in (answers.check("target")("$90k") or "")
    assert answers.check("target")("nonsense") is not None
    answers.take("target", "90k")
    answers.take("maximum", "99k")
    assert answers.currency() == "EUR"
    built = answers.build(currency="EUR", period="year", sources="https://a https://b", notes="")
    assert built.sources == ("https://a", "https://b") and built.maximum == 99_000
    assert service.SalaryAnswers(None).currency() == ""
    assert service.SalaryAnswers(None).default("period") == "year"
