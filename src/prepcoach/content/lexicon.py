"""Finding the content's lexicons in what people write: competency and skill cues.

Competencies and skills carry `cues` in content (extendable by packs): phrases that signal
them in a concern noted after an interview, a job posting or an imported question. A cue is
found in a text when all of its content words are there as lemmas (kernel.text), so
"presenting to" finds "never presented to execs"; a cue's weight is how specific its words
are across the whole lexicon (a word only one competency's cues use says more than one many
share). A skill is also found by its name or id as written ("SQL", "power bi"): skills are
nouns a recruiter would search for, so their surface form is what is reported.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.kernel import text as tx

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary


def lemmas(text: str) -> tuple[str, ...]:
    """The content lemmas of a text, in order, hyphens and slashes read as spaces."""
    return tx.content_lemmas(text.replace("-", " ").replace("/", " "))


def surface(text: str) -> tuple[str, ...]:
    """The words of a text as written, lower case (for names: "C++" stays "c")."""
    return tuple(tx.words(tx.normalise(text.replace("/", " "))))


def _related(a: str, b: str) -> bool:
    """Same lemma, or one derived from the other ("prioritise", "prioritisation"): stricter
    than kernel.text.related, so that "concept" is not "concession", nor "manager"
    "management"."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    stem = short.removesuffix("e")  # "prioritise" -> "prioritis(ation)"
    return len(stem) >= 6 and long_.startswith(stem)


@dataclass(frozen=True, slots=True)
class Cue:
    item: str  # the competency or skill id
    phrase: str  # as written in content
    lemmas: tuple[str, ...]
    words: tuple[str, ...]  # as written, for skills matched by their surface form
    name: bool  # the item's own name or id, not one of its cues

    @property
    def as_phrase(self) -> bool:
        """Found only as the whole phrase: a cue mostly of small words ("why do you want")
        says nothing by its one content word alone."""
        return 2 * len(self.lemmas) <= len(self.words) and len(self.words) > 1

    @property
    def lemma_words(self) -> tuple[str, ...]:
        return tuple(tx.lemma(w) for w in self.words)


@dataclass(frozen=True, slots=True)
class Found:
    """An item found in a text, with how strongly and by which cues."""

    item: str
    score: float
    cues: tuple[Cue, ...]  # every cue found, best first
    partial: float  # the weight of cues only partly there (some of their words)

    @property
    def best(self) -> Cue:
        return self.cues[0]


class TextLemmas:
    """A text as a set of lemmas and a sequence of words, for finding cues in it."""

    def __init__(self, text: str) -> None:
        self.lemmas = frozenset(lemmas(text))
        self.words = surface(text)
        self.lemma_words = tuple(tx.lemma(w) for w in self.words)
        self._by_prefix: dict[str, set[str]] = {}
        for lemma in self.lemmas:
            if len(lemma) >= 5:
                self._by_prefix.setdefault(lemma[:5], set()).add(lemma)

    def has(self, lemma: str) -> bool:
        if lemma in self.lemmas:
            return True
        if len(lemma) < 5:
            return False
        return any(_related(lemma, other) for other in self._by_prefix.get(lemma[:5], ()))

    def near(self, cue: Cue) -> bool:
        """All the cue's lemmas within a few words of each other (in any order)."""
        spots = [[i for i, w in enumerate(self.lemma_words) if _related(w, x)] for x in cue.lemmas]
        if not all(spots):
            return False
        if len(spots) == 1:
            return True
        reach = len(cue.words) + 3
        return any(
            all(any(abs(j - i) <= reach for j in other) for other in spots[1:]) for i in spots[0]
        )

    def has_words(self, cue: Cue) -> bool:
        """The cue's words, in this order and next to each other, as written or as lemmas."""
        return self.span(cue) is not None

    def span(self, cue: Cue) -> str | None:
        """The text's words that say the cue, lower case ("pay band" for "pay bands")."""
        pairs = [(self.words, cue.words)]
        if all(len(w) > 3 for w in cue.words):  # "ATS" is not the plural of "at"
            pairs.append((self.lemma_words, cue.lemma_words))
        for mine, theirs in pairs:
            at = _within(mine, theirs)
            if at is not None:
                return " ".join(self.words[at : at + len(theirs)])
        return None


def _within(haystack: Sequence[str], needle: Sequence[str]) -> int | None:
    n = len(needle)
    if not n:
        return None
    for i in range(len(haystack) - n + 1):
        if tuple(haystack[i : i + n]) == tuple(needle):
            return i
    return None


class CueIndex:
    """Every cue of a set of items (competencies or skills), with each lemma's specificity."""

    def __init__(self, cues: Iterable[Cue], *, by_surface: bool = False) -> None:
        self.cues = [c for c in cues if c.lemmas or c.words]
        self.by_surface = by_surface
        items_with: dict[str, set[str]] = {}
        for cue in self.cues:
            for lemma in cue.lemmas:
                items_with.setdefault(lemma, set()).add(cue.item)
        total = len({c.item for c in self.cues}) or 1
        self.idf = {lemma: math.log(1 + total / len(items)) for lemma, items in items_with.items()}

    def weight(self, cue: Cue) -> float:
        return sum(self.idf.get(lemma, 1.0) for lemma in cue.lemmas) or 1.0

    def find(self, text: str | TextLemmas) -> list[Found]:
        """The items whose cues the text holds, best first."""
        seen = text if isinstance(text, TextLemmas) else TextLemmas(text)
        full: dict[str, list[tuple[float, Cue]]] = {}
        partial: dict[str, float] = {}
        for cue in self.cues:
            if self.by_surface or cue.as_phrase:
                hit = seen.has_words(cue)
            else:
                hit = bool(cue.lemmas) and all(seen.has(x) for x in cue.lemmas) and seen.near(cue)
            if hit:
                full.setdefault(cue.item, []).append((self.weight(cue), cue))
            elif not self.by_surface and not cue.as_phrase and len(cue.lemmas) > 1:
                some = sum(self.idf.get(x, 1.0) for x in cue.lemmas if seen.has(x))
                if some:
                    partial[cue.item] = max(partial.get(cue.item, 0.0), some)
        out: list[Found] = []
        for item in set(full) | set(partial):
            hits = sorted(full.get(item, []), key=lambda pair: -pair[0])
            # The best cue counts whole, each further one a little: two cues of one item
            # found in a note are more telling than one, but not twice as telling.
            score = sum(w / (1 + i) for i, (w, _c) in enumerate(hits))
            out.append(Found(item, score, tuple(c for _w, c in hits), partial.get(item, 0.0)))
        out.sort(key=lambda f: (-f.score, -f.partial, f.item))
        return out


def competency_index(library: ContentLibrary) -> CueIndex:
    """The competencies' names and cues."""
    cues: list[Cue] = []
    for c in library.competencies.values():
        for name in dict.fromkeys((c.name, c.id.replace("-", " "))):
            cues.append(Cue(c.id, name, lemmas(name), surface(name), True))
        for phrase in c.cues:
            cues.append(Cue(c.id, phrase, lemmas(phrase), surface(phrase), False))
    return CueIndex(cues)


def skill_index(library: ContentLibrary) -> CueIndex:
    """The skills' names, ids and cues, matched as written."""
    cues: list[Cue] = []
    for s in library.skills.values():
        names = {s.name, s.id.replace("-", " "), *s.cues}
        for phrase in sorted(names):
            words = surface(phrase)
            if len(words) == 1 and len(words[0]) == 1 and phrase not in s.cues:
                continue  # a one-letter name ("R") only by a cue that says more
            if all(tx.is_stop(w) for w in words):
                continue  # "AT", "IT": in lower case, everyday words
            cues.append(Cue(s.id, phrase, lemmas(phrase), words, phrase == s.name))
    return CueIndex(cues, by_surface=True)


def skill_terms(found: Found, seen: TextLemmas) -> tuple[str, ...]:
    """How a found skill is named: the text's words for the shortest of its cues found,
    lower case ("sql" rather than "sql queries" when both are there)."""
    spans = {seen.span(c) or " ".join(c.words) for c in found.cues}
    phrases = sorted(spans, key=lambda p: (len(p), p))
    kept: list[str] = []
    for phrase in phrases:
        if not any(f" {k} " in f" {phrase} " for k in kept):
            kept.append(phrase)
    return tuple(kept)
