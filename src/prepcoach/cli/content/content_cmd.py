"""`prep content ...`: check, browse and add content packs."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context, load_content_checks
from prepcoach.cli.inputs import check_choice, read_text
from prepcoach.cli.render import error_text, esc, hanging, print_json
from prepcoach.kernel.errors import ContentError, PrepError
from prepcoach.kernel.wording import counted

MARKDOWN_LIMIT = 5 * 1024 * 1024  # bytes in a Markdown list to import
LISTED = 200  # kept and skipped lines listed after an import

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import Question

app = typer.Typer(
    help="Check, browse and add content packs (questions, templates, formats).",
    short_help="Check, browse and add content.  e.g. prep content validate my-pack.yaml",
    no_args_is_help=True,
)


@app.command("validate")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Pack files or folders to check (default: all loaded content)."),
    ] = None,
) -> None:
    """Report every problem in content packs as file:line:col: message.

    Example: prep content validate ~/my-pack.yaml
    """
    from prepcoach.content.library import check_files, content_files, count_label
    from prepcoach.content.model import KINDS
    from prepcoach.kernel import paths as app_paths

    ctx = get_context()
    extra = [*ctx.content_paths, *(paths or [])]
    files = content_files(
        app_paths.builtin_content_dir(), app_paths.user_content_dir(ctx.home), extra
    )
    # Files already checked come from the content cache; when anything is wrong, everything
    # is read again without it, so that each problem has its line and column.
    cache = app_paths.cache_dir(ctx.home)
    library, problems = check_files(files, cache, prepare_checks=load_content_checks)
    if problems:
        library, problems = check_files(files, prepare_checks=load_content_checks)
    for problem in problems:
        typer.echo(error_text(problem))
    # The built-in cues are checked by the tests; the others' are read with the lemmas,
    # loaded only when there are questions of other packs to check.
    builtin = {p.path for p in library.packs if p.builtin}
    origins = {q: library.origins.get(f"questions/{q}", "") for q in library.questions}
    own = [q for q_id, q in library.questions.items() if origins[q_id] not in builtin]
    if own:
        from prepcoach.practice.feedback.lookfors import unmatchable_cues

        for question_id, message in unmatchable_cues(own):
            origin = origins[question_id]
            typer.echo(f"{origin}: warning: question '{question_id}': {message}", err=True)
    counts = ", ".join(
        count_label(kind, len(library.items(kind))) for kind in KINDS if library.items(kind)
    )
    summary = f"{counted(len(files), 'file')}: {counts}"
    if problems:
        typer.echo(f"{counted(len(problems), 'problem')} in {summary}", err=True)
        raise typer.Exit(1)
    typer.echo(f"OK: {summary}")


@app.command("list")
def list_packs(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the loaded packs with counts by kind.

    Example: prep content list
    """
    library = get_context().library()
    if as_json:
        print_json([asdict(p) for p in library.packs])
        return
    from rich.table import Table

    from prepcoach.content.library import count_label

    console = get_context().console
    rows = [
        (
            pack.pack,
            ", ".join(count_label(kind, n) for kind, n in pack.counts.items()),
            f"{pack.title} ({pack.version})",
            "built-in" if pack.builtin else pack.path,
        )
        for pack in library.packs
    ]
    widths = [max((len(row[n]) for row in rows), default=0) for n in range(4)]
    if console.width - (widths[0] + widths[1] + widths[3] + 3) < 30 and rows:
        # Too narrow for the table, whose titles would wrap a word or two to a line: each
        # pack on a line, with its title whole on the line under it.
        console.print("Content packs", highlight=False)
        for name, contents, title, source in rows:
            console.print(
                f"[cyan]{esc(name)}[/cyan]  {esc(contents)}  [dim]{esc(source)}[/dim]",
                highlight=False,
            )
            hanging(console, "  ", esc(title))
        return
    table = Table(title="Content packs", title_justify="left", box=None, pad_edge=False)
    table.add_column("pack", no_wrap=True, style="cyan")
    table.add_column("contents", no_wrap=True)
    table.add_column("title")
    table.add_column("from", style="dim")
    for row in rows:
        table.add_row(*(esc(cell) for cell in row))
    console.print(table)


@app.command("show")
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Any content id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one content item (question, template, format...) in full.

    Example: prep content show salary-expectations
    """
    library = get_context().library()
    kind, item = library.find(item_id)
    data = {k: v for k, v in asdict(item).items() if v not in ((), None, "", False)}
    if as_json:
        print_json({"kind": kind, "from": library.origins.get(f"{kind}/{item_id}"), **data})
        return
    from prepcoach.content.library import KIND_LABELS
    from prepcoach.content.yamlsource import dump_yaml

    console = get_context().console
    origin = library.origins.get(f"{kind}/{item_id}", "")
    console.print(f"[bold]{KIND_LABELS[kind]}[/bold] {item_id}  [dim]({origin})[/dim]")
    if kind == "questions":
        print_question(item, library)
    else:
        console.print(dump_yaml(_plain(data)), markup=False, end="")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def print_question(q: Question, library: ContentLibrary) -> None:

    console = get_context().console
    console.print(f"\n[bold]{esc(q.text)}[/bold]\n")
    comps = ", ".join(
        library.competencies[c].name for c in q.competencies if c in library.competencies
    )
    console.print(f"[dim]category[/dim] {q.category}   [dim]stages[/dim] {', '.join(q.stages)}")
    if comps:
        console.print(f"[dim]competencies[/dim] {comps}")
    if q.roles:
        console.print(f"[dim]roles[/dim] {', '.join(q.roles)}")
    console.print(
        f"[dim]answer[/dim] {q.answer_format}, about {q.target_seconds // 60}:"
        f"{q.target_seconds % 60:02d} spoken\n"
    )
    console.print(f"[bold]What it assesses[/bold]\n{esc(q.assesses)}\n")
    for title, items in (
        ("Tips", q.tips),
        ("A strong answer covers", q.look_for_labels),
        ("Likely follow-ups", q.probes),
    ):
        if items:
            console.print(f"[bold]{title}[/bold]")
            for item in items:
                hanging(console, "  • ", esc(item))
            console.print()


@app.command("import")
def import_markdown(
    file: Annotated[Path, typer.Argument(help="A Markdown file with a list of questions.")],
    name: Annotated[
        str | None, typer.Option("--name", help="Pack id (default: from the file name).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing pack.")] = False,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="auto (from the title and headings), question (asked of you) or ask "
            "(questions for you to ask).",
        ),
    ] = "auto",
) -> None:
    """Turn a Markdown question list into a pack in your content directory.

    Bulleted and numbered items become questions (their wording, else their heading, gives
    the category); lists of questions to ask the employer become questions to ask; nested
    questions become follow-up probes; competencies come from the competency cues.

    Example: prep content import ~/Downloads/top-50-questions.md
    """
    from prepcoach.content.lexicon import competency_index
    from prepcoach.content.library import content_files, new_pack_problems
    from prepcoach.content.markdown_import import KINDS, parse_markdown_questions, slugify
    from prepcoach.content.yamlsource import dump_yaml
    from prepcoach.kernel import paths as app_paths
    from prepcoach.kernel.files import atomic_write, check_target, user_content_path

    ctx = get_context()
    check_choice("--kind", kind, KINDS)
    text = read_text(file, MARKDOWN_LIMIT, "Markdown list")
    result = parse_markdown_questions(text, kind=kind, lexicon=competency_index(ctx.library()))
    if not result.questions:
        raise PrepError(
            f"no questions found in {file} ({counted(len(result.skipped), 'line')} skipped)"
        )
    pack_id = slugify(name or file.stem) or "imported"
    pack = result.to_pack(pack_id, source=str(file))
    target = user_content_path(ctx.home, pack_id)
    header = f"# Imported from {file.name}. Add what each question assesses, tips and look-fors.\n"
    text = header + dump_yaml(pack)
    if target.parent.is_dir():
        check_target(target, overwrite=force)
    files = content_files(
        app_paths.builtin_content_dir(), app_paths.user_content_dir(ctx.home), ctx.content_paths
    )
    load_content_checks()
    problems = new_pack_problems(files, target, text)
    if problems:  # the pack would break every command: refuse before writing anything
        raise ContentError(
            f"the pack '{pack_id}' from {file} would not load, so nothing was written; "
            "choose another --name, or fix what is listed",
            problems,
        )
    atomic_write(target, text, overwrite=force, create_folder=True)
    console = ctx.console
    asks = len(result.asks)
    probes = sum(len(q.probes) for q in result.questions)
    tagged = sum(1 for q in result.questions if q.competencies)
    console.print(
        f"Kept {counted(len(result.questions), 'question')}: "
        f"{counted(len(result.questions) - asks, 'interview question')}, "
        f"{counted(asks, 'question')} to ask, {counted(probes, 'follow-up probe')}; "
        f"{tagged} tagged "
        "with competencies:"
    )
    console.print("Recognised:")
    for run in result.recognised()[:LISTED]:
        what = (
            f"{counted(run.count, 'question')} to ask"
            if run.kind == "ask"
            else counted(run.count, "interview question")
        )
        where = f"under '{run.heading}'" if run.heading else "before any heading"
        console.print(f"  {esc(f'{what} {where}, by {run.reason}')}", highlight=False)
    for q in result.questions[:LISTED]:
        label = f"ask: {q.ask_category}" if q.kind == "ask" else q.category
        tags = f" ({', '.join(q.competencies)})" if q.competencies else ""
        console.print(f"  [green]+[/green] {esc(f'[{label}] {q.text}{tags}')}", highlight=False)
        for probe in q.probes:
            console.print(f"      [dim]probe: {esc(probe)}[/dim]", highlight=False)
    if len(result.questions) > LISTED:
        console.print(f"  ... and {len(result.questions) - LISTED} more (all in the pack)")
    if result.skipped:
        reasons = Counter(s.reason for s in result.skipped)
        why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
        console.print(f"Skipped {counted(len(result.skipped), 'line')} ({why}):")
        for s in result.skipped[:LISTED]:
            console.print(
                f"  [dim]- line {s.line} ({s.reason}): {esc(s.text[:70])}[/dim]", highlight=False
            )
        if len(result.skipped) > LISTED:
            console.print(f"  ... and {len(result.skipped) - LISTED} more")
    console.print(f"Wrote {target}")
    console.print(f"Check it with: prep content validate {target}")


@app.command("new")
def new_pack(
    role: Annotated[str, typer.Option("--role", help="Your role, e.g. 'Product manager'.")],
    name: Annotated[
        str | None, typer.Option("--name", help="Pack id (default: from the role).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write here instead of your content directory.")
    ] = None,
) -> None:
    """Create a commented example pack for your own role, ready to edit.

    Example: prep content new --role "Product manager"
    """
    from importlib.resources import files

    from prepcoach.content.markdown_import import slugify
    from prepcoach.kernel import textcheck
    from prepcoach.kernel.files import atomic_write, user_content_path

    ctx = get_context()
    # Checked before it is written into the pack: a control character would make the new
    # file unreadable YAML, and a broken pack stops every command until it is removed.
    wrong = textcheck.problem("--role", role)
    if wrong:
        raise PrepError(wrong)
    role_name = " ".join(role.split())
    role_id = slugify(role_name, max_words=4)
    if not role_id:
        raise PrepError("--role needs a name made of letters or digits, e.g. 'Product manager'")
    pack_id = slugify(name) if name else f"my-{role_id}"
    if not pack_id:
        raise PrepError("--name needs letters or digits, e.g. 'my-product-pack'")
    target = out or user_content_path(ctx.home, pack_id)
    scaffold = files("prepcoach.scaffolds").joinpath("pack.yaml").read_text(encoding="utf-8")
    text = (
        scaffold.replace("{pack_id}", pack_id)
        .replace("{role_id}", role_id)
        .replace("{role_name}", role_name.replace("\\", "/").replace('"', "'"))
        .replace("{path}", str(target))
    )
    atomic_write(target, text, overwrite=False, create_folder=out is None)
    ctx.console.print(f"Wrote {target}")
    ctx.console.print("Edit it, then check it with: prep content validate")
