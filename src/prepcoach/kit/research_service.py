"""The use cases of `prep research`, without a terminal: which company is meant, the
dossier for it, adding an item as soon as its questions are answered (with the checks each
answer gets), the editor's check and save, listing and deleting."""

from __future__ import annotations

import re
import shlex
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import match_company
from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kit import research as core
from prepcoach.kit import research_store as store_rs
from prepcoach.kit import research_yaml
from prepcoach.kit.research import Dossier, Item, ResearchStatus
from prepcoach.stories import store as store_st
from prepcoach.stories.core import StoryMatch, match_stories

if TYPE_CHECKING:
    from prepcoach.store.db import Store

HINT_SCORE = 40  # how closely a story's wording must match a challenge to be suggested


def company(store: Store, given: str | None) -> str:
    """The company meant: the current interview's, an interview's (typed loosely), or as typed."""
    if given is None or not given.strip():
        try:
            return store_iv.find_interview(store, None).company
        except NotFoundError:
            raise NotFoundError(
                "name the company, e.g. prep research ACME (without a name, research is for "
                "your next interview, and there is none yet)"
            ) from None
    problem = textcheck.problem("the company name", given, required=True)
    if problem:
        raise PrepError(problem)
    matches = match_company(store_iv.list_interviews(store), given)
    companies = {m.company for m in matches}
    if len(companies) == 1:
        return companies.pop()
    existing = store_rs.get_research(store, given)
    return existing.company if existing is not None else textcheck.clean(given, multiline=False)


def status(of: Dossier | None) -> ResearchStatus:
    """How complete a dossier is (see `kit.research.status`)."""
    return core.status(of)


def existing(store: Store, name: str) -> Dossier | None:
    """The dossier on a company (as `company` names it), if there is one."""
    return store_rs.get_research(store, name)


def dossier(store: Store, name: str) -> Dossier:
    """The dossier on a company, or a new empty one."""
    return store_rs.get_research(store, name) or Dossier(company=name)


def find(store: Store, given: str | None) -> Dossier:
    """The dossier to show: on the company meant, else one whose name matches closely."""
    name = company(store, given)
    found = store_rs.get_research(store, name)
    if found is not None:
        return found
    if given is None:
        raise NotFoundError(
            f"no research on {name} yet; start with: prep research {command_arg(name)}"
        )
    return store_rs.find_research(store, given)


def command_arg(text: str) -> str:
    """A company as it is typed on a command line (quoted when it needs to be)."""
    return shlex.quote(text)


def replace_from(store: Store, name: str, data: Any, where: str) -> Dossier:
    """Replace the dossier on a company with one read from a file."""
    parsed, found = research_yaml.from_data(data, where)
    if parsed is None:
        raise PrepError("; ".join(found))
    parsed = replace(parsed, company=parsed.company or name)
    known = store_rs.get_research(store, name)
    if known is not None:
        parsed = replace(parsed, id=known.id)
    return store_rs.save_research(store, parsed)


# ---------------------------------------------------------------------------- guided


def item_problem(value: str) -> str | None:
    return textcheck.problem("the item", value, max_chars=core.ITEM_MAX)


def how_problem(value: str) -> str | None:
    return textcheck.problem("how you help", value, max_chars=core.ITEM_MAX)


def sources_problem(value: str) -> str | None:
    for source in core.merge_sources(value):
        problem = core.source_problem(source)
        if problem:
            return problem
    return None


def asks_how(section: str) -> bool:
    """Whether an item of this section also asks how your experience helps."""
    return section == "challenges"


def add_item(store: Store, to: Dossier, section: str, text: str, sources: str, how: str) -> Dossier:
    """Save the dossier with one more item (sources as typed on one line)."""
    item = Item(text.strip(), core.merge_sources(sources), how.strip())
    return store_rs.save_research(store, to.with_item(section, item))


def story_hints(store: Store, text: str, limit: int = 2) -> list[StoryMatch]:
    """Stories from the bank that may show you can help with a challenge."""
    ranked = match_stories(store_st.list_stories(store), text)
    return [m for m in ranked if m.text_score >= HINT_SCORE][:limit]


# ---------------------------------------------------------------------------- edit


def record_id(dossier: Dossier) -> str:
    """What the editor's draft of a dossier is kept under (a new one: by its company)."""
    slug = re.sub(r"[^a-z0-9]+", "-", dossier.company.casefold()).strip("-")[:40] or "company"
    return dossier.id or "new-" + slug


def check_edit(dossier: Dossier, text: str, line_offset: int) -> tuple[Dossier | None, list[str]]:
    """The edited dossier, or its problems (naming lines, shifted by `line_offset`)."""
    parsed, found = research_yaml.from_yaml(text, line_offset=line_offset)
    if parsed is None:
        return None, found
    parsed = core.normalized(replace(parsed, id=dossier.id))
    return parsed, core.problems(parsed)


def save_edit(store: Store, original: Dossier, edited: Dossier) -> Dossier:
    """Save an edited dossier (unless it was changed meanwhile)."""
    return store_rs.save_research(store, edited, expected_updated_at=original.updated_at or None)


def to_yaml(dossier: Dossier) -> str:
    return research_yaml.to_yaml(dossier)


# ---------------------------------------------------------------------------- list / rm


def list_dossiers(store: Store) -> list[Dossier]:
    return store_rs.list_research(store)


def removal(store: Store, given: str) -> Dossier:
    return store_rs.find_research(store, given)


def delete(store: Store, gone: Dossier) -> None:
    store_rs.delete_research(store, gone.id)
