"""Interviews: parsing what people type, finding "the current one", and every subcommand."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from helpers import invoke
from prepcoach.interviews.core import (
    Interview,
    Interviewer,
    current_interview,
    parse_interviewer,
    parse_when,
    problems,
    resolve_interview,
)
from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.store.db import Store

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


# ---------------------------------------------------------------------------- core


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("2025-03-14", date(2025, 3, 14)),
        ("2025-03-14 14:30", datetime(2025, 3, 14, 14, 30, tzinfo=UTC)),
        ("2025-03-14T14:30", datetime(2025, 3, 14, 14, 30, tzinfo=UTC)),
        ("2025-03-14 9am", datetime(2025, 3, 14, 9, 0, tzinfo=UTC)),
        ("2025-03-14T14:30+01:00", datetime(2025, 3, 14, 13, 30, tzinfo=UTC)),
        ("today", date(2025, 3, 10)),
        ("tomorrow 10:15", datetime(2025, 3, 11, 10, 15, tzinfo=UTC)),
        ("yesterday 14:00", datetime(2025, 3, 9, 14, 0, tzinfo=UTC)),
        ("Friday 2pm", datetime(2025, 3, 14, 14, 0, tzinfo=UTC)),
        ("mon", date(2025, 3, 17)),  # the next Monday, not today
        ("  2025-03-14   14:30 ", datetime(2025, 3, 14, 14, 30, tzinfo=UTC)),
    ],
)
def test_dates_are_read_as_people_type_them(text: str, expected: object) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    "text", ["14/03/2025", "next week", "2025-02-30", "tomorrow 25:00", "2025-03-14 13pm"]
)
def test_unreadable_dates_get_an_example(text: str) -> None:
    with pytest.raises(PrepError, match="e.g. 14 March 14:30, YYYY-MM-DD HH:MM"):
        parse_when(text, NOW)


def test_interviewer_specs() -> None:
    assert parse_interviewer("Jane Doe|VP Product|jane@acme.com") == Interviewer(
        "Jane Doe", "VP Product", "jane@acme.com"
    )
    assert parse_interviewer("Jane Doe|jane@acme.com") == Interviewer(
        "Jane Doe", "", "jane@acme.com"
    )
    assert parse_interviewer("  Jane  ") == Interviewer("Jane")
    with pytest.raises(PrepError, match="not a valid email"):
        parse_interviewer("Jane|CTO|jane@acme")
    with pytest.raises(PrepError, match="name cannot be empty"):
        parse_interviewer("|CTO")


def test_validation_messages() -> None:
    found = problems(
        Interview(
            company="  ",
            stage="third",
            interviewers=(Interviewer("", email="nope"), Interviewer("Sam", email="sam@x")),
            notes="x" * 300_000,
        )
    )
    text = "\n".join(found)
    assert "the company name cannot be empty" in text
    assert "stage 'third' is not one of: first, second, final, other" in text
    assert "the name of interviewer 1 cannot be empty" in text
    assert "'nope' is not a valid email" in text and "'sam@x' is not a valid email" in text
    assert "the notes is 300,000 characters long; the limit is 200,000" in text
    assert problems(Interview(company="ACME", notes="bell \x07 here"))[0].startswith(
        "the notes contains a control character (U+0007) at position 6"
    )


def _iv(company: str, when: object = None, status: str = "upcoming", n: int = 0) -> Interview:
    return Interview(
        company=company,
        when=when,  # type: ignore[arg-type]
        status=status,
        id=f"iv-{'abcdefgh'[n] * 6}",
        created_at=f"2025-01-0{n + 1}",
    )


def test_the_current_interview_is_the_next_upcoming_one() -> None:
    past = _iv("Old", NOW - timedelta(days=3), n=0)
    just_now = _iv("Just now", NOW - timedelta(hours=2), n=1)
    soon = _iv("Soon", NOW + timedelta(days=2), n=2)
    later = _iv("Later", NOW + timedelta(days=9), n=3)
    undated = _iv("Undated", n=4)
    done = _iv("Done", NOW + timedelta(days=1), status="done", n=5)
    everything = [later, undated, done, soon, past, just_now]
    assert current_interview(everything, NOW) == just_now  # still current for a post-mortem
    assert current_interview([later, soon, undated, past], NOW) == soon
    assert current_interview([undated, past], NOW) == undated
    assert current_interview([past, done], NOW) == past
    assert current_interview([done], NOW) is None
    assert current_interview([_iv("Today", date(2025, 3, 10), n=6)], NOW) is not None


def test_an_interview_is_found_by_id_prefix_or_loose_company_name() -> None:
    acme1 = _iv("ACME Corp.", NOW + timedelta(days=1), status="done", n=0)
    acme2 = _iv("ACME Corp.", NOW + timedelta(days=5), n=1)
    globex = _iv("Globex", NOW + timedelta(days=3), n=2)
    every = [acme1, acme2, globex]
    assert resolve_interview(every, "iv-bbbbbb", NOW) == acme2
    assert resolve_interview(every, "ccc", NOW) == globex
    assert resolve_interview(every, "IV-CCC", NOW) == globex
    assert resolve_interview(every, "acme", NOW) == acme2  # the upcoming round at ACME
    assert resolve_interview(every, "glob", NOW) == globex
    assert resolve_interview(every, "acme corp", NOW) == acme2
    assert resolve_interview(every, None, NOW) == globex
    assert resolve_interview(every, "glbx", NOW) == globex  # loose on purpose
    with pytest.raises(NotFoundError, match=r"no interview matches 'glowbeks' \(did you mean iv-c"):
        resolve_interview(every, "glowbeks", NOW)
    with pytest.raises(NotFoundError, match="no interviews yet"):
        resolve_interview([], "acme", NOW)


# ---------------------------------------------------------------------------- CLI


def add(*args: str) -> dict[str, object]:
    result = invoke("interview", "add", *args, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_add_with_options_then_list_and_show(frozen: datetime) -> None:
    added = add(
        "--company",
        "ACME Corp.",
        "--role",
        "Product manager",
        "--stage",
        "second",
        "--when",
        "2025-03-14 14:30",
        "--interviewer",
        "Jane Doe|VP Product|jane@acme.com",
        "--interviewer",
        "Bob Roe",
        "--url",
        "https://acme.example/jobs/42",
    )
    assert str(added["id"]).startswith("iv-") and len(str(added["id"])) == 9
    assert added["when"] == "2025-03-14T14:30:00Z"
    assert [p["name"] for p in added["interviewers"]] == ["Jane Doe", "Bob Roe"]  # type: ignore[attr-defined,index]
    listed = invoke("interview", "list")
    assert listed.exit_code == 0
    assert f"→ {added['id']}" in listed.stdout and "ACME Corp." in listed.stdout
    assert "in 4 days" in listed.stdout
    assert "→ the current interview: commands use it when you name none" in listed.stdout
    shown = invoke("interview", "show")  # the current one
    assert shown.exit_code == 0
    assert "Jane Doe, VP Product <jane@acme.com>" in shown.stdout
    assert "Fri 14 Mar 2025 14:30 (in 4 days)" in shown.stdout
    assert "https://acme.example/jobs/42" in shown.stdout
    assert json.loads(invoke("interview", "show", "acme", "--json").stdout)["id"] == added["id"]


def test_add_asks_for_what_is_missing(tmp_path: Path, frozen: datetime) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "interview.company": "Initech",
                "interview.role": "Analyst",
                "interview.stage": "first",
                "interview.when": "tomorrow 10:00",
                "interview.add_interviewer": [True, True, False],
                "interviewer.name": ["Bill Lumbergh", "Milton Waddams"],
                "interviewer.title": ["Division VP", ""],
                "interviewer.email": ["bill@initech.example", ""],
                "interview.posting": "https://initech.example/careers/7",
            }
        ),
        encoding="utf-8",
    )
    result = invoke("interview", "add", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["company"] == "Initech" and data["stage"] == "first"
    assert data["when"] == "2025-03-11T10:00:00Z"
    assert data["posting_url"] == "https://initech.example/careers/7" and data["notes"] == ""
    assert [(p["name"], p["email"]) for p in data["interviewers"]] == [
        ("Bill Lumbergh", "bill@initech.example"),
        ("Milton Waddams", ""),
    ]


def test_the_next_round_at_a_known_company_is_suggested(tmp_path: Path) -> None:
    add("--company", "Initech", "--stage", "first")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "interview.company: initech\ninterview.role: ''\ninterview.when: ''\n"
        "interview.add_interviewer: false\ninterview.posting: pasted posting text\n",
        encoding="utf-8",
    )
    from prepcoach.interviews import service

    assert service.next_stage([Interview("Initech", stage="first")], "initech") == "second"
    result = invoke("interview", "add", "--answers", str(answers), "--stage", "second", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["notes"] == "pasted posting text"


def test_without_a_terminal_missing_answers_are_a_clear_error() -> None:
    result = invoke("interview", "add")
    assert result.exit_code == 1
    assert "Company:' needs an answer, but there is no terminal" in result.stderr
    assert "--company" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--company", "   "], "the company name cannot be empty"),
        (["--company", "X", "--interviewer", "Jane|jane@@x"], "not a valid email"),
        (["--company", "X", "--stage", "3rd"], "'3rd' is not one of: first, second"),
        (["--company", "X", "--status", "ghosted"], "'ghosted' is not one of: upcoming"),
        (["--company", "X", "--when", "next tuesday-ish"], "cannot read 'next tuesday-ish'"),
        (["--company", "X", "--notes", "a" * 250_000], "the limit is 200,000"),
    ],
)
def test_bad_input_gets_a_clear_message(args: list[str], message: str) -> None:
    result = invoke("interview", "add", *args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert json.loads(invoke("interview", "list", "--json").stdout) == []


def test_a_past_date_for_an_upcoming_interview_is_saved_with_a_warning(frozen: datetime) -> None:
    result = invoke("interview", "add", "--company", "Late Co", "--when", "2025-03-01 10:00")
    assert result.exit_code == 0
    assert "Warning: Sat 01 Mar 2025 10:00 is in the past" in result.stderr
    (added,) = json.loads(invoke("interview", "list", "--json").stdout)
    fix = f"prep interview edit {added['id']} --status done"
    assert fix in " ".join(result.stderr.split())  # the command to run, not only the idea
    assert invoke(*fix.split()[1:]).exit_code == 0
    assert "in the past" not in invoke("interview", "show", added["id"]).stderr
    done = invoke(
        "interview", "add", "--company", "Past Co", "--when", "2025-03-01", "--status", "done"
    )
    assert done.exit_code == 0 and "Warning" not in done.stderr


def test_emoji_right_to_left_and_a_100kb_paste_are_kept_intact() -> None:
    company = "شركة الأفق 🚀"
    pasted = ("Responsibilities: ship it 🎉 — مسؤوليات\n" * 2600)[:100_000]
    added = add("--company", company, "--role", "Ingeniería ñandú", "--notes", pasted)
    shown = json.loads(invoke("interview", "show", str(added["id"]), "--json").stdout)
    assert shown["company"] == company and shown["notes"] == pasted.strip()
    text = invoke("interview", "show", str(added["id"])).stdout
    assert company in text and "مسؤوليات" in text
    assert company in invoke("interview", "list").stdout


def test_unknown_ids_and_names_suggest_the_closest(frozen: datetime, tmp_path: Path) -> None:
    added = add("--company", "Globex", "--when", "2025-03-20 10:00")
    result = invoke("interview", "show", "glowbeks")
    assert result.exit_code == 1
    assert f"did you mean {added['id']}, Globex?" in result.stderr
    assert invoke("interview", "show", "zzzzzzzz").exit_code == 1
    iv = str(added["id"])
    typo = invoke("interview", "show", iv[:-1] + ("2" if iv[-1] != "2" else "3"))
    assert typo.exit_code == 1
    assert f"no interview with id '{iv[:-1]}" in typo.stderr
    assert f"(did you mean {iv}, Globex?)" in typo.stderr
    none = invoke("--home", str(tmp_path / "empty"), "interview", "show")
    assert "no interviews yet; add one with: prep interview add" in none.stderr


def test_edit_with_options(frozen: datetime) -> None:
    added = add(
        "--company",
        "ACME",
        "--when",
        "2025-03-14 14:30",
        "--interviewer",
        "Jane Doe|VP|jane@acme.com",
        "--interviewer",
        "Bob Roe",
    )
    iv = str(added["id"])
    result = invoke(
        "interview",
        "edit",
        iv[:5],
        "--status",
        "done",
        "--role",
        "PM",
        "--remove-interviewer",
        "bob",
        "--add-interviewer",
        "Carl Sagan|CTO|carl@acme.com",
    )
    assert result.exit_code == 0, result.output
    assert "Saved interview" in result.stdout
    data = json.loads(invoke("interview", "show", iv, "--json").stdout)
    assert data["status"] == "done" and data["role"] == "PM"
    assert [p["name"] for p in data["interviewers"]] == ["Jane Doe", "Carl Sagan"]
    jane = added["interviewers"][0]  # type: ignore[index]
    assert data["interviewers"][0]["id"] == jane["id"]  # kept, not re-created
    cleared = invoke("interview", "edit", iv, "--when", "")
    assert cleared.exit_code == 0
    assert json.loads(invoke("interview", "show", iv, "--json").stdout)["when"] is None
    missing = invoke("interview", "edit", iv, "--remove-interviewer", "Zed")
    assert missing.exit_code == 1 and "no interviewer 'Zed'" in missing.stderr


def test_edit_without_options_asks_field_by_field(tmp_path: Path) -> None:
    iv = str(add("--company", "ACME", "--interviewer", "Jane Doe")["id"])
    answers = tmp_path / "edit.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "interview.company": "ACME Inc.",
                "interview.role": "Designer",
                "interview.stage": "final",
                "interview.when": "2031-01-02 09:00",
                "interview.status": "upcoming",
                "interview.url": "",
                "interview.change_interviewers": True,
                "interview.add_interviewer": False,
            }
        ),
        encoding="utf-8",
    )
    result = invoke("interview", "edit", iv, "--answers", str(answers))
    assert result.exit_code == 0, result.output
    data = json.loads(invoke("interview", "show", iv, "--json").stdout)
    assert (data["company"], data["role"], data["stage"]) == ("ACME Inc.", "Designer", "final")
    assert data["interviewers"] == [] and data["when"] == "2031-01-02T09:00:00Z"
    nothing = invoke("interview", "edit", iv)
    assert nothing.exit_code == 1 and "no terminal" in nothing.stderr


@pytest.mark.parametrize(
    ("people", "question", "keeps"),
    [
        (["Jane Doe"], "Remove the interviewer, Jane Doe?", 0),
        (
            ["Jane Doe", "Sam Lee"],
            "Remove any of the 2 interviewers (Jane Doe and Sam Lee)?",
            2,
        ),
    ],
)
def test_edit_asks_about_one_interviewer_as_one(
    people: list[str], question: str, keeps: int
) -> None:
    from prepcoach.cli.interviews.questions import ask_changes
    from prepcoach.cli.prompts import ScriptedPrompter
    from prepcoach.interviews.core import Interview, Interviewer

    class Heard(ScriptedPrompter):
        def confirm(self, name: str, message: str, *, default: bool = False) -> bool:
            messages.append(message)
            return super().confirm(name, message, default=default)

    messages: list[str] = []
    interview = Interview(company="ACME", interviewers=tuple(Interviewer(n) for n in people))
    answers = {
        "interview.company": "ACME",
        "interview.role": "",
        "interview.stage": "first",
        "interview.when": "",
        "interview.status": "upcoming",
        "interview.url": "",
        "interview.change_interviewers": True,
        "interview.keep_interviewer": [False] * keeps,
        "interview.add_interviewer": False,
    }
    changes = ask_changes(Heard(answers), interview)
    assert question in messages
    assert sum(m.strip().startswith("Keep ") for m in messages) == keeps
    assert changes.interviewers == ()


def test_rm_asks_or_needs_yes_and_says_what_else_it_affects(home: Path) -> None:
    iv = str(add("--company", "ACME")["id"])
    story = invoke(
        "story", "add", "--title", "T", "-c", "conflict", "--situation", "s", "--task", "t",
        "--action", "a", "--result", "r", "--interview", iv,
    )  # fmt: skip
    assert story.exit_code == 0, story.output
    with Store.open(home) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_sessions (id, started_at, mode, interview_id) "
            "VALUES ('ps-1', 'x', 'quick', ?)",
            (iv,),
        )
    assert "linked        1 stories, 1 practice sessions" in invoke("interview", "show", iv).stdout
    no_terminal = invoke("interview", "rm", iv)
    assert no_terminal.exit_code == 1 and "--yes" in no_terminal.stderr
    loose = invoke("interview", "rm", "acm", "--yes")
    assert loose.exit_code == 1 and "matched loosely" in loose.stderr
    result = invoke("interview", "rm", iv, "--yes")
    assert result.exit_code == 0
    assert "(1 stories, 1 practice sessions stay, unlinked)" in result.stdout
    assert json.loads(invoke("interview", "list", "--json").stdout) == []
    stories = json.loads(invoke("story", "list", "--json").stdout)
    assert len(stories) == 1 and stories[0]["interview_id"] is None
    assert invoke("interview", "rm", iv, "--yes").exit_code == 1


def test_list_filters_by_status_and_says_when_empty() -> None:
    assert "No interviews yet" in invoke("interview", "list").stdout
    add("--company", "A")
    add("--company", "B", "--status", "offer")
    offers = json.loads(invoke("interview", "list", "--status", "offer", "--json").stdout)
    assert [i["company"] for i in offers] == ["B"]
    assert (
        "No interviews with status rejected"
        in invoke("interview", "list", "--status", "rejected").stdout
    )
