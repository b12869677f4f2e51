"""`prep postmortem`: look back on an interview while it is fresh, and plan the next round.

`prep postmortem [INTERVIEW]` records one (it is `prep postmortem record`); `list`, `show`
and `edit` work on the recorded ones. Recording, top to bottom:
1. find the interview (or pick one, or add the one that just happened);
2. continue its unfinished post-mortem, or start one from the template;
3. ask the template's prompts, saving after every answer (or read them all from --answers);
4. finish: flag the weak questions for practice, update the interview, show the summary
   and the action plan.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from prepcoach.cli import prompts
from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import read_stdin, read_text
from prepcoach.cli.options import ForceOption, JsonOption
from prepcoach.cli.render import esc, print_json, write_out
from prepcoach.interviews.core import format_when_short
from prepcoach.kernel.errors import NotInteractiveError, PrepError
from prepcoach.kernel.files import atomic_write
from prepcoach.kernel.wording import counted
from prepcoach.postmortem.core import STATUSES


class PostmortemGroup(TyperGroup):
    """`prep postmortem [INTERVIEW]` means `prep postmortem record [INTERVIEW]`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (first not in self.commands and first not in ctx.help_option_names):
            args = ["record", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=PostmortemGroup,
    help=(
        "Look back on an interview while it is fresh: the answers become your plan for the "
        "next round.\n\n"
        "\b\n"
        "prep postmortem [INTERVIEW]        record one (the same as 'prep postmortem record')\n"
        "prep postmortem --resume           continue the one you stopped\n"
        "prep postmortem list               the ones you have\n"
        "prep postmortem show [INTERVIEW]   the answers and the plan (--format markdown...)\n"
        "prep postmortem edit [INTERVIEW]   change one in your editor\n\n"
        "INTERVIEW is an interview id or company name. Without it you choose from your recent "
        "interviews, or add the one you just had. (For a company called 'list', 'show' or "
        "'edit', use 'prep postmortem record NAME'.)"
    ),
    short_help="Look back on an interview, plan the next round.  e.g. prep postmortem acme",
    subcommand_metavar="[INTERVIEW] | COMMAND [ARGS]...",
)

InterviewArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="INTERVIEW",
        help="An interview id or company name, or a post-mortem id (pm-...).",
        show_default=False,
    ),
]
FORMATS = ("text", "markdown", "json", "yaml")


# ---------------------------------------------------------------------------- record


@app.command("record")
def record(
    interview: Annotated[
        str | None,
        typer.Argument(
            metavar="INTERVIEW",
            help="An interview id or company name; default: choose from your recent ones.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the post-mortem you stopped.")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE.yaml",
            help="Take the answers from YAML ('-' for stdin), keyed by prompt id; "
            "'prep postmortem show --format yaml' shows the form.",
        ),
    ] = None,
    template_id: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="ID", help="Post-mortem template [default: first-interview]."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Record a post-mortem: guided prompts, saved after every answer.

    Ctrl-C keeps what you entered; continue with --resume. Without a terminal, give the
    answers with --answers FILE.yaml or pipe them to stdin.

    Example: prep postmortem acme
    """
    from prepcoach.cli.postmortem.run import PostmortemRun, choose_interview
    from prepcoach.postmortem import service  # reads the database: only when recording

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    if resume:
        service.check_resumable(store)
    text, origin = _scripted_text(answers)
    prompter = None
    if text is None:
        prompter = prompts.make_prompter(hint="Give the answers with --answers FILE.yaml.")
        if not prompter.interactive:
            raise NotInteractiveError(
                "a post-mortem needs a terminal to ask its questions; run it in a terminal, or "
                "give the answers with --answers FILE.yaml (or pipe the YAML to stdin)"
            )
    chosen = choose_interview(ctx, store, prompter, interview, resume=resume)
    template, existing = service.start(
        store, library, chosen, resume=resume, template_id=template_id
    )
    run = PostmortemRun(ctx, store, library, template, chosen, existing, as_json=as_json)
    if text is not None:
        done = run.scripted(text, origin)
    else:
        assert prompter is not None
        done = run.guided(prompter)
    run.finish_output(done)


def _scripted_text(answers: Path | None) -> tuple[str | None, str]:
    """The YAML answers from --answers FILE, '-' or piped stdin; None to ask in a terminal."""
    if answers is not None:
        if str(answers) == "-":
            return read_stdin(), "<stdin>"
        return read_text(answers, what="answers file"), str(answers)
    if sys.stdin.isatty():
        return None, ""
    text = read_stdin()
    if not text.strip():
        raise NotInteractiveError(
            "a post-mortem needs a terminal to ask its questions; run it in a terminal, or "
            "give the answers with --answers FILE.yaml (or pipe the YAML to stdin)"
        )
    return text, "<stdin>"


# ---------------------------------------------------------------------------- list


@app.command("list")
def list_cmd(
    status: Annotated[
        str | None, typer.Option("--status", help="Only these: draft or done.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List your post-mortems, the most recent first.

    Example: prep postmortem list
    """
    from prepcoach.postmortem import service  # reads the database: only when listing

    if status is not None and status not in STATUSES:
        raise typer.BadParameter(
            f"'{status}' is not one of: {', '.join(STATUSES)}", param_hint="--status"
        )
    ctx = get_context()
    found = service.listing(ctx.store(), status)
    if as_json:
        from prepcoach.postmortem.text import postmortem_dict

        print_json([postmortem_dict(p) for p, _ in found])
        return
    if not found:
        ctx.console.print(
            "No post-mortems yet. Right after an interview, run: prep postmortem"
            if status is None
            else f"No post-mortems with status {status}."
        )
        return
    from rich.table import Table

    table = Table(title=counted(len(found), "post-mortem"), title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("interview")
    table.add_column("when", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    table.add_column("questions", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for p, interview in found:
        weak = sum(1 for q in p.questions if q.weak)
        table.add_row(
            p.id,
            esc(interview.label()) if interview else p.interview_id,
            format_when_short(interview.when) if interview else "-",
            f"{p.overall_rating}/5" if p.overall_rating else "-",
            f"{len(p.questions)}" + (f" ({weak} weak)" if weak else ""),
            p.status if p.done else "[yellow]draft[/yellow]",
        )
    ctx.console.print(table)
    ctx.console.print("[dim]Details: prep postmortem show ID[/dim]")


# ---------------------------------------------------------------------------- show


@app.command("show")
def show(
    query: InterviewArgument = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", metavar="text|markdown|json|yaml", help="How to show it."),
    ] = "text",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write it to FILE instead."),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Show a post-mortem with its action plan (default: the latest one).

    --format markdown makes a report to keep; yaml is the form --answers and edit use.

    Example: prep postmortem show acme --format markdown --out acme-postmortem.md
    """
    from prepcoach.postmortem import service  # reads the database: only when showing
    from prepcoach.postmortem.text import report_dict, to_document, to_markdown

    if fmt not in FORMATS:
        from prepcoach.content.validation import suggest

        raise typer.BadParameter(
            f"'{fmt}' is not one of: {', '.join(FORMATS)}{suggest(fmt, FORMATS)}",
            param_hint="--format",
        )
    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    postmortem, interview = service.find(store, query)
    template = library.postmortem_templates.get(postmortem.template_id)
    plan = service.plan(store, library, postmortem, interview)
    if fmt == "text":
        if out is not None:
            raise typer.BadParameter(
                "--out writes a file: give --format markdown, json or yaml", param_hint="--out"
            )
        from prepcoach.cli.postmortem import render

        render.render_header(ctx.console, postmortem, interview)
        render.render_answers(ctx.console, postmortem, template)
        render.render_summary(ctx.console, postmortem, plan, interview, header=False)
        return
    if fmt == "markdown":
        text = to_markdown(postmortem, plan, interview, template)
    elif fmt == "json":
        text = (
            json.dumps(report_dict(postmortem, plan, interview), indent=2, ensure_ascii=False)
            + "\n"
        )
    else:
        if template is None:
            raise PrepError(f"the template '{postmortem.template_id}' is not loaded")
        text = to_document(template, postmortem.answers, competencies=list(library.competencies))
    if out is None:
        write_out(text)
        return

    atomic_write(out, text, overwrite=force)
    ctx.err_console.print(f"Wrote {out}", highlight=False)


# ---------------------------------------------------------------------------- edit


@app.command("edit")
def edit(query: InterviewArgument = None) -> None:
    """Change a post-mortem as YAML in your editor ($VISUAL or $EDITOR).

    It is checked when you save; if something is wrong, the editor opens again with the
    problems at the top. Your text is never lost: if you give up, it is kept and the next
    edit starts from it.

    Example: EDITOR=nano prep postmortem edit acme
    """
    from prepcoach.cli.yaml_edit import edit_yaml, saving
    from prepcoach.postmortem import service  # reads the database: only when editing
    from prepcoach.postmortem.answers import missing_required
    from prepcoach.postmortem.text import edit_form

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    postmortem, interview = service.find(store, query)
    form = edit_form(library, postmortem)
    header = (
        f"Post-mortem {postmortem.id} of {interview.label()}"
        + ("" if postmortem.done else " (unfinished)")
        + ".\nSave and close the editor to keep your changes; empty the file to cancel."
    )
    again = f"prep postmortem edit {postmortem.id}"
    result = edit_yaml(
        ctx,
        kind="postmortem",
        record_id=postmortem.id,
        header=header,
        body=form.body,
        check=form.check,
        again=again,
    )
    if result is None:
        return
    answers, path = result
    with saving(ctx, "postmortem", postmortem.id, path, f"run '{again}' to apply it"):
        saved = service.save_edit(store, postmortem, interview, form.template, answers)
    ctx.console.print(
        f"Saved post-mortem [cyan]{saved.id}[/cyan] of {esc(interview.label())}.",
        highlight=False,
    )
    if not saved.done:
        missing = missing_required(form.template, answers)
        hint = f" ({', '.join(missing)} still need an answer)" if missing else ""
        ctx.console.print(
            f"It is still unfinished{hint}; finish it with: prep postmortem --resume",
            highlight=False,
        )
    else:
        ctx.console.print(
            f"[dim]The plan: prep postmortem show {interview.id}[/dim]", highlight=False
        )
