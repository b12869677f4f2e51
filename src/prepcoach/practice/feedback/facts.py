"""The facts every rule reads: the answer's parts, words, sentences, fillers and look-fors,
gathered once per answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.content.model import Question, StarTemplate
from prepcoach.kernel import text as kt
from prepcoach.practice.feedback.base import (
    _DEFAULT_SHARES,
    _DIGIT,
    STAR_PARTS,
    WORDS_PER_MINUTE,
    Answer,
    FeedbackContext,
    _norm,
    _words,
)
from prepcoach.practice.feedback.fillers import (
    _count_fillers,
)
from prepcoach.practice.feedback.lookfors import (
    _match_look_fors,
)
from prepcoach.practice.feedback.star import (
    _attribute,
)

if TYPE_CHECKING:
    from prepcoach.practice.feedback.relevance import QuestionBank


# --- the facts every rule reads ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    question: Question
    answer: Answer
    context: FeedbackContext
    targets: Mapping[str, float]  # template part -> normalised share, STAR order
    required: tuple[str, ...]  # non-optional template parts, STAR order
    guided: bool  # STAR parts were given by the user, not attributed
    parts: Mapping[str, str]  # STAR part -> text
    part_words: Mapping[str, int]
    text: str  # the whole answer, lower-cased
    word_count: int
    seconds: float
    measured: bool
    timed: bool  # lap times per part were given
    shares: Mapping[str, float] | None  # part -> share of time or words; None: can't judge
    index: kt.SentenceIndex  # the answer's sentences with their lemmas
    fillers: Mapping[str, int]  # filler -> count, most frequent first
    hedges: Mapping[str, int]
    covered: Mapping[str, str]  # look-for -> the words that show it
    missing: tuple[str, ...]  # look-fors not found
    figures: bool  # the answer has a number in it
    bank: QuestionBank | None = None  # the question bank, for judging relevance

    def present(self, part: str) -> bool:
        return self.part_words[part] > 0 or self.answer.part_seconds.get(part, 0.0) >= 3

    @property
    def basis(self) -> str:
        return "time" if self.timed else "words"


def _facts(
    question: Question, answer: Answer, template: StarTemplate | None, context: FeedbackContext
) -> _Facts:
    raw: dict[str, float] = dict(_DEFAULT_SHARES)
    required: tuple[str, ...] = tuple(_DEFAULT_SHARES)
    if template is not None and template.parts:
        raw = {part.key: max(part.share, 0.0) for part in template.parts}
        optional = {part.key for part in template.parts if part.optional}
        required = tuple(k for k in STAR_PARTS if k in raw and k not in optional)
    total_share = sum(raw.values()) or 1.0
    targets = {k: raw[k] / total_share for k in STAR_PARTS if k in raw}

    # Parts typed into STAR boxes are kept; any other text is attributed by cue phrases.
    given = {k: answer.parts[k] for k in STAR_PARTS if answer.parts.get(k, "").strip()}
    loose = "\n".join(v for k, v in sorted(answer.parts.items()) if k not in STAR_PARTS)
    collected = {k: [given[k]] if k in given else [] for k in STAR_PARTS}
    for key, sentences in _attribute(loose).items():
        collected[key].extend(sentences)
    parts = {k: " ".join(v) for k, v in collected.items()}
    part_words = {k: len(_words(v)) for k, v in parts.items()}
    text = _norm("\n".join(parts[k] for k in STAR_PARTS if parts[k]))
    words = _words(text)

    measured = answer.seconds is not None and 0 < answer.seconds < math.inf
    estimate = len(words) * 60 / WORDS_PER_MINUTE
    seconds = float(answer.seconds) if measured and answer.seconds else estimate
    timed = {k: s for k, s in answer.part_seconds.items() if k in STAR_PARTS and 0 < s < math.inf}
    shares: dict[str, float] | None = None
    if timed:
        shares = {k: timed.get(k, 0.0) / sum(timed.values()) for k in STAR_PARTS}
    elif not answer.spoken and len(words) >= 60:
        shares = {k: part_words[k] / len(words) for k in STAR_PARTS}

    fillers, hedges = _count_fillers(text)
    index = kt.SentenceIndex("\n".join(parts[k] for k in STAR_PARTS if parts[k]))
    figures = _DIGIT.search(kt.without_intensifiers(text)) is not None
    covered, missing = _match_look_fors(question, index)
    return _Facts(
        question=question,
        answer=answer,
        context=context,
        targets=targets,
        required=required,
        guided=bool(given),
        parts=parts,
        part_words=part_words,
        text=text,
        word_count=len(words),
        seconds=seconds,
        measured=measured,
        timed=bool(timed),
        shares=shares,
        index=index,
        fillers=fillers,
        hedges=hedges,
        covered=covered,
        missing=missing,
        figures=figures,
    )
