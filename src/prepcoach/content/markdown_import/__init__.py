"""Turn a Markdown list of interview questions, as found on the web, into a content pack.

`parse_markdown_questions` reads the text in two steps, one module each:

1. `scan`: a line scanner groups the lines into blocks: headings (ATX `#` and setext underlines),
   list items (`-`, `*`, `+`, `•`, `1.`, `1)`, with their nesting), paragraphs, and runs of
   lines that are never questions (fenced or indented code, tables, HTML comments, link
   definitions). A hard-wrapped line is joined to the one before it when that one does not end
   a sentence and the new line starts in lower case; otherwise it is a block of its own.
2. `classify`: each block is cleaned (`inline`) and classified (`sentences`, `kinds`,
   `categories`): kept as a question, or skipped with one of `SKIP_REASONS`. Cleaning removes
   emphasis, code backticks, images, HTML tags and link targets (keeping link text), decodes
   entities, drops a "Q3:" or "Question 3 -" prefix and surrounding quotes, and cuts answer
   hints: what follows "?" after a separator ("? - answer: ...", "? (Tip: ...)"), a capitalised
   "Tip:"/"Answer:" label, a remark after a bold question ("**Why us?** Do your research."), or
   a remark after the last "?" of a list item ("Why us? Be specific."; a prompt there, as in
   "Why? Explain.", is kept).

What counts as a question:

- A list item ending with "?", or starting with an interview prompt ("Tell me", "Describe",
  "Give an example", "Walk me through", "Explain", "Talk about", "Share", "Sell me"...).
- A paragraph ending with "?" that contains a question word (what, how, would, do...), so
  that a blog's "Preparing for an interview?" is not taken. A paragraph that is wholly bold
  or carries a "Q:", "Q3." or "1." prefix may also be a prompt without "?".
- A heading that reads as a question ("### 3. Why do you want this job?"), unless at least two
  questions follow in its body: then it is a section heading like the others. The body of a
  question heading (its answer, tips) is skipped as notes.
- In a table with a header row, each row's cell in the column named "Question" (or, without
  one, the row's first cell that reads as a question); the other cells are its notes.

A question ends with any script's question mark ("?", "？", "؟", "⸮", "‽", Greek ";"...), which
is kept as written.

Text that belongs to a question is a "note": a nested bullet, wrapped line or paragraph under
it that is not a question itself, whatever follows a question heading, and lines labelled
"Answer:", "Tip:", "A:"... A nested bullet that is a question is a follow-up probe of the
question it is under.

Kind and category (`kinds`, `categories`): a question is asked of the candidate ("question") or
is one for the candidate to ask ("ask"), from the title or a heading that says so, else from
how the questions under its heading are worded; its own clear wording goes against its heading.
Its category is scored from its wording first and its headings second. Each question says why
it has its kind (`ImportedQuestion.kind_reason`; `MarkdownImport.recognised` groups them).

The title is the front matter's `title`, else the first H1, else "Imported questions".
Blank lines, headings, thematic breaks, table separators and front matter are structure and
are not reported. A fenced or indented code block, a table without a header row or a
multi-line HTML comment is reported once, at its first line; a table's header row and its rows
without a question are reported as "table".

Every step is a single pass or a regex without nested repetition, so the time is linear in the
size of the text, and no input makes the parser raise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepcoach.content.markdown_import.classify import classify
from prepcoach.content.markdown_import.result import (
    DEFAULT_TITLE,
    KINDS,
    PLACEHOLDER_ASSESSES,
    PLACEHOLDER_DEMONSTRATES,
    SKIP_REASONS,
    ImportedQuestion,
    MarkdownImport,
    Recognised,
    SkippedLine,
    slugify,
)
from prepcoach.content.markdown_import.scan import front_matter, scan

if TYPE_CHECKING:
    from prepcoach.content.lexicon import CueIndex

__all__ = [
    "DEFAULT_TITLE",
    "KINDS",
    "PLACEHOLDER_ASSESSES",
    "PLACEHOLDER_DEMONSTRATES",
    "SKIP_REASONS",
    "ImportedQuestion",
    "MarkdownImport",
    "Recognised",
    "SkippedLine",
    "parse_markdown_questions",
    "slugify",
]


def parse_markdown_questions(
    text: str, *, kind: str = "auto", lexicon: CueIndex | None = None
) -> MarkdownImport:
    """Find the interview questions in a Markdown document (see the module docstring).

    `kind` is "auto" (questions to ask are recognised by the title or a heading),
    "question" (everything is asked of the candidate) or "ask" (everything is for the
    candidate to ask); `lexicon` (content.lexicon.competency_index) tags competencies.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    start, title = front_matter(lines)
    return classify(scan(lines, start), title, kind, lexicon)
