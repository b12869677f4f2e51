"""Where prepcoach keeps things: one home directory the user can move with PREP_HOME."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "prepcoach"


def default_home() -> Path:
    """The user's data directory: PREP_HOME if set, else the platform's user-data dir."""
    env = os.environ.get("PREP_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Disposable caches; deleting this directory only costs one slower start."""
    env = os.environ.get("PREP_CACHE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def builtin_content_dir() -> Path:
    """The content shipped with the package (wheel) or the source tree (editable install)."""
    packaged = Path(__file__).parents[1] / "_content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "content"


def user_content_dir(home: Path) -> Path:
    return home / "content"
