"""`prep questions`: browse the question bank with filters and a fuzzy search."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel.wording import counted


def questions(
    category: Annotated[str | None, typer.Option("--category", help="e.g. behavioral.")] = None,
    competency: Annotated[str | None, typer.Option("--competency", help="e.g. conflict.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="e.g. sales.")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="first, second or final.")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Fuzzy text search.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 500,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Browse the question bank with filters."""
    from prepcoach.content.model import CATEGORIES, STAGES

    ctx = get_context()
    library = ctx.library()
    check_choice("--category", category, CATEGORIES)
    check_choice("--stage", stage, STAGES)
    check_choice("--competency", competency, tuple(library.competencies))
    check_choice("--role", role, tuple(library.roles))
    found = library.filter_questions(
        category=category, competency=competency, role=role, stage=stage
    )
    if search:
        from prepcoach.content.search import search_hint, search_questions
        from prepcoach.kernel.paths import cache_dir

        # The bank's search index is kept, and read back while its pack files are unchanged.
        kept, sources = cache_dir(ctx.home), [Path(p.path) for p in library.packs]
        found = search_questions(
            found, search, library.competencies, cache_dir=kept, sources=sources, role=role
        )
        if not found and not as_json:
            hint = search_hint(search, library.questions.values(), cache_dir=kept, sources=sources)
            from prepcoach.kernel.safetext import shorten

            ctx.console.print(
                f"No question matches {shorten(search, 60)!r}. {hint}",
                highlight=False,
                markup=False,
            )
            return
    found = found[:limit]
    if as_json:
        print_json([asdict(q) for q in found])
        return
    from rich.text import Text

    console = ctx.console
    # Printed at once (rich's cost is per print, and a bank can be long), each question's
    # text wrapped by hand so that its lines hang under its first word, not at the edge.
    width = max(20, console.width - 2)
    lines = []
    for q in found:
        tags = ", ".join(q.competencies)
        about = Text(f"{q.category}{' · ' + tags if tags else ''}")
        pad = len(q.id) + 2 if console.width - len(q.id) - 2 >= 20 else 4
        for n, line in enumerate(about.wrap(console, max(20, console.width - pad))):
            lead = f"[cyan]{esc(q.id)}[/cyan]  " if n == 0 else " " * pad
            lines.append(f"{lead}[dim]{esc(line.plain.rstrip())}[/dim]")
        for line in Text(q.text).wrap(console, width):
            lines.append(f"  {esc(line.plain.rstrip())}")
    lines.append(f"[dim]{counted(len(found), 'question')}. Details: prep content show ID[/dim]")
    console.print("\n".join(lines), highlight=False)
