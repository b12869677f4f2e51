"""`prep profile --locale`, and what it changes in `prep salary`, `prep sheet`, `prep
checklist` and practice feedback, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.helpers import run_prep


def _flat(text: str) -> str:
    return " ".join(text.split())


def _interview() -> None:
    result = run_prep(
        "interview", "add", "--company", "Initech", "--role", "Data analyst",
        "--when", "2031-03-02 10:00", "--stage", "second",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_the_profile_keeps_a_locale(home: Path) -> None:
    result = run_prep("profile", "set", "--locale", "Germany")
    assert result.exit_code == 0, result.output
    assert "locale de-DE (Germany)" in _flat(result.stdout)
    assert json.loads(run_prep("profile", "--json").stdout)["locale"] == "de-de"
    result = run_prep("profile", "set", "--locale", "Narnia")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no locale 'Narnia'; known: de-AT (Austria), ")
    assert result.stderr.count("\n") == 1
    assert json.loads(run_prep("profile", "--json").stdout)["locale"] == "de-de"
    cleared = run_prep("profile", "set", "--locale", "")
    assert cleared.exit_code == 0
    assert "prep profile set --locale en-GB" in _flat(cleared.stdout)


def test_salary_states_one_gross_figure_in_germany(home: Path) -> None:
    _interview()
    run_prep("profile", "set", "--locale", "de-DE")
    result = run_prep(
        "salary", "--min", "60k", "--target", "66k", "--max", "72k", "--currency", "EUR",
        "--source", "https://www.stepstone.de/gehalt",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert "name €69,000 gross a year, never your minimum" in out
    assert "my salary expectation is €69,000 gross a year." in out
    assert "How pay is talked about (Germany)" in out
    assert "Gehaltsvorstellung" in out and "Entgeltgruppe" in out
    assert "pay transparency directive" in out


def test_salary_says_ctc_and_asks_for_the_current_one_in_india(home: Path) -> None:
    _interview()
    run_prep("profile", "set", "--locale", "en-IN")
    result = run_prep(
        "salary", "--min", "16L", "--target", "18L", "--max", "21L", "--currency", "INR"
    )
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert "name ₹18,00,000 to ₹21,00,000 CTC a year" in out
    assert "My current CTC is [your current CTC, fixed plus variable]." in out
    assert "prep profile set --current-pay" in out
    assert "How pay is talked about (India)" in out
    shown = json.loads(run_prep("salary", "--json").stdout)
    assert shown["locale"] == "en-in"
    assert "What postings must show" in shown["advice"]


def test_without_a_locale_the_salary_answer_is_a_plain_range(home: Path) -> None:
    _interview()
    result = run_prep(
        "salary", "--min", "60k", "--target", "66k", "--max", "72k", "--currency", "GBP"
    )
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert "in the range of £66,000 to £72,000 a year." in out
    assert "How pay is talked about" not in out


def test_the_sheet_and_checklist_spell_the_document_the_local_way(home: Path) -> None:
    _interview()
    run_prep("profile", "set", "--locale", "en-US")
    sheet = run_prep("sheet").stdout
    assert "with this sheet and your resume at hand" in sheet
    assert "copies of your resume" in run_prep("checklist").stdout
    run_prep("profile", "set", "--locale", "en-GB")
    assert "with this sheet and your CV at hand" in run_prep("sheet").stdout
    assert "copies of your CV" in run_prep("checklist").stdout


def test_the_sheet_names_one_figure_in_germany(home: Path) -> None:
    _interview()
    run_prep("profile", "set", "--locale", "de-DE")
    run_prep("salary", "--min", "60k", "--target", "66k", "--max", "72k", "--currency", "EUR")
    assert "Say: €69,000 gross a year." in run_prep("sheet").stdout


def test_practice_feedback_accepts_one_figure_under_a_single_figure_locale(
    home: Path, tmp_path: Path
) -> None:
    _interview()
    answer = {
        "question": "salary-expectations",
        "style": "free",
        "text": "Based on my research into similar roles, I'm looking for 69,000 euros a year.",
        "rating": "good",
    }
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump({"answers": [answer]}), encoding="utf-8")

    def rules() -> set[str]:
        result = run_prep("practice", "--answers", str(path), "--json")
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)["answers"][0]["feedback"]["findings"]
        return {f["rule"] for f in found}

    assert "salary.single-number" in rules()
    run_prep("profile", "set", "--locale", "Germany")
    assert {"salary.single-figure"} <= rules() and "salary.single-number" not in rules()


def test_without_an_interview_feedback_follows_the_locale_too(home: Path, tmp_path: Path) -> None:
    answer = {
        "question": "salary-expectations",
        "style": "free",
        "text": "Based on my research into similar roles, I'm looking for 69,000 euros a year.",
        "rating": "good",
    }
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump({"answers": [answer]}), encoding="utf-8")
    run_prep("profile", "set", "--locale", "de-DE")
    result = run_prep("practice", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["answers"][0]["feedback"]["findings"]
    assert "salary.single-figure" in {f["rule"] for f in found}


def test_the_current_ctc_from_the_profile_goes_into_the_answer(home: Path) -> None:
    _interview()
    result = run_prep("profile", "set", "--locale", "India", "--current-pay", "14 LPA, 12 fixed")
    assert result.exit_code == 0, result.output
    assert "current pay 14 LPA, 12 fixed (private)" in _flat(result.stdout)
    result = run_prep(
        "salary", "--min", "16L", "--target", "18L", "--max", "21L", "--currency", "INR"
    )
    out = _flat(result.stdout)
    assert "My current CTC is 14 LPA, 12 fixed. Based on my research" in out
    assert "prep profile set --current-pay" not in out
    redacted = run_prep("export", "--redact").stdout
    assert "14 LPA" not in redacted and '"current_pay": "## LPA, ## fixed"' in redacted


def test_practice_asks_in_the_locales_words(home: Path, tmp_path: Path) -> None:
    answer = {"question": "not-on-resume", "style": "free", "text": "I restore old bikes.",
              "rating": "good"}  # fmt: skip
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump({"answers": [answer]}), encoding="utf-8")

    def asked() -> str:
        result = run_prep("practice", "--answers", str(path), "--json")
        assert result.exit_code == 0, result.output
        return str(json.loads(result.stdout)["answers"][0]["question"])

    assert asked() == "What's something about you that isn't on your resume?"  # as written
    run_prep("profile", "set", "--locale", "en-GB")
    assert asked() == "What's something about you that isn't on your CV?"


def test_salary_notes_what_does_not_fit_the_locale(home: Path) -> None:
    _interview()
    run_prep("profile", "set", "--locale", "India")
    result = run_prep(
        "salary", "--min", "1.2L", "--target", "1.4L", "--max", "1.6L", "--currency", "USD",
        "--period", "month",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert "Note: pay in India is usually in INR, and this range is in USD" in out
    assert "Note: a CTC is quoted for a year: record the yearly figures (--period year)" in out
