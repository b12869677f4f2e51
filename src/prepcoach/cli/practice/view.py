"""What a practice session shows in the terminal: the question, the feedback, the rating and
the summary (with --json, only the summary, as JSON). The session itself is
`prepcoach.practice.session.PracticeRun`; this is the view it reports to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from prepcoach.cli import prompts
from prepcoach.cli.prompts import Choice
from prepcoach.cli.render import esc, hanging, minutes_seconds, print_json
from prepcoach.kernel.wording import counted
from prepcoach.practice import scheduling
from prepcoach.practice.plan import CANDIDATE_QUESTIONS, Filters

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import InterviewFormat, Question
    from prepcoach.practice.feedback import Feedback
    from prepcoach.practice.history import SessionRecord
    from prepcoach.practice.plan import History, PlannedQuestion
    from prepcoach.practice.rounds import Lap
    from prepcoach.practice.session import Rated, Summary
    from prepcoach.voice.delivery import Delivery


class PracticeView:
    """What a practice session shows in the terminal (nothing but the summary with --json)."""

    def __init__(self, ctx: AppContext, *, as_json: bool = False) -> None:
        self.ctx = ctx
        self.console = ctx.console
        self.as_json = as_json
        self.speak: Callable[[str], None] | None = None  # --speak

    def confirm_resume(self, unfinished: SessionRecord) -> bool:
        when = unfinished.started_at[:16].replace("T", " ")
        return bool(
            prompts.make_prompter().confirm(
                "practice.resume",
                f"You have an unfinished session from {when} UTC "
                f"({unfinished.answered} of {len(unfinished.planned)} answered). Resume it?",
                default=True,
            )
        )

    def choose_plan(
        self, history: History, filters: Filters, library: ContentLibrary
    ) -> tuple[str, str | None, Filters]:

        prompter = prompts.make_prompter()
        choices = [
            Choice(
                f"Review: {len(history.due)} due, then new ones"
                if history.due
                else "Review: nothing is due yet, so new ones",
                "review",
                key="r",
            ),
            Choice("Quick: a few questions I have not practised", "quick", key="q"),
            Choice("Mock interview: a whole second round, in order", "mock", key="m"),
            Choice(
                f"Weak spots: {counted(len(history.weak), 'question')} to work on"
                if history.weak
                else "Weak spots: none yet (answers rated low, post-mortem gaps)",
                "weak",
                key="w",
            ),
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
        which = "the ones you chose" if mode == "chosen" else filters.describe()
        self._say(
            f"[bold]Practice[/bold]: {mode}, {counted(planned, 'question')}"
            f" [dim]({which}; {due} due for review)[/dim]"
        )

    def tailored_to(self, label: str) -> None:
        self._say(f"[dim]Feedback is tailored to {label}.[/dim]")

    def role_from(self, role: str, source: str) -> None:
        self._say(f"[dim]Role questions for {role}, from {source}.[/dim]")

    def resumed(self, session: SessionRecord) -> None:
        self._say(
            f"[bold]Resuming[/bold] the {session.mode} session from "
            f"{session.started_at[:16].replace('T', ' ')} UTC: "
            f"{counted(len(session.planned) - session.answered, 'question')} left."
        )

    def heading(self, item: PlannedQuestion, index: int, total: int) -> None:
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
        from prepcoach.practice.feedback import PART_MAXIMA

        score = feedback.score
        if score is None:
            self._say(
                f"\n[bold]Not scored[/bold]  [dim]about {minutes_seconds(feedback.seconds)}[/dim]"
            )
        else:
            colour = "green" if score >= 75 else "yellow" if score >= 50 else "red"
            words = f"{feedback.word_count:,} word{'' if feedback.word_count == 1 else 's'}"
            self._say(
                f"\n[bold {colour}]Score {score}/100[/bold {colour}]  "
                f"[dim]{words} · about {minutes_seconds(feedback.seconds)} spoken[/dim]"
            )
            parts = " · ".join(
                f"{part} {feedback.parts.get(part, 0)}/{top}" for part, top in PART_MAXIMA.items()
            )
            self._say(f"[dim]{parts}[/dim]")
        marks = {"good": "[green]✓[/green]", "tip": "[cyan]•[/cyan]", "warn": "[yellow]![/yellow]"}
        for finding in feedback.findings:
            self._bullet(f" {marks.get(finding.severity, '•')} ", esc(finding.message))
            if finding.severity != "good" and finding.tip:
                self._bullet("   [dim]→[/dim] ", esc(finding.tip), style="dim")

    def rated(self, rated: Rated) -> None:
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
            self._bullet(" • ", esc(text))

    def stopped(self) -> None:
        self._say("\n[yellow]Stopped.[/yellow] Your answers so far are saved.")
        note = prompts.kept_note()
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
        over = "  [yellow]over time[/yellow]" if elapsed > minutes * 60 else ""
        self._say(
            f"[dim]round {minutes_seconds(elapsed)} of {minutes_seconds(minutes * 60)}[/dim]{over}"
        )

    def probe(self, text: str, index: int, total: int) -> None:
        count = f" {index} of {total}" if total > 1 else ""
        self._say(f"\n[bold magenta]Follow-up{count}[/bold magenta]: [bold]{esc(text)}[/bold]")

    def probe_feedback(self, text: str, feedback: Feedback | None) -> None:
        if feedback is None or feedback.score is None:
            return
        self._say(
            f"[bold]Follow-up[/bold] {esc(_short(text))}: {feedback.score}/100 "
            f"[dim]({feedback.word_count} words, about {minutes_seconds(feedback.seconds)})[/dim]"
        )
        tip = next((f for f in feedback.findings if f.severity != "good"), None)
        if tip is not None:
            self._bullet("   [dim]→[/dim] ", esc(tip.tip or tip.message), style="dim")

    def laps(self, laps: list[Lap]) -> None:
        if not laps:
            return
        self._say("[dim]Time per part:[/dim]")
        for line in lap_lines(laps):
            self._say(f" [dim]{esc(line)}[/dim]")

    # ------------------------------------------------------------------ the summary
    def summary(self, summary: Summary) -> None:
        if self.as_json:
            self._summary_json(summary)
            return
        self._scores(summary)
        if summary.steps:
            self._steps(summary)
        if summary.status == "interrupted" and summary.left:
            self._say("Continue where you left off with: [bold]prep practice --resume[/bold]")
        if summary.interview is not None:
            countdown = summary.interview
            left = countdown.days_left
            days = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
            self._say(
                f"[bold]{esc(countdown.label)}[/bold] is {days}: "
                f"{counted(countdown.due_before, 'question')} "
                f"{'comes' if countdown.due_before == 1 else 'come'} due for review before it."
            )
        upcoming = ""
        if summary.next_due:
            upcoming = (
                "; next one "
                f"{scheduling.describe_interval(datetime.fromisoformat(summary.next_due))}"
            )
        self._say(
            f"[dim]Due for review now: {summary.due_now}{upcoming}. History: prep history[/dim]"
        )

    def _summary_json(self, summary: Summary) -> None:
        session = summary.session
        print_json(
            {
                "session": session.id,
                "mode": session.mode,
                "status": summary.status,
                "answers": summary.results,
                "due_now": summary.due_now,
                "next_due": summary.next_due,
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

    def _scores(self, summary: Summary) -> None:
        """The table of this session's rated answers: score, rating, when each comes back."""
        rated = [r for r in summary.results if r.get("rating") and r.get("due")]
        self._say("")
        if rated:
            from rich.table import Table  # the summary's table: at the end only

            table = Table(title="This session", title_justify="left")
            table.add_column("question")
            table.add_column("score", justify="right")
            table.add_column("rating")
            table.add_column("back")
            for r in rated:
                when = scheduling.describe_interval(datetime.fromisoformat(r["due"]))
                score = "–" if r.get("score") is None else str(r["score"])  # timing only
                table.add_row(r["question"], score, r["rating"].capitalize(), when)
            self.console.print(table)
        else:
            self._say("No answers rated in this session.")

    def _steps(self, summary: Summary) -> None:
        """Time per step of the round against each step's aim."""
        self._say("[bold]Time per step[/bold]")
        for step in summary.steps:
            aim = f" of {minutes_seconds(step.minutes * 60)}" if step.minutes else ""
            over = (
                " [yellow](over)[/yellow]"
                if step.minutes and step.seconds > step.minutes * 60
                else ""
            )
            self._say(f" {esc(step.title)}: {minutes_seconds(step.seconds)}{aim}{over}")
        total = sum(step.seconds for step in summary.steps)
        limit = (
            f" of {minutes_seconds(summary.round_minutes * 60)}" if summary.round_minutes else ""
        )
        self._say(f" [dim]The round: {minutes_seconds(total)}{limit}[/dim]")

    def _say(self, text: str) -> None:
        if not self.as_json:
            self.console.print(text, highlight=False)

    def _bullet(self, lead: str, text: str, style: str = "") -> None:
        """A bullet whose wrapped lines hang under its text."""
        if not self.as_json:
            hanging(self.console, lead, text, style)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def lap_lines(laps: list[Lap]) -> list[str]:
    """'Situation 0:40 of 2:10: 31 %, aim for about 15 %', one line a part."""
    total = sum(lap.seconds for lap in laps)
    return [
        f"{lap.label} {minutes_seconds(round(lap.seconds))} of {minutes_seconds(round(total))}: "
        f"{round(lap.share * 100)} %, "
        f"aim for about {round(lap.aim * 100)} %"
        for lap in laps
    ]
