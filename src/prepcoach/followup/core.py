"""Follow-up emails: what a draft is filled from, who gets one, the rendered draft, and the
deadlines it is checked against.

How `prep followup` uses the package, top to bottom:
1. `followup_interview` and `default_template_id` pick the interview and the template;
   `people_for` and `pick_recipients` decide who gets a note;
2. `filling.gather_fields` fills the template's fields (`fields`) from the profile, the
   interview and the post-mortem (`Sources`), one set per recipient; `filling.with_answers`
   adds what the user typed;
3. `fields.missing_fields` says what is still needed, so only that is asked for;
4. `render_followup` renders each draft in the sandbox (`prepcoach.followup.templating`);
5. `checks.check_drafts` lists what a hiring manager would notice: a leftover placeholder,
   no specific topic, too long, no subject, sent late, the same note to several people.
`followup_deadline` is the one rule for when the thank-you is due; `wording` says dates and
names the way an email does.

Everything here is data in, data out: no printing, no prompts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol

from prepcoach.content import checks
from prepcoach.content.checks import Finding
from prepcoach.followup.fields import FIELDS, Value
from prepcoach.followup.message import header_problem
from prepcoach.interviews.core import Interviewer, find_interviewer, resolve_interview
from prepcoach.kernel import clock, dates, textcheck
from prepcoach.kernel.errors import NotFoundError, PrepError

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import EmailTemplate
    from prepcoach.interviews.core import Interview, Interviewer
    from prepcoach.profile.core import Profile

WORD_LIMIT = 150


# ---------------------------------------------------------------------------- the sources


class ConcernLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def competencies(self) -> Sequence[str]: ...

    @property
    def raised_by(self) -> str: ...


class PostmortemLike(Protocol):
    """What a follow-up reads from a post-mortem (see `prepcoach.postmortem.store`)."""

    @property
    def people(self) -> Sequence[Interviewer]: ...
    @property
    def topics(self) -> Sequence[str]: ...
    @property
    def excited_about(self) -> str: ...
    @property
    def concerns(self) -> Sequence[ConcernLike]: ...
    @property
    def topic_by(self) -> Mapping[str, str]: ...
    @property
    def promises(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    email: str = ""
    title: str = ""

    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name or "(no name)"


@dataclass(frozen=True, slots=True)
class Sources:
    """Everything a draft can be filled from."""

    profile: Profile
    interview: Interview | None = None
    postmortem: PostmortemLike | None = None
    competency_names: Mapping[str, str] = field(default_factory=dict)  # id -> name
    story_competencies: frozenset[str] = frozenset()  # what the user's STAR stories show
    reference: datetime | None = None  # "now", for today / yesterday
    evidence: tuple[Evidence, ...] = ()  # results from the story bank, 'how I help' notes


@dataclass(frozen=True, slots=True)
class Evidence:
    """Something you did that answers what the team needs: a story's result, or what the
    research says your experience brings to one of the company's challenges."""

    text: str  # 'on-time releases went from 60% to 95% in a quarter'
    competencies: tuple[str, ...] = ()
    about: str = ""  # the story's title or the research challenge, for matching words


def followup_interview(
    interviews: Sequence[Interview], query: str | None = None, reference: datetime | None = None
) -> Interview:
    """The interview a follow-up is about: the one named, else the latest one that started.

    The most recent interview that has already begun is the natural subject of a thank-you
    (the current one in `resolve_interview` looks ahead instead): without a query, the
    latest of all; with a company, the latest at that company, so that "prep followup acme"
    thanks them for the round that happened, not the one coming up. An id names its
    interview whatever its date; when none has begun yet, the upcoming one is taken.
    """
    reference = reference or clock.now()

    def started(found: Sequence[Interview]) -> Interview | None:
        begun = [i for i in found if (i.moment() or reference + timedelta(1)) <= reference]
        return max(begun, key=lambda i: (i.moment() or reference, i.created_at), default=None)

    if query is not None and query.strip():
        named = resolve_interview(interviews, query, reference)
        if named.id.startswith(query.strip().lower()):  # an id, or its prefix
            return named
        company = named.company.casefold()
        return started([i for i in interviews if i.company.casefold() == company]) or named
    return started(interviews) or resolve_interview(interviews, None, reference)


def default_template_id(interview: Interview | None, available: Sequence[str]) -> str:
    """The template that fits where the process is: a reply after a rejection, a thank-you
    for the round that just happened."""
    if not available:
        raise PrepError("no email templates are loaded; see 'prep content list'")
    wanted = "thank-you-first"
    if interview is not None:
        if interview.status == "rejected":
            wanted = "rejection-reply"
        elif interview.status == "withdrawn":
            wanted = "withdraw"
        elif interview.stage in ("second", "final"):
            wanted = "thank-you-final"
    return wanted if wanted in available else available[0]


def people_for(interview: Interview | None, postmortem: PostmortemLike | None) -> list[Recipient]:
    """The interviewers: the interview's, then anyone the post-mortem adds (matched by name)."""
    people = (
        [Recipient(p.name, p.email, p.title) for p in interview.interviewers] if interview else []
    )
    for person in postmortem.people if postmortem is not None else ():
        key = person.name.strip().casefold()
        index = next((i for i, p in enumerate(people) if p.name.casefold() == key), None)
        if index is None:
            if person.name.strip():
                people.append(Recipient(person.name.strip(), person.email, person.title))
            continue
        first = people[index]
        people[index] = Recipient(
            first.name, first.email or person.email, first.title or person.title
        )
    return people


def split_address(spec: str) -> tuple[str, str] | None:
    """'Sam Lee <sam@acme.com>' as ('Sam Lee', 'sam@acme.com'); None without the brackets.

    Plain string work, not a pattern: a pattern with optional spaces on both sides of an
    optional name took minutes on a long run of spaces.
    """
    text = spec.strip()
    start = text.rfind("<")
    if start < 0 or not text.endswith(">"):
        return None
    name, email = text[:start], text[start + 1 : -1]
    if "<" in name or ">" in name or ">" in email:
        return None
    return name.strip(), email


def parse_recipient(spec: str) -> Recipient:
    """'Sam Lee <sam@acme.com>' or 'sam@acme.com': someone who is not on the interview."""

    parts = split_address(spec)
    name, email = (parts[0], parts[1].strip()) if parts else ("", spec.strip())
    name = name.strip().strip('"').strip()
    problems = [
        header_problem("the recipient's name", name),
        header_problem("the recipient's address", email),
        textcheck.email_problem(email)
        if "@" in email
        else f"'{textcheck.quoted(email)}' is not an email address",
    ]
    found = [p for p in problems if p]
    if found:
        raise PrepError(f"--to '{spec}': " + "; ".join(found))
    return Recipient(name or email.split("@")[0], email)


def pick_recipients(people: Sequence[Recipient], to: str | None) -> list[Recipient] | None:
    """Who `--to` names: 'all', an interviewer (name, part of it or email) or an address.

    None when `to` is not given and there is a choice to make (several interviewers).
    """
    if to is None:
        if len(people) <= 1:
            return list(people) or [Recipient("")]
        return None
    if to.strip().casefold() == "all":
        if not people:
            raise PrepError(
                "this interview has no interviewers yet; add them with 'prep interview edit "
                '--add-interviewer "Name|Title|email"\', or write to someone with --to ADDRESS'
            )
        return list(people)
    if "@" in to or "<" in to:
        email = parse_recipient(to)
        known = next((p for p in people if p.email.casefold() == email.email.casefold()), None)
        return [known or email]
    as_people = [Interviewer(p.name, p.title, p.email, id=str(i)) for i, p in enumerate(people)]
    try:
        found = find_interviewer(as_people, to)
    except NotFoundError as error:
        raise NotFoundError(
            f"{error}. To write to someone else, give their address: --to 'Name <name@example.com>'"
        ) from None
    return [people[int(found.id)]]


THANK_YOU = "thank-you"  # the templates whose id starts so are thank-you notes


# ---------------------------------------------------------------------------- rendering


@dataclass(frozen=True, slots=True)
class Draft:
    """One email, ready to check and write out."""

    template_id: str
    recipient: Recipient
    subject: str
    body: str
    values: dict[str, Value]
    interview_id: str | None = None
    sender_name: str = ""
    sender_email: str = ""

    def text(self) -> str:
        """The email as plain text: headers a person reads, then the body."""
        to = (
            f"To: {self.recipient.label()}\n" if self.recipient.name or self.recipient.email else ""
        )
        return f"{to}Subject: {self.subject}\n\n{self.body}\n"

    def words(self) -> int:
        return word_count(self.body, str(self.values.get("signature", "")))


def render_followup(
    template: EmailTemplate,
    values: Mapping[str, Value],
    *,
    origin: str = "",
    interview_id: str | None = None,
) -> Draft:
    """Render the template with `values` in the sandbox; a broken template is a ContentError
    naming `origin` (its pack file)."""
    from prepcoach.followup.templating import render_text

    context: dict[str, Value] = dict.fromkeys((*template.required, *template.optional), "")
    context.update(values)
    where = origin or "unknown file"
    subject = render_text(
        template.subject, context, template_id=template.id, part="subject", origin=where
    )
    body = render_text(template.body, context, template_id=template.id, part="body", origin=where)
    recipient = Recipient(
        str(values.get("recipient_name", "")),
        str(values.get("recipient_email", "")),
        str(values.get("recipient_title", "")),
    )
    return Draft(
        template_id=template.id,
        recipient=recipient,
        subject=" ".join(subject.split()),
        body=tidy_body(body),
        values=dict(values),
        interview_id=interview_id,
        sender_name=str(values.get("my_name", "")),
        sender_email=str(values.get("my_email", "")),
    )


def tidy_body(text: str) -> str:
    """Unix line endings, no trailing spaces, at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def with_text(draft: Draft, subject: str, body: str) -> Draft:
    """The draft after the user edited it."""
    return replace(draft, subject=" ".join(subject.split()), body=tidy_body(body))


def word_count(body: str, signature: str = "") -> int:
    """Words in the body, not counting the signature block at its end."""
    text = body
    signature = signature.strip()
    if signature and signature in text:
        text = text[: text.rindex(signature)]
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))


# ---------------------------------------------------------------------------- dates


THANK_YOU_HOURS = 24


def followup_deadline(
    when: datetime | date | None, hours: int = THANK_YOU_HOURS
) -> datetime | None:
    """The one rule for when a note after an interview should have gone out.

    `hours` after the interview's time (24 for a thank-you); for an interview known only by its
    day, the hours count from the end of that day: a thank-you is due by the end of the next
    day (23:59 local). None when the interview has no date. Every command that speaks of the
    deadline (the checks, `--sent`, `prep status`, the post-mortem plan, the prep sheet) asks
    this function.
    """
    if when is None:
        return None
    if isinstance(when, datetime):
        return when + timedelta(hours=hours)
    end_of_day = datetime.combine(when, time(23, 59)).astimezone()
    return (end_of_day + timedelta(hours=hours)).astimezone(UTC)


def send_deadline(template: EmailTemplate, interview: Interview | None) -> datetime | None:
    """When the email should have gone out (see `followup_deadline`); None when the template
    has no deadline or the interview no date."""
    if template.send_within_hours is None or interview is None:
        return None
    return followup_deadline(interview.when, template.send_within_hours)


def reminder_time(reference: datetime, deadline: datetime | None = None) -> datetime:
    """A good moment to send: within the hour during the working day (8:00-18:00 local),
    otherwise 9:00 on the next day; never after the deadline."""
    local = clock.local(reference)
    if 8 <= local.hour < 18:
        moment = local + timedelta(hours=1)
    else:
        day = local.date() + timedelta(days=1 if local.hour >= 18 else 0)
        moment = datetime.combine(day, time(9, 0)).astimezone()
    moment = moment.replace(second=0, microsecond=0)
    if deadline is not None and moment > deadline:
        moment = max(local + timedelta(minutes=15), deadline - timedelta(hours=1))
    return moment.astimezone(reference.tzinfo)


def check_in_time(promised: date) -> datetime:
    """9:00 on the first working day after the promised date."""
    day = promised + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(9, 0)).astimezone()


def promised_day(text: str, reference: datetime | None = None) -> date | None:
    """The day in 'promised_date' if it reads as one (2025-03-14, 14 March, next tuesday);
    None for text that names no day. A weekday that contradicts the date raises
    DateContradiction with both readings."""
    return dates.try_day(text, reference)


def _email_template_findings(library: ContentLibrary) -> Iterator[Finding]:
    """Each email template parsed once when content is checked, so a broken one names its file."""
    from prepcoach.followup.templating import template_problems

    known = {name: info.label for name, info in FIELDS.items()}
    for email in library.email_templates.values():
        for loc, message in template_problems(email, known):
            yield ("email_templates", email.id, loc, message)


checks.register("email_templates", _email_template_findings)
