"""Question search: what a candidate types ("push back stakeholder", "weakenss") ranked
against the bank, best first.

Each question is read as weighted fields: its text counts most, then its id, the names of its
competencies, what it assesses, and last its probes, tips, look-fors and its competencies'
cues (which carry the everyday words a question's text may not use). Words are compared as
lemmas (kernel.text), derived forms count a little less ("prioritise", "prioritisation"), and
a word the bank does not know is read as the nearest words it does (typos). A question's score
is the share of the query it covers, rare words counting more (IDF); questions that hold every
word of the query, or the query as a phrase, come before those that hold some of it.

The bank is analysed once into postings (each lemma with the questions holding it, field by
field) and kept in the cache dir, keyed by everything a search reads of the questions; a
search then touches only the questions that hold one of its words. A query's words are read
through the bank's own forms, so a search never loads the lemma dictionary.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prepcoach.kernel import text as tx

if TYPE_CHECKING:
    from array import array
    from pathlib import Path

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


# The fields of a question, in the order their postings are kept.
_FIELDS = ("text", "id", "competency", "assesses", "detail", "cues")
_FIELD_WEIGHTS = (_TEXT, _ID, _COMPETENCY, _ASSESSES, _DETAIL, _CUES)
_CORE = frozenset({0, 1})  # text and id: a query word found there counts as found
_INDEX_FORMAT = 1  # raise when what an index holds, or how it is read, changes
_INDEX_SLOTS = 8  # search indexes kept in the cache dir; the least recently written go first


def _query_terms(text: str, forms: Mapping[str, str]) -> tuple[str, ...]:
    """Like `_terms`, for a query: its words read through the bank's own forms (every word
    of the bank, and every form the dictionary gives of one of its lemmas), so that a search
    never loads the lemma dictionary; a word the bank has no form of stays as typed."""
    out: list[str] = []
    found = tx.words(tx.normalise(text.replace("-", " ").replace("/", " ")))
    for i, word in enumerate(found):
        word = _NUMBERS.get(word, word)
        if tx.is_stop(word) and not word.isdigit():
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


def _build(questions: Sequence[Question], competencies: Mapping[str, Competency]) -> dict[str, Any]:
    """Read every question into its fields' lemmas, kept as postings (lemma -> the questions
    holding it, one array of positions per field) with what scoring needs of each question."""
    from array import array

    per_competency = {
        c.id: (
            frozenset(_terms(f"{c.id} {c.name}")),
            frozenset(_terms(" ".join(c.cues))),
            tuple(_terms(c.name)),
        )
        for c in competencies.values()
    }
    postings: list[dict[str, array[int]]] = [{} for _ in _FIELDS]
    plain: dict[str, array[int]] = {}  # words as written (stop words too) of text and id
    counts: dict[str, int] = {}
    sequences: list[tuple[str, ...]] = []
    flats: list[str] = []
    named: list[tuple[tuple[str, ...], ...]] = []
    surface: set[str] = set()
    for c in competencies.values():
        for piece in (c.id, c.name, *c.cues):
            surface.update(tx.words(tx.normalise(piece.replace("-", " ").replace("/", " "))))
    for position, question in enumerate(questions):
        known = [per_competency[c] for c in question.competencies if c in per_competency]
        detail = [*question.probes, *question.tips, *(lf.label for lf in question.look_fors)]
        sequence = _terms(question.text)
        fields = (
            frozenset(sequence),
            frozenset(_terms(question.id)),
            _union(k[0] for k in known),
            frozenset(_terms(question.assesses)),
            _union(_terms(piece) for piece in detail),
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
        flat = " ".join(tx.words(tx.normalise(question.text)))
        for word in frozenset(tx.words(f"{flat} {question.id.replace('-', ' ')}")):
            found = plain.get(word)
            if found is None:
                plain[word] = found = array("i")
            found.append(position)
        sequences.append(sequence)
        flats.append(flat)
        named.append(tuple(k[2] for k in known))
        for piece in (question.text, question.id, question.assesses, *detail):
            surface.update(tx.words(tx.normalise(piece.replace("-", " ").replace("/", " "))))
    total = len(questions) or 1
    return {
        "postings": [{k: v.tobytes() for k, v in table.items()} for table in postings],
        "plain": {k: v.tobytes() for k, v in plain.items()},
        "idf": {lemma: math.log(1 + total / n) for lemma, n in counts.items()},
        "sequences": sequences,
        "flats": flats,
        "named": named,
        "general": [not q.roles for q in questions],
        "forms": _forms(surface, frozenset(counts)),
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
    complete: bool  # every word of the query found in the question's text or id


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
        self._flats: list[str] = data["flats"]
        self._named: list[tuple[tuple[str, ...], ...]] = data["named"]
        self._general: list[bool] = data["general"]
        self._forms: dict[str, str] = data["forms"]
        self._vocabulary: list[str] | None = None

    @property
    def vocabulary(self) -> list[str]:
        """Every lemma of the bank, sorted."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self.idf)
        return self._vocabulary

    def terms(self, query: str) -> tuple[str, ...]:
        """The query's words as the bank's lemmas (see `_query_terms`)."""
        return _query_terms(query, self._forms)

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

    def _cover(
        self, terms: Sequence[str], readings: Mapping[str, list[tuple[str, float]]]
    ) -> tuple[dict[int, float], dict[int, int], dict[str, float]]:
        """Per question holding a query word: how much of the query it covers (the best of
        each term's readings over the fields, a derived word counting 0.8, weighted by the
        term's rarity), and how many terms it holds in its text or id; and the weights."""
        # The bank's words derived from each reading ("prioritise" for "prioritisation"),
        # found once over the vocabulary rather than once per question.
        derived = {
            word: [v for v in self.vocabulary if v != word and tx.related(word, v)]
            if len(word) >= 5
            else []
            for reading in readings.values()
            for word, _quality in reading
        }
        rare = max(self.idf.values(), default=1.0)
        weight = {t: max(self.idf.get(w, rare) for w, _ in readings[t]) for t in terms}
        covered: dict[int, float] = {}
        core: dict[int, int] = {}
        for term in terms:
            best: dict[int, float] = {}
            in_core: set[int] = set()
            for word, quality in readings[term]:
                for field, field_weight in enumerate(_FIELD_WEIGHTS):
                    table = self._postings[field]
                    exact = set(_positions(table.get(word)))
                    near = {p for v in derived[word] for p in _positions(table.get(v))}
                    for found, positions in ((1.0, exact), (0.8, near - exact)):
                        value = found * quality * field_weight
                        for position in positions:
                            if value > best.get(position, 0.0):
                                best[position] = value
                        if field in _CORE:
                            in_core.update(positions)
            for position, value in best.items():
                covered[position] = covered.get(position, 0.0) + weight[term] * value
            for position in in_core:
                core[position] = core.get(position, 0) + 1
        return covered, core, weight

    def search(self, query: str) -> list[Hit]:
        """Questions matching `query`, best first; those covering little of it left out."""
        sequence = self.terms(query)
        terms = [t for t in dict.fromkeys(sequence) if t not in _ASKING] or list(
            dict.fromkeys(sequence)
        )
        if not terms:
            return []
        readings = {t: self._readings(t) for t in terms}
        covered, core, weight = self._cover(terms, readings)
        total = sum(weight.values())
        phrase = " ".join(tx.words(tx.normalise(query)))
        plain = tx.words(phrase)
        as_typed: dict[int, int] = {}  # words of the query as typed, stop words too
        for word in plain:
            for position in _positions(self._plain.get(word)):
                as_typed[position] = as_typed.get(position, 0) + 1
        pairs = list(zip(sequence, sequence[1:], strict=False))
        hits: list[Hit] = []
        for position in sorted(covered):  # in the bank's order, so equals keep it
            if not covered[position]:
                continue
            doc_sequence = self._sequences[position]
            score = covered[position] / total
            complete = core.get(position, 0) == len(terms)
            if complete and len(terms) > 1:
                score += 0.25
            if len(sequence) > 1 and (
                phrase in self._flats[position] or _contains(doc_sequence, sequence)
            ):
                score += 0.5
            elif len(sequence) > 1 and sequence in self._named[position]:
                score += 0.4  # the query is the name of a competency it tests
            elif pairs:
                # Words next to each other in the query, and in the question.
                together = sum(_contains(doc_sequence, pair) for pair in pairs)
                score += 0.2 * together / len(pairs)
            # Every word as typed, "why" and "you" too, decides between equals.
            score += 0.1 * as_typed.get(position, 0) / len(plain)
            if not self._general[position]:
                score *= 0.9
            # Between equals, the shorter question is the one about this.
            score -= 0.002 * len(doc_sequence)
            hits.append(Hit(self.questions[position], round(100 * score / 1.75, 1), complete))
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
            tuple(lf.label for lf in q.look_fors),
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
        if not isinstance(raw, dict) or raw.get("key") != key or raw.get("format") != 1:
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
            handle.write(marshal.dumps({"format": 1, "key": key, "data": data}))
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
) -> list[Question]:
    """The questions matching `query`, best first (see the module's docstring)."""
    index = QuestionIndex(questions, competencies, cache_dir=cache_dir, sources=sources)
    return [hit.question for hit in index.search(query)]


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
    for term in dict.fromkeys(index.terms(query)):
        for word, _score, _ in process.extract(
            term, index.vocabulary, scorer=fuzz.ratio, score_cutoff=72, limit=2
        ):
            if word not in near and word != term:
                near.append(word)
    tip = "Try fewer or more everyday words"
    if near:
        tip += ", or: " + ", ".join(near[:5])
    return tip + "; browse by --competency or --category, or drop other filters."
