"""The labelled corpora that the product's judgements are tuned and measured on are well formed.

Each corpus under `tests/data/` (concerns, roles, search, import, postings) has a README with
its format and labelling rule. These tests hold the format: unique ids, ids that exist in the
content, a `tune` and a `check` half of the same size and mix, and a minimum
size. They say nothing about how well any judgement does on the corpora.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from prepcoach.content.model import ASK_CATEGORIES, CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parents[1] / "data"
CONTENT = ROOT / "content"

HALVES = {"tune", "check"}

QUESTION_CATEGORIES = set(CATEGORIES)
ASK_CATEGORY_IDS = set(ASK_CATEGORIES)


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _ids_in(pattern: str, key: str) -> set[str]:
    found: set[str] = set()
    for path in sorted(CONTENT.glob(pattern)):
        for item in (_load(path) or {}).get(key) or []:
            found.add(item["id"])
    return found


COMPETENCIES = _ids_in("**/*.yaml", "competencies")
ROLES = _ids_in("**/*.yaml", "roles")
QUESTIONS = _ids_in("questions/*.yaml", "questions")


def _assert_halves(items: list[dict[str, Any]], what: str) -> None:
    counts = Counter(item["half"] for item in items)
    assert set(counts) <= HALVES, f"{what}: unknown half in {sorted(counts)}"
    assert abs(counts["tune"] - counts["check"]) <= 1, f"{what}: halves {dict(counts)}"


def _assert_unique_ids(items: list[dict[str, Any]], what: str) -> None:
    repeated = [i for i, n in Counter(item["id"] for item in items).items() if n > 1]
    assert not repeated, f"{what}: repeated ids {repeated}"


def _assert_skills(skills: object, where: str) -> None:
    assert isinstance(skills, list), where
    for skill in skills:
        assert isinstance(skill, str) and skill == skill.strip().lower() and skill, (where, skill)
    assert len(set(skills)) == len(skills), f"{where}: repeated skill"


def _assert_competencies(ids: object, where: str) -> None:
    assert isinstance(ids, list), where
    unknown = [c for c in ids if c not in COMPETENCIES]
    assert not unknown, f"{where}: unknown competencies {unknown}"
    assert len(set(ids)) == len(ids), f"{where}: repeated competency"


def test_the_content_ids_the_corpora_rely_on_are_found() -> None:
    assert {"teamwork", "conflict", "developing-others"} <= COMPETENCIES
    assert {"sales", "data-analytics"} <= ROLES
    assert {"tell-me-about-yourself", "tedious-work"} <= QUESTIONS


# Concerns -------------------------------------------------------------------------------------

CONCERNS: list[dict[str, Any]] = _load(DATA / "concerns" / "concerns.yaml")["concerns"]


def test_concerns_are_well_formed() -> None:
    assert len(CONCERNS) >= 70
    _assert_unique_ids(CONCERNS, "concerns")
    _assert_halves(CONCERNS, "concerns")
    for item in CONCERNS:
        where = f"concern {item['id']}"
        assert set(item) == {"id", "half", "text", "competencies", "skills", "confident"}, where
        assert isinstance(item["text"], str) and item["text"].strip(), where
        _assert_competencies(item["competencies"], where)
        _assert_skills(item["skills"], where)
        assert isinstance(item["confident"], bool), where
        if not item["competencies"]:
            assert item["confident"] is False, f"{where}: confident with no competency"


def test_concern_texts_are_distinct() -> None:
    texts = Counter(item["text"].strip().lower() for item in CONCERNS)
    assert [t for t, n in texts.items() if n > 1] == []


@pytest.mark.parametrize("half", sorted(HALVES))
def test_each_concern_half_holds_the_whole_mix(half: str) -> None:
    items = [item for item in CONCERNS if item["half"] == half]
    confident = sum(item["confident"] for item in items)
    assert 0.3 <= confident / len(items) <= 0.7
    assert sum(not item["competencies"] for item in items) >= 8, "too few with no competency"
    assert sum(bool(item["skills"]) for item in items) >= 5, "too few naming a skill"
    assert sum(len(item["text"].split()) >= 20 for item in items) >= 1, "no long note"
    assert sum(len(item["text"].split()) <= 3 for item in items) >= 2, "too few terse notes"


# Roles ----------------------------------------------------------------------------------------

ROLE_TITLES: list[dict[str, Any]] = _load(DATA / "roles" / "roles.yaml")["roles"]


def test_role_titles_are_well_formed() -> None:
    assert len(ROLE_TITLES) >= 80
    _assert_unique_ids(ROLE_TITLES, "roles")
    _assert_halves(ROLE_TITLES, "roles")
    titles = Counter(item["title"].strip().lower() for item in ROLE_TITLES)
    assert [t for t, n in titles.items() if n > 1] == []
    for item in ROLE_TITLES:
        where = f"title {item['id']}"
        assert set(item) == {"id", "half", "title", "role", "alternatives"}, where
        assert isinstance(item["title"], str) and item["title"].strip(), where
        assert item["role"] is None or item["role"] in ROLES, f"{where}: role {item['role']}"
        alternatives = item["alternatives"]
        assert isinstance(alternatives, list), where
        assert all(a in ROLES for a in alternatives), f"{where}: alternatives {alternatives}"
        assert item["role"] not in alternatives and len(set(alternatives)) == len(alternatives)
        if item["role"] is None:
            assert alternatives == [], f"{where}: no role, yet alternatives"


def test_every_role_has_titles_and_both_halves_have_titles_with_no_role() -> None:
    used = {item["role"] for item in ROLE_TITLES}
    assert ROLES <= used, f"roles with no title: {sorted(ROLES - used)}"
    for half in HALVES:
        nulls = [i for i in ROLE_TITLES if i["half"] == half and i["role"] is None]
        assert len(nulls) >= 5, half


# Search ---------------------------------------------------------------------------------------

QUERIES: list[dict[str, Any]] = _load(DATA / "search" / "queries.yaml")["queries"]


def test_search_queries_are_well_formed_and_name_questions_in_the_bank() -> None:
    assert len(QUERIES) >= 40
    _assert_unique_ids(QUERIES, "queries")
    _assert_halves(QUERIES, "queries")
    for item in QUERIES:
        where = f"query {item['id']}"
        assert set(item) == {"id", "half", "query", "expected", "relevant"}, where
        assert isinstance(item["query"], str) and item["query"].strip(), where
        assert item["expected"] in QUESTIONS, f"{where}: no question {item['expected']!r}"
        relevant = item["relevant"]
        assert isinstance(relevant, list) and len(relevant) <= 5, where
        missing = [r for r in relevant if r not in QUESTIONS]
        assert not missing, f"{where}: no questions {missing}"
        assert item["expected"] not in relevant and len(set(relevant)) == len(relevant), where


# Import ---------------------------------------------------------------------------------------

IMPORT = DATA / "import"
IMPORT_LISTS = sorted(IMPORT.glob("*.md"))
IMPORT_LISTS = [p for p in IMPORT_LISTS if p.name != "README.md"]


def _plain(markdown: str) -> str:
    """The Markdown with emphasis, code marks and link targets removed, whitespace collapsed."""
    text = re.sub(r"\*\*|__|`", "", markdown)
    text = re.sub(r"(?<![\w*])\*(?!\s)|(?<!\s)\*(?![\w*])", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", text)


def _import_labels(path: Path) -> dict[str, Any]:
    labels: dict[str, Any] = _load(path.with_suffix(".labels.yaml"))
    return labels


def test_there_are_enough_import_lists_split_by_file() -> None:
    assert len(IMPORT_LISTS) >= 6
    labels = [_import_labels(path) for path in IMPORT_LISTS]
    assert sum(len(label["items"]) for label in labels) >= 220
    halves = Counter(label["half"] for label in labels)
    assert set(halves) == HALVES and halves["tune"] == halves["check"], dict(halves)
    for half in HALVES:
        kinds = Counter(
            item["kind"] for label in labels if label["half"] == half for item in label["items"]
        )
        assert kinds["question"] >= 50 and kinds["ask"] >= 30, (half, dict(kinds))


@pytest.mark.parametrize("path", IMPORT_LISTS, ids=lambda p: p.stem)
def test_import_labels_follow_the_list(path: Path) -> None:
    labels = _import_labels(path)
    assert set(labels) == {"half", "items", "skip"}, path.name
    source = path.read_text(encoding="utf-8")
    plain = _plain(source)
    lines = {line.strip() for line in source.splitlines()}
    position = 0
    for number, item in enumerate(labels["items"], 1):
        where = f"{path.name} item {number}"
        assert set(item) == {"text", "kind", "category", "competencies", "probes"}, where
        text = item["text"]
        assert text == " ".join(text.split()) and text, f"{where}: whitespace"
        found = plain.find(text, position)
        assert found >= 0, f"{where}: {text!r} is not in the list, or is out of order"
        position = found + len(text)
        categories = QUESTION_CATEGORIES if item["kind"] == "question" else ASK_CATEGORY_IDS
        assert item["kind"] in {"question", "ask"}, where
        assert item["category"] in categories, f"{where}: category {item['category']}"
        _assert_competencies(item["competencies"], where)
        assert len(item["competencies"]) <= 3, where
        if item["kind"] == "ask":
            assert item["competencies"] == [], f"{where}: a question to ask has competencies"
        for probe in item["probes"]:
            found = plain.find(probe, position)
            assert found >= 0, f"{where}: probe {probe!r} is not under its question"
            position = found + len(probe)
    texts = {item["text"] for item in labels["items"]}
    for line in labels["skip"]:
        assert line in lines, f"{path.name}: skipped line {line!r} is not a line of the list"
        assert _plain(line).strip() not in texts, f"{path.name}: {line!r} is skipped and kept"


# Postings -------------------------------------------------------------------------------------

POSTINGS = sorted((DATA / "postings").glob("*.txt"))


def test_there_are_enough_postings_in_two_halves() -> None:
    assert len(POSTINGS) >= 14
    labels = [_load(path.with_suffix(".labels.yaml")) for path in POSTINGS]
    halves = Counter(label["half"] for label in labels)
    assert set(halves) == HALVES and abs(halves["tune"] - halves["check"]) <= 1, dict(halves)
    assert len({label["role"] for label in labels}) >= 12, "postings should cover many roles"


@pytest.mark.parametrize("path", POSTINGS, ids=lambda p: p.stem)
def test_posting_labels_are_well_formed(path: Path) -> None:
    words = len(path.read_text(encoding="utf-8").split())
    assert 150 <= words <= 400, f"{path.name}: {words} words"
    labels = _load(path.with_suffix(".labels.yaml"))
    assert set(labels) == {"half", "role", "competencies", "skills"}, path.name
    assert labels["role"] is None or labels["role"] in ROLES, path.name
    _assert_competencies(labels["competencies"], path.name)
    assert labels["competencies"], f"{path.name}: no competency"
    _assert_skills(labels["skills"], path.name)
    assert labels["skills"], f"{path.name}: no skill"


def test_every_corpus_has_a_readme() -> None:
    for name in ("concerns", "roles", "search", "import", "postings"):
        assert (DATA / name / "README.md").is_file(), name
