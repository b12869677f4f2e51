"""Relevance: whether the answer addresses the question asked, judged against the whole
question bank: an answer that fits many other questions better is off-topic, unless it shows
clear signs of this one.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final

from prepcoach.content.model import Competency, Question
from prepcoach.kernel import text as kt
from prepcoach.practice.feedback.base import (
    _EVERYDAY,
    _GENERIC,
    _NUMERIC_WORDS,
    _QUESTION_WORDS,
    PART_MAXIMA,
    Finding,
    _covers,
    _find,
    _key_lemmas,
    _quote,
)
from prepcoach.practice.feedback.lookfors import (
    _asked,
    _cue_lemmas,
    _cue_match,
    _cue_sequence,
    _focus_lemmas,
    _focus_met,
    _focus_places,
)
from prepcoach.practice.feedback.rules import (
    _DEFLECT,
    _REFERENCE,
    _ROLE_LINK,
    _amounts,
    _asks_salary,
    _mentions,
    _salary_range,
)

if TYPE_CHECKING:
    from prepcoach.practice.feedback.facts import _Facts

# --- relevance -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _question_terms(question: Question) -> tuple[str, ...]:
    """What the question is about: its own content words and its competencies' names."""
    terms = list(kt.content_lemmas(question.text, _QUESTION_WORDS))
    for competency in question.competencies:
        for lemma in kt.content_lemmas(competency.replace("-", " "), _QUESTION_WORDS):
            if lemma not in terms:
                terms.append(lemma)
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A look-for's label or cue as the bank matches it: its lemmas, all to be met in one
    sentence."""

    question: str  # question id
    look_for: int  # the look-for's place in the question
    lemmas: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Focus:
    """A focus phrase of a question of the bank."""

    question: str  # question id
    text: str


@dataclass(frozen=True, slots=True)
class Fit:
    """How an answer fits the question asked, against the rest of the bank."""

    better: float  # the share of the bank's questions that fit it better
    share: float  # its fit with the question as a share of its best fit with any question
    strongest: float  # its largest weighted word overlap with any question
    best: str | None  # the question it fits best, when not this one


@dataclass(frozen=True)
class QuestionBank:
    """What relevance is judged against: every question of the bank described by its words
    (its text, look-fors and cues, what it assesses, its tips and probes, its competencies),
    each weighted by how rare it is over the bank, and its look-fors' phrases. An answer is
    on the question asked when that question is among those that fit it best."""

    idf: Mapping[str, float] = field(default_factory=dict)
    competencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rarest: float = 1.0
    # lemma -> (question id, weight) for every question about it, weights scaled by the
    # square root of the question's profile norm, so that wordy questions don't win alone
    postings: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    size: int = 0
    # a phrase's first lemma -> the look-for phrases starting with it, over the bank
    phrases: Mapping[str, tuple[_Phrase, ...]] = field(default_factory=dict)
    look_fors: Mapping[str, int] = field(default_factory=dict)  # question id -> how many
    # a lemma -> how many questions of the bank are about it
    frequency: Mapping[str, int] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)  # question id -> its text
    # a focus phrase's first lemma -> the focus phrases starting with it, over the bank
    focus: Mapping[str, tuple[_Focus, ...]] = field(default_factory=dict)
    # question id -> its focus phrases
    focus_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # the last answer's fits, which relevance asks for more than once
    _last: list[tuple[kt.SentenceIndex, tuple[dict[str, float], float]]] = field(
        default_factory=list, compare=False, repr=False
    )

    def specific(self, lemma: str) -> bool:
        """A word that says what an answer is about: few of the bank's questions are about
        it, or none is while it is no everyday or number word."""
        if lemma in self.frequency:
            return self.frequency[lemma] <= max(3, self.size * SPECIFIC_SHARE)
        plain = lemma.isalpha() and len(lemma) > 2
        return plain and lemma not in _EVERYDAY and lemma not in _GENERIC and not kt.is_stop(lemma)

    def focus_strength(self, question: str, index: kt.SentenceIndex) -> int:
        """How clearly the answer meets the question's focus: 2 through a phrase of several
        words ("the person I reported to", "reported to"), 1 through one specific word
        ("outage"), 0 through common words alone ("the team", "deadline") or not at all.
        A single word is weak evidence: stories name deadlines and teams whatever they
        are about."""
        strength = 0
        for phrase in self.focus_phrases.get(question, ()):
            lemmas = _focus_lemmas(phrase)
            several = len(lemmas) >= 2 or len(_cue_sequence(phrase)) >= 2
            level = 2 if several else 1 if self.specific(lemmas[0]) else 0
            if level > strength and _focus_places(index, phrase):
                strength = level
                if strength == 2:
                    break
        return strength

    def focus_met(self, index: kt.SentenceIndex) -> dict[str, set[int]]:
        """The questions of the bank whose focus the answer meets, each with the sentences
        that meet it."""
        met: dict[str, set[int]] = {}
        for lemma in index.lemmas:
            for phrase in self.focus.get(lemma, ()):
                found = _focus_places(index, phrase.text)
                if found:
                    met.setdefault(phrase.question, set()).update(found)
        return met

    def fits(self, index: kt.SentenceIndex) -> dict[str, float]:
        """How well the answer fits each question it shares anything with: the share of
        the bank's strongest word overlap it has with the question, plus the share of the
        question's look-fors it meets."""
        return dict(self._fits(index)[0])

    def _fits(self, index: kt.SentenceIndex) -> tuple[dict[str, float], float]:
        if self._last and self._last[0][0] is index:  # the same answer, asked again
            return self._last[0][1]
        found = self._fits_of(index)
        self._last[:] = [(index, found)]
        return found

    def _fits_of(self, index: kt.SentenceIndex) -> tuple[dict[str, float], float]:
        lemmas = index.lemmas
        words: dict[str, float] = {}
        for lemma in lemmas:
            for qid, weight in self.postings.get(lemma, ()):
                words[qid] = words.get(qid, 0.0) + weight
        strongest = max(words.values(), default=0.0)
        fit = {qid: value / (strongest or 1.0) for qid, value in words.items()}
        met: dict[str, set[int]] = {}
        for lemma in lemmas:
            for phrase in self.phrases.get(lemma, ()):
                if phrase.look_for in met.get(phrase.question, ()):
                    continue
                if all(x in lemmas for x in phrase.lemmas) and index.together(phrase.lemmas):
                    met.setdefault(phrase.question, set()).add(phrase.look_for)
        for qid, found in met.items():
            fit[qid] = fit.get(qid, 0.0) + len(found) / max(1, self.look_fors.get(qid, 1))
        return fit, strongest

    def fits_better(self, question: Question, index: kt.SentenceIndex) -> float:
        """The share of the bank's questions that the answer fits better than this one: an
        answer to another question fits that one, and often others, better."""
        return self.judge(question, index).better

    def judge(self, question: Question, index: kt.SentenceIndex) -> Fit:
        """How the answer fits this question against the rest of the bank."""
        fit, strongest = self._fits(index)
        mine = fit.get(question.id, 0.0)
        best = max(fit, key=lambda qid: (fit[qid], qid), default=None)
        top = fit[best] if best is not None else 0.0
        return Fit(
            better=sum(1 for v in fit.values() if v > mine) / max(1, self.size),
            share=mine / top if top else 1.0,
            strongest=strongest,
            best=best if best != question.id and top > mine else None,
        )

    def distinctive(self, term: str) -> bool:
        """A word that few questions of the bank are about (one in a hundred, or three)."""
        return self.frequency.get(term, self.size) <= max(3, self.size // 100)

    @classmethod
    def build(
        cls, questions: Iterable[Question], competencies: Mapping[str, Competency]
    ) -> QuestionBank:
        questions_ = list(questions)
        cues = {
            cid: _lemmas_of(" ".join((c.name, *c.cues)).replace("-", " "))
            for cid, c in competencies.items()
        }
        raw = {q.id: _profile_words(q, cues) for q in questions_}
        frequency: dict[str, int] = {}
        for question in questions_:
            for lemma in raw[question.id]:
                frequency[lemma] = frequency.get(lemma, 0) + 1
        count = len(questions_)
        rarest = math.log(count + 1)
        idf = {x: math.log((count + 1) / (n + 1)) for x, n in frequency.items()}
        postings: dict[str, list[tuple[str, float]]] = {}
        phrases: dict[str, list[_Phrase]] = {}
        focus: dict[str, list[_Focus]] = {}
        for question in questions_:
            weights = {x: w * idf[x] for x, w in raw[question.id].items()}
            scale = math.sqrt(math.sqrt(sum(v * v for v in weights.values())) or 1.0)
            for lemma, weight in weights.items():
                if weight > 0:
                    postings.setdefault(lemma, []).append((question.id, weight / scale))
            for n, lemmas in _look_for_phrases(question):
                phrases.setdefault(lemmas[0], []).append(_Phrase(question.id, n, lemmas))
            for text in question.focus:
                lemmas = _focus_lemmas(text)
                if lemmas:
                    focus.setdefault(lemmas[0], []).append(_Focus(question.id, text))
        return cls(
            idf,
            cues,
            rarest,
            {k: tuple(v) for k, v in postings.items()},
            count,
            {k: tuple(v) for k, v in phrases.items()},
            {q.id: len(q.look_fors) for q in questions_},
            frequency,
            {q.id: q.text for q in questions_},
            {k: tuple(v) for k, v in focus.items()},
            {q.id: tuple(p for p in q.focus if _focus_lemmas(p)) for q in questions_ if q.focus},
        )


# An answer is off-topic when at least this share of the bank's questions fit it better than
# the question asked (fitted on the corpus's tuning half, and on its answers given to other
# questions), unless it shows a sign of answering this question.
OFF_TOPIC_FIT: Final = 0.3
OFF_TOPIC_FIT_ONE_SIGN: Final = 0.5  # when it meets one look-for or word of the question
# Or when its fit with the question asked is under this share of its best fit with any.
OFF_TOPIC_SHARE: Final = 0.2
OFF_TOPIC_SHARE_ONE_SIGN: Final = 0.1
# The weighted word overlap with its best-fitting question below which an answer is too
# general to call off-topic (each off-topic story of the tuning half has more).
OFF_TOPIC_EVIDENCE: Final = 1.6
# How much a word says that the answer is on the question, by where the question has it.
_FROM_TEXT: Final = 1.0
_FROM_LOOK_FORS: Final = 0.6
_FROM_ASSESSES: Final = 0.6
_FROM_TIPS: Final = 0.5
_FROM_PROBES: Final = 0.4
_FROM_COMPETENCIES: Final = 0.2


def _lemmas_of(text: str) -> tuple[str, ...]:
    return tuple(
        x
        for x in kt.content_lemmas(text, _QUESTION_WORDS)
        if x not in _GENERIC and len(x) > 2 and x.isalpha()
    )


def _profile_words(
    question: Question, competencies: Mapping[str, tuple[str, ...]]
) -> dict[str, float]:
    """The words a question is about, each with how much it says (by where it comes from)."""
    sources: list[tuple[float, Iterable[str]]] = [
        (_FROM_TEXT, (question.text,)),
        (_FROM_LOOK_FORS, (p for lf in question.look_fors for p in (lf.label, *lf.cues))),
        (_FROM_ASSESSES, (question.assesses,)),
        (_FROM_TIPS, question.tips),
        (_FROM_PROBES, question.probes),
        (_FROM_COMPETENCIES, (c.replace("-", " ") for c in question.competencies)),
    ]
    out: dict[str, float] = {}
    for weight, texts in sources:
        for text in texts:
            for lemma in _lemmas_of(text):
                out[lemma] = max(out.get(lemma, 0.0), weight)
    for cid in question.competencies:
        for lemma in competencies.get(cid, ()):
            out[lemma] = max(out.get(lemma, 0.0), _FROM_COMPETENCIES)
    return out


def _look_for_phrases(question: Question) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Each look-for's label and cues as lemmas to meet in one sentence, as `_cue_match`
    reads them (question words alone prove nothing; number words are met by a figure)."""
    asked = _asked(question)
    for n, look_for in enumerate(question.look_fors):
        for i, phrase in enumerate((look_for.label, *look_for.cues)):
            lemmas = _key_lemmas(phrase) if i == 0 else _cue_lemmas(phrase)
            if not lemmas or lemmas == (kt.NEGATION,) or all(x in asked for x in lemmas):
                continue
            yield (
                n,
                tuple(
                    kt.FIGURE if x in _NUMERIC_WORDS or x.startswith("quantif") else x
                    for x in lemmas
                ),
            )


def _profile(question: Question, bank: QuestionBank) -> dict[str, float]:
    """Each word the question is about, weighted by where it comes from and its rarity."""
    return {
        lemma: weight * bank.idf.get(lemma, bank.rarest)
        for lemma, weight in _profile_words(question, bank.competencies).items()
    }


def relevance_evidence(question: Question, index: kt.SentenceIndex, bank: QuestionBank) -> float:
    """How much of what the question is about the answer speaks of, as rare words weigh."""
    profile = _profile(question, bank)
    return sum(w for lemma, w in profile.items() if index.has(lemma))


def _topic_words(index: kt.SentenceIndex, limit: int = 3) -> list[str]:
    """The answer's most repeated content words, to say what it is about."""
    counts: dict[str, int] = {}
    for toks in index.tokens:
        for tok in toks:
            if len(tok.lemma) > 3 and not kt.is_stop(tok.lemma) and tok.lemma.isalpha():
                if tok.lemma not in _QUESTION_WORDS and tok.lemma not in _GENERIC:
                    counts[tok.lemma] = counts.get(tok.lemma, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], list(counts).index(kv[0])))
    return [word for word, _n in ranked[:limit]]


def _relevance_signals(f: _Facts) -> tuple[list[str], int]:
    """The question's terms the answer uses, and how many signs of its own checks show it
    is on the question (a salary figure, the first conversation recalled, the company
    named...)."""
    asked = _question_terms(f.question)
    terms = [t for t in asked if t not in _EVERYDAY and f.index.has(t)]
    if not terms:  # everyday words count together: "I needed the payments team to..."
        pair = f.index.find_any_pair([t for t in asked if t in _EVERYDAY])
        terms = list(pair)
    signs = 0
    if _asks_salary(f) and (_amounts(f.text) or _DEFLECT.search(f.text)):
        signs += 1
    if "concrete-reference" in f.question.checks and (
        _REFERENCE.search(f.text)
        or any(_covers(f.index, n) for n in f.context.first_interview_notes)
    ):
        signs += 1
    if "connects-to-role" in f.question.checks and (
        _ROLE_LINK.search(f.text)
        or any(n and _mentions(n, f) for n in (f.context.company, f.context.role))
    ):
        signs += 1
    return terms, signs


def _on_question(f: _Facts, terms: Sequence[str], signs: int) -> bool:
    """Whether the answer addresses the question by what it says, where the focus can't
    settle it: a sign of the question's own checks, or its words against the bank's
    (`_fits_question`)."""
    return bool(signs) or _fits_question(f, terms)


def _judge(f: _Facts, terms: Sequence[str]) -> _Verdict:
    """The focus's verdict, or where it can't settle it, the words'."""
    verdict = _focus_verdict(f)
    if verdict.on is None:
        return replace(verdict, on=_on_question(f, terms, 0))
    return verdict


def _fits_question(f: _Facts, terms: Sequence[str]) -> bool:
    """Whether the answer addresses the question by its words. Without the bank, any of its
    terms or look-fors will do. With it, two of its look-fors (met through rare words) or
    words, or one of its rare words settles it; otherwise the answer must not fit many other
    questions better, nor fit this one far less than its best: an off-topic story meets a
    look-for through everyday words too."""
    if f.bank is None:
        return bool(terms or f.covered)
    covers = _specific_covers(f, f.bank)
    rare = [t for t in terms if f.bank.distinctive(t) and _topical(f.question, t)]
    two = len(terms) >= 2 and any(_topical(f.question, t) for t in terms)
    if covers >= 2 or two or rare:
        return True  # two of its look-fors or its words, or a rare one of them
    # One look-for or word of the question: the bar is higher.
    one = bool(covers or terms)
    fit = f.bank.judge(f.question, f.index)
    if fit.strongest < OFF_TOPIC_EVIDENCE:
        return True  # its words fit no question strongly: too general to call off-topic
    off = fit.better >= (OFF_TOPIC_FIT_ONE_SIGN if one else OFF_TOPIC_FIT)
    return not (off or fit.share < (OFF_TOPIC_SHARE_ONE_SIGN if one else OFF_TOPIC_SHARE))


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What the question's focus says: on the question, off it, or None when its words must
    decide; the words that show the focus, and the question the answer is about instead."""

    on: bool | None = None
    quote: str | None = None
    instead: str | None = None  # a question id
    reason: str | None = None  # why it is off, when a sign of the question's kind says so


# An answer that meets its question's focus is still off it when another question's focus is
# met in this many times as many of its sentences, and its words fit that question this many
# times better: a passing mention ("later my manager asked how it went") is not the subject.
FOCUS_OVERWHELM: Final = 3


def _focus_verdict(f: _Facts) -> _Verdict:
    """The question's focus says what an answer must be about. An answer that meets it
    through a phrase of several words or one specific word is on the subject, unless it is
    overwhelmingly another question's. Met through common words only ("the team", "a
    deadline"), or not met, it proves nothing either way: answers in other words miss the
    focus as often as stories about something else do, so the words decide."""
    focus, bank = f.question.focus, f.bank
    if not focus:
        return _Verdict()
    own, match = _focus_met(f.index, focus)
    quote = match.quote if match is not None else None
    if not own:
        return _Verdict()
    if bank is None:
        return _Verdict(True, quote)
    if not bank.focus_strength(f.question.id, f.index):
        return _Verdict()
    others = bank.focus_met(f.index)
    others.pop(f.question.id, None)
    fit = bank.fits(f.index)
    mine = fit.get(f.question.id, 0.0)
    over = sorted(
        (
            q
            for q, places in others.items()
            if fit.get(q, 0.0) >= FOCUS_OVERWHELM * max(mine, 1e-9)
            and len(places) >= FOCUS_OVERWHELM * len(own)
            and bank.focus_strength(q, f.index)
        ),
        key=lambda q: (-fit[q], q),
    )
    if over:
        return _Verdict(False, instead=over[0])
    return _Verdict(True, quote)


# A look-for met through a phrase none of whose words is this rare over the bank (a share
# of its questions) says little about the question: "agreed", "the team", "learned".
SPECIFIC_SHARE: Final = 0.05


def _specific_covers(f: _Facts, bank: QuestionBank) -> int:
    """How many look-fors the answer meets through a phrase with a word that few of the
    bank's questions are about."""
    asked = _asked(f.question)
    rare = bank.size * SPECIFIC_SHARE
    count = 0
    for look_for in f.question.look_fors:
        if look_for.label not in f.covered:
            continue
        for n, phrase in enumerate((look_for.label, *look_for.cues)):
            if _cue_match(f.index, phrase, asked, label=n == 0) is not None:
                lemmas = _key_lemmas(phrase) if n == 0 else _cue_lemmas(phrase)
                count += any(bank.frequency.get(x, bank.size) <= rare for x in lemmas)
                break
    return count


# First-person words of a focus phrase, as the question puts them to the candidate.
_SECOND_PERSON: Final[Mapping[str, str]] = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
}


def _asks_about(question: Question) -> str:
    """What the question asks about, in plain words: its first focus phrase as said to the
    candidate ("your manager"), or else its own first words."""
    if question.focus:
        words = question.focus[0].strip().split()
        out: list[str] = []
        for i, word in enumerate(words):
            low = word.lower()
            if low == "i" and i + 1 < len(words) and words[i + 1].lower() == "was":
                out.append("you")
                continue
            if low == "was" and i and words[i - 1].lower() == "i":
                out.append("were")
                continue
            out.append(_SECOND_PERSON.get(low, word))
        return " ".join(out)
    return ", ".join(_question_terms(question)[:3])


def _relevance(f: _Facts) -> Iterator[Finding]:
    """Does the answer address the question asked: its focus, its terms, its competencies,
    its look-fors? One that does not gets a clear finding, and the score is capped."""
    if f.word_count < 15:
        return  # too short to tell; the length rule says so
    terms, signs = _relevance_signals(f)
    verdict = _Verdict(True) if signs else _judge(f, terms)
    if verdict.on and not signs and _asks_failure(f.question) and not _tells_failure(f.index):
        verdict = _Verdict(False, reason="nothing in it went wrong")
    if verdict.on and not signs and _salary_answer(f) and not _about_pay(f.question):
        verdict = _Verdict(False, reason="it names a salary")
    if verdict.on:
        if verdict.quote:
            shown = f" (\u2018{verdict.quote}\u2019)"
        elif f.question.focus and not signs:
            return  # on it by its words, but none of what it must be about: no credit to give
        else:
            shown = f" ({_quote(terms[:3])})" if terms else ""
        yield _find("relevance.on-topic", "good", 0, f"It answers the question asked{shown}.")
        return
    about = _topic_words(f.index)
    asks = _asks_about(f.question)
    message = "This may not answer the question"
    if about:
        message += f": it is about {', '.join(about)}"
    if asks:
        message += f"; the question asks about {asks}"
    if verdict.reason:
        message += f", and {verdict.reason}"
    bank = f.bank
    best = verdict.instead
    if best is None and bank is not None:
        best = bank.judge(f.question, f.index).best
    if bank is not None and best is not None and best in bank.texts:
        message += f". It reads more like an answer to \u201c{bank.texts[best]}\u201d"
    message += "" if message.endswith("\u201d") else "."
    yield _find("relevance.off-topic", "warn", -PART_MAXIMA["relevance"], message, about)


# A question about something that went wrong, and the words a story of one can't do without
# (any of them will do: the rule is for stories in which nothing at all went wrong).
_FAILURE_QUESTION: Final = re.compile(
    r"\b(?:fail\w*|mistakes?|missed|lost|wrong|turned down|didn't work|did not work|"
    r"setbacks?|errors?|declined|walked away|refused|went badly|regret\w*|off track)\b",
    re.IGNORECASE,
)
_FAILURE_WORDS: Final = frozenset(
    """fail failure mistake miss lose loss wrong error late delay slip problem regret backfire
    drop fall decline refuse reject overrun behind break bug outage complaint worse struggle
    setback blame apologise apologize sorry""".split()
)


def _asks_failure(question: Question) -> bool:
    return _FAILURE_QUESTION.search(question.text) is not None


def _tells_failure(index: kt.SentenceIndex) -> bool:
    """Whether the answer says anything went wrong: a word of failure, or a negation."""
    return kt.NEGATION in index.lemmas or any(index.has(x) for x in _FAILURE_WORDS)


# What a salary answer speaks of, and a question that may be answered with pay.
_PAY: Final = re.compile(
    r"\b(?:salary|salaries|base|package|compensation|pay|paid|earn\w*|bonus|pension|"
    r"rate|offer\w*|money|budget|price\w*|cost\w*)\b",
    re.IGNORECASE,
)


def _salary_answer(f: _Facts) -> bool:
    """A salary answer by its own signs: a range of money with words of pay."""
    found, _amounts_ = _salary_range(f.text)
    return found is not None and _PAY.search(f.text) is not None


def _about_pay(question: Question) -> bool:
    return any(_PAY.search(x) for x in (question.text, *question.focus))


@functools.lru_cache(maxsize=512)
def _focus_words(question: Question) -> frozenset[str]:
    return frozenset(x for p in question.focus for x in _focus_lemmas(p))


def _topical(question: Question, term: str) -> bool:
    """Whether a word of the question says what it is about: any word, for a question
    without focus; otherwise a word of its focus ("ship" and "afterwards" are not)."""
    return not question.focus or any(kt.related(term, x) for x in _focus_words(question))
