"""Reading a job posting offline: the role it is for, and the competencies and skills it asks
of the candidate.

A posting mixes what the job asks ("what you will do", "about you", requirements) with what
the employer says of itself ("about us", values, benefits, the process, equal-opportunity
text). Its lines are cut into sections at short heading-like lines; sections about the
employer are left out, so that "we are curious" or a "conflict of interest" declaration asks
nothing of the candidate. In the rest, the content's competency cues and skills lexicon
(content.lexicon) are looked for, line by line; a competency found in more lines, or by more
specific cues, weighs more. The role comes from the title line (content.roles).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary

MAX_POSTING_CHARS: Final = 50_000
# A section about the employer, not the job: its lines ask nothing of the candidate.
_EMPLOYER_SECTION: Final = re.compile(
    r"^(?:about\s+(?:us|the\s+company|the\s+team|[A-Z][\w&.\- ]{0,40})$|who\s+we\s+are|our\s+"
    r"(?:values|culture|story|mission|benefits|offer)|why\s+(?:join|work\s+(?:with|for))|what\s+"
    r"we\s+offer|benefits|perks|the\s+package|compensation|salary|pay|process|how\s+to\s+apply"
    r"|(?:the\s+)?(?:interview|hiring|recruitment|application)\s+process|equal\s+opportunit"
    r"|diversity|we\s+offer|you(?:'ll|\s+will)\s+get|in\s+return)",
    re.I,
)
_INLINE_LABEL: Final = re.compile(r"^([A-Za-z][\w '&/-]{1,40}):\s*(.*)$")
_COMPETENCY_SCORE: Final = 2.5  # a cue at least this specific (lexicon weight) counts
_MAX_COMPETENCIES: Final = 6
_PARTIAL_SCORE: Final = 2.5
_PARTIAL_SHARE: Final = 0.6
_KEEP: Final = 2.5  # the weight a competency needs in the whole posting


@dataclass(frozen=True, slots=True)
class PostingReading:
    """What a posting asks for, best first."""

    role: str | None = None
    title: str = ""
    competencies: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()  # as the posting names them, lower case ("sql", "figma")
    skill_ids: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "role": self.role,
            "competencies": list(self.competencies),
            "skills": list(self.skills),
            "skill_ids": list(self.skill_ids),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PostingReading:
        return cls(
            role=data.get("role") or None,
            title=str(data.get("title") or ""),
            competencies=tuple(str(c) for c in data.get("competencies") or ()),
            skills=tuple(str(s) for s in data.get("skills") or ()),
            skill_ids=tuple(str(s) for s in data.get("skill_ids") or ()),
        )

    def is_empty(self) -> bool:
        return not (self.role or self.competencies or self.skills)


def _is_heading(line: str) -> bool:
    """A short line that names a section ("About you", "What we offer:")."""
    words = line.rstrip(":").split()
    return (
        0 < len(words) <= 6
        and not line.lstrip().startswith(("-", "*", "•"))
        and not line.rstrip().endswith((".", ","))
    )


def asked_lines(text: str) -> list[str]:
    """The posting's lines that say what the job asks, employer sections left out."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    about_employer = False
    current = ""
    for index, line in enumerate(lines):
        if not line:
            continue
        labelled = _INLINE_LABEL.match(line)
        if index > 1 and labelled and _EMPLOYER_SECTION.match(labelled.group(1)):
            about_employer = True  # "Process: a 30-minute call ..."
            current = labelled.group(1)
            continue
        if index > 1 and _is_heading(line):
            current = line.rstrip(":")
            about_employer = bool(_EMPLOYER_SECTION.match(current))
            continue
        if about_employer:
            continue
        if line.startswith(("-", "*", "•")) or not out or not current:
            out.append(line.lstrip("-*• "))
        elif out and not out[-1].endswith((".", ";", ":")) and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"  # a hard-wrapped line goes on
        else:
            out.append(line)
    return out


def read_posting(text: str, library: ContentLibrary) -> PostingReading:
    """The role, competencies and skills a posting asks for (see the module docstring)."""
    from prepcoach.content.lexicon import TextLemmas, competency_index, skill_index, skill_terms
    from prepcoach.content.roles import match_role

    text = text[:MAX_POSTING_CHARS]
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    found_role = match_role(first, library.roles) if first else None
    competencies = competency_index(library)
    skills = skill_index(library)
    weights: dict[str, float] = {}
    skill_names: list[str] = []
    skill_ids: list[str] = []
    for line in _joined(asked_lines(text)):
        seen = TextLemmas(line)
        for found in competencies.find(seen):
            if found.item not in library.competencies:
                continue
            if found.score >= _COMPETENCY_SCORE:
                weights[found.item] = weights.get(found.item, 0.0) + found.score
            elif found.partial >= _PARTIAL_SCORE:
                # A cue's most telling word without the rest ("explain" of "explain clearly")
                # counts for a little, so a competency named in several lines comes through.
                weights[found.item] = weights.get(found.item, 0.0) + _PARTIAL_SHARE * found.partial
        for found in skills.find(seen):
            if found.item not in skill_ids:
                skill_ids.append(found.item)
            for term in skill_terms(found, seen):
                if term not in skill_names:
                    skill_names.append(term)
    kept = [c for c in weights if weights[c] >= _KEEP]
    ranked = sorted(kept, key=lambda c: (-weights[c], c))[:_MAX_COMPETENCIES]
    return PostingReading(
        role=found_role.role if found_role else None,
        title=first[:200],
        competencies=tuple(ranked),
        skills=tuple(skill_names),
        skill_ids=tuple(skill_ids),
    )


def _joined(lines: Sequence[str]) -> list[str]:
    return [line for line in lines if line]
