"""Local conventions: a locale from what the user types, the spelling of built-in text, and
the salary rules (range or one figure, gross or CTC, bands, transparency)."""

from __future__ import annotations

import pytest

from prepcoach.content.locales import find_locale, spell, tag
from prepcoach.kernel.errors import PrepError
from prepcoach.kit import salary
from prepcoach.practice.feedback import Answer, FeedbackContext, analyse
from tests.judge_data import builtin_library


def _locale(name: str):  # type: ignore[no-untyped-def]
    return find_locale(name, builtin_library().locales)


@pytest.mark.parametrize(
    ("typed", "locale_id"),
    [
        ("en-GB", "en-gb"),
        ("en_gb", "en-gb"),
        ("UK", "en-gb"),
        ("United Kingdom", "en-gb"),
        ("Germany", "de-de"),
        ("Deutschland", "de-de"),
        ("DE", "de-de"),
        ("india", "en-in"),
        ("Österreich", "de-at"),
        ("USA", "en-us"),
    ],
)
def test_a_locale_is_found_by_id_code_or_country(typed: str, locale_id: str) -> None:
    assert _locale(typed).id == locale_id


def test_an_unknown_locale_is_one_clear_error() -> None:
    with pytest.raises(PrepError, match=r"no locale 'Atlantis'; known: de-AT \(Austria\)"):
        _locale("Atlantis")


def test_every_built_in_locale_names_its_document_and_salary_rules() -> None:
    locales = builtin_library().locales
    assert {"en-us", "en-gb", "en-in", "en-au", "de-de"} <= set(locales)
    for locale in locales.values():
        assert locale.cv_word in {"CV", "resume"}, locale.id
        assert locale.salary_advice and locale.pay_transparency and locale.public_sector
    assert {lid for lid, loc in locales.items() if loc.cv_word == "resume"} == {"en-us", "en-ca"}
    assert tag(locales["en-gb"]) == "en-GB"


def test_spelling_follows_the_locale_and_leaves_the_verb_alone() -> None:
    us, gb = _locale("en-US"), _locale("en-GB")
    assert spell("Bring two copies of your CV.", us) == "Bring two copies of your resume."
    assert spell("CVs first. CV ready?", us) == "Resumes first. Resume ready?"
    assert spell("What isn't on your resume?", gb) == "What isn't on your CV?"
    assert spell("Explain résumé gaps.", gb) == "Explain CV gaps."
    assert spell("Resume the session later.", gb) == "Resume the session later."
    assert spell("Your résumé matters.", us) == "Your resume matters."
    assert spell("On your CV.", None) == "On your CV."


def _range(currency: str = "EUR") -> salary.SalaryRange:
    return salary.SalaryRange(80_000, 88_000, 95_000, currency, sources=("https://stepstone.de",))


def test_one_figure_where_that_is_the_custom() -> None:
    germany = _locale("de-DE")
    assert salary.answer_figure(germany) == "single"
    assert salary.single_figure(_range()) == 92_000  # halfway to the maximum, rounded up
    assert salary.spoken_band(_range(), germany) == "€92,000 gross a year"
    answer = salary.practised_answer(_range(), role="Data analyst", locale=germany)
    assert "my salary expectation is €92,000 gross a year." in answer
    assert "range" not in answer and "€88,000" not in answer


def test_a_range_elsewhere_and_nothing_changes_without_a_locale() -> None:
    assert salary.answer_figure(None) == "range"
    assert salary.spoken_band(_range()) == "€88,000 to €95,000 a year"
    us = _locale("en-US")
    assert salary.spoken_band(_range("USD"), us) == "$88,000 to $95,000 base a year"
    answer = salary.practised_answer(_range(), role="Data analyst")
    assert "similar data analyst roles, from stepstone.de, and on the experience" in answer


def test_india_says_ctc_in_lakhs_and_has_the_current_ctc_ready() -> None:
    india = _locale("India")
    ctc = salary.SalaryRange(1_600_000, 1_800_000, 2_100_000, "INR")
    assert salary.spoken_band(ctc, india) == "₹18,00,000 to ₹21,00,000 CTC a year"
    answer = salary.practised_answer(ctc, locale=india)
    assert answer.startswith("My current CTC is [your current CTC, fixed plus variable]. ")
    headings = [a.heading for a in salary.advice(india)]
    assert headings == [
        "How pay is talked about (India)",
        "What postings must show",
        "Public-sector posts",
    ]
    assert any("current CTC" in line for a in salary.advice(india) for line in a.lines)
    assert salary.advice(None) == []


@pytest.mark.parametrize(
    ("text", "amount"),
    [("₹18,00,000", 1_800_000), ("18 LPA", 1_800_000), ("18L", 1_800_000), ("1.2 crore", 12e6)],
)
def test_indian_amounts_are_read(text: str, amount: float) -> None:
    assert salary.parse_amount(text)[0] == amount


def test_indian_amounts_are_grouped_in_lakhs() -> None:
    assert salary.money(12_345_678.5, "INR") == "₹1,23,45,678.50"
    assert salary.money(950, "INR") == "₹950"
    assert salary.money(1_800_000, "EUR") == "€1,800,000"


def _salary_rules(figure: str) -> set[str]:
    question = builtin_library().question("salary-expectations")
    answer = Answer.from_text(
        "Based on my research into similar roles, I'm looking for 92,000 euros a year."
    )
    context = FeedbackContext(salary_figure=figure)
    return {f.rule for f in analyse(question, answer, None, context).findings}


def test_feedback_accepts_one_figure_where_the_locale_expects_one() -> None:
    assert "salary.single-number" in _salary_rules("range")
    single = _salary_rules(salary.answer_figure(_locale("de-DE")))
    assert "salary.single-figure" in single and "salary.single-number" not in single


def test_the_library_in_a_locales_words_keeps_ids_and_the_rest() -> None:
    from prepcoach.content.locales import localized

    library = builtin_library()
    assert localized(library, None) is library
    british = localized(library, _locale("en-GB"))
    question = british.question("not-on-resume")
    assert question.text == "What's something about you that isn't on your CV?"
    assert question.id == "not-on-resume" and "CV" in question.assesses
    assert library.question("not-on-resume").text.endswith("your resume?")  # not changed
    assert british.competencies is library.competencies
    american = localized(library, _locale("en-US"))
    items = [i.text for c in american.checklists.values() for i in c.items]
    assert any("copies of your resume" in text for text in items)


def test_a_range_that_does_not_fit_the_locale_is_noted() -> None:
    india = _locale("en-IN")
    fits = salary.SalaryRange(1_600_000, 1_800_000, 2_100_000, "INR")
    assert salary.locale_problems(fits, india) == []
    assert salary.locale_problems(fits, None) == []
    monthly = salary.SalaryRange(90_000, 100_000, 120_000, "USD", period="month")
    assert len(salary.locale_problems(monthly, india)) == 2
