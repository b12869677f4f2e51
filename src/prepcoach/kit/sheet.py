"""The one-page prep sheet: everything for the next round on paper (Markdown or HTML).

`build_sheet` turns a kit (`prepcoach.kit.core`) into plain data, choosing and trimming so the
sheet stays short enough for one or two printed pages whatever was entered: at most ten
likely questions, two lines of research per section, five questions to ask (and two suited
to each of up to four interviewers, from their titles), six reminders, and each text
clipped at a word. `to_markdown` and `to_html` only lay that data out. The
HTML is a single self-contained file (inline CSS with print rules, no scripts, no external
resources), rendered by Jinja2 in a sandbox with autoescaping, so nothing a user typed can
become markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from prepcoach.content.library import ContentLibrary
from prepcoach.content.locales import spell
from prepcoach.followup.core import followup_deadline
from prepcoach.interviews.core import format_when
from prepcoach.kernel import clock
from prepcoach.kit.audiences import suggest_for_interview
from prepcoach.kit.core import Kit
from prepcoach.kit.readiness import ask_command, research_command, salary_command
from prepcoach.kit.research import Highlights, highlights, source_label
from prepcoach.kit.salary import basis, describe, spoken_band
from prepcoach.kit.shortlist import category_label, clip
from prepcoach.postmortem.plan import revisit_answer
from prepcoach.stories.core import match_stories

if TYPE_CHECKING:
    from prepcoach.content.model import Locale
    from prepcoach.postmortem.core import Postmortem

MAX_QUESTIONS = 10
MAX_REMINDERS = 6
REVISIT_CHARS = 600
STORY_MIN_SCORE = 35  # a weaker match is not worth printing as "your story"
REVISIT_ID = "revisit-first-conversation"
MAX_INTERVIEWERS = 4
ASK_PER_PERSON = 2


@dataclass(frozen=True, slots=True)
class SheetQuestion:
    text: str
    why: str  # the format step, or the first-round concern it comes from
    story: str = ""  # "Release date dispute (st-q7hd4a)"
    cue: str = ""  # what to say: the story's result, the salary range, a research link...
    practised: str = ""  # "best 82/100" or "not practised"


@dataclass(frozen=True, slots=True)
class AskLine:
    text: str
    category: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class InterviewerAsk:
    who: str  # "Ann Lee (Talent Acquisition Partner)"
    reading: str  # "recruiter or HR", or "no title recorded — general questions"
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PrepSheet:
    title: str  # "ACME Corp. – Product manager"
    round: str  # "Second round"
    when: str  # "Tue 24 Nov 2026 14:00" or "not scheduled"
    interviewers: tuple[str, ...]
    posting_url: str
    research: Highlights
    research_company: str
    questions: tuple[SheetQuestion, ...]
    revisit: str
    revisit_source: str  # "your practised answer", "from your post-mortem" or ""
    ask: tuple[AskLine, ...]
    salary: str  # "target €90,000, up to €100,000 a year" or "" (never the minimum)
    salary_say: str  # "Say: €90,000 to €100,000 a year, based on glassdoor.com"
    reminders: tuple[str, ...]
    generated: str  # "23 Nov 2026"
    by_interviewer: tuple[InterviewerAsk, ...] = ()  # questions to ask suited to each person
    # What to run for a part still empty, naming this interview (the checklist's commands)
    research_todo: str = "prep research"
    ask_todo: str = "prep ask"
    salary_todo: str = "prep salary"


# ---------------------------------------------------------------------------- building


def build_sheet(
    kit: Kit,
    library: ContentLibrary,
    reference: datetime | None = None,
    locale: Locale | None = None,
) -> PrepSheet:
    """The sheet's content for the kit's interview (see the module's docstring); with a
    locale, the salary lines follow its conventions and the built-in text its spelling."""
    reference = reference or clock.now()
    interview = kit.interview
    title = interview.company + (f" – {interview.role}" if interview.role else "")
    revisit, revisit_source = _revisit(kit)
    sheet = PrepSheet(
        title=title,
        round=interview.stage_label.capitalize(),
        when=format_when(interview.when),
        interviewers=tuple(p.label() for p in interview.interviewers),
        posting_url=interview.posting_url,
        research=highlights(kit.research),
        research_company=kit.research.company if kit.research is not None else "",
        questions=tuple(_questions(kit, library, locale)),
        revisit=revisit,
        revisit_source=revisit_source,
        ask=tuple(_ask_lines(kit, library)),
        salary=_salary(kit),
        salary_say=_salary_say(kit, locale),
        reminders=tuple(_reminders(kit, reference)),
        generated=clock.local(reference).strftime("%d %b %Y"),
        by_interviewer=tuple(_by_interviewer(kit, library)),
        research_todo=research_command(interview),
        ask_todo=ask_command(interview),
        salary_todo=salary_command(interview),
    )
    return _spelled(sheet, locale) if locale is not None else sheet


def _spelled(sheet: PrepSheet, locale: Locale) -> PrepSheet:
    """The built-in text of the sheet in the locale's words ("CV" or "resume")."""
    return replace(
        sheet,
        questions=tuple(replace(q, text=spell(q.text, locale)) for q in sheet.questions),
        ask=tuple(replace(a, text=spell(a.text, locale)) for a in sheet.ask),
        by_interviewer=tuple(
            replace(p, questions=tuple(spell(q, locale) for q in p.questions))
            for p in sheet.by_interviewer
        ),
        reminders=tuple(spell(r, locale) for r in sheet.reminders),
    )


def _questions(
    kit: Kit, library: ContentLibrary, locale: Locale | None = None
) -> list[SheetQuestion]:
    names = {c.id: c.name for c in library.competencies.values()}
    used: dict[str, int] = {}
    rows: list[SheetQuestion] = []
    for likely in kit.likely[:MAX_QUESTIONS]:
        question = likely.question
        practised = kit.practice.get(question.id)
        progress = (
            f"best {practised.best_score}/100"
            if practised is not None and practised.best_score is not None
            else ("practised" if practised is not None else "not practised")
        )
        story, cue = "", ""
        if question.answer_format == "star":
            ranked = match_stories(
                kit.stories,
                question.text,
                question.competencies,
                competency_names=names,
                uses=kit.story_uses,
            )
            # The best fit, but spread the stories: one already on the sheet twice waits.
            fits = [m for m in ranked if m.score >= STORY_MIN_SCORE]
            best = next((m for m in fits if used.get(m.story.id, 0) < 2), None)
            if best is not None:
                used[best.story.id] = used.get(best.story.id, 0) + 1
                story = f"{best.story.title} ({best.story.id})"
                result = best.story.part("result")
                cue = f"Result: {clip(result, 110)}" if result else ""
            else:
                wanted = ", ".join(names.get(c, c) for c in question.competencies[:2])
                cue = f"No story fits yet{f' ({wanted})' if wanted else ''}: prep story add"
        elif question.answer_format == "salary-range":
            cue = (
                _salary_say(kit, locale) or f"Record a range first: {salary_command(kit.interview)}"
            )
        elif question.id == REVISIT_ID:
            cue = "See 'Revisit the first conversation' below."
        elif "connects-to-role" in question.checks and kit.research is not None:
            link = next(iter(kit.research.items("mission")), None) or next(
                iter(kit.research.items("challenges")), None
            )
            cue = f"Tie it to: {clip(link.text, 100)}" if link is not None else ""
        if not cue and practised is not None and practised.best_text:
            cue = f"Your best answer: {clip(practised.best_text, 110)}"
        rows.append(SheetQuestion(question.text, likely.why, story, cue, progress))
    return rows


def _revisit(kit: Kit) -> tuple[str, str]:
    """What to say when they ask whether you want to go back over the first interview."""
    practised = kit.practice.get(REVISIT_ID)
    if practised is not None and practised.best_text.strip():
        return clip(practised.best_text, REVISIT_CHARS), "your best practised answer"
    postmortem = kit.postmortem
    if postmortem is not None:
        draft = _postmortem_revisit(postmortem)
        if draft:
            return clip(draft, REVISIT_CHARS), "a draft from your post-mortem"
    return "", ""


def _postmortem_revisit(postmortem: Postmortem) -> str:

    weak = sorted((q for q in postmortem.questions if q.weak), key=lambda q: q.rating)
    return revisit_answer(postmortem.clarify, weak, postmortem.excited_about)


def _ask_lines(kit: Kit, library: ContentLibrary) -> list[AskLine]:
    lines = []
    for entry in kit.shortlist[:5]:
        question = library.ask_questions.get(entry.ask_question_id)
        if question is None:
            continue
        lines.append(
            AskLine(question.text, category_label(question.category), clip(entry.note, 120))
        )
    return lines


def _by_interviewer(kit: Kit, library: ContentLibrary) -> list[InterviewerAsk]:
    """Two questions to ask per interviewer (four people at most), from their title."""
    found = suggest_for_interview(
        kit.interview,
        library,
        shortlist=[e.ask_question_id for e in kit.shortlist],
        per_person=ASK_PER_PERSON,
    )[:MAX_INTERVIEWERS]
    return [
        InterviewerAsk(
            f"{s.name} ({s.title})" if s.title.strip() else s.name,
            s.reading,
            tuple(clip(q.text, 110) for q in s.questions),
        )
        for s in found
    ]


def _salary(kit: Kit) -> str:

    return describe(kit.salary) if kit.salary is not None else ""


def _salary_say(kit: Kit, locale: Locale | None) -> str:

    salary = kit.salary
    if salary is None:
        return ""
    said = spoken_band(salary, locale)
    based = basis(salary)
    return f"Say: {said}" + (f", based on {based}" if based else "")


def _reminders(kit: Kit, reference: datetime) -> list[str]:

    reminders: list[str] = []
    postmortem = kit.postmortem
    if postmortem is not None:
        for concern in list(postmortem.concerns)[:2]:
            reminders.append(f"They care about: {clip(concern.text, 90)}. Show it with a story.")
        weak = [q for q in postmortem.questions if q.weak]
        for asked in weak[:1]:
            better = asked.would_say
            if better:
                reminders.append(
                    f"Last time \u201c{clip(asked.text, 60)}\u201d went badly; "
                    f"now: {clip(better, 90)}"
                )
    if kit.salary is not None:
        reminders.append("Name your range, say what it is based on, then stop talking.")
    if kit.shortlist:
        reminders.append("Skip a question to ask if they answer it before you get to it.")
    start = kit.interview.moment()
    deadline = followup_deadline(kit.interview.when)
    if start is not None and deadline is not None and start > reference:
        reminders.append(f"Send a thank-you note within 24 hours (by {format_when(deadline)}).")
    else:
        reminders.append("Send a thank-you note within 24 hours.")
    reminders.append("Be ready 10 minutes early, with this sheet and your CV at hand.")
    return reminders[:MAX_REMINDERS]


# ---------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """Text safe inside a Markdown line: characters that would start markup are escaped."""
    out = text.replace("\\", "\\\\")
    for char in "*_`[]<>|#":
        out = out.replace(char, "\\" + char)
    return " ".join(out.split())


def to_markdown(sheet: PrepSheet) -> str:
    lines = [f"# {_md(sheet.title)}", "", f"**{sheet.round}** · {sheet.when}"]
    if sheet.interviewers:
        lines.append("")
        lines.append("**Interviewers:** " + "; ".join(_md(p) for p in sheet.interviewers))
    if sheet.posting_url:
        lines.append(f"**Posting:** <{sheet.posting_url.replace('>', '%3E')}>")
    lines += ["", "## Likely questions and your stories", ""]
    if sheet.questions:
        for number, q in enumerate(sheet.questions, 1):
            lines.append(f"{number}. **{_md(q.text)}** _({_md(q.why)}; {q.practised})_")
            if q.story:
                lines.append(f"   - Story: {_md(q.story)}")
            if q.cue:
                lines.append(f"   - {_md(q.cue)}")
    else:
        lines.append("No interview format for this round.")
    lines += ["", "## Revisit the first conversation", ""]
    if sheet.revisit:
        lines.append(f"> {_md(sheet.revisit)}")
        lines.append(f"> _({sheet.revisit_source})_")
    else:
        lines.append(
            "Pick one answer from the first interview to strengthen or add to "
            "(prep practice: revisit-first-conversation)."
        )
    lines += ["", f"## Research: {_md(sheet.research_company or 'not done yet')}", ""]
    research = sheet.research
    for section, text, source in research.lines:
        where = f" ({_md(source_label(source))})" if source else ""
        lines.append(f"- **{section}:** {_md(text)}{where}")
    for challenge, how in research.challenges:
        lines.append(f"- **Challenge:** {_md(challenge)}")
        if how:
            lines.append(f"  - How I help: {_md(how)}")
    if research.competitors:
        lines.append(f"- **Competitors:** {', '.join(_md(c) for c in research.competitors)}")
    if not (research.lines or research.challenges or research.competitors):
        lines.append(f"No research yet: {_md(sheet.research_todo)}")
    lines += ["", "## Questions to ask", ""]
    if sheet.ask:
        for number, ask in enumerate(sheet.ask, 1):
            note = f" _({_md(ask.note)})_" if ask.note else ""
            lines.append(f"{number}. {_md(ask.text)}{note}")
    else:
        lines.append(f"None picked yet: {_md(sheet.ask_todo)}")
    if sheet.by_interviewer:
        lines += ["", "**By interviewer** (from their titles):", ""]
        for person in sheet.by_interviewer:
            asks = " · ".join(_md(q) for q in person.questions)
            lines.append(f"- **{_md(person.who)}**, {_md(person.reading)}: {asks}")
    lines += ["", "## Salary", ""]
    if sheet.salary:
        lines.append(f"{_md(sheet.salary)}. {_md(sheet.salary_say)}.")
    else:
        lines.append(f"No range recorded yet: {_md(sheet.salary_todo)}")
    lines += ["", "## Reminders", ""]
    lines += [f"- [ ] {_md(r)}" for r in sheet.reminders]
    lines += ["", f"_Prepared on {sheet.generated}._", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- HTML


def to_html(sheet: PrepSheet) -> str:
    """A self-contained HTML page that prints on one or two A4 or Letter pages."""
    source = files("prepcoach").joinpath("templates", "prepsheet.html").read_text("utf-8")
    template = _environment().from_string(source)
    html: str = template.render(sheet=sheet, source_label=source_label)
    return html


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.globals.clear()
    return env


def render(sheet: PrepSheet, fmt: str) -> str:
    if fmt == "html":
        return to_html(sheet)
    return to_markdown(sheet)


FORMATS: Sequence[str] = ("markdown", "html")
