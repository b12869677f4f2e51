"""`prep practice`: the daily practice session (the session itself is `practice_flow`).

Its options as typer reads them, and where the answers come from: the terminal, an answers
file, a recording or stdin. A plain `prep practice` in a terminal is usually started by
`cli.quickstart` instead, which reads the same options and runs the same flow.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import read_stdin
from prepcoach.cli.practice import practice_flow

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.content.library import ContentLibrary
    from prepcoach.practice.session import AnswerSource


def practice(
    mode: Annotated[
        str | None,
        typer.Option(
            "--mode", "-m", help="review (due first), quick, mock or weak.", show_default=False
        ),
    ] = None,
    question: Annotated[
        list[str] | None,
        typer.Option(
            "--question",
            "-q",
            metavar="ID",
            help="Practise this question (an id from 'prep questions'); repeat for more.",
            show_default=False,
        ),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=50, help="Questions.")] = 5,
    category: Annotated[str | None, typer.Option("--category", help="e.g. behavioral.")] = None,
    competency: Annotated[str | None, typer.Option("--competency", help="e.g. conflict.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="e.g. sales.")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="first, second or final.")] = None,
    format_id: Annotated[
        str | None, typer.Option("--format", help="Interview format for --mode mock.")
    ] = None,
    interview: Annotated[
        str | None,
        typer.Option("--interview", "-i", help="Interview id or company (tailors feedback)."),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Replay answers from a YAML file ('-' for stdin)."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the last unfinished session.")
    ] = False,
    probes: Annotated[
        int | None,
        typer.Option(
            "--probes",
            min=0,
            max=3,
            help="Follow-up probes after each answer (a mock asks its format's).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    audio: Annotated[
        Path | None,
        typer.Option(
            "--audio",
            metavar="FILE.wav",
            help="Answer aloud from a recording: pace, pauses and a transcript (voice extra).",
        ),
    ] = None,
    speak: Annotated[
        bool, typer.Option("--speak", help="Read the questions aloud (needs espeak-ng).")
    ] = False,
) -> None:
    """Practise interview questions with timing, feedback and spaced repetition.

    Without options you get a short menu. Answers are saved as you give them; Ctrl-C ends the
    session with a summary, and --resume continues it.

    Example: prep practice --mode mock --format second-round
    """
    ctx = get_context()
    library, mode, filters = practice_flow.settle(
        ctx,
        mode=mode,
        category=category,
        competency=competency,
        role=role,
        stage=stage,
        format_id=format_id,
    )
    chosen = tuple(question or ())
    if chosen and (mode or format_id or answers is not None):
        raise typer.BadParameter(
            "choose the questions with --question or plan them with --mode/--format or an "
            "answers file, not both",
            param_hint="--question",
        )

    source, count = _answer_source(ctx, library, answers, audio, count)
    stopped = practice_flow.practise(
        ctx,
        library,
        source,
        mode=mode,
        filters=filters,
        count=count,
        format_id=format_id,
        interview=interview,
        resume=resume,
        probes=probes,
        question_ids=chosen,
        as_json=as_json,
        speak=speak,
    )
    if stopped:  # the summary has said what was kept
        raise typer.Exit(130)


def _answer_source(
    ctx: AppContext, library: ContentLibrary, answers: Path | None, audio: Path | None, count: int
) -> tuple[AnswerSource, int]:
    """Where the answers come from: a file, a recording, stdin or the terminal (and the
    number of questions, one for a single recording)."""
    source: AnswerSource
    if audio is not None:  # --- voice: check the file and the extra before the session starts
        from prepcoach.voice import require_extra
        from prepcoach.voice.audio import check

        if answers is not None:
            raise typer.BadParameter(
                "use one of --audio and --answers (in an answers file, give 'audio:' per answer)",
                param_hint="--audio",
            )
        check(audio)
        require_extra()
    if answers is None and sys.stdin.isatty():
        return practice_flow.terminal_source(ctx, library, audio), count
    from prepcoach.cli.practice.scripted import ScriptedAnswers

    if answers is not None:
        source = _scripted_from(answers)
    elif audio is not None:
        source = ScriptedAnswers([{"audio": str(audio)}], str(audio))
        count = 1
    else:  # piped: the answers come from stdin
        text = read_stdin()
        if not text.strip():
            raise practice_flow.no_terminal()
        source = ScriptedAnswers.parse(text, "<stdin>")
    if isinstance(source, ScriptedAnswers):
        source.home = ctx.home
    return source, count


def _scripted_from(path: Path) -> AnswerSource:
    from prepcoach.cli.practice.scripted import ScriptedAnswers

    if str(path) == "-":
        return ScriptedAnswers.parse(read_stdin(), "<stdin>")
    return ScriptedAnswers.from_file(path)
