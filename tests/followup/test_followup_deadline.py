"""One follow-up deadline: every place that speaks of it gives the same answer.

A thank-you is due 24 hours after the interview's time; for an interview known only by its
day, by the end of the next day. The checks on a draft, `prep followup --sent`, `prep status`
(readiness), the post-mortem's plan and the prep sheet all follow that one rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.followup import checks
from prepcoach.followup import core as followup
from prepcoach.followup.store import mark_sent, record_draft
from prepcoach.interviews.core import Interview, When, format_when
from prepcoach.interviews.store import add_interview
from prepcoach.kernel.paths import builtin_content_dir
from prepcoach.kit import core as kit
from prepcoach.kit import readiness
from prepcoach.kit import sheet as prepsheet
from prepcoach.postmortem.plan import followup_deadline as plan_deadline
from prepcoach.store.db import Store
from tests.helpers import invoke

DAY = date(2031, 3, 12)
TIMED = datetime(2031, 3, 12, 14, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)

# The interview, and when its thank-you is due.
CASES = {
    "timed": (TIMED, TIMED + timedelta(hours=24)),
    "date-only": (DAY, datetime.combine(DAY + timedelta(days=1), time(23, 59)).astimezone()),
}


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library(content_files(builtin_content_dir(), None, []))


@pytest.mark.parametrize("case", CASES)
def test_the_rule(case: str) -> None:
    when, due = CASES[case]
    assert followup.followup_deadline(when) == due
    assert followup.followup_deadline(None) is None


def _rounds(store: Store, first: When) -> tuple[Interview, Interview]:
    earlier = add_interview(store, Interview(company="Globex", stage="first", when=first))
    later = add_interview(
        store, Interview(company="Globex", stage="second", when=TIMED + timedelta(days=7))
    )
    return earlier, later


def _late_by_each_call_site(
    store: Store,
    library: ContentLibrary,
    interview: Interview,
    second: Interview,
    reference: datetime,
    freeze: Callable[[datetime], None],
) -> dict[str, bool]:
    """Whether each place that reads the deadline says the thank-you is late at `reference`."""
    freeze(reference)
    template = library.email_templates["thank-you-first"]
    draft = followup.Draft("thank-you-first", followup.Recipient("Hank"), "Thanks", "Thank you", {})
    found = checks.check_drafts([draft], template, interview=interview, reference=reference)
    status = readiness.assess(kit.load_kit(store, library, second), reference)
    followup_check = next(c for c in status.checks if c.key == "followup")
    plan = plan_deadline(interview)
    assert plan is not None
    return {
        "checks": any(f.code == "late" for f in found),
        "status": "late" in followup_check.detail,
        "plan": plan < reference,
        "send window": not readiness._window_open(kit.load_kit(store, library, second), reference),
    }


@pytest.mark.parametrize("case", CASES)
def test_every_call_site_gives_one_answer(
    case: str,
    home: Path,
    library: ContentLibrary,
    freeze_clock: Callable[[datetime], None],
) -> None:
    when, due = CASES[case]
    store = Store.open(home)
    first, second = _rounds(store, when)
    before = _late_by_each_call_site(store, library, first, second, due - MINUTE, freeze_clock)
    after = _late_by_each_call_site(store, library, first, second, due + MINUTE, freeze_clock)
    assert before == dict.fromkeys(before, False)
    assert after == dict.fromkeys(after, True)
    # a thank-you sent a minute before the deadline counts as on time, a minute after does not
    for sent_at, on_time in ((due - MINUTE, True), (due + MINUTE, False)):
        draft = record_draft(
            store,
            interview_id=first.id,
            template_id="thank-you-first",
            recipient_name="Hank",
            recipient_email="",
            subject="Thank you",
            body="Thanks",
            fields={},
        )
        mark_sent(store, [draft.id], at=sent_at)
        status = readiness.assess(kit.load_kit(store, library, second), sent_at)
        detail = next(c for c in status.checks if c.key == "followup").detail
        assert ("aim for 24 h" not in detail) is on_time, detail
        store.conn.execute("DELETE FROM followups")
        store.conn.commit()


@pytest.mark.parametrize("case", CASES)
def test_the_sheet_states_the_same_deadline(case: str, home: Path, library: ContentLibrary) -> None:
    when, due = CASES[case]
    store = Store.open(home)
    interview = add_interview(store, Interview(company="Initech", stage="first", when=when))
    reference = (interview.moment() or TIMED) - timedelta(days=1)
    sheet = prepsheet.build_sheet(kit.load_kit(store, library, interview), library, reference)
    assert f"(by {format_when(due)})" in " ".join(sheet.reminders)


@pytest.mark.parametrize("case", CASES)
def test_sent_says_on_time_until_the_deadline(
    case: str, home: Path, freeze_clock: Callable[[datetime], None]
) -> None:
    when, due = CASES[case]
    store = Store.open(home)
    first, _second = _rounds(store, when)
    for sent_at, timing in ((due - MINUTE, "within 24 hours"), (due + MINUTE, "later than 24")):
        record_draft(
            store,
            interview_id=first.id,
            template_id="thank-you-first",
            recipient_name="Hank",
            recipient_email="",
            subject="Thank you",
            body="Thanks",
            fields={},
        )
        freeze_clock(sent_at)
        result = invoke("followup", first.id, "--sent")
        assert result.exit_code == 0, result.output
        assert timing in result.output
