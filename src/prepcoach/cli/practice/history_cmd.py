"""`prep history`: what you practised, one session's answers, or every attempt at a question."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import JsonOption
from prepcoach.cli.render import esc, hanging, print_json

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.practice.history import AnswerRecord, QuestionHistory, SessionDetail
    from prepcoach.practice.rounds import Lap


def history(
    session: Annotated[
        str | None, typer.Argument(help="A session id from the list, to see its answers.")
    ] = None,
    question: Annotated[
        str | None,
        typer.Option("--question", "-q", help="Every attempt at one question, with changes."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Sessions to list.")] = 20,
    recordings: Annotated[
        bool, typer.Option("--recordings", help="The recordings of spoken answers kept.")
    ] = False,
    delete_recording: Annotated[
        str | None,
        typer.Option("--delete-recording", metavar="ID", help="Delete one kept recording."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Your practice sessions; one session's answers; or every attempt at a question.

    Example: prep history --question why-us
    """
    from prepcoach.practice import history as service  # reads the database: only when run

    ctx = get_context()
    if recordings or delete_recording is not None:  # --- voice: kept recordings
        from prepcoach.cli.practice import recordings as kept

        if delete_recording is not None:
            kept.delete_recording(ctx.console, ctx.home, delete_recording)
        else:
            kept.list_recordings(ctx.console, ctx.home, as_json)
        return
    if question is not None:
        _question_history(
            ctx.console, service.question_history(ctx.store(), ctx.library(), question), as_json
        )
        return
    if session is not None:
        _session_detail(
            ctx.console, service.session_detail(ctx.store(), ctx.library(), session), as_json
        )
        return
    sessions = service.sessions(ctx.store(), limit)
    if as_json:
        print_json([asdict(s) for s in sessions])
        return
    if not sessions:
        ctx.console.print("No practice yet. Start with: prep practice")
        return
    from rich.table import Table

    # At 80 columns every column shows whole: only the mode and status may wrap.
    table = Table(title="Practice sessions", title_justify="left", box=None, pad_edge=False)
    table.add_column("session", style="cyan", no_wrap=True)
    table.add_column("started (UTC)", no_wrap=True)
    table.add_column("mode", overflow="fold")
    table.add_column("answered", justify="right", no_wrap=True)
    table.add_column("avg score", justify="right", no_wrap=True)
    table.add_column("status", overflow="fold")
    for s in sessions:
        average = f"{s.average_score:.0f}" if s.average_score is not None else "-"
        table.add_row(
            s.id,
            s.started_at[:16].replace("T", " "),
            s.mode,
            f"{s.answered}/{len(s.planned)}",
            average,
            s.status,
        )
    ctx.console.print(table)
    ctx.console.print("[dim]One session's answers: prep history SESSION[/dim]", highlight=False)


def _answer_dict(answer: AnswerRecord) -> dict[str, Any]:
    return asdict(answer)


def _session_detail(console: Console, detail: SessionDetail, as_json: bool) -> None:
    session, answers = detail.session, detail.answers
    if as_json:
        print_json({**asdict(session), "answers": [_answer_dict(a) for a in answers]})
        return
    console.print(
        f"[bold]Session {session.id}[/bold] [dim]{session.mode}, "
        f"{session.started_at[:16].replace('T', ' ')} UTC, {session.status}[/dim]",
        highlight=False,
    )
    ratings = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
    for answer in answers:
        score = f"{answer.score}/100" if answer.score is not None else "-"
        rating = ratings.get(answer.rating or 0, "not rated")
        console.print(
            f"\n[bold]{esc(answer.question_text)}[/bold]\n[dim]{answer.style}, "
            f"score {score}, {rating}[/dim]",
            highlight=False,
        )
        for key, text in answer.parts.items():
            if text:
                label = "" if key in {"text", "notes"} else f"[cyan]{key.capitalize()}:[/cyan] "
                console.print(f"  {label}{esc(text)}", highlight=False)
        if "delivery" in answer.feedback:  # --- voice: a spoken answer
            from prepcoach.cli.practice.recordings import delivery_line

            line = delivery_line(answer.feedback, get_context().home, answer.id)
            console.print(f"  [dim]{line}[/dim]", highlight=False)
        for finding in answer.feedback.get("findings", []):
            if finding.get("severity") != "good":
                hanging(console, "  [yellow]![/yellow] ", esc(finding.get("message", "")))
        for line in _lap_lines(detail.laps.get(answer.id, [])):
            console.print(f"  [dim]{esc(line)}[/dim]", highlight=False)
        for probe in answer.probes:
            probe_score = probe.get("score")
            console.print(
                f"  [magenta]Follow-up:[/magenta] {esc(str(probe.get('probe', '')))} "
                f"[dim](score {probe_score if probe_score is not None else '-'})[/dim]",
                highlight=False,
            )
            console.print(f"    {esc(str(probe.get('text', '')))}", highlight=False)


def _lap_lines(laps: list[Lap]) -> list[str]:
    """Time per STAR part against the template's share, when the parts were timed."""
    if not laps:
        return []
    from prepcoach.cli.practice.view import lap_lines

    return lap_lines(laps)


def _question_history(console: Console, found: QuestionHistory, as_json: bool) -> None:
    attempts, diff = found.attempts, found.diff
    if as_json:
        print_json({"attempts": [_answer_dict(a) for a in attempts], "diff": diff})
        return
    console.print(f"[bold]{esc(attempts[-1].question_text)}[/bold]", highlight=False)
    previous: int | None = None
    for attempt in attempts:
        score = attempt.score
        change = ""
        if score is not None and previous is not None:
            delta = score - previous
            colour = "green" if delta > 0 else "red" if delta < 0 else "dim"
            change = f" [{colour}]({delta:+d})[/{colour}]"
        console.print(
            f"  {attempt.created_at[:16].replace('T', ' ')}  "
            f"score {score if score is not None else '-'}{change}  {attempt.style}",
            highlight=False,
        )
        previous = score if score is not None else previous
    if diff and all(line.startswith("  ") for line in diff):
        console.print("\n[dim]The last two attempts are the same.[/dim]")
    elif diff:
        console.print("\n[bold]What changed since the previous attempt[/bold]")
        for line in diff:
            style = {"+": "green", "-": "red"}.get(line[:1], "dim")
            console.print(f"[{style}]{esc(line)}[/{style}]", highlight=False)
