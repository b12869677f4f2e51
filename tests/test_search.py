"""Question search ranks by relevance: whole queries over some words, phrases first, typos
read as the word meant, and a hint when nothing matches."""

from __future__ import annotations

from prepcoach.content.search import QuestionIndex, search_hint, search_questions
from tests.helpers import invoke
from tests.judge_data import builtin_library, half, load


def _ranked(query: str) -> list[str]:
    lib = builtin_library()
    return [q.id for q in search_questions(lib.questions.values(), query, lib.competencies)]


def test_floor_on_the_check_half() -> None:
    lib = builtin_library()
    index = QuestionIndex(lib.questions.values(), lib.competencies)
    items = half(load("search", "queries.yaml")["queries"])
    ranks = []
    for item in items:
        ranked = [hit.question.id for hit in index.search(item["query"])]
        ranks.append(ranked.index(item["expected"]) + 1 if item["expected"] in ranked else 0)
    top1 = sum(r == 1 for r in ranks) / len(ranks)
    top5 = sum(1 <= r <= 5 for r in ranks) / len(ranks)
    assert top1 >= 0.65, top1
    assert top5 >= 0.90, top5


def test_the_whole_phrase_comes_first() -> None:
    assert _ranked("work you found tedious")[0] == "tedious-work"
    assert _ranked("tell me about yourself")[0] == "tell-me-about-yourself"


def test_a_typo_reads_as_the_word_meant() -> None:
    assert _ranked("weakenss")[0] == _ranked("weakness")[0]


def test_any_word_matches_but_all_words_rank_higher() -> None:
    ranked = _ranked("push back stakeholder")
    assert ranked, "a query sharing some words with the bank finds something"
    assert len(ranked) < len(builtin_library().questions) / 2


def test_nothing_matches_says_what_to_try() -> None:
    lib = builtin_library()
    assert _ranked("zxqv blorf") == []
    assert "Try" in search_hint("zxqv blorf", lib.questions.values())
    result = invoke("questions", "--search", "zxqv blorf")
    assert result.exit_code == 0
    assert "No question matches" in result.output and "--competency" in result.output


def test_search_stays_in_the_other_filters() -> None:
    result = invoke("questions", "--category", "salary", "--search", "salary", "--json")
    assert result.exit_code == 0
    assert '"category": "salary"' in result.output
    assert '"category": "behavioral"' not in result.output
