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
# STAR parts, plus the parts of the hypothetical ("what would you do") scaffold.
StarPartKey = Literal[
    "situation",
    "task",
    "action",
    "result",
    "reflection",
    "clarify",
    "options",
    "decide",
    "communicate",
    "check",
]
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
# Who is interviewing: questions and questions-to-ask can say whom they suit best.
Audience = Literal["recruiter", "hiring-manager", "peer", "executive"]
# What kind of round a format is: a conversation, or an exercise with its own preparation.
FormatKind = Literal["interview", "presentation", "case-study", "take-home", "role-play", "in-tray"]
# How a locale states pay: a range, or one figure; and on which basis.
SalaryFigure = Literal["range", "single"]
PayBasis = Literal["gross", "ctc"]
PromptKind = Literal["rating", "text", "list", "people", "questions", "concerns", "dates"]

CATEGORIES: tuple[str, ...] = get_args(Category)
STAGES: tuple[str, ...] = get_args(Stage)
ANSWER_FORMATS: tuple[str, ...] = get_args(AnswerFormat)
ASK_CATEGORIES: tuple[str, ...] = get_args(AskCategory)
AUDIENCES: tuple[str, ...] = get_args(Audience)
FORMAT_KINDS: tuple[str, ...] = get_args(FormatKind)


@dataclass(frozen=True, slots=True)
class Competency:
    """A skill interviewers probe for; questions and stories are tagged with these ids."""

    __pydantic_config__ = _STRICT
    id: str
    name: str
    description: str
    # Phrases that signal this competency in a concern, a job posting or an imported question.
    cues: tuple[str, ...] = ()
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class Skill:
    """A role or technical skill (SQL, forecasting, triage) that a posting or a concern names."""

    __pydantic_config__ = _STRICT
    id: str
    name: str
    cues: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class Role:
    """A job family; role packs tag their questions with it."""

    __pydantic_config__ = _STRICT
    id: str
    name: str
    description: str = ""
    # Other names for the job family, for matching an interview's or profile's role to it.
    aliases: tuple[str, ...] = ()
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class LookFor:
    """What a strong answer covers: a label shown to the user, and cues that show it is met.

    In a pack, a look-for is either its label alone (a string) or a mapping with the label
    and its cues: other phrasings and key concepts that say the same thing.
    """

    __pydantic_config__ = _STRICT
    label: str
    cues: tuple[str, ...] = ()


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
    look_fors: tuple[LookFor, ...] = ()
    # What an answer must be about to answer this question at all, as phrases any one of
    # which shows it ("my manager", "my boss", "the person I reported to"). Relevance reads
    # them; a question without them is judged on its words alone.
    focus: tuple[str, ...] = ()
    probes: tuple[str, ...] = ()
    answer_format: AnswerFormat = "star"
    target_seconds: int = 120
    star_template: str | None = None
    checks: tuple[Check, ...] = ()
    audiences: tuple[Audience, ...] = ()
    overrides: bool = False

    @property
    def look_for_labels(self) -> tuple[str, ...]:
        """The look-fors as the user reads them."""
        return tuple(look_for.label for look_for in self.look_fors)


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
    audiences: tuple[Audience, ...] = ()
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
    # Follow-up probes the interviewer asks after each answer in this step (None: the default).
    probes: int | None = None
    minutes: int | None = None  # the step's share of the round, for the round clock


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
    kind: FormatKind = "interview"
    brief: str = ""  # for exercises: the task as the candidate receives it
    prep_minutes: int = 0  # for exercises: preparation time before the round starts
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
class ChecklistItem:
    """One thing to check or do, with an optional line on why or how."""

    __pydantic_config__ = _STRICT
    text: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Checklist:
    """A list to run through before an interview, such as the interview-day checklist."""

    __pydantic_config__ = _STRICT
    id: str
    title: str
    items: tuple[ChecklistItem, ...]
    description: str = ""
    overrides: bool = False


@dataclass(frozen=True, slots=True)
class Locale:
    """Local conventions of a country or language: what the document is called, and how
    pay is stated, asked about and published (`prep profile set --locale`)."""

    __pydantic_config__ = _STRICT
    id: str  # a language tag in lower case: "en-gb", "de-de"
    name: str  # "United Kingdom"
    aliases: tuple[str, ...] = ()  # country names and codes: "UK", "Great Britain", "GB"
    currency: str = ""  # the usual currency code, for examples
    cv_word: str = "CV"  # "CV" or "resume": what built-in text calls the document
    salary_figure: SalaryFigure = "range"  # what an answer to "your expectations?" names
    pay_basis: PayBasis = "gross"  # "ctc": cost to company, with variable pay and benefits
    pay_words: str = ""  # said after the figure: "gross", "CTC", "plus super"
    asks_current_pay: bool = False  # interviewers commonly ask what you earn now
    salary_advice: tuple[str, ...] = ()  # how pay is talked about there, one point each
    public_sector: str = ""  # how fixed public-sector pay bands work there
    pay_transparency: str = ""  # what postings must show, and what may not be asked
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
    skills: tuple[Skill, ...] = ()
    roles: tuple[Role, ...] = ()
    questions: tuple[Question, ...] = ()
    star_templates: tuple[StarTemplate, ...] = ()
    ask_questions: tuple[AskQuestion, ...] = ()
    formats: tuple[InterviewFormat, ...] = ()
    postmortem_templates: tuple[PostmortemTemplate, ...] = ()
    email_templates: tuple[EmailTemplate, ...] = ()
    checklists: tuple[Checklist, ...] = ()
    locales: tuple[Locale, ...] = ()


# The kinds of item a pack can hold, by the key they are listed under.
KINDS: dict[str, type] = {
    "competencies": Competency,
    "skills": Skill,
    "roles": Role,
    "questions": Question,
    "star_templates": StarTemplate,
    "ask_questions": AskQuestion,
    "formats": InterviewFormat,
    "postmortem_templates": PostmortemTemplate,
    "email_templates": EmailTemplate,
    "checklists": Checklist,
    "locales": Locale,
}

Item = (
    Competency
    | Skill
    | Role
    | Question
    | StarTemplate
    | AskQuestion
    | InterviewFormat
    | PostmortemTemplate
    | EmailTemplate
    | Checklist
    | Locale
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
