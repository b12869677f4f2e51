"""`prep history` and `prep stats`: what you practised and how it is going."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import JsonOption
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.content.library import ContentLibrary
    from prepcoach.practice.store import AnswerRecord, SessionRecord


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
    from prepcoach.practice import store as ps

    ctx = get_context()
    if recordings or delete_recording is not None:  # --- voice: kept recordings
        from prepcoach.cli.practice import voice as voice_flow

        if delete_recording is not None:
            voice_flow.delete_recording(ctx.console, ctx.home, delete_recording)
        else:
            voice_flow.list_recordings(ctx.console, ctx.home, as_json)
        return
    store = ctx.store()
    if question is not None:
        attempts = ps.question_answers(store, question)
        if not attempts:
            library = ctx.library()
            if question not in library.questions:
                library.question(question)  # raises with a did-you-mean
            raise NotFoundError(
                f"no attempts at '{question}' yet; practise it with: "
                f"prep practice --answers FILE or pick it in a session"
            )
        _question_history(ctx.console, attempts, as_json)
        return
    if session is not None:
        record = ps.find_session(store, session)
        if record is None:
            from prepcoach.content.validation import suggest

            known = ps.session_ids(store)
            raise NotFoundError(f"no session '{session}'{suggest(session, known)}")
        _session_detail(
            ctx.console, record, ps.session_answers(store, record.id), as_json, ctx.library()
        )
        return
    sessions = ps.list_sessions(store, limit)
    if as_json:
        print_json([asdict(s) for s in sessions])
        return
    if not sessions:
        ctx.console.print("No practice yet. Start with: prep practice")
        return
    from rich.table import Table

    table = Table(title="Practice sessions", title_justify="left", box=None, pad_edge=False)
    table.add_column("session", style="cyan", no_wrap=True)
    table.add_column("started (UTC)", no_wrap=True)
    table.add_column("mode")
    table.add_column("answered", justify="right")
    table.add_column("avg score", justify="right")
    table.add_column("status")
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


def _session_detail(
    console: Console,
    session: SessionRecord,
    answers: list[AnswerRecord],
    as_json: bool,
    library: ContentLibrary | None = None,
) -> None:
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
            from prepcoach.cli.practice.voice import delivery_line

            line = delivery_line(answer.feedback, get_context().home, answer.id)
            console.print(f"  [dim]{line}[/dim]", highlight=False)
        for finding in answer.feedback.get("findings", []):
            if finding.get("severity") != "good":
                console.print(
                    f"  [yellow]![/yellow] {esc(finding.get('message', ''))}", highlight=False
                )
        for line in _lap_lines(answer, library):
            console.print(f"  [dim]{esc(line)}[/dim]", highlight=False)
        for probe in answer.probes:
            probe_score = probe.get("score")
            console.print(
                f"  [magenta]Follow-up:[/magenta] {esc(str(probe.get('probe', '')))} "
                f"[dim](score {probe_score if probe_score is not None else '-'})[/dim]",
                highlight=False,
            )
            console.print(f"    {esc(str(probe.get('text', '')))}", highlight=False)


def _lap_lines(answer: AnswerRecord, library: ContentLibrary | None) -> list[str]:
    """Time per STAR part against the template's share, when the parts were timed."""
    if not answer.part_seconds or library is None:
        return []
    from prepcoach.cli.practice.practice_cmd import lap_lines
    from prepcoach.practice.rounds import laps

    question = library.questions.get(answer.question_id)
    template = library.star_template_for(question) if question is not None else None
    if template is None:
        return []
    return lap_lines(laps(answer.part_seconds, template))


def _question_history(console: Console, attempts: list[AnswerRecord], as_json: bool) -> None:
    from prepcoach.practice.progress import answer_diff

    diff = answer_diff(attempts[-2].text, attempts[-1].text) if len(attempts) > 1 else []
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


def stats(as_json: JsonOption = False) -> None:
    """Scores by competency and category, your weekly trend, streak and what is due.

    Example: prep stats
    """
    from prepcoach.practice import store as ps
    from prepcoach.practice.progress import sparkline, summarize

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    due, next_due = ps.upcoming_due(store)
    progress = summarize(
        library,
        ps.score_by_question(store),
        ps.score_by_day(store),
        today=clock.now().date(),
        due_now=due,
        next_due=next_due,
    )
    if as_json:
        print_json(asdict(progress))
        return
    console = ctx.console
    if not progress.answers:
        console.print("No practice yet. Start with: prep practice")
        return
    average = f"{progress.average_score:.0f}" if progress.average_score is not None else "-"
    console.print(
        f"[bold]{progress.answers}[/bold] answers to [bold]{progress.questions_practised}"
        f"[/bold] questions, average score [bold]{average}[/bold]. "
        f"Streak: [bold]{progress.streak_days}[/bold] day(s)"
        f"{'' if progress.practised_today else ' (practise today to keep it)'}.",
        highlight=False,
    )
    from rich.table import Table

    for title, groups in (
        ("By competency (weakest first)", progress.by_competency),
        ("By category", progress.by_category),
    ):
        table = Table(title=title, title_justify="left", box=None, pad_edge=False)
        table.add_column("", no_wrap=True)
        table.add_column("answers", justify="right")
        table.add_column("avg score", justify="right")
        table.add_column("", no_wrap=True)
        for group in groups:
            score = group.average_score
            bar = "█" * round((score or 0) / 10)
            table.add_row(
                group.name, str(group.answers), f"{score:.0f}" if score is not None else "-", bar
            )
        console.print()
        console.print(table)
    if progress.untouched_competencies:
        console.print(
            f"\n[dim]Not practised yet: {', '.join(progress.untouched_competencies)}[/dim]"
        )
    if progress.trend:
        line = sparkline([p.average_score for p in progress.trend])
        first, last = progress.trend[0], progress.trend[-1]
        console.print(
            f"\n[bold]Weekly average score[/bold]  {line}  "
            f"[dim]{first.week} → {last.week}, {len(progress.trend)} week(s)[/dim]",
            highlight=False,
        )
    nxt = ""
    if next_due:
        from prepcoach.practice.scheduling import describe_interval

        nxt = f"; the next one comes due {describe_interval(datetime.fromisoformat(next_due))}"
    console.print(f"\nDue for review now: [bold]{due}[/bold]{nxt}.", highlight=False)
