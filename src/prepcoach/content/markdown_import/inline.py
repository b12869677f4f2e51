"""One block's Markdown to plain text: emphasis, code, links, images, tags, hints."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Final

from prepcoach.content.markdown_import.chars import (
    ALNUM,
    QUESTION_MARKS,
    collapse,
    ends_with_question_mark,
    sanitize,
    strip_quotes,
)
from prepcoach.content.markdown_import.sentences import is_question

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

# Scans in C, not character by character in Python (a 100,000-character line stays quick).


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
    has_residue = ALNUM.search(html.unescape(residue)) is not None

    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(" ", text)
    text = _TAG.sub(lambda m: " " if m.group(1).lower() in _SPACE_TAGS else "", text)
    text = text.replace("*", "").replace("~~", "")
    text = _UNDERSCORES.sub(_drop_emphasis_underscores, text)
    text = _restore(text, literals)
    text = collapse(sanitize(html.unescape(text)))
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
_HINT_AFTER_QMARK = re.compile(
    "[" + re.escape("".join(QUESTION_MARKS)) + r"]([\"'”’»)\]]*)[ \t]*[-–—|:(\[]"
)


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


@dataclass(slots=True)
class Text:
    text: str
    links: int = 0
    images: int = 0
    tags: int = 0
    residue: bool = True
    strong: bool = False  # wholly bold, or numbered: may be a prompt without "?"
    label: bool = False  # starts with "Answer:", "Tip:"...
    navigation: bool = False  # "Click here", "Read more"...
    follow_up: str = ""  # "**Describe X.** – What came of it?": the question after the dash


def _finish(inline: _Inline) -> Text:
    text = inline.text
    result = Text(text, inline.links, inline.images, inline.tags, inline.residue)
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
    text = strip_quotes(text.strip())
    result.text = collapse(text)
    return result


def clean(raw: str) -> Text:
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
            # Wholly bold is a question line; wholly italic is more often a caption or a
            # footer ("*Found a question we missed? Open a pull request.*").
            strong = strong or len(marker) == 2
        else:
            lead = _finish(_inline(source[len(marker) : close]))
            ends = lead.text.endswith((".", "!", "。", *QUESTION_MARKS))
            # "**Describe a failure**: what did you learn?" goes on; "**Q?** Be brief." does not,
            # and neither does "**Describe a failure.** – What did you learn?": a whole sentence
            # with a question after it is the question and its follow-up.
            goes_on = not ends and ends_with_question_mark(rest)
            if (
                is_question(lead.text, imperative=True)
                and (ends or after[0] in ".?!:-–—|(")
                and not goes_on
            ):
                if after[0] in ".?!" and not ends:
                    lead.text += after[0]
                lead.strong = True
                tail = after.lstrip(".?!:-–—| \t")
                if ends and ends_with_question_mark(tail):
                    lead.follow_up = _finish(_inline(tail)).text
                return lead
    result = _finish(_inline(source))
    result.strong = result.strong or strong
    return result
