"""`prep checklist [ID]`: the interview-day checklists from the content packs."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import JsonOption
from prepcoach.cli.render import esc, hanging, print_json


def checklist(
    checklist_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="One checklist, e.g. video-call-setup; default: all of them.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The interview-day checklists: video-call setup, presence and delivery, a routine for
    nerves, and what to bring. Run through them the day before and again an hour ahead.

    Example: prep checklist video-call-setup
    """
    from prepcoach.content.model import Checklist

    ctx = get_context()
    library = ctx.library()
    chosen: list[Checklist] = (
        [library.get("checklists", checklist_id)]
        if checklist_id
        else list(library.checklists.values())
    )
    from prepcoach.content.locales import spell, spelled
    from prepcoach.profile import service

    locale = service.locale(ctx.store(), library)
    chosen = [spelled(item, lambda text: spell(text, locale)) for item in chosen]
    if as_json:
        print_json([asdict(item) for item in chosen])
        return
    console = ctx.console
    if not chosen:
        console.print("No checklists are loaded; see 'prep content list'.")
        return
    for number, item in enumerate(chosen):
        if number:
            console.print()
        console.print(f"[bold]{esc(item.title)}[/bold]  [dim]({item.id})[/dim]")
        if item.description:
            hanging(console, "", esc(item.description), style="dim")
        for entry in item.items:
            # the item and its detail hang under the item's first word, clear of the box
            hanging(console, esc("  [ ] "), esc(entry.text))
            if entry.detail:
                hanging(console, "      ", esc(entry.detail), style="dim")
