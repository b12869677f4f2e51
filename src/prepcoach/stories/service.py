"""The use cases of `prep story`, without a terminal: each takes the store (and the content
library) and returns data for the command to render.

`resolve` turns the interview a story names into its id and picks the STAR template from
the competencies when none is given; `add_many` adds a file of stories all at once or, when
any of them has a problem, none of them. What `prep story add` asks for a story that still
lacks parts is `stories.guided.NewStory`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel import ids
from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.wording import counted
from prepcoach.store import drafts
from prepcoach.store.db import describe_references, references
from prepcoach.stories import core
from prepcoach.stories import store as store_st
from prepcoach.stories.core import Coverage, StarStory, StoryMatch

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.store.db import Store

# ---------------------------------------------------------------------------- add


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
        raise PrepError(
            f"nothing was added; {counted(len(problems), 'problem')}: " + "; ".join(problems)
        )
    with store.transaction():
        return [store_st.add_story(store, s) for s in ready]


def stories_in(data: Any) -> list[Any] | None:
    """The list of stories a file holds (a list, or `stories:` with one), else None."""
    if isinstance(data, dict) and isinstance(data.get("stories"), list):
        data = data["stories"]
    return data if isinstance(data, list) else None


def story_from(data: Any, where: str) -> StarStory:
    """The one story a file holds (a PrepError naming every problem when it does not parse)."""
    parsed, found = core.from_data(data, where)
    if parsed is None:
        raise PrepError("; ".join(found))
    return parsed


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """What `prep story add` was given on the command line (None: not given)."""

    title: str | None = None
    competencies: tuple[str, ...] = ()
    template: str | None = None
    parts: dict[str, str | None] = field(default_factory=dict)  # STAR part -> text
    interview: str | None = None
    employer: str | None = None
    notes: str | None = None


def check_options(options: StoryOptions) -> None:
    """A PrepError for an option that cannot be used, before anything is read."""
    if options.title is not None and not options.title.strip():
        raise PrepError("the title cannot be empty: a few words to recognise the story")


def draft(
    store: Store, library: ContentLibrary, options: StoryOptions, base: StarStory | None = None
) -> StarStory:
    """The story so far: the options over a story read from a file, resolved."""
    given = {key: text for key, text in options.parts.items() if text is not None}
    base = base or StarStory(title="", template_id="")
    story = replace(
        base,
        title=options.title if options.title is not None else base.title,
        competencies=options.competencies or base.competencies,
        template_id=options.template if options.template is not None else base.template_id,
        parts={**base.parts, **given},
        interview_id=options.interview if options.interview is not None else base.interview_id,
        employer=options.employer if options.employer is not None else base.employer,
        notes=options.notes if options.notes is not None else base.notes,
    )
    return resolve(store, library, story)


def missing(story: StarStory, library: ContentLibrary) -> list[str]:
    """The options a complete story still needs, e.g. ['--title', '--result']."""
    template = library.star_templates.get(story.template_id)
    required = (
        [p.key for p in template.parts if not p.optional]
        if template
        else ["situation", "task", "action", "result"]
    )
    lacking = [] if story.title.strip() else ["--title"]
    lacking += [] if story.competencies else ["--competency"]
    return lacking + [f"--{k}" for k in required if not story.parts.get(k, "").strip()]


def save_new(
    store: Store,
    library: ContentLibrary,
    story: StarStory,
    *,
    home: Path,
    from_file: Path | None = None,
) -> StarStory:
    """Check and store a new story; the unfinished-story draft it came from goes."""
    saved = store_st.add_story(
        store, core.check(story, library.competencies, library.star_templates)
    )
    if from_file is not None and from_file.resolve() == new_draft_path(home).resolve():
        drafts.discard_draft(home, "story", "new")
    return saved


def new_draft_path(home: Path) -> Path:
    """Where an interrupted `prep story add` keeps what was typed."""
    return drafts.draft_path(home, "story", "new")


def keep_unfinished(home: Path, story: StarStory) -> Path | None:
    """Keep a story interrupted while it was asked for (None: nothing was typed)."""
    if not (story.title or story.parts):
        return None
    return drafts.save_draft(home, "story", "new", core.to_yaml(story))


# ---------------------------------------------------------------------------- list / show


@dataclass(frozen=True, slots=True)
class StoryList:
    """The stories `prep story list` shows, with their practice uses and interview companies."""

    stories: list[StarStory]
    uses: dict[str, int]
    companies: dict[str, str]


def list_stories(
    store: Store,
    library: ContentLibrary,
    *,
    competency: str | None = None,
    interview: str | None = None,
    search: str | None = None,
) -> StoryList:
    stories = store_st.list_stories(store)
    if competency is not None:
        if competency not in library.competencies and not any(
            competency in s.competencies for s in stories
        ):
            library.get("competencies", competency)  # not found: did-you-mean
        stories = [s for s in stories if competency in s.competencies]
    if interview is not None:
        wanted = store_iv.find_interview(store, interview).id
        stories = [s for s in stories if s.interview_id == wanted]
    if search:
        ranked = core.match_stories(stories, search)
        stories = [m.story for m in ranked if m.text_score >= 50]
    companies = {i.id: i.company for i in store_iv.list_interviews(store)}
    return StoryList(stories, store_st.story_uses(store), companies)


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """One story, how often practice used it, and the interview it is linked to (if found)."""

    story: StarStory
    uses: int
    interview: Interview | None


def show(store: Store, story_ref: str) -> StoryDetail:
    story = store_st.find_story(store, story_ref)
    uses = store_st.story_uses(store).get(story.id, 0)
    linked = None
    if story.interview_id:
        try:
            linked = store_iv.get_interview(store, story.interview_id)
        except Exception:  # noqa: BLE001 - a dangling link only loses the label
            linked = None
    return StoryDetail(story, uses, linked)


# ---------------------------------------------------------------------------- edit


def find(store: Store, story_ref: str) -> StarStory:
    return store_st.find_story(store, story_ref)


def check_edit(
    store: Store, library: ContentLibrary, text: str, line_offset: int
) -> tuple[StarStory | None, list[str]]:
    """The edited story, or its problems (YAML ones name lines, shifted by `line_offset`)."""
    parsed, errors = core.from_yaml(text, line_offset=line_offset)
    if errors:
        return None, errors
    assert parsed is not None
    try:
        parsed = resolve(store, library, parsed)
    except PrepError as error:
        return None, [f"interview: {error}"]
    if not parsed.template_id:
        return None, ["template: give a STAR template id (see the list at the top)"]
    parsed = core.normalized(parsed)
    return parsed, core.problems(parsed, library.competencies, library.star_templates)


def update(store: Store, original: StarStory, edited: StarStory) -> StarStory:
    """Save an edited story over the one it was read from (unless it changed meanwhile)."""
    return store_st.update_story(
        store, replace(edited, id=original.id), expected_updated_at=original.updated_at
    )


# ---------------------------------------------------------------------------- rm


@dataclass(frozen=True, slots=True)
class Removal:
    """A story about to be deleted and what that does to the records that refer to it."""

    story: StarStory
    effects: str


def removal(store: Store, story_ref: str, *, unasked: bool = False) -> Removal:
    """What deleting a story means; `unasked` (--yes) requires naming it by id, not title."""
    story = store_st.find_story(store, story_ref)
    effects = describe_references(references(store.conn, "stories", story.id))
    if unasked and not ids.matching_ids(story_ref, [story.id], ids.PREFIXES["stories"]):
        raise PrepError(
            f"'{story_ref}' was matched by title to {story.id}; with --yes, name it by id"
        )
    return Removal(story, effects)


def delete(store: Store, story: StarStory) -> None:
    store_st.delete_story(store, story.id)


# ---------------------------------------------------------------------------- coverage


@dataclass(frozen=True, slots=True)
class CoverageView:
    """The stories and what they cover, for `prep story coverage`."""

    stories: list[StarStory]
    report: Coverage


def coverage(store: Store, library: ContentLibrary) -> CoverageView:
    stories = store_st.list_stories(store)
    report = core.coverage(stories, list(library.competencies), store_st.story_uses(store))
    return CoverageView(stories, report)


# ---------------------------------------------------------------------------- match


@dataclass(frozen=True, slots=True)
class QuestionMatch:
    """Stories ranked for a question (`source`: the bank question it is, or is closest to)."""

    text: str
    competencies: tuple[str, ...]
    source: str | None
    ranked: list[StoryMatch]
    has_stories: bool


def match(store: Store, library: ContentLibrary, question: str, limit: int) -> QuestionMatch:
    text, competencies, source = question_for(library, question)
    stories = store_st.list_stories(store)
    names = {c.id: c.name for c in library.competencies.values()}
    ranked = core.match_stories(
        stories, text, competencies, competency_names=names, uses=store_st.story_uses(store)
    )[:limit]
    return QuestionMatch(text, competencies, source, ranked, bool(stories))


def question_for(library: ContentLibrary, query: str) -> tuple[str, tuple[str, ...], str | None]:
    """(text, competencies, question id) for a question id or free text."""
    text = query.strip()
    if text in library.questions:
        q = library.questions[text]
        return q.text, q.competencies, q.id
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", text):
        library.get("questions", text)  # raises with a did-you-mean
    best = core.closest_question({q.id: q.text for q in library.questions.values()}, text)
    if best is not None:
        q = library.questions[best[0]]
        return text, q.competencies, q.id
    return text, (), None
