"""Turn a Markdown list of interview questions, as found on the web, into a content pack.

`parse_markdown_questions` reads the text in two steps:

1. A line scanner groups the lines into blocks: headings (ATX `#` and setext underlines),
   list items (`-`, `*`, `+`, `•`, `1.`, `1)`, with their nesting), paragraphs, and runs of
   lines that are never questions (fenced or indented code, tables, HTML comments, link
   definitions). A hard-wrapped line is joined to the one before it when that one does not end
   a sentence and the new line starts in lower case; otherwise it is a block of its own.
2. Each block is cleaned and classified: kept as a question, or skipped with one of
   `SKIP_REASONS`. Cleaning removes emphasis, code backticks, images, HTML tags and link
   targets (keeping link text), decodes entities, drops a "Q3:" or "Question 3 -" prefix and
   surrounding quotes, and cuts answer hints: what follows "?" after a separator ("? - answer:
   ...", "? (Tip: ...)"), a capitalised "Tip:"/"Answer:" label, a remark after a bold question
   ("**Why us?** Do your research."), or a remark after the last "?" of a list item ("Why us?
   Be specific."; a prompt there, as in "Why? Explain.", is kept).

What counts as a question:

- A list item ending with "?", or starting with an interview prompt ("Tell me", "Describe",
  "Give an example", "Walk me through", "Explain", "Talk about", "Share", "Sell me"...).
- A paragraph ending with "?" that contains a question word (what, how, would, do...), so
  that a blog's "Preparing for an interview?" is not taken. A paragraph that is wholly bold
  or carries a "Q:", "Q3." or "1." prefix may also be a prompt without "?".
- A heading that reads as a question ("### 3. Why do you want this job?"), unless at least two
  questions follow in its body: then it is a section heading like the others. The body of a
  question heading (its answer, tips) is skipped as notes.

Text that belongs to a question is a "note": a nested bullet, wrapped line or paragraph under
it that is not a question itself, whatever follows a question heading, and lines labelled
"Answer:", "Tip:", "A:"... A nested bullet that is a question is kept.

Categories: the nearest enclosing heading that names one wins (see `_SECTION_RULES`; when
several keywords appear, the first in the heading wins). Without one, the question's wording
decides (see `_TEXT_RULES`): "tell me about a time" is behavioral, "what would you do if" is
situational, salary, goals, "why this company", culture and values have their own. Anything
else is behavioral: most generic interview questions (strengths, weaknesses, achievements) ask
about the candidate's past, which suits the STAR format the schema defaults to.

Questions under a "Questions to ask the interviewer" section are not interview questions; they
are skipped as "question to ask".

The title is the front matter's `title`, else the first H1, else "Imported questions".
Blank lines, headings, thematic breaks and front matter are structure and are not reported.
A fenced or indented code block, a table or a multi-line HTML comment is reported once, at its
first line.

Every step is a single pass or a regex without nested repetition, so the time is linear in the
size of the text, and no input makes the parser raise.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

from prepcoach.content.model import AskCategory, Category

if TYPE_CHECKING:
    from prepcoach.content.lexicon import CueIndex

Kind: TypeAlias = Literal["question", "ask"]
KINDS: Final = ("auto", "question", "ask")

__all__ = [
    "DEFAULT_TITLE",
    "KINDS",
    "PLACEHOLDER_ASSESSES",
    "PLACEHOLDER_DEMONSTRATES",
    "SKIP_REASONS",
    "ImportedQuestion",
    "MarkdownImport",
    "SkippedLine",
    "parse_markdown_questions",
    "slugify",
]

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
                asks.append(
                    {
                        "id": qid,
                        "text": question.text,
                        "category": question.ask_category or "role-challenges",
                        "demonstrates": PLACEHOLDER_DEMONSTRATES,
                    }
                )
                continue
            entry: dict[str, object] = {
                "id": qid,
                "text": question.text,
                "category": question.category,
                "assesses": PLACEHOLDER_ASSESSES,
            }
            if question.competencies:
                entry["competencies"] = list(question.competencies)
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


# --- characters ------------------------------------------------------------------------------


def _sanitize(text: str) -> str:
    """Drop control, format, surrogate, private-use and unassigned characters; keep tabs."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch == "\t" or not unicodedata.category(ch).startswith("C"))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _indent_width(text: str) -> int:
    width = 0
    for ch in text:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


# --- inline cleaning -------------------------------------------------------------------------

# Negated classes stop at the next bracket or parenthesis, so no character is scanned by two
# candidate matches: these stay linear on inputs like "[[[[[[".
_IMAGE = re.compile(r"!\[([^\[\]]*)\](?:\(([^()]*)\)|\[([^\[\]]*)\])")
_LINK = re.compile(r"\[([^\[\]]*)\](?:\(([^()]*)\)|\[([^\[\]]*)\])")
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp|mailto):[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>", re.I)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()]+", re.I)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_SPACE_TAGS: Final = frozenset({"br", "p", "div", "li", "td", "th", "tr", "hr"})
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TICKS = re.compile(r"`+")
_UNDERSCORES = re.compile(r"_+")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
# Scans in C, not character by character in Python (a 100,000-character line stays quick).
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum
_LATIN = re.compile("[A-Za-z\u0130\u212a]")  # a letter whose lower case is in a-z


@dataclass(slots=True)
class _Inline:
    text: str
    links: int
    images: int
    tags: int
    residue: bool  # letters or digits outside links and images


def _hold(literals: list[str], text: str) -> str:
    literals.append(text)
    return f"\ue000{len(literals) - 1}\ue001"


def _restore(text: str, literals: list[str]) -> str:
    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return literals[index] if index < len(literals) else ""

    return _PLACEHOLDER.sub(put_back, text)


def _hold_code_spans(text: str, literals: list[str]) -> str:
    """Replace `code` spans by placeholders; an unmatched run of backticks is dropped."""
    runs = list(_TICKS.finditer(text))
    if not runs:
        return text
    closer: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i].end() - runs[i].start()
        closer[i] = last_of_length.get(length)
        last_of_length[length] = i
    out: list[str] = []
    pos = i = 0
    while i < len(runs):
        run, end = runs[i], closer[i]
        out.append(text[pos : run.start()])
        if end is None:
            pos, i = run.end(), i + 1
            continue
        content = _restore(text[run.end() : runs[end].start()], literals).strip()
        out.append(_hold(literals, content))
        pos, i = runs[end].end(), end + 1
    out.append(text[pos:])
    return "".join(out)


def _drop_emphasis_underscores(match: re.Match[str]) -> str:
    """Keep snake_case underscores, drop those that open or close emphasis."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return match.group() if before.isalnum() and after.isalnum() else ""


def _inline(raw: str) -> _Inline:
    """Plain text of one line of Markdown, with what it contained."""
    literals: list[str] = []
    text = _ESCAPE.sub(lambda m: _hold(literals, m.group(1)), raw)
    text = _hold_code_spans(text, literals)
    counts = {"images": 0, "links": 0, "tags": 0}

    def count(kind: str, replacement: str) -> str:
        counts[kind] += 1
        return replacement

    residue = _IMAGE.sub(lambda m: count("images", " "), text)
    residue = _LINK.sub(lambda m: count("links", " "), residue)
    residue = _AUTOLINK.sub(lambda m: count("links", " "), residue)
    residue = _URL.sub(lambda m: count("links", " "), residue)
    residue = _TAG.sub(lambda m: count("tags", " "), residue)
    has_residue = _ALNUM.search(html.unescape(residue)) is not None

    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(" ", text)
    text = _TAG.sub(lambda m: " " if m.group(1).lower() in _SPACE_TAGS else "", text)
    text = text.replace("*", "").replace("~~", "")
    text = _UNDERSCORES.sub(_drop_emphasis_underscores, text)
    text = _restore(text, literals)
    text = _collapse(_sanitize(html.unescape(text)))
    return _Inline(text, counts["links"], counts["images"], counts["tags"], has_residue)


_PREFIX = re.compile(
    r"(?:q(?:uestion)?[ \t]*#?\d{0,4}[ \t]*[.:)\-–—][ \t]*|\d{1,4}(?:\.\d{1,4})*[ \t]*[.:)][ \t]+)",
    re.I,
)
_LABEL_WORDS: Final = (
    r"(?:pro[ \t]+tips?|tips?|hints?|answers?|notes?|examples?|sample[ \t]+answers?"
    r"|example[ \t]+answers?|how[ \t]+to[ \t]+answer(?:[ \t]+it)?"
    r"|why[ \t]+(?:they|interviewers|employers|hiring[ \t]+managers|recruiters)[ \t]+ask"
    r"(?:[ \t]+(?:this|it))?(?:[ \t]+question)?"
    r"|what[ \t]+(?:they|interviewers|employers)(?:'re|’re|[ \t]+are)[ \t]+looking[ \t]+for)"
)
_LABEL_END: Final = r"(?:[ \t]*[:–—]|[ \t]+-)"
# A line starting with one of these is a note ("A: ..." is an answer).
_LABEL = re.compile(r"(?:" + _LABEL_WORDS + _LABEL_END + r"|a[ \t]*:)", re.I)
# A capitalised one inside a question's text starts a hint to cut off.
_INNER_LABEL = re.compile(r"\b" + _LABEL_WORDS + _LABEL_END, re.I)
_FOLLOW_UP = re.compile(r"follow[ \t-]?up(?:[ \t]+questions?)?[ \t]*[:\-–—][ \t]*", re.I)
# Page furniture: "Click here...", "Read more", "Subscribe"...
_NAVIGATION = re.compile(
    r"(?:(?:click|tap)\s+here|read\s+(?:more|next|also|the\s+full)|(?:see|learn)\s+(?:more|also)"
    r"|related(?:\s+(?:posts?|articles?|reading))?\s*:|subscribe|sign\s+up|download"
    r"|share\s+(?:this|on)|follow\s+us|source\s*:|(?:photo|image)\s+(?:credit|by|source)"
    r"|advertisement)\b",
    re.I,
)
_HINT_AFTER_QMARK = re.compile(r"[?？؟]([\"'”’»)\]]*)[ \t]*[-–—|:(\[]")
_QUOTES: Final = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "„": "“", "”": "”"}
_TRAILING: Final = "\"'”’»)]*_ \t"
_SENTENCE_END: Final = (".", "?", "!", ":", "？", "。")


def _cut_label(text: str) -> str:
    """Cut a capitalised 'Tip:' or 'Answer -' and what follows out of a question's text."""
    for match in _INNER_LABEL.finditer(text):
        start = match.start()
        if start == 0 or not text[start].isupper():
            continue
        if text[start - 1] not in " \t([|-–—":
            continue
        return text[:start].rstrip(" \t([|-–—:")
    return text


def _strip_quotes(text: str) -> str:
    if len(text) < 2 or text[0] not in _QUOTES:
        return text
    close = _QUOTES[text[0]]
    inner, tail = text[1:], ""
    if inner.endswith(close):
        inner = inner[:-1]
    elif len(inner) > 1 and inner[-1] in ".?!" and inner[-2] == close:
        inner, tail = inner[:-2], inner[-1]
    else:
        return text
    # A quote inside means two quoted parts ('"A" or "B"'); ' and ’ are apostrophes too.
    if close not in "'’" and (close in inner or text[0] in inner):
        return text
    inner = inner.strip()
    if tail and not inner.endswith((".", "?", "!", "？")):
        inner += tail
    return inner


@dataclass(slots=True)
class _Text:
    text: str
    links: int = 0
    images: int = 0
    tags: int = 0
    residue: bool = True
    strong: bool = False  # wholly bold, or numbered: may be a prompt without "?"
    label: bool = False  # starts with "Answer:", "Tip:"...
    navigation: bool = False  # "Click here", "Read more"...


def _finish(inline: _Inline) -> _Text:
    text = inline.text
    result = _Text(text, inline.links, inline.images, inline.tags, inline.residue)
    prefix = _PREFIX.match(text)
    if prefix and prefix.end() < len(text):
        text, result.strong = text[prefix.end() :].lstrip(), True
    follow_up = _FOLLOW_UP.match(text)
    if follow_up and follow_up.end() < len(text):
        text = text[follow_up.end() :]
        text = text[0].upper() + text[1:]
    if _LABEL.match(text):
        result.label = True
    elif _NAVIGATION.match(text):
        result.navigation = True
    else:
        hint = _HINT_AFTER_QMARK.search(text)
        if hint:
            text = text[: hint.start() + 1 + len(hint.group(1))]
        text = _cut_label(text)
    text = _strip_quotes(text.strip())
    result.text = _collapse(text)
    return result


def _clean(raw: str) -> _Text:
    """Clean a block's raw text; a bold question followed by a tip keeps the bold part."""
    source = raw.strip()
    prefix = _PREFIX.match(source)
    strong = bool(prefix and prefix.end() < len(source))
    if prefix and strong:
        source = source[prefix.end() :]
    marker = next((m for m in ("**", "__", "*", "_") if source.startswith(m)), "")
    close = source.find(marker, len(marker)) if marker else -1
    if close > len(marker):
        rest = source[close + len(marker) :]
        after = html.unescape(rest).lstrip()  # "** &ndash; tip" separates like "** – tip"
        if not rest.strip(" \t.?!:;,*_"):
            strong = True
        else:
            lead = _finish(_inline(source[len(marker) : close]))
            ends = lead.text.endswith((".", "?", "!", "？", "。"))
            # "**Describe a failure**: what did you learn?" goes on; "**Q?** Be brief." does not.
            goes_on = not _ends_with_question_mark(lead.text) and _ends_with_question_mark(rest)
            if (
                _is_question(lead.text, imperative=True)
                and (ends or after[0] in ".?!:-–—|(")
                and not goes_on
            ):
                if after[0] in ".?!" and not ends:
                    lead.text += after[0]
                lead.strong = True
                return lead
    result = _finish(_inline(source))
    result.strong = result.strong or strong
    return result


# --- what a question is ----------------------------------------------------------------------

_IMPERATIVE = re.compile(
    r"(?:please\s+)?(?:tell\s+(?:me|us)|describe|give\s+(?:me\s+|us\s+)?(?:an?\s+)?examples?"
    r"|walk\s+(?:me|us)\s+through|talk\s+(?:me|us)\s+through|talk\s+(?:to\s+(?:me|us)\s+)?about"
    r"|explain|share|sell\s+(?:me|us))\b",
    re.I,
)
_NOT_IMPERATIVE = re.compile(r"share\s*(?:on|this|via|:|$)", re.I)
_INTERROGATIVES: Final = frozenset(
    "what why how when where who whom whose which would could should can do does did are is "
    "have has will were was if".split()
)
_FILLERS: Final = frozenset("and so but also finally lastly now then ok okay well".split())
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE = re.compile(r"[,;:—–]|\s-\s")


_QUESTION_MARKS: Final = ("?", "？", "؟", "⸮")  # Latin, full-width, Arabic, reversed


def _ends_with_question_mark(text: str) -> bool:
    return text.rstrip(_TRAILING).endswith(_QUESTION_MARKS)


def _is_question(text: str, *, imperative: bool) -> bool:
    if _ends_with_question_mark(text):
        return True
    return imperative and bool(_IMPERATIVE.match(text)) and not _NOT_IMPERATIVE.match(text)


def _as_question(text: str) -> str | None:
    """A list item's question: the text, or its part up to the last "?" when what follows is
    a remark ("Why this job? Be specific.") rather than a prompt ("Why? Explain.").
    """
    if _is_question(text, imperative=True):
        return text
    cut = max(text.rfind(mark) for mark in _QUESTION_MARKS) + 1
    while 0 < cut < len(text) and text[cut] in _TRAILING.strip():
        cut += 1
    if cut <= 0:
        return None
    if _IMPERATIVE.match(text[cut:].strip()):
        return text
    return _strip_quotes(text[:cut].strip())


def _is_paragraph_question(text: str) -> bool:
    """A paragraph needs "?" and a clause that opens with a question word or a prompt.

    "Looking back, what would you change?" is one; "Preparing for an interview?" is not.
    """
    if not _ends_with_question_mark(text):
        return False
    if not _LATIN.search(text):
        return True  # no English words to check
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(clause.lower())
        while words and words[0] in _FILLERS:
            words.pop(0)
        if (words and words[0] in _INTERROGATIVES) or _IMPERATIVE.match(clause.strip()):
            return True
    return False


def _too_short(text: str) -> bool:
    words = list(islice((word for word in text.split() if _ALNUM.search(word)), 2))
    return len(words) < 2 and len(list(islice(_ALNUM.finditer(text), 8))) < 8


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))


# --- categories ------------------------------------------------------------------------------

_ASK_SECTION = re.compile(
    r"\bquestions?\s+(?:to|you\s+(?:should|can|could|might|may)|for\s+you\s+to)\s+ask\b"
    r"|\bask\s+(?:the|your|an?)\s+(?:interviewer|employer|hiring\s+manager|recruiter"
    r"|company|team)s?\b"
    r"|\b(?:your\s+)?questions\s+for\s+(?:them|the\s+(?:interviewer|employer|company|panel"
    r"|hiring\s+manager)|your\s+(?:interviewer|employer|future\s+(?:manager|team)))\b"
    r"|\breverse\s+interview|\byour\s+turn\s+to\s+ask\b|\basking\s+(?:questions|the\s+"
    r"(?:interviewer|employer))\b"
    # Arabic "questions you put to the interviewer", Chinese "asking the interviewer",
    # Japanese "reverse questions" / "questions to the interviewer".
    r"|أسئلة\s+(?:تطرحها|تسألها|للمحاور)|向面试官提问|问面试官|逆質問|面接官への質問",
    re.I,
)
_ASK_RULE_TEXTS: Final[tuple[tuple[AskCategory, str], ...]] = (
    (
        "next-steps",
        r"\bnext\s+steps?\b|\btimeline\b|\bhear\s+back\b|\b(?:hiring|interview"
        r"|recruitment)\s+process\b|\bhesitations?\b|\breservations?\b|\bconcerns?\s+"
        r"about\s+(?:me|my)\b|\bstart\s+date\b|\bdecision\b[^.?!]{0,60}\b(?:by|when)\b",
    ),
    (
        "performance",
        r"\bsuccess(?:ful)?\b|\bmeasur\w*|\bevaluat\w*|\bperformance\b|\bkpis?\b"
        r"|\bmetrics?\b|\bgoals?\s+for\b|\bfirst\s+(?:30|60|90|three|six)\b"
        r"|\bexpectations?\b|\bjudged\b|\breview(?:s|ed)?\b[^.?!]{0,60}\bwork\b",
    ),
    (
        "growth",
        r"\bgrow(?:th)?\b|\blearn\w*|\btraining\b|\bdevelop(?:ment)?\b|\bcareer\b"
        r"|\bpromot\w*|\badvance\w*|\bladder\b|\bmentor\w*|\bprogress\w*|\bconference",
    ),
    (
        "strategy",
        r"\bstrateg\w*|\bcompetit\w*|\bmarket\b|\bvision\b|\bdirection\b|\bfund(?:ed|ing)\b"
        r"|^(?:the\s+)?(?:company|business|product|organi[sz]ation)$"
        r"|\brevenue\b|\bprofit\w*|\broadmap\b|\bfuture\s+of\b|\bnext\s+(?:year|few"
        r"\s+years)\b|\bbiggest\s+(?:opportunit|threat)\w*|\bleadership\s+team\b",
    ),
    (
        "team",
        r"\bteams?\b|\bcolleagues?\b|\bmanager\b|\bmanagement\s+style\b|\bpractices\b"
        r"|\bways\s+of\s+working\b|\breport(?:s|ing)?"
        r"\s+to\b|\bwork\s+with\b|\bpeers?\b|\bone[\s-]to[\s-]ones?\b|\bwho\b",
    ),
    (
        "culture",
        r"\bcultur\w*|\bvalues?\b|\bremote\b|\bhybrid\b|\boffice\b|\bwork[\s-]life\b"
        r"|\bhours\b|\bon[\s-]call\b|\bmeetings?\b|\bdisagree\w*|\bfeedback\b"
        r"|\bcelebrat\w*|\bdiversity\b|\binclusi\w*|\bleave\b|\bflexib\w*",
    ),
    (
        "role-challenges",
        r"\bchalleng\w*|\bdifficult\w*|\bhard(?:est)?\b|\bproblems?\b|\bday[\s-]to[\s-]day\b"
        r"|\btypical\s+(?:day|week)\b|\bfirst\s+project\b|\bwhy\s+is\s+(?:this|the)\s+"
        r"(?:role|position)\s+open\b|\bresponsibilit\w*|\b(?:the\s+)?(?:job|role|position"
        r"|work)(?:\s+itself)?$",
    ),
)
_ASK_RULES: Final[tuple[tuple[AskCategory, re.Pattern[str]], ...]] = tuple(
    (category, re.compile(pattern, re.I)) for category, pattern in _ASK_RULE_TEXTS
)


def _rules(*rules: tuple[Category, str]) -> tuple[tuple[Category, re.Pattern[str]], ...]:
    return tuple((category, re.compile(pattern, re.I)) for category, pattern in rules)


_SECTION_RULES: Final = _rules(
    (
        "second-round",
        r"\b(?:second|2nd|third|3rd|final)[\s-]+(?:interview|round|stage)s?\b"
        r"|\bfollow[\s-]?up\s+interviews?\b",
    ),
    ("salary", r"\b(?:salary|salaries|compensation|pay|money|negotiat\w*|benefits)\b"),
    (
        "situational",
        r"\b(?:situational|scenarios?|hypothetical|what\s+would\s+you\s+do|what\s+if)\b",
    ),
    (
        "behavioral",
        r"\b(?:behaviou?ral|behaviou?r[\s-]based|tell\s+me\s+about|star|competency"
        r"|competencies|competency[\s-]based)\b",
    ),
    ("culture-fit", r"\b(?:culture|cultural|values|fit|personality|work\s+style)\b"),
    (
        "motivation",
        r"\b(?:motivat\w*|why\s+(?:you|this|us|our|we|here|do\s+you|should"
        r"|the\s+(?:company|role|job|position)))\b",
    ),
    (
        "career-goals",
        r"\b(?:careers?|goals?|future|ambitions?|aspirations?|long[\s-]term"
        r"|(?:five|5)\s+years)\b",
    ),
    (
        "role-specific",
        r"\b(?:technical|roles?|skills?|specific|job[\s-]specific|industry|position"
        r"|expertise)\b",
    ),
)
_TEXT_RULES: Final = _rules(
    (
        "second-round",
        r"\bwhen\s+(?:could|can|would)\s+you\s+start\b|\bnotice\s+period\b"
        r"|\b(?:interviewing|applying|applied)\s+(?:anywhere|elsewhere|with\s+other"
        r"|at\s+other|for\s+other)\b|\bother\s+(?:offers|interviews|companies\s+you)\b"
        r"|\bwhat\s+(?:would|could)\s+make\s+you\s+(?:say\s+no|turn|decline|accept)\b"
        r"|\bconcerns?\s+about\s+(?:joining|this\s+role|the\s+role)\b",
    ),
    ("motivation", r"\b(?:any|some)\s+questions\s+for\s+(?:us|me)\b"),
    (
        "culture-fit",
        r"\b(?:greatest|biggest|main|key|top)\s+(?:strengths?|weakness(?:es)?)\b"
        r"|\bstrengths\s+and\s+weaknesses\b|\bweakness(?:es)?\b",
    ),
    (
        "behavioral",
        r"\btell\s+(?:me|us)\s+about\s+(?:a|an|one)\s+(?:[a-z]+\s+){0,2}?(?:you|when|where"
        r"|that)\s|"
        r"\btell\s+(?:me|us)\s+about\s+(?:a|an|the|one)\s+(?:time|situation|occasion|project"
        r"|moment|mistake|failure|conflict)|\bdescribe\s+(?:a|an|the)\s+(?:time|situation"
        r"|occasion)|\bgive\s+(?:me\s+|us\s+)?(?:an?\s+)?examples?\b|\bshare\s+(?:an?\s+)?"
        r"examples?\b|\bhave\s+you\s+ever\b|\ba\s+time\s+(?:when|you)\b"
        r"|\bwalk\s+(?:me|us)\s+through\s+a\s+time\b|\brecall\s+a\s+time\b",
    ),
    (
        "salary",
        r"\b(?:salary|salaries|compensation|pay|paid|raise|remuneration|earn|earning"
        r"|package)\b",
    ),
    (
        "career-goals",
        r"\b(?:five|5|ten|10|three|3)\s+years\b|\bcareer\s+(?:goals?|plans?|path"
        r"|aspirations?)\b|\blong[\s-]term\b|\bgoals?\b|\bwhere\s+do\s+you\s+see\s+yourself\b"
        r"|\bambitions?\b",
    ),
    (
        "motivation",
        r"\btell\s+(?:me|us)\s+(?:a\s+(?:little\s+)?(?:bit\s+)?)?about\s+yourself\b"
        r"|\bwalk\s+(?:me|us)\s+through\s+your\s+(?:resume|résumé|cv|background)\b"
        r"|\bwhat\s+do\s+you\s+know\s+about\s+(?:us|our|the\s+company)\b"
        r"|\bwhy\s+(?:do|did|are|would)\s+you\s+(?:want|apply|applying|interested|leave"
        r"|leaving|like)\b|\bwhy\s+(?:this|our|the)\s+(?:company|role|job|position|industry"
        r"|team)\b|\bwhy\s+(?:us|here)\b|\bwhy\s+should\s+we\s+hire\b|\bwhat\s+(?:attracts"
        r"|interests|excites|motivates|drives)\s+you\b|\bmotivat\w*|\bpassionate\b"
        r"|\binterested\s+in\s+(?:this|the|our)\b",
    ),
    (
        "culture-fit",
        r"\b(?:culture|values|work\s+environment|management\s+style|work(?:ing)?\s+style"
        r"|fit\s+in|team\s+player)\b|\bideal\s+(?:manager|boss|team|workplace|company)\b",
    ),
    (
        "situational",
        r"\bwhat\s+would\s+you\s+do\b|\bhow\s+would\s+you\s+(?:handle|deal|approach|respond"
        r"|react|prioriti[sz]e|manage|go\s+about)\b|\bimagine\b|\bsuppose\b"
        r"|\bhypothetical\w*|\bwhat\s+if\b|\bif\s+you\s+(?:were|had|found|discovered|noticed"
        r"|disagreed|are|have)\b",
    ),
)
_Section: TypeAlias = Category | Literal["ask"] | None


def _section_category(heading: str) -> _Section:
    """What a heading says about the questions under it: the first keyword in it wins."""
    if _ASK_SECTION.search(heading):
        return "ask"
    best: tuple[int, Category] | None = None
    for category, pattern in _SECTION_RULES:
        match = pattern.search(heading)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), category)
    return best[1] if best else None


def _text_category(text: str) -> Category | None:
    """What the question's own wording says it is, if it says."""
    for category, pattern in _TEXT_RULES:
        if pattern.search(text):
            return category
    return None


def _category(text: str, section: Category | None) -> Category:
    """The question's own wording first, then its heading, else behavioral: "What are your
    salary expectations?" under "## Behavioral" is a salary question."""
    return _text_category(text) or section or "behavioral"


def _ask_category(text: str, heading: str | None) -> AskCategory:
    """A question to ask: by its heading ("### The team"), else by its wording; a list of
    questions to ask is grouped by what they are about, so the heading says it best."""
    for source in (heading or "", text):
        for category, pattern in _ASK_RULES:
            if pattern.search(source):
                return category
    return "role-challenges"


# --- step 1: lines to blocks -----------------------------------------------------------------

_Kind = Literal["heading", "item", "para", "skip", "break"]


@dataclass(slots=True)
class _Block:
    kind: _Kind
    line: int
    parts: list[str]
    level: int = 0  # heading level
    indent: int = 0
    parent: int | None = None  # an item's parent item; the block a paragraph belongs to
    reason: str = ""  # for "skip"
    quote: bool = False

    @property
    def raw(self) -> str:
        return " ".join(self.parts)


_LIST_ITEM = re.compile(r"([ \t]*)([-*+•◦▪‣]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)$")
_LINK_DEFINITION = re.compile(r" {0,3}\[(\^?)[^\[\]]+\]:")
_TABLE_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")
_FRONT_TITLE = re.compile(r"title[ \t]*:(.*)$")


def _strip_comments(line: str, in_comment: bool) -> tuple[str, bool, bool]:
    """The line without HTML comments, whether a comment is still open, whether one was seen."""
    out: list[str] = []
    pos, seen = 0, in_comment
    while True:
        if in_comment:
            end = line.find("-->", pos)
            if end < 0:
                return "".join(out), True, True
            pos, in_comment = end + 3, False
        else:
            start = line.find("<!--", pos)
            if start < 0:
                out.append(line[pos:])
                return "".join(out), False, seen
            out.append(line[pos:start])
            pos, in_comment, seen = start + 4, True, True


def _is_break(stripped: str) -> bool:
    compact = stripped.replace(" ", "").replace("\t", "")
    return len(compact) >= 3 and compact[0] in "-*_" and compact == compact[0] * len(compact)


def _setext_level(stripped: str) -> int:
    if stripped and stripped == "=" * len(stripped):
        return 1
    if len(stripped) >= 2 and stripped == "-" * len(stripped):
        return 2
    return 0


def _is_table_separator(line: str) -> bool:
    stripped = line.strip()
    if "|" not in stripped or "-" not in stripped:
        return False
    cells = stripped.strip("|").split("|")
    return all(_TABLE_CELL.fullmatch(cell) for cell in cells)


def _opens_fence(line: str) -> tuple[str, int] | None:
    match = _FENCE.match(line)
    if not match:
        return None
    marker = match.group(1)
    if marker[0] == "`" and "`" in match.group(2):
        return None  # ```code``` on one line is inline code
    return marker[0], len(marker)


def _closes_fence(line: str, fence: tuple[str, int]) -> bool:
    stripped = line.strip()
    char, length = fence
    return len(stripped) >= length and stripped == char * len(stripped)


def _should_join(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one does not end a sentence, this one is lower case."""
    if not previous:
        return True
    if previous.rstrip(_TRAILING).endswith(_SENTENCE_END):
        return False
    return line[0].islower() or line[0].isdigit() or line[0] in "(,;"


def _front_matter(lines: list[str]) -> tuple[int, str | None]:
    """Where the body starts after a `---` front matter block, and the title it gives."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    for end in range(1, len(lines)):
        if lines[end].strip() not in ("---", "..."):
            continue
        for line in lines[1:end]:
            match = _FRONT_TITLE.match(line)
            if match:
                return end + 1, _yaml_scalar(match.group(1)) or None
        return end + 1, None
    return 0, None


def _yaml_scalar(value: str) -> str:
    value = _sanitize(value).strip()
    if value[:1] in ("'", '"'):
        end = value.rfind(value[0])
        value = value[1:end] if end > 0 else value[1:]
    else:
        value = value.split(" #", 1)[0]
        if value in (">", "|", ">-", "|-"):
            return ""
    return _collapse(html.unescape(value))


def _scan(lines: list[str], start: int) -> list[_Block]:
    """Group lines into blocks (see the module docstring)."""
    blocks: list[_Block] = []
    stack: list[tuple[int, int]] = []  # open list items: (marker indent, block index)
    fence: tuple[str, int] | None = None
    in_comment = in_table = in_code = False
    last: int | None = None  # the block the previous line went to, if it may continue

    def add(block: _Block) -> int:
        blocks.append(block)
        return len(blocks) - 1

    for number in range(start, len(lines)):
        lineno, original = number + 1, lines[number]
        if fence is not None:
            if _closes_fence(original, fence):
                fence = None
            continue
        was_in_comment = in_comment
        line, in_comment, had_comment = _strip_comments(original, in_comment)
        line = _sanitize(line)
        stripped = line.strip()
        if not stripped:
            if had_comment and not was_in_comment:
                add(_Block("skip", lineno, [original.strip()], reason=HTML))
            elif not had_comment:
                in_table = False
            last = None
            continue
        indent = _indent_width(line)
        if in_code:
            if indent >= 4:
                continue
            in_code = False
        opened = _opens_fence(line)
        if opened:
            fence, last = opened, None
            add(_Block("skip", lineno, [stripped], reason=CODE))
            continue
        previous = blocks[last] if last is not None else None
        level = _setext_level(stripped)
        if (
            level
            and indent <= 3
            and previous is not None
            and previous.kind == "para"
            and not previous.quote
            and not stack
        ):
            previous.kind, previous.level, last = "heading", level, None
            continue
        if indent <= 3 and _is_break(stripped):
            add(_Block("break", lineno, []))
            stack.clear()
            last = None
            continue
        atx = _ATX.match(line)
        if atx:
            text = (atx.group(2) or "").strip()
            closing = text.rstrip("#")
            if closing != text and (not closing or closing[-1] in " \t"):
                text = closing.strip()
            add(_Block("heading", lineno, [text], level=len(atx.group(1))))
            stack.clear()
            last = None
            continue
        next_line = lines[number + 1] if number + 1 < len(lines) else ""
        if (
            stripped.startswith("|")
            or (in_table and "|" in stripped)
            or ("|" in stripped and _is_table_separator(next_line))
        ):
            if not in_table:
                add(_Block("skip", lineno, [stripped], reason=TABLE))
            in_table, last = True, None
            continue
        in_table = False
        definition = _LINK_DEFINITION.match(line)
        if definition:
            add(_Block("skip", lineno, [stripped], reason=NOTE if definition.group(1) else LINK))
            last = None
            continue
        if stripped.startswith(">"):
            content = stripped
            while content.startswith(">"):
                content = content[1:].lstrip()
            item = _LIST_ITEM.match(content)
            if item:
                content = (item.group(3) or "").strip()
            if not content:
                last = None
            elif (
                previous is not None
                and previous.quote
                and _should_join(previous.parts[-1], content)
            ):
                previous.parts.append(content)
            else:
                last = add(_Block("para", lineno, [content], quote=True, parent=last))
            continue
        if indent >= 4 and not stack and last is None:
            in_code = True
            add(_Block("skip", lineno, [stripped], reason=CODE))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            marker_indent = _indent_width(item.group(1))
            while stack and stack[-1][0] >= marker_indent - 1:
                stack.pop()
            content = _TASK_BOX.sub("", (item.group(3) or "").strip(), count=1)
            parent = stack[-1][1] if stack else None
            last = add(_Block("item", lineno, [content], indent=marker_indent, parent=parent))
            stack.append((marker_indent, last))
            continue
        if stripped.lower().startswith("<li"):
            last = add(_Block("item", lineno, [stripped]))
            continue
        if previous is not None:
            if previous.kind in ("item", "para") and _should_join(previous.parts[-1], stripped):
                previous.parts.append(stripped)
                continue
            owner: int | None = last
        else:
            owner = None
            if stack and indent >= 2:
                owner = next((i for ind, i in reversed(stack) if ind < indent), None)
            if owner is None:
                stack.clear()
        last = add(_Block("para", lineno, [stripped], indent=indent, parent=owner))
    return blocks


# --- step 2: blocks to questions -------------------------------------------------------------


def _heading_is_question(blocks: list[_Block], texts: list[_Text | None], index: int) -> bool:
    """A question heading, unless two or more questions follow in its body (then a section)."""
    text = texts[index]
    if text is None or text.label or not _is_question(text.text, imperative=True):
        return False
    level, found = blocks[index].level, 0
    for j in range(index + 1, len(blocks)):
        block, other = blocks[j], texts[j]
        if block.kind == "heading" and block.level <= level:
            break
        if other is None or other.label:
            continue
        if (block.kind in ("item", "heading") or other.strong) and _as_question(other.text):
            found += 1
            if found >= 2:
                return False
    return True


def _base_reason(text: _Text) -> str | None:
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
    skipped: list[SkippedLine] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    kept_at: dict[int, int] = field(default_factory=dict)  # block index -> question index

    def skip(self, block: _Block, reason: str) -> None:
        self.skipped.append(SkippedLine(block.line, block.raw.strip(), reason))

    def keep(
        self,
        block: _Block,
        text: str,
        heading: str | None,
        section: _Section,
        *,
        index: int = -1,
        ask: bool = False,
    ) -> None:
        """Keep a question unless it is too short, too long or a repeat."""
        if _too_short(text):
            self.skip(block, TOO_SHORT)
        elif len(text) > MAX_QUESTION_CHARS:
            self.skip(block, TOO_LONG)
        elif _norm(text) in self.seen:
            self.skip(block, DUPLICATE)
        else:
            self.seen.add(_norm(text))
            self.kept_at[index] = len(self.questions)
            if ask:
                self.questions.append(
                    ImportedQuestion(
                        text, heading, "behavioral", block.line, "ask", _ask_category(text, heading)
                    )
                )
                return
            category = _category(text, section if section != "ask" else None)
            self.questions.append(
                ImportedQuestion(
                    text, heading, category, block.line, competencies=self._competencies(text)
                )
            )

    def probe(self, parent: int, text: str) -> bool:
        """Add a nested question as a follow-up of the question it is under, if kept."""
        at = self.kept_at.get(parent)
        if at is None:
            return False
        question = self.questions[at]
        self.questions[at] = replace(question, probes=(*question.probes, text))
        return True

    def _competencies(self, text: str) -> tuple[str, ...]:
        """Up to three competencies whose cues the question holds, most specific first."""
        if self.lexicon is None:
            return ()
        found = [f for f in self.lexicon.find(text) if f.score >= _COMPETENCY_SCORE]
        return tuple(f.item for f in found[:3])


_COMPETENCY_SCORE: Final = 2.5  # the lexicon weight of a cue specific enough to tag by


def _question_lists(blocks: list[_Block], texts: list[_Text | None]) -> set[int]:
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
        asked = sum(1 for t in texts_in if t is not None and _as_question(t.text))
        if len(run) >= 3 and asked >= 0.6 * len(run):
            for i, t in zip(run, texts_in, strict=True):
                if t is not None and not t.label and not t.links and not t.navigation:
                    found.add(i)
    return found


def _classify(
    blocks: list[_Block], title: str | None, kind: str = "auto", lexicon: CueIndex | None = None
) -> MarkdownImport:
    texts: list[_Text | None] = [
        _clean(block.raw) if block.kind in ("heading", "item", "para") else None for block in blocks
    ]
    out = _Collector(lexicon)
    sections: list[tuple[int, str, _Section]] = []  # (level, text, category)
    if kind == "ask" or (kind == "auto" and title and _ASK_SECTION.search(title)):
        sections.append((0, "", "ask"))  # the whole list is questions to ask
    by_place = _question_lists(blocks, texts)

    def is_ask(section: _Section) -> bool:
        return section == "ask" and kind != "question"

    def keep(block: _Block, index: int, question: str) -> None:
        heading, section = where()
        parent = block.parent
        if block.kind == "item" and parent is not None and out.probe(parent, question):
            out.kept_at[index] = out.kept_at[parent]  # deeper follow-ups go to the same one
            return
        out.keep(block, question, heading, section, index=index, ask=is_ask(section))

    question_level: int | None = None  # inside the body of a question heading of this level
    # The kind of block ("item" or "para") of the last question in this section: prose after
    # a question is its note, and so is a new list after a question paragraph.
    anchor = ""
    attached = [False] * len(blocks)  # a question, or a note of one

    def where() -> tuple[str | None, _Section]:
        heading = sections[-1][1] if sections and sections[-1][1] else None
        return heading, next((s[2] for s in reversed(sections) if s[2] is not None), None)

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
                if not text.label and _is_question(text.text, imperative=True):
                    out.skip(block, NOTE)
                continue
            question_level, anchor = None, ""
            if title is None and block.level == 1 and text.text:
                title = text.text
            while sections and sections[-1][0] >= block.level:
                sections.pop()
            if _heading_is_question(blocks, texts, index):
                question_level = block.level
                heading, section = where()
                out.keep(block, text.text, heading, section, index=index, ask=is_ask(section))
            else:
                sections.append((block.level, text.text, _section_category(text.text)))
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
            question = _as_question(text.text)
        elif _is_paragraph_question(text.text):
            question = text.text
        if question is None and index in by_place:
            question = text.text
        if question is not None:
            attached[index], anchor = True, block.kind
            keep(block, index, question)
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
    return MarkdownImport(title or DEFAULT_TITLE, tuple(out.questions), tuple(out.skipped))


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
    start, title = _front_matter(lines)
    return _classify(_scan(lines, start), title, kind, lexicon)
