"""SQL for post-mortems: one per interview, answers as JSON by prompt id.

A guided post-mortem is saved after every answer (status 'draft'), so an interruption keeps
everything typed so far. Finishing one (`finish_postmortem`) is one transaction: the answers
and status, the weak questions flagged for practice, and the interview brought up to date
(people met, status done).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import InterviewChanges
from prepcoach.kernel import clock, ids
from prepcoach.kernel.errors import NotFoundError, StoreError
from prepcoach.postmortem.core import DEFAULT_TEMPLATE, Postmortem, from_answers, merged_people
from prepcoach.practice.store import flag_weak
from prepcoach.store.db import Store, fresh_id, to_json

PREFIX = ids.PREFIXES["postmortems"]


def _from_row(row: sqlite3.Row) -> Postmortem:
    try:
        answers = json.loads(row["answers"])
    except ValueError:
        answers = {}
    return from_answers(
        id=row["id"],
        interview_id=row["interview_id"],
        status=row["status"],
        template_id=row["template_id"],
        answers=answers if isinstance(answers, dict) else {},
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def get_postmortem_for_interview(store: Store, interview_id: str) -> Postmortem | None:
    """The interview's post-mortem (draft or done), or None."""
    row = store.conn.execute(
        "SELECT * FROM postmortems WHERE interview_id = ?", (interview_id,)
    ).fetchone()
    return _from_row(row) if row else None


def get_postmortem(store: Store, postmortem_id: str) -> Postmortem:
    row = store.conn.execute("SELECT * FROM postmortems WHERE id = ?", (postmortem_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no post-mortem with id '{postmortem_id}'")
    return _from_row(row)


def list_postmortems(store: Store, *, status: str | None = None) -> list[Postmortem]:
    """Every post-mortem (or those with `status`), the most recently changed first."""
    rows = store.conn.execute(
        "SELECT * FROM postmortems"
        + (" WHERE status = ?" if status else "")
        + " ORDER BY updated_at DESC, id",
        (status,) if status else (),
    ).fetchall()
    return [_from_row(r) for r in rows]


def latest_draft(store: Store) -> Postmortem | None:
    drafts = list_postmortems(store, status="draft")
    return drafts[0] if drafts else None


def find_by_id(store: Store, query: str) -> Postmortem:
    """The post-mortem whose id is `query` or starts with it (`pm-` included)."""
    by_id = {p.id: p for p in list_postmortems(store)}
    found = ids.find_by_id(query, by_id, PREFIX, plural="post-mortems")
    if found is not None:
        return found
    raise NotFoundError(f"no post-mortem with id '{query}'; see 'prep postmortem list'")


def save_answers(
    store: Store,
    interview_id: str,
    answers: Mapping[str, Any],
    *,
    template_id: str = DEFAULT_TEMPLATE,
    expected_updated_at: str | None = None,
) -> Postmortem:
    """Create the interview's draft or replace its answers (the status is kept).

    With `expected_updated_at`, a change made meanwhile by another prep is refused instead
    of overwritten.
    """
    stamp = clock.now_iso()
    with store.transaction() as conn:
        current = get_postmortem_for_interview(store, interview_id)
        if current is None:
            conn.execute(
                "INSERT INTO postmortems (id, interview_id, template_id, status, answers, "
                "created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?)",
                (
                    fresh_id(conn, "postmortems"),
                    interview_id,
                    template_id,
                    to_json(dict(answers)),
                    stamp,
                    stamp,
                ),
            )
        else:
            if expected_updated_at is not None and current.updated_at != expected_updated_at:
                raise StoreError(
                    f"post-mortem {current.id} was changed by another prep meanwhile; "
                    "nothing was saved, run the command again"
                )
            conn.execute(
                "UPDATE postmortems SET answers = ?, updated_at = ? WHERE id = ?",
                (to_json(dict(answers)), stamp, current.id),
            )
        saved = get_postmortem_for_interview(store, interview_id)
    assert saved is not None
    return saved


def finish_postmortem(
    store: Store,
    interview_id: str,
    answers: Mapping[str, Any],
    *,
    template_id: str = DEFAULT_TEMPLATE,
    weak_question_ids: Iterable[str] = (),
    weak_reason: str = "",
    expected_updated_at: str | None = None,
) -> Postmortem:
    """Save the answers as done, flag the weak questions due now, update the interview.

    The interview gains the people met (new ones added, missing titles and emails filled
    in) and, if it was still 'upcoming', the status 'done'. All or nothing.
    """
    with store.transaction() as conn:
        saved = save_answers(
            store,
            interview_id,
            answers,
            template_id=template_id,
            expected_updated_at=expected_updated_at,
        )
        conn.execute(
            "UPDATE postmortems SET status = 'done' WHERE id = ?",
            (saved.id,),
        )
        wanted = list(dict.fromkeys(weak_question_ids))
        if wanted:
            flag_weak(store, wanted, source="postmortem", reason=weak_reason, now=clock.now())
        interview = store_iv.get_interview(store, interview_id)
        people = merged_people(interview.interviewers, saved.people)
        status = "done" if interview.status == "upcoming" else None
        if people is not None or status is not None:
            store_iv.update_interview(
                store, interview_id, InterviewChanges(interviewers=people, status=status)
            )
        done = get_postmortem_for_interview(store, interview_id)
    assert done is not None
    return done


def delete_postmortem(store: Store, postmortem_id: str) -> Postmortem:
    with store.transaction() as conn:
        postmortem = get_postmortem(store, postmortem_id)
        conn.execute("DELETE FROM postmortems WHERE id = ?", (postmortem_id,))
    return postmortem
