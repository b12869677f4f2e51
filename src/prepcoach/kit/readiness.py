"""How ready you are for an interview: a checklist, what is due today and the next step.

The checklist, in the order a second round is usually prepared:
1. the post-mortem of the earlier round is done;
2. the company research is done (see `research.status`);
3. at least three stories cover different competencies (see `stories.coverage`);
4. every likely question was practised and last rated Good or Easy;
5. 3-5 questions to ask are picked;
6. a salary range is recorded;
7. the thank-you note for the earlier round went out within 24 hours.
Items that cannot apply (no earlier round: nothing to reflect on or follow up) are left
out of the count. A late thank-you still counts once it is sent (the detail says it was
late): nothing else can be done about it. The next action is the first open item, except
that a follow-up whose 24 hours are running comes first (it is the only item that cannot
wait) and a follow-up already late comes last.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from prepcoach.kernel import clock
from prepcoach.kernel.wording import counted

# The checks import the features they look at when they run: `prep status` with no interview
# ahead needs none of them, only `welcome`.
if TYPE_CHECKING:
    from prepcoach.interviews.core import Interview
    from prepcoach.kit.core import Kit


@dataclass(frozen=True, slots=True)
class Check:
    key: str
    label: str
    done: bool
    detail: str = ""
    command: str = ""  # what to run to get it done
    applies: bool = True


@dataclass(frozen=True, slots=True)
class NextAction:
    text: str
    command: str = ""


@dataclass(frozen=True, slots=True)
class Readiness:
    checks: tuple[Check, ...]
    next_action: NextAction
    due_review: tuple[str, ...]  # question ids due for review today
    unpractised: tuple[str, ...]  # likely questions never practised

    @property
    def counted(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.applies)

    @property
    def done(self) -> int:
        return sum(1 for c in self.counted if c.done)

    @property
    def total(self) -> int:
        return len(self.counted)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _names(names: list[str]) -> str:
    return (
        names[0]
        if len(names) == 1
        else ", ".join(names[:-1]) + f" and {names[-1]}"
        if names
        else ""
    )


def _q(text: str) -> str:
    """`text` as one shell word, in the quotes a person would type: "Bob's Café", not
    'Bob'"'"'s Café' (shlex's way) when double quotes keep it as it is."""
    quoted = shlex.quote(text)
    if "'" in text and not any(char in text for char in '"$`\\!'):
        return f'"{text}"'
    return quoted


def research_command(interview: Interview) -> str:
    """The command that researches this interview's company (the checklist, the sheet)."""
    return f"prep research {_q(interview.company)}"


def ask_command(interview: Interview) -> str:
    """The command that picks questions to ask for this interview."""
    return f"prep ask {interview.id}"


def salary_command(interview: Interview) -> str:
    """The command that records a salary range for this interview."""
    return f"prep salary {interview.id}"


def assess(kit: Kit, reference: datetime | None = None) -> Readiness:
    """The checklist and the next action for the kit's interview (see the module)."""
    reference = reference or clock.now()
    checks = (
        _postmortem(kit),
        _research(kit),
        _stories(kit),
        _practised(kit),
        _ask(kit),
        _salary(kit),
        _followup(kit, reference),
    )
    unpractised = tuple(q.question.id for q in kit.likely if q.question.id not in kit.practice)
    return Readiness(
        checks=checks,
        next_action=_next_action(kit, checks, reference),
        due_review=kit.due,
        unpractised=unpractised,
    )


def _postmortem(kit: Kit) -> Check:
    from prepcoach.interviews.core import format_when_short

    label = "Post-mortem of the first round"
    previous = kit.previous
    if previous is None:
        if kit.interview.stage in ("second", "final"):
            return Check(
                "postmortem",
                label,
                False,
                "add the earlier round to reflect on it",
                f"prep interview add --company {_q(kit.interview.company)} --stage first "
                "--status done",
            )
        return Check("postmortem", label, False, "no earlier round", applies=False)
    command = f"prep postmortem {previous.id}"
    if kit.postmortem is None:
        when = f", {format_when_short(previous.when)}" if previous.when is not None else ""
        return Check(
            "postmortem", label, False, f"not started ({previous.stage_label}{when})", command
        )
    if kit.postmortem.status != "done":
        return Check("postmortem", label, False, "started, not finished", command)
    concerns = len(kit.postmortem.concerns)
    detail = f"done; {counted(concerns, 'concern')} to prepare for" if concerns else "done"
    return Check("postmortem", label, True, detail)


def _research(kit: Kit) -> Check:
    from prepcoach.kit.research import status

    found = status(kit.research)
    command = research_command(kit.interview)
    if kit.research is None:
        return Check("research", "Company research", False, "not started", command)
    detail = found.summary() if found.done else f"{found.summary()}; {found.todo()}"
    return Check("research", "Company research", found.done, detail, "" if found.done else command)


def _stories(kit: Kit) -> Check:
    from prepcoach.stories.core import READY_STORIES, distinct_competencies

    distinct = len(distinct_competencies(kit.stories))
    done = distinct >= READY_STORIES
    label = f"{READY_STORIES}+ stories on different competencies"
    stories = counted(len(kit.stories), "story", "stories")
    detail = f"{stories}, {distinct} with a competency of their own" if kit.stories else "none yet"
    return Check("stories", label, done, detail, "" if done else "prep story add")


def _practised(kit: Kit) -> Check:
    label = "Likely questions rated Good or Easy"
    total = len(kit.likely)
    if not total:
        return Check("practice", label, False, "no likely questions for this round", applies=False)
    good = sum(1 for q in kit.likely if (p := kit.practice.get(q.question.id)) and p.good)
    done = good == total
    detail = f"{good} of {total} so far"
    command = f"prep practice --mode mock --interview {kit.interview.id}"
    return Check("practice", label, done, detail, "" if done else command)


def _ask(kit: Kit) -> Check:
    from prepcoach.kit.shortlist import SHORTLIST_MIN

    count = len(kit.shortlist)
    done = count >= SHORTLIST_MIN
    detail = f"{count} picked" if count else "none picked"
    return Check(
        "ask",
        "Questions to ask chosen",
        done,
        detail,
        "" if done else ask_command(kit.interview),
    )


def _salary(kit: Kit) -> Check:
    from prepcoach.kit.salary import describe

    if kit.salary is None:
        return Check("salary", "Salary range", False, "not set", salary_command(kit.interview))
    return Check("salary", "Salary range", True, describe(kit.salary))


def _followup(kit: Kit, reference: datetime) -> Check:
    from prepcoach.followup.core import followup_deadline

    label = "Thank-you sent within 24 hours"
    previous = kit.previous
    if previous is None:
        return Check("followup", label, False, "no earlier round", applies=False)
    start = previous.moment()
    deadline = followup_deadline(previous.when)
    command = f"prep followup {previous.id}"
    sent = kit.followup_sent_at
    thanked = {name.strip().casefold() for name in kit.thanked}
    people = [p.name for p in previous.interviewers if p.name.strip()]
    missing = [name for name in people if name.strip().casefold() not in thanked]
    if sent is not None and missing and len(people) > 1:
        got = [name for name in people if name not in missing]
        detail = f"sent to {_names(got) or 'someone else'}; not yet to {_names(missing)}"
        return Check("followup", label, False, detail, f"{command} --to {_q(missing[0])}")
    if sent is not None:
        if start is not None and deadline is not None and sent > deadline:
            hours = round((sent - start).total_seconds() / 3600)
            return Check("followup", label, True, f"sent {hours} h after; aim for 24 h next time")
        return Check("followup", label, True, "sent")
    if deadline is None:
        return Check("followup", label, False, "not sent yet", command)
    if reference <= deadline:
        detail = f"due {clock.humanize_delta(deadline, reference)}"
    else:
        detail = "not sent; late, but still worth sending today"
    return Check("followup", label, False, detail, command)


def _next_action(kit: Kit, checks: tuple[Check, ...], reference: datetime) -> NextAction:
    by_key = {c.key: c for c in checks}
    followup = by_key["followup"]
    if followup.applies and not followup.done and _window_open(kit, reference):
        return NextAction("Send your thank-you note for the earlier round", followup.command)
    texts = {
        "postmortem": "Reflect on your first round while you still remember it",
        "stories": "Write a STAR story for a competency your other stories do not cover",
        "research": f"Research {kit.interview.company}: mission, news, culture, challenges",
        "practice": "Practise the likely questions in a mock second round",
        "ask": "Pick 3 to 5 questions to ask them",
        "salary": "Record a researched salary range and practise stating it",
    }
    for key in ("postmortem", "stories", "research", "practice", "ask", "salary"):
        check = by_key[key]
        if check.applies and not check.done:
            return NextAction(texts[key], check.command)
    if followup.applies and not followup.done:
        return NextAction("Send your thank-you note for the earlier round", followup.command)
    if kit.due:
        return NextAction(
            f"Review the {counted(len(kit.due), 'question')} due today", "prep practice"
        )
    return NextAction(
        "You are ready: print your one-page prep sheet", "prep sheet --out prep-sheet.html"
    )


def _window_open(kit: Kit, reference: datetime) -> bool:
    """The earlier round ended less than 24 hours ago (or its time is not known)."""
    from prepcoach.followup.core import followup_deadline

    deadline = followup_deadline(kit.previous.when) if kit.previous is not None else None
    return deadline is None or reference <= deadline


def welcome() -> NextAction:
    """The first step for someone with no upcoming interview."""
    return NextAction(
        "Add the interview you are preparing for",
        "prep interview add --company ACME --stage second --when 'fri 10:00'",
    )
