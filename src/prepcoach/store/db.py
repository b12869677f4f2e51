"""The one SQLite database: opening it safely, transactions, checks and backups.

Every connection runs in WAL mode with foreign keys on, `synchronous=FULL` (a commit is on
disk before it is acknowledged) and a generous busy timeout, so two `prep` processes can work
at once: a writer waits for the other instead of failing with "database is locked". Writes
go through `Store.transaction()`, which starts with `BEGIN IMMEDIATE` (the write lock is taken
up front, so a transaction never has to be retried half-way) and commits or rolls back.

Opening refuses, without changing a byte, a file that is not a database, a database that
belongs to another program and one written by a newer prepcoach.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from prepcoach.kernel.errors import PrepError, StoreError

DB_NAME = "prep.db"
APPLICATION_ID = 0x50524550  # "PREP" in the header, so the file says whose it is
BUSY_TIMEOUT_MS = 15_000
SQLITE_MAGIC = b"SQLite format 3\x00"


def database_path(home: Path) -> Path:
    return home / DB_NAME


class Store:
    """An open database. `conn` is for reads; every write goes through `transaction()`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.read_only = False  # opened read-only: a read-only home or database file
        self.write_refusal = ""  # why writes are refused, when it is not the file's mode
        self._depth = 0
        self._identity = file_identity(path)  # (device, inode) at open: see check_same_file
        self.after_commit: list[Callable[[], None]] = []  # run after each outermost COMMIT
        # Asked, with the error, whether to try a busy or full write again (None: fail).
        self.retry: Callable[[StoreError], bool] | None = None

    @classmethod
    def open(cls, home: Path, *, migrate: bool = True) -> Store:
        """Open (creating if needed) the database in `home` and bring its schema up to date."""
        from prepcoach.store import migrations

        path = database_path(home)
        prepare_home(home)
        check_header(path)
        check_single_link(path)
        if not writable(path):
            return cls._open_read_only(path)
        _create_private(path)
        conn = connect(path)
        try:
            version = read_version(conn, path)
            if version > migrations.LATEST:
                raise StoreError(newer_message(path, version))
            configure(conn, path)
            if migrate and version < migrations.LATEST:  # up to date: nothing to look at
                migrations.migrate(conn, path)
        except StoreError as error:
            conn.close()
            if "is the disk full" not in str(error) or not path.exists():
                raise
            # A full disk: SQLite cannot even make its side files. What is saved can still
            # be read; writes say why they fail.
            try:
                store = cls._open_read_only(path)
            except StoreError:
                raise error from None
            store.write_refusal = f"{error}; free some space and try again"
            return store
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    @classmethod
    def _open_read_only(cls, path: Path) -> Store:
        """A read-only home or database: reading commands still work, writes say why not.

        `mode=ro` needs SQLite's side files (-shm) to exist or be creatable; when even that is
        impossible the file is opened as immutable (what the last checkpoint holds).
        """
        from prepcoach.store import migrations

        if not path.exists():
            raise StoreError(
                f"cannot create the database in {path.parent}: the folder is read-only; "
                "make it writable, or use another --home"
            )
        uri = path.resolve().as_uri()
        last: StoreError | None = None
        for query in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(
                    f"{uri}?{query}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
                )
            except sqlite3.Error as error:
                last = store_error(error, path)
                continue
            conn.row_factory = sqlite3.Row
            try:
                version = read_version(conn, path)
                conn.execute("PRAGMA foreign_keys = ON")
            except StoreError as error:
                conn.close()
                last = error
                continue
            if version > migrations.LATEST:
                conn.close()
                raise StoreError(newer_message(path, version))
            if version < migrations.LATEST:
                conn.close()
                raise StoreError(
                    f"{path} needs an upgrade to this version of prepcoach, and it is read-only; "
                    "make it and its folder writable, then run prep again"
                )
            store = cls(path, conn)
            store.read_only = True
            return store
        assert last is not None
        raise last

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """`BEGIN IMMEDIATE ... COMMIT`, or `ROLLBACK` on any exception.

        Nested use becomes a savepoint, so store functions can be combined in one
        transaction. sqlite3 errors leave as StoreError with a message a user can act on.
        """
        conn = self.conn
        name = f"sp{self._depth}"
        if self._depth == 0:
            if self.write_refusal:
                raise StoreError(self.write_refusal)
            self.check_same_file()
            self._retrying("BEGIN IMMEDIATE")
        else:
            try:
                conn.execute(f"SAVEPOINT {name}")
            except sqlite3.Error as error:
                raise store_error(error, self.path) from None
        self._depth += 1
        try:
            yield conn
        except BaseException as original:
            self._depth -= 1
            try:
                if self._depth == 0:
                    conn.execute("ROLLBACK")
                else:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
            except sqlite3.Error:
                pass  # the transaction is already gone (e.g. SQLite rolled it back itself)
            if isinstance(original, sqlite3.Error):
                raise store_error(original, self.path) from None
            raise
        self._depth -= 1
        try:
            if self._depth == 0:
                self._retrying("COMMIT")
            else:
                conn.execute(f"RELEASE {name}")
        except (sqlite3.Error, StoreError) as error:
            if self._depth == 0 and conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(error, StoreError):
                raise
            raise store_error(error, self.path) from None
        if self._depth == 0:
            self.checkpoint()
            for hook in self.after_commit:
                hook()

    def _retrying(self, sql: str) -> None:
        """Run BEGIN or COMMIT; while the database is busy or the disk full, ask `retry`
        (set in a terminal) whether to try again. A COMMIT is retried only while SQLite
        still holds the transaction, so a retry never saves half of it."""
        while True:
            try:
                self.conn.execute(sql)
                return
            except sqlite3.Error as error:
                failure = store_error(error, self.path)
                can_retry = retryable(error) and (sql != "COMMIT" or self.conn.in_transaction)
                if self.retry is None or not can_retry or not self.retry(failure):
                    raise failure from None

    def checkpoint(self) -> None:
        """Copy what the WAL holds into the database file, so `prep.db` alone holds every
        acknowledged write (best effort: a reader may keep part of it in the WAL a moment)."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            pass  # the commit itself is durable in the WAL; the next checkpoint copies it

    def check_same_file(self) -> None:
        """Refuse to write when the database was deleted or replaced since it was opened:
        SQLite would go on writing into the old, unlinked file, and the writes would vanish."""
        if self._identity is None:
            return
        now = file_identity(self.path)
        if now == self._identity:
            return
        what = "deleted" if now is None else "replaced by another file"
        raise StoreError(
            f"{self.path} was {what} while prep was running; nothing more was written to it. "
            "Run prep again to use the database now at that path"
        )

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_problems(self) -> list[str]:
        """What `PRAGMA integrity_check` and `foreign_key_check` find; empty when healthy."""
        return integrity_problems(self.conn)

    def backup(self, target: Path) -> Path:
        """Copy the database to `target` with SQLite's online backup (safe while in use)."""
        return backup_to(self.conn, target)

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def to_json(value: object) -> str:
    """JSON for a TEXT column: compact, Unicode kept as is."""
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def fresh_id(conn: sqlite3.Connection, table: str) -> str:
    """A new random id for `table` that is not in use yet (call inside a transaction)."""
    from prepcoach.kernel import ids

    prefix = ids.PREFIXES[table]
    while True:
        candidate = ids.new_id(prefix)
        if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (candidate,)).fetchone() is None:
            return candidate


@dataclass(frozen=True, slots=True)
class Reference:
    """Rows of `table` that point at a record, and what deleting the record does to them."""

    table: str
    count: int
    on_delete: str  # 'CASCADE' (deleted too), 'SET NULL' (kept, unlinked), ...

    @property
    def label(self) -> str:
        return f"{self.count} {self.table.replace('_', ' ')}"


def references(conn: sqlite3.Connection, table: str, record_id: str) -> list[Reference]:
    """Every row in any table whose foreign key points at `table`'s row `record_id`.

    Read from the schema, so tables added by later migrations are included.
    """
    found = []
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY rowid"
        )
    ]
    for name in names:
        for fk in conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall():
            if fk["table"] != table:
                continue
            count = conn.execute(
                f'SELECT count(*) FROM "{name}" WHERE "{fk["from"]}" = ?', (record_id,)
            ).fetchone()[0]
            if count:
                found.append(Reference(name, int(count), str(fk["on_delete"]).upper()))
    return found


def describe_references(found: list[Reference]) -> str:
    """'also deletes 1 postmortems; 2 stories stay, unlinked' (empty when nothing refers)."""
    deleted = [r.label for r in found if r.on_delete == "CASCADE"]
    kept = [r.label for r in found if r.on_delete != "CASCADE"]
    parts = []
    if deleted:
        parts.append("also deletes " + ", ".join(deleted))
    if kept:
        parts.append(", ".join(kept) + " stay, unlinked")
    return "; ".join(parts)


# ---------------------------------------------------------------------------- opening


def check_header(path: Path) -> None:
    """Refuse a file that exists, is not empty and is not an SQLite database (read only)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path} is a directory, not a database; move it away") from None
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
    if head and head != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a prepcoach database (not an SQLite file); nothing was changed. "
            "Move it away, or use another --home; " + DOCTOR_MORE
        )


DOCTOR_MORE = "'prep doctor' explains more"


SIDE_FILES = ("-wal", "-shm")


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of `path`, or None when there is no such file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def check_single_link(path: Path) -> None:
    """Refuse a database file with several hard links: SQLite finds its WAL and locks by
    name, so two homes sharing one file would each write past the other and lose data."""
    try:
        links = os.stat(path).st_nlink
    except OSError:
        return
    if links > 1:
        raise StoreError(
            f"{path} has {links} hard links (the same file is in several places); prep would "
            "lose writes through it. Give each home its own copy: cp "
            f"{path} {path}.copy && mv {path}.copy {path}"
        )


def side_files(path: Path) -> list[Path]:
    """The database's WAL and shared-memory files (they exist while it is in use)."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


def prepare_home(home: Path) -> None:
    """The home must be a folder: created private (0700), or made private if it is not."""
    from prepcoach.kernel.files import private_folder
    from prepcoach.kernel.paths import home_label

    if home.exists() and not home.is_dir():
        raise StoreError(
            f"{home_label(home)} is a file, not a folder; give a folder with --home or PREP_HOME"
        )
    if not home.exists():
        try:
            private_folder(home)
        except PrepError as error:
            reason = str(error).rsplit(": ", 1)[-1]
            raise StoreError(f"cannot create the data directory {home}: {reason}") from None
        return
    _make_private(home, 0o700)


@dataclass(frozen=True, slots=True)
class AccessProblem:
    """Something that stops prep from writing (or keeping private) its home, and the fix."""

    text: str
    advice: str
    blocking: bool = True  # False: a privacy warning, prep still works


def access_problems(home: Path) -> list[AccessProblem]:
    """Check, without changing anything, that the home is a private folder prep can write
    and that the database and its side files (-wal, -shm) can be written."""
    from prepcoach.kernel.paths import home_label

    if home.exists() and not home.is_dir():
        return [
            AccessProblem(
                f"{home_label(home)} is a file, not a folder",
                "point PREP_HOME (or --home) at a folder, or move the file away",
            )
        ]
    if not home.exists():
        return []
    found: list[AccessProblem] = []
    if _read_only_mount(home):
        return [
            AccessProblem(
                f"{home_label(home)} is on a read-only file system: prep can show your data "
                "but not save it",
                "mount it read-write, or copy the folder somewhere writable and use --home; "
                "stats, history, export and status still work meanwhile",
            )
        ]
    if not _can_create_in(home):
        found.append(
            AccessProblem(
                f"{home_label(home)} is read-only: prep can show your data but not save it",
                f"make it writable (chmod u+w {home}), or use another --home; stats, "
                "history, export and status still work meanwhile",
            )
        )
    path = database_path(home)
    for file in (path, *side_files(path)):
        try:
            info = file.stat()
        except OSError:
            continue
        owner = "" if info.st_uid == os.geteuid() else f", owned by user id {info.st_uid}"
        if not os.access(file, os.W_OK):
            if file.name.endswith("-shm"):
                advice = (
                    f"make it writable (chmod u+w {file}{' as its owner' if owner else ''}); "
                    "or, with no prep running, remove it: SQLite rebuilds it"
                )
            else:
                advice = f"make it writable: chmod u+w {file}" + (
                    f" (or sudo chown $USER {file})" if owner else ""
                )
            found.append(AccessProblem(f"{file} cannot be written (read-only{owner})", advice))
        elif info.st_mode & 0o077:
            found.append(
                AccessProblem(
                    f"{file} can be read by other users",
                    f"chmod 600 {file} (prep does this itself when it can)",
                    blocking=False,
                )
            )
    try:
        if home.stat().st_mode & 0o077:
            found.append(
                AccessProblem(
                    f"{home} can be opened by other users",
                    f"chmod 700 {home} (prep does this itself when it can)",
                    blocking=False,
                )
            )
    except OSError:
        pass
    return found


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _can_create_in(folder: Path) -> bool:
    """Whether a file can really be created in `folder` (also true for root on a chmod-ed
    folder, false on a read-only mount)."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".prep-doctor-", suffix=".tmp")
    except OSError:
        return False
    os.close(fd)
    Path(name).unlink(missing_ok=True)
    return True


def _make_private(path: Path, mode: int) -> None:
    """Take group and other access away from a file prep owns (best effort)."""
    try:
        info = path.stat()
        if info.st_mode & 0o077 and info.st_uid == os.geteuid():
            os.chmod(path, mode)
    except OSError:
        pass


def writable(path: Path) -> bool:
    """Whether the database `path`, its side files and its folder can all be written."""
    if not os.access(path.parent, os.W_OK):
        return False
    return all(not p.exists() or os.access(p, os.W_OK) for p in (path, *side_files(path)))


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (its side files take its mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        for file in (path, *side_files(path)):
            _make_private(file, 0o600)
    except OSError:
        pass  # connect() reports the real problem


def connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise store_error(error, path) from None
    conn.row_factory = sqlite3.Row
    return conn


def read_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version, after checking the file is a readable prepcoach database."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # One read transaction: another process may be creating the schema right now, and
        # its tables must not be seen without its version (or the other way round).
        conn.execute("BEGIN")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except BaseException:
            # SQLite may have ended the transaction itself (a full disk, an I/O error): its
            # error is the one to report, not "cannot commit - no transaction is active".
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise
        conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        raise store_error(error, path) from None
    except sqlite3.DatabaseError as error:
        raise StoreError(damaged_message(path, error)) from None
    if app_id not in (0, APPLICATION_ID) or (version == 0 and tables and app_id == 0):
        raise StoreError(
            f"{path} is an SQLite database of another program, not prepcoach's; nothing was "
            "changed. Move it away, or use another --home"
        )
    return version


def configure(conn: sqlite3.Connection, path: Path) -> None:
    """Foreign keys, full sync, and WAL (set once; the mode is stored in the file)."""
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        _retry_busy(lambda: _use_wal(conn))
    except sqlite3.Error as error:
        raise store_error(error, path) from None


def _use_wal(conn: sqlite3.Connection) -> None:
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL").fetchone()


def _retry_busy(action: Callable[[], None]) -> None:
    """Run `action`, retrying while the file is busy, up to the busy timeout.

    Switching a brand-new file to WAL needs the file to itself for a moment, and SQLite
    reports "locked" at once instead of waiting when another process is creating it too.
    """
    import random
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            action()
            return
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def newer_message(path: Path, version: int) -> str:
    from prepcoach.store.migrations import LATEST

    return (
        f"{path} was written by a newer version of prepcoach (database schema {version}; this "
        f"version knows up to {LATEST}); nothing was changed. Upgrade prepcoach to use it"
    )


DOCTOR_HINT = "Run 'prep doctor' to check it and see how to recover"


def damaged_message(path: Path, error: BaseException) -> str:
    return f"{path} is damaged or not a database ({error}); nothing was changed. {DOCTOR_HINT}"


def retryable(error: sqlite3.Error) -> bool:
    """A busy database or a full disk: trying again later can succeed."""
    lower = str(error).lower()
    return any(word in lower for word in ("locked", "busy", "full", "disk i/o"))


def store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """A sqlite3 error as a one-line StoreError a user can act on."""
    message = str(error)
    lower = message.lower()
    if "locked" in lower or "busy" in lower:
        return StoreError(
            f"the database {path} stayed busy for {BUSY_TIMEOUT_MS // 1000} s (another prep "
            "is writing to it); nothing was saved by this command, try again"
        )
    if "readonly" in lower or "read-only" in lower:
        return StoreError(f"cannot write {path}: the file or its folder is read-only")
    if "full" in lower or "disk i/o" in lower:
        return StoreError(f"cannot write {path}: {message} (is the disk full?)")
    if "malformed" in lower or "not a database" in lower or "corrupt" in lower:
        return StoreError(damaged_message(path, error))
    if "unable to open" in lower:
        return StoreError(f"cannot open {path}: check that its folder exists and is writable")
    return StoreError(f"database error in {path}: {message}")


# ---------------------------------------------------------------------------- checks


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    problems = [
        str(row[0])
        for row in conn.execute("PRAGMA integrity_check").fetchall()
        if str(row[0]) != "ok"
    ]
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    return problems


@dataclass(slots=True)
class Diagnosis:
    """What `inspect` found about a database file, without changing it."""

    path: Path
    exists: bool
    size: int = 0
    version: int | None = None
    latest: int = 0
    journal_mode: str = ""
    recorded: int = 0  # the highest migration recorded as applied
    problems: list[str] = field(default_factory=list)
    error: str = ""  # set when the file cannot be used at all

    @property
    def healthy(self) -> bool:
        return not self.error and not self.problems


def inspect(home: Path) -> Diagnosis:
    """Check the database in `home` read-only: header, version, integrity, foreign keys."""
    from prepcoach.store.migrations import LATEST

    path = database_path(home)
    diagnosis = Diagnosis(path=path, exists=path.exists(), latest=LATEST)
    if not diagnosis.exists:
        return diagnosis
    try:
        diagnosis.size = path.stat().st_size
        check_header(path)
    except (StoreError, OSError) as error:
        diagnosis.error = str(error)
        return diagnosis
    # `immutable` when even the side files cannot be made (a read-only home): what the last
    # checkpoint holds is checked then.
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=5)
        except sqlite3.Error as error:
            diagnosis.error = damaged_message(path, error)
            return diagnosis
        try:
            diagnosis.version = read_version(conn, path)
            diagnosis.journal_mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
        except StoreError as error:
            diagnosis.error = doctor_text(str(error))
            conn.close()
            if "cannot open" in diagnosis.error and "immutable" not in query:
                continue
            return diagnosis
        diagnosis.error = ""
        break
    try:
        diagnosis.problems = integrity_problems(conn)
        diagnosis.recorded = int(
            conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]
        )
    except sqlite3.OperationalError:  # no schema_migrations table: a brand-new file
        pass
    except sqlite3.DatabaseError as error:  # too damaged for the check to finish
        diagnosis.problems = [str(error)]
    finally:
        conn.close()
    return diagnosis


def doctor_text(message: str) -> str:
    """A message without its pointer to `prep doctor` (doctor is what is being read)."""
    for hint in (DOCTOR_HINT, DOCTOR_MORE):
        message = message.replace("; " + hint, "").replace(hint, "")
    return message.rstrip(". ")


@dataclass(frozen=True, slots=True)
class SideFinding:
    """Something beside the database worth knowing: free space, a WAL, a stale temp file."""

    text: str
    advice: str = ""
    problem: bool = False
    removable: tuple[Path, ...] = ()  # files doctor may offer to remove


LOW_SPACE_BYTES = 50 * 1024 * 1024
TEMP_PATTERNS = (".prep-*.db.*.tmp", ".prep-doctor-*.tmp")


def side_findings(home: Path) -> list[SideFinding]:
    """Free space, hard links, a leftover WAL and the temp files a killed backup leaves."""
    found: list[SideFinding] = []
    if not home.is_dir():
        return found
    path = database_path(home)
    try:
        info = os.statvfs(home)
        free = info.f_bavail * info.f_frsize
    except OSError:
        free = -1
    if 0 <= free < LOW_SPACE_BYTES:
        found.append(
            SideFinding(
                f"only {free / 1024 / 1024:.1f} MiB free on the disk of {home}: saving may fail",
                "free some space (prep keeps what you type as a draft until it can save)",
                problem=True,
            )
        )
    elif free >= 0:
        found.append(SideFinding(f"{free / 1024 / 1024 / 1024:.1f} GiB free on the disk"))
    try:
        links = os.stat(path).st_nlink
    except OSError:
        links = 1
    if links > 1:
        found.append(
            SideFinding(
                f"{path} has {links} hard links: prep refuses it (writes would be lost)",
                f"give this home its own copy: cp {path} {path}.copy && mv {path}.copy {path}",
                problem=True,
            )
        )
    wal = path.with_name(path.name + "-wal")
    try:
        wal_size = wal.stat().st_size
    except OSError:
        wal_size = 0
    if wal_size:
        found.append(
            SideFinding(
                f"{wal} holds {wal_size / 1024:.0f} KB of recent writes not yet in {path.name} "
                "(left by a crash, or another prep is running)",
                f"keep it beside {path.name}, it is part of your data; any prep command folds "
                "it in",
            )
        )
    temps = sorted(
        {
            file
            for folder in (home, home / "backups")
            for p in TEMP_PATTERNS
            for file in folder.glob(p)
        }
    )
    for temp in temps:
        try:
            size = temp.stat().st_size
        except OSError:
            continue
        found.append(
            SideFinding(
                f"{temp} ({size / 1024:.0f} KB) is left over from an interrupted backup",
                f"remove it: rm {temp}",
                problem=True,
                removable=(temp,),
            )
        )
    return found


# ---------------------------------------------------------------------------- backup


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """An online backup into a temp file beside `target`, checked, then renamed into place.

    The copy is a single self-contained file (rollback journal, not WAL), so it can be
    mailed or opened anywhere; a crash half-way leaves no partial backup behind.
    """
    from prepcoach.kernel.files import check_target

    check_target(target, overwrite=False)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as error:
        raise StoreError(f"cannot write {target}: {error.strerror or error}") from None
    tmp = Path(tmp_name)
    try:
        copy = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            copy.close()
        if result != "ok":
            raise StoreError(f"the backup copy failed its check ({result}); {target} not written")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except sqlite3.Error as error:
        tmp.unlink(missing_ok=True)
        raise store_error(error, target) from None
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
