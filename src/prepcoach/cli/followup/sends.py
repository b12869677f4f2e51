"""The side doors of `prep followup`: the email templates (`--list-templates`), recording a
send (`--sent`) and listing them (`prep followup sent`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from prepcoach.cli.render import esc, print_json
from prepcoach.followup import service
from prepcoach.kernel import clock
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from datetime import datetime

    from prepcoach.cli.context import AppContext
    from prepcoach.data.service import Store
    from prepcoach.followup.service import FollowupRecord
    from prepcoach.interviews.core import Interview


def list_templates(ctx: AppContext, as_json: bool) -> None:
    library = ctx.library()
    templates = list(library.email_templates.values())
    if as_json:
        print_json(
            [
                {
                    "id": t.id,
                    "title": t.title,
                    "purpose": t.purpose,
                    "when": t.when,
                    "required": list(t.required),
                    "optional": list(t.optional),
                    "per_interviewer": t.per_interviewer,
                    "send_within_hours": t.send_within_hours,
                    "file": library.origins.get(f"email_templates/{t.id}", ""),
                }
                for t in templates
            ]
        )
        return
    if not templates:
        ctx.console.print("No email templates are loaded; see 'prep content list'.")
        return
    table = Table(title=f"{len(templates)} email templates", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("what and when")
    table.add_column("needs")
    for t in templates:
        about = Text(t.title, style="bold")
        about.append(f"\n{t.when}", style="dim")
        needs = ", ".join(t.required) + (" (one note per interviewer)" if t.per_interviewer else "")
        table.add_row(t.id, about, needs)
    ctx.console.print(table)
    ctx.console.print(
        "[dim]Use one: prep followup --template ID.  Add your own: an 'email_templates' list in "
        "a pack in your content folder (see 'prep content new').[/dim]",
        highlight=False,
    )


def names_a_draft(query: str | None) -> bool:
    """Whether the argument names a draft (`fu-...`) rather than an interview."""
    return service.is_draft_ref(query)


def record_send(
    ctx: AppContext,
    store: Store,
    interview_ref: str | None,
    template_id: str | None,
    to: str | None,
    as_json: bool,
    *,
    sent: bool,
    unsend: bool,
    now: datetime,
) -> None:
    """`--sent` and `--unsend`, of the interview's drafts or of the draft named."""
    draft = None
    if interview_ref is not None and service.is_draft_ref(interview_ref):
        draft = service.draft_by_id(store, interview_ref)
    if draft is not None and not (sent or unsend):
        raise typer.BadParameter(
            f"{draft.id} is a draft: add --sent to record it as sent, or --unsend to take a send "
            "back",
            param_hint="INTERVIEW",
        )
    if draft is not None:
        if draft.interview_id is None:
            raise PrepError(f"the interview of {draft.id} was deleted")
        interview = service.interview_for(store, draft.interview_id, now)
    else:
        interview = service.interview_for(store, interview_ref, now)
    if sent and unsend:
        raise typer.BadParameter("--sent and --unsend go one at a time", param_hint="--unsend")
    if unsend:
        back = service.unmark_sent(store, interview, draft)
        ctx.console.print(
            f"Taken back: '{esc(back.subject)}' to {esc(back.recipient_name or '-')} is a draft "
            f"again ([cyan]{back.id}[/cyan]).",
            highlight=False,
        )
        return
    mark_sent(ctx, store, interview, template_id, to, as_json, draft)


def mark_sent(
    ctx: AppContext,
    store: Store,
    interview: Interview,
    template_id: str | None,
    to: str | None,
    as_json: bool,
    draft: FollowupRecord | None,
) -> None:
    sent = service.mark_sent(store, interview, template_id, to, clock.now(), draft)
    if as_json:
        print_json([asdict(r) for r in sent.records])
        return
    for record in sent.records:
        ctx.console.print(
            f"Recorded as sent: '{esc(record.subject)}' to {esc(record.recipient_name or '-')} "
            f"([cyan]{record.id}[/cyan])",
            highlight=False,
        )
    if sent.hours_after is not None:
        timing = "within 24 hours" if sent.on_time else "later than 24 hours"
        ctx.console.print(
            f"[dim]{sent.hours_after:.0f} hours after the interview ({timing}).[/dim]",
            highlight=False,
        )
    ctx.console.print(
        f"[dim]Sent by mistake? prep followup {sent.records[0].id} --unsend[/dim]",
        highlight=False,
    )


def list_sends(ctx: AppContext, store: Store, as_json: bool) -> None:
    sends = service.sends(store)
    if as_json:
        print_json([asdict(r) for r, _ in sends])
        return
    if not sends:
        ctx.console.print(
            "Nothing is recorded as sent yet. After sending a draft: prep followup --sent"
        )
        return
    table = Table(title=f"{len(sends)} sent", title_justify="left")
    for column in ("id", "sent", "to", "subject", "interview"):
        table.add_column(
            column, no_wrap=column in ("id", "sent"), style="cyan" if column == "id" else None
        )
    for record, interview in sends:
        when = (record.sent_at or "")[:16].replace("T", " ")
        table.add_row(
            record.id,
            when,
            esc(record.recipient_name or "-"),
            esc(record.subject),
            esc(interview.label()) if interview is not None else "-",
        )
    ctx.console.print(table)
    ctx.console.print(
        "[dim]Take one back: prep followup ID --unsend (times in UTC)[/dim]", highlight=False
    )
