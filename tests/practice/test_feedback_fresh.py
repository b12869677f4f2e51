"""The fresh feedback set is well formed, agrees with the bank and stays apart from the corpus."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from prepcoach.content.library import content_files, load_library
from prepcoach.kernel import paths

DATA = Path(__file__).parents[1] / "data"


def _load(folder: Path) -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = []
    for path in sorted(folder.glob("answers-*.yaml")):
        answers.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"])
    return answers


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def fresh() -> list[dict[str, Any]]:
    return _load(DATA / "feedback-fresh")


def test_fresh_answers_use_questions_the_corpus_does_not(fresh: list[dict[str, Any]]) -> None:
    corpus = {a["question"] for a in _load(DATA / "feedback")}
    assert len(fresh) >= 50
    assert {a["question"] for a in fresh} & corpus == set()
    assert len({a["id"] for a in fresh}) == len(fresh)
    assert {a["half"] for a in fresh} == {"check"}


def test_fresh_labels_follow_the_guide(fresh: list[dict[str, Any]]) -> None:
    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    for answer in fresh:
        question = library.questions[answer["question"]]
        label = answer["label"]
        wording = [getattr(look_for, "label", look_for) for look_for in question.look_fors]
        assert list(label["look_fors"]) == wording, answer["id"]
        text = _flat(answer.get("text") or " ".join(answer["parts"].values()))
        evidence = label.get("evidence") or {}
        assert set(evidence) == {k for k, v in label["look_fors"].items() if v}, answer["id"]
        for span in evidence.values():
            assert _flat(span) in text, (answer["id"], span)
        score, on_topic = label["score"], label["on_topic"]
        band = (
            "off-topic"
            if not on_topic
            else "strong"
            if score >= 75
            else "middling"
            if score >= 55
            else "weak"
        )
        assert label["band"] == band, answer["id"]
