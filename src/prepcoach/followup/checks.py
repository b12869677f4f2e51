"""The checks a careful reader makes before a follow-up email is sent.

`check_drafts` flags, for each draft: a subject that is missing, a leftover placeholder
(`[Company Name]`, `{{ role }}`, TODO) or a gap where a field was left empty, a thank-you
that names no specific topic (or a vague one), a body over about 150 words; and, across the
drafts: a thank-you written more than 24 hours after the interview (or before it), a
check-in before the promised date, the same note to several interviewers (also against the
notes drafted earlier to the others), a round the interview was not, no name of yours
to sign with, and words from your notes that start with a capital in mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from prepcoach.followup.core import WORD_LIMIT, Draft, promised_day, send_deadline
from prepcoach.followup.fields import field_info, is_empty
from prepcoach.followup.wording import join_names
from prepcoach.interviews.core import format_when
from prepcoach.kernel import clock

if TYPE_CHECKING:
    from prepcoach.content.model import EmailTemplate
    from prepcoach.interviews.core import Interview

VAGUE_TOPICS = frozenset(
    {
        "the role",
        "the job",
        "the position",
        "the company",
        "the team",
        "the interview",
        "the opportunity",
        "everything",
        "it",
        "the work",
    }
)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something to fix or think about before sending."""

    code: str  # placeholder, unfilled, no-topic, too-long, no-subject, late, early,
    #            same-text, check-in-early, capital
    message: str
    recipient: str = ""  # whose draft, when there are several


# Every repetition is bounded and stops at the next opening, so a line of "{{{{..." is read
# once, not once per brace.
PLACEHOLDER_RE = re.compile(
    r"\{\{(?:(?!\{\{)[^\n]){0,200}?\}\}|\{%(?:(?!\{%)[^\n]){0,200}?%\}|\{\{|\}\}"  # template syntax
    r"|\[[^\[\]\n]{2,40}\](?!\()"  # [Company Name], not a Markdown link
    r"|<<[^<>\n]{1,40}>>"
    r"|\b(?:TODO|TBD|XXX+|FIXME)\b"
)
PLACEHOLDERS_SHOWN = 10  # per subject or body: enough to act on, never a flood
GAP_RE = re.compile(r"[^\s\n] {2,}[^\s]|\s[,.;:!?](?:\s|$)|\(\s*\)|\"\s*\"|“\s*”")


def check_drafts(
    drafts: Sequence[Draft],
    template: EmailTemplate,
    *,
    interview: Interview | None = None,
    reference: datetime | None = None,
    earlier: Sequence[tuple[str, str]] = (),
) -> list[Finding]:
    """What a careful reader would flag in these drafts (empty when they are ready).
    `earlier` holds (recipient, body) of notes drafted before to other people of the same
    interview: a note that repeats one of them is flagged too."""
    reference = reference or clock.now()
    findings: list[Finding] = []
    several = len(drafts) > 1
    for draft in drafts:
        who = draft.recipient.name if several else ""
        findings += [Finding(code, message, who) for code, message in _check_one(draft, template)]
        findings += [Finding(code, message, who) for code, message in _round(draft, interview)]
    findings += _timing(template, drafts, interview, reference)
    findings += _same_text(drafts, earlier)
    findings += _no_name(drafts)
    findings += _capitals(drafts)
    return findings


# Fields filled from the user's own notes, which may start with a capital only because the
# note did: "As promised, I will send Dashboard sample shortly."
_NOTE_FIELDS = ("topic", "excited_about", "promise", "concern", "proof")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")


def _capitals(drafts: Sequence[Draft]) -> list[Finding]:
    """A note's words placed mid-sentence that start with a capital, when the capital is
    not a name prep knows (the company, the people, the role): said as something to look
    at, since only the writer knows whether "Dashboard" is a product's name."""
    findings: list[Finding] = []
    said: set[str] = set()
    for draft in drafts:
        names = {
            w.casefold()
            for name in ("company", "role", "recipient_name", "interviewer_names", "colleagues")
            for w in re.findall(r"\w+", str(draft.values.get(name, "")))
        }
        for name in _NOTE_FIELDS:
            value = str(draft.values.get(name, "")).strip()
            first = value.split(" ", 1)[0]
            if (
                not _CAPITALISED.fullmatch(first)
                or first.casefold() in names
                or value in said
                or not _mid_sentence(draft.body, value)
            ):
                continue
            said.add(value)
            findings.append(
                Finding(
                    "capital",
                    f"'{value[:60]}' starts with a capital in mid-sentence; unless "
                    f"'{first}' is a name, write it in lower case (--edit)",
                )
            )
    return findings


def _mid_sentence(body: str, value: str) -> bool:
    """Whether `value` stands in `body` after a word, not at the start of a sentence."""
    at = body.find(value)
    if at <= 0:
        return False
    before = body[:at].rstrip(" ")
    return bool(before) and before[-1] not in '.!?:\n"“'


_ROUND_RE = re.compile(r"\b(first|second|third|final|last)[ -](?:round|interview|stage)\b", re.I)
_STAGE_WORDS = {"first": {"first"}, "second": {"second"}, "final": {"final", "last", "third"}}


def _round(draft: Draft, interview: Interview | None) -> list[tuple[str, str]]:
    """A subject or body that names a round the interview was not ('first round' after a
    second one)."""
    if interview is None or interview.stage not in _STAGE_WORDS:
        return []
    wanted = _STAGE_WORDS[interview.stage]
    for part, text in (("subject", draft.subject), ("body", draft.body)):
        for match in _ROUND_RE.finditer(text):
            if match.group(1).casefold() not in wanted:
                return [
                    (
                        "round",
                        f"the {part} says '{match.group()}', but this was the "
                        f"{interview.stage_label}; choose the template for it (--template) "
                        "or --edit the words",
                    )
                ]
    return []


_ADDRESS_RE = re.compile(r"\S+@\S+|https?://\S+|\+?[\d ()-]{7,}")


def _no_name(drafts: Sequence[Draft]) -> list[Finding]:
    """No name in the profile, and none typed as the signature: the note would be signed
    with an address, or not at all."""
    if not drafts or str(drafts[0].values.get("my_name", "")).strip():
        return []
    signature = str(drafts[0].values.get("signature") or "")
    if any(c.isalpha() for c in _ADDRESS_RE.sub("", signature)):
        return []  # signed with the name typed for this note
    return [
        Finding(
            "no-name",
            "your profile has no name, so the email is not signed with it; set it once: "
            "prep profile set --name 'Your Name'",
        )
    ]


def _check_one(draft: Draft, template: EmailTemplate) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if not draft.subject.strip():
        found.append(("no-subject", "there is no subject; a clear subject gets the email opened"))
    for part, text in (("subject", draft.subject), ("body", draft.body)):
        for match in islice(PLACEHOLDER_RE.finditer(text), PLACEHOLDERS_SHOWN):
            found.append(("placeholder", f"a placeholder is left in the {part}: '{match.group()}'"))
    for name in template.required:
        if is_empty(draft.values.get(name)):
            found.append(("unfilled", f"the field '{name}' ({field_info(name).label}) is empty"))
    for line in draft.body.split("\n"):
        gap = GAP_RE.search(line)
        if gap:
            start = max(gap.start() - 20, 0)
            found.append(
                (
                    "unfilled",
                    f"an empty field seems to leave a gap: '...{line[start : gap.end() + 20]}...'",
                )
            )
    if "topic" in template.required:  # a thank-you: it must name something specific
        found += _topic_problems(draft)
    words = draft.words()
    if words > WORD_LIMIT:
        found.append(
            (
                "too-long",
                f"the body is {words} words; keep it under about {WORD_LIMIT} so it is read "
                "in full (one thank-you, one specific point, one line on fit)",
            )
        )
    return found


def _topic_problems(draft: Draft) -> list[tuple[str, str]]:
    topic = str(draft.values.get("topic", "")).strip()
    if not topic:
        return [
            (
                "no-topic",
                "no specific topic from the conversation is mentioned; naming one shows you "
                "listened (set it with --set topic='...')",
            )
        ]
    if topic.casefold() in VAGUE_TOPICS:
        return [
            (
                "no-topic",
                f"'{topic}' is too general to show you listened; name something you actually "
                "discussed",
            )
        ]
    if _normal(topic) not in _normal(draft.body):
        return [
            (
                "no-topic",
                f"the topic '{topic}' is no longer in the text; make sure the note still "
                "names something specific you discussed",
            )
        ]
    return []


def _timing(
    template: EmailTemplate,
    drafts: Sequence[Draft],
    interview: Interview | None,
    reference: datetime,
) -> list[Finding]:
    findings: list[Finding] = []
    deadline = send_deadline(template, interview)
    start = interview.moment() if interview is not None else None
    if deadline is not None and start is not None and interview is not None:
        if reference > deadline:
            hours = int((reference - start).total_seconds() // 3600)
            findings.append(
                Finding(
                    "late",
                    f"the interview was {hours} hours ago ({format_when(interview.when)}); "
                    f"a thank-you lands best within {template.send_within_hours} hours. Send it "
                    "today anyway, without apologising for the delay",
                )
            )
        elif _not_yet(interview, reference):
            findings.append(
                Finding(
                    "early",
                    f"the interview has not happened yet ({format_when(interview.when)}); "
                    "write the thank-you after it, with something you actually discussed",
                )
            )
    promised = next(
        (promised_day(str(d.values.get("promised_date", "")), reference) for d in drafts[:1]),
        None,
    )
    if "promised_date" in (*template.required, *template.optional) and promised is not None:
        if promised >= clock.local(reference).date():
            findings.append(
                Finding(
                    "check-in-early",
                    f"the date they gave ({promised:%a %d %b}) has not passed yet; a check-in "
                    "reads best a working day or two after it",
                )
            )
    return findings


def _not_yet(interview: Interview, reference: datetime) -> bool:
    when = interview.when
    if isinstance(when, datetime):
        return reference < when
    return when is not None and clock.local(reference).date() < when


def _same_text(drafts: Sequence[Draft], earlier: Sequence[tuple[str, str]] = ()) -> list[Finding]:
    """Notes to several people that differ only in the name (this run's, or one of this
    run's and one drafted earlier to someone else)."""
    mine = {d.recipient.name.casefold() for d in drafts}
    notes = [(d.recipient.name, d.body, True) for d in drafts] + [
        (name, body, False) for name, body in earlier if name.casefold() not in mine
    ]
    groups: dict[str, list[tuple[str, bool]]] = {}
    names = sorted({t for n, _b, _m in notes for t in _name_tokens(n)}, key=len, reverse=True)
    for name, body, current in notes:
        text = _normal(body)
        for token in names:  # every name, so "I also met Sam" and "I also met Jane" match
            text = re.sub(rf"\b{re.escape(token)}\b", "<name>", text)
        groups.setdefault(text, []).append((name, current))
    findings = []
    for same in groups.values():
        if len(same) > 1 and any(current for _n, current in same):
            whom = join_names([n or "(no name)" for n, _c in same])
            findings.append(
                Finding(
                    "same-text",
                    f"the notes to {whom} are the same apart from the name; interviewers "
                    "compare notes, so mention something you discussed with each "
                    "(--edit, or a different --set topic per note)",
                )
            )
    return findings


def _name_tokens(name: str) -> list[str]:
    tokens = [t for t in re.split(r"\s+", name.casefold()) if t]
    return sorted({name.casefold(), *tokens} - {""}, key=len, reverse=True)


def _normal(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def draft_dict(draft: Draft, findings: Sequence[Finding] = ()) -> dict[str, Any]:
    """A draft as plain data (for --json and the store)."""
    return {
        "template": draft.template_id,
        "to": {"name": draft.recipient.name, "email": draft.recipient.email},
        "subject": draft.subject,
        "body": draft.body,
        "words": draft.words(),
        "fields": draft.values,
        "warnings": [
            {"code": f.code, "message": f.message}
            for f in findings
            if not f.recipient or f.recipient == draft.recipient.name
        ],
    }
