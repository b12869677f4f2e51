"""The schema, as an append-only list of migrations.

Each migration runs in its own `BEGIN IMMEDIATE` transaction that also records it in
`schema_migrations` and sets `PRAGMA user_version`, so a database is always exactly at one
version, even if the process is killed half-way or two processes start at once (the second
waits, then finds the work done). Never edit a migration that has shipped: append a new one
(tests/store/test_store_db.py keeps a checksum of each to catch accidents).

Conventions for new tables: a TEXT primary key that is stable across machines (see
`prepcoach.kernel.ids`), timestamps as ISO-8601 UTC text (`kernel.clock.iso`), JSON as TEXT, and
column names `id` / `*_id` only for identifiers (export redaction keeps those as they are).
Export and import are table-generic, so a new table needs no code there.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from prepcoach.kernel.errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "profile, interviews, interviewers and stories",
        """
        PRAGMA application_id = 1347568976;

        CREATE TABLE profile (
            id TEXT PRIMARY KEY CHECK (id = 'me'),
            name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            links TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(links)),
            signature TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );

        CREATE TABLE interviews (
            id TEXT PRIMARY KEY,
            company TEXT NOT NULL CHECK (trim(company) <> ''),
            role TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL DEFAULT 'other'
                CHECK (stage IN ('first', 'second', 'final', 'other')),
            scheduled_at TEXT,
            status TEXT NOT NULL DEFAULT 'upcoming'
                CHECK (status IN ('upcoming', 'done', 'offer', 'rejected', 'withdrawn')),
            posting_url TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX interviews_status ON interviews(status, scheduled_at);

        CREATE TABLE interviewers (
            id TEXT PRIMARY KEY,
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX interviewers_interview ON interviewers(interview_id, position);

        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL CHECK (trim(title) <> ''),
            template_id TEXT NOT NULL DEFAULT 'generic',
            parts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(parts)),
            competencies TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(competencies)),
            interview_id TEXT REFERENCES interviews(id) ON DELETE SET NULL,
            employer TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX stories_interview ON stories(interview_id);
        """,
    ),
    Migration(
        2,
        "practice sessions, answers, review cards and weak flags",
        """
        CREATE TABLE practice_sessions (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT, mode TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', interview_id TEXT REFERENCES interviews(id) ON DELETE SET NULL, options TEXT NOT NULL DEFAULT '{}', planned TEXT NOT NULL DEFAULT '[]');
        CREATE TABLE practice_answers (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES practice_sessions(id) ON DELETE CASCADE, question_id TEXT NOT NULL, question_text TEXT NOT NULL, style TEXT NOT NULL, parts TEXT NOT NULL DEFAULT '{}', seconds REAL, part_seconds TEXT NOT NULL DEFAULT '{}', score INTEGER, feedback TEXT NOT NULL DEFAULT '{}', rating INTEGER, story_id TEXT REFERENCES stories(id) ON DELETE SET NULL, created_at TEXT NOT NULL);
        CREATE INDEX practice_answers_question ON practice_answers(question_id, created_at);
        CREATE INDEX practice_answers_session ON practice_answers(session_id, created_at);
        CREATE TABLE review_cards (question_id TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE INDEX review_cards_due ON review_cards(due);
        CREATE TABLE review_logs (id TEXT PRIMARY KEY, question_id TEXT NOT NULL, rating INTEGER NOT NULL, reviewed_at TEXT NOT NULL, log TEXT NOT NULL DEFAULT '{}');
        CREATE TABLE weak_flags (question_id TEXT PRIMARY KEY, source TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', flagged_at TEXT NOT NULL);
        """,  # noqa: E501 - kept exactly as agreed with the practice feature
    ),
    Migration(
        3,
        "post-mortems, follow-ups, questions to ask, company research and salary ranges",
        """
        CREATE TABLE postmortems (
            id TEXT PRIMARY KEY,
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            template_id TEXT NOT NULL DEFAULT 'first-interview',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'done')),
            answers TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX postmortems_interview ON postmortems(interview_id);

        CREATE TABLE followups (
            id TEXT PRIMARY KEY,
            interview_id TEXT REFERENCES interviews(id) ON DELETE SET NULL,
            template_id TEXT NOT NULL,
            recipient_name TEXT NOT NULL DEFAULT '',
            recipient_email TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            fields TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX followups_interview ON followups(interview_id, created_at);

        CREATE TABLE ask_shortlists (
            id TEXT PRIMARY KEY,
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            ask_question_id TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (interview_id, ask_question_id)
        );

        CREATE TABLE research (
            id TEXT PRIMARY KEY,
            company TEXT NOT NULL,
            data TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX research_company ON research(company COLLATE NOCASE);

        CREATE TABLE salary_ranges (
            id TEXT PRIMARY KEY,
            interview_id TEXT REFERENCES interviews(id) ON DELETE CASCADE,
            company TEXT NOT NULL DEFAULT '',
            minimum REAL NOT NULL,
            target REAL NOT NULL,
            maximum REAL NOT NULL,
            currency TEXT NOT NULL,
            period TEXT NOT NULL DEFAULT 'year',
            sources TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (minimum <= target AND target <= maximum)
        );
        CREATE INDEX salary_ranges_interview ON salary_ranges(interview_id);
        """,
    ),
    Migration(
        4,
        "covering index for progress statistics",
        """
        CREATE INDEX practice_answers_progress
            ON practice_answers(question_id, created_at, score, rating);
        DROP INDEX practice_answers_question;
        """,
    ),
    Migration(
        5,
        "indexes on the foreign keys to stories and interviews",
        """
        CREATE INDEX practice_answers_story ON practice_answers(story_id);
        CREATE INDEX practice_sessions_interview ON practice_sessions(interview_id);
        """,
    ),
    Migration(
        6,
        "the target role in the profile and what a job posting asks for",
        """
        ALTER TABLE profile ADD COLUMN target_role TEXT NOT NULL DEFAULT '';
        ALTER TABLE interviews ADD COLUMN posting TEXT NOT NULL DEFAULT '{}'
            CHECK (json_valid(posting));
        """,
    ),
    Migration(
        7,
        "the interviewer's follow-up probes with each practice answer",
        """
        ALTER TABLE practice_answers ADD COLUMN probes TEXT NOT NULL DEFAULT '[]'
            CHECK (json_valid(probes));
        """,
    ),
    Migration(
        8,
        "the locale and current pay in the profile, for local salary conventions and spelling",
        """
        ALTER TABLE profile ADD COLUMN locale TEXT NOT NULL DEFAULT '';
        ALTER TABLE profile ADD COLUMN current_pay TEXT NOT NULL DEFAULT '';
        """,
    ),
    Migration(
        9,
        "an index for listing the latest practice sessions first",
        """
        CREATE INDEX practice_sessions_started ON practice_sessions(started_at);
        """,
    ),
)

LATEST = MIGRATIONS[-1].version

# Tables that belong to the machinery, not to the user (never exported).
INTERNAL_TABLES = frozenset({"schema_migrations"})


def statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers' BEGIN...END stay whole)."""
    result: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                result.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:60]}")
    return result


def migrate(conn: sqlite3.Connection, path: Path, target: int | None = None) -> list[int]:
    """Apply every migration above the database's version up to `target` (default: all)."""
    from prepcoach.kernel.clock import now_iso
    from prepcoach.store.db import store_error

    target = MIGRATIONS[-1].version if target is None else target
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        if _version(conn) >= migration.version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Re-read under the write lock: another process may have just done it.
                if _version(conn) >= migration.version:
                    conn.execute("ROLLBACK")
                    continue
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                for statement in statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now_iso()),
                )
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # the original error is the one to report
                raise
        except sqlite3.Error as error:
            raise StoreError(
                f"cannot upgrade {path} to schema {migration.version} ({migration.name}): "
                f"{store_error(error, path)}"
            ) from None
        applied.append(migration.version)
    return applied


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])
