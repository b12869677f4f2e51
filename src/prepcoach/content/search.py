"""Question search: what a candidate types ("push back stakeholder", "weakenss") ranked
against the bank, best first.

Each question is read as weighted fields: its text counts most, then its id, the names of its
competencies, what it assesses, and last its probes, tips, look-fors and its competencies'
cues (which carry the everyday words a question's text may not use). Words are compared as
lemmas (kernel.text), derived forms count a little less ("prioritise", "prioritisation"), and
a word the bank does not know is read as the nearest words it does (typos). A question's score
is the share of the query it covers, rare words counting more (IDF); questions that hold every
word of the query, or the query as a phrase, come before those that hold some of it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.kernel import text as tx

if TYPE_CHECKING:
    from prepcoach.content.model import Competency, Question

# Field weights: how much a word found there says about the question.
_TEXT, _ID, _COMPETENCY, _ASSESSES, _DETAIL, _CUES = 1.0, 0.9, 0.6, 0.5, 0.35, 0.2
# Number words, so "5 years" finds "five years" and "90 days" finds "ninety days".
_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "thirty": "30",
    "sixty": "60", "ninety": "90", "hundred": "100",
}  # fmt: skip
# Words that ask rather than say what about ("tell me about a time ..."); kept in a phrase.
_ASKING = tx.PROMPT_WORDS | {"question", "interview", "answer", "would", "how", "do", "see"}
_FUZZY_CUTOFF = 80.0  # rapidfuzz ratio for reading an unknown word as a known one
_CORE_FIELDS = frozenset({"text", "id"})


# Verbs that with "with" only say "handle" ("dealing with change"): the subject follows.
_PHRASAL = frozenset({"deal", "cope", "work"})


@functools.lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    """The lemmas of a text's words in order, stop words kept out, numbers as digits."""
    out: list[str] = []
    found = tx.words(tx.normalise(text.replace("-", " ").replace("/", " ")))
    for i, word in enumerate(found):
        word = _NUMBERS.get(word, word)
        if tx.is_stop(word) and not word.isdigit():
            continue
        lemma = word if word[0].isdigit() else tx.lemma(word)
        if lemma in _PHRASAL and found[i + 1 : i + 2] == ["with"]:
            continue
        out.append(lemma)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Doc:
    question: Question
    fields: dict[str, frozenset[str]]  # field name -> lemmas
    sequence: tuple[str, ...]  # the text's lemmas in order, for phrases
    flat: str  # the text, normalised, for an exact phrase
    plain: frozenset[str]  # the text's and id's words as written, stop words too
    named: tuple[tuple[str, ...], ...]  # the lemmas of its competencies' names
    general: bool  # not tied to a role


_FIELD_WEIGHTS = {
    "text": _TEXT,
    "id": _ID,
    "competency": _COMPETENCY,
    "assesses": _ASSESSES,
    "detail": _DETAIL,
    "cues": _CUES,
}


def _doc(question: Question, competencies: Mapping[str, Competency]) -> _Doc:
    known = [competencies[c] for c in question.competencies if c in competencies]
    detail = [*question.probes, *question.tips, *(lf.label for lf in question.look_fors)]
    sequence = tuple(_terms(question.text))
    fields = {
        "text": frozenset(sequence),
        "id": frozenset(_terms(question.id)),
        "competency": frozenset(_terms(" ".join(f"{c.id} {c.name}" for c in known))),
        "assesses": frozenset(_terms(question.assesses)),
        "detail": frozenset(_terms(" ".join(detail))),
        "cues": frozenset(_terms(" ".join(cue for c in known for cue in c.cues))),
    }
    flat = " ".join(tx.words(tx.normalise(question.text)))
    plain = frozenset(tx.words(f"{flat} {question.id.replace('-', ' ')}"))
    named = tuple(tuple(_terms(c.name)) for c in known)
    return _Doc(question, fields, sequence, flat, plain, named, not question.roles)


@dataclass(frozen=True, slots=True)
class Hit:
    question: Question
    score: float  # 0-100
    complete: bool  # every word of the query found in the question's text or id


class QuestionIndex:
    """The questions as weighted fields of lemmas, with each lemma's rarity (IDF)."""

    def __init__(
        self, questions: Iterable[Question], competencies: Mapping[str, Competency] | None = None
    ) -> None:
        self.docs = [_doc(q, competencies or {}) for q in questions]
        counts: dict[str, int] = {}
        for doc in self.docs:
            for lemma in frozenset().union(*doc.fields.values()):
                counts[lemma] = counts.get(lemma, 0) + 1
        total = len(self.docs) or 1
        self.idf = {lemma: math.log(1 + total / n) for lemma, n in counts.items()}
        self.vocabulary = sorted(counts)

    def _readings(self, term: str) -> list[tuple[str, float]]:
        """What a query word can mean in the bank: itself, else the nearest known words."""
        if term in self.idf or term.isdigit() or len(term) < 4:
            return [(term, 1.0)]
        from rapidfuzz import fuzz, process

        close = process.extract(
            term, self.vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=3
        )
        if not close:
            return [(term, 1.0)]
        return [(word, 0.85 * score / 100) for word, score, _ in close]

    def search(self, query: str) -> list[Hit]:
        """Questions matching `query`, best first; those covering little of it left out."""
        sequence = _terms(query)
        terms = [t for t in dict.fromkeys(sequence) if t not in _ASKING] or list(
            dict.fromkeys(sequence)
        )
        if not terms:
            return []
        readings = {t: self._readings(t) for t in terms}
        # The bank's words derived from each reading ("prioritise" for "prioritisation"),
        # found once over the vocabulary rather than once per question.
        derived = {
            word: frozenset(v for v in self.vocabulary if v != word and tx.related(word, v))
            if len(word) >= 5
            else frozenset()
            for reading in readings.values()
            for word, _quality in reading
        }
        rare = max(self.idf.values(), default=1.0)
        weight = {t: max(self.idf.get(w, rare) for w, _ in readings[t]) for t in terms}
        total = sum(weight.values())
        phrase = " ".join(tx.words(tx.normalise(query)))
        plain = tx.words(phrase)
        pairs = list(zip(sequence, sequence[1:], strict=False))
        hits: list[Hit] = []
        for doc in self.docs:
            covered = 0.0
            core = 0
            for term in terms:
                best, in_core = 0.0, False
                for word, quality in readings[term]:
                    for name, lemmas in doc.fields.items():
                        found = _found(word, lemmas, derived[word])
                        if found:
                            value = found * quality * _FIELD_WEIGHTS[name]
                            if value > best:
                                best = value
                            in_core = in_core or name in _CORE_FIELDS
                covered += weight[term] * best
                core += in_core
            if not covered:
                continue
            score = covered / total
            complete = core == len(terms)
            if complete and len(terms) > 1:
                score += 0.25
            if len(sequence) > 1 and (
                phrase in doc.flat or _contains(doc.sequence, tuple(sequence))
            ):
                score += 0.5
            elif len(sequence) > 1 and tuple(sequence) in doc.named:
                score += 0.4  # the query is the name of a competency it tests
            elif pairs:
                # Words next to each other in the query, and in the question.
                together = sum(_contains(doc.sequence, pair) for pair in pairs)
                score += 0.2 * together / len(pairs)
            # Every word as typed, "why" and "you" too, decides between equals.
            score += 0.1 * sum(w in doc.plain for w in plain) / len(plain)
            if not doc.general:
                score *= 0.9
            # Between equals, the shorter question is the one about this.
            score -= 0.002 * len(doc.sequence)
            hits.append(Hit(doc.question, round(100 * score / 1.75, 1), complete))
        hits.sort(key=lambda h: -h.score)
        if not hits:
            return []
        floor = hits[0].score * 0.3
        return [h for h in hits if h.score >= floor]


def _found(word: str, lemmas: frozenset[str], derived: frozenset[str]) -> float:
    """1 when the lemma is there, 0.8 when a related one is ("prioritise"), else 0."""
    if word in lemmas:
        return 1.0
    if derived and not derived.isdisjoint(lemmas):
        return 0.8
    return 0.0


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return any(tuple(haystack[i : i + n]) == tuple(needle) for i in range(len(haystack) - n + 1))


def search_questions(
    questions: Iterable[Question],
    query: str,
    competencies: Mapping[str, Competency] | None = None,
) -> list[Question]:
    """The questions matching `query`, best first (see the module's docstring)."""
    return [hit.question for hit in QuestionIndex(questions, competencies).search(query)]


def search_hint(query: str, questions: Iterable[Question]) -> str:
    """What to try when a search finds nothing: known words close to the ones typed."""
    from rapidfuzz import fuzz, process

    index = QuestionIndex(questions)
    near: list[str] = []
    for term in dict.fromkeys(_terms(query)):
        for word, _score, _ in process.extract(
            term, index.vocabulary, scorer=fuzz.ratio, score_cutoff=72, limit=2
        ):
            if word not in near and word != term:
                near.append(word)
    tip = "Try fewer or more everyday words"
    if near:
        tip += ", or: " + ", ".join(near[:5])
    return tip + "; browse by --competency or --category, or drop other filters."
