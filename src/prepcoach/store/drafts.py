"""Unsaved edits, kept in `<home>/drafts/` until they are saved or given up.

When `prep story edit` cannot save what the user typed (invalid, the editor failed, the
story changed meanwhile), the text stays here and the next edit of the same record resumes
from it: typed text is never lost.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.kernel import clock
from prepcoach.kernel.files import atomic_write

if TYPE_CHECKING:
    import sqlite3


def draft_path(home: Path, kind: str, record_id: str) -> Path:
    return home / "drafts" / f"{kind}-{record_id}.yaml"


def save_draft(home: Path, kind: str, record_id: str, text: str) -> Path:
    return atomic_write(draft_path(home, kind, record_id), text, create_folder=True)


def load_draft(home: Path, kind: str, record_id: str) -> str | None:
    try:
        return draft_path(home, kind, record_id).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def discard_draft(home: Path, kind: str, record_id: str) -> None:
    draft_path(home, kind, record_id).unlink(missing_ok=True)


# ---------------------------------------------------------------------------- typed text
#
# Every text typed at a prompt (an answer, a STAR part, a story part, a post-mortem answer,
# notes) is kept in `<home>/drafts/typed-<key>.json` as soon as it is submitted, and what is
# still in the prompt when prep is stopped (Ctrl-C, a closed terminal, SIGTERM). The next time
# the same prompt is asked, the text is offered back. When it is removed is decided by the
# drafts service (`prepcoach.data.drafts`): once the text it holds is saved.


@dataclass(frozen=True, slots=True)
class TypedDraft:
    key: str
    prompt: str  # the prompt's stable name, e.g. "practice.answer"
    message: str  # what was asked
    text: str
    kept_at: str  # ISO time, UTC


def typed_key(prompt: str, message: str) -> str:
    return hashlib.sha256(f"{prompt}\0{message}".encode()).hexdigest()[:16]


def typed_path(home: Path, key: str) -> Path:
    return home / "drafts" / f"typed-{key}.json"


def keep_typed(home: Path, prompt: str, message: str, text: str) -> TypedDraft | None:
    """Keep `text` as typed at `prompt` (an empty text removes the draft); the draft kept."""
    key = typed_key(prompt, message)
    if not text.strip():
        typed_path(home, key).unlink(missing_ok=True)
        return None
    draft = TypedDraft(key, prompt, message, text, clock.now().isoformat(timespec="seconds"))
    record = {"prompt": prompt, "message": message, "text": text, "kept_at": draft.kept_at}
    atomic_write(typed_path(home, key), json.dumps(record, ensure_ascii=False), create_folder=True)
    return draft


def _read(file: Path) -> TypedDraft | None:
    try:
        record = json.loads(file.read_text(encoding="utf-8"))
        return TypedDraft(
            file.stem.removeprefix("typed-"),
            str(record["prompt"]),
            str(record["message"]),
            str(record["text"]),
            str(record["kept_at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def typed_draft(home: Path, prompt: str, message: str) -> TypedDraft | None:
    """The text kept for this prompt, or None."""
    return _read(typed_path(home, typed_key(prompt, message)))


def typed_drafts(home: Path) -> list[TypedDraft]:
    """Every typed draft in the home, oldest first."""
    found = [d for f in (home / "drafts").glob("typed-*.json") if (d := _read(f)) is not None]
    return sorted(found, key=lambda d: d.kept_at)


def discard_typed(home: Path, key: str) -> None:
    typed_path(home, key).unlink(missing_ok=True)


def discard_typed_many(home: Path, keys: Iterable[str]) -> None:
    for key in keys:
        discard_typed(home, key)


# ---------------------------------------------------------------------------- records
#
# A command that asks several things for one record (a salary range, a shortlist) keeps all
# its answers together in `<home>/drafts/answers-<kind>-<key>.yaml` until the record is saved.


def record_path(home: Path, kind: str, key: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in key.casefold())[:60]
    return home / "drafts" / f"answers-{kind}-{safe or 'new'}.yaml"


def save_record(path: Path, given: dict[str, list[Any]]) -> None:
    from prepcoach.content.yamlsource import dump_document

    atomic_write(path, dump_document(given), create_folder=True)


def load_record(path: Path) -> dict[str, list[Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    from prepcoach.content.yamlsource import parse_yaml

    data, problems = parse_yaml(text)
    if problems or not isinstance(data, dict):
        return {}
    return {str(k): list(v) for k, v in data.items() if isinstance(v, list)}


# ---------------------------------------------------------------------------- what was written
#
# To know when a draft's text is saved, the connection notes the rows written while there are
# drafts to look for: temporary triggers (on this connection only; nothing changes in the
# database file) record the table and rowid of each insert and update in a temporary table,
# which is transactional like the rest: a rolled-back write leaves no note. With no draft
# pending (`noting(conn, False)`), nothing is noted, so a bulk write (an import) costs nothing.

_WRITTEN = "prep_written"
_NOTING = "prep_noting"


def watch_writes(conn: sqlite3.Connection) -> bool:
    """Be ready to note the rows written through `conn` (see `noting`); False if SQLite would
    not allow it."""
    import sqlite3  # loaded only with the database

    from prepcoach.store.migrations import INTERNAL_TABLES

    try:
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_WRITTEN} (tbl TEXT, rid INTEGER)")
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_NOTING} (one INTEGER)")
        tables = [
            str(row[0])
            for row in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            if row[0] not in INTERNAL_TABLES
        ]
        for number, table in enumerate(tables):
            quoted = table.replace("'", "''")
            for event in ("INSERT", "UPDATE"):
                conn.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS prep_seen_{number}_{event.lower()} "
                    f'AFTER {event} ON main."{table}" '
                    f"WHEN EXISTS (SELECT 1 FROM temp.{_NOTING}) BEGIN INSERT INTO {_WRITTEN} "
                    f"VALUES ('{quoted}', new.rowid); END"
                )
    except sqlite3.Error:
        return False
    return True


def noting(conn: sqlite3.Connection, on: bool) -> None:
    """Note the rows written from now on (`on`), or stop noting them."""
    import sqlite3  # loaded only with the database

    try:
        conn.execute(f"DELETE FROM temp.{_NOTING}")
        if on:
            conn.execute(f"INSERT INTO temp.{_NOTING} VALUES (1)")
        else:
            conn.execute(f"DELETE FROM temp.{_WRITTEN}")
    except sqlite3.Error:
        pass  # not watched: drafts are then let go only with their record


def written_texts(conn: sqlite3.Connection) -> list[str]:
    """Every text in the rows written since the last call (inside JSON columns too); the
    notes are cleared."""
    import sqlite3  # loaded only with the database

    try:
        notes = conn.execute(f"SELECT DISTINCT tbl, rid FROM temp.{_WRITTEN}").fetchall()
        conn.execute(f"DELETE FROM temp.{_WRITTEN}")
    except sqlite3.Error:
        return []
    by_table: dict[str, list[int]] = {}
    for table, rowid in notes:
        by_table.setdefault(str(table), []).append(int(rowid))
    texts: list[str] = []
    for table, rowids in by_table.items():
        for start in range(0, len(rowids), 500):
            part = rowids[start : start + 500]
            marks = ", ".join("?" * len(part))
            cursor = conn.cursor()
            cursor.row_factory = None
            try:
                rows = cursor.execute(
                    f'SELECT * FROM main."{table}" WHERE rowid IN ({marks})', part
                ).fetchall()
            except sqlite3.Error:
                continue
            for row in rows:
                for value in row:
                    if isinstance(value, str):
                        _strings(value, texts)
    return texts


def _strings(value: str, into: list[str]) -> None:
    into.append(value)
    if value[:1] in ("{", "["):
        try:
            parsed = json.loads(value)
        except ValueError:
            return
        stack = [parsed]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                into.append(item)
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
