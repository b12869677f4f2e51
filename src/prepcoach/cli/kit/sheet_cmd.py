"""`prep sheet [INTERVIEW]`: the one-page prep sheet, as Markdown or printable HTML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice
from prepcoach.cli.options import InterviewArgument
from prepcoach.cli.render import esc

# Written into every sheet, so a sheet can be regenerated over itself without --force.
MARK_HTML = '<meta name="generator" content="prepcoach prep sheet">'
MARK_MARKDOWN = "<!-- prepcoach prep sheet -->"


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

    from prepcoach.interviews import store as store_iv
    from prepcoach.kit.core import load_kit
    from prepcoach.kit.sheet import FORMATS, build_sheet, render

    ctx = get_context()
    check_choice("--format", fmt, FORMATS)
    if fmt is None:
        fmt = "html" if out is not None and out.suffix.lower() in (".html", ".htm") else "markdown"
    store = ctx.store()
    library = ctx.library()
    interview = store_iv.find_interview(store, query)
    from prepcoach.profile.store import get_locale

    locale = get_locale(store, library.locales)
    content = build_sheet(load_kit(store, library, interview), library, locale=locale)
    text = render(content, fmt)
    if fmt == "html":
        text = text.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{MARK_HTML}', 1)
    else:
        text = f"{MARK_MARKDOWN}\n{text}"
    if out is None:
        if fmt == "markdown" and sys.stdout.isatty():
            from rich.markdown import Markdown

            ctx.console.print(Markdown(text.split("\n", 1)[1]))
            ctx.err_console.print(
                f"[dim]Print it: prep sheet {interview.id} --out prep-sheet.html[/dim]",
                highlight=False,
            )
            return
        from prepcoach.cli.render import write_out

        write_out(text)
        return
    from prepcoach.kernel.files import atomic_write

    atomic_write(out, text, overwrite=force or _is_sheet(out))
    ctx.console.print(
        f"Wrote the prep sheet for {esc(interview.label())} to {esc(str(out))}",
        highlight=False,
    )
    if fmt == "html":
        ctx.console.print(
            "[dim]Open it in a browser and print it (one or two pages).[/dim]", highlight=False
        )


def _is_sheet(path: Path) -> bool:
    """True when `path` is missing or holds a sheet written earlier (safe to replace)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(2_000)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return MARK_HTML in head or head.startswith(MARK_MARKDOWN)
