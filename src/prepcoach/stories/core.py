"""The STAR story bank: stories, their YAML form, coverage and matching to questions.

A story is told with a STAR template from content (Situation, Task, Action, Result and an
optional Reflection) and tagged with competencies. `coverage` shows which competencies have
no story and which stories carry too much of the practice; `match_stories` ranks stories
for a question by shared competencies and text similarity (rapidfuzz).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError

# YAML (content.yamlsource, and content.validation over it) is imported where a story is read
# or written as a document: the dashboard, the prep sheet and practice only match stories.
if TYPE_CHECKING:
    from prepcoach.content.model import StarTemplate

PART_KEYS: tuple[str, ...] = ("situation", "task", "action", "result", "reflection")
READY_STORIES = 3  # readiness: three stories, each covering a competency the others don't
OVERUSE_MIN_USES = 3  # a story is overused from this many practice answers ...
OVERUSE_SHARE = 1 / 3  # ... when it carries more than this share of them


@dataclass(frozen=True, slots=True)
class StarStory:
    """One story; `id` is empty until it is stored."""

    title: str
    parts: dict[str, str] = field(default_factory=dict)
    competencies: tuple[str, ...] = ()
    template_id: str = "generic"
    interview_id: str | None = None
    employer: str = ""
    notes: str = ""
    id: str = ""
    created_at: str = ""
    updated_at: str = ""

    def part(self, key: str) -> str:
        return self.parts.get(key, "")

    def text(self) -> str:
        """Every part, in STAR order, as one text."""
        return "\n\n".join(self.parts[k] for k in PART_KEYS if self.parts.get(k))

    def word_count(self) -> int:
        return len(self.text().split())


# ---------------------------------------------------------------------------- validation


def normalized(story: StarStory) -> StarStory:
    parts = {k: textcheck.clean(story.parts.get(k, "")) for k in PART_KEYS}
    competencies = tuple(dict.fromkeys(c.strip() for c in story.competencies if c.strip()))
    return replace(
        story,
        title=textcheck.clean(story.title, multiline=False),
        parts={k: v for k, v in parts.items() if v},
        competencies=competencies,
        template_id=story.template_id.strip(),
        employer=textcheck.clean(story.employer, multiline=False),
        notes=textcheck.clean(story.notes),
    )


def problems(
    story: StarStory,
    competencies: Collection[str],
    templates: Mapping[str, StarTemplate],
) -> list[str]:
    """Everything wrong with a story, one sentence each (empty when it can be saved)."""
    from prepcoach.content.validation import suggest  # loads YAML: only when a story is wrong

    found = [
        textcheck.problem("the title", story.title, required=True),
        textcheck.problem("the employer", story.employer),
        textcheck.problem("the notes", story.notes, max_chars=textcheck.NOTES_MAX),
    ]
    unknown_parts = [k for k in story.parts if k not in PART_KEYS]
    for key in unknown_parts:
        found.append(
            f"unknown part '{key}'{suggest(key, PART_KEYS)}; parts: {', '.join(PART_KEYS)}"
        )
    template = templates.get(story.template_id)
    if template is None:
        found.append(
            f"unknown STAR template '{story.template_id}'"
            f"{suggest(story.template_id, list(templates))}; templates: {', '.join(templates)}"
        )
        required: list[tuple[str, str]] = [(k, k.title()) for k in PART_KEYS[:4]]
    else:
        required = [(p.key, p.label) for p in template.parts if not p.optional]
    for key in PART_KEYS:
        if key in unknown_parts:
            continue
        found.append(
            textcheck.problem(
                f"the {key} part", story.parts.get(key, ""), max_chars=textcheck.PART_MAX
            )
        )
    missing = [label for key, label in required if not story.parts.get(key, "").strip()]
    if missing:
        found.append(f"the story needs its {_join(missing)}: a sentence or two is enough")
    if not story.competencies:
        found.append("tag the story with at least one competency (e.g. conflict, leadership)")
    known = list(competencies)
    for tag in story.competencies:
        if tag not in competencies:
            found.append(f"unknown competency '{tag}'{suggest(tag, known)}")
    return [p for p in found if p]


def check(
    story: StarStory, competencies: Collection[str], templates: Mapping[str, StarTemplate]
) -> StarStory:
    story = normalized(story)
    found = problems(story, competencies, templates)
    if found:
        raise PrepError("; ".join(found))
    return story


def _join(words: Sequence[str]) -> str:
    from prepcoach.kernel.wording import and_list

    return and_list([w.lower() for w in words])


def template_for(
    templates: Mapping[str, StarTemplate], competencies: Sequence[str]
) -> StarTemplate | None:
    """The template that suits a story's competencies best.

    Each template scores one point per competency it shares with the story, plus one if its
    main (first-listed) competency is among them; ties go to the template whose main
    competency comes first in the story's list, then to content order. With no overlap at
    all, the generic template.
    """
    tags = list(competencies)
    best: StarTemplate | None = None
    best_key: tuple[int, int] = (0, 0)
    for template in templates.values():
        main = template.competencies[0] if template.competencies else None
        score = len(set(tags) & set(template.competencies)) + (main in tags)
        key = (score, -(tags.index(main) if main in tags else len(tags)))
        if score and key > best_key:
            best, best_key = template, key
    return best or templates.get("generic") or next(iter(templates.values()), None)


# ---------------------------------------------------------------------------- YAML form

BLOCK_TIP = "tip: text with ': ' or ' #' in it goes on the lines below 'field: |', indented"
DOC_FIELDS = ("title", "competencies", "template", "interview", "employer", *PART_KEYS, "notes")


class _Block(str):
    """Text that is written as a YAML block (`field: |` and indented lines below)."""


def to_yaml(story: StarStory, *, interview_ref: str | None = None) -> str:
    """The story as a YAML document to edit: the parts as indented blocks."""
    from prepcoach.content.yamlsource import dump_document

    doc: dict[str, Any] = {
        "title": story.title,
        "competencies": list(story.competencies),
        "template": story.template_id,
        "interview": interview_ref if interview_ref is not None else story.interview_id or "",
        "employer": story.employer,
    }
    for key in [*PART_KEYS, "notes"]:
        value = story.notes if key == "notes" else story.parts.get(key, "")
        doc[key] = _Block(value) if value else ""
    return dump_document(doc, block_types=(_Block,))


def from_data(
    data: Any, where: str = "", line_offset: int = 0
) -> tuple[StarStory | None, list[str]]:
    """A story from a parsed YAML mapping (`--from FILE`, the editor); problems name lines.

    `line_offset` is added to line numbers (for text shown below a header of that many lines).
    """
    from prepcoach.content.validation import suggest
    from prepcoach.content.yamlsource import MarkedDict, key_mark_of, mark_of

    prefix = f"{where}:" if where else "line "
    if not isinstance(data, dict):
        kinds = ((type(None), "nothing"), (list, "list"), (str, "text"), (int | float, "number"))
        kind = next((name for cls, name in kinds if isinstance(data, cls)), "something else")
        return None, [f"{prefix}1: expected a mapping with 'title', 'situation'... (got {kind})"]
    found: list[str] = []

    def at(key: str, *, on_key: bool = False) -> str:
        if not isinstance(data, MarkedDict):
            return f"'{key}'"
        line, _col = (key_mark_of if on_key else mark_of)(data, (key,))
        return f"{prefix}{line + line_offset}"

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "id":
            continue
        if key not in DOC_FIELDS:
            found.append(
                f"{at(key, on_key=True)}: unknown field '{key}'{suggest(str(key), DOC_FIELDS)}"
            )
            continue
        if key == "competencies":
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",")]
            if value is None:
                value = []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                found.append(f"{at(key)}: competencies must be a list of ids, e.g. [conflict]")
                continue
        elif value is not None and not isinstance(value, str):
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            else:
                found.append(f"{at(key)}: '{key}' must be text, not a {type(value).__name__}")
                continue
        values[key] = value
    if found:
        return None, found
    story = StarStory(
        title=values.get("title") or "",
        parts={k: values[k] for k in PART_KEYS if values.get(k)},
        competencies=tuple(values.get("competencies") or ()),
        template_id=values.get("template") or "",
        interview_id=(values.get("interview") or "").strip() or None,
        employer=values.get("employer") or "",
        notes=values.get("notes") or "",
    )
    return story, []


def from_yaml(
    text: str, where: str = "", line_offset: int = 0
) -> tuple[StarStory | None, list[str]]:
    from prepcoach.content.yamlsource import parse_yaml

    data, yaml_problems = parse_yaml(text, kind="story files")
    prefix = f"{where}:" if where else "line "
    if yaml_problems:
        found = [
            f"{prefix}{line + line_offset}:{col}: {message}"
            for (line, col), message in yaml_problems
        ]
        if any(hint in m for m in found for hint in ("mapping values", "expected ':'")):
            found.append(BLOCK_TIP)
        return None, found
    return from_data(data, where, line_offset)


# ---------------------------------------------------------------------------- coverage


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which competencies the stories cover, how much each story is used, and readiness."""

    competencies: tuple[str, ...]  # rows: the known competencies, then unknown tags in use
    stories: tuple[StarStory, ...]  # columns
    by_competency: dict[str, tuple[str, ...]]  # competency -> story ids
    uses: dict[str, int]  # story id -> practice answers that used it
    uncovered: tuple[str, ...]
    overused: tuple[str, ...]  # story ids
    distinct: dict[str, str]  # story id -> a competency only it is counted for
    ready: bool


def coverage(
    stories: Sequence[StarStory],
    competencies: Sequence[str],
    uses: Mapping[str, int] | None = None,
) -> Coverage:
    """The competency × story matrix and the readiness rule.

    Ready means at least three stories that together cover different competencies: three
    stories can each be given a competency of their own (a matching in the story-competency
    graph), so no two of the three are answers to the same kind of question.
    """
    uses = {s.id: (uses or {}).get(s.id, 0) for s in stories}
    extra = [c for s in stories for c in s.competencies if c not in competencies]
    rows = tuple(dict.fromkeys([*competencies, *extra]))
    by_competency = {c: tuple(s.id for s in stories if c in s.competencies) for c in rows}
    total = sum(uses.values())
    overused = tuple(
        s.id
        for s in stories
        if uses[s.id] >= OVERUSE_MIN_USES and uses[s.id] > total * OVERUSE_SHARE
    )
    distinct = distinct_competencies(stories)
    return Coverage(
        competencies=rows,
        stories=tuple(stories),
        by_competency=by_competency,
        uses=uses,
        uncovered=tuple(c for c in competencies if not by_competency[c]),
        overused=overused,
        distinct=distinct,
        ready=len(distinct) >= READY_STORIES,
    )


def distinct_competencies(stories: Sequence[StarStory]) -> dict[str, str]:
    """A largest set of stories that each get a competency no other one in the set gets.

    Bipartite matching with augmenting paths (the bank is small, so this is instant).
    """
    owner: dict[str, str] = {}  # competency -> story id

    def assign(story: StarStory, seen: set[str]) -> bool:
        for tag in story.competencies:
            if tag in seen:
                continue
            seen.add(tag)
            holder = owner.get(tag)
            if holder is None or assign(by_id[holder], seen):
                owner[tag] = story.id
                return True
        return False

    by_id = {s.id: s for s in stories}
    for story in stories:
        assign(story, set())
    return {story_id: tag for tag, story_id in owner.items()}


# ---------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class StoryMatch:
    story: StarStory
    score: float  # 0..100
    shared: tuple[str, ...]  # competencies the story and question share
    text_score: float  # rapidfuzz similarity, 0..100
    uses: int = 0


def keywords(text: str) -> str:
    """A text's words without those that say nothing about its subject."""
    from rapidfuzz import utils

    from prepcoach.kernel.text import PROMPT_WORDS, is_stop

    words = utils.default_process(text).split()
    return " ".join(w for w in words if not is_stop(w) and w not in PROMPT_WORDS)


def closest_question(
    questions: Mapping[str, str], text: str, cutoff: float = 75
) -> tuple[str, float] | None:
    """The id of the bank question worded most like `text` (id -> question text given).

    The score is the mean of rapidfuzz's token_set_ratio (all of one's words in the other)
    and token_sort_ratio (same words overall) over the texts' keywords.
    """
    from rapidfuzz import fuzz, process

    def scorer(a: str, b: str, **_: Any) -> float:
        return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2

    corpus = {key: keywords(value) for key, value in questions.items()}
    best = process.extractOne(keywords(text), corpus, scorer=scorer, score_cutoff=cutoff)
    return (str(best[2]), float(best[1])) if best is not None else None


def match_stories(
    stories: Sequence[StarStory],
    question_text: str,
    question_competencies: Sequence[str] = (),
    *,
    competency_names: Mapping[str, str] | None = None,
    uses: Mapping[str, int] | None = None,
) -> list[StoryMatch]:
    """Stories ranked for a question, best first.

    With competencies, 60% of the score is the share of the question's competencies the
    story covers and 40% is rapidfuzz's token_set_ratio between the question's and the
    story's words (stopwords dropped); without, the text alone decides. Ties go to the story
    used less in practice, so answers do not all lean on one story.
    """
    from rapidfuzz import fuzz

    names = competency_names or {}
    uses = uses or {}
    wanted = tuple(dict.fromkeys(question_competencies))
    question_words = keywords(question_text)
    matches = []
    for story in stories:
        shared = tuple(c for c in wanted if c in story.competencies)
        story_words = keywords(
            " ".join(
                [
                    story.title,
                    story.text(),
                    *(names.get(c, c.replace("-", " ")) for c in story.competencies),
                ]
            )
        )
        text_score = (
            fuzz.token_set_ratio(question_words, story_words)
            if question_words and story_words
            else 0.0
        )
        if wanted:
            score = 60 * len(shared) / len(wanted) + 0.4 * text_score
        else:
            score = text_score
        matches.append(
            StoryMatch(story, round(score, 1), shared, round(text_score, 1), uses.get(story.id, 0))
        )
    matches.sort(key=lambda m: (-m.score, m.uses, m.story.title.casefold()))
    return matches
