"""Interviews the user is preparing for, and which one "now" is about.

`resolve_interview` is how every command finds the interview it works on: an id (or the
start of one), a company name typed loosely (`acme` finds "ACME Corp."), or, with nothing
given, the current interview (see `current_interview`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from prepcoach.interviews.posting import PostingReading
from prepcoach.kernel import clock, dates, ids, textcheck
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kernel.ids import fold_name, match_name, same_name

STAGES: tuple[str, ...] = ("first", "second", "final", "other")
STATUSES: tuple[str, ...] = ("upcoming", "done", "offer", "rejected", "withdrawn")
STAGE_LABELS = {
    "first": "first round",
    "second": "second round",
    "final": "final round",
    "other": "other round",
}
# An interview stays "current" this long after its start (time for the post-mortem).
CURRENT_GRACE = timedelta(hours=12)

When = datetime | date  # a moment (aware, UTC) or, when the time is not known yet, a day


@dataclass(frozen=True, slots=True)
class Interviewer:
    name: str
    title: str = ""
    email: str = ""
    id: str = ""

    def label(self) -> str:
        parts = [self.name]
        if self.title:
            parts.append(self.title)
        text = ", ".join(parts)
        return f"{text} <{self.email}>" if self.email else text


@dataclass(frozen=True, slots=True)
class Interview:
    """One interview (a round at one company); `id` is empty until it is stored."""

    company: str
    role: str = ""
    stage: str = "other"
    when: When | None = None
    status: str = "upcoming"
    posting_url: str = ""
    notes: str = ""
    interviewers: tuple[Interviewer, ...] = ()
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    posting: PostingReading | None = None  # what the job posting asks for, when read

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)

    def label(self) -> str:
        """'ACME Corp. – Product manager, second round'."""
        role = f" – {self.role}" if self.role else ""
        return f"{self.company}{role}, {self.stage_label}"

    def moment(self) -> datetime | None:
        """The start as an aware datetime (a day-only date counts from local midnight)."""
        return when_moment(self.when)


@dataclass(frozen=True, slots=True)
class InterviewChanges:
    """What `prep interview edit` changes; None leaves a field as it is."""

    company: str | None = None
    role: str | None = None
    stage: str | None = None
    when: When | None = None
    clear_when: bool = False
    status: str | None = None
    posting_url: str | None = None
    notes: str | None = None
    interviewers: tuple[Interviewer, ...] | None = None  # the full new list
    add_interviewers: tuple[Interviewer, ...] = field(default_factory=tuple)
    remove_interviewers: tuple[str, ...] = field(default_factory=tuple)  # names or emails

    def apply(self, interview: Interview) -> Interview:
        people = list(
            self.interviewers if self.interviewers is not None else interview.interviewers
        )
        for key in self.remove_interviewers:
            person = find_interviewer(people, key)
            people = [p for p in people if p is not person]
        people += list(self.add_interviewers)
        return replace(
            interview,
            company=interview.company if self.company is None else self.company,
            role=interview.role if self.role is None else self.role,
            stage=interview.stage if self.stage is None else self.stage,
            when=None if self.clear_when else (self.when or interview.when),
            status=interview.status if self.status is None else self.status,
            posting_url=interview.posting_url if self.posting_url is None else self.posting_url,
            notes=interview.notes if self.notes is None else self.notes,
            interviewers=tuple(people),
        )

    def is_empty(self) -> bool:
        return self == InterviewChanges()


def canonical_company(typed: str, known: Sequence[str]) -> str:
    """The spelling of an earlier round's company that `typed` stands for ("fjordline" ->
    "Fjordline Freight"), so that the rounds link; else `typed` as given."""
    return match_name(typed, known) or typed


def same_company(a: str, b: str) -> bool:
    """Whether two interviews' companies are one (case, accents, legal forms and a
    shortened name aside)."""
    return same_name(a, b)


def find_interviewer(people: Sequence[Interviewer], key: str) -> Interviewer:
    """An interviewer by id, email, full name, or a part of the name only one of them has;
    names compare case- and accent-insensitively ("jose" finds "José")."""
    wanted = key.strip().casefold()
    folded = fold_name(key)
    for person in people:
        if wanted in (person.id, person.email.casefold()) or (
            folded and folded == fold_name(person.name)
        ):
            return person
    partial = [p for p in people if folded and folded in fold_name(p.name)]
    if len(partial) == 1:
        return partial[0]
    names = [p.name for p in people]
    if partial:
        raise PrepError(
            f"'{key}' matches several interviewers: {', '.join(p.name for p in partial)}"
        )
    from prepcoach.content.validation import suggest

    listed = f"; interviewers: {', '.join(names)}" if names else ""
    raise NotFoundError(f"no interviewer '{key}' in this interview{suggest(key, names)}{listed}")


# ---------------------------------------------------------------------------- validation


def normalized(interview: Interview) -> Interview:
    """Whitespace trimmed, line endings unified: what is stored."""
    return replace(
        interview,
        company=textcheck.clean(interview.company, multiline=False),
        role=textcheck.clean(interview.role, multiline=False),
        posting_url=interview.posting_url.strip(),
        notes=textcheck.clean(interview.notes),
        interviewers=tuple(
            replace(
                p,
                name=textcheck.clean(p.name, multiline=False),
                title=textcheck.clean(p.title, multiline=False),
                email=p.email.strip(),
            )
            for p in interview.interviewers
        ),
    )


def problems(interview: Interview) -> list[str]:
    """Everything wrong with an interview, one sentence each (empty when it can be saved)."""
    found = [
        textcheck.problem("the company name", interview.company, required=True),
        textcheck.problem("the role", interview.role),
        textcheck.problem("the job-posting URL", interview.posting_url, max_chars=2_000),
        textcheck.problem("the notes", interview.notes, max_chars=textcheck.NOTES_MAX),
    ]
    if interview.stage not in STAGES:
        found.append(f"stage '{interview.stage}' is not one of: {', '.join(STAGES)}")
    if interview.status not in STATUSES:
        found.append(f"status '{interview.status}' is not one of: {', '.join(STATUSES)}")
    if interview.posting_url and " " in interview.posting_url.strip():
        found.append("the job-posting URL contains spaces; put text about the posting in the notes")
    for number, person in enumerate(interview.interviewers, 1):
        who = f"interviewer {number}" + (f" ({person.name})" if person.name.strip() else "")
        found += [
            textcheck.problem(f"the name of {who}", person.name, required=True),
            textcheck.problem(f"the title of {who}", person.title),
            textcheck.email_problem(person.email, f"email of {who}; it"),
        ]
    return [p for p in found if p]


def check(interview: Interview) -> Interview:
    """The normalised interview, or a PrepError listing every problem."""
    interview = normalized(interview)
    found = problems(interview)
    if found:
        raise PrepError("; ".join(found))
    return interview


def warnings(interview: Interview, reference: datetime | None = None) -> list[str]:
    """Things worth a second look that are still allowed (a past date for an upcoming one)."""
    reference = reference or clock.now()
    when = interview.when
    if interview.status != "upcoming" or when is None:
        return []
    if isinstance(when, datetime):
        past = when < reference
    else:
        past = when < clock.local(reference).date()
    if past:
        which = f" {interview.id}" if interview.id else ""
        return [
            f"{format_when(when)} is in the past, but the interview is marked upcoming; "
            f"if it already happened, mark it done: prep interview edit{which} --status done"
        ]
    return []


def parse_interviewer(spec: str) -> Interviewer:
    """'Name|Title|email' (title and email optional; the part with an @ is the email)."""
    parts = [p.strip() for p in spec.split("|")]
    if len(parts) > 3:
        raise PrepError(
            f"interviewer '{spec}': expected 'Name|Title|email', got {len(parts)} parts"
        )
    email = next((p for p in parts[1:] if "@" in p), "")
    rest = [p for p in parts[1:] if p != email]
    person = Interviewer(name=parts[0], title=rest[0] if rest else "", email=email)
    found = [
        textcheck.problem("the interviewer's name", person.name, required=True),
        textcheck.email_problem(person.email),
    ]
    if any(found):
        raise PrepError(f"interviewer '{spec}': " + "; ".join(p for p in found if p))
    return person


# ---------------------------------------------------------------------------- dates

WHEN_HELP = dates.EXAMPLES


def parse_when(text: str, reference: datetime | None = None) -> When | None:
    """A date and time as typed, in local time; None for an empty answer (the one date reader,
    `prepcoach.kernel.dates`). Raises DateError (a PrepError) with an example otherwise."""
    return dates.parse_when(text, reference)


def when_to_text(when: When | None) -> str | None:
    """Storage form: ISO UTC for a moment, YYYY-MM-DD for a day."""
    if when is None:
        return None
    if isinstance(when, datetime):
        return clock.iso(when).replace(".000Z", "Z")
    return when.isoformat()


def when_from_text(text: str | None) -> When | None:
    if not text:
        return None
    if len(text) == 10:
        return date.fromisoformat(text)
    return clock.parse_iso(text)


def when_moment(when: When | None) -> datetime | None:
    if when is None:
        return None
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time()).astimezone()


def format_when(when: When | None, *, relative: bool = False) -> str:
    """'Fri 14 Mar 2025 14:30' in local time ('not scheduled' for None)."""
    if when is None:
        return "not scheduled"
    if isinstance(when, datetime):
        text = clock.local(when).strftime("%a %d %b %Y %H:%M")
    else:
        text = when.strftime("%a %d %b %Y")
    if relative:
        text += f" ({clock.humanize_delta(when)})"
    return text


def format_when_short(when: When | None) -> str:
    """'Fri 14 Mar 14:30' this year, '14 Mar 2031 14:30' otherwise ('-' for None)."""
    if when is None:
        return "-"
    moment = clock.local(when) if isinstance(when, datetime) else when
    this_year = moment.year == clock.today().year
    text = moment.strftime("%a %d %b" if this_year else "%d %b %Y")
    return text + (moment.strftime(" %H:%M") if isinstance(moment, datetime) else "")


# ---------------------------------------------------------------------------- which one


def sort_key(interview: Interview) -> tuple[bool, datetime, str]:
    moment = interview.moment()
    return (moment is None, moment or datetime.max.replace(tzinfo=UTC), interview.created_at)


def current_interview(
    interviews: Sequence[Interview], reference: datetime | None = None
) -> Interview | None:
    """The interview the user is most likely preparing for (or has just had).

    1. the soonest upcoming one that starts after now minus 12 hours;
    2. otherwise the most recently added upcoming one without a date;
    3. otherwise the latest upcoming one in the past (its status was not updated yet);
    4. otherwise none.
    """
    reference = reference or clock.now()
    upcoming = [i for i in interviews if i.status == "upcoming"]
    dated = sorted((i for i in upcoming if i.when is not None), key=sort_key)
    ahead = [i for i in dated if (i.moment() or reference) >= reference - CURRENT_GRACE]
    if ahead:
        return ahead[0]
    undated = sorted((i for i in upcoming if i.when is None), key=lambda i: i.created_at)
    if undated:
        return undated[-1]
    return dated[-1] if dated else None


def resolve_interview(
    interviews: Sequence[Interview], query: str | None = None, reference: datetime | None = None
) -> Interview:
    """The interview `query` names (id, id prefix or fuzzy company), else the current one."""
    if not interviews:
        raise NotFoundError("no interviews yet; add one with: prep interview add")
    if query is None or not query.strip():
        found = current_interview(interviews, reference)
        if found is None:
            raise NotFoundError(
                "no upcoming interview; add one with 'prep interview add', or name one with "
                "--interview ID or company (see 'prep interview list')"
            )
        return found
    by_id = {i.id: i for i in interviews}
    found = ids.find_by_id(
        query, by_id, ids.PREFIXES["interviews"], plural="interviews", label=lambda i: i.company
    )
    if found is not None:
        return found
    matches = match_company(interviews, query)
    if not matches:
        raise NotFoundError(_not_found(interviews, query))
    companies = {m.company.casefold() for m in matches}
    if len(companies) > 1:
        listed = "; ".join(f"{m.id} {m.label()}" for m in matches[:6])
        raise NotFoundError(f"'{query}' could be several interviews: {listed}; use an id")
    return current_interview(matches, reference) or max(matches, key=sort_key_latest)


def sort_key_latest(interview: Interview) -> tuple[datetime, str]:
    moment = interview.moment() or datetime.min.replace(tzinfo=UTC)
    return (moment, interview.created_at)


def match_company(interviews: Sequence[Interview], query: str) -> list[Interview]:
    """Interviews whose company (or company and role) matches `query` loosely, best first.

    An exact company name (ignoring case) wins outright; otherwise rapidfuzz's WRatio picks
    the companies within a few points of the best score above the cutoff.
    """
    from rapidfuzz import fuzz, process, utils

    wanted = query.strip().casefold()
    exact = [i for i in interviews if i.company.casefold() == wanted]
    if exact:
        return exact
    corpus = {i.id: f"{i.company} {i.role}" for i in interviews}
    scored = process.extract(
        query,
        corpus,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=75,
    )
    if not scored:
        return []
    best = scored[0][1]
    by_id = {i.id: i for i in interviews}
    return [by_id[key] for _text, score, key in scored if score >= best - 5]


def _not_found(interviews: Sequence[Interview], query: str) -> str:
    from rapidfuzz import fuzz, process, utils

    prefix = ids.PREFIXES["interviews"]
    if ids.looks_like_id(query, prefix):
        by_id = {i.id: i for i in interviews}
        close_ids = ids.closest_ids(query, by_id, prefix)
        hint = " or ".join(f"{c}, {by_id[c].company}" for c in close_ids)
        hint = f" (did you mean {hint}?)" if hint else ""
        return f"no interview with id '{query}'{hint}; see 'prep interview list'"
    corpus = {i.id: i.company for i in interviews}
    close = process.extractOne(
        query, corpus, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=50
    )
    hint = ""
    if close is not None:
        interview = next(i for i in interviews if i.id == close[2])
        hint = f" (did you mean {interview.id}, {interview.company}?)"
    return f"no interview matches '{query}'{hint}; see 'prep interview list'"
