"""The recordings of spoken answers kept in the home: `prep history --recordings`, deleting
one, copying them beside an export, and the delivery line of a spoken answer. Needs no voice
extra: it reads the files and what was measured when they were made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from prepcoach.cli.render import print_json
from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.wording import counted
from prepcoach.voice import recordings
from prepcoach.voice.audio import clock

if TYPE_CHECKING:
    from rich.console import Console


def list_recordings(console: Console, home: Path, as_json: bool) -> None:
    found = recordings.list_recordings(home)
    if as_json:
        print_json([{**asdict(r), "path": str(r.path)} for r in found])
        return
    if not found:
        console.print("No recordings kept. Answer aloud in prep practice to make one.")
        return
    table = Table(title="Recordings", title_justify="left", box=None, pad_edge=False)
    table.add_column("recording", style="cyan", no_wrap=True)
    table.add_column("made (UTC)", no_wrap=True)
    table.add_column("length", justify="right")
    table.add_column("question")
    for r in found:
        table.add_row(r.id, r.created_at[:16].replace("T", " "), clock(r.seconds), r.question_text)
    console.print(table)
    console.print(
        f"[dim]Kept in {recordings.folder(home)}. Delete one: prep history "
        "--delete-recording ID[/dim]",
        highlight=False,
    )


def delete_recording(console: Console, home: Path, recording_id: str) -> None:
    gone = recordings.delete(home, recording_id)
    console.print(f"Deleted recording {gone.id} (the answer stays in your history).")


def export_recordings(home: Path, output: Path | None) -> tuple[int, Path]:
    """Copy the recordings beside an export written to `output`."""
    if output is None:
        raise PrepError("--with-recordings needs -o FILE: the recordings go in a folder beside it")
    folder = output.with_name(f"{output.stem}-recordings")
    return recordings.copy_all(home, folder), folder


def delivery_line(feedback: Mapping[str, Any], home: Path, answer_id: str) -> str:
    """One line on a stored spoken answer, for `prep history SESSION`."""
    data = feedback.get("delivery")
    data = data if isinstance(data, dict) else {}
    wpm = data.get("words_per_minute")
    pauses = data.get("pauses") or []
    kept = (recordings.folder(home) / f"{answer_id}.wav").is_file()
    return (
        f"delivery: talk {clock(float(data.get('talk_seconds') or 0))}, "
        f"{f'{wpm:.0f} wpm' if isinstance(wpm, int | float) else 'pace unknown'}, "
        f"{counted(len(pauses), 'long pause')}" + (f"; recording {answer_id}" if kept else "")
    )
