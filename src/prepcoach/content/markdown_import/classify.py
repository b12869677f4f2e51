"""Step 2: blocks to questions, questions to ask, probes and skipped lines."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final

from prepcoach.content.markdown_import.categories import ask_category_of, category_of
from prepcoach.content.markdown_import.inline import Text, clean
from prepcoach.content.markdown_import.kinds import Place, audiences_of, decide_kinds
from prepcoach.content.markdown_import.result import (
    DEFAULT_TITLE,
    DUPLICATE,
    EMPTY,
    HTML,
    IMAGE,
    LINK,
    MAX_QUESTION_CHARS,
    NOT_A_QUESTION,
    NOTE,
    QUOTE,
    TOO_LONG,
    TOO_SHORT,
    ImportedQuestion,
    MarkdownImport,
    SkippedLine,
)
from prepcoach.content.markdown_import.scan import Block
from prepcoach.content.markdown_import.sentences import (
    as_question,
    is_paragraph_question,
    is_question,
    norm_key,
    too_short,
)

if TYPE_CHECKING:
    from prepcoach.content.lexicon import CueIndex


def _heading_is_question(blocks: list[Block], texts: list[Text | None], index: int) -> bool:
    """A question heading, unless two or more questions follow in its body (then a section)."""
    text = texts[index]
    if text is None or text.label or not is_question(text.text, imperative=True):
        return False
    level, found = blocks[index].level, 0
    for j in range(index + 1, len(blocks)):
        block, other = blocks[j], texts[j]
        if block.kind == "heading" and block.level <= level:
            break
        if other is None or other.label:
            continue
        if (block.kind in ("item", "heading") or other.strong) and as_question(other.text):
            found += 1
            if found >= 2:
                return False
    return True


def _base_reason(text: Text) -> str | None:
    """Why a block's text cannot be a question whatever its place, if it cannot."""
    if text.images and not text.links and not text.residue:
        return IMAGE
    if text.links and not text.residue:
        return LINK
    if not text.text:
        return HTML if text.tags else EMPTY
    return None


@dataclass(slots=True)
class _Collector:
    lexicon: CueIndex | None = None
    questions: list[ImportedQuestion] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    kept_at: dict[int, int] = field(default_factory=dict)  # block index -> question index

    def skip(self, block: Block, reason: str) -> None:
        self.skipped.append(SkippedLine(block.line, block.raw.strip(), reason))

    def keep(self, block: Block, text: str, place: Place, *, index: int = -1) -> None:
        """Keep a question unless it is too short, too long or a repeat; its kind and category
        are decided at the end (`decide`), when every question of its group is known."""
        if too_short(text):
            self.skip(block, TOO_SHORT)
        elif len(text) > MAX_QUESTION_CHARS:
            self.skip(block, TOO_LONG)
        elif norm_key(text) in self.seen:
            self.skip(block, DUPLICATE)
        else:
            self.seen.add(norm_key(text))
            self.kept_at[index] = len(self.questions)
            heading = place.headings[-1] if place.headings else None
            self.questions.append(ImportedQuestion(text, heading, "behavioral", block.line))
            self.places.append(place)

    def probe(self, parent: int, text: str) -> bool:
        """Add a nested question as a follow-up of the question it is under, if kept."""
        at = self.kept_at.get(parent)
        if at is None:
            return False
        question = self.questions[at]
        self.questions[at] = replace(question, probes=(*question.probes, text))
        return True

    def decide(self, title: str | None, kind: str) -> tuple[ImportedQuestion, ...]:
        """Each question's kind, category and competencies (see `categories`)."""
        texts = [q.text for q in self.questions]
        kinds = decide_kinds(texts, self.places, title, kind)
        out: list[ImportedQuestion] = []
        for question, place, (decided, why) in zip(self.questions, self.places, kinds, strict=True):
            audiences = audiences_of(place.headings, title)
            if decided == "ask":
                category = ask_category_of(question.text, place.headings, title)
                out.append(
                    replace(
                        question,
                        kind="ask",
                        ask_category=category,
                        kind_reason=why,
                        audiences=audiences,
                    )
                )
                continue
            out.append(
                replace(
                    question,
                    category=category_of(question.text, place.headings, title),
                    competencies=self._competencies(question.text),
                    kind_reason=why,
                    audiences=audiences,
                )
            )
        return tuple(out)

    def _competencies(self, text: str) -> tuple[str, ...]:
        """Up to three competencies whose cues the question holds, most specific first."""
        if self.lexicon is None:
            return ()
        found = [f for f in self.lexicon.find(text) if f.score >= _COMPETENCY_SCORE]
        return tuple(f.item for f in found[:3])


_COMPETENCY_SCORE: Final = 2.5  # the lexicon weight of a cue specific enough to tag by


def _question_lists(blocks: list[Block], texts: list[Text | None]) -> set[int]:
    """Top-level list items that are prompts by their place: in a run of at least three
    items, most of them questions, an item that is a sentence but has no question mark
    ("请介绍一下你自己。", "Walk me through your CV") is a question too."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind == "item":
            if block.parent is None:
                current.append(index)
            continue
        if block.kind == "para" and block.parent is not None:
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    found: set[int] = set()
    for run in runs:
        texts_in = [texts[i] for i in run]
        asked = sum(1 for t in texts_in if t is not None and as_question(t.text))
        if len(run) >= 3 and asked >= 0.6 * len(run):
            for i, t in zip(run, texts_in, strict=True):
                if t is not None and not t.label and not t.links and not t.navigation:
                    found.add(i)
    return found


def classify(
    blocks: list[Block], title: str | None, kind: str = "auto", lexicon: CueIndex | None = None
) -> MarkdownImport:
    texts: list[Text | None] = [
        clean(block.raw) if block.kind in ("heading", "item", "para") else None for block in blocks
    ]
    out = _Collector(lexicon)
    sections: list[tuple[int, str, int]] = []  # (level, text, block index) of open headings
    by_place = _question_lists(blocks, texts)

    def where() -> Place:
        return Place(tuple(s[1] for s in sections), sections[-1][2] if sections else -1)

    def keep(block: Block, index: int, question: str) -> None:
        parent = block.parent
        if block.kind == "item" and parent is not None and out.probe(parent, question):
            out.kept_at[index] = out.kept_at[parent]  # deeper follow-ups go to the same one
            return
        out.keep(block, question, where(), index=index)

    question_level: int | None = None  # inside the body of a question heading of this level
    # The kind of block ("item" or "para") of the last question in this section: prose after
    # a question is its note, and so is a new list after a question paragraph.
    anchor = ""
    attached = [False] * len(blocks)  # a question, or a note of one

    for index, block in enumerate(blocks):
        text = texts[index]
        if block.kind == "break":
            anchor = ""
            continue
        if block.kind == "skip":
            out.skip(block, block.reason)
            continue
        assert text is not None
        if block.kind == "heading":
            if question_level is not None and block.level > question_level:
                if not text.label and is_question(text.text, imperative=True):
                    out.skip(block, NOTE)
                continue
            question_level, anchor = None, ""
            if title is None and block.level == 1 and text.text:
                title = text.text
            while sections and sections[-1][0] >= block.level:
                sections.pop()
            if _heading_is_question(blocks, texts, index):
                question_level = block.level
                out.keep(block, text.text, where(), index=index)
            else:
                sections.append((block.level, text.text, index))
            continue
        base = _base_reason(text)
        if question_level is not None:
            out.skip(block, base or NOTE)
            continue
        if base:
            out.skip(block, base)
            continue
        parent = block.parent
        question: str | None = None
        if text.label or text.navigation:
            pass
        elif block.kind == "item" or text.strong:
            question = as_question(text.text)
        elif is_paragraph_question(text.text):
            question = text.text
        if question is None and index in by_place:
            question = text.text
        if question is not None:
            attached[index], anchor = True, block.kind
            keep(block, index, question)
            if text.follow_up:
                out.probe(index, text.follow_up)
            continue
        owned = parent is not None and attached[parent]
        follows = anchor == "para" or (anchor == "item" and block.kind == "para")
        if text.navigation:
            out.skip(block, LINK if text.links else NOT_A_QUESTION)
        elif text.label or owned or (follows and parent is None):
            attached[index] = True
            out.skip(block, LINK if text.links else NOTE)
        elif text.links:
            out.skip(block, LINK)
        elif block.quote:
            out.skip(block, QUOTE)
        else:
            out.skip(block, NOT_A_QUESTION)
    # The title speaks for the whole list, also when it is an H1 that a later H1 closes
    # ("# Reverse interview", then "# The role", "# The team"...).
    questions = out.decide(title, kind)
    return MarkdownImport(title or DEFAULT_TITLE, questions, tuple(out.skipped))
