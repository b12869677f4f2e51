"""`prep practice`: the daily practice session.

The run, top to bottom:
1. pick up an unfinished session (--resume) or plan a new one from the options or a menu;
2. for each question: show it, take an answer (STAR-guided, free or aloud, timed), save it at
   once, show the feedback, take a self-rating and reschedule the question;
3. on the last question, or on Ctrl-C, end with a summary and what is due next.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli import prompts
from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice, read_stdin
from prepcoach.kernel.errors import NotInteractiveError

# What only some answers need (the details screen, the editor, a recording, an answers file)
# is imported when first used: the first question is on screen before any of it is needed.

if TYPE_CHECKING:
    from collections.abc import Callable

    from prepcoach.cli.context import AppContext
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import Question
    from prepcoach.practice.session import AnswerSource, GivenAnswer, PracticeRun


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
    from prepcoach.content.model import CATEGORIES, STAGES
    from prepcoach.practice.plan import MODES, Filters

    ctx = get_context()
    library = _localized(ctx)
    check_choice("--mode", mode, MODES)
    check_choice("--category", category, CATEGORIES)
    check_choice("--stage", stage, STAGES)
    check_choice("--competency", competency, tuple(library.competencies))
    check_choice("--role", role, tuple(library.roles))
    if format_id is not None:
        library.get("formats", format_id)
        mode = mode or "mock"
    filters = Filters(category=category, competency=competency, role=role, stage=stage)
    chosen = tuple(question or ())
    if chosen and (mode or format_id or answers is not None):
        raise typer.BadParameter(
            "choose the questions with --question or plan them with --mode/--format or an "
            "answers file, not both",
            param_hint="--question",
        )

    source, count = _answer_source(ctx, library, answers, audio, count)

    # the session's core loads the database and the scheduler: only when practising
    from prepcoach.cli.practice.view import PracticeView
    from prepcoach.practice.session import PracticeRun

    view = PracticeView(ctx, as_json=as_json)
    if speak and source.interactive:
        from prepcoach.cli.practice.voice import Speaker

        view.speak = Speaker(ctx.console)
    run = PracticeRun(ctx.store(), library, source, view, home=ctx.home)
    if source.interactive:
        _offer_unfinished(ctx, library, run, source)
    session = run.open_session(
        mode=mode,
        filters=filters,
        count=count,
        format_id=format_id,
        interview=interview,
        resume=resume,
        menu=not any((mode, category, competency, role, stage, format_id, chosen)),
        probes=probes,
        question_ids=chosen,
    )
    if run.run(session).stopped:  # the summary has said what was kept
        from prepcoach.cli.keep import stop_told

        stop_told()
        raise typer.Exit(130)


def _offer_unfinished(
    ctx: AppContext, library: ContentLibrary, run: PracticeRun, source: AnswerSource
) -> None:
    """An answer left unfinished when prep last stopped (killed, the terminal closed) is
    offered before anything else, whatever the plan asks first: taken up, its question comes
    first with the text kept; declined, its drafts are discarded."""
    from prepcoach.cli.practice.answers import TerminalAnswers
    from prepcoach.practice.session import unfinished_answers

    if not isinstance(source, TerminalAnswers):
        return
    for unfinished in unfinished_answers(ctx.home, library):
        label = " ".join(unfinished.question.text.split())
        label = label if len(label) <= 60 else label[:57] + "..."
        if source.prompter.confirm(
            "practice.unfinished",
            f"You have an unfinished answer to '{label}' ({unfinished.words} words). Continue it?",
            default=True,
        ):
            run.first = unfinished
            source.resume(unfinished)
            ctx.console.print(
                "[dim]It is asked first, with what you had typed; its draft is removed once "
                "the answer is saved.[/dim]"
            )
            return
        ctx.drafts.discard(unfinished.keys)
        ctx.console.print(f"Discarded the unfinished answer to '{label}'.", markup=False)


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
        return _terminal_source(ctx, library, audio), count
    from prepcoach.cli.practice.scripted import ScriptedAnswers

    if answers is not None:
        source = _scripted_from(answers)
    elif audio is not None:
        source = ScriptedAnswers([{"audio": str(audio)}], str(audio))
        count = 1
    else:  # piped: the answers come from stdin
        text = read_stdin()
        if not text.strip():
            raise _no_terminal()
        source = ScriptedAnswers.parse(text, "<stdin>")
    if isinstance(source, ScriptedAnswers):
        source.home = ctx.home
    return source, count


def _no_terminal() -> Exception:
    return NotInteractiveError(
        "practice needs a terminal to ask questions; run it in a terminal, or give answers "
        "with --answers FILE.yaml (or pipe the YAML to stdin)"
    )


def _scripted_from(path: Path) -> AnswerSource:
    from prepcoach.cli.practice.scripted import ScriptedAnswers

    if str(path) == "-":
        return ScriptedAnswers.parse(read_stdin(), "<stdin>")
    return ScriptedAnswers.from_file(path)


def _terminal_source(
    ctx: AppContext, library: ContentLibrary, audio: Path | None = None
) -> AnswerSource:
    from prepcoach.cli.practice.answers import TerminalAnswers
    from prepcoach.practice.session import story_starts

    prompter = prompts.make_prompter(hint="Use --answers FILE.yaml to practise without a terminal.")
    if not prompter.interactive:
        raise _no_terminal()
    return TerminalAnswers(
        prompter,
        ctx.console,
        show_details=lambda q: _print_details(ctx, library, q),
        story_starts=lambda q: story_starts(ctx.store(), library, q),
        edit_text=lambda q: _edit_answer(ctx, q),
        aloud=_Aloud(prompter, ctx, audio),
        default_style="aloud" if audio is not None else None,
    )


class _Aloud:
    """The aloud answer (`cli.practice.voice.AloudInTerminal`), made on the first one."""

    def __init__(self, prompter: prompts.Prompter, ctx: AppContext, audio: Path | None) -> None:
        self.prompter, self.ctx, self.audio = prompter, ctx, audio
        self._take: Callable[[Question, float], GivenAnswer | None] | None = None

    def __call__(self, question: Question, target: float) -> GivenAnswer | None:
        if self._take is None:
            from prepcoach.cli.practice.voice import AloudInTerminal

            ctx = self.ctx
            self._take = AloudInTerminal(self.prompter, ctx.console, ctx.home, self.audio)
        return self._take(question, target)


def _edit_answer(ctx: AppContext, question: Question) -> str:
    """Write the answer in $EDITOR; the text stays in drafts until the answer is saved."""
    from prepcoach.cli.editor import edit_once
    from prepcoach.data.drafts import EditDraft

    header = f"# {question.text}\n# Write your answer below. Lines starting with # are ignored.\n"
    return edit_once(EditDraft(ctx.home, "answer", question.id), header + "\n", resume=True)


def _print_details(ctx: AppContext, library: ContentLibrary, question: Question) -> None:
    from prepcoach.cli.content.content_cmd import print_question

    print_question(question, library)


def _localized(ctx: AppContext) -> ContentLibrary:
    """The content in the words of the profile's locale ("CV" or "resume")."""
    from prepcoach.content.locales import localized
    from prepcoach.profile import service

    library = ctx.library()
    return localized(library, service.locale(ctx.store(), library))
