"""SQL for researched salary ranges: one per interview, shared by a company's rounds."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

from prepcoach.kernel import clock
from prepcoach.kit.salary import SalaryRange, check
from prepcoach.store.db import Store, fresh_id, to_json


def _from_row(row: sqlite3.Row) -> SalaryRange:
    try:
        sources = tuple(str(s) for s in json.loads(row["sources"]))
    except (ValueError, TypeError):
        sources = ()
    return SalaryRange(
        id=row["id"],
        interview_id=row["interview_id"],
        company=row["company"],
        minimum=row["minimum"],
        target=row["target"],
        maximum=row["maximum"],
        currency=row["currency"],
        period=row["period"],
        sources=sources,
        notes=row["notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def get_salary_range(store: Store, interview_id: str, company: str = "") -> SalaryRange | None:
    """The interview's range; failing that, the latest one for the same company.

    A range researched for the first round still holds for the second, so it is found for
    every round at that company until one of them records its own.
    """
    row = store.conn.execute(
        "SELECT * FROM salary_ranges WHERE interview_id = ? ORDER BY updated_at DESC LIMIT 1",
        (interview_id,),
    ).fetchone()
    if row is None and company.strip():
        row = store.conn.execute(
            "SELECT * FROM salary_ranges WHERE company = ? COLLATE NOCASE "
            "ORDER BY updated_at DESC LIMIT 1",
            (company.strip(),),
        ).fetchone()
    return _from_row(row) if row is not None else None


def save_salary_range(store: Store, salary: SalaryRange) -> SalaryRange:
    """Record the range for its interview, replacing the interview's earlier one."""
    salary = check(salary)
    stamp = clock.now_iso()
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT id, created_at FROM salary_ranges WHERE interview_id = ? "
            "ORDER BY updated_at DESC LIMIT 1",
            (salary.interview_id,),
        ).fetchone()
        values = (
            salary.company,
            salary.minimum,
            salary.target,
            salary.maximum,
            salary.currency,
            salary.period,
            to_json(list(salary.sources)),
            salary.notes,
        )
        if row is None:
            record_id, created = fresh_id(conn, "salary_ranges"), stamp
            conn.execute(
                "INSERT INTO salary_ranges (id, interview_id, company, minimum, target, maximum, "
                "currency, period, sources, notes, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record_id, salary.interview_id, *values, stamp, stamp),
            )
        else:
            record_id, created = row["id"], row["created_at"]
            conn.execute(
                "UPDATE salary_ranges SET company = ?, minimum = ?, target = ?, maximum = ?, "
                "currency = ?, period = ?, sources = ?, notes = ?, updated_at = ? WHERE id = ?",
                (*values, stamp, record_id),
            )
    return replace(salary, id=record_id, created_at=created, updated_at=stamp)
