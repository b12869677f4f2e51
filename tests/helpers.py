"""Small helpers shared by the CLI tests: `prep` run the way a user runs it."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from typer.testing import CliRunner

from prepcoach.cli.main import run


@dataclass(frozen=True)
class Run:
    """What a user sees: the exit code, stdout, stderr, and both as they were interleaved."""

    exit_code: int
    stdout: str
    stderr: str
    output: str


def run_prep(*args: str, input: str | None = None) -> Run:
    """Run `prep ARGS` in-process through the real entry point, `prepcoach.cli.main.run`:
    the exit code and the one-line errors are the ones a user gets."""
    with CliRunner().isolation(input=input) as (stdout, stderr, output):
        try:
            run(list(args))
        except SystemExit as exit_:
            code = exit_.code
        else:  # run() always exits; not exiting is a bug in it
            raise AssertionError("prepcoach.cli.main.run returned without exiting")
        sys.stdout.flush()
        sys.stderr.flush()
        texts = [stream.getvalue().decode() for stream in (stdout, stderr, output)]
    exit_code = code if isinstance(code, int) else (0 if code is None else 1)
    return Run(exit_code, *texts)


def invoke(*args: str, input: str | None = None) -> Run:
    """Run `prep ARGS` the way a user would type it (see `run_prep`)."""
    return run_prep(*args, input=input)
