"""The use cases behind `prep followup`, without a terminal: what the command reads, saves
and decides, so the command only parses its options, asks for what is missing and renders.

- `interview_for`, `postmortem_for` and `sources`: what a draft is filled from;
- `remember_addresses`: an address typed for an interviewer is kept on the interview;
- `record`: every rendered draft is stored (the readiness check looks for a sent one);
- `mark_sent`: `--sent` picks the unsent drafts (narrowed by template and recipient) and
  says whether they went out by the deadline (`core.followup_deadline`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from prepcoach.followup import core
from prepcoach.followup import store as store_fu
from prepcoach.followup.core import Draft, PostmortemLike, Recipient, Sources, Value
from prepcoach.followup.store import FollowupRecord
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview, InterviewChanges
from prepcoach.kernel.errors import PrepError
from prepcoach.postmortem.store import get_postmortem_for_interview
from prepcoach.profile import store as store_pr
from prepcoach.stories import store as store_st

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.store.db import Store


def interview_for(store: Store, query: str | None, now: datetime) -> Interview:
    """The interview a follow-up is about (see `core.followup_interview`)."""
    return core.followup_interview(store_iv.list_interviews(store), query, now)


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
    shown = frozenset(c for s in store_st.list_stories(store) for c in s.competencies)
    return Sources(
        profile=store_pr.get_profile(store),
        interview=interview,
        postmortem=postmortem,
        competency_names={c.id: c.name for c in library.competencies.values()},
        story_competencies=shown,
        reference=now,
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


def record(store: Store, draft: Draft) -> str:
    """Store a rendered draft; its id."""
    saved = store_fu.record_draft(
        store,
        interview_id=draft.interview_id,
        template_id=draft.template_id,
        recipient_name=draft.recipient.name,
        recipient_email=draft.recipient.email,
        subject=draft.subject,
        body=draft.body,
        fields=dict(draft.values),
    )
    return saved.id


@dataclass(frozen=True, slots=True)
class Sent:
    records: list[FollowupRecord]
    hours_after: float | None  # None: the interview has no time yet, or is still to come
    on_time: bool  # sent by the deadline (meaningful with hours_after)


def mark_sent(
    store: Store,
    interview: Interview,
    template_id: str | None,
    to: str | None,
    now: datetime,
) -> Sent:
    """Record the interview's unsent drafts as sent now: those of `template_id`, and with `to`
    (a name, part of one or an address; 'all' for everyone) those to that person."""
    drafts = [r for r in store_fu.list_followups(store, interview.id) if not r.sent]
    if template_id is not None:
        drafts = [r for r in drafts if r.template_id == template_id]
    if to is not None and to.strip().casefold() != "all":
        wanted = to.strip().casefold()
        drafts = [
            r
            for r in drafts
            if wanted in r.recipient_name.casefold() or wanted == r.recipient_email.casefold()
        ]
    if not drafts:
        raise PrepError(
            f"no unsent follow-up for {interview.label()} ({interview.id})"
            + (" matching --template/--to" if template_id or to else "")
            + f"; draft one first: prep followup {interview.id}"
        )
    saved = store_fu.mark_sent(store, [r.id for r in drafts], now)
    start = interview.moment()
    deadline = core.followup_deadline(interview.when)
    if start is None or deadline is None or start > now:
        return Sent(saved, None, True)
    return Sent(saved, (now - start).total_seconds() / 3600, now <= deadline)
