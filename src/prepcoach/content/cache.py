"""The content cache: each pack file's checked items, kept so an unchanged file is not read again.

One entry per pack file, side by side in the cache folder (`HOME/cache`, or `PREP_CACHE`), so
that switching between --content packs stays warm. An entry holds the file's validated items
and what identified the file when it was read: size, mtime, ctime, inode and device, and a hash
of its text. The hash decides whenever the identity alone could mislead: a file changed within
the clock's granularity of its entry being written, or one whose identity changed but whose
size did not (a copy made with `cp -p` keeps the mtime, but never the ctime).

Every entry is signed with a key kept beside the entries (0600): an entry that was altered, cut
short or written by anything but prep fails the signature and is ignored before it is decoded,
so a tampered cache can cost a slower start, never wrong content or a crash.

The built-in packs also have one entry for them all (`content-builtins-*.bin`), holding their
merged items, so that a start with no content of the user's own reads one file instead of one
per pack. It is used only while every built-in file is the one it was written from: the same
paths in the same order, each with the same size, mtime, ctime, inode and device, none changed
within the clock's granularity of the entry being written. Anything else (an edited, touched,
copied, added, removed or renamed file) sets it aside for the per-file entries, which decide by
the content hash where the identity could mislead, and it is written again once they have.

The items are kept by column: for each kind, the list of every item's value of one field, and
the items held inside an item (a question's look-fors) as a block of their own. That decodes
into far fewer objects than one row per item, and the items are rebuilt a field at a time.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

from prepcoach import __version__
from prepcoach.content.model import (
    KINDS,
    Checklist,
    ChecklistItem,
    FormatStep,
    InterviewFormat,
    LookFor,
    Pack,
    PackInfo,
    PostmortemPrompt,
    PostmortemTemplate,
    Question,
    StarPart,
    StarTemplate,
)
from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.files import private_folder

CACHE_FORMAT = 9
CACHE_SLOTS = 64  # entries kept; the least recently written go first
RACY_NS = 2_000_000_000  # a file this close to its entry's time is checked by its content
KEY_NAME = "content.key"
_TAG = hashlib.sha256().digest_size

Identity = tuple[int, int, int, int, int]
ReadText = Callable[[Path], str]  # the file's text; raises PrepError when it cannot

# Fields holding nested dataclasses, for rebuilding items from their rows.
_NESTED: dict[type, dict[str, type]] = {
    Question: {"look_fors": LookFor},
    StarTemplate: {"parts": StarPart},
    InterviewFormat: {"steps": FormatStep},
    PostmortemTemplate: {"prompts": PostmortemPrompt},
    Checklist: {"items": ChecklistItem},
}
_HEADER = ("pack", "title", "version", "description", "source", "license")


@dataclass(frozen=True, slots=True)
class Builtins:
    """The built-in packs merged, as one entry keeps them."""

    packs: list[PackInfo]
    items: dict[str, dict[str, Any]]  # kind -> id -> item
    origins: dict[str, str]  # "kind/id" -> the pack file, as shown
    alone: bool  # the references between them were checked on these packs alone


@dataclass(frozen=True, slots=True)
class Cached:
    """A pack read back from its entry."""

    pack: Pack
    checked: bool  # the features' checks passed on it too
    digest: str  # the hash of the file's text


def identity(path: Path) -> Identity | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def entry_path(cache_dir: Path, path: Path, builtin: bool, resolved: Path | None = None) -> Path:
    """The entry of the pack file `path` (resolved, so one file has one entry; `resolved`
    when the caller has resolved it already)."""
    if resolved is None:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            resolved = path
    where = f"{resolved}\0{builtin}"
    return cache_dir / f"content-{hashlib.sha256(where.encode()).hexdigest()[:32]}.bin"


def read(
    cache_dir: Path,
    path: Path,
    builtin: bool,
    read_text: ReadText,
    resolved: Path | None = None,
) -> Cached | None:
    """The file's pack from its entry, if the entry is prep's own and the file has not
    changed since; None otherwise (a missing or stale entry only costs a full read)."""
    now = identity(path)
    if now is None:
        return None
    try:
        raw = _load(cache_dir, entry_path(cache_dir, path, builtin, resolved))
        if raw is None:
            return None
        stored = tuple(raw["identity"])
        racy = raw["written"] - max(now[1], now[2]) < RACY_NS
        if stored != now or racy:
            if stored[0] != now[0]:
                return None  # another size: changed for certain
            try:
                text = read_text(path)
            except PrepError:
                return None
            if digest(text) != raw["digest"]:
                return None
        values: dict[str, Any] = dict(zip(_HEADER, raw["header"], strict=True))
        items = raw["items"]
        for kind, cls in KINDS.items():
            block = items[kind]
            values[kind] = tuple(_decode(cls, block)) if block is not None else ()
        found = Cached(Pack(**values), raw["checked"] is True, raw["digest"])
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError, IndexError):
        return None
    if stored != now or racy:  # the text is the same: remember the file as it is now
        settled = time.time_ns() - max(now[1], now[2]) >= RACY_NS
        if stored != now or settled:
            write(cache_dir, path, builtin, now, found, resolved)
    return found


def write(
    cache_dir: Path,
    path: Path,
    builtin: bool,
    known: Identity,
    cached: Cached,
    resolved: Path | None = None,
) -> None:
    """Keep `cached` as the entry of `path`, as it was when `known` was taken of it."""
    pack = cached.pack
    raw = {
        "format": CACHE_FORMAT,
        "checked": cached.checked,
        "version": __version__,
        "identity": known,
        "digest": cached.digest,
        "written": time.time_ns(),
        "header": tuple(getattr(pack, name) for name in _HEADER),
        "items": {  # None for a kind the pack has none of (most have one or two kinds)
            kind: _encode(cls, found) if (found := getattr(pack, kind)) else None
            for kind, cls in KINDS.items()
        },
    }
    _store(cache_dir, entry_path(cache_dir, path, builtin, resolved), raw)


def builtins_path(cache_dir: Path, paths: Sequence[Path]) -> Path:
    """The one entry of the built-in packs whose first file is `paths[0]` (one per
    installation, so that two installations sharing a cache keep theirs apart)."""
    where = f"{paths[0]}\0builtins"
    return cache_dir / f"content-builtins-{hashlib.sha256(where.encode()).hexdigest()[:32]}.bin"


def read_builtins(
    cache_dir: Path, paths: Sequence[Path], known: Sequence[Identity | None], shown: Sequence[str]
) -> Builtins | None:
    """The built-in packs `paths` merged, from their one entry, if it is prep's own and was
    written from exactly these files as they are now (`known`, their identities, taken before
    anything of them was read); None otherwise, and the caller reads them one by one.

    `shown` is how each file is named to the user now (relative to the working directory
    when inside it); the entry's names are changed to them should it have been written from
    elsewhere."""
    if not paths or None in known:
        return None
    try:
        raw = _load(cache_dir, builtins_path(cache_dir, paths))
        if raw is None:
            return None
        if raw["files"] != [str(path) for path in paths]:
            return None  # a file added, removed or renamed
        if raw["identities"] != list(known):
            return None  # a file changed, touched or replaced: the per-file entries decide
        written = raw["written"]
        if any(written - max(now[1], now[2]) < RACY_NS for now in known if now is not None):
            return None  # changed within the clock's granularity of the entry: not trusted
        items: dict[str, dict[str, Any]] = {}
        blocks = raw["items"]
        for kind, cls in KINDS.items():
            block = blocks[kind]
            found = _decode(cls, block) if block is not None else []
            items[kind] = {item.id: item for item in found}
            if len(items[kind]) != len(found):
                raise ValueError("an id is repeated")
        packs = _decode(PackInfo, raw["packs"])
        origins = raw["origins"]
        if not isinstance(origins, dict):
            raise TypeError("the origins are not a mapping")
        stored = list(raw["shown"])
        if stored != list(shown):
            if len(stored) != len(shown) or len(set(stored)) != len(stored):
                return None
            renamed = dict(zip(stored, shown, strict=True))
            packs = [replace(info, path=renamed[info.path]) for info in packs]
            origins = {name: renamed[origin] for name, origin in origins.items()}
        return Builtins(packs, items, origins, raw["alone"] is True)
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError, IndexError):
        return None


def write_builtins(
    cache_dir: Path,
    paths: Sequence[Path],
    known: Sequence[Identity | None],
    shown: Sequence[str],
    builtins: Builtins,
) -> None:
    """Keep the built-in packs `paths`, merged and checked, as their one entry; `known` are
    their identities taken before they were read. Nothing is kept while a file is too recent
    for its identity to be trusted (the next start writes it)."""
    if not paths or None in known:
        return
    written = time.time_ns()
    if any(written - max(now[1], now[2]) < RACY_NS for now in known if now is not None):
        return
    raw = {
        "format": CACHE_FORMAT,
        "version": __version__,
        "written": written,
        "files": [str(path) for path in paths],
        "identities": list(known),
        "shown": list(shown),
        "alone": builtins.alone,
        "packs": _encode(PackInfo, builtins.packs),
        "items": {
            kind: _encode(cls, list(found.values())) if (found := builtins.items[kind]) else None
            for kind, cls in KINDS.items()
        },
        "origins": builtins.origins,
    }
    _store(cache_dir, builtins_path(cache_dir, paths), raw)


def _store(cache_dir: Path, target: Path, raw: dict[str, Any]) -> None:
    """Write `raw`, signed, as the entry `target` (at once: a reader sees the old entry or
    the new one), then prune the folder."""
    try:
        private_folder(cache_dir)
        key = _key(cache_dir, create=True)
        if key is None:
            return
        payload = marshal.dumps(raw)
        tmp = cache_dir / f".{target.name}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_sign(key, payload))
            handle.write(payload)
        os.replace(tmp, target)
        _prune(cache_dir)
    except (OSError, ValueError, PrepError):
        pass  # a read-only or full cache dir must never stop the user


def _load(cache_dir: Path, entry: Path) -> dict[str, Any] | None:
    """The entry's contents, if prep wrote it with this cache's key for this version."""
    key = _key(cache_dir, create=False)
    if key is None:
        return None
    data = entry.read_bytes()
    tag, payload = data[:_TAG], data[_TAG:]
    if not hmac.compare_digest(tag, _sign(key, payload)):
        return None  # altered, cut short or not prep's: never decoded
    raw = marshal.loads(payload)
    if not isinstance(raw, dict):
        return None
    if raw.get("format") != CACHE_FORMAT or raw.get("version") != __version__:
        return None
    return raw


def _sign(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


def _key(cache_dir: Path, *, create: bool) -> bytes | None:
    """This cache's signing key (32 random bytes, readable by the user only)."""
    path = cache_dir / KEY_NAME
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
        if not create:
            return None
    except OSError:
        if not create:
            return None
    key = os.urandom(32)  # a missing or damaged key: a new one (older entries no longer pass)
    try:
        tmp = cache_dir / f".{KEY_NAME}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        os.replace(tmp, path)
    except OSError:
        return None
    return key


def _prune(cache_dir: Path) -> None:
    """Keep the CACHE_SLOTS most recently written entries."""
    entries = []
    for path in cache_dir.glob("content-*.bin"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    if len(entries) > CACHE_SLOTS:
        for _written, path in sorted(entries)[: len(entries) - CACHE_SLOTS]:
            path.unlink(missing_ok=True)


# ---------------------------------------------------------------------------- columns
# A block of items of one class: {"fields": their names, "count": how many, "columns": one
# list per field}; a nested field's column holds how many items each one has, and those items
# come in one block of their own under "nested" (by the field's position).


def _encode(cls: type, items: Sequence[Any]) -> dict[str, Any]:
    names = _names(cls)
    columns = [[getattr(item, name) for item in items] for name in names]
    nested: dict[int, Any] = {}
    for name, sub in _NESTED.get(cls, {}).items():
        position = names.index(name)
        inner = [value for values in columns[position] for value in values]
        nested[position] = _encode(sub, inner)
        columns[position] = [len(values) for values in columns[position]]
    return {"fields": names, "count": len(items), "columns": columns, "nested": nested}


def _decode(cls: type, block: dict[str, Any]) -> list[Any]:
    """The items of a block, as `cls` objects; ValueError when it does not fit `cls` (an
    entry written for other fields) or its columns disagree on how many items there are."""
    names, count, columns = _names(cls), block["count"], list(block["columns"])
    if tuple(block["fields"]) != tuple(names) or len(columns) != len(names):
        raise ValueError("the entry was written for other fields")
    for name, sub in _NESTED.get(cls, {}).items():
        at = names.index(name)
        inner = _decode(sub, block["nested"][at])
        ends = list(accumulate(columns[at]))
        if (ends[-1] if ends else 0) != len(inner):
            raise ValueError("the nested items do not add up")
        starts = [end - size for end, size in zip(ends, columns[at], strict=True)]
        columns[at] = list(map(tuple, map(inner.__getitem__, map(slice, starts, ends))))
    if any(len(column) != count for column in columns):
        raise ValueError("the columns disagree on the number of items")
    setters = _setters(cls)
    if setters is None:
        return list(map(cls, *columns)) if columns else [cls() for _ in range(count)]
    items: list[Any] = list(map(object.__new__, repeat(cls, count)))
    for setter, column in zip(setters, columns, strict=True):
        deque(map(setter, items, column), maxlen=0)  # one field of every item at a time
    return items


@cache
def _names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


@cache
def _setters(cls: type) -> list[Callable[[Any, Any], None]] | None:
    """The slot setters of `cls`, to fill its items as its own __init__ would (the model's
    classes do nothing else in it) without a call of it per item; None when `cls` is not
    such a class and its __init__ must run."""
    names = _names(cls)
    if len(names) != len(getattr(cls, "__slots__", ())) or any(
        hasattr(cls, hook) for hook in ("__post_init__", "__attrs_post_init__")
    ):
        return None
    return [getattr(cls, name).__set__ for name in names]
