"""A person drafting a thank-you in a real terminal, right after writing the post-mortem."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from prepcoach.followup.fields import FIELDS
from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.interviews.store import add_interview
from prepcoach.kernel import clock
from prepcoach.postmortem import store as postmortems
from prepcoach.profile.core import Profile
from prepcoach.profile.store import save_profile
from prepcoach.store.db import Store
from tests.e2e.terminal import ENTER, finish, spawn

pytestmark = pytest.mark.e2e

SGR = r"\x1b\[[0-9;?]*[A-Za-z]"  # terminal control codes between words


def test_only_the_missing_field_is_asked_and_the_eml_is_written(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        save_profile(store, Profile(name="Zoë Brontë", email="zoe@example.com"))
        interview = add_interview(
            store,
            Interview(
                company="Acme Ltd",
                role="Product manager",
                stage="first",
                when=clock.now() - timedelta(hours=2),
                interviewers=(Interviewer("Jane Doe", "VP Product", "jane@acme.example"),),
            ),
        )
        postmortems.save_answers(
            store,
            interview.id,
            {
                "excited_about": "building the analytics platform from scratch",
                "concerns": [{"text": "many stakeholders", "competencies": ["communication"]}],
            },
        )
    target = tmp_path / "thanks.eml"
    child = spawn(home, "followup", interview.id, "--eml", str(target))
    child.logfile_read = log = io.StringIO()
    child.expect("1 thing to add")
    child.expect(rf"specific(?:{SGR}|\s)*topic")
    child.expect(rf"\n?(?:{SGR})*\?|releases\)")  # the prompt line is ready for typing
    child.send("the move to self-serve dashboards")
    child.send(ENTER)
    child.expect("Wrote")
    assert finish(child) == 0
    transcript = re.sub(SGR, "", log.getvalue())
    others = [i.question for name, i in FIELDS.items() if name != "topic"]
    assert not [q for q in others if q[:25] in transcript]  # nothing else was asked

    message = message_from_bytes(target.read_bytes(), policy=policy.default)
    assert message["To"] == "Jane Doe <jane@acme.example>"
    assert message["Subject"] == "Thank you – Product manager interview"
    body = message.get_body().get_content()  # type: ignore[union-attr]
    assert "our conversation about the move to self-serve dashboards" in body
    assert "building the analytics platform from scratch" in body
    assert "my experience in communication" in body
    assert body.rstrip().endswith("Zoë Brontë\r\nzoe@example.com") or body.rstrip().endswith(
        "Zoë Brontë\nzoe@example.com"
    )


def test_a_signature_typed_once_is_kept_in_the_profile_and_not_asked_again(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        interview = add_interview(
            store,
            Interview(
                company="Northwind",
                role="Data analyst",
                stage="first",
                when=clock.now() - timedelta(hours=2),
                interviewers=(Interviewer("Priya Shah", "Head of Analytics", "p@nw.example"),),
            ),
        )
        postmortems.save_answers(
            store,
            interview.id,
            {
                "topics": ["their move to dbt"],
                "concerns": [{"text": "messy sales data", "competencies": ["quality"]}],
            },
        )
    child = spawn(home, "followup", interview.id)
    child.expect(rf"How(?:{SGR}|\s)*do(?:{SGR}|\s)*you(?:{SGR}|\s)*sign")
    child.send("Alex Morgan")
    child.send("\x1b" + ENTER)  # Esc then Enter ends a multi-line answer
    child.expect("Saved your signature to your profile")
    child.expect("Alex Morgan")
    assert finish(child) == 0

    child = spawn(home, "followup", interview.id)
    child.logfile_read = log = io.StringIO()
    child.expect("Alex Morgan")
    assert finish(child) == 0
    assert "How do you sign" not in re.sub(SGR, "", log.getvalue())
