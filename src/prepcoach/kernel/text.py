"""Text matching for the whole product: words, sentences, lemmas, stop words and negation.

Everything that compares what a person wrote with content (feedback look-fors, post-mortem
concerns, story and question search, notes that already answer a question) goes through
here, so that "measured", "measures" and "measuring" are one word everywhere and a sentence
like "I never measured it" does not count as having measured.

Lemmas come from simplemma (English), imported on first use so that starting the CLI costs
nothing; a few derivational variants ("prioritise"/"prioritisation") are matched by a shared
prefix (`related`). Every function is linear in its input: no pattern here can backtrack
over a long run of spaces, punctuation or repeated words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

# A word: letters or digits, joined by inner apostrophes, hyphens or dots ("don't",
# "follow-up", "levels.fyi", "3.5"), or thousands groups ("4,000"). Each repetition needs a
# joiner, so the pattern cannot backtrack.
_WORD: Final = re.compile(r"[^\W_]+(?:['\u2019\-.][^\W_]+|,\d{3}(?!\d))*")
# A sentence ends at a run of . ! ? (the whole run, then whitespace or the end) or at a line
# break or semicolon. The pattern starts with the stop itself, so the scan skips straight from
# one stop to the next; the look-behinds then run only at a stop: the first (the stop and the
# character before it) makes a long run of "!" cost one scan, not one per mark, and the others
# keep a stop after a common abbreviation from ending the sentence ("e.g. a pilot"). Each has
# a fixed width, so this stays one linear scan.
_NOT_AFTER: Final = "".join(
    rf"(?<!\b{re.escape(a)}[.!?])"
    for a in ("e.g", "i.e", "etc", "vs", "approx", "dr", "mr", "mrs", "ms")
)
_BOUNDARY: Final = re.compile(
    r"[.!?](?<![.!?][.!?])" + _NOT_AFTER + r"[.!?]*(?=\s|$)|[\n;]+", re.IGNORECASE
)
_BOUNDARY_KEPT: Final = re.compile("(" + _BOUNDARY.pattern + ")", re.IGNORECASE)
_SPACE_RUN: Final = re.compile(r"\s+")

STOP_WORDS: Final = frozenset(
    """a about above after again against all also am an and any are as at be been before
    being below between both but by can could did do does doing down during each either no not
    else ever few for from further had has have having he her here hers herself him himself
    his how i if in into is it its itself just let me more most much my myself nor of off
    on once only or other our ours ourselves out over per quite rather same she should
    so some such than that the their theirs them themselves then there these they this
    those through thus to too under until up upon us very via was we were what whatever
    when whenever where whether which while who whom whose why will with within would yet
    you your yours yourself yourselves 's""".split()
)
# Words with which a question asks, saying nothing about its subject ("tell me about a time").
PROMPT_WORDS: Final = frozenset(
    """tell describe explain give gave example examples time times walk share talk""".split()
)
# Words that put what follows them, up to the end of the clause, in the negative.
_NEGATORS: Final = frozenset(
    """not no never nobody none nothing nowhere neither nor without cannot hardly barely
    lack lacked lacking""".split()
)
# Words that close a negation's scope: a new clause starts.
_SCOPE_ENDS: Final = frozenset(
    """but so then until because although though however instead yet which whereas while
    after before once later eventually finally""".split()
)
# Words that open a condition ("if I had not measured it, ..."): a negation inside it ends
# where the main clause starts, at its subject or its verb ("... we would have shipped").
_CONDITIONS: Final = frozenset({"if", "unless"})
_MAIN_CLAUSE_STARTS: Final = frozenset(
    """i we they he she you would could might will should i'd we'd they'd he'd she'd
    you'd""".split()
)
# Words that change a scope, never served from the kept tokens: the scope they end or open
# depends on the words before them.
_SCOPE_WORDS: Final = _SCOPE_ENDS | _CONDITIONS | _MAIN_CLAUSE_STARTS | {"had"}
_WORD_OR_BREAK: Final = re.compile("(" + _WORD.pattern + ')|[,:()\u2013\u2014"]')
# Words that state a quantity, as a digit would.
NUMBER_WORDS: Final = frozenset(
    """two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty hundred hundreds thousand thousands million millions dozen dozens half twice
    double doubled tripled halved percent quarter""".split()
)
_MULTIPLES: Final = frozenset("doubled tripled halved percent".split())
# The pseudo-lemma of a sentence that holds a figure (a digit, a percentage, "doubled").
FIGURE: Final = "#figure"
FIGURE_RE: Final = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.I)


# "100 percent" that says how sure or how committed, not how much: "I was 100% sure",
# "I agree a hundred percent", "gave it 110 percent".
_HUNDRED_PERCENT: Final = (
    r"(?:a |one )?(?:100|110|hundred(?: and ten)?) ?(?:%|percent\b|per cent\b)"
)
_INTENSIFIER: Final = re.compile(
    r"\b(?:(?:agree[sd]?|give[sn]?|gave|giving|put(?:ting|s)? in)(?: it| them| everything)? "
    + _HUNDRED_PERCENT
    + r"|(?<![\w.,])"
    + _HUNDRED_PERCENT
    + r"(?= (?:sure|certain|confident|committed|honest|behind|right|convinced|focused|"
    r"invested|aligned|on board|true|serious|clear|dedicated|happy|comfortable|with)\b))",
    re.IGNORECASE,
)


def without_intensifiers(text: str) -> str:
    """The text with each "100 percent" that only intensifies ("100% sure", "agree a
    hundred percent") blanked out, the length kept: it is no figure."""
    if "100" not in text and "110" not in text and "hundred" not in text.lower():
        return text
    return _INTENSIFIER.sub(lambda m: " " * len(m.group()), text)


_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def normalise(text: str) -> str:
    """Lower case, curly quotes made straight, control characters made spaces (line breaks
    and tabs are kept); the length stays the same for most scripts."""
    return _CONTROL.sub(" ", text.replace("\u2019", "'").replace("\u2018", "'").lower())


def words(text: str) -> list[str]:
    """The words of a text, in order, as written."""
    return _WORD.findall(text)


_ALNUM: Final = re.compile(r"[^\W_]")


_BLANKS: Final = re.compile(r"[^\S\n]+")


def sentences(text: str) -> list[str]:
    """The sentences of a text, stripped, in order (split at . ! ? line breaks and ;)."""
    parts = _BOUNDARY_KEPT.split(_BLANKS.sub(" ", text))
    ends = parts[1::2] + [""]
    pieces = (body + end for body, end in zip(parts[0::2], ends, strict=True))
    return [p for p in (x.strip(" \n;") for x in pieces) if _ALNUM.search(p)]


# Where a run-on sentence can be cut into clauses: before a word that starts a new step.
_CLAUSE_BREAK: Final = re.compile(
    r",? (?=(?:and so|so|but|and then|then|and now|after that|which meant|until|in the end|"
    r"and it|and we|and i|and they|when they|when we)\b)",
    re.IGNORECASE,
)


def clauses(sentence: str, longest: int = 25) -> list[str]:
    """A sentence of more than `longest` words cut into clauses of at least five words
    each, where a conjunction starts a new step ("... and so I built ..."); a shorter
    sentence stays whole. For speech written down, which has few full stops."""
    if sentence.count(" ") < longest:
        return [sentence]
    pieces: list[str] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        piece = sentence[start : m.start()]
        if piece.count(" ") >= 4:
            pieces.append(piece.strip(" ,"))
            start = m.end()
    rest = sentence[start:].strip(" ,")
    if pieces and rest.count(" ") < 3:
        pieces[-1] = pieces[-1] + " " + rest
    elif rest:
        pieces.append(rest)
    return pieces or [sentence]


@functools.lru_cache(maxsize=1)
def _lemmatizer() -> object:
    import simplemma

    return simplemma


_LEMMAS: dict[str, str] = {}  # word -> lemma, filled as words are met


def lemma(word: str) -> str:
    """The dictionary form of a lower-case English word ("ran" -> "run"); itself if unknown."""
    found = _LEMMAS.get(word)
    if found is None:
        found = _lemma(word)
        if len(_LEMMAS) < 200_000:
            _LEMMAS[word] = found
    return found


def _lemma(word: str) -> str:
    word = word.removesuffix("'s")
    if not word or not word[0].isalpha() or len(word) > 40:
        return word
    import simplemma

    _lemmatizer()
    found = simplemma.lemmatize(word, lang="en")
    return found.lower() if found else word


def is_stop(word: str) -> bool:
    """A word that says nothing about a subject: a function word, a contraction of one
    ("you're", "didn't"), or a single letter."""
    if "'" in word:
        return word.split("'", 1)[0] in STOP_WORDS or word.endswith("n't")
    return word in STOP_WORDS or len(word) < 2


def content_lemmas(text: str, extra_stop: Iterable[str] = ()) -> tuple[str, ...]:
    """The lemmas of a text's content words, in order, without repeats; stop words dropped."""
    extra = frozenset(extra_stop)
    seen: list[str] = []
    for word in words(normalise(text)):
        if is_stop(word) or word in extra or word[0].isdigit():
            continue
        found = lemma(word)
        if found not in seen and not is_stop(found) and found not in extra:
            seen.append(found)
    return tuple(seen)


# A phrase's word that must be negated where it is met ("cannot *promise*", "without
# *jargon*") carries this mark; a phrase whose negation governs no content word ("said no")
# asks for a negation somewhere in the sentence (NEGATION).
NEGATED: Final = "~"
NEGATION: Final = "#negation"


def phrase_lemmas(text: str, extra_stop: Iterable[str] = ()) -> tuple[str, ...]:
    """Like `content_lemmas`, for a phrase to look for, keeping its negations: a word under
    a negation in the phrase is marked NEGATED, so that it is met by the same word negated in
    a sentence ("without jargon" by "with no jargon", "cannot promise" by "I couldn't promise"),
    not cancelled by it; a negation that governs no content word becomes NEGATION ("said no")."""
    extra = frozenset(extra_stop)
    seen: list[str] = []
    dangling = False
    for tok in tokens(normalise(text)):
        if is_negation(tok.word):
            dangling = True
            continue
        if is_stop(tok.word) or tok.word in extra or tok.word[0].isdigit():
            continue
        if is_stop(tok.lemma) or tok.lemma in extra:
            continue
        found = NEGATED + tok.lemma if tok.negated else tok.lemma
        if tok.negated:
            dangling = False
        if found not in seen:
            seen.append(found)
    if dangling and NEGATION not in seen:
        seen.append(NEGATION)
    return tuple(seen)


# What English adds to a word to make another of its family: "prioritise" + "ation",
# "measure" + "ment", "deliver" + "y". Words that only share a beginning ("interest" and
# "interview", "complete" and "complaint", "really" and "reallocate") are not of one family.
_DERIVATIONS: Final = frozenset(
    (
        "s es ed ing er ers or ors ion ions ation ations ition itions ment ments al ally ly"
        " ity ities ive ively ivity ness ise ize ised ized isation ization isations izations"
        " ist ists ism ance ances ence ences ant ants ent ents able ably ible ibly ility"
        " ilities ibility ability ality ual age ful fully less ic ics ical ically atic"
        " atically y ies is"
    ).split()
)
_LONGEST_DERIVATION: Final = max(map(len, _DERIVATIONS))
_STEM_MIN: Final = 5  # a shorter stem ("real", "every") is too common a beginning


@functools.lru_cache(maxsize=65536)
def _stems(word: str) -> frozenset[str]:
    """The stems a word may be built on: itself, or less one derivational ending, each less
    a final "e", "y" or "i" ("manage" + "ment" and "manag" + "er" share "manag")."""
    out = set()
    for cut in range(0, min(_LONGEST_DERIVATION, len(word) - _STEM_MIN) + 1):
        if cut and word[-cut:] not in _DERIVATIONS:
            continue
        stem = word[: len(word) - cut] if cut else word
        out.add(stem[:-1] if stem[-1] in "eyi" and len(stem) > _STEM_MIN else stem)
    return frozenset(out)


# Who does something: a word of a person ("manager", "person", "analyst") is not of one
# family with an adverb ("manageably", "personally"), which says how, not who.
_PERSON_ENDINGS: Final = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ee", "ees")
_PERSON_WORDS: Final = frozenset({"person", "persons", "people"})
# Words in "-ly" that are no adverbs ("supply", "family").
_NOT_ADVERBS: Final = frozenset(
    "supply apply reply rely family ally assembly anomaly monopoly comply multiply".split()
)


def _person_and_adverb(a: str, b: str) -> bool:
    for person, adverb in ((a, b), (b, a)):
        if (
            adverb.endswith("ly")
            and adverb not in _NOT_ADVERBS
            and (person in _PERSON_WORDS or person.endswith(_PERSON_ENDINGS))
        ):
            return True
    return False


def related(a: str, b: str) -> bool:
    """Same lemma, or two words of one family: one derived from the other ("prioritise",
    "prioritisation"), or both from one stem ("management", "manager"). Stems are five
    letters or more, so "real" and "every" start no family; a person is of no family with
    an adverb ("person", "personally")."""
    if a == b:
        return True
    if len(a) < _STEM_MIN or len(b) < _STEM_MIN:
        return False
    return not _stems(a).isdisjoint(_stems(b)) and not _person_and_adverb(a, b)


def is_negation(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


class Token(NamedTuple):
    word: str  # as written, lower case
    lemma: str
    negated: bool  # inside the scope of a negation


# The token of a word that neither opens nor closes a negation's scope, outside and inside
# one, filled as words are met: a token is immutable, so one serves every time the word comes.
_PLAIN_TOKENS: dict[str, Token] = {}
_NEGATED_TOKENS: dict[str, Token] = {}


def tokens(sentence: str) -> list[Token]:
    """A normalised sentence's words with lemmas and whether a negation governs them.

    A negation ("not", "never", "didn't", "without", "no one") reaches to the end of its
    clause: a comma or dash, or a word that starts a new clause ("but", "so", "then"). In a
    condition ("if I had not measured it", "unless", "had I not"), it ends at the main
    clause's subject or verb: "if I hadn't checked we would have shipped it" has shipped.
    """
    out: list[Token] = []
    append = out.append
    known = _PLAIN_TOKENS
    negated = condition = False
    for word in _WORD_OR_BREAK.findall(sentence):
        token = known.get(word)
        if token is not None:  # most words: no lemma to look up, no scope to change
            append(token)
            continue
        if not word:  # a comma, colon, dash or quote closes the clause
            negated = condition = False
            known = _PLAIN_TOKENS
            continue
        if word in _CONDITIONS or (word == "had" and not out):
            condition = True
        if word in _SCOPE_ENDS:
            negated = condition = False
            known = _PLAIN_TOKENS
        elif (
            condition and negated and word in _MAIN_CLAUSE_STARTS and out[-1].lemma not in _NEGATORS
        ):
            negated = condition = False
            known = _PLAIN_TOKENS
        elif word in _NEGATORS or word.endswith("n't"):
            negated, known = True, _NEGATED_TOKENS
            append(Token(word, word, True))
            continue
        found = _LEMMAS.get(word)
        token = Token(word, found if found is not None else lemma(word), negated)
        if word not in _SCOPE_WORDS and len(known) < 200_000:
            known[word] = token
        append(token)
    return out


@dataclass(frozen=True, slots=True)
class Match:
    """Where a phrase was found: the sentence and the words that show it."""

    sentence: int  # index in the text's sentences
    quote: str  # the shortest stretch of the sentence holding all the phrase's words


class SentenceIndex:
    """A text's sentences with their lemmas, for asking whether a phrase occurs in one of
    them (all its content words, none of them negated)."""

    def __init__(self, text: str) -> None:
        self.originals: list[str] = sentences(text)
        self.sentences: list[str] = [normalise(s) for s in self.originals]
        self.tokens: list[list[Token]] = [tokens(s) for s in self.sentences]
        # lemma -> sentence indices where it occurs un-negated
        self._where: dict[str, set[int]] = {}
        self._by_prefix: dict[str, set[str]] = {}
        for i, toks in enumerate(self.tokens):
            # "100 percent sure" says nothing of a figure, nor of a percentage
            plain = without_intensifiers(self.sentences[i])
            counted = toks if plain == self.sentences[i] else tokens(plain)
            if any(t.word[0].isdigit() or t.word in _MULTIPLES for t in counted):
                self._where.setdefault(FIGURE, set()).add(i)
            for tok in counted:
                if tok.negated and is_negation(tok.word):
                    self._where.setdefault(NEGATION, set()).add(i)
                    continue
                if is_stop(tok.lemma):
                    continue
                key = NEGATED + tok.lemma if tok.negated else tok.lemma
                self._where.setdefault(key, set()).add(i)
                if len(key) >= 5:
                    self._by_prefix.setdefault(key[:5], set()).add(key)
        self.lemmas: frozenset[str] = frozenset(x for x in self._where if x[0] != NEGATED)

    def sentences_with(self, lemma_: str) -> set[int]:
        """The sentences holding the lemma, or a related one, un-negated."""
        found = set(self._where.get(lemma_, ()))
        if len(lemma_) >= 5:
            for other in self._by_prefix.get(lemma_[:5], ()):
                if other != lemma_ and related(lemma_, other):
                    found |= self._where[other]
        return found

    def has(self, lemma_: str) -> bool:
        return bool(self.sentences_with(lemma_))

    def find(self, phrase_lemmas: Sequence[str], window: int = 1) -> Match | None:
        """The first sentence (or run of `window` adjacent sentences) holding every lemma."""
        if not phrase_lemmas:
            return None
        places = [self.sentences_with(x) for x in phrase_lemmas]
        if not all(places):
            return None
        common = set.intersection(*places)
        if common:
            first = min(common)
            return Match(first, self._quote(first, phrase_lemmas))
        if window > 1:
            for start in sorted(places[0]):
                span = range(max(0, start - window + 1), start + window)
                if all(any(i in p for i in span) for p in places):
                    return Match(start, self._quote(start, phrase_lemmas))
        return None

    def together(self, phrase_lemmas: Sequence[str]) -> bool:
        """Whether one sentence holds every lemma: `find` without the quote, for asking
        many phrases at once."""
        places = [self.sentences_with(x) for x in phrase_lemmas]
        return bool(places) and all(places) and bool(set.intersection(*places))

    def find_sequence(self, phrase_lemmas: Sequence[str]) -> Match | None:
        """The first sentence holding the lemmas one after the other, un-negated, with no
        word between them ("carried it out", not "carried on"; "up to speed")."""
        size = len(phrase_lemmas)
        if not size:
            return None
        first = phrase_lemmas[0]
        for i, toks in enumerate(self.tokens):
            for start in range(len(toks) - size + 1):
                if toks[start].lemma != first:
                    continue
                window = toks[start : start + size]
                if all(
                    t.lemma == x and not t.negated
                    for t, x in zip(window, phrase_lemmas, strict=True)
                ):
                    return Match(i, self._quote(i, phrase_lemmas, range(start, start + size)))
        return None

    def find_any_pair(self, lemmas: Sequence[str]) -> tuple[str, ...]:
        """Two of the lemmas that occur together in one sentence, if any."""
        places = {x: self.sentences_with(x) for x in dict.fromkeys(lemmas)}
        found = [x for x in places if places[x]]
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                if places[a] & places[b]:
                    return (a, b)
        return ()

    def quote(self, index: int, phrase_lemmas: Sequence[str]) -> str:
        """The words of sentence `index` that show these lemmas (see `_quote`)."""
        return self._quote(index, phrase_lemmas)

    def _quote(
        self, index: int, phrase_lemmas: Sequence[str], at: Sequence[int] | None = None
    ) -> str:
        """The words that show the phrase: the whole sentence when it is short, otherwise
        the stretch around the matched words (those `at` these places, when given)."""
        toks = self.tokens[index]
        sentence = self.originals[index]
        if len(sentence) != len(self.sentences[index]):
            sentence = self.sentences[index]
        if len(toks) <= 18:
            return sentence.rstrip(".!?;, ")
        hits = (
            list(at or ())
            or [
                i
                for i, tok in enumerate(toks)
                if any(
                    related(tok.lemma, x.removeprefix(NEGATED)) and tok.negated == (x[0] == NEGATED)
                    for x in phrase_lemmas
                )
            ]
            or [0]
        )
        first, last = max(0, hits[0] - 4), min(len(toks) - 1, hits[-1] + 6)
        last = min(last, first + 18)
        plain = self.sentences[index]
        spans = [m.span() for m in _WORD.finditer(plain)]
        # start and stop at a clause's edge when one is a few words away, so that the quote
        # reads as something said ("What matters most to me is the scope"), not a fragment:
        # the clause of the first matched word ("I flag risks", not "schema check, and I
        # flag risks"), else one a few words before, else the sentence's start
        edge = next(
            (
                place
                for place in range(hits[0], first, -1)
                if _CLAUSE_EDGE.search(plain, spans[place - 1][1], spans[place][0])
            ),
            None,
        )
        if edge is None:
            edge = next(
                (
                    back
                    for back in range(first, max(-1, first - 8), -1)
                    if back == 0 or _CLAUSE_EDGE.search(plain, spans[back - 1][1], spans[back][0])
                ),
                first,
            )
        first = edge
        if first < hits[0] and toks[first].word.lower() in _JOINERS:
            first += 1  # "what matters most is ...", not "and what matters most is ..."
        for ahead in range(last, min(len(spans), last + 5)):
            if ahead == len(spans) - 1 or _CLAUSE_EDGE.search(
                plain, spans[ahead][1], spans[ahead + 1][0]
            ):
                last = ahead
                break
        # nor stop, inside the sentence, on a word that leads on ("the next day and", "with a
        # recruiter, I'm"); the sentence's own last words stay ("placed me at")
        while last > max(first, hits[-1]) and last < len(spans) - 1:
            word = plain[spans[last][0] : spans[last][1]].lower()
            if word[:1].isdigit() or (word not in _JOINERS and not is_stop(word)):
                break
            last -= 1
        return sentence[spans[first][0] : spans[last][1]].rstrip(",;:(\u2013\u2014- ")


# sounds of hesitation, in no dictionary and in every spoken language
_HESITATIONS: Final = frozenset(
    {"um", "umm", "uhm", "uh", "er", "erm", "ah", "eh", "hmm", "mm", "mhm", "huh", "uhh"}
)


def reads_as_english(text: str) -> bool:
    """Whether feedback, which reads English, can judge the text: most of its letters are in
    the Latin script and most of its plain lower-case words are English (names, acronyms and
    figures do not count). A text too short to tell reads as English."""
    letters = [c for c in text[:4000] if c.isalpha()]
    other = sum(1 for c in letters if c >= "\u0250" and not "\u1e00" <= c <= "\u1eff")
    if other * 2 > len(letters):  # mostly outside the Latin script: CJK, Cyrillic, Arabic...
        return False
    plain = [
        w for w in _WORD.findall(text) if w.isalpha() and w.islower() and w not in _HESITATIONS
    ]
    if len(plain) < 6:
        return True
    import simplemma

    return float(simplemma.in_target_language(" ".join(plain), lang="en")) >= 0.5


_JOINERS: Final = frozenset({"and", "but", "so", "then", "or"})
_CLAUSE_EDGE: Final = re.compile(r"[,;:()\u2013\u2014]| - ")


def clip(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"
