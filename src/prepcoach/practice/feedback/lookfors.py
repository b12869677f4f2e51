"""Look-fors by meaning: a look-for is met when one sentence holds all the words of its
label or of a cue (lemmas, not negated), with the words that show it quoted; those not found
are missing, or unsure when their absence proves little.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from prepcoach.content.model import LookFor, Question
from prepcoach.kernel import text as kt
from prepcoach.practice.feedback.base import (
    _NUMERIC_WORDS,
    COSTS,
    UNSURE_WORDS,
    Finding,
    Severity,
    _find,
    _key_lemmas,
)

if TYPE_CHECKING:
    from prepcoach.practice.feedback.facts import _Facts


# --- rule 6: look-fors ---------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _cue_lemmas(cue: str) -> tuple[str, ...]:
    return kt.phrase_lemmas(cue)


# Words at either end of a cue that only point ("this role", "send you", "applied it"):
# dropped from the phrase, where particles ("carried it out", "better off") are kept.
_POINTING: Final = frozenset(
    "a an the this that these those my your our their his her its it me you us them".split()
)


@functools.lru_cache(maxsize=8192)
def _cue_sequence(cue: str) -> tuple[str, ...]:
    """A cue's words as lemmas, in order, stop words kept but for pointing words at its
    ends."""
    lemmas = [t.lemma for t in kt.tokens(kt.normalise(cue))]
    while lemmas and lemmas[0] in _POINTING:
        lemmas.pop(0)
    while lemmas and lemmas[-1] in _POINTING:
        lemmas.pop()
    return tuple(lemmas)


@functools.lru_cache(maxsize=8192)
def _small_words_phrase(cue: str) -> tuple[str, ...]:
    """A cue made only of small words ("what if", "I should have", "so that"), as the words
    it is met by, in order: the phrase itself says what no one of its words does. Empty if
    the cue has a content word, or fewer than two words."""
    if _cue_lemmas(cue):
        return ()
    sequence = _cue_sequence(cue)
    return sequence if len(sequence) >= 2 else ()


@functools.lru_cache(maxsize=8192)
def _one_word_phrase(cue: str) -> tuple[str, ...]:
    """A cue of several words with one plain content word among them ("carried it out",
    "better off", "asked them what"), as the words it is met by, in order: the phrase, not
    its word, even where the word is the question's. Empty for any other cue."""
    lemmas = _cue_lemmas(cue)
    if len(lemmas) != 1 or not _plain(lemmas[0]):
        return ()
    sequence = _cue_sequence(cue)
    return sequence if len(sequence) >= 2 else ()


def never_met(cue: str, asked: frozenset[str] = frozenset()) -> str | None:
    """Why a cue can never show its look-for, or None: it has no word to look for once its
    small words are set aside and it is not a phrase of several of them ("why", "TA", which
    is read as "to"), it is only a negation, or (given the question's own words, `asked`) it
    only repeats the question."""
    lemmas = _cue_lemmas(cue)
    if not lemmas and not _small_words_phrase(cue):
        return "it has no word to look for: only small words like 'the', 'so', 'why' or figures"
    if lemmas == (kt.NEGATION,):
        return "it is only a negation"
    if lemmas and all(x in asked for x in lemmas) and not _one_word_phrase(cue):
        return "it only repeats the question's words, which prove nothing"
    return None


def unmatchable_cues(questions: Iterable[Question]) -> Iterator[tuple[str, str]]:
    """(question id, what is wrong) for every look-for cue of these questions that can never
    show its look-for (see `never_met`), for content validation to warn about."""
    for question in questions:
        asked = _asked(question)
        for look_for in question.look_fors:
            for cue in look_for.cues:
                why = never_met(cue, asked)
                if why:
                    yield (
                        question.id,
                        f"look-for '{look_for.label}': cue '{cue}' can never match: {why}",
                    )


def _plain(lemma: str) -> bool:
    """A word met as itself: not negated, not a number word."""
    return lemma not in _NUMERIC_WORDS and not lemma.startswith(kt.NEGATED) and lemma[0] != "#"


def _cue_match(
    index: kt.SentenceIndex, cue: str, asked: frozenset[str], label: bool = False
) -> kt.Match | None:
    """Where a cue is met: all its content words in one sentence (for a look-for's label,
    which says more than it needs to, all but one of three or more), none negated; a cue of
    several words with one plain content word among them, as the phrase itself. Words about
    numbers are met by a figure in the sentence. Words of the question alone prove
    nothing: repeating the question does not cover what it looks for."""
    lemmas = _key_lemmas(cue) if label else _cue_lemmas(cue)
    if not lemmas and not label and _small_words_phrase(cue):
        return index.find_sequence(_small_words_phrase(cue))  # "what if", "so that"
    if not label and _one_word_phrase(cue):  # "carried it out", "asked them what"
        return index.find_sequence(_one_word_phrase(cue))
    if not lemmas or lemmas == (kt.NEGATION,) or all(x in asked for x in lemmas):
        return None  # nothing to look for but a negation ("not doing"), or the question
    lemmas = tuple(
        kt.FIGURE if x in _NUMERIC_WORDS or x.startswith("quantif") else x for x in lemmas
    )
    found = index.find(lemmas)
    if found is None and label and len(lemmas) >= 3:
        for skip in range(len(lemmas)):
            found = index.find(lemmas[:skip] + lemmas[skip + 1 :])
            if found is not None:
                break
    return found


def _match_look_fors(
    question: Question, index: kt.SentenceIndex
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Covered look-fors with their evidence, and those not found. A look-for's label and
    each of its cues are tried in turn; one made only of generic words can't be checked."""
    covered: dict[str, str] = {}
    missing: list[str] = []
    asked = _asked(question)
    for look_for in question.look_fors:
        phrases = [look_for.label, *look_for.cues]
        if not _key_lemmas(look_for.label) and all(never_met(c) for c in look_for.cues):
            continue
        for n, phrase in enumerate(phrases):
            found = _cue_match(index, phrase, asked, label=n == 0)
            if found is not None:
                covered[look_for.label] = found.quote
                break
        else:
            missing.append(look_for.label)
    return covered, tuple(missing)


@functools.lru_cache(maxsize=512)
def _asked(question: Question) -> frozenset[str]:
    return frozenset(kt.content_lemmas(question.text))


def _partly_met(index: kt.SentenceIndex, look_for: LookFor) -> bool:
    """Half or more of the words of the label or of a cue of two words or more occur in one
    sentence: the look-for may be there in other words."""
    phrases = [_key_lemmas(look_for.label), *(_cue_lemmas(c) for c in look_for.cues)]
    for lemmas in phrases:
        if len(lemmas) < 2:
            continue
        places = [index.sentences_with(x) for x in lemmas]
        for i in set().union(*places):
            if 2 * sum(i in p for p in places) >= len(lemmas):
                return True
    return False


def _unsure(f: _Facts) -> tuple[str, ...]:
    """Look-fors not found whose absence proves little: partly there, or not found in a
    detailed answer, where they may well be met in other words. A short answer that meets
    none of its look-fors is told they are missing: a few words here and there are no sign
    that it says them in other words."""
    if not f.missing:
        return ()
    detailed = f.word_count >= UNSURE_WORDS
    if not detailed and not f.covered:
        return ()
    by_label = {lf.label: lf for lf in f.question.look_fors}
    return tuple(m for m in f.missing if detailed or _partly_met(f.index, by_label[m]))


def _look_fors(
    covered: Mapping[str, str], missing: Sequence[str], unsure: Sequence[str]
) -> Iterator[Finding]:
    """Which of the question's look-fors the answer covers, quoting the words that show it,
    and those not found: missing, or unsure when their absence proves little."""
    if covered:
        shown = "; ".join(f"{label}: \u2018{quote}\u2019" for label, quote in covered.items())
        yield _find("lookfor.covered", "good", 0, f"Covered: {shown}.", covered)
    if missing:
        severity: Severity = "warn" if len(missing) > len(covered) + len(unsure) else "tip"
        message = (
            f"I did not find: {'; '.join(missing)}. If you said it in other words, ignore this."
        )
        yield _find("lookfor.missing", severity, COSTS, message, missing)
    if unsure:
        message = (
            f"I could not tell whether you covered: {'; '.join(unsure)}. If you did, in "
            "other words, ignore this."
        )
        yield _find("lookfor.unsure", "tip", COSTS, message, unsure)


# --- focus: what an answer must be about ---------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _focus_lemmas(phrase: str) -> tuple[str, ...]:
    """A focus phrase's words as they are met: its content lemmas, negations kept, words
    about numbers met by a figure. Unlike a cue, the question's own words count: "my
    manager" is what a question about the manager is about."""
    return tuple(
        kt.FIGURE if x in _NUMERIC_WORDS or x.startswith("quantif") else x
        for x in _cue_lemmas(phrase)
        if x != kt.NEGATION
    )


def _places(index: kt.SentenceIndex, lemmas: Sequence[str]) -> set[int]:
    """Every sentence holding all the lemmas (or related ones), none negated."""
    if not lemmas:
        return set()
    places = [index.sentences_with(x) for x in lemmas]
    return set.intersection(*places) if all(places) else set()


def _sequence_places(index: kt.SentenceIndex, sequence: Sequence[str], among: set[int]) -> set[int]:
    """The sentences, among these, holding the lemmas one after the other, un-negated."""
    size = len(sequence)
    found: set[int] = set()
    for i in among:
        toks = index.tokens[i]
        for start in range(len(toks) - size + 1):
            window = toks[start : start + size]
            if all(t.lemma == x and not t.negated for t, x in zip(window, sequence, strict=True)):
                found.add(i)
                break
    return found


def _focus_places(index: kt.SentenceIndex, phrase: str) -> set[int]:
    """The sentences that meet a focus phrase as a cue is met: all its content words, or, for
    a phrase of several words with one content word ("reported to", "head of"), the phrase
    itself, so that "my report showed" is not "the person I reported to"."""
    lemmas = _focus_lemmas(phrase)
    if len(lemmas) == 1 and _plain(lemmas[0]):
        sequence = _cue_sequence(phrase)
        if len(sequence) >= 2:
            return _sequence_places(index, sequence, index.sentences_with(lemmas[0]))
    return _places(index, lemmas)


def _focus_met(index: kt.SentenceIndex, focus: Sequence[str]) -> tuple[set[int], kt.Match | None]:
    """The sentences that meet any of the focus phrases, and the first of them with the
    words that show it."""
    met: set[int] = set()
    first: kt.Match | None = None
    for phrase in focus:
        found = _focus_places(index, phrase)
        if found and (first is None or min(found) < first.sentence):
            lemmas = _focus_lemmas(phrase)
            first = kt.Match(min(found), index._quote(min(found), lemmas))
        met |= found
    return met, first
