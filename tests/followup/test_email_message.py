""".eml, mailto: and .ics output: round trips through the standard parsers, and injection."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from prepcoach.followup.core import Draft, Recipient
from prepcoach.followup.message import (
    Reminder,
    eml_bytes,
    header_problem,
    ics_text,
    mailto_url,
    text_file,
)
from prepcoach.kernel.errors import PrepError

WHEN = datetime(2025, 3, 11, 15, 0, tzinfo=UTC)
BODY = (
    "Dear Zoë,\n\nThank you for our talk about naïve Bayes & the café’s 50% growth.\n"
    "A line that is rather long, long enough that quoted-printable has to break it somewhere "
    "in the middle, which must not change the text.\n\nBest regards,\nJosé Núñez\n+34 600 000 000"
)
DRAFT = Draft(
    template_id="thank-you-first",
    recipient=Recipient("Zoë Brontë-Łukasz", "zoe@acme.example", "VP"),
    subject="Thank you – Ingeniero de producto, 2ª ronda",
    body=BODY,
    values={},
    sender_name="José Núñez",
    sender_email="jose@example.com",
)


def parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_eml_round_trip_keeps_headers_and_body() -> None:
    data = eml_bytes(DRAFT, date=WHEN)
    data.decode("ascii")  # 7-bit clean: any mail program can open it
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    message = parse(data)
    assert message["To"] == "Zoë Brontë-Łukasz <zoe@acme.example>"
    assert message["From"] == "José Núñez <jose@example.com>"
    assert message["Subject"] == DRAFT.subject
    assert message["X-Unsent"] == "1"
    assert message["Message-ID"].endswith("@example.com>")
    assert message["Date"].datetime == WHEN
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    # on the wire every line ends in CRLF; the text itself is unchanged
    assert message.get_content().replace("\r\n", "\n") == BODY + "\n"
    assert message["To"].addresses[0].addr_spec == "zoe@acme.example"


def test_non_ascii_names_and_subjects_are_encoded_words() -> None:
    raw = eml_bytes(DRAFT, date=WHEN).decode("ascii")
    headers = raw.split("\r\n\r\n", 1)[0]
    assert "=?utf-8?" in headers
    assert "Brontë" not in headers and "–" not in headers


def test_an_eml_without_addresses_still_opens() -> None:
    draft = replace(DRAFT, recipient=Recipient("Sam"), sender_email="", sender_name="")
    message = parse(eml_bytes(draft, date=WHEN))
    assert message["To"] is None and message["From"] is None
    assert message["Subject"] == DRAFT.subject


def test_an_international_domain_is_written_in_its_ascii_form() -> None:
    draft = replace(DRAFT, recipient=Recipient("Ana", "ana@bücher.example"))
    message = parse(eml_bytes(draft, date=WHEN))
    assert message["To"].addresses[0].domain == "xn--bcher-kva.example"


INJECTIONS = [
    ("subject", "Thanks\r\nBcc: evil@attacker.example", "the subject contains a line break"),
    ("subject", "Thanks\nX-Evil: 1", "the subject contains a line break"),
    ("subject", "Thanks\u2028Bcc: evil@attacker.example", "U+2028 LINE SEPARATOR"),
    ("subject", "Thanks\x85Bcc: evil@attacker.example", "U+0085"),
    ("subject", "Thanks\x00", "a control character (U+0000"),
    ("name", "Zoë\r\nBcc: evil@attacker.example", "the recipient's name contains a line break"),
    ("email", "zoe@acme.example\r\nBcc: evil@attacker.example", "recipient's address contains"),
    ("email", "zoe@acme.example, evil@attacker.example", "is not a single plain address"),
    ("email", "Zoë <zoe@acme.example>", "is not a single plain address"),
    ("email", "zoe@acme.example>\tBcc", "control character"),
    ("sender", "José\nBcc: evil@attacker.example", "your name contains a line break"),
]


@pytest.mark.parametrize(("where", "value", "message"), INJECTIONS)
def test_header_injection_is_refused(where: str, value: str, message: str) -> None:
    if where == "subject":
        draft = replace(DRAFT, subject=value)
    elif where == "name":
        draft = replace(DRAFT, recipient=Recipient(value, "zoe@acme.example"))
    elif where == "email":
        draft = replace(DRAFT, recipient=Recipient("Zoë", value))
    else:
        draft = replace(DRAFT, sender_name=value)
    with pytest.raises(PrepError, match=re.escape(message)):
        eml_bytes(draft, date=WHEN)
    with pytest.raises(PrepError):
        mailto_url(draft)


def test_header_problem_accepts_ordinary_text() -> None:
    assert header_problem("x", "Zoë Brontë – Ingeniería, 2ª ronda 🎉") is None


def test_mailto_round_trip() -> None:
    url = mailto_url(DRAFT)
    assert url.isascii() and " " not in url and "\n" not in url
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "zoe@acme.example"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query["subject"] == [DRAFT.subject]
    assert query["body"] == [BODY.replace("\n", "\r\n")]  # RFC 6068: line breaks as CRLF
    assert "%0D%0A" in url and "&" not in query["body"][0][:0]


def test_mailto_encodes_characters_that_would_break_the_query() -> None:
    draft = replace(DRAFT, subject="Q&A? 100% #1 = yes", body="a&b=c?d#e+f")
    query = parse_qs(urlsplit(mailto_url(draft)).query)
    assert query["subject"] == ["Q&A? 100% #1 = yes"]
    assert query["body"] == ["a&b=c?d#e+f"]


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_is_valid_and_folds_long_lines() -> None:
    reminder = Reminder(
        summary="Send your email to Zoë Brontë-Łukasz, Sam Lee; and Ana (Acme, Ltd)",
        start=WHEN,
        description="Subject: " + DRAFT.subject + "\nSend it by Wed 12 Mar 10:00. " + "ñ" * 60,
    )
    text = ics_text([reminder], uid_seed="iv-abc234-thank-you-first", stamp=WHEN)
    assert text.endswith("\r\n")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert "DTSTART:20250311T150000Z" in lines
    assert "UID:iv-abc234-thank-you-first-1@prepcoach.invalid" in lines
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary == (
        "SUMMARY:Send your email to Zoë Brontë-Łukasz\\, Sam Lee\\; and Ana (Acme\\, Ltd)"
    )
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "\\nSend it by" in description and description.endswith("ñ" * 60)
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("BEGIN:VALARM") == 1


def test_text_and_markdown_files_hold_every_draft() -> None:
    second = replace(DRAFT, recipient=Recipient("Sam Lee", "sam@acme.example"), subject="Hi *Sam*")
    text = text_file([DRAFT, second])
    assert text.startswith("To: Zoë Brontë-Łukasz <zoe@acme.example>\nSubject: Thank you")
    assert "To: Sam Lee <sam@acme.example>\nSubject: Hi *Sam*" in text
    markdown = text_file([DRAFT, second], markdown=True)
    assert "**Subject:** Hi \\*Sam\\*" in markdown
    assert "**To:** Sam Lee \\<sam@acme.example\\>" in markdown
    assert "Best regards,  \nJosé Núñez  \n+34 600 000 000" in markdown
    assert "\n---\n" in markdown
