"""The story rules of `prep story add` and `edit`, without a terminal.

`resolve` turns the interview a story names into its id and picks the STAR template from
the competencies when none is given; `add_many` adds a file of stories all at once or, when
any of them has a problem, none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from prepcoach.interviews import store as store_iv
from prepcoach.kernel.errors import PrepError
from prepcoach.stories import core
from prepcoach.stories import store as store_st
from prepcoach.stories.core import StarStory

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.store.db import Store


def resolve(store: Store, library: ContentLibrary, story: StarStory) -> StarStory:
    """Interview reference to id, template picked from competencies when not given."""
    if story.interview_id:
        story = replace(story, interview_id=store_iv.find_interview(store, story.interview_id).id)
    if not story.template_id and story.competencies:
        picked = core.template_for(library.star_templates, story.competencies)
        if picked is not None:
            story = replace(story, template_id=picked.id)
    return story


def add_many(
    store: Store, library: ContentLibrary, items: Sequence[Any], where: str
) -> list[StarStory]:
    """Add every story of a file in one transaction; a PrepError listing every problem (and
    nothing added) when any story has one."""
    ready: list[StarStory] = []
    problems: list[str] = []
    for number, item in enumerate(items, 1):
        parsed, found = core.from_data(item, where)
        if parsed is not None:
            try:
                parsed = resolve(store, library, parsed)
            except PrepError as error:
                found = [str(error)]
            else:
                found = core.problems(
                    core.normalized(parsed), library.competencies, library.star_templates
                )
        if found:
            problems += [f"story {number}: {p}" for p in found]
        elif parsed is not None:
            ready.append(core.normalized(parsed))
    if problems:
        raise PrepError(f"nothing was added; {len(problems)} problem(s): " + "; ".join(problems))
    with store.transaction():
        return [store_st.add_story(store, s) for s in ready]
