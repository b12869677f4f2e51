"""The whole of the data as one JSON or YAML file: what `prep export` and `prep import` do.

Loads YAML and the export machinery, so it is imported only by those two commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prepcoach.store import transfer
from prepcoach.store.db import Store
from prepcoach.store.transfer import ImportReport

__all__ = [
    "FORMATS",
    "IMPORT_LIMIT",
    "ImportReport",
    "export_pieces",
    "import_export",
    "read_export",
]

FORMATS = transfer.FORMATS
IMPORT_LIMIT = transfer.IMPORT_LIMIT


def export_pieces(store: Store, fmt: str, *, redact: bool = False) -> Iterator[str]:
    """The whole export as text, piece by piece (`fmt`: one of FORMATS)."""
    return transfer.chunks(transfer.export_data(store, redact=redact), fmt)


def read_export(text: str, source: str) -> dict[str, Any]:
    """An export file's data, checked (a problem names `source`)."""
    return transfer.load(text, source)


def import_export(store: Store, data: dict[str, Any], *, merge: bool, source: str) -> ImportReport:
    """Restore `data` into an empty home, or merge it by id (newer edits win)."""
    return transfer.import_data(store, data, merge=merge, source=source)
