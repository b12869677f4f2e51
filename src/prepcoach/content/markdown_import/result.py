"""What an import gives: the questions kept, the lines skipped and why, and the pack."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Final, Literal, TypeAlias

from prepcoach.content.model import AskCategory, Audience, Category

Kind: TypeAlias = Literal["question", "ask"]
KINDS: Final = ("auto", "question", "ask")

DEFAULT_TITLE: Final = "Imported questions"
PLACEHOLDER_ASSESSES: Final = "Imported question: add what the interviewer is looking for."
PLACEHOLDER_DEMONSTRATES: Final = "Imported question to ask: add what asking it shows."
MAX_QUESTION_CHARS: Final = 400

# Why a line was not kept.
EMPTY: Final = "empty"  # a list item with no text
LINK: Final = "link"  # only a link, a link definition, or a non-question with a link or URL
IMAGE: Final = "image"  # only an image
CODE: Final = "code"  # a fenced or indented code block
TABLE: Final = "table"
HTML: Final = "html"  # only HTML tags or a comment
QUOTE: Final = "quote"  # a blockquote that is not a question
NOTE: Final = "note"  # text that belongs to a question: an answer, a tip, a nested remark
NOT_A_QUESTION: Final = "not a question"
DUPLICATE: Final = "duplicate"  # the same question (ignoring case and punctuation) came before
TOO_SHORT: Final = "too short"  # "Why?" alone
TOO_LONG: Final = "too long"  # over MAX_QUESTION_CHARS: prose, not a question
TO_ASK: Final = "question to ask"  # under a "Questions to ask the interviewer" heading
SKIP_REASONS: Final = (
    EMPTY,
    LINK,
    IMAGE,
    CODE,
    TABLE,
    HTML,
    QUOTE,
    NOTE,
    NOT_A_QUESTION,
    DUPLICATE,
    TOO_SHORT,
    TOO_LONG,
    TO_ASK,
)


@dataclass(frozen=True, slots=True)
class ImportedQuestion:
    """A question found in the Markdown, with the section it was under and its 1-based line.

    `kind` says whom it is for: "question" is asked of the candidate (`category`), "ask" is
    one for the candidate to ask the employer (`ask_category`). `probes` are the follow-ups
    nested under it; `competencies` come from the competency cues of the content.
    """

    text: str
    heading: str | None
    category: Category
    line: int
    kind: Kind = "question"
    ask_category: AskCategory | None = None
    probes: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    # Why it has its kind: "--kind", "the title", "the heading '...'", "their wording" (how the
    # questions under its heading lean) or "its own wording" (against them).
    kind_reason: str = ""
    # Who is interviewing, when a heading names them ("Questions for the recruiter").
    audiences: tuple[Audience, ...] = ()


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A line (or the first line of a block) that was not kept, and why (see SKIP_REASONS)."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class MarkdownImport:
    """What a Markdown file gave: a title, the questions in order, and what was left out."""

    title: str
    questions: tuple[ImportedQuestion, ...]
    skipped: tuple[SkippedLine, ...]

    def to_pack(
        self, pack_id: str, source: str | None = None, *, id_prefix: str | None = None
    ) -> dict[str, object]:
        """A pack as plain data, ready for `yaml.safe_dump(..., sort_keys=False)`.

        Question ids are slugs of their text, made unique with -2, -3... and prefixed with
        `id_prefix`, which defaults to the pack id: ids must be unique across all packs, and a
        list from the web often has "Tell me about yourself", which the built-in packs have
        too. Pass `id_prefix=""` for bare slugs. `assesses` holds a placeholder to replace;
        salary questions get the salary-range answer format.
        """
        prefix = slugify(pack_id if id_prefix is None else id_prefix, max_words=12)
        used: set[str] = set()
        next_number: dict[str, int] = {}  # per base: the suffix to try next (linear, not n²)
        questions: list[dict[str, object]] = []
        asks: list[dict[str, object]] = []
        for question in self.questions:
            base = slugify(question.text) or "question"
            if prefix:
                base = f"{prefix}-{base}"
            qid, n = base, next_number.get(base, 2)
            while qid in used:
                qid, n = f"{base}-{n}", n + 1
            next_number[base] = n
            used.add(qid)
            if question.kind == "ask":
                demonstrates = PLACEHOLDER_DEMONSTRATES
                if question.probes:  # a question to ask has no probes: keep them in view
                    demonstrates += " Follow-ups: " + " ".join(question.probes)
                ask: dict[str, object] = {
                    "id": qid,
                    "text": question.text,
                    "category": question.ask_category or "role-challenges",
                    "demonstrates": demonstrates,
                }
                if question.audiences:
                    ask["audiences"] = list(question.audiences)
                asks.append(ask)
                continue
            entry: dict[str, object] = {
                "id": qid,
                "text": question.text,
                "category": question.category,
                "assesses": PLACEHOLDER_ASSESSES,
            }
            if question.competencies:
                entry["competencies"] = list(question.competencies)
            if question.audiences:
                entry["audiences"] = list(question.audiences)
            if question.category == "salary":
                entry["answer_format"] = "salary-range"
            entry["tips"] = []
            if question.probes:
                entry["probes"] = list(question.probes)
            questions.append(entry)
        origin = f"Imported from {source}." if source else "Imported from a Markdown list."
        pack: dict[str, object] = {
            "pack": pack_id,
            "title": self.title,
            "version": "1.0.0",
            "description": f"{origin} Review each question's category and what it assesses.",
        }
        if source:
            pack["source"] = source
        if questions:
            pack["questions"] = questions
        if asks:
            pack["ask_questions"] = asks
        return pack

    @property
    def asks(self) -> tuple[ImportedQuestion, ...]:
        return tuple(q for q in self.questions if q.kind == "ask")

    def recognised(self) -> tuple[Recognised, ...]:
        """What was recognised, as runs of questions under one heading with one kind and one
        reason for it, in order."""
        runs: list[Recognised] = []
        for q in self.questions:
            if runs and (runs[-1].heading, runs[-1].kind, runs[-1].reason) == (
                q.heading,
                q.kind,
                q.kind_reason,
            ):
                last = runs[-1]
                runs[-1] = replace(last, count=last.count + 1, probes=last.probes + len(q.probes))
                continue
            runs.append(Recognised(q.heading, q.kind, q.kind_reason, 1, len(q.probes)))
        return tuple(runs)


@dataclass(frozen=True, slots=True)
class Recognised:
    """A run of questions under one heading, of one kind for one reason (`kind_reason`)."""

    heading: str | None
    kind: Kind
    reason: str
    count: int
    probes: int


_SLUG_MAX_CHARS: Final = 60
_SLUG_STOP_WORDS: Final = frozenset({"a", "an", "the"})


def slugify(text: str, max_words: int = 6) -> str:
    """Lowercase ASCII words joined by hyphens ("What's your goal?" -> "whats-your-goal").

    Accents are folded, apostrophes dropped, articles left out, at most `max_words` words and
    60 characters kept. Returns "" when the text has no letters or digits.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower().replace("'", ""))
    kept = [word for word in words if word not in _SLUG_STOP_WORDS] or words
    slug = "-".join(kept[: max(1, max_words)])
    if len(slug) > _SLUG_MAX_CHARS:
        slug = slug[:_SLUG_MAX_CHARS]
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug
    return slug.strip("-")
