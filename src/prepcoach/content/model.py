"""The content schema: plain frozen dataclasses, so that reading content needs no validator.

Validation (pydantic, imported only when a file is actually parsed) reads the same classes;
`__pydantic_config__` forbids unknown fields so that a typo in a pack is reported, not ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

_STRICT: dict[str, Any] = {
    "extra": "forbid",
    "str_strip_whitespace": True,
    "coerce_numbers_to_str": True,
}

Category = Literal[
    "behavioral",
    "situational",
    "second-round",
    "culture-fit",
    "motivation",
    "career-goals",
    "salary",
    "role-specific",
]
Stage = Literal["first", "second", "final"]
AnswerFormat = Literal["star", "free", "salary-range"]
StarPartKey = Literal["situation", "task", "action", "result", "reflection"]
AskCategory = Literal[
    "role-challenges",
    "performance",
    "team",
    "growth",
    "culture",
    "strategy",
    "next-steps",
]
# Question-specific feedback checks a question can ask for.
Check = Literal["salary-range", "connects-to-role", "concrete-reference", "gives-example"]
PromptKind = Literal["rating", "text", "list", "people", "questions", "concerns", "dates"]

CATEGORIES: tuple[str, ...] = get_args(Category)
STAGES: tuple[str, ...] = get_args(Stage)
ANSWER_FORMATS: tuple[str, ...] = get_args(AnswerFormat)
ASK_CATEGORIES: tuple[str, ...] = get_args(AskCategory)


@dataclass(frozen=True, slots=True)
class Competency:
    """A skill interviewers probe for; questions and stories are tagged with these ids."""

    __pydantic_config__ = _STRICT
    id: str
    name: str
    description: str
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class Role:
    """A job family; role packs tag their questions with it."""

    __pydantic_config__ = _STRICT
    id: str
    name: str
    description: str = ""
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class Question:
    """An interview question with what the interviewer listens for."""

    __pydantic_config__ = _STRICT
    id: str
    text: str
    category: Category
    assesses: str
    competencies: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ("first", "second", "final")
    tips: tuple[str, ...] = ()
    look_fors: tuple[str, ...] = ()
    probes: tuple[str, ...] = ()
    answer_format: AnswerFormat = "star"
    target_seconds: int = 120
    star_template: str | None = None
    checks: tuple[Check, ...] = ()
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class StarPart:
    """One part of a STAR answer with the share of speaking time it deserves."""

    __pydantic_config__ = _STRICT
    key: StarPartKey
    label: str
    prompt: str
    hint: str
    share: float
    optional: bool = False


@dataclass(frozen=True, slots=True)
class StarTemplate:
    """An answer scaffold; specialised ones suit a kind of story (conflict, failure...)."""

    __pydantic_config__ = _STRICT
    id: str
    title: str
    description: str
    parts: tuple[StarPart, ...]
    competencies: tuple[str, ...] = ()
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class AskQuestion:
    """A question for the candidate to ask the interviewer."""

    __pydantic_config__ = _STRICT
    id: str
    text: str
    category: AskCategory
    demonstrates: str
    stages: tuple[Stage, ...] = ("second", "final")
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class FormatStep:
    """One segment of a mock interview: fixed question ids, or a pick by category/competency."""

    __pydantic_config__ = _STRICT
    title: str
    questions: tuple[str, ...] = ()
    category: Category | None = None
    competency: str | None = None
    count: int = 1
    candidate_questions: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class InterviewFormat:
    """An ordered interview plan, such as a typical second round."""

    __pydantic_config__ = _STRICT
    id: str
    title: str
    description: str
    steps: tuple[FormatStep, ...]
    stage: Stage = "second"
    minutes: int = 45
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class PostmortemPrompt:
    """One question of the post-interview self-assessment."""

    __pydantic_config__ = _STRICT
    id: str
    text: str
    kind: PromptKind
    help: str = ""
    required: bool = False


@dataclass(frozen=True, slots=True)
class PostmortemTemplate:
    """The ordered prompts of a post-mortem; changing them needs no code."""

    __pydantic_config__ = _STRICT
    id: str
    title: str
    prompts: tuple[PostmortemPrompt, ...]
    description: str = ""
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class EmailTemplate:
    """A follow-up email; subject and body are sandboxed Jinja2."""

    __pydantic_config__ = _STRICT
    id: str
    title: str
    purpose: str
    when: str
    subject: str
    body: str
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    per_interviewer: bool = False
    # Hours after the interview by which it should go out (thank-you notes: 24); a draft
    # written later gets a warning. None: no deadline.
    send_within_hours: int | None = None
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class Pack:
    """One content file: a header and any mix of content kinds."""

    __pydantic_config__ = _STRICT
    pack: str
    title: str
    version: str
    description: str
    source: str | None = None
    license: str | None = None
    competencies: tuple[Competency, ...] = ()
    roles: tuple[Role, ...] = ()
    questions: tuple[Question, ...] = ()
    star_templates: tuple[StarTemplate, ...] = ()
    ask_questions: tuple[AskQuestion, ...] = ()
    formats: tuple[InterviewFormat, ...] = ()
    postmortem_templates: tuple[PostmortemTemplate, ...] = ()
    email_templates: tuple[EmailTemplate, ...] = ()


# The kinds of item a pack can hold, by the key they are listed under.
KINDS: dict[str, type] = {
    "competencies": Competency,
    "roles": Role,
    "questions": Question,
    "star_templates": StarTemplate,
    "ask_questions": AskQuestion,
    "formats": InterviewFormat,
    "postmortem_templates": PostmortemTemplate,
    "email_templates": EmailTemplate,
}

Item = (
    Competency
    | Role
    | Question
    | StarTemplate
    | AskQuestion
    | InterviewFormat
    | PostmortemTemplate
    | EmailTemplate
)


@dataclass(frozen=True, slots=True)
class PackInfo:
    """Where a pack came from, for listings and error messages."""

    pack: str
    title: str
    version: str
    description: str
    path: str
    builtin: bool
    counts: dict[str, int] = field(default_factory=dict)
    source: str | None = None
    license: str | None = None
