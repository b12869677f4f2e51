"""Questions to ask the interviewer: browsing them by category and a shortlist per interview.

A shortlist holds 3 to 5 questions from the content (`ask_questions`), in the order the
candidate wants to ask them, each with an optional note ("build on what Jane said about the
migration"). Picking a question that the first interview already answered wastes the
moment and can suggest you were not listening, so `already_answered` looks for each
question's key words in the post-mortem notes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from prepcoach.content.model import ASK_CATEGORIES, AskQuestion
from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError

SHORTLIST_MIN = 3
SHORTLIST_MAX = 5
NOTE_MAX = 300

CATEGORY_LABELS: Mapping[str, str] = {
    "role-challenges": "Role challenges",
    "performance": "Performance and success",
    "team": "Team dynamics",
    "growth": "Growth",
    "culture": "Culture",
    "strategy": "Strategy",
    "next-steps": "Next steps",
}


@dataclass(frozen=True, slots=True)
class Pick:
    """One question on a shortlist: a content id and an optional note to tailor it."""

    ask_question_id: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ShortlistEntry:
    """A saved pick: its place on the list and when it was added."""

    ask_question_id: str
    position: int
    note: str = ""
    created_at: str = ""


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category.replace("-", " ").capitalize())


def by_category(
    questions: Iterable[AskQuestion], *, stage: str | None = None, category: str | None = None
) -> dict[str, list[AskQuestion]]:
    """Questions grouped by category (in the schema's order), optionally for one stage."""
    groups: dict[str, list[AskQuestion]] = {c: [] for c in ASK_CATEGORIES}
    for question in questions:
        if stage is not None and stage in ("first", "second", "final"):
            if stage not in question.stages:
                continue
        if category is not None and question.category != category:
            continue
        groups.setdefault(question.category, []).append(question)
    return {c: qs for c, qs in groups.items() if qs}


def problems(picks: Sequence[Pick], known: Mapping[str, AskQuestion]) -> list[str]:
    """Everything wrong with a shortlist, one sentence each (empty when it can be saved)."""
    from prepcoach.content.validation import suggest  # loads YAML: only to say what is wrong

    found: list[str] = []
    ids = [p.ask_question_id for p in picks]
    if len(picks) < SHORTLIST_MIN or len(picks) > SHORTLIST_MAX:
        found.append(
            f"pick {SHORTLIST_MIN} to {SHORTLIST_MAX} questions to ask (you picked {len(picks)})"
        )
    seen: set[str] = set()
    for qid in ids:
        if qid in seen:
            found.append(f"'{qid}' is picked twice")
        seen.add(qid)
        if qid not in known:
            found.append(f"no question to ask with id '{qid}'{suggest(qid, list(known))}")
    for pick in picks:
        problem = textcheck.problem(
            f"the note for '{pick.ask_question_id}'", pick.note, max_chars=NOTE_MAX
        )
        if problem:
            found.append(problem)
    return found


def check(picks: Sequence[Pick], known: Mapping[str, AskQuestion]) -> list[Pick]:
    """The picks with notes tidied, or a PrepError listing every problem."""
    cleaned = [
        Pick(p.ask_question_id.strip(), textcheck.clean(p.note, multiline=False)) for p in picks
    ]
    found = problems(cleaned, known)
    if found:
        raise PrepError("; ".join(found))
    return cleaned


def parse_note(spec: str) -> tuple[str, str]:
    """`ID=text` (from `--note`) as (id, text)."""
    qid, sep, text = spec.partition("=")
    if not sep or not qid.strip():
        raise PrepError(
            f"--note '{spec}': expected ID=TEXT, e.g. ask-team-day=mention the migration"
        )
    return qid.strip(), text.strip()


# ---------------------------------------------------------------------------- answered already

# Words that say nothing about what a question to ask is about, beyond the stop words.
_ASKING_WORDS = frozenset(
    """like look looks might one someone something person people position role job here
    expect expected think usually typically kind sort tell describe""".split()
)


def key_stems(text: str) -> tuple[str, ...]:
    """The lemmas of a text's content words, in order, without repeats."""
    from prepcoach.kernel.text import content_lemmas

    return tuple(w for w in content_lemmas(text, _ASKING_WORDS) if len(w) >= 3)


def _has(stems: set[str], stem: str) -> bool:
    from prepcoach.kernel.text import related

    return stem in stems or any(related(stem, s) for s in stems)


@dataclass(frozen=True, slots=True)
class Answered:
    """A picked question whose topic the post-mortem notes already cover."""

    ask_question_id: str
    note: str  # the note that covers it (clipped)
    words: tuple[str, ...]  # the key words found


def already_answered(
    question: AskQuestion, notes: Sequence[str], *, share: float = 0.5
) -> Answered | None:
    """The post-mortem note that seems to answer `question` already, if any.

    A note answers it when at least two of the question's key words, and `share` of them,
    occur in that one note (stems, so "measured" matches "measure").
    """
    wanted = key_stems(question.text)
    if len(wanted) < 2:
        return None
    needed = max(2, math.ceil(len(wanted) * share))
    best: tuple[int, str, tuple[str, ...]] | None = None
    for note in notes:
        present = set(key_stems(note))
        hits = tuple(s for s in wanted if _has(present, s))
        if len(hits) >= needed and (best is None or len(hits) > best[0]):
            best = (len(hits), note, hits)
    if best is None:
        return None
    return Answered(question.id, clip(best[1], 140), best[2])


def clip(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"
