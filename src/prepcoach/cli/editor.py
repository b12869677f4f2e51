"""Opening a file in the user's editor, the way git does ($VISUAL, $EDITOR, then a default)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from prepcoach.kernel.errors import PrepError

FALLBACKS = ("editor", "nano", "vim", "vi")


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value, posix=os.name != "nt")
    if sys.platform == "win32":
        return ["notepad"]
    for name in FALLBACKS:
        found = shutil.which(name)
        if found:
            return [found]
    raise PrepError("no text editor found; set EDITOR, e.g. export EDITOR=nano")


def run_editor(path: Path) -> None:
    """Wait for the editor to close `path`; a failure says where the text is kept."""
    command = [*editor_command(), str(path)]
    try:
        result = subprocess.run(command, check=False)
    except OSError as error:
        raise PrepError(
            f"cannot start the editor '{command[0]}': {error.strerror or error}; "
            f"set EDITOR to one that works (your text is kept in {path})"
        ) from None
    if result.returncode != 0:
        raise PrepError(
            f"the editor '{command[0]}' exited with code {result.returncode}; "
            f"nothing was saved (your text is kept in {path})"
        )
