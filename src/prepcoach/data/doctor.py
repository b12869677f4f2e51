"""What `prep doctor` checks, in order, without a terminal: the home folder, the database
(integrity and schema version), what lies beside it (free space, links, side files, temp
files) and the content. Each check says whether it passed and, when not, what to do, in the
order worth trying.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from prepcoach.kernel.wording import counted
from prepcoach.store.db import access_problems, inspect, side_findings

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    text: str
    advice: tuple[str, ...] = ()


def _check(ok: bool, text: str, advice: str | list[str] = "") -> Check:
    steps = [advice] if isinstance(advice, str) else advice
    return Check(ok, text, tuple(step for step in steps if step))


def checks(home: Path, load_library: Callable[[], ContentLibrary]) -> Iterator[Check]:
    """Every check of the home, the database beside it and the content, in order (each one
    run when the one before it has been taken)."""
    yield from _home_checks(home)
    yield from _content_checks(load_library)


def _home_checks(home: Path) -> Iterator[Check]:
    access = access_problems(home)
    for finding in access:
        yield _check(not finding.blocking, finding.text, finding.advice)
    blocked = any(finding.blocking for finding in access)
    if not home.exists():
        yield _check(True, f"home {home} (created on first use)")
    elif not access:
        yield _check(True, f"home {home}: a private folder prep can write")
    found = inspect(home) if home.is_dir() or not home.exists() else None
    if found is None:
        pass  # the home is not a folder: nothing more to check there
    elif not found.exists:
        yield _check(True, f"database {found.path} (created on first use)")
    elif found.error:
        # A file prep cannot write is not a damaged one: the fix above is the whole fix.
        yield _check(
            False, found.error, [] if blocked else recovery(home, found.path, damaged=False)
        )
    elif found.problems:
        shown = "; ".join(found.problems[:5])
        yield _check(
            False,
            f"database {found.path}: integrity check failed: {shown}",
            recovery(home, found.path, damaged=True),
        )
    else:
        assert found.version is not None
        newer = found.version > found.latest
        lowered = found.version < found.recorded
        advice = ""
        if newer:
            advice = "written by a newer prepcoach: upgrade prepcoach"
        elif lowered:
            advice = (
                f"its schema version was lowered from {found.recorded} (user_version changed "
                "by hand or by another tool): restore a backup, or set it back with: sqlite3 "
                f"{found.path} 'PRAGMA user_version = {found.recorded}'"
            )
        yield _check(
            not newer and not lowered,
            f"database {found.path}: integrity ok, schema {found.version} of {found.latest}, "
            f"{found.journal_mode} journal, {found.size / 1024:.0f} KB",
            advice,
        )
    for side in side_findings(home):
        yield _check(not side.problem, side.text, side.advice)


def _content_checks(load_library: Callable[[], ContentLibrary]) -> Iterator[Check]:
    try:
        library = load_library()
    except Exception as error:  # noqa: BLE001 - any content failure is a finding here
        yield _check(False, f"content: {str(error).splitlines()[0]}", "run: prep content validate")
    else:
        yield _check(
            True,
            f"content: {counted(len(library.packs), 'pack')}, "
            f"{counted(len(library.questions), 'question')}",
        )


def recovery(home: Path, path: Path, *, damaged: bool) -> list[str]:
    """What to do about a database prep cannot use, in the order worth trying."""
    backups = sorted((home / "backups").glob("prep-*.db"))
    steps = []
    if damaged:
        steps.append("first save what can be read: prep export -o rescue.json (it may still work)")
    if backups:
        steps.append(f"restore the latest backup: copy {backups[-1]} over {path}")
    else:
        steps.append(f"move {path} away (keep it) so that prep starts a new one")
    if damaged:
        steps.append(f"or try to rescue it with: sqlite3 {path} .recover | sqlite3 rescued.db")
    return steps
