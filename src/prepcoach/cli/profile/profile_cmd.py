"""`prep profile`: your name, email, phone, links and signature, for follow-ups."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli import inputs
from prepcoach.cli.context import get_context
from prepcoach.cli.options import AnswersOption, JsonOption
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.profile.core import Profile

app = typer.Typer(
    help=(
        "Your details (name, email, phone, links, email signature), used when prep drafts "
        "emails for you, and your locale for local salary advice. 'prep profile' shows them."
    ),
    short_help="Your name, email and signature.  e.g. prep profile set --name 'Ada Lovelace'",
    invoke_without_command=True,
)


@app.callback()
def profile(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show your profile (change it with 'prep profile set' or 'prep profile edit')."""
    if ctx.invoked_subcommand is not None:
        return
    from prepcoach.profile import service  # loads the database modules

    app_ctx = get_context()
    current = service.current(app_ctx.store())
    if as_json:
        print_json(asdict(current))
        return
    if current.is_empty():
        app_ctx.console.print(
            "Your profile is empty. Fill it in with: prep profile edit\n"
            "(or: prep profile set --name 'Ada Lovelace' --email ada@example.com)"
        )
        return
    _show(current)


def _show(current: Profile) -> None:
    from rich.table import Table

    console = get_context().console
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    empty = "[dim]-[/dim]"
    grid.add_row("name", esc(current.name) or empty)
    grid.add_row("email", esc(current.email) or empty)
    grid.add_row("phone", esc(current.phone) or empty)
    grid.add_row("links", "\n".join(esc(link) for link in current.links) or empty)
    signature = esc(current.signature_text())
    if current.signature:
        grid.add_row("signature", signature)
    elif signature:
        grid.add_row("signature", signature + "  [dim](made from your details)[/dim]")
    else:
        grid.add_row("signature", "[dim]- (made from your name, phone and email)[/dim]")
    library = get_context().library()
    role = library.roles.get(current.target_role)
    grid.add_row(
        "target role",
        # the pack a typed title was matched to, said as one, not as the title typed
        f"{esc(role.name)}  [dim](the role pack {esc(role.id)})[/dim]"
        if role
        else esc(current.target_role) or empty,
    )
    from prepcoach.content.locales import tag

    locale = library.locales.get(current.locale)
    grid.add_row(
        "locale",
        f"{esc(tag(locale))} ({esc(locale.name)})"
        if locale
        # the command on a line of its own, so that it is never cut at the edge
        else "[dim]- (for local salary advice and spelling:\n"
        "  prep profile set --locale en-GB)[/dim]",
    )
    if current.current_pay:
        grid.add_row("current pay", esc(current.current_pay) + "  [dim](private)[/dim]")
    console.print(grid)


@app.command("set")
def set_fields(
    name: Annotated[str | None, typer.Option("--name", help="Your name.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Your email address.")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Your phone number.")] = None,
    link: Annotated[
        list[str] | None,
        typer.Option("--link", metavar="URL", help="A link (LinkedIn, portfolio); repeatable."),
    ] = None,
    clear_links: Annotated[
        bool, typer.Option("--clear-links", help="Remove the saved links first.")
    ] = False,
    signature: Annotated[
        str | None,
        typer.Option("--signature", help="Email signature; '\\n' starts a new line."),
    ] = None,
    signature_file: Annotated[
        Path | None, typer.Option("--signature-file", help="Read the signature from a file.")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role", help="The job you are preparing for (a title or role pack); '' clears."
        ),
    ] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale",
            help="Where you apply: en-GB, en-US, de-DE... or a country (India); '' clears.",
        ),
    ] = None,
    current_pay: Annotated[
        str | None,
        typer.Option(
            "--current-pay",
            help="What you earn now, as you would say it (India: your current CTC); '' clears.",
        ),
    ] = None,
) -> None:
    """Change some fields of your profile; the others stay as they are.

    Example: prep profile set --name "Ada Lovelace" --email ada@example.com --link
    https://linkedin.com/in/ada
    """
    from prepcoach.profile import service  # loads the database modules

    ctx = get_context()
    if signature is not None and signature_file is not None:
        raise PrepError("give --signature or --signature-file, not both")
    if signature_file is not None:
        signature = inputs.read_text(signature_file)
    elif signature is not None:
        signature = signature.replace("\\n", "\n")
    changes = service.ProfileChanges(
        name=name,
        email=email,
        phone=phone,
        links=tuple(link) if link is not None else None,
        clear_links=clear_links,
        signature=signature,
        role=role,
        locale=locale,
        current_pay=current_pay,
    )
    library = ctx.library() if role is not None or locale is not None else None
    saved = service.change(ctx.store(), library, changes)
    ctx.console.print("Saved your profile.")
    _show(saved)


@app.command("edit")
def edit(answers: AnswersOption = None) -> None:
    """Go through your profile field by field (Enter keeps the current value).

    Example: prep profile edit
    """
    from prepcoach.profile import service  # loads the database modules

    ctx = get_context()
    store = ctx.store()
    ask = inputs.prompter(
        answers, "Use 'prep profile set --name ...' to change it without prompts."
    )
    given = {
        field.key: ask.text(
            field.key,
            field.message,
            default=field.default,
            validate=field.validate,
            multiline=field.multiline,
        )
        for field in service.fields(service.current(store))
    }
    saved = service.save_answers(store, given)
    ctx.console.print("Saved your profile.")
    _show(saved)
