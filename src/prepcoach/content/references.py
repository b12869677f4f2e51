"""The references between content items, checked once every pack is merged.

A question's competencies, roles and STAR template, a format step's questions and competency,
a skill's roles must exist somewhere in the merged content; and a few rules about one item that
need no schema: shares of a STAR template adding up to 1.0, a template's core parts, a positive
target time. Each finding is (kind, item id, location inside the item, message), as the
features' checks give them (prepcoach.content.checks), placed at its line by the library.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any

from prepcoach.content.checks import Finding
from prepcoach.content.model import Question

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary

# The parts every answer template needs: a STAR story, or a hypothetical "what would you do".
STAR_CORE = ("situation", "task", "action", "result")
HYPOTHETICAL_CORE = ("clarify", "options", "decide", "communicate")


def _questions_to_examine(library: ContentLibrary) -> Iterable[Question]:
    """The questions, or none when a look at all of them at once finds nothing to report
    (the usual case, and many times quicker on a large bank than one by one)."""
    questions = library.questions.values()
    used = set(chain.from_iterable(q.competencies for q in questions))
    roles = set(chain.from_iterable(q.roles for q in questions))
    templates = {q.star_template for q in questions}
    templates.discard(None)
    templates.discard("")
    cues = {cue.strip() for q in questions for f in q.look_fors for cue in f.cues}
    if (
        used <= library.competencies.keys()
        and roles <= library.roles.keys()
        and templates <= library.star_templates.keys()
        and "" not in cues
        and min((q.target_seconds for q in questions), default=1) > 0
    ):
        return ()
    return questions


def reference_findings(library: ContentLibrary) -> list[Finding]:
    """Every broken reference and every item that breaks one of the rules above."""
    found: list[Finding] = []

    def problem(kind: str, item_id: str, loc: tuple[Any, ...], message: str) -> None:
        found.append((kind, item_id, loc, message))

    def unknown(what: str, value: str, known: Iterable[str]) -> str:
        from prepcoach.content.validation import suggest

        names = sorted(known)
        return f"unknown {what} '{value}'{suggest(value, names)}" + (
            f"; known: {', '.join(names)}" if len(names) <= 20 else ""
        )

    competencies = library.competencies
    for q in _questions_to_examine(library):
        for i, c in enumerate(q.competencies):
            if c not in competencies:
                problem(
                    "questions", q.id, ("competencies", i), unknown("competency", c, competencies)
                )
        for i, r in enumerate(q.roles):
            if r not in library.roles:
                problem("questions", q.id, ("roles", i), unknown("role", r, library.roles))
        if q.star_template and q.star_template not in library.star_templates:
            problem(
                "questions",
                q.id,
                ("star_template",),
                unknown("STAR template", q.star_template, library.star_templates),
            )
        if q.target_seconds <= 0:
            problem("questions", q.id, ("target_seconds",), "target_seconds must be positive")
        for i, look_for in enumerate(q.look_fors):
            for j, cue in enumerate(look_for.cues):
                if not cue.strip():
                    problem("questions", q.id, ("look_fors", i, "cues", j), "a cue is empty")
    for skill in library.skills.values():
        for i, r in enumerate(skill.roles):
            if r not in library.roles:
                problem("skills", skill.id, ("roles", i), unknown("role", r, library.roles))
    for t in library.star_templates.values():
        for i, c in enumerate(t.competencies):
            if c not in competencies:
                problem(
                    "star_templates",
                    t.id,
                    ("competencies", i),
                    unknown("competency", c, competencies),
                )
        total = sum(p.share for p in t.parts)
        if abs(total - 1.0) > 0.05:
            problem(
                "star_templates",
                t.id,
                ("parts",),
                f"the parts' shares add up to {total:.2f}; make them add up to 1.0",
            )
        keys = [p.key for p in t.parts]
        # A story follows STAR; a hypothetical answer follows its own scaffold.
        core = HYPOTHETICAL_CORE if HYPOTHETICAL_CORE[0] in keys else STAR_CORE
        for needed in core:
            if needed not in keys:
                problem("star_templates", t.id, ("parts",), f"has no '{needed}' part")
    for f in library.formats.values():
        for s, step in enumerate(f.steps):
            for i, qid in enumerate(step.questions):
                if qid not in library.questions:
                    problem(
                        "formats",
                        f.id,
                        ("steps", s, "questions", i),
                        unknown("question", qid, library.questions),
                    )
            if step.competency and step.competency not in competencies:
                problem(
                    "formats",
                    f.id,
                    ("steps", s, "competency"),
                    unknown("competency", step.competency, competencies),
                )
            if not (step.questions or step.category or step.competency or step.candidate_questions):
                problem(
                    "formats",
                    f.id,
                    ("steps", s),
                    f"step '{step.title}' picks no questions: give 'questions', 'category', "
                    "'competency' or 'candidate_questions: true'",
                )
            if step.count < 1:
                problem("formats", f.id, ("steps", s, "count"), "count must be at least 1")
    return found
