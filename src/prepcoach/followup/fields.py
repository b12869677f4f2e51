"""The fields follow-up templates use: where each comes from, how to ask for it, and what a
typed value must be. `missing_fields` says what is still needed, so only that is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcoach.kernel import dates, textcheck

if TYPE_CHECKING:
    from prepcoach.content.model import EmailTemplate

Value = str | list[str]


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """A field templates can use: where it comes from and how to ask for it."""

    label: str  # short description, used in lists of missing fields
    question: str  # the prompt when it has to be asked
    source: str  # where prep fills it from
    multiline: bool = False
    per_recipient: bool = False  # differs from one recipient to the next


FIELDS: dict[str, FieldInfo] = {
    "my_name": FieldInfo("your name", "Your name, as you sign emails:", "profile"),
    "my_email": FieldInfo("your email address", "Your email address:", "profile"),
    "my_phone": FieldInfo("your phone number", "Your phone number:", "profile"),
    "signature": FieldInfo(
        "how you sign the email",
        "How do you sign your emails? (your name is enough; your profile keeps it)",
        "profile",
        multiline=True,
    ),
    "company": FieldInfo("the company", "Which company is it?", "interview"),
    "role": FieldInfo("the role", "Which role did you interview for?", "interview"),
    "stage": FieldInfo("the round (e.g. second round)", "Which round was it?", "interview"),
    "interview_date": FieldInfo(
        "the interview's date", "When was the interview? (e.g. Tuesday 14 March)", "interview"
    ),
    "interview_when": FieldInfo(
        "when the interview was, as said in a sentence (today, yesterday, on Tuesday)",
        "When was the interview, as you would say it? (e.g. yesterday, on Tuesday)",
        "interview",
    ),
    "interviewer_names": FieldInfo(
        "everyone you met", "Who did you meet? (e.g. Jane Doe and Sam Lee)", "interview"
    ),
    "colleagues": FieldInfo(
        "the others you met",
        "Who else did you meet? (e.g. Sam Lee and Ana Ruiz)",
        "interview",
        per_recipient=True,
    ),
    "recipient_name": FieldInfo(
        "who the email is to",
        "Who is the email to? (their full name)",
        "interview",
        per_recipient=True,
    ),
    "first_name": FieldInfo(
        "the name you greet them by",
        "How do you greet them? (usually their first name)",
        "interview",
        per_recipient=True,
    ),
    "recipient_title": FieldInfo(
        "their job title", "What is their job title?", "interview", per_recipient=True
    ),
    "recipient_email": FieldInfo(
        "their email address", "Their email address:", "interview", per_recipient=True
    ),
    "topic": FieldInfo(
        "something specific you discussed",
        "What specific topic from the conversation will you mention? "
        "(completes 'our conversation about ...', e.g. how the team plans releases)",
        "post-mortem",
        per_recipient=True,
    ),
    "topics": FieldInfo("the topics you noted", "Topics worth mentioning:", "post-mortem"),
    "excited_about": FieldInfo(
        "what excites you about the role",
        "What about the role or company excites you? (completes 'I'm excited about ...')",
        "post-mortem",
    ),
    "skill": FieldInfo(
        "a skill of yours the team needs",
        "Which of your skills fits what the team needs? "
        "(completes 'my experience in ...', e.g. stakeholder management)",
        "post-mortem",
    ),
    "concern": FieldInfo(
        "a concern the interviewers raised", "What concern did they raise?", "post-mortem"
    ),
    "proof": FieldInfo(
        "something you did that answers their need",
        "What result of yours answers what they need? (completes 'In my own work, ...', e.g. "
        "on-time releases went from 60% to 95% in a quarter)",
        "post-mortem",
        per_recipient=True,
    ),
    "promise": FieldInfo(
        "what you promised to send",
        "What did you promise to send? (completes 'I will send ... shortly', e.g. the "
        "write-up of the pricing test)",
        "post-mortem",
    ),
    "promised_date": FieldInfo(
        "when they said you would hear back",
        "By when did they say you would hear back? (e.g. 2025-03-14 or Friday 14 March)",
        "you",
    ),
    "start_date": FieldInfo(
        "the start date you agreed",
        "Which start date did you agree? (e.g. Monday 2 June; Enter to leave it out)",
        "you",
    ),
    "counter_figure": FieldInfo(
        "the package you are asking for",
        "What are you asking for? (completes 'a base salary of ...', e.g. 68,000)",
        "you",
    ),
    "counter_reason": FieldInfo(
        "why the figure is fair",
        "Why is that figure fair? (completes 'since ...', e.g. that is in line with the "
        "market for this scope; Enter to leave it out)",
        "you",
    ),
    "material": FieldInfo(
        "what you promised to send",
        "What did you promise to send? (completes 'attached is ...', e.g. the sample report "
        "we discussed)",
        "you",
    ),
    "new_times": FieldInfo(
        "times you could do instead",
        "Which times could you do instead? (e.g. Thursday after 2pm or Friday morning)",
        "you",
    ),
    "reason": FieldInfo(
        "why you are withdrawing (one short sentence)",
        "Why are you withdrawing? One short, kind sentence, e.g. 'I have accepted another "
        "offer' (Enter to leave it out):",
        "you",
    ),
}
LIST_FIELDS = frozenset({"topics"})
# Phrases that finish a sentence in a template: a trailing full stop would double up.
PHRASE_FIELDS = frozenset(
    {
        "topic",
        "excited_about",
        "skill",
        "concern",
        "reason",
        "counter_reason",
        "material",
        "proof",
        "promise",
    }
)
# When a derived field is missing, the question is about the one it comes from.
DERIVED_FROM = {"first_name": "recipient_name"}


def field_info(name: str) -> FieldInfo:
    """What prep knows about a field; a template's own field gets a plain question."""
    known = FIELDS.get(name)
    if known is not None:
        return known
    label = name.replace("_", " ")
    return FieldInfo(label, f"{label[:1].upper()}{label[1:]}:", "you")


def is_empty(value: Value | None) -> bool:
    if value is None:
        return True
    if isinstance(value, list):
        return not any(v.strip() for v in value)
    return not value.strip()


def missing_fields(
    template: EmailTemplate, values: Mapping[str, Value], extra: Sequence[str] = ()
) -> list[str]:
    """The required fields (and `extra` ones, e.g. an address for --eml) still empty, in the
    order to ask them; a derived field (first_name) is asked as its source (recipient_name)."""
    wanted: list[str] = []
    for name in [*template.required, *extra]:
        if not is_empty(values.get(name)):
            continue
        source = DERIVED_FROM.get(name)
        if source is not None and is_empty(values.get(source)):
            name = source
        if name not in wanted:
            wanted.append(name)
    return wanted


def answer_problem(name: str, text: str) -> str | None:
    """What is wrong with a typed value for a field (None when it will do)."""
    info = field_info(name)
    if name == "recipient_email" or name == "my_email":
        return textcheck.email_problem(text.strip()) or (
            None if text.strip() else "an address is needed"
        )
    if name in ("promised_date", "start_date"):
        try:
            dates.try_day(text)  # a weekday that contradicts its date is asked about here
        except dates.DateContradiction as error:
            return str(error)
    return textcheck.problem(
        info.label,
        text,
        required=name not in ("reason",),
        max_chars=2_000 if info.multiline else 500,
    )
