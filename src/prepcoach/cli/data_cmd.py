"""`prep export`, `prep import`, `prep backup`, `prep doctor`: your data, portable and safe."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import ForceOption
from prepcoach.cli.render import esc, hanging, write_out
from prepcoach.kernel.files import replacing
from prepcoach.kernel.wording import counted


def export(
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="json|yaml", help="Default: json, or from -o."),
    ] = None,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Mask names, emails, companies, links and numbers, to share an example safely.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
    force: ForceOption = False,
    anki: Annotated[
        Path | None,
        typer.Option(
            "--anki",
            metavar="FILE.apkg",
            help="Instead: flashcards of the questions with your best answers, for Anki.",
        ),
    ] = None,
    with_recordings: Annotated[
        bool,
        typer.Option(
            "--with-recordings",
            help="Also copy the recordings of spoken answers, into a folder beside -o FILE.",
        ),
    ] = False,
    csv_file: Annotated[
        Path | None,
        typer.Option(
            "--csv", metavar="FILE.csv", help="Instead: the same flashcards as CSV ('-': stdout)."
        ),
    ] = None,
    all_questions: Annotated[
        bool,
        typer.Option(
            "--all-questions", help="Flashcards for the whole bank, not only your questions."
        ),
    ] = False,
) -> None:
    """Export everything (interviews, stories, practice, profile...) as JSON or YAML.

    With --anki or --csv, export flashcards instead: the likely questions of your next
    interview and every question you practised, each with your best answer.

    Example: prep export -o prep-backup.json     (restore with: prep import FILE)
    """
    from prepcoach.data import exchange  # loads SQLite and YAML: only when exporting

    ctx = get_context()
    if anki is not None or csv_file is not None:
        if fmt is not None or redact or output is not None:
            raise typer.BadParameter(
                "--anki and --csv export flashcards; use them without --format, --redact, -o",
                param_hint="--anki/--csv",
            )
        from prepcoach.cli.kit.flashcards import export_cards

        export_cards(anki=anki, csv_file=csv_file, every=all_questions, force=force)
        return
    if fmt is None:
        suffix = output.suffix.lower() if output is not None else ""
        fmt = "yaml" if suffix in (".yaml", ".yml") else "json"
    if fmt not in exchange.FORMATS:
        raise typer.BadParameter(
            f"'{fmt}' is not one of: {', '.join(exchange.FORMATS)}", param_hint="--format"
        )
    if with_recordings and (output is None or redact):
        raise typer.BadParameter(
            "--with-recordings needs -o FILE (and no --redact: voices cannot be masked)",
            param_hint="--with-recordings",
        )
    pieces = exchange.export_pieces(ctx.store(), fmt, redact=redact)
    if output is None:
        for piece in pieces:
            write_out(piece)
        return

    with replacing(output, overwrite=force) as tmp:  # written piece by piece, then renamed
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
    what = "redacted export" if redact else "export"
    ctx.err_console.print(f"Wrote {what} to {output}", highlight=False)
    if with_recordings:  # --- voice: recordings only when asked for
        from prepcoach.cli.practice.recordings import export_recordings

        copied, folder = export_recordings(ctx.home, output)
        ctx.err_console.print(f"Copied {counted(copied, 'recording')} to {folder}", highlight=False)


def import_file(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file from 'prep export'.")],
    merge: Annotated[
        bool,
        typer.Option("--merge", help="Merge into existing data by id (newer edits win)."),
    ] = False,
) -> None:
    """Restore an export into an empty home, or merge it into your data with --merge.

    Example: prep --home ~/prep-restored import prep-backup.json
    """
    from prepcoach.data import exchange  # loads SQLite and YAML: only when importing

    ctx = get_context()
    items = exchange.read_export(file)  # a file that is no export is refused before the home
    report = exchange.import_export(ctx.store(), items, merge=merge, source=str(file))
    added, updated = report.total("added"), report.total("updated")
    unchanged, kept = report.total("unchanged"), report.total("kept")
    ctx.console.print(
        f"Imported {file}: {added} added, {updated} updated, {unchanged} unchanged"
        + (f", {kept} kept (your copy was newer)" if kept else ""),
        highlight=False,
    )
    for table, count in report.added.items():
        ctx.console.print(f"  {table}: {count} added", highlight=False)


def backup(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="PATH", help="File or folder [default: HOME/backups]."
        ),
    ] = None,
) -> None:
    """Write a timestamped copy of your database (safe while prep is in use).

    Your data is HOME/prep.db, plus HOME/prep.db-wal when it exists (recent writes after a
    crash); HOME/prep.db-shm is rebuilt by SQLite and HOME/drafts holds typed text not yet
    saved. The backup is one self-contained file holding both database files' contents.

    Example: prep backup -o ~/Dropbox/
    """
    from prepcoach.data import service  # loads SQLite: only when backing up

    ctx = get_context()
    done = service.backup(ctx.store(), ctx.home, output)
    ctx.console.print(f"Backed up to {done.path} ({done.size / 1024:.0f} KB)", highlight=False)
    ctx.console.print(
        f"[dim]Restore: stop prep, then copy it over {done.database}[/dim]", highlight=False
    )


def doctor() -> None:
    """Check your data: the home folder, the database (integrity, version) and content.

    Example: prep doctor
    """
    from prepcoach.data import doctor as service  # loads SQLite: only when checking

    ctx = get_context()
    problems = 0
    for check in service.checks(ctx.home, ctx.library):
        mark = "[green]ok[/green]  " if check.ok else "[red]FAIL[/red]"
        hanging(ctx.console, f"{mark} ", esc(check.text))
        for step in check.advice:
            hanging(ctx.console, "      → ", esc(step))
        problems += not check.ok
    if problems:
        raise typer.Exit(1)
    ctx.console.print("Everything looks fine.")
