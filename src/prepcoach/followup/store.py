"""SQL for follow-up emails: every draft `prep followup` writes, and when it was sent.

One row per recipient and template: drafting again for the same person replaces the unsent
draft instead of piling up copies, and a row marked sent is never changed by a new draft.
Every draft of one run of `prep followup` carries the run's moment as `created_at`, so "the
draft just shown" is the interview's newest rows; a send is an event on one row (`sent_at`),
and taking it back clears it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError
from prepcoach.store.db import Store, fresh_id, to_json


@dataclass(frozen=True, slots=True)
class FollowupRecord:
    """A follow-up as stored."""

    id: str
    interview_id: str | None
    template_id: str
    recipient_name: str
    recipient_email: str
    subject: str
    body: str
    fields: dict[str, Any]
    created_at: str
    sent_at: str | None = None

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


def _from_row(row: sqlite3.Row) -> FollowupRecord:
    try:
        fields = json.loads(row["fields"])
    except (TypeError, ValueError):
        fields = {}
    return FollowupRecord(
        id=row["id"],
        interview_id=row["interview_id"],
        template_id=row["template_id"],
        recipient_name=row["recipient_name"],
        recipient_email=row["recipient_email"],
        subject=row["subject"],
        body=row["body"],
        fields=fields if isinstance(fields, dict) else {},
        created_at=row["created_at"],
        sent_at=row["sent_at"],
    )


def record_draft(
    store: Store,
    *,
    interview_id: str | None,
    template_id: str,
    recipient_name: str,
    recipient_email: str,
    subject: str,
    body: str,
    fields: dict[str, Any],
    shown_at: datetime | None = None,
) -> FollowupRecord:
    """Save a draft: it replaces the unsent draft to the same person with the same template.
    `shown_at` is the moment of the run that showed it (every draft of a run shares it)."""
    stamp = clock.iso(shown_at) if shown_at is not None else clock.now_iso()
    with store.transaction() as conn:
        existing = conn.execute(
            "SELECT id FROM followups WHERE interview_id IS ? AND template_id = ? "
            "AND lower(recipient_name) = lower(?) AND sent_at IS NULL "
            "ORDER BY created_at DESC LIMIT 1",
            (interview_id, template_id, recipient_name),
        ).fetchone()
        values = (recipient_email, subject, body, to_json(fields), stamp)
        if existing is not None:
            record_id = existing["id"]
            conn.execute(
                "UPDATE followups SET recipient_email = ?, subject = ?, body = ?, fields = ?, "
                "created_at = ? WHERE id = ?",
                (*values, record_id),
            )
        else:
            record_id = fresh_id(conn, "followups")
            conn.execute(
                "INSERT INTO followups (id, interview_id, template_id, recipient_name, "
                "recipient_email, subject, body, fields, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record_id, interview_id, template_id, recipient_name, *values),
            )
    return get_followup(store, record_id)


def get_followup(store: Store, record_id: str) -> FollowupRecord:
    row = store.conn.execute("SELECT * FROM followups WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no follow-up with id '{record_id}'")
    return _from_row(row)


def list_followups(store: Store, interview_id: str | None = None) -> list[FollowupRecord]:
    """Follow-ups (of one interview, when given), oldest first."""
    if interview_id is None:
        rows = store.conn.execute("SELECT * FROM followups ORDER BY created_at, id").fetchall()
    else:
        rows = store.conn.execute(
            "SELECT * FROM followups WHERE interview_id = ? ORDER BY created_at, id",
            (interview_id,),
        ).fetchall()
    return [_from_row(r) for r in rows]


def mark_sent(
    store: Store, record_ids: Sequence[str], at: datetime | None = None
) -> list[FollowupRecord]:
    """Record that these drafts were sent (now, or `at`)."""
    stamp = clock.iso(at) if at is not None else clock.now_iso()
    with store.transaction() as conn:
        for record_id in record_ids:
            conn.execute(
                "UPDATE followups SET sent_at = ? WHERE id = ? AND sent_at IS NULL",
                (stamp, record_id),
            )
    return [get_followup(store, r) for r in record_ids]


def unmark_sent(store: Store, record_id: str) -> FollowupRecord:
    """Take a send back: the row is a draft again."""
    with store.transaction() as conn:
        conn.execute("UPDATE followups SET sent_at = NULL WHERE id = ?", (record_id,))
    return get_followup(store, record_id)


def next_run_moment(store: Store, interview_id: str, now: datetime) -> datetime:
    """The moment a new run's drafts are stamped with: now, or just after the interview's
    newest draft when the clock has not moved on (two runs never share a stamp)."""
    from datetime import timedelta

    row = store.conn.execute(
        "SELECT max(created_at) FROM followups WHERE interview_id = ?", (interview_id,)
    ).fetchone()
    if row and row[0]:
        latest = clock.parse_iso(row[0])
        if latest >= now:
            return latest + timedelta(milliseconds=1)
    return now


def last_shown(store: Store, interview_id: str) -> list[FollowupRecord]:
    """The drafts the latest `prep followup` run for the interview showed (sent or not)."""
    rows = store.conn.execute(
        "SELECT * FROM followups WHERE interview_id = ? AND created_at = "
        "(SELECT max(created_at) FROM followups WHERE interview_id = ?) ORDER BY id",
        (interview_id, interview_id),
    ).fetchall()
    return [_from_row(r) for r in rows]


def list_sent(store: Store, interview_id: str | None = None) -> list[FollowupRecord]:
    """The sends (of one interview, when given), in the order they were sent."""
    return sorted(
        (r for r in list_followups(store, interview_id) if r.sent),
        key=lambda r: (r.sent_at or "", r.id),
    )


def first_sent_at(store: Store, interview_id: str, template_prefix: str = "") -> datetime | None:
    """When the first follow-up for an interview was sent (None when none was); with
    `template_prefix` ('thank-you'), only those templates count."""
    row = store.conn.execute(
        "SELECT min(sent_at) FROM followups WHERE interview_id = ? AND sent_at IS NOT NULL "
        "AND substr(template_id, 1, ?) = ?",
        (interview_id, len(template_prefix), template_prefix),
    ).fetchone()
    return clock.parse_iso(row[0]) if row and row[0] else None
