"""SQL for interviews and their interviewers."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime

from prepcoach.interviews.core import (
    Interview,
    InterviewChanges,
    Interviewer,
    check,
    resolve_interview,
    sort_key,
    when_from_text,
    when_to_text,
)
from prepcoach.interviews.posting import PostingReading
from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError, StoreError
from prepcoach.store.db import Reference, Store, fresh_id
from prepcoach.store.db import references as db_references


def _from_rows(row: sqlite3.Row, people: list[sqlite3.Row]) -> Interview:
    return Interview(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        stage=row["stage"],
        when=when_from_text(row["scheduled_at"]),
        status=row["status"],
        posting_url=row["posting_url"],
        notes=row["notes"],
        interviewers=tuple(
            Interviewer(id=p["id"], name=p["name"], title=p["title"], email=p["email"])
            for p in people
        ),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        posting=_posting(row["posting"]),
    )


def _posting(raw: str | None) -> PostingReading | None:
    data = json.loads(raw or "{}")
    return PostingReading.from_dict(data) if isinstance(data, dict) and data else None


def set_posting(store: Store, interview_id: str, posting: PostingReading) -> Interview:
    """Keep what a job posting asks for with the interview (replacing an earlier one)."""
    with store.transaction() as conn:
        found = conn.execute(
            "UPDATE interviews SET posting = ?, updated_at = ? WHERE id = ?",
            (json.dumps(posting.as_dict(), ensure_ascii=False), clock.now_iso(), interview_id),
        ).rowcount
    if not found:
        raise NotFoundError(f"no interview {interview_id}")
    return get_interview(store, interview_id)


def list_interviews(store: Store, *, status: str | None = None) -> list[Interview]:
    """Every interview (or those with `status`), soonest first, undated last."""
    conn = store.conn
    rows = conn.execute(
        "SELECT * FROM interviews" + (" WHERE status = ?" if status else ""),
        (status,) if status else (),
    ).fetchall()
    people: dict[str, list[sqlite3.Row]] = {}
    for person in conn.execute("SELECT * FROM interviewers ORDER BY interview_id, position, id"):
        people.setdefault(person["interview_id"], []).append(person)
    return sorted((_from_rows(r, people.get(r["id"], [])) for r in rows), key=sort_key)


def get_interview(store: Store, interview_id: str) -> Interview:
    row = store.conn.execute("SELECT * FROM interviews WHERE id = ?", (interview_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no interview with id '{interview_id}'")
    people = store.conn.execute(
        "SELECT * FROM interviewers WHERE interview_id = ? ORDER BY position, id", (interview_id,)
    ).fetchall()
    return _from_rows(row, people)


def find_interview(
    store: Store, query: str | None = None, reference: datetime | None = None
) -> Interview:
    """The interview a user means: an id, an id prefix, a company name, or the current one."""
    return resolve_interview(list_interviews(store), query, reference)


def companies(store: Store) -> list[str]:
    """Companies already used (for autocompletion), most recent first."""
    rows = store.conn.execute(
        "SELECT company FROM interviews GROUP BY company ORDER BY max(created_at) DESC"
    ).fetchall()
    return [r[0] for r in rows]


def add_interview(store: Store, interview: Interview) -> Interview:
    """Validate and store a new interview; return it with its id and timestamps."""
    interview = check(interview)
    stamp = clock.now_iso()
    with store.transaction() as conn:
        interview = replace(
            interview, id=fresh_id(conn, "interviews"), created_at=stamp, updated_at=stamp
        )
        conn.execute(
            "INSERT INTO interviews (id, company, role, stage, scheduled_at, status, "
            "posting_url, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                interview.id,
                interview.company,
                interview.role,
                interview.stage,
                when_to_text(interview.when),
                interview.status,
                interview.posting_url,
                interview.notes,
                stamp,
                stamp,
            ),
        )
        interview = replace(interview, interviewers=_save_people(conn, interview))
    return interview


def update_interview(
    store: Store,
    interview_id: str,
    changes: InterviewChanges,
    *,
    expected_updated_at: str | None = None,
) -> Interview:
    """Apply `changes` in one transaction.

    With `expected_updated_at` (the version the user started editing), a concurrent change
    by another process is refused instead of silently overwritten.
    """
    with store.transaction() as conn:
        current = get_interview(store, interview_id)
        if expected_updated_at is not None and current.updated_at != expected_updated_at:
            raise StoreError(
                f"interview {interview_id} was changed by another prep while you were editing; "
                "nothing was saved, run the command again"
            )
        updated = check(changes.apply(current))
        stamp = clock.now_iso()
        conn.execute(
            "UPDATE interviews SET company = ?, role = ?, stage = ?, scheduled_at = ?, "
            "status = ?, posting_url = ?, notes = ?, updated_at = ? WHERE id = ?",
            (
                updated.company,
                updated.role,
                updated.stage,
                when_to_text(updated.when),
                updated.status,
                updated.posting_url,
                updated.notes,
                stamp,
                interview_id,
            ),
        )
        updated = replace(updated, updated_at=stamp, interviewers=_save_people(conn, updated))
    return updated


def _save_people(conn: sqlite3.Connection, interview: Interview) -> tuple[Interviewer, ...]:
    """Make the interviewers table match `interview.interviewers` (ids kept where known)."""
    keep = [p.id for p in interview.interviewers if p.id]
    placeholders = ",".join("?" * len(keep))
    conn.execute(
        f"DELETE FROM interviewers WHERE interview_id = ? AND id NOT IN ({placeholders})",
        (interview.id, *keep),
    )
    saved = []
    for position, person in enumerate(interview.interviewers):
        person_id = person.id or fresh_id(conn, "interviewers")
        conn.execute(
            "INSERT INTO interviewers (id, interview_id, position, name, title, email) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET position = excluded.position, "
            "name = excluded.name, title = excluded.title, email = excluded.email",
            (person_id, interview.id, position, person.name, person.title, person.email),
        )
        saved.append(replace(person, id=person_id))
    return tuple(saved)


def references(store: Store, interview_id: str) -> list[Reference]:
    """What refers to an interview (other than its interviewers), e.g. to show before deleting."""
    return [
        r
        for r in db_references(store.conn, "interviews", interview_id)
        if r.table != "interviewers"
    ]


def delete_interview(store: Store, interview_id: str) -> Interview:
    """Delete an interview with its interviewers (and what its tables cascade to)."""
    with store.transaction() as conn:
        interview = get_interview(store, interview_id)
        conn.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
    return interview
