"""STAR parts in free text: each sentence goes to the part its role points to (cue phrases,
its place in the answer, actions in the past tense, an outcome with a figure near the end).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from prepcoach.kernel import text as kt
from prepcoach.practice.feedback.base import (
    STAR_PARTS,
    _alt,
    _norm,
    _sentences,
    _words,
)

# --- STAR attribution ----------------------------------------------------------------------

_PAST_VERB = (  # a past-tense verb, apart from those that set the scene or reflect
    r"(?:\w+ly |also |then |just |first )?"
    r"(?!was\b|had\b|needed\b|wanted\b|joined\b|worked\b|learned\b|reali[sz]ed\b)"
    r"(?:\w+ed|set|met|wrote|built|ran|made|took|spoke|brought|got|began|chose|gave|went|led|"
    r"found|held|put|sent|told|drew|kept|cut|paid|taught|sought|rewrote|sat|did|broke|won|read|"
    r"split|spent|sold|lost|knew)\b"
)
_PAST_I = re.compile(r"\bi " + _PAST_VERB)
_CUES: Final[Mapping[str, re.Pattern[str]]] = {
    "situation": _alt(
        r"at the time|we were|i was working|i (?:was )?work(?:ed|ing) (?:as|at|for|in|on)",
        r"i was (?:a|an|the) \w+|(?:when|while) i was|back in|in (?:19|20)\d\d|i joined",
        r"in my (?:last|previous|current|first|old) (?:role|job|position|company|team)",
        r"a (?:few|couple of) (?:years|months|weeks) ago|\d+ (?:years|months) ago",
        r"(?:last|this) (?:year|summer|spring|autumn|fall|winter|quarter)|context|background",
        r"(?:our|the) (?:team|company|project|client) (?:was|had)|there (?:was|were)|we had",
    ),
    "task": _alt(
        r"my (?:job|role|task|goal|brief|responsibility) was|i was (?:responsible|accountable)",
        r"i was asked to|i was tasked|i needed to|i had to|(?:the|our) goal was|i owned",
        r"i was in charge of|i was (?:the one )?(?:leading|running|handling)",
        r"the (?:challenge|problem|task) was|it was (?:up to me|my job)|i was given",
        r"we needed to|we had to|needed someone to",
    ),
    "action": _alt(
        r"so i|i decided|first,? i|then i|next,? i|after that|i started|i set up|i proposed",
        r"i reached out|i organi[sz]ed|i worked with|i made sure|i suggested|i asked|i began",
        r"^(?:(?:then|so|and|first|next),? )?(?:i|we) " + _PAST_VERB,
    ),
    "result": _alt(
        r"as a result|in the end|which led to|(?:this|that|it) led to|the result|resulting in",
        r"(?:this|that|which) meant|the outcome|ended up|by the end|eventually|finally",
        r"we (?:managed|were able) to|reduced|increased|improved|saved|grew|doubled|halved",
        r"tripled|went live|on time|\d+(?:\.\d+)? ?%|percent|the feedback was",
    ),
    "reflection": _alt(
        r"i learn(?:ed|t)|lessons?|looking back|in hindsight|next time|since then|taught me",
        r"i now|now i|differently|if i did it again|takeaway|i took away|i reali[sz]ed",
    ),
}


_OUTCOME = _alt(
    r"dropped|fell|rose|went (?:from|up|down|live)|came down|cut|reduced|saved|reached|passed",
    r"signed|shipped|launched|delivered|hit (?:our|the)|met (?:our|the)|won|accepted|promoted",
    r"stopped|no longer|never (?:again|came back|recurred)|back (?:up|on track)|worked",
    r"was (?:approved|adopted|renewed|resolved)|agreed|thanked|now (?:uses|runs|has)",
    r"happy|pleased|satisfied|relieved|grateful|praised|worked out|paid off|succeeded",
    r"no (?:more )?(?:problems|issues|complaints|errors)|(?:didn't|never) (?:happen|recur|cause)",
)
_FIGURE = re.compile(r"\d|\b(?:doubled|tripled|halved|twice|half|zero|none)\b")


_I_THEN = re.compile(r"\b(?:i|we) (?:\w+ly |also |then |just |first |quickly )?([a-z]+)\b")
# Past tenses that set the scene or reflect rather than act.
_NOT_ACTS: Final = frozenset(
    """was were had needed wanted joined worked learned learnt realised realized felt thought
    knew loved liked hated used seemed became""".split()
)


def _acts(sentence: str) -> int:
    """How many times the speaker (or their team) does something, in the past tense:
    "I rang", "we rewrote", "I quickly dug in"."""
    count = 0
    for m in _I_THEN.finditer(sentence):
        verb = m.group(1)
        if verb in _NOT_ACTS or verb.endswith("s"):
            continue
        if verb.endswith("ed") or kt.lemma(verb) != verb:
            count += 1
    return count


def _role_scores(sentence: str, position: float) -> dict[str, float]:
    """How strongly a sentence reads as each STAR part: its cue phrases, its place in the
    answer, and for the outcome, an outcome verb or a figure near the end."""
    scores = {
        key: float(
            sum(len(m.group()) + (5 if m.start() == 0 else 0) for m in pattern.finditer(sentence))
        )
        for key, pattern in _CUES.items()
    }
    scores["action"] += 6 * _acts(sentence)
    outcome = len(_OUTCOME.findall(sentence)) + (1 if scores["result"] else 0)
    figure = _FIGURE.search(sentence) is not None
    if position >= 0.6 and outcome:
        # A closing sentence with an outcome and a figure is the result.
        scores["result"] += 4 * outcome + (10 if figure else 0) + (6 if position == 1 else 0)
    elif outcome and figure:
        scores["result"] += 6
    return scores


# A sentence that opens with the next step of the action, not with what came of it.
_NEXT_STEP = re.compile(r"(?:so|then|next|first|and then|after that),? (?:i|we)\b|i decided\b")


def _ends_a_story(sentence: str) -> bool:
    low = _norm(sentence)
    return bool(_OUTCOME.search(low) or _CUES["result"].search(low) or _FIGURE.search(low))


def _attribute(text: str) -> dict[str, list[str]]:
    """Give each sentence to the STAR part its role points to (strongest signal wins).

    A sentence without a signal continues the previous part; the first one defaults to
    situation. Ties go to the earlier part in STAR order.
    """
    out: dict[str, list[str]] = {key: [] for key in STAR_PARTS}
    current = "situation"
    sentences = [c for s in _sentences(text) for c in kt.clauses(s)]
    roles: list[str] = []
    last = max(len(sentences) - 1, 1)
    for i, sentence in enumerate(sentences):
        scores = _role_scores(_norm(sentence), i / last if len(sentences) > 1 else 0.0)
        best, best_score = current, 0.0
        for key in STAR_PARTS:
            if scores[key] > best_score:
                best, best_score = key, scores[key]
        out[best].append(sentence)
        current = best
        roles.append(best)
    if len(sentences) >= 2 and not out["result"]:
        # A story that ends ends with its outcome: the closing sentence, before any lesson.
        closing = (
            max(i for i, role in enumerate(roles) if role != "reflection")
            if any(role != "reflection" for role in roles)
            else -1
        )
        if (
            closing > 0
            and roles[closing] in ("action", "situation", "task")
            and len(_words(sentences[closing])) >= 3
            and (
                len(sentences) >= 3
                or _ends_a_story(sentences[closing])
                or not _NEXT_STEP.match(_norm(sentences[closing]))
            )
        ):
            out[roles[closing]].remove(sentences[closing])
            out["result"].append(sentences[closing])
    return out
