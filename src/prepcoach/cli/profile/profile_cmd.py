"""`prep profile`: your name, email, phone, links and signature, for follow-ups."""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import read_text
from prepcoach.cli.options import AnswersOption, JsonOption
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel import textcheck
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
    from prepcoach.profile.store import get_profile

    app_ctx = get_context()
    current = get_profile(app_ctx.store())
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
    grid.add_row("signature", signature + ("" if current.signature else "  [dim](default)[/dim]"))
    grid.add_row("target role", esc(current.target_role) or empty)
    from prepcoach.content.locales import tag

    locale = get_context().library().locales.get(current.locale)
    grid.add_row(
        "locale",
        f"{esc(tag(locale))} ({esc(locale.name)})"
        if locale
        else "[dim]- (local salary advice and spelling: prep profile set --locale en-GB)[/dim]",
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
    from prepcoach.profile.store import get_profile, save_profile

    ctx = get_context()
    if signature is not None and signature_file is not None:
        raise PrepError("give --signature or --signature-file, not both")
    if signature_file is not None:
        signature = read_text(signature_file)
    elif signature is not None:
        signature = signature.replace("\\n", "\n")
    given = [name, email, phone, link, signature, role, locale, current_pay]
    if all(v is None for v in given) and not clear_links:
        raise PrepError(
            "nothing to change; give --name, --email, --phone, --link, --signature, --role, "
            "--locale or --current-pay"
        )
    locale_id = None
    if locale is not None:
        from prepcoach.content.locales import find_locale

        locale_id = find_locale(locale, ctx.library().locales).id if locale.strip() else ""
    target_role = None
    if role is not None:
        from prepcoach.content.roles import role_for_title

        target_role = role_for_title(role, ctx.library().roles) if role.strip() else ""
    store = ctx.store()
    current = get_profile(store)
    links = () if clear_links else current.links
    updated = replace(
        current,
        name=current.name if name is None else name,
        email=current.email if email is None else email,
        phone=current.phone if phone is None else phone,
        links=tuple(dict.fromkeys([*links, *(link or [])])),
        signature=current.signature if signature is None else signature,
        target_role=current.target_role if target_role is None else target_role,
        locale=current.locale if locale_id is None else locale_id,
        current_pay=current.current_pay if current_pay is None else current_pay,
    )
    saved = save_profile(store, updated)
    ctx.console.print("Saved your profile.")
    _show(saved)


@app.command("edit")
def edit(answers: AnswersOption = None) -> None:
    """Go through your profile field by field (Enter keeps the current value).

    Example: prep profile edit
    """
    from prepcoach.cli.inputs import prompter
    from prepcoach.profile.store import get_profile, save_profile

    ctx = get_context()
    store = ctx.store()
    current = get_profile(store)
    ask = prompter(answers, "Use 'prep profile set --name ...' to change it without prompts.")
    name = ask.text(
        "profile.name",
        "Your name:",
        default=current.name,
        validate=lambda v: textcheck.problem("your name", v),
    )
    email = ask.text(
        "profile.email",
        "Email:",
        default=current.email,
        validate=lambda v: textcheck.email_problem(v.strip()),
    )
    phone = ask.text("profile.phone", "Phone (optional):", default=current.phone)
    links = ask.text(
        "profile.links",
        "Links, separated by spaces (LinkedIn, portfolio; optional):",
        default=" ".join(current.links),
    )
    signature = ask.text(
        "profile.signature",
        "Email signature (optional; empty uses your name, phone and email):",
        default=current.signature,
        multiline=True,
    )
    saved = save_profile(
        store,
        replace(
            current,
            name=name,
            email=email,
            phone=phone,
            links=tuple(links.split()),
            signature=signature,
        ),
    )
    ctx.console.print("Saved your profile.")
    _show(saved)
