"""SQL for the STAR story bank."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

from prepcoach.kernel import clock, ids
from prepcoach.kernel.errors import NotFoundError, StoreError
from prepcoach.store.db import Store, fresh_id, to_json
from prepcoach.stories.core import StarStory


def _from_row(row: sqlite3.Row) -> StarStory:
    return StarStory(
        id=row["id"],
        title=row["title"],
        template_id=row["template_id"],
        parts=dict(json.loads(row["parts"])),
        competencies=tuple(json.loads(row["competencies"])),
        interview_id=row["interview_id"],
        employer=row["employer"],
        notes=row["notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def list_stories(store: Store) -> list[StarStory]:
    """Every story, oldest first (the order they were added)."""
    rows = store.conn.execute("SELECT * FROM stories ORDER BY created_at, rowid").fetchall()
    return [_from_row(r) for r in rows]


def get_story(store: Store, story_id: str) -> StarStory:
    row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no story with id '{story_id}'")
    return _from_row(row)


def find_story(store: Store, query: str) -> StarStory:
    """A story by id, unique id prefix, or (failing those) a clearly matching title."""
    stories = list_stories(store)
    if not stories:
        raise NotFoundError("no stories yet; add one with: prep story add")
    by_id = {s.id: s for s in stories}
    found = ids.find_by_id(
        query, by_id, ids.PREFIXES["stories"], plural="stories", label=lambda s: s.title
    )
    if found is not None:
        return found
    prefix = ids.PREFIXES["stories"]
    if ids.looks_like_id(query, prefix):
        close_ids = ids.closest_ids(query, by_id, prefix)
        hint = " or ".join(f"{c}, '{by_id[c].title}'" for c in close_ids)
        hint = f" (did you mean {hint}?)" if hint else ""
        raise NotFoundError(f"no story with id '{query}'{hint}; see 'prep story list'")
    from rapidfuzz import fuzz, process, utils

    titles = {s.id: s.title for s in stories}
    scored = process.extract(
        query, titles, scorer=fuzz.WRatio, processor=utils.default_process, limit=3
    )
    if scored and scored[0][1] >= 85 and (len(scored) == 1 or scored[0][1] - scored[1][1] >= 5):
        return by_id[scored[0][2]]
    close = [key for _title, score, key in scored if score >= 50]
    hint = ""
    if close:
        hint = " (did you mean " + " or ".join(f"{k}, '{by_id[k].title}'" for k in close) + "?)"
    raise NotFoundError(f"no story matches '{query}'{hint}; see 'prep story list'")


def story_uses(store: Store) -> dict[str, int]:
    """How many practice answers used each story."""
    rows = store.conn.execute(
        "SELECT story_id, count(*) FROM practice_answers WHERE story_id IS NOT NULL "
        "GROUP BY story_id"
    ).fetchall()
    return {r[0]: int(r[1]) for r in rows}


def add_story(store: Store, story: StarStory) -> StarStory:
    """Store a story that has been checked (see `prepcoach.stories.core.check`)."""
    stamp = clock.now_iso()
    with store.transaction() as conn:
        story = replace(story, id=fresh_id(conn, "stories"), created_at=stamp, updated_at=stamp)
        _require_interview(conn, story.interview_id)
        conn.execute(
            "INSERT INTO stories (id, title, template_id, parts, competencies, interview_id, "
            "employer, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (story.id, *_content_values(story), stamp, stamp),
        )
    return story


def update_story(
    store: Store, story: StarStory, *, expected_updated_at: str | None = None
) -> StarStory:
    """Replace a stored story's content (same id); refuse if it changed meanwhile."""
    stamp = clock.now_iso()
    with store.transaction() as conn:
        current = get_story(store, story.id)
        if expected_updated_at is not None and current.updated_at != expected_updated_at:
            raise StoreError(
                f"story {story.id} was changed by another prep while you were editing it"
            )
        _require_interview(conn, story.interview_id)
        conn.execute(
            "UPDATE stories SET title = ?, template_id = ?, parts = ?, competencies = ?, "
            "interview_id = ?, employer = ?, notes = ?, updated_at = ? WHERE id = ?",
            (*_content_values(story), stamp, story.id),
        )
    return replace(story, created_at=current.created_at, updated_at=stamp)


def delete_story(store: Store, story_id: str) -> StarStory:
    """Delete a story; practice answers that used it keep their text, unlinked."""
    with store.transaction() as conn:
        story = get_story(store, story_id)
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
    return story


def _content_values(story: StarStory) -> tuple[str | None, ...]:
    """Title, template_id, parts, competencies, interview_id, employer, notes: as stored."""
    return (
        story.title,
        story.template_id,
        to_json(story.parts),
        to_json(list(story.competencies)),
        story.interview_id,
        story.employer,
        story.notes,
    )


def _require_interview(conn: sqlite3.Connection, interview_id: str | None) -> None:
    if interview_id is None:
        return
    if conn.execute("SELECT 1 FROM interviews WHERE id = ?", (interview_id,)).fetchone() is None:
        raise NotFoundError(f"no interview with id '{interview_id}'")
