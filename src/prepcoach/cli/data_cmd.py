"""`prep export`, `prep import`, `prep backup`, `prep doctor`: your data, portable and safe."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import ForceOption
from prepcoach.cli.render import esc
from prepcoach.kernel import clock


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

    from prepcoach.store import transfer

    ctx = get_context()
    if anki is not None or csv_file is not None:
        if fmt is not None or redact or output is not None:
            raise typer.BadParameter(
                "--anki and --csv export flashcards; use them without --format, --redact, -o",
                param_hint="--anki/--csv",
            )
        from prepcoach.cli.kit.cards_cmd import export_cards

        export_cards(anki=anki, csv_file=csv_file, every=all_questions, force=force)
        return
    if fmt is None:
        suffix = output.suffix.lower() if output is not None else ""
        fmt = "yaml" if suffix in (".yaml", ".yml") else "json"
    if fmt not in transfer.FORMATS:
        raise typer.BadParameter(
            f"'{fmt}' is not one of: {', '.join(transfer.FORMATS)}", param_hint="--format"
        )
    if with_recordings and (output is None or redact):
        raise typer.BadParameter(
            "--with-recordings needs -o FILE (and no --redact: voices cannot be masked)",
            param_hint="--with-recordings",
        )
    pieces = transfer.export_stream(ctx.store(), fmt, redact=redact)
    if output is None:
        from prepcoach.cli.render import write_out

        for piece in pieces:
            write_out(piece)
        return

    from prepcoach.kernel.files import replacing

    with replacing(output, overwrite=force) as tmp:  # written piece by piece, then renamed
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
    what = "redacted export" if redact else "export"
    ctx.err_console.print(f"Wrote {what} to {output}", highlight=False)
    if with_recordings:  # --- voice: recordings only when asked for
        from prepcoach.cli.practice.voice import export_recordings

        copied, folder = export_recordings(ctx.home, output)
        ctx.err_console.print(f"Copied {copied} recording(s) to {folder}", highlight=False)


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
    from prepcoach.store import transfer

    ctx = get_context()
    items = transfer.open_export(file)  # a file that is no export is refused before the home
    report = transfer.import_items(ctx.store(), items, merge=merge, source=str(file))
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

    ctx = get_context()
    store = ctx.store()
    stamp = clock.local(clock.now()).strftime("%Y%m%d-%H%M%S")
    folder = ctx.home / "backups"
    target = folder / f"prep-{stamp}.db"
    from prepcoach.kernel.files import check_target, private_folder

    if output is not None:
        if output.is_dir() or str(output).endswith(("/", "\\")):
            target = output / f"prep-{stamp}.db"
        else:
            check_target(output, overwrite=False)  # the file named: never another one
            target = output
    else:
        private_folder(folder)
    counter = 1
    while target.exists() or target.is_symlink():
        counter += 1
        target = target.with_name(f"prep-{stamp}-{counter}.db")
    store.backup(target)
    size = target.stat().st_size
    ctx.console.print(f"Backed up to {target} ({size / 1024:.0f} KB)", highlight=False)
    ctx.console.print(
        f"[dim]Restore: stop prep, then copy it over {store.path}[/dim]", highlight=False
    )


def doctor() -> None:
    """Check your data: the home folder, the database (integrity, version) and content.

    Example: prep doctor
    """
    from prepcoach.store.db import access_problems, inspect, side_findings

    ctx = get_context()
    console = ctx.console
    problems = 0

    def line(ok: bool, text: str, advice: str | list[str] = "") -> None:
        nonlocal problems
        mark = "[green]ok[/green]  " if ok else "[red]FAIL[/red]"
        console.print(f"{mark} {esc(text)}", highlight=False)
        for step in [advice] if isinstance(advice, str) else advice:
            if step:
                console.print(f"      → {esc(step)}", highlight=False)
        problems += not ok

    home = ctx.home
    access = access_problems(home)
    for finding in access:
        line(not finding.blocking, finding.text, finding.advice)
    blocked = any(finding.blocking for finding in access)
    if not home.exists():
        line(True, f"home {home} (created on first use)")
    elif not access:
        line(True, f"home {home}: a private folder prep can write")
    found = inspect(home) if home.is_dir() or not home.exists() else None
    if found is None:
        pass  # the home is not a folder: nothing more to check there
    elif not found.exists:
        line(True, f"database {found.path} (created on first use)")
    elif found.error:
        # A file prep cannot write is not a damaged one: the fix above is the whole fix.
        line(False, found.error, [] if blocked else _recovery(home, found.path, damaged=False))
    elif found.problems:
        shown = "; ".join(found.problems[:5])
        line(
            False,
            f"database {found.path}: integrity check failed: {shown}",
            _recovery(home, found.path, damaged=True),
        )
    else:
        assert found.version is not None
        newer = found.version > found.latest
        lowered = found.version < found.recorded
        advice = ""
        if newer:
            advice = "written by a newer prepcoach: upgrade prepcoach"
        elif lowered:
            advice = (
                f"its schema version was lowered from {found.recorded} (user_version changed "
                "by hand or by another tool): restore a backup, or set it back with: sqlite3 "
                f"{found.path} 'PRAGMA user_version = {found.recorded}'"
            )
        line(
            not newer and not lowered,
            f"database {found.path}: integrity ok, schema {found.version} of {found.latest}, "
            f"{found.journal_mode} journal, {found.size / 1024:.0f} KB",
            advice,
        )
    for side in side_findings(home):
        line(not side.problem, side.text, side.advice)
    try:
        library = ctx.library()
    except Exception as error:  # noqa: BLE001 - any content failure is a finding here
        line(False, f"content: {str(error).splitlines()[0]}", "run: prep content validate")
    else:
        line(
            True,
            f"content: {len(library.packs)} pack(s), {len(library.questions)} questions",
        )
    if problems:
        raise typer.Exit(1)
    console.print("Everything looks fine.")


def _recovery(home: Path, path: Path, *, damaged: bool) -> list[str]:
    """What to do about a database prep cannot use, in the order worth trying."""
    backups = sorted((home / "backups").glob("prep-*.db"))
    steps = []
    if damaged:
        steps.append("first save what can be read: prep export -o rescue.json (it may still work)")
    if backups:
        steps.append(f"restore the latest backup: copy {backups[-1]} over {path}")
    else:
        steps.append(f"move {path} away (keep it) so that prep starts a new one")
    if damaged:
        steps.append(f"or try to rescue it with: sqlite3 {path} .recover | sqlite3 rescued.db")
    return steps
