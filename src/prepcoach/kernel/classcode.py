"""The code of the methods `dataclasses` writes for prep's records, kept between runs.

Defining a dataclass makes its `__init__`, `__repr__`, `__eq__`, `__hash__` and, frozen, its
`__setattr__` and `__delattr__` from source text, each compiled on the spot; prep defines about
a hundred records before the first question, and compiling their methods is most of what
defining them costs (tens of milliseconds, every start). `keep(folder)` has `dataclasses` take
the code compiled for the same text in an earlier run instead; the text itself is the key, so
a changed record compiles its new text and nothing else. The code is kept in one file per
Python (marshal is not portable between versions), written when a run that compiled something
new has done its work: at its first prompt, or as it ends well (a refused command writes
nothing).

A file that is cut short, damaged or from another Python fails its checksum or its version
tag and is ignored: it can cost a slower start, never a wrong method. The folder is the home's
cache folder, the user's own, as `__pycache__` is for the code of an installed package.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
import zlib
from pathlib import Path
from types import CodeType
from typing import Any

_TAG = sys.implementation.cache_tag or "python"
# what the file starts with: this Python's exact version (marshal's format follows it)
_HEADER = f"{_TAG}:{sys.hexversion:08x}".encode()[:24].ljust(24, b"\0")
_MOST = 4_000  # texts kept; past this only the ones this run used are written
_codes: dict[str, CodeType] = {}
_used: set[str] = set()
_state: dict[str, Any] = {"path": None, "new": 0}


def file_in(folder: Path) -> Path:
    return folder / f"classcode-{_TAG}.bin"


def keep(folder: Path) -> None:
    """From now on, dataclass methods compile once per text, kept in `folder` between runs
    (written by `save`)."""
    if _state["path"] is not None or "exec" in vars(dataclasses):
        return
    path = file_in(folder)
    _state["path"] = path
    _codes.update(_read(path))
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def compiled() -> int:
    """How many method texts this run compiled (none, once the file holds them all)."""
    return int(_state["new"])


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if isinstance(source, str):
        code = _codes.get(source)
        if code is None:
            # as exec(text) in `dataclasses` compiles it: no future flags of this module
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _codes[source] = code
            _state["new"] += 1
        _used.add(source)
        source = code
    exec(source, globals, locals)  # noqa: S102 - dataclasses' own exec, given its code


def _read(path: Path) -> dict[str, CodeType]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    tag, check, payload = data[:24], data[24:28], data[28:]
    if tag != _HEADER or int.from_bytes(check, "big") != zlib.crc32(payload):
        return {}
    try:
        codes = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(codes, dict):
        return {}
    return {
        text: code
        for text, code in codes.items()
        if isinstance(text, str) and isinstance(code, CodeType)
    }


def save() -> None:
    """Write the kept code if this run compiled any; a folder that is gone, or a write that
    fails, only means compiling again next time."""
    path: Path | None = _state["path"]
    if path is None or not _state["new"] or not path.parent.is_dir():
        return
    # copies first (each made in one step): a thread may define records meanwhile
    codes, used = dict(_codes), set(_used)
    kept = codes if len(codes) <= _MOST else {text: codes[text] for text in used if text in codes}
    payload = marshal.dumps(kept)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_HEADER + zlib.crc32(payload).to_bytes(4, "big") + payload)
        os.replace(tmp, path)
    except OSError:  # a read-only or full home: never an error, only a slower next start
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return
    _state["new"] = 0
