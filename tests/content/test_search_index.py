"""The search index kept in the cache dir: read back while the bank is unchanged, built again
when it changes, ranking exactly as a fresh one, and a warm search loads no lemma dictionary."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from prepcoach.content import search
from prepcoach.content.search import QuestionIndex
from tests.judge_data import builtin_library, load

PACK = """pack: extra
title: Extra
version: "1"
description: D
questions:
  - id: extra-q
    text: Tell me about the time you {what}.
    category: behavioral
    assesses: x
"""


def _dated(path: Path) -> Path:
    """Date the file back (its change time stays: no one can set that)."""
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return path


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many questions each index that was built (not read back) held."""
    seen: list[int] = []
    real = search._build

    def counting(questions: object, competencies: object) -> object:
        seen.append(len(questions))  # type: ignore[arg-type]
        return real(questions, competencies)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "_build", counting)
    return seen


def test_an_index_read_back_ranks_exactly_as_a_fresh_one(tmp_path: Path, builds: list[int]) -> None:
    lib = builtin_library()
    queries = [item["query"] for item in load("search", "queries.yaml")["queries"]]
    fresh = QuestionIndex(lib.questions.values(), lib.competencies)
    QuestionIndex(lib.questions.values(), lib.competencies, cache_dir=tmp_path)
    kept = QuestionIndex(lib.questions.values(), lib.competencies, cache_dir=tmp_path)
    assert len(builds) == 2  # the fresh one and the first kept one; the second is read back
    for query in [*queries, "weakenss", "managed a conflict", "5 years"]:
        assert [(h.question.id, h.score) for h in kept.search(query)] == [
            (h.question.id, h.score) for h in fresh.search(query)
        ], query
    (entry,) = tmp_path.glob("search-*.bin")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_changed_pack_file_makes_a_new_index(
    tmp_path: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_RACY_NS", 0)  # the files' identities alone decide
    monkeypatch.setattr(search, "_key", None)  # (never the questions' whole content)
    lib = builtin_library()
    pack = tmp_path / "extra.yaml"
    pack.write_text(PACK.format(what="juggled three deadlines"), encoding="utf-8")
    _dated(pack)
    questions = list(lib.questions.values())
    cache = tmp_path / "cache"

    def first(query: str) -> str:
        index = QuestionIndex(questions, lib.competencies, cache_dir=cache, sources=[pack])
        hits = index.search(query)
        return hits[0].question.id if hits else ""

    first("juggled deadlines")
    first("juggled deadlines")
    assert len(builds) == 1  # read back the second time
    pack.write_text(PACK.format(what="pickled three cucumbers"), encoding="utf-8")  # same size
    _dated(pack)  # and the same times: only the change time shows the edit
    first("juggled deadlines")
    assert len(builds) == 2


def test_only_a_few_indexes_are_kept(tmp_path: Path) -> None:
    lib = builtin_library()
    questions = list(lib.questions.values())
    for n in range(search._INDEX_SLOTS + 3):
        QuestionIndex(questions[n:], lib.competencies, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("search-*.bin"))) == search._INDEX_SLOTS


def test_a_search_from_a_kept_index_loads_no_lemma_dictionary(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from prepcoach.cli.main import run\n"
        "try:\n    run(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', 'simplemma' in sys.modules, file=sys.stderr)\n"
    )
    env = dict(os.environ, PREP_HOME=str(tmp_path), NO_COLOR="1")
    env.pop("PREP_CONTENT", None)
    args = [sys.executable, "-c", code, "questions", "--search", "managed conflicts"]
    first = subprocess.run(args, env=env, capture_output=True, text=True)
    second = subprocess.run(args, env=env, capture_output=True, text=True)
    assert first.stdout == second.stdout and "question" in second.stdout
    assert "LOADED False" in second.stderr, second.stderr


def test_an_index_without_competencies_is_another_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_RACY_NS", 0)  # the files' identities alone decide
    lib = builtin_library()
    questions, pack = list(lib.questions.values()), tmp_path / "pack.yaml"
    pack.write_text(PACK.format(what="led a team"), encoding="utf-8")
    bare = QuestionIndex(questions, cache_dir=tmp_path, sources=[pack])
    full = QuestionIndex(questions, lib.competencies, cache_dir=tmp_path, sources=[pack])
    fresh = QuestionIndex(questions, lib.competencies)
    assert [h.question.id for h in full.search("leadership")] == [
        h.question.id for h in fresh.search("leadership")
    ]
    assert bare.vocabulary != full.vocabulary
