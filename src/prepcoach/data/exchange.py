"""The whole of the data as one JSON or YAML file: what `prep export` and `prep import` do.

Loads YAML and the export machinery, so it is imported only by those two commands.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from prepcoach.store import transfer
from prepcoach.store.db import Store
from prepcoach.store.exportread import Item
from prepcoach.store.transfer import ImportReport

__all__ = [
    "FORMATS",
    "ImportReport",
    "Item",
    "export_pieces",
    "import_export",
    "read_export",
]

FORMATS = transfer.FORMATS


def export_pieces(store: Store, fmt: str, *, redact: bool = False) -> Iterator[str]:
    """The whole export as text, piece by piece, read from the database as it is written
    (`fmt`: one of FORMATS): memory stays flat however long the history."""
    return transfer.export_stream(store, fmt, redact=redact)


def read_export(path: Path, source: str | None = None) -> Iterator[Item]:
    """The export file at `path`, opened and its envelope checked (a problem names `source`,
    the path by default); its rows follow one at a time."""
    return transfer.open_export(path, source)


def import_export(store: Store, items: Iterable[Item], *, merge: bool, source: str) -> ImportReport:
    """Restore an export, read row by row, into an empty home, or merge it by id (newer edits
    win): all of it in one transaction, or nothing."""
    return transfer.import_items(store, items, merge=merge, source=source)
