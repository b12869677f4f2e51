"""`prep research COMPANY`: a guided company dossier, with sources; `show`, `edit`, `list`, `rm`.

The guided run asks section by section (mission and strategy, news, press releases,
culture, challenges with how your experience helps, competitors), one item at a time with
its sources, and saves after every item, so an interruption loses nothing. `edit` opens the
whole dossier as YAML in your editor, checked when you save.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import load_answers, read_yaml
from prepcoach.cli.options import AnswersOption, JsonOption, YesOption
from prepcoach.cli.render import esc, print_json
from prepcoach.interviews.core import match_company
from prepcoach.kernel import clock, textcheck
from prepcoach.kernel.errors import NotFoundError, PrepError

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.kit.research import Dossier
    from prepcoach.store.db import Store


class DefaultGuide(TyperGroup):
    """`prep research ACME` means `prep research guide ACME` (any word not a subcommand)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["guide", *args]
        result: list[str] = super().parse_args(ctx, args)
        return result


app = typer.Typer(
    cls=DefaultGuide,
    help=(
        "Company research for your next round: mission and strategy, recent projects and news, "
        "press releases, culture as employees describe it, the challenges they face (and how "
        "your experience helps), competitors; each item with its sources.\n\n"
        "'prep research COMPANY' starts or adds to the dossier, step by step."
    ),
    no_args_is_help=False,
)

CompanyArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[COMPANY]",
        help="The company (a loose name finds your interview's); default: the current interview's.",
        show_default=False,
    ),
]


@app.command("guide")
def guide(
    company: CompanyArgument = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from", metavar="FILE.yaml", help="Read the whole dossier from YAML (replaces it)."
        ),
    ] = None,
    answers: AnswersOption = None,
) -> None:
    """Start or add to a company's dossier, section by section, with sources.

    Example: prep research acme   (the same as: prep research guide acme)
    """

    from prepcoach.cli.prompts import make_prompter
    from prepcoach.kit import research as core
    from prepcoach.kit import research_store as store_rs

    ctx = get_context()
    store = ctx.store()
    name = _company(store, company)
    existing = store_rs.get_research(store, name)
    if from_file is not None:
        parsed, found = core.from_data(read_yaml(from_file, "dossiers"), str(from_file))
        if parsed is None:
            raise PrepError("; ".join(found))
        parsed = replace(parsed, company=parsed.company or name)
        if existing is not None:
            parsed = replace(parsed, id=existing.id)
        saved = store_rs.save_research(store, parsed)
        ctx.console.print(
            f"Saved research on {esc(saved.company)}: {core.status(saved).summary()}",
            highlight=False,
        )
        return
    ask = make_prompter(
        load_answers(answers),
        hint=f"Use --from FILE.yaml, or 'prep research edit {name}' to write it in your editor.",
    )
    dossier = existing or core.Dossier(company=name)
    if existing is not None and existing.all_items() and ask.interactive:
        from prepcoach.cli.prompts import Choice

        choice = ask.select(
            "research.mode",
            f"You have research on {name} ({core.status(existing).summary()}).",
            [
                Choice("Add to it, section by section", "add", key="a"),
                Choice("Edit it all in your editor", "edit", key="e"),
                Choice("Show it", "show", key="s"),
            ],
            default="add",
        )
        if choice == "edit":
            _edit(ctx, existing)
            return
        if choice == "show":
            _show(ctx, existing)
            return
    _guided(ctx, ask, store, dossier)


def _guided(ctx: AppContext, ask: Prompter, store: Store, dossier: Dossier) -> None:
    """Ask for items section by section; each item is saved as soon as it is complete."""
    from prepcoach.kit import research as core
    from prepcoach.kit import research_store as store_rs

    console = ctx.console
    if ask.interactive:
        console.print(
            f"[bold]Researching {esc(dossier.company)}[/bold]. Add what you find, one item "
            "at a time, with where you found it. Press Enter on an empty line to move on.",
            highlight=False,
        )
    from prepcoach.cli.keep import say_on_interrupt

    added = 0
    say_on_interrupt(f"nothing new was saved on {dossier.company}.")
    for section in core.SECTIONS:
        have = len(dossier.items(section.key))
        if ask.interactive:
            count = f" ({have} so far)" if have else ""
            console.print(
                f"\n[bold]{section.title}[/bold]{count}  [dim]{esc(section.hint)}[/dim]",
                highlight=False,
            )
        while True:
            text = ask.text(
                f"research.{section.key}",
                section.prompt if not have else "Another one? (Enter to move on)",
                validate=lambda v: textcheck.problem("the item", v, max_chars=core.ITEM_MAX),
            ).strip()
            if not text:
                break
            sources = core.merge_sources(
                ask.text(
                    "research.sources",
                    "  Source (URL, or e.g. 'chat with a former employee'; optional):",
                    validate=_sources_problem,
                )
            )
            how = ""
            if section.key == "challenges":
                _story_hints(ctx, store, text)
                how = ask.text(
                    "research.how_i_help",
                    "  How does your experience help with this?",
                    validate=lambda v: textcheck.problem(
                        "how you help", v, max_chars=core.ITEM_MAX
                    ),
                ).strip()
            dossier = store_rs.save_research(
                store, dossier.with_item(section.key, core.Item(text, sources, how))
            )
            have += 1
            added += 1
            say_on_interrupt(
                f"the {added} item(s) you finished are saved on {dossier.company} (an item is "
                "saved once its last question is answered)."
            )
    found = core.status(dossier)
    if not dossier.id:  # nothing was typed and nothing existed: keep nothing
        console.print("Nothing saved: the dossier is empty.")
        return
    console.print(
        f"\nSaved {added} new item(s) on {esc(dossier.company)}; the dossier has "
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
        f"[dim]Polish it in your editor: prep research edit {_arg(dossier.company)}[/dim]",
        highlight=False,
    )


def _sources_problem(value: str) -> str | None:
    from prepcoach.kit.research import merge_sources, source_problem

    for source in merge_sources(value):
        problem = source_problem(source)
        if problem:
            return problem
    return None


def _story_hints(ctx: AppContext, store: Store, text: str) -> None:
    """Stories from the bank that may show you can help with a challenge."""
    from prepcoach.stories import store as store_st
    from prepcoach.stories.core import match_stories

    stories = store_st.list_stories(store)
    ranked = [m for m in match_stories(stories, text) if m.text_score >= 40][:2]
    if ranked:
        listed = "; ".join(f"{m.story.id} '{m.story.title}'" for m in ranked)
        ctx.console.print(f"  [dim]Stories that may show it: {esc(listed)}[/dim]", highlight=False)


@app.command("show")
def show(company: CompanyArgument = None, as_json: JsonOption = False) -> None:
    """Show a company's dossier, section by section, with its sources.

    Example: prep research show acme
    """
    ctx = get_context()
    dossier = _find(ctx.store(), company)
    if as_json:
        from prepcoach.kit.research import status, to_data

        found = status(dossier)
        print_json(
            {
                "company": dossier.company,
                "id": dossier.id,
                "updated_at": dossier.updated_at,
                **to_data(dossier),
                "done": found.done,
                "missing": list(found.missing),
            }
        )
        return
    _show(ctx, dossier)


def _show(ctx: AppContext, dossier: Dossier) -> None:
    from prepcoach.kit.research import SECTIONS, source_label, status

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
            console.print(f"  • {esc(item.text)}", highlight=False)
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
        f"[dim]Add more: prep research {_arg(dossier.company)}   "
        f"Edit: prep research edit {_arg(dossier.company)}[/dim]",
        highlight=False,
    )


@app.command("edit")
def edit(company: CompanyArgument = None) -> None:
    """Edit a company's whole dossier as YAML in your editor ($VISUAL or $EDITOR).

    The dossier is checked when you save; problems reopen the editor with them listed on
    top, and your text is kept in a draft until it is saved.

    Example: EDITOR=nano prep research edit acme
    """
    from prepcoach.kit import research as core
    from prepcoach.kit import research_store as store_rs

    ctx = get_context()
    store = ctx.store()
    name = _company(store, company)
    dossier = store_rs.get_research(store, name) or core.Dossier(company=name)
    _edit(ctx, dossier)


def _edit(ctx: AppContext, dossier: Dossier) -> None:
    from prepcoach.cli.yaml_edit import edit_yaml, saving
    from prepcoach.kit import research as core
    from prepcoach.kit import research_store as store_rs

    def check(text: str, offset: int) -> tuple[Dossier | None, list[str]]:
        parsed, found = core.from_yaml(text, line_offset=offset)
        if parsed is None:
            return None, found
        parsed = core.normalized(replace(parsed, id=dossier.id))
        return parsed, core.problems(parsed)

    record = dossier.id or "new-" + _slug(dossier.company)
    again = f"prep research edit {_arg(dossier.company)}"
    result = edit_yaml(
        ctx,
        kind="research",
        record_id=record,
        header=EDIT_HEADER,
        body=core.to_yaml(dossier),
        check=check,
        again=again,
    )
    if result is None:
        return
    parsed, path = result
    with saving(ctx, "research", record, path, f"run '{again}'"):
        saved = store_rs.save_research(
            ctx.store(), parsed, expected_updated_at=dossier.updated_at or None
        )
    ctx.console.print(
        f"Saved research on {esc(saved.company)}: {core.status(saved).summary()}",
        highlight=False,
    )


EDIT_HEADER = """Edit the research, then save and close the editor to keep it (empty it to cancel).
Each section is a list of items. An item is a line of text, or:
  - text: What you found.
    sources: [https://example.com/where]   # or a note: 'chat with a former employee'
    how_i_help: For challenges: how your experience helps with it.
Sections: mission, news, press, culture, challenges, competitors."""


@app.command("list")
def list_dossiers(as_json: JsonOption = False) -> None:
    """List the companies you have researched and how complete each dossier is.

    Example: prep research list
    """
    from prepcoach.kit import research_store as store_rs
    from prepcoach.kit.research import status

    ctx = get_context()
    dossiers = store_rs.list_research(ctx.store())
    if as_json:
        print_json(
            [
                {"company": d.company, "done": status(d).done, "summary": status(d).summary()}
                for d in dossiers
            ]
        )
        return
    if not dossiers:
        ctx.console.print("No research yet; start with: prep research COMPANY")
        return
    for dossier in dossiers:
        found = status(dossier)
        mark = "[green]✓[/green]" if found.done else "[yellow]…[/yellow]"
        ctx.console.print(
            f"{mark} [bold]{esc(dossier.company)}[/bold]  [dim]{found.summary()}[/dim]",
            highlight=False,
        )


@app.command("rm")
def remove(
    company: Annotated[str, typer.Argument(metavar="COMPANY", help="The company's name.")],
    yes: YesOption = False,
) -> None:
    """Delete a company's research.

    Example: prep research rm acme --yes
    """
    from prepcoach.cli.prompts import make_prompter
    from prepcoach.kit import research_store as store_rs

    ctx = get_context()
    store = ctx.store()
    dossier = store_rs.find_research(store, company)
    if not yes:
        ask = make_prompter(hint="Add --yes to delete without being asked.")
        if not ask.confirm("research.rm", f"Delete the research on {dossier.company}?"):
            ctx.console.print("Nothing deleted.")
            return
    store_rs.delete_research(store, dossier.id)
    ctx.console.print(f"Deleted the research on {esc(dossier.company)}", highlight=False)


# ---------------------------------------------------------------------------- helpers


def _company(store: Store, given: str | None) -> str:
    """The company meant: the current interview's, an interview's (typed loosely), or as typed."""
    from prepcoach.interviews import store as store_iv
    from prepcoach.kit import research_store as store_rs

    if given is None or not given.strip():
        try:
            return store_iv.find_interview(store, None).company
        except NotFoundError:
            raise NotFoundError(
                "name the company, e.g. prep research ACME (without a name, research is for "
                "your next interview, and there is none yet)"
            ) from None
    problem = textcheck.problem("the company name", given, required=True)
    if problem:
        raise PrepError(problem)
    matches = match_company(store_iv.list_interviews(store), given)
    companies = {m.company for m in matches}
    if len(companies) == 1:
        return companies.pop()
    existing = store_rs.get_research(store, given)
    return existing.company if existing is not None else textcheck.clean(given, multiline=False)


def _find(store: Store, given: str | None) -> Dossier:
    from prepcoach.kit import research_store as store_rs

    name = _company(store, given)
    found = store_rs.get_research(store, name)
    if found is not None:
        return found
    if given is None:
        raise NotFoundError(f"no research on {name} yet; start with: prep research {_arg(name)}")
    return store_rs.find_research(store, given)


def _arg(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "company"
