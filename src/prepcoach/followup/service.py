"""The use cases behind `prep followup`, without a terminal: what the command reads, saves
and decides, so the command only parses its options, asks for what is missing and renders.

- `interview_for`, `start` and `fill`: the interview, the template (or the one for its
  stage), who may get a note, and the fields filled from the profile, the interview, the
  post-mortem and your stories; `render` makes one draft per recipient;
- `remember_addresses`: an address typed for an interviewer is kept on the interview;
- `check_and_record`: the checks a careful reader would make, and every rendered draft
  stored with the run's moment (`record`); a preview is not a send;
- `mark_sent`: `--sent` records the drafts just shown (narrowed by template and recipient),
  or one draft by id, and says whether they went out by the deadline
  (`core.followup_deadline`); `unmark_sent` takes a send back; `sends` lists them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from prepcoach.followup import core
from prepcoach.followup import store as store_fu
from prepcoach.followup.checks import Finding, check_drafts
from prepcoach.followup.core import Draft, Evidence, PostmortemLike, Recipient, Sources
from prepcoach.followup.fields import Value
from prepcoach.followup.filling import gather_fields, with_answers
from prepcoach.followup.store import FollowupRecord as FollowupRecord  # the records it returns
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview, InterviewChanges
from prepcoach.kernel import ids
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kit.research_store import get_research
from prepcoach.postmortem.store import get_postmortem_for_interview
from prepcoach.profile import store as store_pr
from prepcoach.stories import store as store_st

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import EmailTemplate
    from prepcoach.store.db import Store


def interview_for(store: Store, query: str | None, now: datetime) -> Interview:
    """The interview a follow-up is about (see `core.followup_interview`)."""
    return core.followup_interview(store_iv.list_interviews(store), query, now)


@dataclass(frozen=True, slots=True)
class Start:
    """What a draft starts from: the template, the file it came from, the interview's
    post-mortem (None: not written) and the people who may get a note."""

    template: EmailTemplate
    origin: str
    postmortem: PostmortemLike | None
    people: list[Recipient]


def start(
    store: Store, library: ContentLibrary, interview: Interview, template_id: str | None
) -> Start:
    """The template asked for, or the one that fits the interview's stage."""
    available = list(library.email_templates)
    template: EmailTemplate = library.get(
        "email_templates", template_id or core.default_template_id(interview, available)
    )
    postmortem = postmortem_for(store, interview.id)
    return Start(
        template=template,
        origin=library.origins.get(f"email_templates/{template.id}", ""),
        postmortem=postmortem,
        people=core.people_for(interview, postmortem),
    )


def fill(
    store: Store,
    library: ContentLibrary,
    interview: Interview,
    begun: Start,
    recipients: Sequence[Recipient],
    given: dict[str, str],
    now: datetime,
) -> tuple[list[dict[str, Value]], Sources]:
    """The fields of each recipient's note (what `--set` gave wins), and what they came from."""
    found = sources(store, library, interview, begun.postmortem, now)
    values = [
        with_answers(
            gather_fields(found, person, position=number, everyone=begun.people), given, now
        )
        for number, person in enumerate(recipients)
    ]
    return values, found


def render(begun: Start, interview: Interview, values: Sequence[dict[str, Value]]) -> list[Draft]:
    """One draft per recipient's fields."""
    return [
        core.render_followup(begun.template, v, origin=begun.origin, interview_id=interview.id)
        for v in values
    ]


def check_and_record(
    store: Store,
    interview: Interview,
    template: EmailTemplate,
    drafts: Sequence[Draft],
    now: datetime,
) -> tuple[list[Finding], list[str]]:
    """What a careful reader would flag (against the notes sent before to the same people),
    and the ids of the drafts, stored with this run's moment."""
    findings = check_drafts(
        drafts,
        template,
        interview=interview,
        reference=now,
        earlier=earlier_notes(store, interview.id, template.id),
    )
    shown_at = run_moment(store, interview.id, now)
    return findings, [record(store, d, shown_at) for d in drafts]


def postmortem_for(store: Store, interview_id: str) -> PostmortemLike | None:
    """The interview's post-mortem (draft or done), when one was written."""
    return get_postmortem_for_interview(store, interview_id)


def sources(
    store: Store,
    library: ContentLibrary,
    interview: Interview,
    postmortem: PostmortemLike | None,
    now: datetime,
) -> Sources:
    stories = store_st.list_stories(store)
    shown = frozenset(c for s in stories for c in s.competencies)
    evidence = [
        Evidence(s.part("result"), tuple(s.competencies), s.title)
        for s in stories
        if s.part("result").strip()
    ]
    dossier = get_research(store, interview.company)
    if dossier is not None:
        evidence += [
            Evidence(item.how_i_help, (), item.text)
            for item in dossier.items("challenges")
            if item.how_i_help.strip()
        ]
    return Sources(
        profile=store_pr.get_profile(store),
        interview=interview,
        postmortem=postmortem,
        competency_names={c.id: c.name for c in library.competencies.values()},
        story_competencies=shown,
        reference=now,
        evidence=tuple(evidence),
    )


def remember_addresses(
    store: Store,
    interview: Interview,
    recipients: Sequence[Recipient],
    values: Sequence[dict[str, Value]],
) -> list[str]:
    """Save an address typed for an interviewer who had none; the names of those updated."""
    typed = {
        r.name.casefold(): str(v.get("recipient_email", ""))
        for r, v in zip(recipients, values, strict=True)
        if not r.email and v.get("recipient_email")
    }
    people = list(interview.interviewers)
    changed = []
    for index, person in enumerate(people):
        email = typed.get(person.name.casefold())
        if email and not person.email:
            people[index] = replace(person, email=email)
            changed.append(person.name)
    if changed:
        store_iv.update_interview(store, interview.id, InterviewChanges(interviewers=tuple(people)))
    return changed


def remember_signature(store: Store, values: Sequence[dict[str, Value]]) -> bool:
    """Keep a signature typed for a follow-up in the profile when it has no way to sign
    (no signature, name, phone or email), so that the next email does not ask again."""
    typed = next((str(v.get("signature") or "").strip() for v in values), "")
    profile = store_pr.get_profile(store)
    if not typed or profile.signature_text():
        return False
    store_pr.save_profile(store, replace(profile, signature=typed))
    return True


def earlier_notes(store: Store, interview_id: str, template_id: str) -> list[tuple[str, str]]:
    """(recipient, body) of the newest note of the same kind drafted before to each person
    of the interview, for the check that no two people get the same note."""
    family = core.THANK_YOU if template_id.startswith(core.THANK_YOU) else template_id
    latest: dict[str, tuple[str, str]] = {}
    for record in store_fu.list_followups(store, interview_id):
        if record.template_id.startswith(family) and record.recipient_name:
            latest[record.recipient_name.casefold()] = (record.recipient_name, record.body)
    return list(latest.values())


def run_moment(store: Store, interview_id: str, now: datetime) -> datetime:
    """The stamp every draft of this run carries (later than any earlier run's)."""
    return store_fu.next_run_moment(store, interview_id, now)


def record(store: Store, draft: Draft, shown_at: datetime | None = None) -> str:
    """Store a rendered draft (every draft of one run with the run's moment); its id."""
    saved = store_fu.record_draft(
        store,
        interview_id=draft.interview_id,
        template_id=draft.template_id,
        recipient_name=draft.recipient.name,
        recipient_email=draft.recipient.email,
        subject=draft.subject,
        body=draft.body,
        fields=dict(draft.values),
        shown_at=shown_at,
    )
    return saved.id


@dataclass(frozen=True, slots=True)
class Sent:
    records: list[FollowupRecord]
    hours_after: float | None  # None: the interview has no time yet, or is still to come
    on_time: bool  # sent by the deadline (meaningful with hours_after)


def is_draft_ref(query: str | None) -> bool:
    """Whether the command's argument names a draft (`fu-...`) rather than an interview."""
    return bool(query) and str(query).strip().casefold().startswith("fu-")


def draft_by_id(store: Store, query: str) -> FollowupRecord:
    every = {r.id: r for r in store_fu.list_followups(store)}
    found = ids.find_by_id(
        query, every, "fu", plural="drafts", label=lambda r: f"{r.subject} to {r.recipient_name}"
    )
    if found is None:
        raise NotFoundError(f"no follow-up draft with id '{query}'; see 'prep followup sent'")
    return found


def _for_recipient(drafts: list[FollowupRecord], to: str | None) -> list[FollowupRecord]:
    if to is None or to.strip().casefold() == "all":
        return drafts
    wanted = to.strip().casefold()
    return [
        r
        for r in drafts
        if wanted in r.recipient_name.casefold() or wanted == r.recipient_email.casefold()
    ]


def mark_sent(
    store: Store,
    interview: Interview,
    template_id: str | None,
    to: str | None,
    now: datetime,
    draft: FollowupRecord | None = None,
) -> Sent:
    """Record as sent now the drafts the latest `prep followup` run showed for the interview
    (those of `template_id`, and with `to` those to that person), or `draft` itself. Drafts
    previewed earlier are not sends."""
    if draft is not None:
        if draft.sent:
            raise PrepError(
                f"{draft.id} is already recorded as sent ({draft.sent_at}); "
                f"to take it back: prep followup {draft.id} --unsend"
            )
        drafts = [draft]
    else:
        shown = store_fu.last_shown(store, interview.id)
        if not shown:
            raise PrepError(
                f"no follow-up drafted for {interview.label()} ({interview.id}) yet; "
                f"draft one first: prep followup {interview.id}"
            )
        matching = _for_recipient(
            [r for r in shown if template_id is None or r.template_id == template_id], to
        )
        drafts = [r for r in matching if not r.sent]
        if not drafts:
            last = matching[0] if matching else shown[0]
            state = "is already recorded as sent" if matching else "does not match --template/--to"
            raise PrepError(
                f"the draft last shown ('{last.subject}' to {last.recipient_name or '-'}, "
                f"{last.id}) {state}; show the one you sent with prep followup {interview.id}, "
                "or name it: prep followup DRAFT --sent (see prep followup sent)"
            )
    saved = store_fu.mark_sent(store, [r.id for r in drafts], now)
    start = interview.moment()
    deadline = core.followup_deadline(interview.when)
    if start is None or deadline is None or start > now:
        return Sent(saved, None, True)
    return Sent(saved, (now - start).total_seconds() / 3600, now <= deadline)


def unmark_sent(
    store: Store, interview: Interview | None, draft: FollowupRecord | None
) -> FollowupRecord:
    """Take one send back: the draft named, else the interview's latest send."""
    if draft is None:
        assert interview is not None
        sends = store_fu.list_sent(store, interview.id)
        if not sends:
            raise PrepError(f"nothing is recorded as sent for {interview.label()}")
        draft = sends[-1]
    elif not draft.sent:
        raise PrepError(f"{draft.id} is not recorded as sent")
    return store_fu.unmark_sent(store, draft.id)


def sends(store: Store) -> list[tuple[FollowupRecord, Interview | None]]:
    """Every send, oldest first, with its interview."""
    by_id = {i.id: i for i in store_iv.list_interviews(store)}
    return [(r, by_id.get(r.interview_id or "")) for r in store_fu.list_sent(store)]
