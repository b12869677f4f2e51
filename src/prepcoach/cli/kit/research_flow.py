"""`prep research` in the terminal: the guided run, section by section, and a dossier on
screen (the rules: kit.research_service).

Imported by the commands when they run (it loads the database modules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli.keep import say_on_interrupt
from prepcoach.cli.render import esc, hanging
from prepcoach.kernel import clock
from prepcoach.kernel.wording import counted, is_are
from prepcoach.kit import research_service as service
from prepcoach.kit.research import SECTIONS, Section, source_label, status, to_data

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.kit.research import Dossier

arg = service.command_arg


def guided(ctx: AppContext, ask: Prompter, dossier: Dossier) -> None:
    """Ask for items section by section; each item is saved as soon as it is complete."""
    if ask.interactive:
        ctx.console.print(
            f"[bold]Researching {esc(dossier.company)}[/bold]. Add what you find, one item "
            "at a time, with where you found it. Press Enter on an empty line to move on.",
            highlight=False,
        )
    say_on_interrupt(f"nothing new was saved on {dossier.company}.")
    added = 0
    for section in SECTIONS:
        dossier, count = _section(ctx, ask, dossier, section, added)
        added += count
    _summary(ctx, dossier, added)


def _section(
    ctx: AppContext, ask: Prompter, dossier: Dossier, section: Section, added: int
) -> tuple[Dossier, int]:
    """Items for one section until an empty line; the dossier and how many were added."""
    have = len(dossier.items(section.key))
    if ask.interactive:
        count = f" ({have} so far)" if have else ""
        # The title on its line, and where to look under it: a hint that wraps hangs under
        # its own first word, never back at the terminal's edge under the title.
        ctx.console.print(f"\n[bold]{section.title}[/bold]{count}", highlight=False)
        hanging(ctx.console, "  ", f"[dim]{esc(section.hint)}[/dim]")
    new = 0
    while True:
        text = ask.text(
            f"research.{section.key}",
            section.prompt if not have else "Another one? (Enter to move on)",
            validate=service.item_problem,
        ).strip()
        if not text:
            return dossier, new
        sources = ask.text(
            "research.sources",
            "  Source (URL, or e.g. 'chat with a former employee'; optional):",
            validate=service.sources_problem,
        )
        how = ""
        if service.asks_how(section.key):
            _story_hints(ctx, text)
            how = ask.text(
                "research.how_i_help",
                "  How does your experience help with this?",
                validate=service.how_problem,
            )
        dossier = service.add_item(ctx.store(), dossier, section.key, text, sources, how)
        have += 1
        new += 1
        say_on_interrupt(
            f"the {counted(added + new, 'item')} you finished {is_are(added + new)} saved on "
            f"{dossier.company} (an item "
            "is saved once its last question is answered)."
        )


def _story_hints(ctx: AppContext, text: str) -> None:
    ranked = service.story_hints(ctx.store(), text)
    if ranked:
        listed = "; ".join(f"{m.story.id} '{m.story.title}'" for m in ranked)
        ctx.console.print(f"  [dim]Stories that may show it: {esc(listed)}[/dim]", highlight=False)


def _summary(ctx: AppContext, dossier: Dossier, added: int) -> None:
    console = ctx.console
    found = status(dossier)
    if not dossier.id:  # nothing was typed and nothing existed: keep nothing
        console.print("Nothing saved: the dossier is empty.")
        return
    console.print(
        f"\nSaved {counted(added, 'new item')} on {esc(dossier.company)}; the dossier has "
        f"{found.summary()}.",
        highlight=False,
    )
    if found.done:
        console.print(
            "[green]Research done.[/green] See it with: prep research show", highlight=False
        )
    else:
        console.print(f"[yellow]Not done yet[/yellow]: {found.todo()}.", highlight=False)
    console.print(
        f"[dim]Polish it in your editor: prep research edit {arg(dossier.company)}[/dim]",
        highlight=False,
    )


def show(ctx: AppContext, dossier: Dossier) -> None:
    """The dossier section by section, with sources, then whether the research is done."""
    console = ctx.console
    found = status(dossier)
    updated = (
        f", updated {clock.humanize_delta(clock.parse_iso(dossier.updated_at))}"
        if dossier.updated_at
        else ""
    )
    console.print(
        f"[bold]{esc(dossier.company)}[/bold]  [dim]{found.summary()}{updated}[/dim]",
        highlight=False,
    )
    for section in SECTIONS:
        items = dossier.items(section.key)
        if not items:
            continue
        console.print(f"\n[bold]{section.title}[/bold]", highlight=False)
        for item in items:
            hanging(console, "  • ", esc(item.text))
            if item.how_i_help:
                console.print(
                    f"    [green]how I help:[/green] {esc(item.how_i_help)}", highlight=False
                )
            if item.sources:
                shown = ", ".join(source_label(s) if len(s) > 60 else s for s in item.sources)
                console.print(f"    [dim]source: {esc(shown)}[/dim]", highlight=False)
    if dossier.notes:
        console.print("\n[bold]Notes[/bold]")
        console.print(dossier.notes, markup=False, highlight=False)
    console.print()
    if found.done:
        console.print("[green]Research done.[/green]", highlight=False)
    else:
        missing = ", ".join(s.title.lower() for s in SECTIONS if s.key in found.missing)
        console.print(
            f"[yellow]Not done yet[/yellow]: {found.todo()}"
            + (f" (nothing yet on: {missing})" if missing else ""),
            highlight=False,
        )
    console.print(
        f"[dim]Add more: prep research {arg(dossier.company)}   "
        f"Edit: prep research edit {arg(dossier.company)}[/dim]",
        highlight=False,
    )


def show_data(dossier: Dossier) -> dict[str, Any]:
    """The dossier as `prep research show --json` prints it."""
    found = status(dossier)
    return {
        "company": dossier.company,
        "id": dossier.id,
        "updated_at": dossier.updated_at,
        **to_data(dossier),
        "done": found.done,
        "missing": list(found.missing),
    }
