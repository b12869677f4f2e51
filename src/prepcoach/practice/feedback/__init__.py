"""Answer feedback: a score out of 100 in four parts, and itemised findings, each with a tip.

Someone practising alone needs to know *why* an answer is weak and what to change, so every
point lost is carried by a `Finding` that says what was found (a missing STAR part, the filler
words with their counts, the look-fors not found) and what to do next time. Each finding
belongs to one part of the score (structure, evidence, relevance, delivery); a part is its
maximum plus its findings' points (all zero or negative), never below zero, and the score is
the sum of the parts, capped when the answer is too short to judge or off the question.

Look-fors and relevance are judged by meaning, sentence by sentence: a look-for is covered
when one sentence holds all the words of its label or of one of its cues (lemmatised, stop
words ignored, not negated: "I never measured it" does not count). STAR parts in free text are
found by each sentence's role. The rules are pure and deterministic, so the same answer always
gets the same feedback, and cheap, so feedback is instant. Each rule is a small function
listed in `engine._RULES`; every finding id and its tip is in `TIPS`.

The package's modules follow the engine's seams: `base` (the data and shared helpers), `star`
(STAR parts in free text), `lookfors`, `fillers`, `facts` (what every rule reads), `rules`
(structure and evidence), `relevance` (judged against the question bank) and `engine` (the
registry, the verdicts and the score).
"""

from __future__ import annotations

from prepcoach.practice.feedback.base import (
    CONTENT_FREE_CAP,
    MAX_WORDS,
    NOTES_CAP,
    OFF_TOPIC_CAP,
    PART_MAXIMA,
    RULE_IDS,
    SHORT_CAP,
    STAR_PARTS,
    TIPS,
    WORDS_PER_MINUTE,
    Answer,
    Feedback,
    FeedbackContext,
    Finding,
    NotesPolicy,
    Severity,
    tip_for,
)
from prepcoach.practice.feedback.engine import Judged, analyse, judge, part_of, scored
from prepcoach.practice.feedback.relevance import (
    OFF_TOPIC_EVIDENCE,
    OFF_TOPIC_FIT,
    OFF_TOPIC_FIT_ONE_SIGN,
    QuestionBank,
    relevance_evidence,
)
from prepcoach.practice.feedback.score import FEATURE_PARTS, SCALE, WEIGHTS

__all__ = [
    "Answer",
    "CONTENT_FREE_CAP",
    "Feedback",
    "FeedbackContext",
    "Finding",
    "MAX_WORDS",
    "NOTES_CAP",
    "NotesPolicy",
    "OFF_TOPIC_CAP",
    "OFF_TOPIC_EVIDENCE",
    "OFF_TOPIC_FIT",
    "OFF_TOPIC_FIT_ONE_SIGN",
    "PART_MAXIMA",
    "QuestionBank",
    "RULE_IDS",
    "SHORT_CAP",
    "STAR_PARTS",
    "Severity",
    "TIPS",
    "WORDS_PER_MINUTE",
    "FEATURE_PARTS",
    "Judged",
    "SCALE",
    "WEIGHTS",
    "analyse",
    "judge",
    "scored",
    "tip_for",
    "part_of",
    "relevance_evidence",
]
