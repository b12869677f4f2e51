"""Matching what people type to the content: bank questions worded alike, and the
competencies a concern points to.

Both compare word lemmas, rare ones counting more (IDF over the question bank), so
"stakeholder management" finds the bank's stakeholder questions and their competencies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from prepcoach.stories.core import keywords

if TYPE_CHECKING:
    from prepcoach.content.lexicon import Cue, CueIndex, Found, TextLemmas
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
    text: str, library: ContentLibrary, *, limit: int = 3, cutoff: float = 45
) -> list[tuple[str, float]]:
    """Bank questions worded like `text`, best first, as (id, score 0-100): the question
    search's ranking (content.search), kept when it covers enough of the text."""
    from prepcoach.content.search import QuestionIndex

    hits = QuestionIndex(library.questions.values(), library.competencies).search(text)
    return [(h.question.id, min(h.score, 100.0)) for h in hits if h.score >= cutoff][:limit]


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
    they times twice wanted worried interviewer interviewers hiring panel said mentioned
    hinted probed grilled felt think thought whether""".split()
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


# What a note is about when it is about the job's terms or the process rather than the
# candidate: such a note may still point at a competency, but never without asking.
_TERMS_AND_PROCESS = frozenset(
    """salary pay paid band compensation bonus equity benefit benefits notice relocation
    relocate commute visa sponsorship parking holiday vacation leave contract hours
    timeline process round rounds recruiter offer start date location office vibe""".split()
)
# A pre-tick needs a cue this specific (the lexicon IDF of its words; a competency's own
# two-word name is about 4, one word only that competency's cues use about 3) ...
_PRETICK_SCORE = 2.5
# ... and a clear lead over the next competency.
_PRETICK_LEAD = 1.6
# A competency's words naming a group or a question rather than the candidate's skill: "the
# leadership team", "the conflict question" (what was asked about, not how it went).
_REFERENCE_NOUNS = frozenset(
    """team teams department function group division board committee question questions
    round interview interviewer panel""".split()
)


@dataclass(frozen=True, slots=True)
class ConcernReading:
    """What a concern noted after an interview points to."""

    ranked: tuple[str, ...]  # competencies to offer, best first
    pretick: str | None  # the one to tick without asking, only when confident
    skills: tuple[str, ...]  # role or technical skills it names, as written, lower case
    skill_ids: tuple[str, ...] = ()
    evidence: str = ""  # the note's words that show the pre-ticked competency


_INDEXES: dict[int, tuple[object, object, object]] = {}


def _indexes(library: ContentLibrary) -> tuple[CueIndex, CueIndex]:
    from prepcoach.content.lexicon import competency_index, skill_index

    held = _INDEXES.get(id(library))
    if held is None or held[0] is not library:
        if len(_INDEXES) > 4:
            _INDEXES.clear()
        held = (library, competency_index(library), skill_index(library))
        _INDEXES[id(library)] = held
    return held[1], held[2]  # type: ignore[return-value]


def read_concern(text: str, library: ContentLibrary) -> ConcernReading:
    """The competencies a concern points to, best first, the one safe to pre-tick, and the
    skills it names.

    The competencies' cues (content) are looked for in the note by lemma ("presented to"
    finds the cue "presenting to"); the bank's questions worded like the note add their
    competencies, for the order only. A competency is pre-ticked when a specific cue of it
    is found, no other competency comes close, and the note is not about the job's terms or
    the process; a note that names only a skill ("no python") pre-ticks nothing. The
    pre-tick quotes the note's words that show it (`evidence`); words that name a group or
    the question asked ("the leadership team", "the conflict question") show nothing. A
    skill is named as written or in the plural, never as who spoke ("the hiring manager").
    """
    from prepcoach.content.lexicon import TextLemmas, skill_terms

    competencies, skills = _indexes(library)
    seen = TextLemmas(text)
    found_skills = _as_written(skills.find(seen), seen)
    skill_names = tuple(dict.fromkeys(t for f in found_skills for t in skill_terms(f, seen)))
    cues = [f for f in competencies.find(seen) if f.item in library.competencies]
    scores: dict[str, float] = {}
    partial = _partial(competencies, seen)
    for f in cues:
        scores[f.item] = f.score + 0.3 * partial.get(f.item, 0.0)
    guessed = suggest_competencies(text, library, limit=3)
    for rank, tag in enumerate(guessed):
        scores[tag] = scores.get(tag, 0.0) + 0.9 / (rank + 1)
    ranked = tuple(sorted(scores, key=lambda c: (-scores[c], c)))
    pretick, evidence = None, ""
    quoted = [(f, quote) for f in cues if f.score and (quote := _quote(seen, f.best))]
    if quoted:
        (top, evidence), runner_up = quoted[0], (quoted[1][0].score if len(quoted) > 1 else 0.0)
        off_topic = bool(seen.lemmas & _TERMS_AND_PROCESS)
        if (
            top.score >= _PRETICK_SCORE
            and top.score >= _PRETICK_LEAD * runner_up
            and not off_topic
            and ranked[0] == top.item
        ):
            pretick = top.item
    if pretick is None:
        evidence = ""
    return ConcernReading(
        ranked, pretick, skill_names, tuple(f.item for f in found_skills), evidence
    )


# Who spoke, after a skill's word ("the hiring manager", "the sales team"): a person, not
# the skill.
_PEOPLE = frozenset("manager managers interviewer lead director team panel head".split())


def _as_written(found: list[Found], seen: TextLemmas) -> list[Found]:
    """The skills the note names as nouns, as written or in the plural: "hiring" is not a
    skill in "a new hire" nor "the hiring manager", nor "presenting" in "presented"."""
    kept = []
    for item in found:
        cues = tuple(c for c in item.cues if _written(c, seen))
        if cues:
            kept.append(replace(item, cues=cues))
    return kept


def _written(cue: Cue, seen: TextLemmas) -> bool:
    span = seen.span(cue)
    if span is None:
        return False
    said = span.split()
    if len(said) != len(cue.words) or not all(
        a == b or a in (b + "s", b + "es") or b in (a + "s", a + "es")
        for a, b in zip(said, cue.words, strict=True)
    ):
        return False
    at = _find(seen.words, tuple(said))
    after = (
        seen.words[at + len(said)] if at is not None and at + len(said) < len(seen.words) else ""
    )
    return after not in _PEOPLE


def _partial(index: CueIndex, seen: TextLemmas) -> dict[str, float]:
    """For each competency, the weight of the best of its cues only partly in the note, the
    words that describe the signal left out ("asked" is no part of "asked to bend the
    rules")."""
    from prepcoach.kernel.text import lemma

    signal = {lemma(w) for w in _SIGNAL_WORDS}
    out: dict[str, float] = {}
    for cue in index.cues:
        if cue.as_phrase or len(cue.lemmas) < 2:
            continue
        some = sum(index.idf.get(x, 1.0) for x in cue.lemmas if x not in signal and seen.has(x))
        if some:
            out[cue.item] = max(out.get(cue.item, 0.0), some)
    return out


def _quote(seen: TextLemmas, cue: Cue) -> str:
    """The note's words that say a cue, next to each other ("presented to"), or from its
    first word to its last when they stand a few words apart ("explain ... simply"); empty
    when the words name a group or the question asked ("the leadership team", "the
    conflict question") rather than the candidate's skill."""
    from prepcoach.kernel.text import lemma

    def same(a: str, b: str) -> bool:
        return a == b or (min(len(a), len(b)) >= 6 and a[:6] == b[:6])

    words = seen.lemma_words
    spots = [[i for i, w in enumerate(words) if same(w, x)] for x in cue.lemmas or ()]
    if not spots or not all(spots):
        span = seen.span(cue)
        if span is None:
            return ""
        first = _find(seen.words, tuple(span.split()))
        spots = [[first, first + len(span.split()) - 1]] if first is not None else []
        if not spots:
            return ""
    reach = len(cue.words) + 3
    best: tuple[int, int] | None = None
    for start in spots[0]:
        ends = [min(other, key=lambda j: abs(j - start)) for other in spots[1:]]
        low, high = min([start, *ends]), max([start, *ends])
        if high - low <= reach and (best is None or high - low < best[1] - best[0]):
            best = (low, high)
    if best is None:
        return ""
    after = seen.words[best[1] + 1] if best[1] + 1 < len(seen.words) else ""
    if lemma(after) in _REFERENCE_NOUNS or after in _REFERENCE_NOUNS:
        return ""
    return " ".join(seen.words[best[0] : best[1] + 1])


def _find(haystack: tuple[str, ...], needle: tuple[str, ...]) -> int | None:
    n = len(needle)
    return next((i for i in range(len(haystack) - n + 1) if haystack[i : i + n] == needle), None)
