"""Filling a follow-up's fields from what prep knows: `gather_fields` reads the profile, the
interview and the post-mortem (`core.Sources`), one set per recipient, so that each
interviewer of a panel hears about a different topic; `with_answers` adds what the user typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from prepcoach.followup.core import ConcernLike, PostmortemLike, Recipient, Sources, promised_day
from prepcoach.followup.fields import FIELDS, LIST_FIELDS, PHRASE_FIELDS, Value, field_info
from prepcoach.followup.wording import (
    greeting_name,
    join_names,
    long_date,
    mid_sentence,
    phrase,
    signature_block,
    spoken_when,
)
from prepcoach.kernel import clock, textcheck
from prepcoach.stories.core import keywords


def gather_fields(
    sources: Sources, recipient: Recipient, *, position: int = 0, everyone: Sequence[Recipient] = ()
) -> dict[str, Value]:
    """Every known field for one recipient, from the profile, the interview and the
    post-mortem ('' when unknown). `position` spreads the post-mortem's topics over the
    recipients, so that each interviewer of a panel hears about a different one."""
    profile = sources.profile
    interview = sources.interview
    pm = sources.postmortem
    reference = sources.reference or clock.now()
    values: dict[str, Value] = {name: "" for name in FIELDS if name not in LIST_FIELDS}
    values["topics"] = []
    values.update(
        my_name=profile.name,
        my_email=profile.email,
        my_phone=profile.phone,
        signature=signature_block(profile.signature_text()),
        recipient_name=recipient.name,
        first_name=greeting_name(recipient.name),
        recipient_title=recipient.title,
        recipient_email=recipient.email,
    )
    if interview is not None:
        values.update(
            company=interview.company,
            role=interview.role,
            stage=interview.stage_label if interview.stage != "other" else "",
            interview_date=long_date(interview.when, reference),
            interview_when=spoken_when(interview.when, reference),
        )
    names = [p.name for p in everyone if p.name] or (
        [p.name for p in interview.interviewers] if interview else []
    )
    values["interviewer_names"] = join_names(names)
    values["colleagues"] = join_names(
        [n for n in names if n.casefold() != recipient.name.strip().casefold()]
    )
    if pm is not None:
        topics = [phrase(t) for t in pm.topics if t.strip()]
        values["topics"] = topics
        values["topic"] = topic_for(pm, recipient, position, everyone)
        values["excited_about"] = phrase(pm.excited_about)
        concerns = concerns_for(pm, recipient)
        values["skill"] = _skill(concerns, sources)
        values["concern"] = next((phrase(c.text) for c in concerns if c.text.strip()), "")
        values["proof"] = proof_for(
            [c for c in concerns if _raised_by(c) in ("", recipient.name.strip().casefold())],
            sources,
        )
        promises = [promise_phrase(p) for p in getattr(pm, "promises", ()) if p.strip()]
        values["promise"] = join_names(promises)
        values["material"] = values["promise"]
        promised = promised_from(getattr(pm, "next_dates", ()), reference)
        if promised is not None:
            values["promised_date"] = long_date(promised, reference)
    return values


_HEAR_BACK = re.compile(r"hear|back|decision|answer|feedback|respond|reply|update|offer", re.I)


def promised_from(dates: Sequence[str], reference: datetime | None = None) -> date | None:
    """The day they said you would hear back, from post-mortem dates ('2025-03-21: hear
    back'); None when no date says so."""
    for item in dates:
        day, _sep, what = str(item).partition(": ")
        if _HEAR_BACK.search(what):
            found = promised_day(day[:10], reference)
            if found is not None:
                return found
    return None


def _owner(name: str, people: Sequence[str]) -> str:
    """The person (of `people`, casefolded) a 'raised by' name is; '' when none."""
    wanted = name.strip().casefold()
    return next((p for p in people if p == wanted), "")


def topic_for(
    pm: PostmortemLike, recipient: Recipient, position: int, everyone: Sequence[Recipient]
) -> str:
    """The topic to thank this person for: one they raised; else one nobody in particular
    raised (spread over the recipients by `position`); never one someone else raised."""
    topics = [t for t in pm.topics if t.strip()]
    owners = {t: o.strip().casefold() for t, o in getattr(pm, "topic_by", {}).items() if o}
    me = recipient.name.strip().casefold()
    own = [t for t in topics if owners.get(t) == me]
    if own:
        return phrase(own[0])
    free = [t for t in topics if not owners.get(t)]
    if not free:
        return ""
    # recipients with topics of their own do not use up the shared ones
    sharing = [r for r in everyone if not any(owners.get(t) == r.name.casefold() for t in topics)]
    turn = next((i for i, r in enumerate(sharing) if r.name.casefold() == me), position)
    return phrase(free[turn % len(free)])


def concerns_for(pm: PostmortemLike, recipient: Recipient) -> list[ConcernLike]:
    """The concerns this person raised first, then those nobody in particular raised, then
    the rest."""
    me = recipient.name.strip().casefold()

    def rank(concern: ConcernLike) -> int:
        by = _raised_by(concern)
        return 0 if by == me else 1 if not by else 2

    return sorted(pm.concerns, key=rank)


def _raised_by(concern: ConcernLike) -> str:
    return str(getattr(concern, "raised_by", "")).strip().casefold()


def proof_for(concerns: Sequence[ConcernLike], sources: Sources) -> str:
    """Evidence that answers the first concern it can: a story's result or a 'how I help'
    note with one of its competencies, else one that shares words with it; '' when none
    (pass only the concerns the reader raised or nobody in particular did: a note does not
    answer what a colleague worried about)."""

    for concern in concerns:
        tags = set(concern.competencies)
        for item in sources.evidence:
            if tags & set(item.competencies):
                return proof_phrase(item.text)
        words = set(keywords(concern.text).split())
        for item in sources.evidence:
            if words & set(keywords(f"{item.about} {item.text}").split()):
                return proof_phrase(item.text)
    return ""


def proof_phrase(text: str) -> str:
    """A result as the second half of 'In my own work, ...': one clause, lower first."""
    text = " ".join(text.split())
    first_sentence = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
    return phrase(first_sentence)[:1].lower() + phrase(first_sentence)[1:] if first_sentence else ""


_PROMISE_VERB = re.compile(
    r"^(?:i(?:'ll| will| would| said i(?:'d| would))?|i promised to|promised to|to)?\s*"
    r"(?:send|share|email|forward|follow up with|get back with|get you)\s+(?:you\s+|them\s+)?",
    re.IGNORECASE,
)


def promise_phrase(text: str) -> str:
    """'I'll send the write-up' -> 'the write-up'; what follows 'As promised, here is ...'."""
    cleaned = phrase(" ".join(text.split()).strip(" '\"“”"))
    return phrase(_PROMISE_VERB.sub("", cleaned, count=1)) or cleaned


def _skill(concerns: Sequence[ConcernLike], sources: Sources) -> str:
    """A skill that answers a concern: a concern's competency one of your stories shows, else
    the first concern's competency."""
    tagged = [c for concern in concerns for c in concern.competencies]
    best = next((c for c in tagged if c in sources.story_competencies), None)
    chosen = best or (tagged[0] if tagged else None)
    if chosen is None:
        return ""
    return mid_sentence(sources.competency_names.get(chosen, chosen.replace("-", " ")))


def with_answers(
    values: Mapping[str, Value], answers: Mapping[str, str], reference: datetime | None = None
) -> dict[str, Value]:
    """The values with what the user gave (options or prompts) on top, cleaned; a promised
    date that reads as a day is written out ('2025-03-14' -> 'Friday 14 March')."""
    result = dict(values)
    for name, raw in answers.items():
        info = field_info(name)
        text = textcheck.clean(raw, multiline=info.multiline)
        if name in LIST_FIELDS:
            result[name] = [t.strip() for t in text.split(";") if t.strip()]
            continue
        if name in PHRASE_FIELDS:
            text = phrase(text)
        if name == "promised_date":
            day = promised_day(text, reference)
            text = long_date(day, reference or clock.now()) if day is not None else text
        result[name] = text
    if "recipient_name" in answers and "first_name" not in answers:
        result["first_name"] = greeting_name(str(result["recipient_name"]))
    return result
