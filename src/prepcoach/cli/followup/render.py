"""What `prep followup` shows and writes: the preview and the checks, .eml files, the .ics
reminder, mailto: links, the clipboard and JSON."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.panel import Panel
from rich.text import Text

from prepcoach.cli.clipboard import copy_to_clipboard
from prepcoach.cli.render import esc, hanging, print_json
from prepcoach.followup import core
from prepcoach.followup.checks import draft_dict
from prepcoach.followup.core import send_deadline
from prepcoach.followup.message import (
    MAILTO_LIMIT,
    Reminder,
    eml_bytes,
    ics_text,
    mailto_url,
    text_file,
)
from prepcoach.followup.wording import join_names
from prepcoach.interviews.core import format_when
from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.files import atomic_write, check_target

if TYPE_CHECKING:
    from datetime import datetime

    from prepcoach.cli.context import AppContext
    from prepcoach.content.model import EmailTemplate
    from prepcoach.followup.checks import Finding
    from prepcoach.followup.core import Draft
    from prepcoach.interviews.core import Interview


def print_drafts_json(
    interview: Interview,
    template: EmailTemplate,
    drafts: list[Draft],
    findings: list[Finding],
    records: list[str],
    *,
    with_mailto: bool,
) -> None:

    items = []
    for draft, record_id in zip(drafts, records, strict=True):
        item = {"id": record_id, **draft_dict(draft, findings)}
        if with_mailto:
            item["mailto"] = mailto_url(draft)
        items.append(item)
    print_json(
        {
            "interview": interview.id,
            "template": template.id,
            "drafts": items,
            "warnings": [
                {"code": f.code, "message": f.message, "recipient": f.recipient} for f in findings
            ],
        }
    )


def report(
    ctx: AppContext,
    interview: Interview,
    template: EmailTemplate,
    drafts: list[Draft],
    findings: list[Finding],
    now: datetime,
    *,
    full: bool,
) -> None:
    """The preview (or one line per draft when it is being written to files) and the checks."""

    console = ctx.console
    for draft in drafts:
        if not full:
            console.print(
                f"• {esc(draft.recipient.label())}: '{esc(draft.subject)}', {draft.words()} words",
                highlight=False,
            )
            continue
        content = Text(f"Subject: {draft.subject}\n\n", style="bold")
        content.append(draft.body, style="")
        to = draft.recipient.label() if draft.recipient.name or draft.recipient.email else "-"
        console.print(
            Panel(
                content,
                title=Text(f"To: {to}"),
                title_align="left",
                subtitle=Text(f"{draft.words()} words"),
                subtitle_align="right",
                width=min(console.width, 80),
                padding=(1, 2),
            )
        )
    if findings:
        for finding in findings:
            who = f"{finding.recipient}: " if finding.recipient else ""
            hanging(console, "[yellow bold]![/yellow bold] ", esc(f"{who}{finding.message}"))
    else:
        console.print(Text("✓ ", style="green") + Text("Checks passed: nothing to fix."))
    deadline = send_deadline(template, interview)
    if deadline is not None and deadline > now:
        console.print(
            f"Send it by {format_when(deadline)} ({template.send_within_hours} hours after the "
            "interview).",
            highlight=False,
        )
    if full:
        console.print(
            "[dim]Send it: --eml FILE (opens in your mail program), --mailto, --copy; "
            "change it: --edit.[/dim]",
            highlight=False,
        )


def done(ctx: AppContext, message: str, quiet: bool) -> None:
    if not quiet:
        ctx.console.print(message, markup=False, highlight=False)


def recipient_paths(path: Path, drafts: list[Draft]) -> list[Path]:
    """One file per recipient: thanks.eml -> thanks-jane-doe.eml (just `path` for one)."""
    if len(drafts) == 1:
        return [path]

    paths: list[Path] = []
    for number, draft in enumerate(drafts, 1):
        ascii_name = (
            unicodedata.normalize("NFKD", draft.recipient.name).encode("ascii", "ignore").decode()
        )
        slug = "-".join("".join(c if c.isalnum() else " " for c in ascii_name).lower().split())
        candidate = path.with_name(f"{path.stem}-{slug or number}{path.suffix}")
        if candidate in paths:
            candidate = path.with_name(f"{path.stem}-{slug}-{number}{path.suffix}")
        paths.append(candidate)
    return paths


def write_eml(
    ctx: AppContext, drafts: list[Draft], path: Path, *, force: bool, now: datetime, quiet: bool
) -> None:

    paths = recipient_paths(path, drafts)
    for target in paths:  # every target checked before any is written
        check_target(target)
    if not force:
        taken = [p for p in paths if p.exists()]
        if taken:
            raise PrepError(
                f"{', '.join(map(str, taken))} already {'exists' if len(taken) == 1 else 'exist'}; "
                "add --force to replace, or choose another name"
            )
    messages = [eml_bytes(d, date=now) for d in drafts]  # every header checked before writing
    for target, data in zip(paths, messages, strict=True):
        atomic_write(target, data.decode("ascii"), overwrite=True)
        done(ctx, f"Wrote {target} (open it in your mail program to send)", quiet)


def write_ics(
    ctx: AppContext,
    interview: Interview,
    template: EmailTemplate,
    drafts: list[Draft],
    path: Path,
    *,
    force: bool,
    now: datetime,
    quiet: bool,
) -> None:

    names = join_names([d.recipient.name for d in drafts if d.recipient.name]) or "them"
    promised_text = str(drafts[0].values.get("promised_date", "")) if drafts else ""
    promised = core.promised_day(promised_text, now)
    reminders: list[Reminder] = []
    is_check_in = "promised_date" in template.required
    deadline = core.send_deadline(template, interview)
    if is_check_in and promised is not None:
        start = max(core.check_in_time(promised), now)
    else:
        start = core.reminder_time(now, deadline)
    lines = [f"{template.title}: '{drafts[0].subject}'" if drafts else template.title]
    if deadline is not None:
        lines.append(f"Send it by {format_when(deadline)}.")
    lines.append(f"Once sent: prep followup {interview.id} --sent")
    reminders.append(
        Reminder(
            summary=f"Send your email to {names} ({interview.company})",
            start=start,
            description="\n".join(lines),
        )
    )
    if promised is not None and not is_check_in:
        reminders.append(
            Reminder(
                summary=f"Check in with {interview.company} if you have not heard back",
                start=core.check_in_time(promised),
                description=(
                    f"They said you would hear back by {promised_text}. Draft the check-in "
                    f"with: prep followup {interview.id} --template check-in"
                ),
            )
        )
    atomic_write(
        path,
        ics_text(reminders, uid_seed=f"{interview.id}-{template.id}", stamp=now),
        overwrite=force,
    )
    when = ", ".join(format_when(r.start) for r in reminders)
    done(ctx, f"Wrote {path}: a calendar reminder ({when})", quiet)


def print_mailto(ctx: AppContext, drafts: list[Draft]) -> None:
    for draft in drafts:
        url = mailto_url(draft)
        typer.echo(url)  # one line, never wrapped: terminals make it clickable
        if len(url) > MAILTO_LIMIT:
            ctx.err_console.print(
                f"Note: this link is {len(url):,} characters; some mail programs cut links "
                "past about 2,000. If the body arrives cut short, use --eml instead.",
                highlight=False,
            )


def copy_drafts(ctx: AppContext, drafts: list[Draft], *, quiet: bool) -> None:
    single = len(drafts) == 1
    text = drafts[0].body if single else text_file(drafts)
    tool = copy_to_clipboard(text)
    console = ctx.err_console if quiet else ctx.console
    if tool is None:
        console.print(
            "No clipboard tool was found (install wl-clipboard, xclip or xsel), so nothing "
            "was copied. Select the text above to copy it, or write it to a file with "
            "--out FILE.",
            highlight=False,
        )
        return
    if single:
        console.print(
            f"Copied the body to the clipboard ({tool}); subject: {drafts[0].subject}",
            markup=False,
            highlight=False,
        )
    else:
        console.print(f"Copied all {len(drafts)} notes to the clipboard ({tool}).", highlight=False)
