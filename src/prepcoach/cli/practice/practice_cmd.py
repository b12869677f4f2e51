"""`prep practice`: the daily practice session.

The run, top to bottom:
1. pick up an unfinished session (--resume) or plan a new one from the options or a menu;
2. for each question: show it, take an answer (STAR-guided, free or aloud, timed), save it at
   once, show the feedback, take a self-rating and reschedule the question;
3. on the last question, or on Ctrl-C, end with a summary and what is due next.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli.content.content_cmd import print_question
from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice, read_stdin
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel.errors import NotInteractiveError

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import InterviewFormat, Question
    from prepcoach.practice.feedback import Feedback
    from prepcoach.practice.history import SessionRecord
    from prepcoach.practice.plan import Filters, History, PlannedQuestion
    from prepcoach.practice.rounds import Lap
    from prepcoach.practice.session import AnswerSource, Rated, Summary
    from prepcoach.voice.delivery import Delivery


def practice(
    mode: Annotated[
        str | None,
        typer.Option(
            "--mode", "-m", help="review (due first), quick, mock or weak.", show_default=False
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
    from prepcoach.cli.practice.answers import ScriptedAnswers
    from prepcoach.content.model import CATEGORIES, STAGES
    from prepcoach.practice.plan import MODES, Filters

    ctx = get_context()
    library = ctx.library()
    check_choice("--mode", mode, MODES)
    check_choice("--category", category, CATEGORIES)
    check_choice("--stage", stage, STAGES)
    check_choice("--competency", competency, tuple(library.competencies))
    check_choice("--role", role, tuple(library.roles))
    if format_id is not None:
        library.get("formats", format_id)
        mode = mode or "mock"
    filters = Filters(category=category, competency=competency, role=role, stage=stage)

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
    if answers is not None:
        source = _scripted_from(answers)
    elif audio is not None and not sys.stdin.isatty():
        source = ScriptedAnswers([{"audio": str(audio)}], str(audio))
        count = 1
    elif not sys.stdin.isatty():  # piped: the answers come from stdin
        text = read_stdin()
        if not text.strip():
            raise _no_terminal()
        source = ScriptedAnswers.parse(text, "<stdin>")
    else:
        source = _terminal_source(ctx, library, audio)
    if isinstance(source, ScriptedAnswers):
        source.home = ctx.home

    # the session's core loads the database and the scheduler: only when practising
    from prepcoach.practice.session import PracticeRun

    view = PracticeView(ctx, as_json=as_json)
    if speak and source.interactive:
        from prepcoach.cli.practice.voice import Speaker

        view.speak = Speaker(ctx.console)
    run = PracticeRun(ctx.store(), library, source, view, home=ctx.home)
    session = run.open_session(
        mode=mode,
        filters=filters,
        count=count,
        format_id=format_id,
        interview=interview,
        resume=resume,
        menu=not any((mode, category, competency, role, stage, format_id)),
        probes=probes,
    )
    run.run(session)


def _no_terminal() -> Exception:
    return NotInteractiveError(
        "practice needs a terminal to ask questions; run it in a terminal, or give answers "
        "with --answers FILE.yaml (or pipe the YAML to stdin)"
    )


def _scripted_from(path: Path) -> AnswerSource:
    from prepcoach.cli.practice.answers import ScriptedAnswers

    if str(path) == "-":
        return ScriptedAnswers.parse(read_stdin(), "<stdin>")
    return ScriptedAnswers.from_file(path)


def _terminal_source(
    ctx: AppContext, library: ContentLibrary, audio: Path | None = None
) -> AnswerSource:
    from prepcoach.cli.practice.answers import TerminalAnswers
    from prepcoach.cli.practice.voice import AloudInTerminal
    from prepcoach.cli.prompts import make_prompter
    from prepcoach.practice.session import story_starts

    prompter = make_prompter(hint="Use --answers FILE.yaml to practise without a terminal.")
    if not prompter.interactive:
        raise _no_terminal()
    return TerminalAnswers(
        prompter,
        ctx.console,
        show_details=lambda q: _print_details(ctx, library, q),
        story_starts=lambda q: story_starts(ctx.store(), library, q),
        edit_text=lambda q: _edit_answer(ctx, q),
        aloud=AloudInTerminal(prompter, ctx.console, ctx.home, audio),
        default_style="aloud" if audio is not None else None,
    )


def _edit_answer(ctx: AppContext, question: Question) -> str:
    """Write the answer in $EDITOR; the text stays in drafts until the answer is saved."""
    from prepcoach.cli.editor import edit_once
    from prepcoach.data.drafts import EditDraft

    header = f"# {question.text}\n# Write your answer below. Lines starting with # are ignored.\n"
    return edit_once(EditDraft(ctx.home, "answer", question.id), header + "\n", resume=True)


def _print_details(ctx: AppContext, library: ContentLibrary, question: Question) -> None:

    print_question(question, library)


class PracticeView:
    """What a practice session shows in the terminal (nothing but the summary with --json)."""

    def __init__(self, ctx: AppContext, *, as_json: bool = False) -> None:
        self.ctx = ctx
        self.console = ctx.console
        self.as_json = as_json
        self.speak: Callable[[str], None] | None = None  # --speak

    def confirm_resume(self, unfinished: SessionRecord) -> bool:
        from prepcoach.cli.prompts import make_prompter

        when = unfinished.started_at[:16].replace("T", " ")
        return bool(
            make_prompter().confirm(
                "practice.resume",
                f"You have an unfinished session from {when} UTC "
                f"({unfinished.answered} of {len(unfinished.planned)} answered). Resume it?",
                default=True,
            )
        )

    def choose_plan(
        self, history: History, filters: Filters, library: ContentLibrary
    ) -> tuple[str, str | None, Filters]:

        from prepcoach.cli.prompts import Choice, make_prompter

        prompter = make_prompter()
        choices = [
            Choice(f"Review: {len(history.due)} due, then new ones", "review", key="r"),
            Choice("Quick: a few questions I have not practised", "quick", key="q"),
            Choice("Mock interview: a whole second round, in order", "mock", key="m"),
            Choice(f"Weak spots: {len(history.weak)} question(s) to work on", "weak", key="w"),
            Choice("One competency (e.g. conflict, leadership)...", "competency", key="c"),
        ]
        picked = prompter.select(
            "practice.mode",
            "What would you like to practise?",
            choices,
            default="review" if history.due else "quick",
            instant=True,
        )
        if picked == "mock":
            formats = [
                Choice(f"{f.title} ({f.minutes} min)", f.id, description=f.description)
                for f in library.formats.values()
            ]
            chosen = prompter.select(
                "practice.format",
                "Which interview?",
                formats,
                default="second-round" if "second-round" in library.formats else None,
            )
            return "mock", str(chosen), filters
        if picked == "competency":
            comps = [Choice(c.name, c.id) for c in library.competencies.values()]
            chosen = prompter.select("practice.competency", "Which competency?", comps)
            return "quick", None, replace(filters, competency=str(chosen))
        return str(picked), None, filters

    def started(self, mode: str, planned: int, filters: Filters, due: int) -> None:
        self._say(
            f"[bold]Practice[/bold]: {mode}, {planned} question(s)"
            f" [dim]({filters.describe()}; {due} due for review)[/dim]"
        )

    def tailored_to(self, label: str) -> None:
        self._say(f"[dim]Feedback is tailored to {label}.[/dim]")

    def role_from(self, role: str, source: str) -> None:
        self._say(f"[dim]Role questions for {role}, from {source}.[/dim]")

    def resumed(self, session: SessionRecord) -> None:
        self._say(
            f"[bold]Resuming[/bold] the {session.mode} session from "
            f"{session.started_at[:16].replace('T', ' ')} UTC: "
            f"{len(session.planned) - session.answered} question(s) left."
        )

    def heading(self, item: PlannedQuestion, index: int, total: int) -> None:
        from prepcoach.practice.plan import CANDIDATE_QUESTIONS

        # The closing step is named by its question, printed next: not twice.
        shown = item.step and item.question_id != CANDIDATE_QUESTIONS
        step = f" · {item.step}" if shown else ""
        self._say(f"\n[bold cyan]Question {index} of {total}[/bold cyan][dim]{step}[/dim]")

    def question(self, question: Question) -> None:
        minutes = f"{question.target_seconds // 60}:{question.target_seconds % 60:02d}"
        self._say(f"[bold]{esc(question.text)}[/bold]")
        self._say(
            f"[dim]{question.category} · {', '.join(question.stages)} round · "
            f"aim for about {minutes}[/dim]"
        )
        if self.speak is not None:
            self.speak(question.text)

    def delivery(self, delivery: Delivery) -> None:
        if not self.as_json:
            from prepcoach.cli.practice.voice import show_delivery

            show_delivery(self.console, delivery)

    def feedback(self, feedback: Feedback) -> None:
        if self.as_json:
            return
        from prepcoach.cli.practice.answers import _clock
        from prepcoach.practice.feedback import PART_MAXIMA

        score = feedback.score
        if score is None:
            self._say(f"\n[bold]Not scored[/bold]  [dim]about {_clock(feedback.seconds)}[/dim]")
        else:
            colour = "green" if score >= 75 else "yellow" if score >= 50 else "red"
            self._say(
                f"\n[bold {colour}]Score {score}/100[/bold {colour}]  "
                f"[dim]{feedback.word_count} words · about {_clock(feedback.seconds)} spoken[/dim]"
            )
            parts = " · ".join(
                f"{part} {feedback.parts.get(part, 0)}/{top}" for part, top in PART_MAXIMA.items()
            )
            self._say(f"[dim]{parts}[/dim]")
        marks = {"good": "[green]✓[/green]", "tip": "[cyan]•[/cyan]", "warn": "[yellow]![/yellow]"}
        for finding in feedback.findings:
            self._say(f" {marks.get(finding.severity, '•')} {esc(finding.message)}")
            if finding.severity != "good" and finding.tip:
                self._say(f"   [dim]→ {esc(finding.tip)}[/dim]")

    def rated(self, rated: Rated) -> None:
        from prepcoach.practice import scheduling

        note = (
            f" (you said {rated.given.label}; the score of {rated.score} tempered it)"
            if (rated.rating != rated.given and rated.score is not None)
            else ""
        )
        when = scheduling.describe_interval(rated.due)
        self._say(f"[dim]Rated {rated.rating.label}{note}. It comes back {when}.[/dim]")

    def candidate_questions(self) -> None:
        self._say("[bold]Do you have any questions for us?[/bold]")

    def shortlist_note(self, note: str) -> None:
        self._say(f"[dim]{note}[/dim]")

    def asked(self, texts: list[str]) -> None:
        if not texts:
            self._say(
                "[yellow]![/yellow] Always have two or three ready: not asking any can read as "
                "a lack of interest."
            )
        for text in texts:
            self._say(f" • {text}")

    def stopped(self) -> None:
        from prepcoach.cli.prompts import kept_note

        self._say("\n[yellow]Stopped.[/yellow] Your answers so far are saved.")
        note = kept_note()
        if note:
            self._say(f"[dim]{esc(note)}[/dim]")

    def requeued(self, later: int) -> None:
        when = "next" if later == 0 else f"after {later} more question{'s' if later > 1 else ''}"
        self._say(f"[dim]You will get it again in this session, {when}.[/dim]")

    def kept(self, message: str) -> None:
        self._say(f"[dim]{esc(message)}[/dim]")

    # ------------------------------------------------------------------ the round
    def brief(self, interview_format: InterviewFormat) -> None:
        self._say(f"\n[bold]{esc(interview_format.title)}[/bold]")
        if interview_format.brief:
            self._say(esc(interview_format.brief.strip()))

    def step(self, title: str, note: str) -> None:
        if note:
            self._say(f"[italic]{esc(note.strip())}[/italic]")

    def clock(self, elapsed: float, minutes: int) -> None:
        from prepcoach.cli.practice.answers import _clock

        over = "  [yellow]over time[/yellow]" if elapsed > minutes * 60 else ""
        self._say(f"[dim]round {_clock(elapsed)} of {_clock(minutes * 60)}[/dim]{over}")

    def probe(self, text: str, index: int, total: int) -> None:
        count = f" {index} of {total}" if total > 1 else ""
        self._say(f"\n[bold magenta]Follow-up{count}[/bold magenta]: [bold]{esc(text)}[/bold]")

    def probe_feedback(self, text: str, feedback: Feedback | None) -> None:
        if feedback is None or feedback.score is None:
            return
        from prepcoach.cli.practice.answers import _clock

        self._say(
            f"[bold]Follow-up[/bold] {esc(_short(text))}: {feedback.score}/100 "
            f"[dim]({feedback.word_count} words, about {_clock(feedback.seconds)})[/dim]"
        )
        tip = next((f for f in feedback.findings if f.severity != "good"), None)
        if tip is not None:
            self._say(f"   [dim]→ {esc(tip.tip or tip.message)}[/dim]")

    def laps(self, laps: list[Lap]) -> None:
        if not laps:
            return
        self._say("[dim]Time per part:[/dim]")
        for line in lap_lines(laps):
            self._say(f" [dim]{esc(line)}[/dim]")

    # ------------------------------------------------------------------ the summary
    def summary(self, summary: Summary) -> None:
        from prepcoach.practice import scheduling

        session, due, next_due = summary.session, summary.due_now, summary.next_due
        if self.as_json:
            print_json(
                {
                    "session": session.id,
                    "mode": session.mode,
                    "status": summary.status,
                    "answers": summary.results,
                    "due_now": due,
                    "next_due": next_due,
                    "steps": [
                        {"title": s.title, "seconds": round(s.seconds, 1), "minutes": s.minutes}
                        for s in summary.steps
                    ],
                    "interview": (
                        None
                        if summary.interview is None
                        else {
                            "label": summary.interview.label,
                            "days_left": summary.interview.days_left,
                            "due_before": summary.interview.due_before,
                        }
                    ),
                }
            )
            return
        scored = [r for r in summary.results if r.get("score") is not None]
        self._say("")
        if scored:
            from rich.table import Table

            table = Table(title="This session", title_justify="left")
            table.add_column("question")
            table.add_column("score", justify="right")
            table.add_column("rating")
            table.add_column("back")
            for r in scored:
                when = scheduling.describe_interval(datetime.fromisoformat(r["due"]))
                table.add_row(r["question"], str(r["score"]), r["rating"].capitalize(), when)
            self.console.print(table)
        else:
            self._say("No answers rated in this session.")
        if summary.steps:
            from prepcoach.cli.practice.answers import _clock

            self._say("[bold]Time per step[/bold]")
            for step in summary.steps:
                aim = f" of {_clock(step.minutes * 60)}" if step.minutes else ""
                over = (
                    " [yellow](over)[/yellow]"
                    if step.minutes and step.seconds > step.minutes * 60
                    else ""
                )
                self._say(f" {esc(step.title)}: {_clock(step.seconds)}{aim}{over}")
            total = sum(step.seconds for step in summary.steps)
            limit = f" of {_clock(summary.round_minutes * 60)}" if summary.round_minutes else ""
            self._say(f" [dim]The round: {_clock(total)}{limit}[/dim]")
        if summary.status == "interrupted" and summary.left:
            self._say("Continue where you left off with: [bold]prep practice --resume[/bold]")
        if summary.interview is not None:
            countdown = summary.interview
            left = countdown.days_left
            days = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
            self._say(
                f"[bold]{esc(countdown.label)}[/bold] is {days}: "
                f"{countdown.due_before} question(s) come due for review before it."
            )
        upcoming = ""
        if next_due:
            upcoming = (
                f"; next one {scheduling.describe_interval(datetime.fromisoformat(next_due))}"
            )
        self._say(f"[dim]Due for review now: {due}{upcoming}. History: prep history[/dim]")

    def _say(self, text: str) -> None:
        if not self.as_json:
            self.console.print(text, highlight=False)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def lap_lines(laps: list[Lap]) -> list[str]:
    """'Situation 0:40 of 2:10: 31 %, aim for about 15 %', one line a part."""
    from prepcoach.cli.practice.answers import _clock

    total = sum(lap.seconds for lap in laps)
    return [
        f"{lap.label} {_clock(round(lap.seconds))} of {_clock(round(total))}: "
        f"{round(lap.share * 100)} %, "
        f"aim for about {round(lap.aim * 100)} %"
        for lap in laps
    ]
