"""Matching what people type to the content: bank questions worded alike, and the
competencies a concern points to.

Both compare word lemmas, rare ones counting more (IDF over the question bank), so
"stakeholder management" finds the bank's stakeholder questions and their competencies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.stories.core import keywords

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary


@dataclass(frozen=True, slots=True)
class _BankIndex:
    """The bank's questions as word stems, with how rare each stem is (IDF)."""

    stems: dict[str, frozenset[str]]  # question id -> stems
    keywords: dict[str, str]  # question id -> keywords
    idf: dict[str, float]

    def weight(self, stem: str) -> float:
        return self.idf.get(stem, self.idf.get("", 1.0))


def _bank_index(library: ContentLibrary) -> _BankIndex:
    words = {q.id: keywords(q.text) for q in library.questions.values()}
    stems = {qid: frozenset(_stems(text)) for qid, text in words.items()}
    counts: dict[str, int] = {}
    for found in stems.values():
        for stem in found:
            counts[stem] = counts.get(stem, 0) + 1
    total = len(stems) or 1
    idf = {stem: math.log(1 + total / (1 + n)) for stem, n in counts.items()}
    idf[""] = math.log(1 + total)  # a stem no question has
    return _BankIndex(stems, words, idf)


def similar_questions(
    text: str, library: ContentLibrary, *, limit: int = 3, cutoff: float = 50
) -> list[tuple[str, float]]:
    """Bank questions worded like `text`, best first, as (id, score 0-100).

    The score is the mean of two views: the share of the text's words (rare ones counting
    more) that the question has, and rapidfuzz's token set/sort similarity of their words.
    """
    from rapidfuzz import fuzz

    index = _bank_index(library)
    words = keywords(text)
    wanted = _stems(words)
    if not wanted:
        return []
    total = sum(index.weight(s) for s in wanted)
    scored = []
    for qid, stems in index.stems.items():
        overlap = 100 * sum(index.weight(s) for s in wanted & stems) / total
        other = index.keywords[qid]
        wording = (fuzz.token_set_ratio(words, other) + fuzz.token_sort_ratio(words, other)) / 2
        score = round((overlap + wording) / 2, 1)
        if score >= cutoff:
            scored.append((qid, score))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def suggest_competencies(text: str, library: ContentLibrary, limit: int = 2) -> tuple[str, ...]:
    """Competencies a concern probably points to, best first (empty when nothing fits).

    A competency named in the text comes first ("asked about my leadership"). Then the text
    is compared with the bank's questions by the words they share, rare words counting
    more (IDF), and the competencies of the closest questions are taken, so "stakeholder
    management" finds those of the bank's stakeholder questions.
    """
    wanted = _stems(keywords(text))
    if not wanted:
        return ()
    picked = list(named_competencies(text, library))
    index = _bank_index(library)
    scored = sorted(
        (
            (sum(index.weight(w) for w in stems & wanted), library.questions[qid].competencies)
            for qid, stems in index.stems.items()
            if library.questions[qid].competencies
        ),
        key=lambda pair: -pair[0],
    )
    best = scored[0][0] if scored else 0.0
    weights: dict[str, float] = {}
    for score, tags in scored[:6]:
        if score < max(best * 0.6, 2.0):
            break
        for rank, tag in enumerate(tags):
            weights[tag] = weights.get(tag, 0.0) + score / (rank + 1)
    for tag, _weight in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if tag not in picked and tag in library.competencies:
            picked.append(tag)
    return tuple(picked[:limit])


def named_competencies(text: str, library: ContentLibrary) -> tuple[str, ...]:
    """Competencies the text names ("my leadership", "conflict with engineering"), by their
    id, their name or one of their cues, all of whose words must be there: "stakeholder
    management" names stakeholder management, not time management.
    """
    wanted = _phrase_stems(text)

    def named(phrase: str) -> bool:
        stems = _phrase_stems(phrase)
        return bool(stems) and stems <= wanted

    return tuple(
        c.id
        for c in library.competencies.values()
        if any(named(p) for p in (c.id.replace("-", " "), c.name, *c.cues))
    )


def likely_competencies(text: str, library: ContentLibrary) -> tuple[str, ...]:
    """What to assume a concern points to: the competencies it names, else the best guess."""
    return named_competencies(text, library) or suggest_competencies(text, library, limit=1)


# Words that describe the signal, not its subject ("asked twice about ...").
_SIGNAL_WORDS = frozenset(
    """again ask asked asking concern concerned focus focused follow handle interested kept
    lot lots many much push pushed question questions really seemed several skeptical
    they times twice wanted worried""".split()
)


def _phrase_stems(text: str) -> set[str]:
    """The lemmas of every word of a short phrase, keeping words the keyword list drops
    ("time" stays; only stop words go)."""
    import re

    from prepcoach.kernel.text import is_stop, lemma

    return {
        lemma(w)
        for w in re.findall(r"[a-z0-9]+", text.casefold())
        if len(w) > 2 and not is_stop(w) and w not in _SIGNAL_WORDS
    }


def _stems(words: str) -> set[str]:
    """The lemmas of the keywords ("deadlines" and "deadline" are one)."""
    from prepcoach.kernel.text import lemma

    return {lemma(w) for w in words.split() if len(w) > 2 and w not in _SIGNAL_WORDS}
