"""Opening the home's database and copying it, without a terminal.

- `open_store`: the user's database, opened and migrated, with what runs after each commit
  and what to ask when it is busy or the disk is full; `Store` is the handle the command
  line passes on to every feature's service;
- `backup`: a timestamped, self-contained copy of the database that never overwrites a file;
- `database_error`: what an unexpected SQLite error means for the user's database, in one line.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from prepcoach.kernel import clock
from prepcoach.kernel.errors import StoreError
from prepcoach.kernel.files import check_target, private_folder
from prepcoach.store.db import Store, database_path, store_error

__all__ = ["Backup", "Store", "backup", "database_error", "open_store"]


def open_store(
    home: Path,
    *,
    after_commit: Callable[[], None] | None = None,
    retry: Callable[[StoreError], bool] | None = None,
) -> Store:
    """The database in `home`, opened and migrated; `after_commit` runs after each commit,
    `retry` is asked whether to try again when the database is busy or the disk full."""
    store = Store.open(home)
    if after_commit is not None:
        store.after_commit.append(after_commit)
    store.retry = retry
    return store


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    size: int  # bytes
    database: Path  # what the backup restores


def backup(store: Store, home: Path, output: Path | None, now: datetime | None = None) -> Backup:
    """Copy the database to `output` (a file, or a folder), or to HOME/backups: named by the
    local time, and never over an existing file."""
    stamp = clock.local(now or clock.now()).strftime("%Y%m%d-%H%M%S")
    folder = home / "backups"
    target = folder / f"prep-{stamp}.db"
    if output is not None:
        if output.is_dir() or str(output).endswith(("/", "\\")):
            target = output / f"prep-{stamp}.db"
        else:
            check_target(output, overwrite=False)  # the file named: never another one
            target = output
    else:
        private_folder(folder)
    counter = 1
    while target.exists() or target.is_symlink():
        counter += 1
        target = target.with_name(f"prep-{stamp}-{counter}.db")
    store.backup(target)
    return Backup(target, target.stat().st_size, store.path)


def database_error(error: sqlite3.Error, home: Path) -> StoreError:
    """An SQLite error that no feature turned into a message, as one line naming the file."""
    return store_error(error, database_path(home))
