"""`prep followup`: a thank-you or follow-up email drafted from what actually happened.

The run, top to bottom:
1. `--list-templates` and `--sent` are side doors: list the templates, or mark drafts sent;
2. find the interview, the template and who gets a note (`--to NAME|all`);
3. fill the fields from the profile, the interview and the post-mortem, plus `--set`;
4. ask for what is still missing, or fail with the list when there is no terminal;
5. render one draft per recipient, let the user edit them (`--edit`), check them;
6. record each draft in the store (the readiness check looks for a sent follow-up);
7. show a preview, or write `--out`, `--eml`, `--ics`, print `--mailto`, `--copy`, `--json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.render import esc
from prepcoach.followup.wording import join_names
from prepcoach.kernel import clock
from prepcoach.kernel.files import atomic_write, check_target

if TYPE_CHECKING:
    from datetime import datetime

    from prepcoach.cli.context import AppContext
    from prepcoach.content.model import EmailTemplate
    from prepcoach.data.service import Store
    from prepcoach.followup.checks import Finding
    from prepcoach.followup.core import Draft
    from prepcoach.interviews.core import Interview


def followup(
    interview_ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[INTERVIEW]",
            help="An id (or its start) or a company name; default: your latest interview.",
            show_default=False,
        ),
    ] = None,
    template_id: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            metavar="ID",
            help="Which email (see --list-templates); default: fits the interview's stage.",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="NAME|all",
            help="An interviewer (name, part of it or email), 'all' for one note each, or "
            "'Name <address>' for someone else.",
            show_default=False,
        ),
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="Fill a field yourself, e.g. --set topic='the data migration'; repeatable.",
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Answer the prompts from a YAML file (followup.field.NAME: answer).",
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Open the draft in $EDITOR before it is written.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="FILE", help="Write text (Markdown if FILE ends in .md)."),
    ] = None,
    eml: Annotated[
        Path | None,
        typer.Option(
            "--eml",
            metavar="FILE",
            help="Write an .eml your mail program opens as a draft (one file per recipient).",
        ),
    ] = None,
    mailto: Annotated[
        bool, typer.Option("--mailto", help="Print a mailto: link that opens the draft.")
    ] = False,
    copy: Annotated[bool, typer.Option("--copy", help="Copy the email to the clipboard.")] = False,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help="Write a calendar reminder to send it (or to check in)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the drafts as JSON.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
    list_templates: Annotated[
        bool, typer.Option("--list-templates", help="List the email templates and exit.")
    ] = False,
    sent: Annotated[
        bool,
        typer.Option(
            "--sent",
            help="Record that you sent the drafts just shown (or name one: prep followup "
            "fu-ID --sent). 'prep followup sent' lists what you sent.",
        ),
    ] = False,
    unsend: Annotated[
        bool,
        typer.Option(
            "--unsend", help="Take back the latest send (or: prep followup fu-ID --unsend)."
        ),
    ] = False,
) -> None:
    """Draft a personal thank-you or follow-up email from your interview and post-mortem.

    Fields come from your profile (name, signature), the interview (company, role, date,
    interviewers) and the post-mortem (topics, what excited you, skills that answer a
    concern); you are asked only for what is missing. The draft is checked before you send
    it: leftover placeholders, no specific topic, over ~150 words, no subject, later than 24
    hours, the same note to several people. After sending, record it with --sent.

    Examples: prep followup acme --eml thanks.eml    prep followup --to all --template
    thank-you-panel    prep followup acme --sent
    """
    from prepcoach.cli.followup import sends  # reads the database: loaded only when run

    ctx = get_context()
    if list_templates:
        sends.list_templates(ctx, as_json)
        return
    for target in (out, ics):  # before anything is asked or recorded (--eml: per recipient)
        if target is not None:
            check_target(target, overwrite=force)
    if eml is not None:
        check_target(eml)
    store = ctx.store()
    now = clock.now()
    if interview_ref is not None and interview_ref.strip().casefold() == "sent" and not sent:
        sends.list_sends(ctx, store, as_json)
        return
    if sent or unsend or sends.names_a_draft(interview_ref):
        sends.record_send(
            ctx, store, interview_ref, template_id, to, as_json, sent=sent, unsend=unsend, now=now
        )
        return
    drafted = _draft(
        ctx,
        store,
        interview_ref,
        template_id,
        to,
        set_values or [],
        answers,
        edit=edit,
        with_email=eml is not None or mailto,
        as_json=as_json,
        now=now,
    )
    if drafted is None:
        ctx.console.print("The file was emptied: nothing was written.")
        return
    _show(
        ctx,
        drafted,
        now,
        out=out,
        eml=eml,
        ics=ics,
        mailto=mailto,
        copy=copy,
        force=force,
        as_json=as_json,
    )


def _show(
    ctx: AppContext,
    drafted: Drafted,
    now: datetime,
    *,
    out: Path | None,
    eml: Path | None,
    ics: Path | None,
    mailto: bool,
    copy: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Step 7: the preview (or JSON), the files asked for, the link, the clipboard."""
    from prepcoach.cli.followup import render as output

    interview, template, drafts = drafted.interview, drafted.template, drafted.drafts
    if as_json:
        output.print_drafts_json(
            interview, template, drafts, drafted.findings, drafted.records, with_mailto=mailto
        )
    else:
        output.report(
            ctx, interview, template, drafts, drafted.findings, now, full=not (out or eml or ics)
        )
    _write(
        ctx, interview, template, drafts, now, out=out, eml=eml, ics=ics, force=force, quiet=as_json
    )
    if mailto and not as_json:
        output.print_mailto(ctx, drafts)
    if copy:
        output.copy_drafts(ctx, drafts, quiet=as_json)
    if not as_json:
        ctx.console.print(
            f"[dim]Once you have sent it: prep followup {interview.id} --sent[/dim]",
            highlight=False,
        )


@dataclass(frozen=True, slots=True)
class Drafted:
    interview: Interview
    template: EmailTemplate
    drafts: list[Draft]
    findings: list[Finding]
    records: list[str]  # the stored drafts' ids


def _draft(
    ctx: AppContext,
    store: Store,
    interview_ref: str | None,
    template_id: str | None,
    to: str | None,
    set_values: list[str],
    answers: Path | None,
    *,
    edit: bool,
    with_email: bool,
    as_json: bool,
    now: datetime,
) -> Drafted | None:
    """Steps 2-6: the drafts, their findings and their stored ids; None when an edit was
    cancelled."""
    from prepcoach.cli.followup import asking
    from prepcoach.cli.keep import keeping
    from prepcoach.followup import service

    library = ctx.library()
    interview = service.interview_for(store, interview_ref, now)
    begun = service.start(store, library, interview, template_id)
    template = begun.template
    given = asking.parse_sets(set_values, template)
    ask = keeping(
        ctx,
        "followup",
        f"{interview.id}-{template.id}",
        asking.prompter(answers, interactive=not as_json),
        command=f"prep followup {interview.id} --template {template.id}",
    )
    recipients = asking.recipients(ask, begun.people, to, template, scripted=answers is not None)
    if len(recipients) > 1:
        personal = [n for n in given if n.startswith("recipient_") or n == "first_name"]
        if personal:
            raise typer.BadParameter(
                f"--set {personal[0]} would go to all {len(recipients)} recipients; write to "
                "one with --to NAME, or give each their own in --answers FILE",
                param_hint="--set",
            )
    values, sources = service.fill(store, library, interview, begun, recipients, given, now)
    if not as_json:
        ctx.console.print(
            f"[dim]{esc(template.title)} ({template.id}) · {esc(interview.label())}[/dim]",
            highlight=False,
        )
    used = ["your profile"] if not sources.profile.is_empty() else []
    used += ["the interview"] + (["your post-mortem"] if begun.postmortem is not None else [])
    line = "Filled from " + join_names(used)
    if begun.postmortem is None:
        line += f" (a post-mortem fills more: prep postmortem {interview.id})"
    extra = ["recipient_email"] if with_email else []
    values = asking.fill_missing(
        ctx, ask, template, values, extra, scripted=answers is not None, now=now, sources_line=line
    )
    changed = service.remember_addresses(store, interview, recipients, values)
    if changed:
        ctx.err_console.print(
            f"Saved the address of {', '.join(changed)} to the interview.", highlight=False
        )
    if answers is None and not as_json and service.remember_signature(store, values):
        ctx.err_console.print(
            "Saved your signature to your profile (change it with: prep profile set --signature "
            "'...').",
            highlight=False,
        )
    drafts = service.render(begun, interview, values)
    if edit:
        edited = asking.edit_drafts(ctx, interview, drafts)
        if edited is None:
            return None
        drafts = edited
    findings, records = service.check_and_record(store, interview, template, drafts, now)
    ask.done()
    return Drafted(interview, template, drafts, findings, records)


def _write(
    ctx: AppContext,
    interview: Interview,
    template: EmailTemplate,
    drafts: list[Draft],
    now: datetime,
    *,
    out: Path | None,
    eml: Path | None,
    ics: Path | None,
    force: bool,
    quiet: bool,
) -> None:
    """The files asked for (--out, --eml, --ics)."""
    from prepcoach.cli.followup import render as output
    from prepcoach.followup.message import text_file  # the email modules: only to write

    if out is not None:
        markdown = out.suffix.lower() in (".md", ".markdown")
        atomic_write(out, text_file(drafts, markdown=markdown), overwrite=force)
        output.done(ctx, f"Wrote {'Markdown' if markdown else 'text'} to {out}", quiet)
    if eml is not None:
        output.write_eml(ctx, drafts, eml, force=force, now=now, quiet=quiet)
    if ics is not None:
        output.write_ics(ctx, interview, template, drafts, ics, force=force, now=now, quiet=quiet)
