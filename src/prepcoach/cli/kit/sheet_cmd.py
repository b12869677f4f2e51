"""`prep sheet [INTERVIEW]`: the one-page prep sheet, as Markdown or printable HTML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice
from prepcoach.cli.options import InterviewArgument
from prepcoach.cli.render import esc, write_out


def sheet(
    query: InterviewArgument = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="markdown|html",
            help="Default: html for an --out ending in .html, else markdown.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write here instead of the terminal."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE even if it is not an earlier sheet.")
    ] = False,
) -> None:
    """A one-page prep sheet for an interview: print it and take it with you.

    It has the interview and interviewers, research highlights, the likely questions with
    the story for each, what to say when they offer to revisit the first conversation, your
    questions to ask, your salary range and reminders. The HTML is a single file that prints
    on one or two A4 or Letter pages.

    Example: prep sheet acme --out acme-sheet.html
    """

    from prepcoach.kit import service  # loads the database modules

    ctx = get_context()
    check_choice("--format", fmt, service.FORMATS)
    made = service.sheet(ctx.store(), ctx.library(), query, service.sheet_format(fmt, out))
    interview = made.interview
    if out is None:
        if made.fmt == "markdown" and sys.stdout.isatty():
            from rich.markdown import Markdown  # rich loads when something is printed

            ctx.console.print(Markdown(made.body))
            ctx.err_console.print(
                f"[dim]Print it: prep sheet {interview.id} --out prep-sheet.html[/dim]",
                highlight=False,
            )
            return
        write_out(made.text)
        return
    service.write_sheet(made, out, force=force)
    ctx.console.print(
        f"Wrote the prep sheet for {esc(interview.label())} to {esc(str(out))}",
        highlight=False,
    )
    if made.fmt == "html":
        ctx.console.print(
            "[dim]Open it in a browser and print it (one or two pages).[/dim]", highlight=False
        )
