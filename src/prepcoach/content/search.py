"""Question search: what a candidate types ("push back stakeholder", "weakenss", "conflict
with boss") ranked against the bank, best first.

Each question is read as weighted fields: its text counts most, then its id and its focus
phrases (what an answer must be about: "my manager", "my boss"), then the names of its
competencies, what it assesses, its probes, tips and look-fors, and last the look-fors' cues
and its competencies' cues (which carry the everyday words a question's text may not use).
Words are compared as lemmas (kernel.text); derived forms count a little less ("prioritise",
"prioritisation"); a word the bank does not know is read as the words one or two slips of
the keys away (typos: "weakenss", never "fire" as "figure"); and a word also reads, for
less, as its alternatives in the bank: words that take each other's place in a question's
focus phrases ("boss" for "manager") or a competency's one-word cues for its name
("disagreement" for "conflict"). So a question is found by what it is about.

A query word scores by the best field it is found in, with a little more for each other
field that holds it, weighted by its rarity (IDF) and, in the text, by how short the text
is (a short question about the word is more about it, as in BM25). A question's score is
the share of the query it covers; questions that hold every word of the query in their
text, id or focus (as typed more than through alternatives), or the query as a phrase, or a
run of its words as typed ("sell me this"), or its words side by side, come before those that
hold some of it; a query that names a competency ("leadership") or says one of its cues
("lost my temper", "why this company") favours that competency's questions; and a question
of a role pack counts a little less than one for everyone.

The bank is analysed once into postings (each lemma with the questions holding it, field by
field) and kept in the cache dir, keyed by everything a search reads of the questions; a
search then touches only the questions that hold one of its words. A query's words are read
through the bank's own forms, so a search never loads the lemma dictionary.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prepcoach.kernel import text as tx

if TYPE_CHECKING:
    from array import array
    from pathlib import Path

    from prepcoach.content.model import Competency, Question

# Number words, so "5 years" finds "five years" and "90 days" finds "ninety days".
_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "thirty": "30",
    "sixty": "60", "ninety": "90", "hundred": "100",
}  # fmt: skip
# Words that ask rather than say what about ("tell me about a time ..."); kept in a phrase.
_ASKING = tx.PROMPT_WORDS | {
    "question", "interview", "interviewer", "answer", "ask", "would", "how", "do", "see",
    "yourself",
}  # fmt: skip
_TYPO = 0.85  # what a typo's reading is worth, times its closeness
_ALTERNATIVE = 0.6  # what a focus alternative ("manager" for "boss") is worth
_DERIVED = 0.8  # what a derived word ("prioritisation" for "prioritise") is worth
# The query as one of a question's focus phrases: half what it is as a phrase of its text.
_FOCUS_PHRASE = 0.25
_ROLE_SPECIFIC = 0.85  # what a question of another role's pack counts
# What a question scores that holds the query as a phrase of its text and each word as typed
# in its text, id and focus: 100 (a search's scores are shares of this).
_WHOLE = 2.25
_LEAST = 0.2  # a reading worth less than this in a field is not looked for there
_SUPPORT = 0.2  # what each field after the best adds of its own value
_SHORTNESS = 0.35  # BM25's b for the text: how much a short text is more about its words
# Single letters around a slash are one word: "A/B test", "I/O".
_INITIALS = re.compile(r"\b([^\W\d_])/([^\W\d_])\b")

# Function words that still say what a question is about: "why this company" asks for
# reasons, as "why do you want to work here" does; "yourself" (an asking word too) decides
# when nothing else does ("describe yourself").
_TELLING = frozenset({"why", "yourself"})

# Verbs that with "with" only say "handle" ("dealing with change"): the subject follows.
_PHRASAL = frozenset({"deal", "cope", "work"})


def _split(text: str) -> list[str]:
    """The words of a text as written, lower case, hyphens and slashes read as spaces."""
    plain = _INITIALS.sub(r"\1\2", tx.normalise(text))
    return tx.words(plain.replace("-", " ").replace("/", " "))


@functools.lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    """The lemmas of a text's words in order, stop words kept out, numbers as digits."""
    out: list[str] = []
    found = _split(text)
    for i, word in enumerate(found):
        word = _NUMBERS.get(word, word)
        if tx.is_stop(word) and not word.isdigit() and word not in _TELLING:
            continue
        lemma = word if word[0].isdigit() else tx.lemma(word)
        if lemma in _PHRASAL and found[i + 1 : i + 2] == ["with"]:
            continue
        out.append(lemma)
    return tuple(out)


# The fields of a question, in the order their postings are kept, with how much a word
# found there says about the question.
_FIELDS = ("text", "id", "focus", "competency", "assesses", "detail", "look-for cues", "cues")
_FIELD_WEIGHTS = (1.0, 0.85, 0.65, 0.5, 0.45, 0.35, 0.25, 0.2)
_CORE = frozenset({0, 1, 2})  # text, id and focus: a query word found there counts as found
_INDEX_FORMAT = 2  # raise when what an index holds, or how it is read, changes
_LONGEST_QUERY = 40  # words of a query read; the rest is left out
_INDEX_SLOTS = 8  # search indexes kept in the cache dir; the least recently written go first
_MOST_ALTERNATIVES = 6  # alternatives kept per word, those going together most first
_TOGETHER = 0.5  # how much the focus phrases must pair two words to make them alternatives


def _query_terms(text: str, forms: Mapping[str, str]) -> tuple[str, ...]:
    """Like `_terms`, for a query: its words read through the bank's own forms (every word
    of the bank, and every form the dictionary gives of one of its lemmas), so that a search
    never loads the lemma dictionary; a word the bank has no form of stays as typed."""
    out: list[str] = []
    found = _split(text)
    for i, word in enumerate(found):
        word = _NUMBERS.get(word, word)
        if tx.is_stop(word) and not word.isdigit() and word not in _TELLING:
            continue
        if word[0].isdigit():
            lemma = word
        else:
            bare = word.removesuffix("'s")
            lemma = forms.get(bare, bare)
        if lemma in _PHRASAL and found[i + 1 : i + 2] == ["with"]:
            continue
        out.append(lemma)
    return tuple(out)


def _union(parts: Iterable[Iterable[str]]) -> frozenset[str]:
    return frozenset().union(*parts)


@functools.lru_cache(maxsize=4096)
def _focus_pairs(focus: tuple[str, ...]) -> dict[tuple[str, str], float]:
    """The pairs of words that take each other's place in one frame of these focus phrases
    ("my ___": "manager", "boss"), each worth one over the number of the frame's others."""
    frames: dict[tuple[str, ...], set[str]] = {}
    for phrase in set(map(_terms, focus)):
        for n, word in enumerate(phrase):
            frames.setdefault((*phrase[:n], "", *phrase[n + 1 :]), set()).add(word)
    pairs: dict[tuple[str, str], float] = {}
    for words in frames.values():
        for a in words:
            for b in words - {a}:
                pairs[a, b] = max(pairs.get((a, b), 0.0), 1 / (len(words) - 1))
    return pairs


def _alternatives(
    questions: Sequence[Question], competencies: Iterable[Competency]
) -> dict[str, list[str]]:
    """The words the bank gives as each other's alternatives.

    From each question's focus phrases: phrases that differ in one word only, in the same
    frame ("my manager", "my boss"; "an angry customer", "an unhappy customer"). A frame
    that lists many words gives each pair of them less (one over the number of the others):
    a long list is of things an answer may mention, not of words meaning the same. A pair
    is kept when the bank gives it `_TOGETHER` in all. And a competency's one-word name
    with each of its one-word cues ("conflict" and "disagreement"). The pairs given most
    come first."""
    strength: dict[tuple[str, str], float] = {}
    for question in questions:
        for pair, value in _focus_pairs(question.focus).items():
            strength[pair] = strength.get(pair, 0.0) + value
    kept = {pair: value for pair, value in strength.items() if value >= _TOGETHER}
    for competency in competencies:
        names = {t[0] for t in map(_terms, (competency.id, competency.name)) if len(t) == 1}
        for cue in {t[0] for t in map(_terms, competency.cues) if len(t) == 1} - names:
            for name in names:
                kept[name, cue] = kept[cue, name] = max(kept.get((name, cue), 0.0), 1.0)
    found: dict[str, list[tuple[float, str]]] = {}
    for (a, b), value in kept.items():
        found.setdefault(a, []).append((-value, b))
    return {
        word: [b for _v, b in sorted(pairs)[:_MOST_ALTERNATIVES]] for word, pairs in found.items()
    }


def _build(questions: Sequence[Question], competencies: Mapping[str, Competency]) -> dict[str, Any]:
    """Read every question into its fields' lemmas, kept as postings (lemma -> the questions
    holding it, one array of positions per field) with what scoring needs of each question."""
    from array import array

    numbers = {c: n for n, c in enumerate(competencies)}
    per_competency = {
        c.id: (
            frozenset(_terms(f"{c.id} {c.name}")),
            frozenset(_terms(" ".join(c.cues))),
        )
        for c in competencies.values()
    }
    # How a query names a competency: its name or id as lemmas ("leadership", "conflict").
    competency_names = [(tuple(_terms(c.name)), tuple(_terms(c.id))) for c in competencies.values()]
    # A competency's cues as lemmas (all said in a query, in any order, they point to it:
    # "failed project" to learning from failure by "project failed"; a one-word cue only
    # when it is all the query says: "multitasking"), or, for a cue mostly of small words,
    # as written ("why this company").
    cue_phrases = sorted(
        {
            (
                terms,
                tuple(_split(cue)) if len(terms) < 2 and len(_split(cue)) > 1 else (),
                numbers[c.id],
            )
            for c in competencies.values()
            for cue, terms in zip(c.cues, map(_terms, c.cues), strict=True)
            if terms
        }
    )
    postings: list[dict[str, array[int]]] = [{} for _ in _FIELDS]
    plain: dict[str, array[int]] = {}  # words as written (stop words too) of text and id
    counts: dict[str, int] = {}
    sequences: list[tuple[str, ...]] = []
    names: list[tuple[str, ...]] = []
    phrases: list[tuple[tuple[str, ...], ...]] = []
    flats: list[str] = []
    tags: list[tuple[int, ...]] = []
    pieces: set[str] = set()  # every text a query's words may meet, each split once
    for c in competencies.values():
        pieces.update((c.id, c.name, *c.cues))
    for position, question in enumerate(questions):
        known = [per_competency[c] for c in question.competencies if c in per_competency]
        detail = [*question.probes, *question.tips, *(lf.label for lf in question.look_fors)]
        cues = [cue for lf in question.look_fors for cue in lf.cues]
        sequence = _terms(question.text)
        name = _terms(question.id)
        focus = tuple(_terms(piece) for piece in question.focus)
        fields = (
            frozenset(sequence),
            frozenset(name),
            _union(focus),
            _union(k[0] for k in known),
            frozenset(_terms(question.assesses)),
            _union(_terms(piece) for piece in detail),
            _union(_terms(piece) for piece in cues),
            _union(k[1] for k in known),
        )
        for number, lemmas in enumerate(fields):
            table = postings[number]
            for lemma in lemmas:
                found = table.get(lemma)
                if found is None:
                    table[lemma] = found = array("i")
                found.append(position)
        for lemma in _union(fields):
            counts[lemma] = counts.get(lemma, 0) + 1
        flat = " ".join(_split(question.text))
        for word in frozenset([*flat.split(), *_split(question.id)]):
            found = plain.get(word)
            if found is None:
                plain[word] = found = array("i")
            found.append(position)
        sequences.append(sequence)
        names.append(name)
        phrases.append(tuple(p for p in focus if len(p) > 1))
        flats.append(f" {flat} | {' '.join(_split(question.id))} ")
        tags.append(tuple(numbers[c] for c in question.competencies if c in numbers))
        pieces.update((question.text, question.id, question.assesses, *question.focus))
        pieces.update(detail)
        pieces.update(cues)
    total = len(questions) or 1
    lengths = [len({t for t in s if t not in _ASKING}) for s in sequences]
    return {
        "postings": [{k: v.tobytes() for k, v in table.items()} for table in postings],
        "plain": {k: v.tobytes() for k, v in plain.items()},
        "idf": {lemma: math.log(1 + total / n) for lemma, n in counts.items()},
        "sequences": sequences,
        "names": names,
        "phrases": phrases,
        "flats": flats,
        "competency_names": competency_names,
        "tags": tags,
        "cue_phrases": cue_phrases,
        "lengths": lengths,
        "average": sum(lengths) / total or 1.0,
        "alternatives": _alternatives(questions, competencies.values()),
        "forms": _forms({w for piece in pieces for w in _split(piece)}, frozenset(counts)),
    }


def _forms(surface: Iterable[str], lemmas: frozenset[str]) -> dict[str, str]:
    """How a query's words read as the bank's lemmas: each word of the bank as its lemma,
    and each other form the dictionary knows of a lemma in the bank ("managed", "managers")."""
    forms: dict[str, str] = {}
    for word in surface:
        bare = word.removesuffix("'s")
        if bare and bare[0].isalpha():
            forms[bare] = tx.lemma(bare)
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import (
            DEFAULT_DICTIONARY_FACTORY,
        )

        dictionary = DEFAULT_DICTIONARY_FACTORY.get_dictionary("en")
        capitalised: dict[str, str] = {}
        for form, lemma in dictionary.items():
            lemma = lemma.lower()
            if lemma not in lemmas:
                continue
            if form.islower():
                forms.setdefault(form, lemma)
            elif form == form.capitalize():  # met by a lower-case word, after its own form
                capitalised.setdefault(form.lower(), lemma)
        for form, lemma in capitalised.items():
            forms.setdefault(form, lemma)
    except (ImportError, AttributeError, ValueError, TypeError):
        pass  # the bank's own words still read as before
    return forms


@dataclass(frozen=True, slots=True)
class Hit:
    question: Question
    score: float  # 0-100
    complete: bool  # every word of the query found in the question's text, id or focus


def _positions(raw: bytes | None) -> array[int]:
    from array import array

    found = array("i")
    if raw:
        found.frombytes(raw)
    return found


class QuestionIndex:
    """The questions as weighted fields of lemmas, with each lemma's rarity (IDF).

    With a `cache_dir`, the analysis is kept there and read back by the next index of the
    same questions and competencies. It is known by all a search reads of them or, given the
    pack files they come from (`sources`), by their ids and those files as they are on disk
    (size, times, inode): cheaper to tell, and any change to a file makes another index.
    """

    def __init__(
        self,
        questions: Iterable[Question],
        competencies: Mapping[str, Competency] | None = None,
        *,
        cache_dir: Path | None = None,
        sources: Sequence[Path] = (),
    ) -> None:
        self.questions = list(questions)
        known = competencies or {}
        data, key = None, ""
        if cache_dir is not None:
            key = (_source_key(self.questions, known, sources) if sources else None) or _key(
                self.questions, known
            )
            data = _read_index(cache_dir, key)
        if data is None:
            data = _build(self.questions, known)
            if cache_dir is not None:
                _write_index(cache_dir, key, data)
        self._postings: list[dict[str, bytes]] = data["postings"]
        self._plain: dict[str, bytes] = data["plain"]
        self.idf: dict[str, float] = data["idf"]
        self._sequences: list[tuple[str, ...]] = data["sequences"]
        self._names: list[tuple[str, ...]] = data["names"]
        self._phrases: list[tuple[tuple[str, ...], ...]] = data["phrases"]
        self._flats: list[str] = data["flats"]
        self._competency_names: list[tuple[tuple[str, ...], tuple[str, ...]]] = data[
            "competency_names"
        ]
        self._tags: list[tuple[int, ...]] = data["tags"]
        self._cue_phrases: list[tuple[tuple[str, ...], tuple[str, ...], int]] = data["cue_phrases"]
        self._lengths: list[int] = data["lengths"]
        self._average: float = data["average"]
        self._alternatives: dict[str, list[str]] = data["alternatives"]
        self._forms: dict[str, str] = data["forms"]
        self._vocabulary: list[str] | None = None
        self._by_stem: dict[str, list[str]] | None = None

    @property
    def vocabulary(self) -> list[str]:
        """Every lemma of the bank, sorted."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self.idf)
        return self._vocabulary

    def _stems(self) -> dict[str, list[str]]:
        """The bank's words of five letters or more by their first five: the only ones that
        can be related (kernel.text.related) to a word starting with those letters."""
        if self._by_stem is None:
            self._by_stem = {}
            for word in self.vocabulary:
                if len(word) >= 5:
                    self._by_stem.setdefault(word[:5], []).append(word)
        return self._by_stem

    def terms(self, query: str) -> tuple[str, ...]:
        """The query's words as the bank's lemmas (see `_query_terms`)."""
        return _query_terms(query, self._forms)

    def _readings(self, term: str) -> list[tuple[str, float]]:
        """What a query word can mean in the bank: itself, else the nearest known words
        (typos); and, for less, the words the bank gives as its alternatives."""
        found = [(term, 1.0)]
        if term not in self.idf and not term.isdigit() and 4 <= len(term) <= 30:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            # A slip of one key in a short word, of two in a longer one ("weakenss").
            most = 1 if len(term) < 6 else 2
            close = process.extract(
                term, self.vocabulary, scorer=OSA.distance, score_cutoff=most, limit=3
            )
            if close:
                found = [(word, _TYPO * (1 - edits / len(term))) for word, edits, _ in close]
        readings = dict(found)
        for word, quality in found:
            for other in self._alternatives.get(word, ()):
                if other in self.idf and readings.get(other, 0.0) < quality * _ALTERNATIVE:
                    readings[other] = quality * _ALTERNATIVE
        return list(readings.items())

    def _cover(
        self, terms: Sequence[str], readings: Mapping[str, list[tuple[str, float]]]
    ) -> tuple[dict[int, float], dict[int, int], dict[int, float], dict[str, float]]:
        """Per question holding a query word: how much of the query it covers, and how many
        terms it holds in its text, id or focus and how surely (the least sure of them: 1 as
        typed, less for a derived word, a typo or an alternative); and each term's weight
        (its rarity).

        A term scores by its best reading in its best field, plus `_SUPPORT` of its value in
        each other field that holds it; a derived word counts `_DERIVED`, and in the text a
        word counts more the shorter the text."""
        # The bank's words of one family with each reading ("prioritisation" for
        # "prioritise"), found once over the vocabulary rather than once per question.
        stems = self._stems()
        derived = {
            word: [v for v in stems.get(word[:5], ()) if v != word and tx.related(word, v)]
            for reading in readings.values()
            for word, _quality in reading
        }
        rare = max(self.idf.values(), default=1.0)
        weight = {
            t: self.idf[t] if t in self.idf else max(self.idf.get(w, rare) for w, _ in readings[t])
            for t in terms
        }
        lengths, average = self._lengths, self._average
        covered: dict[int, float] = {}
        core: dict[int, int] = {}
        sureness: dict[int, float] = {}
        for term in terms:
            fields: list[dict[int, float]] = [{} for _ in _FIELDS]
            for word, quality in readings[term]:
                for field, field_weight in enumerate(_FIELD_WEIGHTS):
                    if quality * field_weight < _LEAST:
                        continue
                    table = self._postings[field]
                    exact = set(_positions(table.get(word)))
                    near = {p for v in derived[word] for p in _positions(table.get(v))}
                    best = fields[field]
                    for kind, positions in ((1.0, exact), (_DERIVED, near - exact)):
                        value = kind * quality * field_weight
                        if value < _LEAST:
                            continue
                        for position in positions:
                            if value > best.get(position, 0.0):
                                best[position] = value
            for position in {p for f in _CORE for p in fields[f]}:
                # How surely the term is there: as typed 1, derived, a typo or an
                # alternative less.
                sure = max(fields[f].get(position, 0.0) / _FIELD_WEIGHTS[f] for f in _CORE)
                core[position] = core.get(position, 0) + 1
                sureness[position] = min(sureness.get(position, 1.0), sure)
            text = fields[0]
            for position, value in text.items():
                shortness = 1 - _SHORTNESS + _SHORTNESS * lengths[position] / average
                text[position] = value / max(0.8, min(1.25, shortness))
            values: dict[int, list[float]] = {}
            for held in fields:
                for position, value in held.items():
                    values.setdefault(position, []).append(value)
            for position, found_values in values.items():
                top = max(found_values)
                value = top + _SUPPORT * (sum(found_values) - top)
                covered[position] = covered.get(position, 0.0) + weight[term] * value
        return covered, core, sureness, weight

    def search(self, query: str, *, role: str | None = None) -> list[Hit]:
        """Questions matching `query`, best first; those covering little of it left out. A
        question of a role pack counts a little less unless it is of `role`. Only the first
        `_LONGEST_QUERY` words of a query are read: a search is a few words, not a text."""
        typed = _split(query)
        if len(typed) > _LONGEST_QUERY:
            query = " ".join(typed[:_LONGEST_QUERY])
        sequence = self.terms(query)
        # The words that say what about; with none, those of the asking words that do
        # ("describe yourself"), else the asking words themselves.
        every = list(dict.fromkeys(sequence))
        terms = (
            [t for t in every if t not in _ASKING] or [t for t in every if t in _TELLING] or every
        )
        if not terms:
            return []
        readings = {t: self._readings(t) for t in terms}
        covered, core, sureness, weight = self._cover(terms, readings)
        total = sum(weight.values())
        plain = _split(query)
        phrase = " ".join(plain)
        telling = [not tx.is_stop(w) and w not in _ASKING for w in plain]
        as_typed: dict[int, int] = {}  # words of the query as typed, stop words too
        told: set[int] = set()  # questions holding one that tells what about, as typed
        for word, tells in zip(plain, telling, strict=True):
            for position in _positions(self._plain.get(word)):
                as_typed[position] = as_typed.get(position, 0) + 1
                if tells:
                    told.add(position)
        pairs = list(zip(sequence, sequence[1:], strict=False))
        typed_pairs = [f" {a} {b} " for a, b in zip(plain, plain[1:], strict=False)]
        # Competencies the query names ("leadership"), or says one of the cues of ("lost my
        # temper", "why this company").
        wanted = {tuple(terms), sequence}  # "time management": "time" asks, and names too
        named = {n for n, names in enumerate(self._competency_names) if wanted.intersection(names)}
        said = set(sequence)
        cued: set[int] = set()  # by a cue that is part of the query
        meant: set[int] = set()  # by a cue that is all the query says
        for lemmas, words, number in self._cue_phrases:
            if _contains(plain, words) if words else said.issuperset(lemmas):
                if set(terms) <= set(lemmas):
                    meant.add(number)
                elif len(lemmas) > 1 or words:
                    cued.add(number)
        hits: list[Hit] = []
        for position in sorted(covered):  # in the bank's order, so equals keep it
            if not covered[position]:
                continue
            doc_sequence = self._sequences[position]
            name = self._names[position]
            score = covered[position] / total
            complete = core.get(position, 0) == len(terms)
            if complete and len(terms) > 1 and sureness[position] > _ALTERNATIVE:
                # Every word there as typed (or nearly): alternatives alone do not make a
                # question whole.
                score += 0.25 * sureness[position]
            tags = self._tags[position]
            if (
                complete  # a phrase of the query's words holds all of them
                and len(sequence) > 1
                and (
                    (len(plain) > 1 and f" {phrase} " in self._flats[position])
                    or _contains(doc_sequence, sequence)
                    or _contains(name, sequence)
                )
            ):
                score += 0.5
            elif (
                complete
                and len(sequence) > 1
                and any(_contains(p, sequence) for p in self._phrases[position])
            ):
                score += _FOCUS_PHRASE  # the phrase is one an answer may say
            elif named and tags and named.intersection(tags):
                # The query is the name of a competency it tests, first or not.
                score += 0.4 if tags[0] in named else 0.25
            elif meant and tags and meant.intersection(tags):
                score += 0.25 if tags[0] in meant else 0.1  # or one of its cues
            else:
                if pairs and core.get(position, 0) > 1:
                    # Words next to each other in the query, and in the question.
                    together = sum(
                        _contains(doc_sequence, pair) or _contains(name, pair) for pair in pairs
                    )
                    score += 0.2 * together / len(pairs)
                if len(plain) > 2 and as_typed.get(position, 0) >= 2 and position in told:
                    # The longest run of the query's words, as typed, in the text or id.
                    run = _longest_run(plain, self._flats[position], telling, typed_pairs)
                    score += 0.3 * run / len(plain)
            if cued and tags:
                score += 0.15 * (tags[0] in cued) + 0.05 * bool(cued.intersection(tags[1:]))
            # Every word as typed, "why" and "you" too, decides between equals.
            score += 0.1 * as_typed.get(position, 0) / len(plain)
            roles = self.questions[position].roles
            if roles and role not in roles:
                score *= _ROLE_SPECIFIC
            # Between equals, the shorter question is the one about this.
            score -= 0.002 * len(doc_sequence)
            hits.append(Hit(self.questions[position], round(100 * score / _WHOLE, 1), complete))
        hits.sort(key=lambda h: -h.score)
        if not hits:
            return []
        floor = hits[0].score * 0.3
        return [h for h in hits if h.score >= floor]


def _key(questions: Sequence[Question], competencies: Mapping[str, Competency]) -> str:
    """What identifies an index: all a search reads of the questions and competencies, the
    index's format, prep's version and the installed lemma dictionary."""
    import hashlib
    import marshal

    from prepcoach import __version__

    stamp = _dictionary_stamp()
    digest = hashlib.blake2b(f"{_INDEX_FORMAT}\0{__version__}\0{stamp}".encode(), digest_size=20)
    rows = [
        (
            q.id,
            q.text,
            q.assesses,
            q.probes,
            q.tips,
            tuple((lf.label, lf.cues) for lf in q.look_fors),
            q.focus,
            q.competencies,
            bool(q.roles),
        )
        for q in questions
    ]
    digest.update(marshal.dumps(rows))
    digest.update(marshal.dumps([(c.id, c.name, c.cues) for c in competencies.values()]))
    return digest.hexdigest()


# A pack file changed this close to an index being written may have changed unseen (within
# the file system's clock granularity): such an index is built again rather than trusted.
_RACY_NS = 2_000_000_000


def _source_key(
    questions: Sequence[Question], competencies: Mapping[str, Competency], sources: Sequence[Path]
) -> str | None:
    """The questions' and competencies' ids and their pack files' identities, or None when a
    file cannot be read or changed so lately that its identity might not show it."""
    import hashlib
    import time

    from prepcoach import __version__

    digest = hashlib.blake2b(f"{_INDEX_FORMAT}\0{__version__}\0files".encode(), digest_size=20)
    digest.update("\0".join(q.id for q in questions).encode("utf-8", "surrogatepass"))
    digest.update(("\1" + "\0".join(competencies)).encode("utf-8", "surrogatepass"))
    now = time.time_ns()
    for source in sources:
        try:
            st = source.stat()
        except OSError:
            return None
        if now - max(st.st_mtime_ns, st.st_ctime_ns) < _RACY_NS:
            return None
        identity = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        digest.update(repr(identity).encode("utf-8", "surrogatepass"))
    digest.update(_dictionary_stamp().encode())
    return "f" + digest.hexdigest()


def _dictionary_stamp() -> str:
    """Which lemma dictionary is installed (lemmas, and so every index, depend on it)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("simplemma")
    try:
        return str(os.stat(spec.origin).st_mtime_ns) if spec and spec.origin else ""
    except OSError:
        return ""


def _index_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"search-{key[:32]}.bin"


def _read_index(cache_dir: Path, key: str) -> dict[str, Any] | None:
    import marshal

    try:
        raw = marshal.loads(_index_file(cache_dir, key).read_bytes())
        if not isinstance(raw, dict) or raw.get("key") != key or raw.get("format") != _INDEX_FORMAT:
            return None
        data = raw["data"]
        return data if isinstance(data, dict) else None
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None  # a missing or damaged index only costs building it again


def _write_index(cache_dir: Path, key: str, data: dict[str, Any]) -> None:
    """Keep the index for the next search (private, written whole or not at all), and only
    the `_INDEX_SLOTS` most recently written."""
    import marshal
    import os

    from prepcoach.kernel.errors import PrepError
    from prepcoach.kernel.files import private_folder

    target = _index_file(cache_dir, key)
    try:
        private_folder(cache_dir)
        tmp = cache_dir / f".{target.name}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps({"format": _INDEX_FORMAT, "key": key, "data": data}))
        os.replace(tmp, target)
        entries = []
        for path in cache_dir.glob("search-*.bin"):
            try:
                entries.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue
        for _written, path in sorted(entries)[: max(0, len(entries) - _INDEX_SLOTS)]:
            path.unlink(missing_ok=True)
    except (OSError, ValueError, PrepError):
        pass  # a read-only or full cache dir must never stop a search


def _longest_run(
    words: Sequence[str], flat: str, telling: Sequence[bool], pairs: Sequence[str]
) -> int:
    """How many of `words`, one after the other and at least two with one that tells what
    about (`telling`), are found together in `flat` (a text's words joined by spaces);
    `pairs` are the words two by two, as they would be found there."""
    best = 0
    for start, pair in enumerate(pairs):
        if pair not in flat:
            continue
        end = start + 2
        while end < len(words) and f" {' '.join(words[start : end + 1])} " in flat:
            end += 1
        if end - start > best and any(telling[start:end]):
            best = end - start
    return best


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return any(tuple(haystack[i : i + n]) == tuple(needle) for i in range(len(haystack) - n + 1))


def search_questions(
    questions: Iterable[Question],
    query: str,
    competencies: Mapping[str, Competency] | None = None,
    *,
    cache_dir: Path | None = None,
    sources: Sequence[Path] = (),
    role: str | None = None,
) -> list[Question]:
    """The questions matching `query`, best first (see the module's docstring); with a
    `role`, that role's questions count as much as those for everyone."""
    index = QuestionIndex(questions, competencies, cache_dir=cache_dir, sources=sources)
    return [hit.question for hit in index.search(query, role=role)]


def search_hint(
    query: str,
    questions: Iterable[Question],
    *,
    cache_dir: Path | None = None,
    sources: Sequence[Path] = (),
) -> str:
    """What to try when a search finds nothing: known words close to the ones typed."""
    from rapidfuzz import fuzz, process

    index = QuestionIndex(questions, cache_dir=cache_dir, sources=sources)
    near: list[str] = []
    read = " ".join(_split(query)[:_LONGEST_QUERY])
    for term in (t for t in dict.fromkeys(index.terms(read)) if len(t) <= 30):
        for word, _score, _ in process.extract(
            term, index.vocabulary, scorer=fuzz.ratio, score_cutoff=72, limit=2
        ):
            if word not in near and word != term:
                near.append(word)
    tip = "Try fewer or more everyday words"
    if near:
        tip += ", or: " + ", ".join(near[:5])
    return tip + "; browse by --competency or --category, or drop other filters."
