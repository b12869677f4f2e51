"""A draft as a file or link a mail program opens: .eml, mailto: URL, .ics reminder, text.

- `eml_bytes`: an RFC 5322 message built with the standard library's `email` package
  (`EmailMessage`, SMTP policy): CRLF line endings, non-ASCII names and subjects as RFC 2047
  encoded words, a UTF-8 quoted-printable body, and `X-Unsent: 1` so that mail programs that
  know it open the file as a draft ready to send.
- `mailto_url`: an RFC 6068 link with the subject and body percent-encoded (line breaks as
  %0D%0A).
- `ics_text`: an RFC 5545 calendar file with one reminder event per entry.

Every header value is checked first (`header_problem`): a line break or another control
character in a name, an address or the subject could add headers of its own (header
injection), so such a value is refused with a message naming the field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING
from urllib.parse import quote

from prepcoach import __version__
from prepcoach.kernel import clock
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from email.headerregistry import Address

    from prepcoach.followup.core import Draft

# Line breaks of every kind (Python's str.splitlines() splits on all of these) and the other
# control characters: none belongs in a header.
_HEADER_BAD = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_ADDR_SPEC = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[^\s@<>()\[\],;:\"\\]+\.[^\s@<>()\[\],;:\"\\]{2,}$"
)
MAILTO_LIMIT = 2_000  # longer links get cut by some mail programs and browsers


def header_problem(label: str, value: str) -> str | None:
    """Why `value` cannot go into an email header (None when it can)."""
    bad = _HEADER_BAD.search(value)
    if bad is None:
        return None
    char = bad.group()
    code = f"U+{ord(char):04X}"
    kind = "a line break" if char in "\r\n\x85\u2028\u2029\x0b\x0c" else "a control character"
    name = unicodedata.name(char, "")
    return (
        f"{label} contains {kind} ({code}{' ' + name if name else ''}) at position "
        f"{bad.start() + 1}; headers must be one line, so it was refused"
    )


def address_problem(label: str, email: str) -> str | None:
    """Why `email` is not one plain address (`a@b.example`), e.g. a list or a header."""
    problem = header_problem(label, email)
    if problem:
        return problem
    if not _ADDR_SPEC.match(email):
        return (
            f"{label} '{email}' is not a single plain address like name@example.com "
            "(no names, lists, spaces or angle brackets)"
        )
    return None


def _check_headers(draft: Draft) -> None:
    problems = [
        header_problem("the subject", draft.subject),
        header_problem("the recipient's name", draft.recipient.name),
        header_problem("your name", draft.sender_name),
    ]
    if draft.recipient.email:
        problems.append(address_problem("the recipient's address", draft.recipient.email))
    if draft.sender_email:
        problems.append(address_problem("your address", draft.sender_email))
    found = [p for p in problems if p]
    if found:
        raise PrepError("; ".join(found))


def _address(name: str, email: str) -> Address:

    local, _, domain = email.rpartition("@")
    if not local.isascii():
        raise PrepError(
            f"'{email}' has non-ASCII characters before the @, which a standard .eml cannot "
            "carry; use the address's ASCII form"
        )
    try:
        domain = domain.encode("idna").decode("ascii")  # bücher.example -> xn--bcher-kva.example
        return Address(display_name=name, username=local, domain=domain)
    except (UnicodeError, ValueError, HeaderParseError) as error:
        raise PrepError(f"'{email}' cannot be used as an address: {error}") from None


def eml_bytes(draft: Draft, *, date: datetime | None = None) -> bytes:
    """The draft as an .eml file (RFC 5322, 7-bit clean, CRLF)."""
    _check_headers(draft)
    message = EmailMessage(policy=policy.SMTP)
    if draft.sender_email:
        message["From"] = _address(draft.sender_name, draft.sender_email)
    if draft.recipient.email:
        message["To"] = _address(draft.recipient.name, draft.recipient.email)
    message["Subject"] = draft.subject
    message["Date"] = format_datetime((date or clock.now()).astimezone())
    domain = draft.sender_email.rpartition("@")[2] if draft.sender_email else "prepcoach.invalid"
    message["Message-ID"] = make_msgid(domain=domain.encode("idna").decode("ascii"))
    message["X-Unsent"] = "1"
    message.set_content(draft.body + "\n", charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def mailto_url(draft: Draft) -> str:
    """`mailto:jane@acme.example?subject=...&body=...` (RFC 6068)."""
    _check_headers(draft)
    to = quote(draft.recipient.email, safe="@")
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{to}?subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"


def text_file(drafts: Sequence[Draft], *, markdown: bool = False) -> str:
    """The drafts as one text (or Markdown) file, each with its To and Subject."""
    parts = []
    for draft in drafts:
        if markdown:
            to = draft.recipient.label()
            head = f"**To:** {_md(to)}  \n" if draft.recipient.name or draft.recipient.email else ""
            parts.append(f"{head}**Subject:** {_md(draft.subject)}\n\n{_md_body(draft.body)}\n")
        else:
            parts.append(draft.text())
    return ("\n---\n\n" if markdown else "\n" + "-" * 72 + "\n\n").join(parts)


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _md_body(body: str) -> str:
    """Markdown that shows the email's line breaks as they are (a signature stays a block)."""
    paragraphs = body.split("\n\n")
    return "\n\n".join("  \n".join(_md(line) for line in p.split("\n")) for p in paragraphs)


# ---------------------------------------------------------------------------- calendar


@dataclass(frozen=True, slots=True)
class Reminder:
    """One calendar event: a reminder to send an email, or to check in."""

    summary: str
    start: datetime
    description: str = ""
    minutes: int = 15


def ics_text(reminders: Sequence[Reminder], *, uid_seed: str, stamp: datetime) -> str:
    """An iCalendar file (RFC 5545) with one event and an alarm at its start per reminder."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//prepcoach//prepcoach {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for number, reminder in enumerate(reminders, 1):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid_seed}-{number}@prepcoach.invalid",
            f"DTSTAMP:{_ics_time(stamp)}",
            f"DTSTART:{_ics_time(reminder.start)}",
            f"DURATION:PT{reminder.minutes}M",
            f"SUMMARY:{_ics_escape(reminder.summary)}",
        ]
        if reminder.description:
            lines.append(f"DESCRIPTION:{_ics_escape(reminder.description)}")
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_ics_escape(reminder.summary)}",
            "TRIGGER:PT0M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ics_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _ics_escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space; never splits a character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)
