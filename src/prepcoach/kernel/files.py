"""Plain files in the home directory (user content packs, exports): written atomically.

A temp file in the same directory is renamed over the target, so a crash or a full disk
leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prepcoach.kernel.errors import PrepError


def atomic_write(path: Path, text: str, *, overwrite: bool = True) -> Path:
    """Write `text` to `path` atomically; refuse to replace an existing file unless allowed."""
    if path.exists() and not overwrite:
        raise PrepError(f"{path} already exists; choose another name or remove it first")
    with replacing(path) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    return path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temp file beside `path` for the block to write; renamed over `path` when the block
    ends, removed if it fails. An OSError becomes a PrepError naming `path`.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        try:
            yield Path(tmp)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise PrepError(f"cannot write {path}: {error.strerror or error}") from None


def user_content_path(home: Path, name: str) -> Path:
    """Where a user's own pack called `name` lives."""
    return home / "content" / f"{name}.yaml"
