"""Plain files prep reads and writes (packs, answers files, exports, drafts): bounded and safe.

Reading: only a regular file is read, and never more than a stated limit, so a device, a
FIFO or an endless file (`/dev/zero`) is refused before a byte is read.

Writing: a temp file in the same directory is renamed over the target, so a crash or a full
disk leaves either the old file or the new one, never half of one. Only a regular file is
ever replaced (never a device, FIFO, socket or symbolic link), a missing folder is an error
rather than created on the quiet, and what prep writes is private to the user (0600).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prepcoach.kernel.errors import PrepError

MB = 1024 * 1024
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def size_label(size: int) -> str:
    """'20 MB', '512 KB'."""
    return f"{size // MB} MB" if size >= MB else f"{max(1, size // 1024)} KB"


def open_regular(path: Path) -> int:
    """A file descriptor open for reading on the regular file `path` (a folder, device, FIFO
    or socket is refused before a byte is read); the caller closes it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise PrepError(f"file not found: {path}") from None
    except OSError as error:
        raise PrepError(f"cannot read {path}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise PrepError(f"{path} is a folder; give a file")
    if not stat.S_ISREG(info.st_mode):
        raise PrepError(f"'{path}' is not a regular file; prep reads only regular files")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise PrepError(f"cannot read {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check above
        os.close(fd)
        raise PrepError(f"'{path}' is not a regular file; prep reads only regular files")
    return fd


def read_limited(path: Path, limit: int, *, what: str = "file") -> str:
    """The UTF-8 text of the regular file `path`, refusing anything larger than `limit` bytes.

    `what` names the file in messages ("content pack", "answers file"). The type is checked
    before reading, and at most `limit + 1` bytes are ever read.
    """
    fd = open_regular(path)
    try:
        if os.fstat(fd).st_size > limit:
            raise PrepError(_too_big(path, what, limit))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as error:
        raise PrepError(f"cannot read {path}: {error.strerror or error}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise PrepError(_too_big(path, what, limit))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PrepError(f"cannot read {path}: it is not UTF-8 text (line {line})") from None


def _too_big(path: Path, what: str, limit: int) -> str:
    return f"{path} is too large: a {what} may hold at most {size_label(limit)}"


def check_target(path: Path, *, overwrite: bool = True) -> None:
    """Refuse to write `path` unless it is a new or a regular file in an existing folder."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise PrepError(f"cannot write {path}: {error.strerror or error}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise PrepError(
                f"'{path}' is a symbolic link, not a regular file; prep writes only regular "
                "files (give the path it points to, or another name)"
            )
        if stat.S_ISDIR(info.st_mode):
            raise PrepError(f"'{path}' is a folder; give a file name")
        if not stat.S_ISREG(info.st_mode):
            raise PrepError(f"'{path}' is not a regular file; prep writes only regular files")
        if not overwrite:
            raise PrepError(
                f"{path} already exists; add --force to replace it, or choose another name"
            )
    parent = path.parent
    if not parent.is_dir():
        if parent.exists():
            raise PrepError(f"cannot write {path}: '{parent}' is not a folder")
        raise PrepError(f"cannot write {path}: folder '{parent}' does not exist")


def private_folder(path: Path) -> Path:
    """Create the folder `path` (and missing parents) for prep's own files, private (0700)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    try:
        for folder in reversed(missing):  # every folder prep creates is private
            folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        if not path.is_dir():
            raise FileExistsError(path)
    except FileExistsError:
        raise PrepError(f"'{path}' is a file, not a folder") from None
    except OSError as error:
        raise PrepError(f"cannot create the folder {path}: {error.strerror or error}") from None
    return path


def atomic_write(
    path: Path, text: str, *, overwrite: bool = True, create_folder: bool = False
) -> Path:
    """Write `text` to `path` atomically; refuse to replace an existing file unless allowed."""
    with replacing(path, overwrite=overwrite, create_folder=create_folder) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    return path


@contextmanager
def replacing(path: Path, *, overwrite: bool = True, create_folder: bool = False) -> Iterator[Path]:
    """A private temp file beside `path` for the block to write; renamed over `path` when the
    block ends, removed if it fails. An OSError becomes a PrepError naming `path`.

    Only a regular file is replaced; the folder must exist unless `create_folder` (for prep's
    own folders inside the home, created private).
    """
    if create_folder:
        private_folder(path.parent)
    check_target(path, overwrite=overwrite)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        try:
            yield Path(tmp)
            check_target(path, overwrite=overwrite)  # nothing was swapped in meanwhile
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise PrepError(f"cannot write {path}: {error.strerror or error}") from None


def user_content_path(home: Path, name: str) -> Path:
    """Where a user's own pack called `name` lives."""
    return home / "content" / f"{name}.yaml"
