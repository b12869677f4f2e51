"""The practice session, from the options read to the summary: what `prep practice` runs,
whether typer read its options (`practice_cmd`) or the quick start did (`cli.quickstart`).

The run, top to bottom:
1. pick up an unfinished session (--resume) or plan a new one from the options or a menu;
2. for each question: show it, take an answer (STAR-guided, free or aloud, timed), save it at
   once, show the feedback, take a self-rating and reschedule the question;
3. on the last question, or on Ctrl-C, end with a summary and what is due next.

Nothing here imports typer: the quick start shows the first question without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from prepcoach.cli import prompts
from prepcoach.cli.inputs import check_choice
from prepcoach.kernel.errors import NotInteractiveError

# What only some answers need (the details screen, the editor, a recording, an answers file)
# is imported when first used: the first question is on screen before any of it is needed.

if TYPE_CHECKING:
    from collections.abc import Callable

    from prepcoach.cli.context import AppContext
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import Question
    from prepcoach.practice.plan import Filters
    from prepcoach.practice.session import AnswerSource, GivenAnswer, PracticeRun


def settle(
    ctx: AppContext,
    *,
    mode: str | None,
    category: str | None,
    competency: str | None,
    role: str | None,
    stage: str | None,
    format_id: str | None,
) -> tuple[ContentLibrary, str | None, Filters]:
    """The content in the profile's words, the mode (a format means a mock) and the filters,
    once every choice is checked (a wrong one is a usage error, with a did-you-mean)."""
    from prepcoach.content.model import CATEGORIES, STAGES
    from prepcoach.practice.plan import MODES, Filters

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
    return library, mode, filters


def practise(
    ctx: AppContext,
    library: ContentLibrary,
    source: AnswerSource,
    *,
    mode: str | None,
    filters: Filters,
    count: int,
    format_id: str | None,
    interview: str | None,
    resume: bool,
    probes: int | None,
    question_ids: tuple[str, ...],
    as_json: bool = False,
    speak: bool = False,
) -> bool:
    """Run the session to its summary; True when it was stopped (the summary said what was
    kept, and the run ends with exit 130)."""
    # the session's core loads the database and the scheduler: only when practising
    from prepcoach.cli.practice.view import PracticeView
    from prepcoach.practice.session import PracticeRun

    view = PracticeView(ctx, as_json=as_json)
    if speak and source.interactive:
        from prepcoach.cli.practice.voice import Speaker

        view.speak = Speaker(ctx.console)
    run = PracticeRun(ctx.store(), library, source, view, home=ctx.home)
    if hasattr(source, "first_round_notes"):
        source.first_round_notes = run.first_round_notes
    if source.interactive:
        _offer_unfinished(ctx, library, run, source)
    session = run.open_session(
        mode=mode,
        filters=filters,
        count=count,
        format_id=format_id,
        interview=interview,
        resume=resume,
        menu=not any((mode, *_filter_values(filters), format_id, question_ids)),
        probes=probes,
        question_ids=question_ids,
    )
    if run.run(session).stopped:
        from prepcoach.cli.keep import stop_told

        stop_told()
        return True
    return False


def _filter_values(filters: Filters) -> tuple[str | None, ...]:
    return (filters.category, filters.competency, filters.role, filters.stage)


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


def no_terminal() -> Exception:
    return NotInteractiveError(
        "practice needs a terminal to ask questions; run it in a terminal, or give answers "
        "with --answers FILE.yaml (or pipe the YAML to stdin)"
    )


def terminal_source(
    ctx: AppContext, library: ContentLibrary, audio: Path | None = None
) -> AnswerSource:
    """Answers typed (or spoken) in the terminal, asked through the one prompter."""
    from prepcoach.cli.practice.answers import TerminalAnswers
    from prepcoach.practice.session import story_starts

    prompter = prompts.make_prompter(hint="Use --answers FILE.yaml to practise without a terminal.")
    if not prompter.interactive:
        raise no_terminal()
    return TerminalAnswers(
        prompter,
        ctx.console,
        show_details=lambda q: _print_details(ctx, library, q),
        story_starts=lambda q: story_starts(ctx.store(), library, q),
        edit_text=lambda q: edit_answer(ctx, q),
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


def edit_answer(ctx: AppContext, question: Question) -> str:
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
