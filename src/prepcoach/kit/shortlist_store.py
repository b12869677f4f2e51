"""SQL for the shortlist of questions to ask, one per interview."""

from __future__ import annotations

from collections.abc import Sequence

from prepcoach.kernel import clock
from prepcoach.kit.shortlist import Pick, ShortlistEntry
from prepcoach.store.db import Store, fresh_id


def get_shortlist(store: Store, interview_id: str) -> list[ShortlistEntry]:
    """The interview's questions to ask, in the order they were picked."""
    rows = store.conn.execute(
        "SELECT ask_question_id, position, note, created_at FROM ask_shortlists "
        "WHERE interview_id = ? ORDER BY position, created_at, id",
        (interview_id,),
    ).fetchall()
    return [
        ShortlistEntry(r["ask_question_id"], r["position"], r["note"], r["created_at"])
        for r in rows
    ]


def set_shortlist(store: Store, interview_id: str, picks: Sequence[Pick]) -> list[ShortlistEntry]:
    """Replace the interview's shortlist with `picks` (already checked), in one transaction.

    A question that stays on the list keeps its id and when it was first picked.
    """
    stamp = clock.now_iso()
    with store.transaction() as conn:
        kept = {
            r["ask_question_id"]: (r["id"], r["created_at"])
            for r in conn.execute(
                "SELECT id, ask_question_id, created_at FROM ask_shortlists WHERE interview_id = ?",
                (interview_id,),
            )
        }
        conn.execute("DELETE FROM ask_shortlists WHERE interview_id = ?", (interview_id,))
        for position, pick in enumerate(picks):
            row_id, created = kept.get(pick.ask_question_id, ("", stamp))
            if not row_id:
                row_id = fresh_id(conn, "ask_shortlists")
            conn.execute(
                "INSERT INTO ask_shortlists "
                "(id, interview_id, ask_question_id, position, note, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (row_id, interview_id, pick.ask_question_id, position, pick.note, created),
            )
    return get_shortlist(store, interview_id)
