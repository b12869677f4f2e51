"""The references between content items, checked once every pack is merged.

A question's competencies, roles and STAR template, a format step's questions and competency,
a skill's roles must exist somewhere in the merged content; and a few rules about one item that
need no schema: shares of a STAR template adding up to 1.0, a template's core parts, a positive
target time. Each finding is (kind, item id, location inside the item, message), as the
features' checks give them (prepcoach.content.checks), placed at its line by the library.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

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
    used = set(chain.from_iterable(map(attrgetter("competencies"), questions)))
    roles = set(chain.from_iterable(map(attrgetter("roles"), questions)))
    templates = set(map(attrgetter("star_template"), questions))
    templates.discard(None)
    templates.discard("")
    # Every cue and focus phrase, once each: one that is empty or only spaces is a finding.
    look_fors = chain.from_iterable(map(attrgetter("look_fors"), questions))
    phrases = set(chain.from_iterable(map(attrgetter("cues"), look_fors)))
    phrases.update(chain.from_iterable(map(attrgetter("focus"), questions)))
    if (
        used <= library.competencies.keys()
        and roles <= library.roles.keys()
        and templates <= library.star_templates.keys()
        and "" not in phrases
        and not any(map(str.isspace, phrases))
        and min(map(attrgetter("target_seconds"), questions), default=1) > 0
    ):
        return ()
    return questions


def reference_findings(library: ContentLibrary) -> list[Finding]:
    """Every broken reference and every item that breaks one of the rules above."""
    return [
        *_question_findings(library),
        *_skill_findings(library),
        *_template_findings(library),
        *_format_findings(library),
    ]


def _unknown(what: str, value: str, known: Iterable[str]) -> str:
    from prepcoach.content.validation import suggest

    names = sorted(known)
    return f"unknown {what} '{value}'{suggest(value, names)}" + (
        f"; known: {', '.join(names)}" if len(names) <= 20 else ""
    )


def _question_findings(library: ContentLibrary) -> Iterator[Finding]:
    competencies = library.competencies
    for q in _questions_to_examine(library):
        for i, c in enumerate(q.competencies):
            if c not in competencies:
                message = _unknown("competency", c, competencies)
                yield "questions", q.id, ("competencies", i), message
        for i, r in enumerate(q.roles):
            if r not in library.roles:
                yield "questions", q.id, ("roles", i), _unknown("role", r, library.roles)
        if q.star_template and q.star_template not in library.star_templates:
            message = _unknown("STAR template", q.star_template, library.star_templates)
            yield "questions", q.id, ("star_template",), message
        if q.target_seconds <= 0:
            yield "questions", q.id, ("target_seconds",), "target_seconds must be positive"
        for i, look_for in enumerate(q.look_fors):
            for j, cue in enumerate(look_for.cues):
                if not cue.strip():
                    yield "questions", q.id, ("look_fors", i, "cues", j), "a cue is empty"
        for i, phrase in enumerate(q.focus):
            if not phrase.strip():
                yield "questions", q.id, ("focus", i), "a focus phrase is empty"


def _skill_findings(library: ContentLibrary) -> Iterator[Finding]:
    for skill in library.skills.values():
        for i, r in enumerate(skill.roles):
            if r not in library.roles:
                yield "skills", skill.id, ("roles", i), _unknown("role", r, library.roles)


def _template_findings(library: ContentLibrary) -> Iterator[Finding]:
    competencies = library.competencies
    for t in library.star_templates.values():
        for i, c in enumerate(t.competencies):
            if c not in competencies:
                message = _unknown("competency", c, competencies)
                yield "star_templates", t.id, ("competencies", i), message
        total = sum(p.share for p in t.parts)
        if abs(total - 1.0) > 0.05:
            message = f"the parts' shares add up to {total:.2f}; make them add up to 1.0"
            yield "star_templates", t.id, ("parts",), message
        keys = [p.key for p in t.parts]
        # A story follows STAR; a hypothetical answer follows its own scaffold.
        core = HYPOTHETICAL_CORE if HYPOTHETICAL_CORE[0] in keys else STAR_CORE
        for needed in core:
            if needed not in keys:
                yield "star_templates", t.id, ("parts",), f"has no '{needed}' part"


def _format_findings(library: ContentLibrary) -> Iterator[Finding]:
    competencies = library.competencies
    for f in library.formats.values():
        for s, step in enumerate(f.steps):
            for i, qid in enumerate(step.questions):
                if qid not in library.questions:
                    message = _unknown("question", qid, library.questions)
                    yield "formats", f.id, ("steps", s, "questions", i), message
            if step.competency and step.competency not in competencies:
                message = _unknown("competency", step.competency, competencies)
                yield "formats", f.id, ("steps", s, "competency"), message
            if not (step.questions or step.category or step.competency or step.candidate_questions):
                message = (
                    f"step '{step.title}' picks no questions: give 'questions', 'category', "
                    "'competency' or 'candidate_questions: true'"
                )
                yield "formats", f.id, ("steps", s), message
            if step.count < 1:
                yield "formats", f.id, ("steps", s, "count"), "count must be at least 1"
