"""Copying text to the system clipboard with the tool the desktop already has.

No dependency: wl-copy (Wayland), xclip or xsel (X11), pbcopy (macOS) or clip (Windows and
WSL), whichever is present. Without one, the caller says how to copy by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

TIMEOUT_SECONDS = 5


def _candidates() -> list[list[str]]:
    if sys.platform == "darwin":
        return [["pbcopy"]]
    if sys.platform == "win32":
        return [["clip"]]
    found: list[list[str]] = []
    if os.environ.get("WAYLAND_DISPLAY"):
        found.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        found += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    found.append(["clip.exe"])  # WSL: the Windows clipboard
    return found


def copy_to_clipboard(text: str) -> str | None:
    """Copy `text`; return the tool used, or None when no clipboard tool is available.

    The tool's output is not captured: xclip and wl-copy keep running in the background to
    serve the clipboard, and waiting on their output would hang.
    """
    for command in _candidates():
        path = shutil.which(command[0])
        if path is None:
            continue
        data = text.encode("utf-16" if command[0] in ("clip", "clip.exe") else "utf-8")  # clip: BOM
        try:
            result = subprocess.run(
                [path, *command[1:]],
                input=data,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if result.returncode == 0:
            return command[0]
    return None
