"""Export, import and redaction of everything in the database, table by table.

The code knows no table by name (except to find names to redact): it reads the schema, so a
table added by a later migration is exported and imported without changes here. Rows are
written in primary-key order and nothing time-dependent is added, so exporting the same data
twice gives the same bytes, and export → import → export is an identity.

Import restores into an empty home, or with `merge` upserts by primary key (ids are random
and stable across machines, see `prepcoach.kernel.ids`): a row whose local copy has a newer
`updated_at` is kept. Everything happens in one transaction with foreign keys checked at the
end, so an import either lands completely or not at all.
"""

from __future__ import annotations

import base64
import itertools
import json
import json.scanner
import operator
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prepcoach import __version__
from prepcoach.content.yamlsource import parse_yaml
from prepcoach.kernel.errors import PrepError, StoreError
from prepcoach.store.db import Store, to_json
from prepcoach.store.exportread import Item, read_export
from prepcoach.store.migrations import INTERNAL_TABLES

FORMAT = "prepcoach-export"
FORMAT_VERSION = 1
FORMATS = ("json", "yaml")


def _c_encoder(items: str, keys: str) -> Callable[[Any, int], Any] | None:
    """The C JSON encoder, made once (`json.JSONEncoder.encode` makes one per call): text
    kept as is (`ensure_ascii=False`); None where the C accelerator is missing."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has it
        return None

    def refuse(value: Any) -> Any:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    try:
        encoder: Callable[[Any, int], Any] = make(
            None, refuse, json.encoder.encode_basestring, None, keys, items, False, False, True
        )
    except TypeError:  # pragma: no cover - another signature
        return None
    return encoder


@dataclass(frozen=True, slots=True)
class TableInfo:
    name: str
    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    parents: tuple[str, ...]

    @property
    def key(self) -> tuple[str, ...]:
        """What identifies a row: the primary key, or every column if there is none."""
        return self.primary_key or self.columns


def user_tables(conn: sqlite3.Connection) -> list[TableInfo]:
    """Every table holding user data, parents before children, else in creation order."""
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )
        if r[0] not in INTERNAL_TABLES
    ]
    infos: dict[str, TableInfo] = {}
    for name in names:
        columns = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        keyed = sorted((c["pk"], c["name"]) for c in columns if c["pk"])
        parents = {str(fk["table"]) for fk in conn.execute(f'PRAGMA foreign_key_list("{name}")')}
        infos[name] = TableInfo(
            name=name,
            columns=tuple(str(c["name"]) for c in columns),
            primary_key=tuple(str(n) for _pk, n in keyed),
            parents=tuple(sorted(parents - {name})),
        )
    ordered: list[TableInfo] = []
    placed: set[str] = set()
    remaining = list(names)
    while remaining:
        ready = [
            n for n in remaining if all(p in placed or p not in infos for p in infos[n].parents)
        ]
        pick = ready[0] if ready else remaining[0]  # a cycle: keep creation order
        ordered.append(infos[pick])
        placed.add(pick)
        remaining.remove(pick)
    return ordered


# ---------------------------------------------------------------------------- export


@contextmanager
def _snapshot(store: Store) -> Iterator[list[TableInfo]]:
    """A read transaction: one consistent snapshot for the whole export; writers go on."""
    conn = store.conn
    conn.execute("BEGIN")
    try:
        yield user_tables(conn)
    finally:
        if conn.in_transaction:  # SQLite may have ended it on an I/O error: report that one
            conn.execute("COMMIT")


def _rows(conn: sqlite3.Connection, table: TableInfo) -> Iterator[dict[str, Any]]:
    """The table's rows in key order, each as export data, read from a cursor as they go.

    SQLite says with each row which of its values may need more than being copied (text
    that starts like JSON, or bytes), as one number with a bit per column; most rows of a
    long history have their values copied as they are, and the others only those values."""
    order = ", ".join(f'"{c}"' for c in table.key)
    columns = ", ".join(f'"{c}"' for c in table.columns)
    flags = " + ".join(
        f"((typeof(\"{c}\") = 'blob' OR ifnull(substr(\"{c}\", 1, 1) IN ('{{', '['), 0)) << {bit})"
        for bit, c in enumerate(table.columns)
    )
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a Row per value costs more than the export
    cursor.arraysize = 500
    names = table.columns
    width = len(names)
    encode = _encode
    picks: dict[int, tuple[int, ...]] = {}
    query = f'SELECT {columns}, {flags} FROM "{table.name}" ORDER BY {order}'
    for row in cursor.execute(query):
        mask = row[width]
        if not mask:
            yield dict(zip(names, row[:width], strict=True))
            continue
        which = picks.get(mask)
        if which is None:
            which = picks[mask] = tuple(b for b in range(width) if mask >> b & 1)
        values = list(row[:width])
        for index in which:
            values[index] = encode(values[index])
        yield dict(zip(names, values, strict=True))


def _envelope(store: Store, *, redacted: bool = False) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": store.schema_version,
        "prepcoach": __version__,
        "redacted": redacted,
    }


def export_data(store: Store, *, redact: bool = False) -> dict[str, Any]:
    """Everything in the database as plain data, from one snapshot (held whole in memory:
    for a file, `export_stream` writes the same document row by row)."""
    with _snapshot(store) as tables:
        data = _envelope(store) | {"tables": {t.name: list(_rows(store.conn, t)) for t in tables}}
    return redact_data(data) if redact else data


def export_stream(store: Store, fmt: str = "json", *, redact: bool = False) -> Iterator[str]:
    """The export as pieces of text, read from the database as they are written: memory stays
    flat however long the history. The same bytes as `dump(export_data(store), fmt)`."""
    write = _writer(fmt)
    with _snapshot(store) as tables:
        conn = store.conn
        redactor = _Redactor(lambda: _name_rows(conn, tables)) if redact else None

        def rows(table: TableInfo) -> Iterator[dict[str, Any]]:
            found = _rows(conn, table)
            if redactor is None:
                return found
            return (redactor.row(table.name, row) for row in found)

        envelope = _envelope(store, redacted=redact)
        yield from write(envelope, ((t.name, rows(t)) for t in tables))


# the C scanner, without the wrapper of `json.loads`
_SCAN = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # as to_json
_COMPACT = _c_encoder(",", ":")  # the same, without the wrapper (None: no C encoder)
# JSON with a space after its first key's colon (as `json.dumps` writes by default): never
# the canonical form, so it is text, and needs no decoding to know it.
_SPACED_JSON = re.compile(r'[\[{]*\{"(?:[^"\\]|\\.)*": ')


def _encode(value: Any) -> Any:
    """A column value for the export: JSON text in canonical form is shown as data."""
    if type(value) is str:
        if value[:1] not in ("{", "["):
            return value
        if value == "{}":
            return {}
        if value == "[]":
            return []
        if _SPACED_JSON.match(value):
            return value
        try:
            parsed, end = _SCAN(value, 0)
        except (StopIteration, ValueError):
            return value
        if end != len(value):
            return value
        canonical = (_CANONICAL(parsed) if _COMPACT is None else "".join(_COMPACT(parsed, 0))) == (
            value
        )
        if canonical and not (isinstance(parsed, dict) and set(parsed) == {"$base64"}):
            return parsed  # written back byte for byte by _decode
        return value
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    return value


def _decode(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        if len(value) == 1 and "$base64" in value:
            return base64.b64decode(value["$base64"])
        return _CANONICAL(value)
    if kind is list:
        return _CANONICAL(value)
    return value


Tables = Iterable[tuple[str, Iterable[dict[str, Any]]]]


def dump(data: dict[str, Any], fmt: str = "json") -> str:
    """The export as JSON or YAML text (both lossless)."""
    return "".join(chunks(data, fmt))


def chunks(data: dict[str, Any], fmt: str = "json") -> Iterator[str]:
    """The export of `data` as pieces of text to write one after the other.

    JSON: the envelope indented, one row per line, each row encoded by the C encoder. YAML:
    the rows written by `yamlexport` (libyaml for what it leaves), in batches.
    """
    envelope = {key: value for key, value in data.items() if key != "tables"}
    tables: dict[str, list[Any]] | None = data.get("tables")
    return _writer(fmt)(envelope, None if tables is None else tables.items())


def _writer(fmt: str) -> Callable[[dict[str, Any], Tables | None], Iterator[str]]:
    if fmt == "json":
        return _json_chunks
    if fmt == "yaml":
        return _yaml_chunks
    raise PrepError(f"unknown format '{fmt}'; use one of: {', '.join(FORMATS)}")


ROWS_PER_CHUNK = 500
_JSON = json.JSONEncoder(ensure_ascii=False).encode
_ROW = _c_encoder(", ", ": ")


def _json_chunks(envelope: dict[str, Any], tables: Tables | None) -> Iterator[str]:
    encode = _JSON
    row_encoder = _ROW
    join = "".join
    yield "{\n"
    for key, value in envelope.items():
        yield f"  {encode(key)}: {encode(value)},\n"
    yield '  "tables": {'
    first = True
    for name, rows in tables or ():
        yield f"{'' if first else ','}\n    {encode(name)}: ["
        first = False
        batch: list[str] = []
        lead = "\n      "
        for row in rows:
            batch.append(lead + (encode(row) if row_encoder is None else join(row_encoder(row, 0))))
            lead = ",\n      "
            if len(batch) >= ROWS_PER_CHUNK:
                yield "".join(batch)
                batch = []
        batch.append("]" if lead == "\n      " else "\n    ]")
        yield "".join(batch)
    yield "}\n}\n" if first else "\n  }\n}\n"


# Characters YAML treats as line breaks or that a block scalar cannot carry exactly.
_LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")
_NOT_FOR_BLOCKS = re.compile("[\r\x85\u2028\u2029\ufeff]|[ \t]\n|[ \t]$|^\n|^[ \t]")


def _yaml_chunks(envelope: dict[str, Any], tables: Tables | None) -> Iterator[str]:
    import yaml

    from prepcoach.store import yamlexport

    try:  # libyaml's emitter is many times faster on a long practice history
        base: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
    except AttributeError:  # pragma: no cover - PyYAML built without libyaml
        base = yaml.SafeDumper

    class Dumper(base):  # type: ignore[valid-type,misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True  # rows never share objects worth an anchor

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        if _NOT_FOR_BLOCKS.search(value):  # escaped in double quotes, exactly
            style: str | None = '"' if _LINE_BREAKS.search(value) else None
        else:
            style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)

    def dump(value: Any) -> str:
        return yaml.dump(value, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=2**30)

    yield f"# prepcoach export (schema {envelope.get('schema')}). Restore with: prep import FILE\n"
    if envelope:
        yield dump(envelope)
    if tables is None:
        return
    header = "tables:\n"
    for name, rows in tables:
        key = dump(name).removesuffix("\n...\n").rstrip("\n")
        found = iter(rows)
        first = next(found, None)
        if first is None:
            yield f"{header}  {key}: []\n"
            header = ""
            continue
        yield f"{header}  {key}:\n"
        header = ""
        batch: list[str] = []
        for piece in yamlexport.rows(itertools.chain((first,), found), "  ", dump):
            batch.append(piece)
            if len(batch) >= ROWS_PER_CHUNK:
                yield "".join(batch)
                batch = []
        yield "".join(batch)
    if header:
        yield "tables: {}\n"


# ---------------------------------------------------------------------------- import


def load(text: str, source: str) -> dict[str, Any]:
    """Parse an export held in memory (JSON or YAML) and check its envelope."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise PrepError(f"{source}:{error.lineno}:{error.colno}: {error.msg}") from None
    else:
        data = _load_yaml(text, source)
    if not isinstance(data, dict):
        data = {}
    _check_envelope(data, source)
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
        for rows in tables.values()
    ):
        raise PrepError(f"{source}: {_NOT_ROWS}")
    return data


_NOT_ROWS = "'tables' must map each table name to a list of rows"


def _check_envelope(envelope: dict[str, Any], source: str, *, complete: bool = True) -> None:
    """The export's format, version and schema are ones this prepcoach reads. With
    `complete=False` (the rows have begun, later entries may follow) only what is there."""
    from prepcoach.store.migrations import LATEST

    if (complete or "format" in envelope) and envelope.get("format") != FORMAT:
        raise PrepError(
            f"{source} is not a prepcoach export (it has no 'format: {FORMAT}'); "
            "make one with 'prep export'"
        )
    version = envelope.get("version")
    if (complete or "version" in envelope) and (
        not isinstance(version, int) or version > FORMAT_VERSION
    ):
        raise PrepError(
            f"{source} uses export format {version!r}, newer than this prepcoach reads "
            f"({FORMAT_VERSION}); upgrade prepcoach to import it"
        )
    schema = envelope.get("schema")
    if (complete or "schema" in envelope) and (not isinstance(schema, int) or schema > LATEST):
        raise PrepError(
            f"{source} was exported by a newer prepcoach (schema {schema!r}; this version knows "
            f"up to {LATEST}); upgrade prepcoach to import it"
        )


def _load_yaml(text: str, source: str) -> Any:
    data, problems = parse_yaml(text, kind="exports", controls=True)
    if problems:
        (line, col), message = problems[0]
        raise PrepError(f"{source}:{line}:{col}: {message}")
    return data


def open_export(path: Path, source: str | None = None) -> Iterator[Item]:
    """The export file at `path`, opened and read up to its first rows, its envelope checked
    (so a file that is no export is refused before the home is touched); the entries and rows
    follow one by one (see `exportread`)."""
    name = str(path) if source is None else source
    items = read_export(path, name)
    head: list[Item] = []
    for item in items:
        head.append(item)
        if item[0] != "key":
            break
    complete = not head or head[-1][0] == "key"
    _check_envelope({n: v for kind, n, v in head if kind == "key"}, name, complete=complete)
    return itertools.chain(head, items)


def _items(data: dict[str, Any]) -> Iterator[Item]:
    """Export data held in memory as the items `import_items` reads."""
    for key, value in data.items():
        if key != "tables":
            yield ("key", key, value)
    tables = data.get("tables")
    if not isinstance(tables, dict) or not tables:
        yield ("key", "tables", tables)
        return
    for name, rows in tables.items():
        yield ("table", name, None)
        for row in rows:
            yield ("row", name, row)


@dataclass(slots=True)
class ImportReport:
    """Rows per table: added, updated, unchanged, and kept (the local copy was newer)."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, table: str, number: int = 1) -> None:
        counts: dict[str, int] = getattr(self, what)
        counts[table] = counts.get(table, 0) + number

    def total(self, what: str) -> int:
        return sum(getattr(self, what).values())


def row_counts(store: Store) -> dict[str, int]:
    return {
        t.name: int(store.conn.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0])
        for t in user_tables(store.conn)
    }


def import_data(
    store: Store, data: dict[str, Any], *, merge: bool = False, source: str = "the file"
) -> ImportReport:
    """Write export data held in memory into the database (see `import_items`)."""
    return import_items(store, _items(data), merge=merge, source=source)


def import_file(
    store: Store, path: Path, *, merge: bool = False, source: str | None = None
) -> ImportReport:
    """Write the export file at `path` into the database, reading it row by row."""
    name = str(path) if source is None else source
    return import_items(store, open_export(path, name), merge=merge, source=name)


def import_items(
    store: Store, items: Iterable[Item], *, merge: bool = False, source: str = "the file"
) -> ImportReport:
    """Write an export, read item by item, into the database: all of it or nothing.

    Everything happens in one transaction, with foreign keys checked at its end: a problem
    anywhere in the file, or prep being stopped or killed half-way, leaves the database as it
    was (SQLite discards an unfinished transaction when the database is next opened). Rows
    for a table that was empty are inserted in batches; the others are merged one by one.
    """
    tables = {t.name: t for t in user_tables(store.conn)}
    report = ImportReport()
    envelope: dict[str, Any] = {}
    started = False
    with _bulk_load(store, tables), store.transaction() as conn:
        existing = {name: n for name, n in row_counts(store).items() if n}
        conn.execute("PRAGMA defer_foreign_keys = ON")
        rebuild = _drop_indexes(conn, [name for name in tables if name not in existing])
        writer = _RowWriter(conn, report, existing)
        info: TableInfo | None = None
        columns: frozenset[str] = frozenset()
        key: frozenset[str] = frozenset()
        number = 0
        add = writer.add
        for kind, name, value in items:
            if kind == "row":  # by far the most common item: checked first
                number += 1
                row: dict[str, Any] = value
                if columns.issuperset(row) and row.keys() >= key:
                    add(info, row)  # type: ignore[arg-type]
                    continue
                _refuse_row(source, info, row, number)
            if kind == "key":
                envelope[name] = value
                continue
            if not started:
                started = True
                _check_envelope(envelope, source, complete=False)
                _check_home(existing, envelope, merge, source)
            # a table begins
            info = tables.get(name)
            if info is None:
                raise PrepError(
                    f"{source} has a table '{name}' that this prepcoach does not know; "
                    "upgrade prepcoach to import it"
                )
            columns, key, number = frozenset(info.columns), frozenset(info.key), 0
        writer.flush()
        _check_envelope(envelope, source)
        if not started:
            if envelope.get("tables") != {}:
                raise PrepError(f"{source}: {_NOT_ROWS}")
            _check_home(existing, envelope, merge, source)
        elif envelope.get("redacted"):
            _check_home(existing, envelope, merge, source)
        for sql in rebuild:
            conn.execute(sql)
        _check_references(conn, tables)
    return report


def _refuse_row(source: str, info: TableInfo | None, row: dict[str, Any], number: int) -> None:
    """Why a row cannot be imported: a column the table does not have, or its key missing."""
    assert info is not None
    unknown = [c for c in row if c not in info.columns]
    if unknown:
        raise PrepError(
            f"{source}: {info.name} row {number} has unknown "
            f"{'column' if len(unknown) == 1 else 'columns'}: {', '.join(unknown)}"
        )
    missing = [c for c in info.key if c not in row]
    raise PrepError(f"{source}: {info.name} row {number} has no {', '.join(missing)}")


BULK_CACHE_KIB = 16 * 1024  # SQLite's page cache while an import runs (the default is 2 MiB)


@contextmanager
def _bulk_load(store: Store, tables: dict[str, TableInfo]) -> Iterator[None]:
    """Settings for writing many rows at once, put back afterwards.

    Into an empty home, the import is written with a rollback journal rather than the WAL:
    the new pages go straight into `prep.db` (a WAL would receive them first and copy them
    over at the checkpoint, writing everything twice). The one transaction stays atomic: a
    killed import leaves a journal that SQLite rolls back when the database is next opened
    (and opening puts the WAL back). When another connection has the database open, the
    journal cannot change and the WAL is used as always.
    """
    conn = store.conn
    switched = False
    empty = not any(
        conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}")').fetchone()[0] for name in tables
    )
    if empty and not conn.in_transaction and not store.read_only:
        timeout = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
        try:
            conn.execute("PRAGMA busy_timeout = 0")  # in use elsewhere: keep the WAL, at once
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()
            switched = mode is not None and str(mode[0]).lower() == "delete"
        except sqlite3.Error:
            switched = False
        finally:
            conn.execute(f"PRAGMA busy_timeout = {timeout}")
    cache = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        try:
            conn.execute(f"PRAGMA cache_size = {cache}")
            if switched:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
        except sqlite3.Error:
            pass  # opening the database next time puts the WAL back


def _drop_indexes(conn: sqlite3.Connection, names: Iterable[str]) -> list[str]:
    """Drop the plain (not unique) indexes of these empty tables, inside the import's
    transaction: building an index once at the end is much faster than keeping it up to date
    row by row. Returns the statements that create them again."""
    rebuild: list[str] = []
    for name in names:
        plain = {
            str(row[1])
            for row in conn.execute(f'PRAGMA index_list("{name}")').fetchall()
            if not row[2] and row[3] == "c"  # not unique, made by CREATE INDEX
        }
        for index, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY rowid",
            (name,),
        ).fetchall():
            if index in plain:
                conn.execute(f'DROP INDEX "{index}"')
                rebuild.append(str(sql))
    return rebuild


def _check_home(
    existing: dict[str, int], envelope: dict[str, Any], merge: bool, source: str
) -> None:
    if existing and not merge:
        # Tables, by the names the import's own report uses ("interviews: 1"): a count put
        # before a table's name would read "1 interviews".
        listed = ", ".join(f"{name}: {n:,}" for name, n in existing.items())
        raise PrepError(
            f"this home already has data ({listed}); import into an empty home "
            "(--home NEW_DIR), or add --merge to merge by id"
        )
    if existing and envelope.get("redacted"):
        raise PrepError(
            f"{source} is a redacted export; merging it would overwrite your records with "
            "masked text. Import it into an empty home instead (--home NEW_DIR)"
        )


_STRUCTURED = frozenset((dict, list))  # values written back as JSON text (or bytes)


class _RowWriter:
    """Rows into their tables: batched inserts where the table was empty, else merged."""

    BATCH = 2000

    def __init__(
        self, conn: sqlite3.Connection, report: ImportReport, existing: dict[str, int]
    ) -> None:
        self.conn = conn
        self.report = report
        self.existing = existing
        self.info: TableInfo | None = None
        self.columns: tuple[str, ...] = ()
        self.keys: frozenset[str] = frozenset()
        self.values: Callable[[dict[str, Any]], Any] = _no_values
        self.batch: list[Any] = []

    def add(self, info: TableInfo, row: dict[str, Any]) -> None:
        batch = self.batch
        if info is not self.info or row.keys() != self.keys or len(batch) >= self.BATCH:
            if info.name in self.existing:  # rows already here: merged by key, one at a time
                self.flush()
                _merge_row(self.conn, info, {k: _decode(v) for k, v in row.items()}, self.report)
                return
            self.flush()
            batch = self.batch
            self.info, self.columns, self.keys = info, tuple(row), frozenset(row)
            self.values = _getter(self.columns)
        values = self.values(row)  # the row's values in the batch's column order
        if not _STRUCTURED.isdisjoint(map(type, values)):
            values = tuple(map(_decode, values))
        batch.append(values)

    def flush(self) -> None:
        info, batch = self.info, self.batch
        if info is None or not batch:
            return
        self.batch = []
        names = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" * len(self.columns))
        conn = self.conn
        conn.execute("SAVEPOINT import_rows")
        try:
            conn.executemany(f'INSERT INTO "{info.name}" ({names}) VALUES ({marks})', batch)
        except sqlite3.IntegrityError:  # a row breaks a rule, or comes twice: row by row
            conn.execute("ROLLBACK TO import_rows")
            conn.execute("RELEASE import_rows")
            for values in batch:
                _merge_row(conn, info, dict(zip(self.columns, values, strict=True)), self.report)
            return
        conn.execute("RELEASE import_rows")
        self.report.count("added", info.name, len(batch))


def _no_values(row: dict[str, Any]) -> tuple[Any, ...]:
    return ()


def _getter(columns: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function giving a row's values for `columns`, in that order, as a tuple."""
    if len(columns) == 1:
        only = columns[0]
        return lambda row: (row[only],)
    if not columns:
        return _no_values
    return operator.itemgetter(*columns)


def _merge_row(
    conn: sqlite3.Connection, info: TableInfo, row: dict[str, Any], report: ImportReport
) -> None:
    where = " AND ".join(f'"{c}" IS ?' for c in info.key)
    key = [row[c] for c in info.key]
    current = conn.execute(f'SELECT * FROM "{info.name}" WHERE {where}', key).fetchone()
    columns = list(row)
    try:
        if current is None:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            conn.execute(
                f'INSERT INTO "{info.name}" ({names}) VALUES ({marks})', [row[c] for c in columns]
            )
            report.count("added", info.name)
            return
        if all(current[c] == row[c] for c in columns):
            report.count("unchanged", info.name)
            return
        if (
            "updated_at" in columns
            and isinstance(current["updated_at"], str)
            and isinstance(row["updated_at"], str)
            and current["updated_at"] > row["updated_at"]
        ):
            report.count("kept", info.name)
            return
        changes = ", ".join(f'"{c}" = ?' for c in columns)
        conn.execute(
            f'UPDATE "{info.name}" SET {changes} WHERE {where}', [*(row[c] for c in columns), *key]
        )
        report.count("updated", info.name)
    except sqlite3.IntegrityError as error:
        label = ", ".join(str(k) for k in key)
        raise PrepError(f"{info.name} row {label}: {error}; nothing was imported") from None


def _check_references(conn: sqlite3.Connection, tables: dict[str, TableInfo]) -> None:
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not broken:
        return
    messages = []
    for table, rowid, parent, _fk in broken[:5]:
        info = tables.get(table)
        label = str(rowid)
        if info is not None and info.primary_key:
            cols = ", ".join(f'"{c}"' for c in info.primary_key)
            found = conn.execute(
                f'SELECT {cols} FROM "{table}" WHERE rowid = ?', (rowid,)
            ).fetchone()
            if found is not None:
                label = ", ".join(str(v) for v in found)
        messages.append(f"{table} {label} refers to a {parent} row that is missing")
    more = f" (and {len(broken) - 5} more)" if len(broken) > 5 else ""
    raise StoreError("; ".join(messages) + more + "; nothing was imported")


# ---------------------------------------------------------------------------- redaction

# Columns whose values name people or companies. Besides these, by convention any column
# called `name` or `*_name` holds a person's name and any `company` or `employer` column a
# company, so tables added later are covered without a change here.
SELF_COLUMNS: dict[str, tuple[str, ...]] = {"profile": ("name",)}
PEOPLE_COLUMNS: dict[str, tuple[str, ...]] = {"interviewers": ("name",)}
COMPANY_COLUMNS: dict[str, tuple[str, ...]] = {"interviews": ("company",)}
# Figures that are private even in numbers: each is replaced by the named column of the same
# row (the salary minimum, a walk-away figure, becomes the target; the range stays valid).
PRIVATE_FIGURES: dict[str, dict[str, str]] = {"salary_ranges": {"minimum": "target"}}
_NAME_STOPWORDS = frozenset(
    "the and of for a an at de da del der den des di du la le van von bin al el "
    "inc llc ltd corp co plc gmbh ag sa bv group company holdings".split()
)
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"(?:https?://|www\.)[^\s\"'<>]+"


def redact_data(data: dict[str, Any]) -> dict[str, Any]:
    """A copy with people's names, emails, company names, links and digits in text masked.

    Identifiers (`id`, `*_id` columns), timestamps, numeric columns and JSON structure are
    kept, so a redacted export still imports (into an empty home) and shows the same shape.
    """
    tables: dict[str, list[dict[str, Any]]] = data["tables"]
    redactor = _Redactor(lambda: ((name, row) for name, rows in tables.items() for row in rows))
    redacted = {name: [redactor.row(name, row) for row in rows] for name, rows in tables.items()}
    return {**data, "redacted": True, "tables": redacted}


def _name_rows(
    conn: sqlite3.Connection, tables: list[TableInfo]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The columns of every table that name someone (and emails), in export order: what the
    redactor learns its pseudonyms from, without holding the rows."""
    for table in tables:
        wanted = [c for c in table.columns if _column_kind(table.name, c) or c in ("name", "email")]
        if not wanted:
            continue
        order = ", ".join(f'"{c}"' for c in table.key)
        columns = ", ".join(f'"{c}"' for c in wanted)
        cursor = conn.cursor()
        cursor.row_factory = None
        for row in cursor.execute(f'SELECT {columns} FROM "{table.name}" ORDER BY {order}'):
            yield table.name, dict(zip(wanted, map(_encode, row), strict=True))


def _hide_figures(table: str, row: dict[str, Any]) -> dict[str, Any]:
    for column, stand_in in PRIVATE_FIGURES.get(table, {}).items():
        if column in row and stand_in in row:
            row[column] = row[stand_in]
    return row


def _keep(column: str, value: Any) -> bool:
    return (
        not isinstance(value, str | dict | list)
        or column == "id"
        or column.endswith("_id")
        or (isinstance(value, str) and bool(_TIMESTAMP.match(value)))
    )


def _column_kind(table: str, column: str) -> str:
    """'self', 'person', 'company' or '' for what a column names."""
    if column in SELF_COLUMNS.get(table, ()):
        return "self"
    if column in PEOPLE_COLUMNS.get(table, ()) or column == "name" or column.endswith("_name"):
        return "person"
    if column in COMPANY_COLUMNS.get(table, ()) or column in ("company", "employer"):
        return "company"
    return ""


def _letters(number: int) -> str:
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


class _Redactor:
    """Consistent pseudonyms: the same person is 'Person A' everywhere, and so on."""

    def __init__(self, rows: Callable[[], Iterable[tuple[str, dict[str, Any]]]]) -> None:
        """`rows` gives every (table, row) each time it is called (the names are read in
        three passes: the candidate, people, companies; then emails)."""
        self.names: dict[str, str] = {}  # casefolded name or name token -> pseudonym
        self.emails: dict[str, str] = {}
        self.links: dict[str, str] = {}

        def collect(kind: str) -> Iterator[str]:
            for table, row in rows():
                for column, value in row.items():
                    if _column_kind(table, column) == kind and isinstance(value, str):
                        if value.strip():
                            yield value.strip()

        for name in collect("self"):
            self._add_name(name, "Candidate")
        for number, name in enumerate(dict.fromkeys(collect("person"))):
            self._add_name(name, f"Person {_letters(number)}")
        for number, name in enumerate(dict.fromkeys(collect("company"))):
            self._add_name(name, f"Company {_letters(number)}")
        for _table, row in rows():  # known people's emails get their pseudonym
            email, person = row.get("email"), row.get("name")
            if isinstance(email, str) and email and isinstance(person, str):
                pseudonym = self.names.get(person.strip().casefold(), "")
                if pseudonym:
                    local = pseudonym.lower().replace(" ", "-")
                    self.emails.setdefault(email.casefold(), f"{local}@example.com")
        alternatives = sorted(self.names, key=len, reverse=True)
        names = "|".join(re.escape(n) for n in alternatives)
        pattern = f"(?P<email>{_EMAIL})|(?P<url>{_URL})"
        if names:
            pattern += rf"|(?<!\w)(?P<name>{names})(?!\w)"
        self.pattern = re.compile(pattern, re.IGNORECASE)

    def row(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """The row with what names someone masked."""
        masked = {
            column: value if _keep(column, value) else self.value(value)
            for column, value in row.items()
        }
        return _hide_figures(table, masked)

    def _add_name(self, name: str, pseudonym: str) -> None:
        self.names.setdefault(name.casefold(), pseudonym)
        for token in re.findall(r"\w+", name):
            if len(token) >= 2 and not token.isdigit() and token.casefold() not in _NAME_STOPWORDS:
                self.names.setdefault(token.casefold(), pseudonym)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group()
        if match.group("email"):
            key = found.casefold()
            return self.emails.setdefault(
                key, f"email-{_letters(len(self.emails)).lower()}@example.com"
            )
        if match.group("url"):
            return self.links.setdefault(
                found, f"https://example.com/link-{_letters(len(self.links)).lower()}"
            )
        return self.names.get(found.casefold(), "[name]")

    def text(self, text: str) -> str:
        return re.sub(r"\d", "#", self.pattern.sub(self._replace, text))

    def value(self, value: Any) -> Any:
        if not isinstance(value, str):
            return self._walk(value)
        stripped = value.lstrip()
        if stripped[:1] in ("{", "["):
            try:
                parsed = json.loads(value)
            except ValueError:
                pass
            else:
                return to_json(self._walk(parsed))
        return self.text(value)

    def _walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return value if _TIMESTAMP.match(value) else self.text(value)
        if isinstance(value, list):
            return [self._walk(v) for v in value]
        if isinstance(value, dict):
            return {k: v if _keep(k, v) else self._walk(v) for k, v in value.items()}
        return value
