"""The use cases of `prep interview`, without a terminal.

Each takes the store and returns data for the command to render. The rules a guided
`prep interview add` or `edit` follows live here too: which round comes next at a company,
how a typed date is checked and shown again, and whether a pasted posting is a URL or notes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from prepcoach.interviews import core
from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import STAGES, Interview, InterviewChanges
from prepcoach.interviews.posting import PostingReading
from prepcoach.kernel import clock, ids, textcheck
from prepcoach.kernel.errors import PrepError
from prepcoach.store.db import Reference, describe_references

if TYPE_CHECKING:
    from prepcoach.store.db import Store

# ---------------------------------------------------------------------------- add


@dataclass(frozen=True, slots=True)
class Known:
    """What a guided `prep interview add` offers: companies to complete, earlier rounds."""

    companies: list[str]
    interviews: list[Interview]


def known(store: Store) -> Known:
    return Known(store_iv.companies(store), store_iv.list_interviews(store))


def next_stage(existing: list[Interview], company: str) -> str:
    """The round a new interview at `company` most likely is, after the earlier ones."""
    rounds = [i.stage for i in existing if core.same_company(i.company, company)]
    for earlier, later in (("final", "other"), ("second", "final"), ("first", "second")):
        if earlier in rounds:
            return later
    return "first" if not rounds else STAGES[-1]


def when_problem(text: str) -> str | None:
    """Why a typed date cannot be read (None: it can, or it is empty)."""
    try:
        core.parse_when(text)
    except PrepError as error:
        return str(error)
    return None


def when_input(interview: Interview) -> str:
    """The stored date as the user would type it (local time)."""
    if interview.when is None:
        return ""
    if isinstance(interview.when, datetime):
        return clock.local(interview.when).strftime("%Y-%m-%d %H:%M")
    return interview.when.isoformat()


def posting_fields(typed: str) -> tuple[str | None, str | None]:
    """(url, notes) for what was typed at "Job posting URL or notes": one of them is set."""
    typed = typed.strip()
    return (typed, None) if textcheck.is_url(typed) else (None, typed)


@dataclass(frozen=True, slots=True)
class Added:
    """A stored interview; `linked` is the earlier round's company spelling when it was used."""

    interview: Interview
    linked: str | None


def add(store: Store, draft: Interview, reading: PostingReading | None = None) -> Added:
    """Store a new interview under the spelling of an earlier round's company (so the rounds
    link), with the posting read for it."""
    typed = draft.company
    linked = core.canonical_company(typed, store_iv.companies(store))
    saved = store_iv.add_interview(store, replace(draft, company=linked))
    if reading is not None:
        saved = store_iv.set_posting(store, saved.id, reading)
    return Added(saved, linked if linked != typed else None)


# ---------------------------------------------------------------------------- list / show


@dataclass(frozen=True, slots=True)
class InterviewList:
    """The interviews `prep interview list` shows and the current one (the arrow)."""

    interviews: list[Interview]
    current: Interview | None


def list_interviews(store: Store, status: str | None = None) -> InterviewList:
    found = store_iv.list_interviews(store, status=status)
    current = core.current_interview(store_iv.list_interviews(store)) if found else None
    return InterviewList(found, current)


def find(store: Store, query: str | None) -> Interview:
    """The interview a user means (the current one for None)."""
    return store_iv.find_interview(store, query)


@dataclass(frozen=True, slots=True)
class InterviewDetail:
    interview: Interview
    linked: list[Reference]


def show(store: Store, query: str | None) -> InterviewDetail:
    interview = store_iv.find_interview(store, query)
    return InterviewDetail(interview, store_iv.references(store, interview.id))


# ---------------------------------------------------------------------------- edit


def update(store: Store, interview: Interview, changes: InterviewChanges) -> Interview:
    """Save the changes over the interview as it was read (unless it changed meanwhile)."""
    return store_iv.update_interview(
        store, interview.id, changes, expected_updated_at=interview.updated_at
    )


def set_posting(store: Store, query: str, reading: PostingReading) -> Interview:
    interview = store_iv.find_interview(store, query)
    return store_iv.set_posting(store, interview.id, reading)


# ---------------------------------------------------------------------------- rm


@dataclass(frozen=True, slots=True)
class Removal:
    """An interview about to be deleted and what that does to what refers to it."""

    interview: Interview
    effects: str


def removal(store: Store, query: str, *, unasked: bool = False) -> Removal:
    """What deleting an interview means; `unasked` (--yes) requires its id or exact company."""
    interview = store_iv.find_interview(store, query)
    effects = describe_references(store_iv.references(store, interview.id))
    if unasked and not named_exactly(interview, query):
        raise PrepError(
            f"'{query}' was matched loosely to {interview.id} ({interview.company}); "
            "with --yes, name it by id or by its exact company name"
        )
    return Removal(interview, effects)


def named_exactly(interview: Interview, query: str) -> bool:
    by_id = ids.matching_ids(query, [interview.id], ids.PREFIXES["interviews"])
    return bool(by_id) or interview.company.casefold() == query.strip().casefold()


def delete(store: Store, interview: Interview) -> None:
    store_iv.delete_interview(store, interview.id)
