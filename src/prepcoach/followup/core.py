"""Follow-up emails: fields filled from what prep knows, a rendered draft, and the checks a
careful reader makes before pressing send.

How `prep followup` uses it, top to bottom:
1. `followup_interview` and `default_template_id` pick the interview and the template;
   `people_for` and `pick_recipients` decide who gets a note;
2. `gather_fields` fills the template's fields from the profile, the interview and the
   post-mortem (`Sources`), one set per recipient; `with_answers` adds what the user typed;
3. `missing_fields` says what is still needed, so only that is asked for;
4. `render_followup` renders each draft in the sandbox (`prepcoach.followup.templating`);
5. `check_drafts` lists what a hiring manager would notice: a leftover placeholder, no
   specific topic, too long, no subject, sent late, the same note to several people.

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
from prepcoach.interviews.core import Interviewer, find_interviewer, resolve_interview
from prepcoach.kernel import clock, dates, textcheck
from prepcoach.kernel.errors import NotFoundError, PrepError

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import EmailTemplate
    from prepcoach.interviews.core import Interview, Interviewer
    from prepcoach.profile.core import Profile

WORD_LIMIT = 150
Value = str | list[str]


# ---------------------------------------------------------------------------- the fields


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
        "How do you sign your emails? (your name is enough; set it once with 'prep profile')",
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
HONORIFICS = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "madam"}
)


def field_info(name: str) -> FieldInfo:
    """What prep knows about a field; a template's own field gets a plain question."""
    known = FIELDS.get(name)
    if known is not None:
        return known
    label = name.replace("_", " ")
    return FieldInfo(label, f"{label[:1].upper()}{label[1:]}:", "you")


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

    Without a query, the most recent interview that has already begun is the natural
    subject of a thank-you (the current one in `resolve_interview` looks ahead instead);
    when none has begun yet, it falls back to that.
    """

    if query is not None and query.strip():
        return resolve_interview(interviews, query, reference)
    reference = reference or clock.now()
    started = [i for i in interviews if (i.moment() or reference + timedelta(1)) <= reference]
    if started:
        return max(started, key=lambda i: (i.moment() or reference, i.created_at))
    return resolve_interview(interviews, None, reference)


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
    from prepcoach.followup.message import header_problem

    parts = split_address(spec)
    name, email = (parts[0], parts[1].strip()) if parts else ("", spec.strip())
    name = name.strip().strip('"').strip()
    problems = [
        header_problem("the recipient's name", name),
        header_problem("the recipient's address", email),
        textcheck.email_problem(email) if "@" in email else f"'{email}' is not an email address",
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


# ---------------------------------------------------------------------------- filling


def gather_fields(
    sources: Sources, recipient: Recipient, *, position: int = 0, everyone: Sequence[Recipient] = ()
) -> dict[str, Value]:
    """Every known field for one recipient, from the profile, the interview and the
    post-mortem ('' when unknown). `position` spreads the post-mortem's topics over the
    recipients, so that each interviewer of a panel hears about a different one."""
    profile = sources.profile
    interview = sources.interview
    pm = sources.postmortem
    reference = sources.reference or clock.now()
    values: dict[str, Value] = {name: "" for name in FIELDS if name not in LIST_FIELDS}
    values["topics"] = []
    values.update(
        my_name=profile.name,
        my_email=profile.email,
        my_phone=profile.phone,
        signature=signature_block(profile.signature_text()),
        recipient_name=recipient.name,
        first_name=greeting_name(recipient.name),
        recipient_title=recipient.title,
        recipient_email=recipient.email,
    )
    if interview is not None:
        values.update(
            company=interview.company,
            role=interview.role,
            stage=interview.stage_label if interview.stage != "other" else "",
            interview_date=long_date(interview.when, reference),
            interview_when=spoken_when(interview.when, reference),
        )
    names = [p.name for p in everyone if p.name] or (
        [p.name for p in interview.interviewers] if interview else []
    )
    values["interviewer_names"] = join_names(names)
    values["colleagues"] = join_names(
        [n for n in names if n.casefold() != recipient.name.strip().casefold()]
    )
    if pm is not None:
        topics = [phrase(t) for t in pm.topics if t.strip()]
        values["topics"] = topics
        values["topic"] = topic_for(pm, recipient, position, everyone)
        values["excited_about"] = phrase(pm.excited_about)
        concerns = concerns_for(pm, recipient)
        values["skill"] = _skill(concerns, sources)
        values["concern"] = next((phrase(c.text) for c in concerns if c.text.strip()), "")
        values["proof"] = proof_for(
            [c for c in concerns if _raised_by(c) in ("", recipient.name.strip().casefold())],
            sources,
        )
        promises = [promise_phrase(p) for p in getattr(pm, "promises", ()) if p.strip()]
        values["promise"] = join_names(promises)
        values["material"] = values["promise"]
        promised = promised_from(getattr(pm, "next_dates", ()), reference)
        if promised is not None:
            values["promised_date"] = long_date(promised, reference)
    return values


THANK_YOU = "thank-you"  # the templates whose id starts so are thank-you notes


_HEAR_BACK = re.compile(r"hear|back|decision|answer|feedback|respond|reply|update|offer", re.I)


def promised_from(dates: Sequence[str], reference: datetime | None = None) -> date | None:
    """The day they said you would hear back, from post-mortem dates ('2025-03-21: hear
    back'); None when no date says so."""
    for item in dates:
        day, _sep, what = str(item).partition(": ")
        if _HEAR_BACK.search(what):
            found = promised_day(day[:10], reference)
            if found is not None:
                return found
    return None


def _owner(name: str, people: Sequence[str]) -> str:
    """The person (of `people`, casefolded) a 'raised by' name is; '' when none."""
    wanted = name.strip().casefold()
    return next((p for p in people if p == wanted), "")


def topic_for(
    pm: PostmortemLike, recipient: Recipient, position: int, everyone: Sequence[Recipient]
) -> str:
    """The topic to thank this person for: one they raised; else one nobody in particular
    raised (spread over the recipients by `position`); never one someone else raised."""
    topics = [t for t in pm.topics if t.strip()]
    owners = {t: o.strip().casefold() for t, o in getattr(pm, "topic_by", {}).items() if o}
    me = recipient.name.strip().casefold()
    own = [t for t in topics if owners.get(t) == me]
    if own:
        return phrase(own[0])
    free = [t for t in topics if not owners.get(t)]
    if not free:
        return ""
    # recipients with topics of their own do not use up the shared ones
    sharing = [r for r in everyone if not any(owners.get(t) == r.name.casefold() for t in topics)]
    turn = next((i for i, r in enumerate(sharing) if r.name.casefold() == me), position)
    return phrase(free[turn % len(free)])


def concerns_for(pm: PostmortemLike, recipient: Recipient) -> list[ConcernLike]:
    """The concerns this person raised first, then those nobody in particular raised, then
    the rest."""
    me = recipient.name.strip().casefold()

    def rank(concern: ConcernLike) -> int:
        by = _raised_by(concern)
        return 0 if by == me else 1 if not by else 2

    return sorted(pm.concerns, key=rank)


def _raised_by(concern: ConcernLike) -> str:
    return str(getattr(concern, "raised_by", "")).strip().casefold()


def proof_for(concerns: Sequence[ConcernLike], sources: Sources) -> str:
    """Evidence that answers the first concern it can: a story's result or a 'how I help'
    note with one of its competencies, else one that shares words with it; '' when none
    (pass only the concerns the reader raised or nobody in particular did: a note does not
    answer what a colleague worried about)."""
    from prepcoach.stories.core import keywords  # loads YAML: only when drafting

    for concern in concerns:
        tags = set(concern.competencies)
        for item in sources.evidence:
            if tags & set(item.competencies):
                return proof_phrase(item.text)
        words = set(keywords(concern.text).split())
        for item in sources.evidence:
            if words & set(keywords(f"{item.about} {item.text}").split()):
                return proof_phrase(item.text)
    return ""


def proof_phrase(text: str) -> str:
    """A result as the second half of 'In my own work, ...': one clause, lower first."""
    text = " ".join(text.split())
    first_sentence = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
    return phrase(first_sentence)[:1].lower() + phrase(first_sentence)[1:] if first_sentence else ""


_PROMISE_VERB = re.compile(
    r"^(?:i(?:'ll| will| would| said i(?:'d| would))?|i promised to|promised to|to)?\s*"
    r"(?:send|share|email|forward|follow up with|get back with|get you)\s+(?:you\s+|them\s+)?",
    re.IGNORECASE,
)


def promise_phrase(text: str) -> str:
    """'I'll send the write-up' -> 'the write-up'; what follows 'As promised, here is ...'."""
    cleaned = phrase(" ".join(text.split()).strip(" '\"“”"))
    return phrase(_PROMISE_VERB.sub("", cleaned, count=1)) or cleaned


def _skill(concerns: Sequence[ConcernLike], sources: Sources) -> str:
    """A skill that answers a concern: a concern's competency one of your stories shows, else
    the first concern's competency."""
    tagged = [c for concern in concerns for c in concern.competencies]
    best = next((c for c in tagged if c in sources.story_competencies), None)
    chosen = best or (tagged[0] if tagged else None)
    if chosen is None:
        return ""
    return mid_sentence(sources.competency_names.get(chosen, chosen.replace("-", " ")))


def with_answers(
    values: Mapping[str, Value], answers: Mapping[str, str], reference: datetime | None = None
) -> dict[str, Value]:
    """The values with what the user gave (options or prompts) on top, cleaned; a promised
    date that reads as a day is written out ('2025-03-14' -> 'Friday 14 March')."""
    result = dict(values)
    for name, raw in answers.items():
        info = field_info(name)
        text = textcheck.clean(raw, multiline=info.multiline)
        if name in LIST_FIELDS:
            result[name] = [t.strip() for t in text.split(";") if t.strip()]
            continue
        if name in PHRASE_FIELDS:
            text = phrase(text)
        if name == "promised_date":
            day = promised_day(text, reference)
            text = long_date(day, reference or clock.now()) if day is not None else text
        result[name] = text
    if "recipient_name" in answers and "first_name" not in answers:
        result["first_name"] = greeting_name(str(result["recipient_name"]))
    return result


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


def long_date(when: date | datetime | None, reference: datetime) -> str:
    """'Tuesday 14 March' (with the year when it is not this year)."""
    if when is None:
        return ""
    day = clock.local(when).date() if isinstance(when, datetime) else when
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == clock.local(reference).year else f"{text} {day.year}"


def spoken_when(when: date | datetime | None, reference: datetime) -> str:
    """The interview's day as a sentence says it: 'today', 'yesterday', 'on Tuesday',
    'on 14 March'."""
    if when is None:
        return ""
    day = clock.local(when).date() if isinstance(when, datetime) else when
    days = (clock.local(reference).date() - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {day:%A}"
    return "on " + long_date(day, reference)


# ---------------------------------------------------------------------------- words


def greeting_name(name: str) -> str:
    """The name to greet someone by: their first name, skipping a title ('Dr. Jane Doe' ->
    'Jane')."""
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].casefold().rstrip(".") in HONORIFICS:
        tokens.pop(0)
    return tokens[0] if tokens else ""


_CLOSING = re.compile(
    r"^(?:best|kind|warm|warmest|many|thanks|thank you|regards|sincerely|cheers|all the best"
    r"|yours|with thanks|respectfully)\b[\w ]{0,20},?$",
    re.IGNORECASE,
)


def signature_block(signature: str) -> str:
    """The signature without a sign-off line of its own ('Best,'): templates close the email
    themselves, and two closings in a row look careless."""
    lines = signature.strip().split("\n")
    if len(lines) > 1 and _CLOSING.match(lines[0].strip()):
        lines = lines[1:]
    return "\n".join(lines).strip()


def join_names(names: Sequence[str]) -> str:
    """'Jane', 'Jane and Sam', 'Jane, Sam and Ana'."""
    names = [n for n in names if n]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# Words that only start with a capital because they started the user's note.
_SENTENCE_STARTERS = frozenset(
    "the a an our your their my his her its this that these those how what why when".split()
)


def phrase(text: str) -> str:
    """A value that finishes a template's sentence: no trailing full stop, one line.

    'The new data platform team' -> 'the new data platform team'; names keep their case.
    """
    text = " ".join(text.split()).rstrip(" .!;,")
    first = text.split(" ", 1)[0]
    if first.lower() in _SENTENCE_STARTERS and first[:1].isupper() and first[1:].islower():
        return first.lower() + text[len(first) :]
    return text


def mid_sentence(name: str) -> str:
    """'Stakeholder management' -> 'stakeholder management' (an acronym keeps its case)."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _email_template_findings(library: ContentLibrary) -> Iterator[Finding]:
    """Each email template parsed once when content is checked, so a broken one names its file."""
    from prepcoach.followup.templating import template_problems

    known = {name: info.label for name, info in FIELDS.items()}
    for email in library.email_templates.values():
        for loc, message in template_problems(email, known):
            yield ("email_templates", email.id, loc, message)


checks.register("email_templates", _email_template_findings)
