"""Post-mortems: the honest look back right after an interview, and the plan it becomes.

A post-mortem is the answers to a template's prompts (content: `postmortem_templates`),
stored by prompt id, so a template can change its wording, order and help without code.
`prepcoach.postmortem.answers` reads each answer by the prompt's *kind* (rating, text, list,
people, questions, concerns, dates) into its stored form.

`Postmortem` reads the prompt ids the rest of prepcoach relies on (`FIELD_KINDS`); answers to
any other prompt of a user's template are kept in `answers` and shown in reports.

The plan a finished post-mortem becomes is `prepcoach.postmortem.plan`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from prepcoach.content import checks
from prepcoach.content.checks import Finding
from prepcoach.interviews.core import Interview, Interviewer, format_when, sort_key_latest
from prepcoach.kernel import clock
from prepcoach.kernel.errors import ContentError

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemTemplate

DEFAULT_TEMPLATE = "first-interview"
STATUSES: tuple[str, ...] = ("draft", "done")
RATING_MIN, RATING_MAX = 1, 5
RATING_LABELS = {1: "poor", 2: "weak", 3: "okay", 4: "good", 5: "excellent"}
WEAK_RATING = 2  # a question rated this or lower is practised again now
ITEM_MAX = 2_000  # one list item, a concern, a date note

# The prompt ids the plan, the follow-up email and the second-round kit read, and the kind
# of answer each must hold.
FIELD_KINDS: dict[str, str] = {
    "overall_rating": "rating",
    "overall_sentence": "text",
    "people": "people",
    "questions": "questions",
    "went_well": "list",
    "went_badly": "list",
    "concerns": "concerns",
    "topics": "list",
    "excited_about": "text",
    "clarify": "list",
    "next_steps": "text",
    "promises": "list",
    "next_dates": "dates",
}
# Kinds answered item by item; an interrupted one continues where it stopped.
REPEATED_KINDS = frozenset({"list", "people", "questions", "concerns", "dates"})
# List prompts whose items someone raised: the run asks who (from the people met), kept in
# answers[RAISED_BY] as {item text: name}. Concerns keep theirs inline ("by").
ATTRIBUTED_LISTS = frozenset({"topics"})
RAISED_BY = "raised_by"
# Item-by-item prompts the user closed (an empty answer): a resumed run moves past them.
CLOSED = "closed"
BOOKKEEPING_KEYS = frozenset({RAISED_BY, CLOSED})

Answers = dict[str, Any]  # prompt id -> stored answer (plain JSON data)


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question the interviewer asked, how the answer went, and what to say next time."""

    text: str
    question_id: str | None  # the bank question it is, if any
    rating: int  # 1 (poor) to 5 (excellent)
    said: str = ""
    would_say: str = ""

    @property
    def weak(self) -> bool:
        return self.rating <= WEAK_RATING


@dataclass(frozen=True, slots=True)
class Concern:
    """A signal of what the employer worries about or cares most about."""

    text: str
    competencies: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()  # role or technical skills it names ("sql")
    raised_by: str = ""  # who of the people met raised it ('' when not noted)


@dataclass(frozen=True, slots=True)
class Postmortem:
    """One interview's post-mortem; `answers` holds every answer by prompt id, as stored."""

    id: str
    interview_id: str
    status: str = "draft"
    overall_rating: int | None = None
    overall_sentence: str = ""
    people: tuple[Interviewer, ...] = ()
    questions: tuple[AskedQuestion, ...] = ()
    went_well: tuple[str, ...] = ()
    went_badly: tuple[str, ...] = ()
    concerns: tuple[Concern, ...] = ()
    topics: tuple[str, ...] = ()
    excited_about: str = ""
    clarify: tuple[str, ...] = ()
    next_steps: str = ""
    next_dates: tuple[str, ...] = ()
    promises: tuple[str, ...] = ()  # what you said you would send or do ("the write-up")
    topic_by: Mapping[str, str] = field(default_factory=dict)  # topic -> who raised it
    created_at: str = ""
    updated_at: str = ""
    template_id: str = DEFAULT_TEMPLATE
    answers: Answers = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.status == "done"


# ---------------------------------------------------------------------------- templates


def template_problems(template: PostmortemTemplate) -> list[str]:
    """What makes a template unusable: repeated prompt ids, or a known id of another kind."""
    found: list[str] = []
    seen: set[str] = set()
    for prompt in template.prompts:
        if prompt.id in seen:
            found.append(f"prompt id '{prompt.id}' is used twice")
        seen.add(prompt.id)
        expected = FIELD_KINDS.get(prompt.id)
        if expected is not None and prompt.kind != expected:
            found.append(
                f"prompt '{prompt.id}' must be of kind '{expected}' (the plan reads it), "
                f"not '{prompt.kind}'; give the prompt another id to ask something else"
            )
    if not template.prompts:
        found.append("the template has no prompts")
    return found


def check_template(template: PostmortemTemplate) -> PostmortemTemplate:
    found = template_problems(template)
    if found:
        raise ContentError(
            f"post-mortem template '{template.id}' cannot be used: " + "; ".join(found), found
        )
    return template


# ---------------------------------------------------------------------------- reading


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if value is None or value == "":
        return []
    return [value]


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return "" if value is None else str(value)


def from_answers(
    *,
    id: str,  # noqa: A002 - the record's field name
    interview_id: str,
    answers: Mapping[str, Any],
    status: str = "draft",
    template_id: str = DEFAULT_TEMPLATE,
    created_at: str = "",
    updated_at: str = "",
) -> Postmortem:
    """The typed post-mortem from stored answers (unrated draft questions are left out)."""
    rating = answers.get("overall_rating")
    people = tuple(
        Interviewer(
            name=str(p.get("name") or ""),
            title=str(p.get("title") or ""),
            email=str(p.get("email") or ""),
        )
        for p in _as_list(answers.get("people"))
        if isinstance(p, dict) and p.get("name")
    )
    questions = tuple(
        AskedQuestion(
            text=str(q.get("text") or ""),
            question_id=q.get("question_id") or None,
            rating=int(q["rating"]),
            said=str(q.get("said") or ""),
            would_say=str(q.get("would_say") or ""),
        )
        for q in _as_list(answers.get("questions"))
        if isinstance(q, dict) and q.get("text") and isinstance(q.get("rating"), int)
    )
    concerns = tuple(
        Concern(
            text=str(c.get("text") or ""),
            competencies=tuple(c.get("competencies") or ()),
            skills=tuple(str(s) for s in c.get("skills") or ()),
            raised_by=str(c.get("by") or ""),
        )
        for c in _as_list(answers.get("concerns"))
        if isinstance(c, dict) and c.get("text")
    )
    raised = answers.get(RAISED_BY)
    topic_by = {str(k): str(v) for k, v in raised.items() if v} if isinstance(raised, dict) else {}

    def strings(key: str) -> tuple[str, ...]:
        return tuple(str(v) for v in _as_list(answers.get(key)) if v)

    return Postmortem(
        id=id,
        interview_id=interview_id,
        status=status,
        overall_rating=rating if isinstance(rating, int) and not isinstance(rating, bool) else None,
        overall_sentence=_as_text(answers.get("overall_sentence")),
        people=people,
        questions=questions,
        went_well=strings("went_well"),
        went_badly=strings("went_badly"),
        concerns=concerns,
        topics=strings("topics"),
        excited_about=_as_text(answers.get("excited_about")),
        clarify=strings("clarify"),
        next_steps=_as_text(answers.get("next_steps")),
        next_dates=strings("next_dates"),
        promises=strings("promises"),
        topic_by=topic_by,
        created_at=created_at,
        updated_at=updated_at,
        template_id=template_id,
        answers=dict(answers),
    )


# ---------------------------------------------------------------------------- the interview


def interview_problem(interview: Interview, reference: datetime | None = None) -> str | None:
    """Why there can be no post-mortem for this interview yet (it is in the future)."""
    reference = reference or clock.now()
    when = interview.when
    if isinstance(when, datetime):
        future = when > reference
    elif isinstance(when, date):
        future = when > clock.local(reference).date()
    else:
        future = False
    if not future:
        return None
    return (
        f"{interview.label()} is {format_when(when, relative=True)}: a post-mortem is for "
        "after the interview. If the date is wrong, fix it with "
        f"'prep interview edit {interview.id} --when ...'"
    )


def past_interviews(
    interviews: Sequence[Interview], reference: datetime | None = None
) -> list[Interview]:
    """Interviews that have started (or have no date), most recent first, for choosing which
    one to look back on; undated ones come after dated ones."""

    started = [i for i in interviews if interview_problem(i, reference) is None]
    dated = sorted((i for i in started if i.when is not None), key=sort_key_latest, reverse=True)
    undated = sorted(
        (i for i in started if i.when is None), key=lambda i: i.created_at, reverse=True
    )
    return dated + undated


def merged_people(
    known: Sequence[Interviewer], met: Sequence[Interviewer]
) -> tuple[Interviewer, ...] | None:
    """The interview's interviewers with the people met added or completed (title, email).

    None when nothing changes. Someone is the same person by email, else by name.
    """

    people = list(known)
    changed = False
    for person in met:
        match = next(
            (
                i
                for i, p in enumerate(people)
                if (person.email and p.email.casefold() == person.email.casefold())
                or p.name.casefold() == person.name.casefold()
            ),
            None,
        )
        if match is None:
            people.append(replace(person, id=""))
            changed = True
            continue
        current = people[match]
        updated = replace(
            current,
            title=current.title or person.title,
            email=current.email or person.email,
        )
        if updated != current:
            people[match] = updated
            changed = True
    return tuple(people) if changed else None


def _template_findings(library: ContentLibrary) -> Iterator[Finding]:
    for template in library.postmortem_templates.values():
        for message in template_problems(template):
            yield ("postmortem_templates", template.id, ("prompts",), message)


checks.register("postmortem_templates", _template_findings)
