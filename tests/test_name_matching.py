"""One company, one candidate: names match case-, accent- and legal-form-insensitively,
a shortened company name links the rounds, and --to finds "José" from "jose"."""

from __future__ import annotations

import json

import pytest

from prepcoach.interviews.core import Interviewer, canonical_company, find_interviewer
from prepcoach.kernel.errors import NotFoundError
from prepcoach.kernel.ids import fold_name, match_name, same_name
from tests.helpers import invoke


def test_fold_name() -> None:
    assert fold_name("José García") == "jose garcia"
    assert fold_name("ACME Corp.") == "acme"
    assert fold_name("Société Générale SA") == "societe generale"


@pytest.mark.parametrize(
    ("typed", "known", "expected"),
    [
        ("fjordline", ["Fjordline Freight", "Globex"], "Fjordline Freight"),
        ("FJORDLINE FREIGHT", ["Fjordline Freight"], "Fjordline Freight"),
        ("societe generale", ["Société Générale"], "Société Générale"),
        ("Acme Inc", ["ACME"], "ACME"),
        ("fjordlne freight", ["Fjordline Freight"], "Fjordline Freight"),  # a typo
        ("Initech", ["Fjordline Freight", "Globex"], None),
        ("acme", ["Acme Bank", "Acme Foods"], None),  # which one?
        ("", ["Globex"], None),
    ],
)
def test_match_name(typed: str, known: list[str], expected: str | None) -> None:
    assert match_name(typed, known) == expected


def test_same_name_needs_whole_words() -> None:
    assert same_name("fjordline", "Fjordline Freight")
    assert not same_name("fjord", "Fjordline Freight")
    assert canonical_company("globex", ["Fjordline Freight"]) == "globex"


def test_to_finds_accented_names() -> None:
    people = [Interviewer(name="José García", id="ir-1"), Interviewer(name="Ana Ruiz", id="ir-2")]
    assert find_interviewer(people, "jose").name == "José García"
    assert find_interviewer(people, "GARCIA").name == "José García"
    assert find_interviewer(people, "josé garcía").name == "José García"
    with pytest.raises(NotFoundError):
        find_interviewer(people, "maria")


def test_adding_a_round_links_to_the_earlier_company() -> None:
    first = invoke(
        "interview", "add", "--company", "Fjordline Freight", "--stage", "first",
        "--when", "2026-01-10", "--status", "done", "--json",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    second = invoke(
        "interview", "add", "--company", "fjordline", "--stage", "second",
        "--when", "2031-01-20", "--json",
    )  # fmt: skip
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["company"] == "Fjordline Freight"
    assert "the rounds are linked" in second.stderr
