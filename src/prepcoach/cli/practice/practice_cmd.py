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
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.practice.answers import AnswerSource
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import Question
    from prepcoach.practice.feedback import Feedback, FeedbackContext
    from prepcoach.practice.plan import Filters, PlannedQuestion
    from prepcoach.practice.store import SessionRecord


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
    if audio is not None:  # --- voice: check the file before the session starts
        from prepcoach.voice.audio import check

        if answers is not None:
            raise typer.BadParameter(
                "use one of --audio and --answers (in an answers file, give 'audio:' per answer)",
                param_hint="--audio",
            )
        check(audio)
    if answers is not None:
        source = _scripted_from(answers)
    elif audio is not None and not sys.stdin.isatty():
        source = ScriptedAnswers([{"audio": str(audio)}], str(audio))
        count = 1
    elif not sys.stdin.isatty():  # piped: the answers come from stdin
        text = sys.stdin.read()
        if not text.strip():
            raise _no_terminal()
        source = ScriptedAnswers.parse(text, "<stdin>")
    else:
        source = _terminal_source(ctx, library, audio)
    if isinstance(source, ScriptedAnswers):
        source.home = ctx.home

    run = PracticeRun(ctx, library, source, as_json=as_json)
    if speak and source.interactive:
        from prepcoach.cli.practice.voice import Speaker

        run.speak = Speaker(ctx.console)
    run.preferred_style = "aloud" if audio is not None else None
    session = run.open_session(
        mode=mode,
        filters=filters,
        count=count,
        format_id=format_id,
        interview=interview,
        resume=resume,
        menu=not any((mode, category, competency, role, stage, format_id)),
    )
    run.run(session)


def _no_terminal() -> Exception:
    from prepcoach.kernel.errors import NotInteractiveError

    return NotInteractiveError(
        "practice needs a terminal to ask questions; run it in a terminal, or give answers "
        "with --answers FILE.yaml (or pipe the YAML to stdin)"
    )


def _scripted_from(path: Path) -> AnswerSource:
    from prepcoach.cli.practice.answers import ScriptedAnswers

    if str(path) == "-":
        return ScriptedAnswers.parse(sys.stdin.read(), "<stdin>")
    return ScriptedAnswers.from_file(path)


def _terminal_source(
    ctx: AppContext, library: ContentLibrary, audio: Path | None = None
) -> AnswerSource:
    from prepcoach.cli.practice.answers import TerminalAnswers
    from prepcoach.cli.practice.voice import AloudInTerminal
    from prepcoach.cli.prompts import make_prompter

    prompter = make_prompter(hint="Use --answers FILE.yaml to practise without a terminal.")
    if not prompter.interactive:
        raise _no_terminal()
    return TerminalAnswers(
        prompter,
        ctx.console,
        show_details=lambda q: _print_details(ctx, library, q),
        story_starts=lambda q: _story_starts(ctx, library, q),
        edit_text=lambda q: _edit_answer(ctx, q),
        aloud=AloudInTerminal(prompter, ctx.console, ctx.home, audio),
    )


def _edit_answer(ctx: AppContext, question: Question) -> str:
    """Write the answer in $EDITOR; the text stays in drafts until the answer is saved."""
    from prepcoach.cli.editor import run_editor
    from prepcoach.store import drafts

    header = f"# {question.text}\n# Write your answer below. Lines starting with # are ignored.\n"
    path = drafts.draft_path(ctx.home, "answer", question.id)
    if drafts.load_draft(ctx.home, "answer", question.id) is None:
        drafts.save_draft(ctx.home, "answer", question.id, header + "\n")
    run_editor(path)
    text = drafts.load_draft(ctx.home, "answer", question.id) or ""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()


def _print_details(ctx: AppContext, library: ContentLibrary, question: Question) -> None:
    from prepcoach.cli.content.content_cmd import print_question

    print_question(question, library)


def _story_starts(
    ctx: AppContext, library: ContentLibrary, question: Question
) -> list[tuple[str, str, dict[str, str]]]:
    """Stories from the bank that suit the question: (id, title, parts) for a STAR start."""
    from prepcoach.stories import store as story_store
    from prepcoach.stories.core import match_stories

    stories = story_store.list_stories(ctx.store())
    if not stories:
        return []
    names = {c.id: c.name for c in library.competencies.values()}
    ranked = match_stories(stories, question.text, question.competencies, competency_names=names)[
        :3
    ]
    return [(m.story.id, m.story.title, dict(m.story.parts)) for m in ranked]


class PracticeRun:
    """One practice session, from the first question to the summary."""

    def __init__(
        self,
        ctx: AppContext,
        library: ContentLibrary,
        source: AnswerSource,
        *,
        as_json: bool = False,
    ) -> None:
        self.ctx = ctx
        self.library = library
        self.source = source
        self.store = ctx.store()
        self.console = ctx.console
        self.as_json = as_json
        self.results: list[dict[str, Any]] = []
        self.feedback_context: FeedbackContext | None = None
        self.interview_label: str | None = None
        self.speak: Callable[[str], None] | None = None  # --speak
        self.preferred_style: str | None = None  # "aloud" with --audio

    # ------------------------------------------------------------------ 1. the session
    def open_session(
        self,
        *,
        mode: str | None,
        filters: Filters,
        count: int,
        format_id: str | None,
        interview: str | None,
        resume: bool,
        menu: bool,
    ) -> SessionRecord:
        from prepcoach.practice import store as ps
        from prepcoach.practice.plan import History, default_mode, plan_session

        unfinished = ps.unfinished_session(self.store)
        if resume:
            if unfinished is None:
                from prepcoach.kernel.errors import PrepError

                raise PrepError(
                    "there is no unfinished session to resume; start one with 'prep practice'"
                )
            return self._resume(unfinished)
        if unfinished is not None and unfinished.answered and self.source.interactive:
            from prepcoach.cli.prompts import make_prompter

            when = unfinished.started_at[:16].replace("T", " ")
            if make_prompter().confirm(
                "practice.resume",
                f"You have an unfinished session from {when} UTC "
                f"({unfinished.answered} of {len(unfinished.planned)} answered). Resume it?",
                default=True,
            ):
                return self._resume(unfinished)
        interview_id = self._interview(interview)
        history = History(
            due=ps.due_question_ids(self.store),
            weak=ps.weak_question_ids(self.store),
            practised=ps.practised_ids(self.store),
        )
        scripted_ids = getattr(self.source, "question_ids", None)
        if scripted_ids and not mode:
            for qid in scripted_ids:
                self.library.question(qid)
            chosen_mode = "scripted"
            plan = [{"question_id": q, "reason": "new", "step": None} for q in scripted_ids]
        else:
            if menu and self.source.interactive:
                mode, format_id, filters = self._menu(history, filters)
            chosen_mode = mode or default_mode(history)
            seed = len(ps.session_ids(self.store))
            planned = plan_session(
                self.library,
                chosen_mode,  # type: ignore[arg-type]
                filters,
                history,
                count=count,
                format_id=format_id,
                seed=seed,
            )
            plan = [p.as_dict() for p in planned]
        options = {"filters": filters.as_dict(), "count": count, "format": format_id}
        session_id = ps.start_session(
            self.store, mode=chosen_mode, planned=plan, options=options, interview_id=interview_id
        )
        session = ps.get_session(self.store, session_id)
        assert session is not None
        due, _ = ps.upcoming_due(self.store)
        self._say(
            f"[bold]Practice[/bold]: {chosen_mode}, {len(plan)} question(s)"
            f" [dim]({filters.describe()}; {due} due for review)[/dim]"
        )
        if self.interview_label:
            self._say(f"[dim]Feedback is tailored to {self.interview_label}.[/dim]")
        return session

    def _resume(self, session: SessionRecord) -> SessionRecord:
        from prepcoach.practice import store as ps

        ps.resume_session(self.store, session.id)
        self._interview(None, session.interview_id)
        self._say(
            f"[bold]Resuming[/bold] the {session.mode} session from "
            f"{session.started_at[:16].replace('T', ' ')} UTC: "
            f"{len(session.planned) - session.answered} question(s) left."
        )
        return session

    def _interview(self, reference: str | None, interview_id: str | None = None) -> str | None:
        """Resolve --interview and prepare what feedback can check against: the company,
        role, research, salary range and first-round notes (see `kit.feedback_extras`)."""
        from prepcoach.interviews import store as interview_store
        from prepcoach.kernel.errors import NotFoundError
        from prepcoach.kit.core import feedback_extras
        from prepcoach.practice.feedback import FeedbackContext

        if reference is None and interview_id is None:
            # No --interview: tailor to the interview being prepared for, if there is one.
            try:
                found = interview_store.find_interview(self.store, None)
            except NotFoundError:
                return None
        else:
            found = (
                interview_store.find_interview(self.store, reference)
                if reference is not None
                else interview_store.get_interview(self.store, interview_id or "")
            )
        self.interview_label = found.label()
        research, salary_range, notes = feedback_extras(self.store, found)
        self.feedback_context = FeedbackContext(
            company=found.company,
            role=found.role or None,
            research_terms=research,
            salary_range=salary_range,
            first_interview_notes=notes,
        )
        return found.id

    def _menu(self, history: Any, filters: Filters) -> tuple[str, str | None, Filters]:
        from dataclasses import replace

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
        )
        if picked == "mock":
            formats = [
                Choice(f"{f.title} ({f.minutes} min)", f.id, description=f.description)
                for f in self.library.formats.values()
            ]
            chosen = prompter.select("practice.format", "Which interview?", formats)
            return "mock", str(chosen), filters
        if picked == "competency":
            comps = [Choice(c.name, c.id) for c in self.library.competencies.values()]
            chosen = prompter.select("practice.competency", "Which competency?", comps)
            return "quick", None, replace(filters, competency=str(chosen))
        return str(picked), None, filters

    # ------------------------------------------------------------------ 2. the questions
    def run(self, session: SessionRecord) -> None:
        from prepcoach.practice import store as ps
        from prepcoach.practice.plan import CANDIDATE_QUESTIONS, PlannedQuestion

        answered = [a.question_id for a in ps.session_answers(self.store, session.id)]
        plan = [PlannedQuestion.from_dict(p) for p in session.planned]
        todo = list(plan)
        for qid in answered:  # resume: drop what was answered, once per answer
            match = next((p for p in todo if p.question_id == qid), None)
            if match is not None:
                todo.remove(match)
        status = "finished"
        try:
            for index, item in enumerate(todo, start=len(plan) - len(todo) + 1):
                self._say(self._heading(item, index, len(plan)))
                if item.question_id == CANDIDATE_QUESTIONS:
                    self._candidate_questions(session)
                    continue
                if not self._ask(session, self.library.question(item.question_id)):
                    status = "interrupted"
                    break
        except KeyboardInterrupt:
            status = "interrupted"
            self._say("\n[yellow]Stopped.[/yellow] Your answers so far are saved.")
        ps.end_session(self.store, session.id, status)
        self._summary(session, status)

    def _heading(self, item: PlannedQuestion, index: int, total: int) -> str:
        step = f" · {item.step}" if item.step else ""
        return f"\n[bold cyan]Question {index} of {total}[/bold cyan][dim]{step}[/dim]"

    def _ask(self, session: SessionRecord, question: Question) -> bool:
        """One question, start to finish. False when the user ends the session."""
        from rich.markup import escape

        from prepcoach.practice import store as ps

        minutes = f"{question.target_seconds // 60}:{question.target_seconds % 60:02d}"
        self._say(f"[bold]{escape(question.text)}[/bold]")
        self._say(
            f"[dim]{question.category} · {', '.join(question.stages)} round · "
            f"aim for about {minutes}[/dim]"
        )
        if self.speak is not None:
            self.speak(question.text)
        default = "star" if question.answer_format == "star" else "free"
        default = self.preferred_style or default
        style = self.source.choose(question, default)
        if style == "quit":
            return False
        if style == "skip":
            return True
        template = self.library.star_template_for(question) if style == "star" else None
        given = self.source.answer(question, style, template)
        feedback = self._feedback(question, given, template)
        answer_id = ps.save_answer(
            self.store,
            session_id=session.id,
            question_id=question.id,
            question_text=question.text,
            style=given.style,
            parts=given.parts,
            seconds=given.seconds,
            part_seconds=given.part_seconds,
            score=feedback.score if feedback else None,
            feedback={**_feedback_dict(feedback), **(given.voice.stored() if given.voice else {})},
            story_id=given.story_id,
        )
        if self.source.interactive:
            from prepcoach.store import drafts

            drafts.discard_draft(self.ctx.home, "answer", question.id)
        if feedback is not None:
            self._show_feedback(feedback)
        recording = self._voice(answer_id, session, question, given)
        self._rate(answer_id, question, feedback)
        if given.voice is not None:  # --- voice: delivery in the JSON, apart from feedback
            from prepcoach.cli.practice.voice import result_fields

            self.results[-1].update(result_fields(given.voice, recording))
        return True

    def _voice(
        self, answer_id: str, session: SessionRecord, question: Question, given: Any
    ) -> str | None:
        """A spoken answer: keep its recording, show its delivery. The recording's id."""
        if given.voice is None:
            return None
        from prepcoach.cli.practice.voice import keep, show_delivery

        recording = keep(self.ctx.home, answer_id, given.voice, question, session.id)
        if not self.as_json:
            show_delivery(self.console, given.voice.delivery)
        return recording

    def _feedback(self, question: Question, given: Any, template: Any) -> Feedback | None:
        from prepcoach.practice.feedback import Answer, analyse

        # Typing time says nothing about speaking time: written answers are judged by their
        # words (at a speaking pace); only an answer given aloud is judged by the clock.
        spoken = given.style == "aloud"
        answer = Answer(
            parts=given.parts,
            seconds=given.seconds if spoken else None,
            part_seconds=given.part_seconds if spoken else {},
            spoken=spoken and given.voice is None,  # a transcript is judged like typed text
        )
        if template is None and question.answer_format == "star":
            template = self.library.star_template_for(question)
        return analyse(question, answer, template, self.feedback_context)

    def _show_feedback(self, feedback: Feedback) -> None:
        if self.as_json:
            return
        from rich.markup import escape

        from prepcoach.cli.practice.answers import _clock

        colour = "green" if feedback.score >= 75 else "yellow" if feedback.score >= 50 else "red"
        self._say(
            f"\n[bold {colour}]Score {feedback.score}/100[/bold {colour}]  "
            f"[dim]{feedback.word_count} words · about {_clock(feedback.seconds)} spoken[/dim]"
        )
        marks = {"good": "[green]✓[/green]", "tip": "[cyan]•[/cyan]", "warn": "[yellow]![/yellow]"}
        for finding in feedback.findings:
            self._say(f" {marks.get(finding.severity, '•')} {escape(finding.message)}")
            if finding.severity != "good" and finding.tip:
                self._say(f"   [dim]→ {escape(finding.tip)}[/dim]")

    def _rate(self, answer_id: str, question: Question, feedback: Feedback | None) -> None:
        from prepcoach.practice import scheduling
        from prepcoach.practice import store as ps

        given = self.source.rate(question, feedback)
        rating = scheduling.nudged_rating(given, feedback.score if feedback else None)
        review = scheduling.review(ps.card_json(self.store, question.id), rating)
        ps.rate_answer(self.store, answer_id, question.id, review)
        note = (
            f" (you said {given.label}; the score of {feedback.score} tempered it)"
            if (rating != given and feedback is not None)
            else ""
        )
        when = scheduling.describe_interval(review.due)
        self._say(f"[dim]Rated {rating.label}{note}. It comes back {when}.[/dim]")
        self.results.append(
            {
                "question_id": question.id,
                "question": question.text,
                "score": feedback.score if feedback else None,
                "rating": rating.label.lower(),
                "due": review.due.isoformat(timespec="seconds"),
                "feedback": _feedback_dict(feedback),
            }
        )

    def _candidate_questions(self, session: SessionRecord) -> None:
        from prepcoach.practice import store as ps

        self._say("[bold]Do you have any questions for us?[/bold]")
        stage = None
        candidates = [
            q for q in self.library.ask_questions.values() if stage is None or stage in q.stages
        ]
        from prepcoach.kit.core import shortlist_first

        candidates, note = shortlist_first(self.store, session.interview_id, candidates)
        shortlisted: list[str] = []
        if note:
            self._say(f"[dim]{note}[/dim]")
            from prepcoach.kit import shortlist_store as shortlists

            interview_id = session.interview_id or ""
            shortlisted = [
                e.ask_question_id for e in shortlists.get_shortlist(self.store, interview_id)
            ]
        picked = self.source.pick_ask_questions(candidates, shortlisted)
        texts = [self.library.ask_questions[p].text for p in picked]
        ps.save_answer(
            self.store,
            session_id=session.id,
            question_id="candidate-questions",
            question_text="Do you have any questions for us?",
            style="ask",
            parts={"asked": "\n".join(texts)},
            seconds=None,
        )
        if not picked:
            self._say(
                "[yellow]![/yellow] Always have two or three ready: not asking any can read as "
                "a lack of interest."
            )
        for text in texts:
            self._say(f" • {text}")
        self.results.append({"question_id": "candidate-questions", "asked": picked})

    # ------------------------------------------------------------------ 3. the summary
    def _summary(self, session: SessionRecord, status: str) -> None:
        from prepcoach.practice import scheduling
        from prepcoach.practice import store as ps

        due, next_due = ps.upcoming_due(self.store)
        if self.as_json:
            from prepcoach.cli.render import print_json

            print_json(
                {
                    "session": session.id,
                    "mode": session.mode,
                    "status": status,
                    "answers": self.results,
                    "due_now": due,
                    "next_due": next_due,
                }
            )
            return
        scored = [r for r in self.results if r.get("score") is not None]
        self._say("")
        if scored:
            from rich.table import Table

            table = Table(title="This session", title_justify="left")
            table.add_column("question")
            table.add_column("score", justify="right")
            table.add_column("rating")
            table.add_column("back")
            for r in scored:
                from datetime import datetime

                when = scheduling.describe_interval(datetime.fromisoformat(r["due"]))
                table.add_row(r["question"], str(r["score"]), r["rating"].capitalize(), when)
            self.console.print(table)
        else:
            self._say("No answers rated in this session.")
        if status == "interrupted":
            self._say("Continue where you left off with: [bold]prep practice --resume[/bold]")
        upcoming = ""
        if next_due:
            from datetime import datetime

            upcoming = (
                f"; next one {scheduling.describe_interval(datetime.fromisoformat(next_due))}"
            )
        self._say(f"[dim]Due for review now: {due}{upcoming}. History: prep history[/dim]")

    def _say(self, text: str) -> None:
        if not self.as_json:
            self.console.print(text, highlight=False)


def _feedback_dict(feedback: Feedback | None) -> dict[str, Any]:
    if feedback is None:
        return {}
    data = asdict(feedback)
    data["parts_detected"] = dict(feedback.parts_detected)
    data["fillers"] = dict(feedback.fillers)
    return data
