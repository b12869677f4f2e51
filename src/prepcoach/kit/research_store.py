"""SQL for company research dossiers, one per company (names compared without case)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError, StoreError
from prepcoach.kit.research import Dossier, check, from_stored, to_data
from prepcoach.store.db import Store, fresh_id, to_json


def _from_row(row: sqlite3.Row) -> Dossier:
    try:
        data = json.loads(row["data"])
    except ValueError:
        data = {}
    return from_stored(
        row["company"],
        data if isinstance(data, dict) else {},
        id=row["id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def get_research(store: Store, company: str) -> Dossier | None:
    """The dossier for `company` (any case, surrounding spaces ignored), if there is one."""
    row = store.conn.execute(
        "SELECT * FROM research WHERE company = ? COLLATE NOCASE", (company.strip(),)
    ).fetchone()
    return _from_row(row) if row is not None else None


def list_research(store: Store) -> list[Dossier]:
    rows = store.conn.execute(
        "SELECT * FROM research ORDER BY updated_at DESC, company COLLATE NOCASE"
    ).fetchall()
    return [_from_row(r) for r in rows]


def find_research(store: Store, company: str) -> Dossier:
    """A dossier by company, exactly (any case) or by a clearly matching name."""
    found = get_research(store, company)
    if found is not None:
        return found
    dossiers = list_research(store)
    if not dossiers:
        raise NotFoundError(f"no research yet; start with: prep research {company!r}")
    from rapidfuzz import fuzz, process, utils

    names = {d.id: d.company for d in dossiers}
    best = process.extractOne(
        company, names, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=85
    )
    if best is not None:
        return next(d for d in dossiers if d.id == best[2])
    listed = ", ".join(d.company for d in dossiers[:8])
    raise NotFoundError(f"no research on '{company}'; researched so far: {listed}")


def save_research(
    store: Store, dossier: Dossier, *, expected_updated_at: str | None = None
) -> Dossier:
    """Insert or replace the dossier for its company; checked first.

    With `expected_updated_at` (the version the user started editing), a change made
    meanwhile by another prep is refused instead of overwritten.
    """
    dossier = check(dossier)
    stamp = clock.now_iso()
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT id, created_at, updated_at FROM research WHERE company = ? COLLATE NOCASE",
            (dossier.company,),
        ).fetchone()
        if row is None and dossier.id:  # renamed in the editor: keep the same record
            row = conn.execute(
                "SELECT id, created_at, updated_at FROM research WHERE id = ?", (dossier.id,)
            ).fetchone()
        if row is not None and dossier.id and row["id"] != dossier.id:
            raise StoreError(
                f"there is already research on '{dossier.company}'; edit that one with: "
                f"prep research edit {dossier.company!r}"
            )
        if (
            row is not None
            and expected_updated_at is not None
            and row["updated_at"] != expected_updated_at
        ):
            raise StoreError(
                f"the research on {dossier.company} was changed by another prep meanwhile; "
                "nothing was saved"
            )
        data = to_json(to_data(dossier))
        if row is None:
            record_id = fresh_id(conn, "research")
            conn.execute(
                "INSERT INTO research (id, company, data, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (record_id, dossier.company, data, stamp, stamp),
            )
            created = stamp
        else:
            record_id, created = row["id"], row["created_at"]
            conn.execute(
                "UPDATE research SET company = ?, data = ?, updated_at = ? WHERE id = ?",
                (dossier.company, data, stamp, record_id),
            )
    return replace(dossier, id=record_id, created_at=created, updated_at=stamp)


def delete_research(store: Store, dossier_id: str) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM research WHERE id = ?", (dossier_id,))
