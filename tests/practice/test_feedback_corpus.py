"""The labelled feedback corpus is well formed and agrees with the question bank."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from prepcoach.content.library import content_files, load_library
from prepcoach.kernel import paths

CORPUS = Path(__file__).parents[1] / "data" / "feedback"
BANDS = ("strong", "middling", "weak", "off-topic")
FORMATS = ("text", "star", "notes", "transcript")
STAR_PARTS = ("situation", "task", "action", "result")


def _answers() -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("answers-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        answers.extend(data["answers"])
    return answers


def _look_for_label(look_for: object) -> str:
    """A look-for is a plain string or an object whose label is its wording."""
    return look_for if isinstance(look_for, str) else str(getattr(look_for, "label", look_for))


@pytest.fixture(scope="module")
def answers() -> list[dict[str, Any]]:
    return _answers()


@pytest.fixture(scope="module")
def bank() -> dict[str, Any]:
    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    return dict(library.questions)


def _answer_text(answer: dict[str, Any]) -> str:
    if answer["format"] == "star":
        return " ".join(str(v) for v in answer["parts"].values())
    return str(answer["text"])


def _band_for(score: int, on_topic: bool) -> str:
    if not on_topic:
        return "off-topic"
    return "strong" if score >= 75 else "middling" if score >= 55 else "weak"


def test_corpus_size_ids_and_question_spread(answers: list[dict[str, Any]]) -> None:
    ids = [a["id"] for a in answers]
    assert len(answers) >= 160
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert len({a["question"] for a in answers}) >= 40


def test_every_answer_is_well_formed(answers: list[dict[str, Any]]) -> None:
    for answer in answers:
        where = answer["id"]
        assert answer["half"] in ("tune", "check"), where
        assert answer["format"] in FORMATS, where
        if answer["format"] == "star":
            assert set(STAR_PARTS) <= set(answer["parts"]), where
            assert "text" not in answer, where
        else:
            assert str(answer["text"]).strip(), where
            assert "parts" not in answer, where
        label = answer["label"]
        assert isinstance(label["score"], int) and 0 <= label["score"] <= 100, where
        assert label["band"] in BANDS, where
        assert isinstance(label["on_topic"], bool), where
        assert isinstance(label["ownership"], bool), where
        assert set(label["result"]) == {"present", "quantified"}, where
        assert label["result"]["present"] or not label["result"]["quantified"], where
        assert str(label["note"]).strip(), where


def test_bands_agree_with_scores(answers: list[dict[str, Any]]) -> None:
    for answer in answers:
        label = answer["label"]
        assert label["band"] == _band_for(label["score"], label["on_topic"]), answer["id"]
        if not label["on_topic"]:
            assert label["score"] <= 35, answer["id"]


def test_questions_exist_and_look_fors_match_the_bank(
    answers: list[dict[str, Any]], bank: dict[str, Any]
) -> None:
    for answer in answers:
        where = answer["id"]
        assert answer["question"] in bank, where
        question = bank[answer["question"]]
        wanted = [_look_for_label(lf) for lf in question.look_fors]
        labelled = answer["label"]["look_fors"]
        assert list(labelled) == wanted, where
        assert all(isinstance(v, bool) for v in labelled.values()), where
        has_star = "star" in answer["label"]
        assert has_star == (question.answer_format == "star"), where
        if has_star:
            assert list(answer["label"]["star"]) == list(STAR_PARTS), where


def test_evidence_quotes_the_answer_for_every_covered_look_for(
    answers: list[dict[str, Any]],
) -> None:
    for answer in answers:
        where = answer["id"]
        label = answer["label"]
        covered = [lf for lf, ok in label["look_fors"].items() if ok]
        evidence = label.get("evidence") or {}
        assert sorted(evidence) == sorted(covered), where
        text = _answer_text(answer)
        for look_for, span in evidence.items():
            assert span and span in text, f"{where}: {look_for}: {span!r}"


def test_halves_are_balanced(answers: list[dict[str, Any]]) -> None:
    halves = Counter(a["half"] for a in answers)
    share = halves["tune"] / len(answers)
    assert 0.45 <= share <= 0.55, halves
    for band in BANDS:
        in_band = [a for a in answers if a["label"]["band"] == band]
        tune = sum(a["half"] == "tune" for a in in_band)
        assert abs(tune - (len(in_band) - tune)) <= max(2, len(in_band) // 10), band


def test_every_format_category_and_check_is_used(
    answers: list[dict[str, Any]], bank: dict[str, Any]
) -> None:
    used = [bank[a["question"]] for a in answers]
    all_questions = list(bank.values())
    assert {a["format"] for a in answers} == set(FORMATS)
    assert {q.answer_format for q in used} == {q.answer_format for q in all_questions}
    assert {q.category for q in used} == {q.category for q in all_questions}
    assert {c for q in used for c in q.checks} == {c for q in all_questions for c in q.checks}
