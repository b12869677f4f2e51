"""`prep research COMPANY`: a guided company dossier, with sources; `show`, `edit`, `list`, `rm`.

The guided run asks section by section (mission and strategy, news, press releases,
culture, challenges with how your experience helps, competitors), one item at a time with
its sources, and saves after every item, so an interruption loses nothing. `edit` opens the
whole dossier as YAML in your editor, checked when you save.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from prepcoach.cli import prompts
from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import load_answers, read_yaml
from prepcoach.cli.options import AnswersOption, JsonOption, YesOption
from prepcoach.cli.prompts import Choice
from prepcoach.cli.render import esc, print_json
from prepcoach.cli.yaml_edit import edit_yaml, saving

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.kit.research import Dossier


class DefaultGuide(TyperGroup):
    """`prep research ACME` means `prep research guide ACME` (any word not a subcommand), and
    a subcommand typed as an option means that subcommand: `prep research --edit ACME` and
    `prep research ACME --edit` are `prep research edit ACME`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            named = [a for a in args if a.startswith("--") and a[2:] in self.commands]
            if named and "--" not in args[: args.index(named[0])]:
                args = [named[0][2:], *(a for a in args if a != named[0])]
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
    # the database modules: loaded when the command runs, not for `prep --help`
    from prepcoach.cli.kit import research_flow as flow
    from prepcoach.kit import research_service as service

    ctx = get_context()
    store = ctx.store()
    name = service.company(store, company)
    if from_file is not None:
        data = read_yaml(from_file, "dossiers")
        saved = service.replace_from(store, name, data, str(from_file))
        ctx.console.print(
            f"Saved research on {esc(saved.company)}: {service.status(saved).summary()}",
            highlight=False,
        )
        return
    ask = prompts.make_prompter(
        load_answers(answers),
        hint=f"Use --from FILE.yaml, or 'prep research edit {name}' to write it in your editor.",
    )
    dossier = service.dossier(store, name)
    if dossier.all_items() and ask.interactive:
        choice = ask.select(
            "research.mode",
            f"You have research on {name} ({service.status(dossier).summary()}).",
            [
                Choice("Add to it, section by section", "add", key="a"),
                Choice("Edit it all in your editor", "edit", key="e"),
                Choice("Show it", "show", key="s"),
            ],
            default="add",
        )
        if choice == "edit":
            _edit(ctx, dossier)
            return
        if choice == "show":
            flow.show(ctx, dossier)
            return
    flow.guided(ctx, ask, dossier)


@app.command("show")
def show(company: CompanyArgument = None, as_json: JsonOption = False) -> None:
    """Show a company's dossier, section by section, with its sources.

    Example: prep research show acme
    """
    # the database modules: loaded when the command runs, not for `prep --help`
    from prepcoach.cli.kit import research_flow as flow
    from prepcoach.kit import research_service as service

    ctx = get_context()
    dossier = service.find(ctx.store(), company)
    if as_json:
        print_json(flow.show_data(dossier))
        return
    flow.show(ctx, dossier)


@app.command("edit")
def edit(company: CompanyArgument = None) -> None:
    """Edit a company's whole dossier as YAML in your editor ($VISUAL or $EDITOR).

    The dossier is checked when you save; problems reopen the editor with them listed on
    top, and your text is kept in a draft until it is saved.

    Example: EDITOR=nano prep research edit acme
    """
    from prepcoach.kit import research_service as service  # loads the database modules

    ctx = get_context()
    store = ctx.store()
    _edit(ctx, service.dossier(store, service.company(store, company)))


def _edit(ctx: AppContext, dossier: Dossier) -> None:
    from prepcoach.kit import research_service as service  # loads the database modules

    def check(text: str, offset: int) -> tuple[Dossier | None, list[str]]:
        return service.check_edit(dossier, text, offset)

    record = service.record_id(dossier)
    again = f"prep research edit {service.command_arg(dossier.company)}"
    result = edit_yaml(
        ctx,
        kind="research",
        record_id=record,
        header=EDIT_HEADER,
        body=service.to_yaml(dossier),
        check=check,
        again=again,
    )
    if result is None:
        return
    parsed, path = result
    with saving(ctx, "research", record, path, f"run '{again}'"):
        saved = service.save_edit(ctx.store(), dossier, parsed)
    ctx.console.print(
        f"Saved research on {esc(saved.company)}: {service.status(saved).summary()}",
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
    from prepcoach.kit import research_service as service  # loads the database modules

    ctx = get_context()
    dossiers = service.list_dossiers(ctx.store())
    status = service.status
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
    from prepcoach.kit import research_service as service  # loads the database modules

    ctx = get_context()
    store = ctx.store()
    dossier = service.removal(store, company)
    if not yes:
        ask = prompts.make_prompter(hint="Add --yes to delete without being asked.")
        if not ask.confirm("research.rm", f"Delete the research on {dossier.company}?"):
            ctx.console.print("Nothing deleted.")
            return
    service.delete(store, dossier)
    ctx.console.print(f"Deleted the research on {esc(dossier.company)}", highlight=False)
