"""The questions a guided `prep interview add` and `edit` ask (the rules: interviews.service).

Imported by the commands when they ask (the service loads the database modules).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from prepcoach.cli.prompts import Choice
from prepcoach.interviews import core, service
from prepcoach.interviews.core import Interview, InterviewChanges, Interviewer
from prepcoach.kernel import textcheck
from prepcoach.kernel.wording import and_list

if TYPE_CHECKING:
    from prepcoach.cli.prompts import Prompter


def ask_new(
    ask: Prompter,
    draft: Interview,
    known: service.Known,
    *,
    asked_stage: bool,
    asked_when: bool,
    asked_people: bool,
    asked_posting: bool,
) -> Interview:
    """A new interview: what the options left out, asked in order, checked."""

    def company_problem(value: str) -> str | None:
        return textcheck.problem("the company name", value, required=True)

    if known.companies:
        company = ask.autocomplete(
            "interview.company", "Company:", known.companies, validate=company_problem
        )
    else:  # questionary's autocomplete needs at least one choice
        company = ask.text("interview.company", "Company:", validate=company_problem)
    role = draft.role or ask.text(
        "interview.role",
        "Role (optional):",
        validate=lambda v: textcheck.problem("the role", v),
    )
    stage = draft.stage
    if not asked_stage:
        stage = ask.select(
            "interview.stage",
            "Which round?",
            _stage_choices(),
            default=service.next_stage(known.interviews, company),
        )
    when = draft.when
    if not asked_when:
        when = core.parse_when(
            ask.text(
                "interview.when",
                "When?",
                validate=service.when_problem,
                instruction=f"({core.WHEN_HELP}; Enter if not scheduled yet)",
            )
        )
    people = list(draft.interviewers)
    if not asked_people:
        people += ask_people(ask)
    url, notes = draft.posting_url, draft.notes
    if not asked_posting:
        typed_url, typed_notes = service.posting_fields(
            ask.text(
                "interview.posting",
                "Job posting URL or notes (optional):",
                validate=lambda v: textcheck.problem(
                    "the posting", v, max_chars=textcheck.NOTES_MAX
                ),
            )
        )
        url, notes = typed_url or url, typed_notes if typed_notes is not None else notes
    changed = replace(
        draft, company=company, role=role, stage=stage, when=when, interviewers=tuple(people)
    )
    return core.check(replace(changed, posting_url=url, notes=notes))


def ask_people(ask: Prompter, *, first: bool = True) -> list[Interviewer]:
    people: list[Interviewer] = []
    message = "Do you know who will interview you?" if first else "Add an interviewer?"
    while ask.confirm("interview.add_interviewer", message, default=False):
        name = ask.text(
            "interviewer.name",
            "  Name:",
            validate=lambda v: textcheck.problem("the name", v, required=True),
        )
        title = ask.text(
            "interviewer.title",
            "  Title (optional):",
            validate=lambda v: textcheck.problem("the title", v),
        )
        email = ask.text(
            "interviewer.email",
            "  Email (optional):",
            validate=lambda v: textcheck.email_problem(v.strip()),
        )
        people.append(Interviewer(name=name, title=title, email=email.strip()))
        message = "Add another interviewer?"
    return people


def ask_changes(ask: Prompter, interview: Interview) -> InterviewChanges:
    """Every field of an interview, asked with its current value as the default."""
    company = ask.text(
        "interview.company",
        "Company:",
        default=interview.company,
        validate=lambda v: textcheck.problem("the company name", v, required=True),
    )
    role = ask.text("interview.role", "Role:", default=interview.role)
    stage = ask.select("interview.stage", "Which round?", _stage_choices(), default=interview.stage)
    when_text = ask.text(
        "interview.when",
        "When?",
        default=service.when_input(interview),
        validate=service.when_problem,
        instruction=f"({core.WHEN_HELP}; empty if not scheduled)",
    )
    status = ask.select(
        "interview.status",
        "Status:",
        [Choice(s.capitalize(), s) for s in core.STATUSES],
        default=interview.status,
    )
    url = ask.text("interview.url", "Job posting URL:", default=interview.posting_url)
    people = list(interview.interviewers)
    if len(people) == 1:  # one person: removing them is the whole question
        if ask.confirm(
            "interview.change_interviewers",
            f"Remove the interviewer, {people[0].label()}?",
            default=False,
        ):
            people = []
    elif people and ask.confirm(
        "interview.change_interviewers",
        f"Remove any of the {len(people)} interviewers ({and_list([p.name for p in people])})?",
        default=False,
    ):
        people = [
            p
            for p in people
            if ask.confirm("interview.keep_interviewer", f"  Keep {p.label()}?", default=True)
        ]
    people += ask_people(ask, first=not people)
    when = core.parse_when(when_text)
    return InterviewChanges(
        company=company,
        role=role,
        stage=stage,
        when=when,
        clear_when=when is None,
        status=status,
        posting_url=url,
        interviewers=tuple(people),
    )


def _stage_choices() -> list[Choice]:
    return [Choice(core.STAGE_LABELS[s].capitalize(), s) for s in core.STAGES]
