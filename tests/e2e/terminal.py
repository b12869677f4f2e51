"""Drive the installed `prep` in a real pseudo-terminal, the way a person types."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

ENTER = "\r"
ESC_ENTER = "\x1b\r"  # finishes a multi-line answer
CTRL_C = "\x03"


def prep_command() -> str:
    """The `prep` installed next to this Python (the venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "prep"
    if beside.exists():
        return str(beside)
    found = shutil.which("prep")
    if found is None:
        pytest.skip("the 'prep' command is not installed (pip install -e '.[test]')")
    return found


def spawn(home: Path, *args: str, timeout: float = 30, columns: int = 120, lines: int = 40) -> Any:
    """Start `prep ARGS` in a terminal (120x40 unless told) with its own home directory."""
    env = {
        **os.environ,
        "PREP_HOME": str(home),
        "PREP_CACHE": str(home.parent / "cache"),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "COLUMNS": str(columns),
        "LINES": str(lines),
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor-position requests
    }
    env.pop("CI", None)  # prompts should behave as for a person, even on CI
    child = pexpect.spawn(
        prep_command(),
        list(args),
        env=env,
        encoding="utf-8",
        timeout=timeout,
        dimensions=(lines, columns),
    )
    return child


def finish(child: Any) -> int:
    """Wait for the program to end and return its exit status."""
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0))
