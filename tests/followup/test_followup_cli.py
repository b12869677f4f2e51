"""`prep followup` from the command line: filling, asking, checking, writing, marking sent."""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from prepcoach.followup.store import list_followups
from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.interviews.store import add_interview, get_interview
from prepcoach.kernel import clock
from prepcoach.postmortem import store as postmortems
from prepcoach.profile.core import Profile
from prepcoach.profile.store import save_profile
from prepcoach.store.db import Store
from tests.helpers import invoke

NOW = datetime(2025, 3, 11, 15, 0, tzinfo=UTC)
JANE = Interviewer("Jane Doe", "VP Product", "jane@acme.example")
SAM = Interviewer("Sam Lee", "Engineering manager", "sam@acme.example")


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(clock, "now", lambda: NOW)
    yield
    monkeypatch.undo()
    time.tzset()


def make_home(
    home: Path,
    *,
    people: tuple[Interviewer, ...] = (JANE,),
    postmortem: dict[str, object] | None = None,
    profile: bool = True,
    **interview: object,
) -> str:
    """A profile and one interview this morning (plus a post-mortem); returns its id."""
    with Store.open(home) as store:
        if profile:
            save_profile(store, Profile(name="Zoë Brontë", email="zoe@example.com"))
        fields: dict[str, object] = {
            "company": "Acme Ltd",
            "role": "Product manager",
            "stage": "first",
            "when": NOW - timedelta(hours=5),
            "interviewers": people,
        }
        fields.update(interview)
        saved = add_interview(store, Interview(**fields))  # type: ignore[arg-type]
        if postmortem is not None:
            postmortems.save_answers(store, saved.id, postmortem)
    return saved.id


POSTMORTEM = {
    "topics": ["how the team plans quarterly releases", "self-serve analytics"],
    "excited_about": "building the analytics platform from scratch",
    "concerns": [{"text": "many stakeholders", "competencies": ["communication"]}],
    "people": [{"name": "Jane Doe", "title": "VP Product"}],
    "next_dates": ["2025-03-14: hear back from the recruiter"],
}
FULL = ["--set", "topic=how the team plans releases", "--set", "skill=stakeholder management"]


def drafts_json(*args: str) -> dict[str, object]:
    result = invoke("followup", *args, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


# ---------------------------------------------------------------------------- templates


def test_list_templates(home: Path) -> None:
    result = invoke("followup", "--list-templates")
    assert result.exit_code == 0, result.output
    for template_id in ("thank-you-first", "thank-you-panel", "check-in", "withdraw"):
        assert template_id in result.output
    listed = json.loads(invoke("followup", "--list-templates", "--json").stdout)
    assert {t["id"] for t in listed} >= {"rejection-reply", "thank-you-final"}
    assert all(t["file"].endswith(".yaml") for t in listed)


def test_an_unknown_template_gets_a_did_you_mean(home: Path) -> None:
    make_home(home)
    result = invoke("followup", "--template", "thank-you-frist", *FULL)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no email template with id 'thank-you-frist' (did you mean 'thank-you-first'?)\n"
    )


def test_a_users_template_overrides_and_one_that_escapes_the_sandbox_names_its_file(
    home: Path,
) -> None:
    make_home(home)
    content = home / "content"
    content.mkdir(parents=True)
    (content / "mine.yaml").write_text(
        "pack: mine\ntitle: Mine\nversion: '1.0.0'\ndescription: d\n"
        "email_templates:\n"
        "  - id: withdraw\n    overrides: true\n    title: Short withdrawal\n"
        "    purpose: p\n    when: w\n    required: [first_name, company]\n"
        "    subject: Withdrawing\n    body: 'Hi {{ first_name }}, I am withdrawing from "
        "{{ company }}. Thanks!'\n",
        encoding="utf-8",
    )
    data = drafts_json("--template", "withdraw")
    drafts = data["drafts"]
    assert isinstance(drafts, list)
    assert drafts[0]["body"] == "Hi Jane, I am withdrawing from Acme Ltd. Thanks!"

    (content / "evil.yaml").write_text(
        "pack: evil\ntitle: Evil\nversion: '1.0.0'\ndescription: d\n"
        "email_templates:\n"
        "  - id: evil\n    title: E\n    purpose: p\n    when: w\n"
        "    subject: Hi\n    body: \"{{ ''.__class__.__mro__ }}\"\n",
        encoding="utf-8",
    )
    result = invoke("followup", "--template", "evil")
    assert result.exit_code == 1
    assert "evil.yaml:" in result.stderr
    assert "'__class__' reaches outside the template sandbox" in result.stderr


# ---------------------------------------------------------------------------- filling


def test_fields_come_from_the_post_mortem_with_no_questions(home: Path) -> None:
    interview_id = make_home(home, postmortem=POSTMORTEM)
    data = drafts_json()
    assert data["interview"] == interview_id and data["template"] == "thank-you-first"
    (draft,) = data["drafts"]  # type: ignore[misc]
    assert draft["to"] == {"name": "Jane Doe", "email": "jane@acme.example"}
    assert "our conversation about how the team plans quarterly releases" in draft["body"]
    assert "building the analytics platform from scratch" in draft["body"]
    assert "my experience in communication" in draft["body"]
    assert draft["fields"]["promised_date"] == "Friday 14 March"
    assert draft["warnings"] == []


def test_without_a_terminal_the_missing_fields_are_listed(home: Path) -> None:
    make_home(home)
    result = invoke("followup")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the email still needs: topic (something specific you discussed); skill (a "
        "skill of yours the team needs). Give them with --set FIELD=VALUE (e.g. --set "
        "topic='...'), or run in a terminal to be asked\n"
    )


def test_scripted_answers_fill_what_is_missing(home: Path, tmp_path: Path) -> None:
    make_home(home, profile=False)
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "followup.field.topic: the pricing experiment\n"
        "followup.field.skill: A/B testing\n"
        "followup.field.signature: Zoë\n",
        encoding="utf-8",
    )
    data = drafts_json("--answers", str(answers))
    body = data["drafts"][0]["body"]  # type: ignore[index]
    assert "the pricing experiment" in body and body.endswith("Best regards,\nZoë")


def test_set_checks_the_field_name(home: Path) -> None:
    make_home(home)
    result = invoke("followup", "--set", "topc=x")
    assert result.exit_code == 2
    assert "unknown field 'topc' (did you mean 'topic'?)" in result.stderr
    result = invoke("followup", "--set", "topic")
    assert result.exit_code == 2 and "is not FIELD=VALUE" in result.stderr


def test_several_interviewers_need_a_choice_without_a_terminal(home: Path) -> None:
    make_home(home, people=(JANE, SAM))
    result = invoke("followup", *FULL)
    assert result.exit_code == 1
    assert "2 interviewers (Jane Doe and Sam Lee); choose with --to NAME" in result.stderr
    data = drafts_json(*FULL, "--to", "sam")
    assert data["drafts"][0]["to"]["name"] == "Sam Lee"  # type: ignore[index]
    result = invoke("followup", *FULL, "--to", "Jnae Doe")
    assert result.exit_code == 1 and "did you mean 'Jane Doe'?" in result.stderr


def test_to_refuses_header_injection(home: Path) -> None:
    make_home(home)
    for spec in (
        "Kim <kim@acme.example>\r\nBcc: evil@attacker.example",
        "kim@acme.example\nBcc: evil@attacker.example",
        "kim@acme.example, evil@attacker.example",
    ):
        result = invoke("followup", *FULL, "--to", spec, "--eml", "x.eml")
        assert result.exit_code == 1, spec
        assert result.stderr.startswith("Error: --to ")
        assert not Path("x.eml").exists()


# ---------------------------------------------------------------------------- output


def test_preview_shows_the_draft_and_the_checks(home: Path) -> None:
    make_home(home)
    result = invoke("followup", *FULL)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "To: Jane Doe <jane@acme.example>" in out
    assert "Subject: Thank you – Product manager interview" in out
    assert "Dear Jane," in out and "Checks passed" in out
    assert "Send it by Wed 12 Mar 2025 10:00" in out


def test_warnings_show_in_the_preview(home: Path) -> None:
    make_home(home, when=NOW - timedelta(hours=40))
    result = invoke("followup", "--set", "topic=the role", "--set", "skill=SQL")
    assert result.exit_code == 0
    assert "'the role' is too general" in result.stdout
    assert "the interview was 40 hours ago" in result.stdout


def test_eml_is_written_and_parses(home: Path, tmp_path: Path) -> None:
    make_home(home)
    target = tmp_path / "thanks.eml"
    result = invoke("followup", *FULL, "--eml", str(target))
    assert result.exit_code == 0, result.output
    message = message_from_bytes(target.read_bytes(), policy=policy.default)
    assert message["To"] == "Jane Doe <jane@acme.example>"
    assert message["From"] == "Zoë Brontë <zoe@example.com>"
    assert message["Subject"] == "Thank you – Product manager interview"
    assert message["Date"].datetime == NOW
    body = message.get_body().get_content()  # type: ignore[union-attr]
    assert "how the team plans releases" in body and "Zoë Brontë" in body
    again = invoke("followup", *FULL, "--eml", str(target))
    assert again.exit_code == 1 and "already exist" in again.stderr
    assert invoke("followup", *FULL, "--eml", str(target), "--force").exit_code == 0


def test_an_address_is_asked_for_when_writing_an_eml(home: Path, tmp_path: Path) -> None:
    make_home(home, people=(Interviewer("Jane Doe"),))
    result = invoke("followup", *FULL, "--eml", str(tmp_path / "t.eml"))
    assert result.exit_code == 1
    assert "recipient_email (their email address)" in result.stderr


def test_a_typed_address_is_saved_to_the_interview(home: Path, tmp_path: Path) -> None:
    interview_id = make_home(home, people=(Interviewer("Jane Doe", "VP Product"),))
    answers = tmp_path / "answers.yaml"
    answers.write_text("followup.field.recipient_email: jane@acme.example\n", encoding="utf-8")
    target = tmp_path / "t.eml"
    result = invoke("followup", *FULL, "--answers", str(answers), "--eml", str(target))
    assert result.exit_code == 0, result.output
    assert "Saved the address of Jane Doe to the interview." in result.stderr
    with Store.open(home) as store:
        assert get_interview(store, interview_id).interviewers[0].email == "jane@acme.example"
    assert invoke("followup", *FULL, "--eml", str(target), "--force").exit_code == 0


def test_panel_notes_one_file_each(home: Path, tmp_path: Path) -> None:
    make_home(home, people=(JANE, SAM), postmortem=POSTMORTEM)
    target = tmp_path / "panel.eml"
    data = drafts_json("--template", "thank-you-panel", "--eml", str(target))
    drafts = data["drafts"]
    assert isinstance(drafts, list) and len(drafts) == 2
    assert sorted(p.name for p in tmp_path.glob("*.eml")) == [
        "panel-jane-doe.eml",
        "panel-sam-lee.eml",
    ]
    sam = message_from_bytes((tmp_path / "panel-sam-lee.eml").read_bytes(), policy=policy.default)
    assert sam["To"] == "Sam Lee <sam@acme.example>"
    assert "self-serve analytics" in sam.get_body().get_content()  # type: ignore[union-attr]
    assert data["warnings"] == []


def test_people_from_the_post_mortem_get_a_note_too(home: Path) -> None:
    answers = {**POSTMORTEM, "people": [{"name": "Ana Ruiz", "title": "Data lead"}]}
    make_home(home, people=(JANE, SAM), postmortem=answers)
    data = drafts_json("--template", "thank-you-panel")
    names = [d["to"]["name"] for d in data["drafts"]]  # type: ignore[union-attr,index]
    assert names == ["Jane Doe", "Sam Lee", "Ana Ruiz"]
    result = invoke("followup", "--template", "thank-you-panel", "--eml", "x.eml")
    assert result.exit_code == 1
    assert "recipient_email (their email address, for Ana Ruiz)" in result.stderr
    result = invoke("followup", "--to", "all", "--set", "recipient_email=a@acme.example")
    assert result.exit_code == 2
    assert "--set recipient_email would go to all 3 recipients" in result.stderr


def test_panel_notes_with_one_topic_are_flagged_as_the_same(home: Path, tmp_path: Path) -> None:
    make_home(home, people=(JANE, SAM))
    data = drafts_json("--to", "all", "--template", "thank-you-panel", "--set", "topic=pricing")
    assert [w["code"] for w in data["warnings"]] == ["same-text"]  # type: ignore[index,union-attr]


def test_mailto_round_trip(home: Path) -> None:
    make_home(home)
    result = invoke("followup", *FULL, "--mailto")
    assert result.exit_code == 0
    url = next(line for line in result.stdout.splitlines() if line.startswith("mailto:"))
    parts = urlsplit(url)
    assert parts.path == "jane@acme.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you – Product manager interview"]
    assert query["body"][0].startswith("Dear Jane,\r\n\r\nThank you")


def test_out_writes_text_or_markdown(home: Path, tmp_path: Path) -> None:
    make_home(home)
    text = tmp_path / "thanks.txt"
    assert invoke("followup", *FULL, "--out", str(text)).exit_code == 0
    assert text.read_text(encoding="utf-8").startswith(
        "To: Jane Doe <jane@acme.example>\nSubject: Thank you – Product manager interview\n\n"
    )
    markdown = tmp_path / "thanks.md"
    assert invoke("followup", *FULL, "--out", str(markdown)).exit_code == 0
    assert "**Subject:** Thank you" in markdown.read_text(encoding="utf-8")


def test_ics_reminds_to_send_and_to_check_in(home: Path, tmp_path: Path) -> None:
    make_home(home)
    target = tmp_path / "remind.ics"
    result = invoke("followup", *FULL, "--set", "promised_date=2025-03-14", "--ics", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_bytes().decode("utf-8")
    lines = text.replace("\r\n ", "").split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20250311T160000Z" in lines  # within the hour: it is 15:00
    assert "DTSTART:20250317T090000Z" in lines  # the Monday after Friday's promise
    assert any(line.startswith("SUMMARY:Send your email to Jane Doe") for line in lines)


def test_copy_without_a_clipboard_tool_says_how(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_home(home)
    monkeypatch.setenv("PATH", "/nonexistent")
    result = invoke("followup", *FULL, "--copy")
    assert result.exit_code == 0
    assert "No clipboard tool was found" in result.stdout


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="uses a fake wl-copy")
def test_copy_uses_the_clipboard_tool(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_home(home)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    clip = tmp_path / "clipboard.txt"
    tool = bin_dir / "wl-copy"
    tool.write_text(f"#!/bin/sh\ncat > '{clip}'\n", encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin:/bin")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    result = invoke("followup", *FULL, "--copy")
    assert result.exit_code == 0
    assert "Copied the body to the clipboard (wl-copy)" in result.stdout
    assert clip.read_text(encoding="utf-8").startswith("Dear Jane,\n\nThank you")


def test_edit_opens_the_draft_in_the_editor(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_home(home)
    script = tmp_path / "edit.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text(encoding='utf-8')\n"
        "t = t.replace('Subject: Thank you', 'Subject: Many thanks')\n"
        "t = t.replace('Dear Jane,', 'Hi Jane,')\n"
        "p.write_text(t, encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    data = drafts_json(*FULL, "--edit")
    draft = data["drafts"][0]  # type: ignore[index]
    assert draft["subject"] == "Many thanks – Product manager interview"
    assert draft["body"].startswith("Hi Jane,\n\nThank you")
    assert not list((home / "drafts").glob("followup-*"))

    empty = tmp_path / "empty.py"
    empty.write_text("import sys; open(sys.argv[1], 'w').close()\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {empty}")
    result = invoke("followup", *FULL, "--edit")
    assert result.exit_code == 0 and "nothing was written" in result.stdout


# ---------------------------------------------------------------------------- the record


def test_drafts_are_recorded_once_per_recipient_and_marked_sent(home: Path) -> None:
    interview_id = make_home(home)
    assert invoke("followup", *FULL).exit_code == 0
    assert invoke("followup", *FULL, "--set", "skill=SQL").exit_code == 0
    with Store.open(home) as store:
        (record,) = list_followups(store, interview_id)
    assert record.sent_at is None and "SQL" in record.body
    assert record.fields["topic"] == "how the team plans releases"

    result = invoke("followup", "--sent")
    assert result.exit_code == 0, result.output
    assert "Recorded as sent: 'Thank you – Product manager interview' to Jane Doe" in result.stdout
    assert "5 hours after the interview (within 24 hours)" in result.stdout
    with Store.open(home) as store:
        (record,) = list_followups(store, interview_id)
    assert record.sent_at == "2025-03-11T15:00:00.000Z"

    again = invoke("followup", "--sent")
    assert again.exit_code == 1
    assert "is already recorded as sent" in again.stderr
    # a new draft after sending is a new record; the sent one is kept as it was
    assert invoke("followup", *FULL).exit_code == 0
    with Store.open(home) as store:
        assert len(list_followups(store, interview_id)) == 2


def test_a_send_is_the_draft_just_shown_not_every_preview(home: Path) -> None:
    interview_id = make_home(home)
    assert invoke("followup", "--template", "withdraw").exit_code == 0  # a preview only
    assert invoke("followup", *FULL).exit_code == 0
    result = invoke("followup", "--sent")
    assert result.exit_code == 0, result.output
    assert "Recorded as sent: 'Thank you" in result.stdout
    with Store.open(home) as store:
        by_template = {r.template_id: r for r in list_followups(store, interview_id)}
    assert by_template["withdraw"].sent_at is None
    assert by_template["thank-you-first"].sent_at is not None

    listed = invoke("followup", "sent")
    assert listed.exit_code == 0 and "Thank you" in listed.stdout
    assert "withdraw" not in listed.stdout.casefold()

    taken_back = invoke("followup", by_template["thank-you-first"].id, "--unsend")
    assert taken_back.exit_code == 0, taken_back.output
    assert "is a draft again" in taken_back.stdout
    assert "Nothing is recorded as sent" in invoke("followup", "sent").stdout

    # a draft named by id is sent, whichever was shown last
    named = invoke("followup", "--sent", by_template["withdraw"].id)
    assert named.exit_code == 0, named.output
    with Store.open(home) as store:
        withdraw = next(
            r for r in list_followups(store, interview_id) if r.id == by_template["withdraw"].id
        )
    assert withdraw.sent_at is not None


def test_readiness_counts_thank_you_notes_sent_to_each_interviewer(home: Path) -> None:
    from prepcoach.content.library import content_files, load_library
    from prepcoach.kernel.paths import builtin_content_dir
    from prepcoach.kit.core import load_kit
    from prepcoach.kit.readiness import assess

    first = make_home(home, people=(JANE, SAM))
    with Store.open(home) as store:
        second = add_interview(
            store,
            Interview(
                company="Acme Ltd",
                role="Product manager",
                stage="second",
                when=NOW + timedelta(days=5),
            ),
        )
    assert invoke("followup", first, "--template", "withdraw", "--to", "all").exit_code == 0
    assert (
        invoke("followup", first, "--template", "withdraw", "--to", "all", "--sent").exit_code == 0
    )
    assert invoke("followup", first, "--to", "Jane", *FULL).exit_code == 0
    assert invoke("followup", first, "--sent").exit_code == 0
    library = load_library(content_files(builtin_content_dir(), None, []))
    with Store.open(home) as store:
        kit = load_kit(store, library, get_interview(store, second.id))
    check = next(c for c in assess(kit, NOW).checks if c.key == "followup")
    assert not check.done
    assert "Jane Doe" in check.detail and "Sam Lee" in check.detail


def test_promised_dates_are_read_by_the_one_date_reader(home: Path) -> None:
    make_home(home)
    args = ["--template", "check-in", "--json"]
    relative = drafts_json(*args, "--set", "promised_date=next tuesday")
    body = relative["drafts"][0]["body"]  # type: ignore[index]
    assert "Tuesday 18 March" in body and "next tuesday" not in body
    contradiction = invoke("followup", *args, "--set", "promised_date=Friday 14 March 2026")
    assert contradiction.exit_code != 0
    assert "Saturday 14 March 2026" in contradiction.output
    assert "Friday 13 March 2026" in contradiction.output
