"""Where prepcoach keeps things: one home directory the user can move with PREP_HOME."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "prepcoach"


def default_home() -> Path:
    """The user's data directory: PREP_HOME if set, else the platform's user-data dir.

    A PREP_HOME that is set but empty is an error, not a quiet fall-back to the default.
    """
    env = os.environ.get("PREP_HOME")
    if env is not None:
        if not env.strip():
            from prepcoach.kernel.errors import PrepError

            raise PrepError("PREP_HOME is set but empty; unset it, or set it to a folder")
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def home_label(home: Path) -> str:
    """How the user named the home: "PREP_HOME '/x'" when it came from the variable."""
    env = os.environ.get("PREP_HOME")
    if env and Path(env).expanduser() == home:
        return f"PREP_HOME '{home}'"
    return f"the home '{home}'"


def cache_dir(home: Path) -> Path:
    """Disposable caches, inside the home (PREP_CACHE moves them); deleting the folder only
    costs one slower start."""
    env = os.environ.get("PREP_CACHE")
    if env:
        return Path(env).expanduser()
    return home / "cache"


def builtin_content_dir() -> Path:
    """The content shipped with the package (wheel) or the source tree (editable install)."""
    packaged = Path(__file__).parents[1] / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "content"


def user_content_dir(home: Path) -> Path:
    return home / "content"
