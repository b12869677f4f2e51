"""Small helpers shared by the CLI tests."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from prepcoach.cli.app import app


def invoke(*args: str, input: str | None = None) -> Result:
    """Run `prep ARGS` in-process, the way a user would type it."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
