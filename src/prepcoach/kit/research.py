"""A company dossier: what a candidate found out before a second round, with sources.

The dossier has six sections (mission and strategy, recent projects and news, press
releases, culture as employees describe it, challenges, competitors). Each item is a short
text with its sources (URLs, or a note such as "chat with a former employee"); a challenge
also says how the candidate's experience helps with it, which is what turns research into
answers. The dossier is stored as JSON, edited as YAML (`research_yaml`), and feeds practice
feedback (`terms`), the prep sheet (`highlights`) and the readiness checklist (`status`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError
from prepcoach.kernel.wording import and_list, counted
from prepcoach.kit.shortlist import clip

ITEM_MAX = 2_000  # one finding: a few sentences
SOURCE_MAX = 2_000
MIN_SECTIONS_DONE = 4  # sections with at least one item for the research to count as done


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    prompt: str  # what to ask for, one item at a time
    hint: str  # where to look


SECTIONS: tuple[Section, ...] = (
    Section(
        "mission",
        "Mission and strategy",
        "What is the company's mission, and where is it heading?",
        "The About page, the annual report, the CEO's recent interviews or letters.",
    ),
    Section(
        "news",
        "Recent projects and news",
        "A recent project, launch, deal or change worth knowing about:",
        "The news, the company blog, product pages, the engineering or design blog.",
    ),
    Section(
        "press",
        "Press releases",
        "A recent press release (what it announced):",
        "The newsroom or press page; funding, partnerships, results, leadership changes.",
    ),
    Section(
        "culture",
        "Culture, as employees describe it",
        "What do employees say it is like to work there?",
        "Employee reviews, professional networks, talks and posts by people who work there.",
    ),
    Section(
        "challenges",
        "Challenges they face",
        "A challenge the company or team faces:",
        "Competition, growth pains, regulation, a product gap, what the posting hints at.",
    ),
    Section(
        "competitors",
        "Competitors",
        "A competitor, and how the company differs from it:",
        "Who customers compare them with; market reports; the company's own comparisons.",
    ),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
SECTION_BY_KEY: Mapping[str, Section] = {s.key: s for s in SECTIONS}


@dataclass(frozen=True, slots=True)
class Item:
    """One finding with where it came from; `how_i_help` is for challenges."""

    text: str
    sources: tuple[str, ...] = ()
    how_i_help: str = ""


@dataclass(frozen=True, slots=True)
class Dossier:
    """Everything found out about one company; `id` is empty until it is stored."""

    company: str
    sections: Mapping[str, tuple[Item, ...]] = field(default_factory=dict)
    notes: str = ""
    id: str = ""
    created_at: str = ""
    updated_at: str = ""

    def items(self, key: str) -> tuple[Item, ...]:
        return tuple(self.sections.get(key, ()))

    def all_items(self) -> list[tuple[str, Item]]:
        return [(key, item) for key in SECTION_KEYS for item in self.items(key)]

    def with_item(self, key: str, item: Item) -> Dossier:
        sections = {k: self.items(k) for k in SECTION_KEYS}
        sections[key] = (*sections[key], item)
        return replace(self, sections=sections)


# ---------------------------------------------------------------------------- storage form


def to_data(dossier: Dossier) -> dict[str, Any]:
    """The JSON stored in the `research.data` column (and shown by `--json`)."""
    return {
        "sections": {
            key: [item_data(item) for item in dossier.items(key)]
            for key in SECTION_KEYS
            if dossier.items(key)
        },
        "notes": dossier.notes,
    }


def item_data(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {"text": item.text, "sources": list(item.sources)}
    if item.how_i_help:
        data["how_i_help"] = item.how_i_help
    return data


def from_stored(company: str, data: Mapping[str, Any], **meta: str) -> Dossier:
    """A dossier from the stored JSON (trusted: it was checked before it was saved)."""
    sections = {
        key: tuple(
            Item(
                text=str(raw.get("text", "")),
                sources=tuple(str(s) for s in raw.get("sources", [])),
                how_i_help=str(raw.get("how_i_help", "")),
            )
            for raw in data.get("sections", {}).get(key, [])
        )
        for key in SECTION_KEYS
    }
    return Dossier(
        company=company,
        sections={k: v for k, v in sections.items() if v},
        notes=str(data.get("notes", "")),
        **meta,
    )


# ---------------------------------------------------------------------------- checks


def normalized(dossier: Dossier) -> Dossier:
    def item(raw: Item) -> Item:
        sources = [textcheck.clean(s, multiline=False) for s in raw.sources]
        return Item(
            text=textcheck.clean(raw.text),
            sources=tuple(dict.fromkeys(s for s in sources if s)),
            how_i_help=textcheck.clean(raw.how_i_help),
        )

    sections = {
        key: tuple(i for i in (item(x) for x in dossier.items(key)) if i.text or i.how_i_help)
        for key in SECTION_KEYS
    }
    return replace(
        dossier,
        company=textcheck.clean(dossier.company, multiline=False),
        sections={k: v for k, v in sections.items() if v},
        notes=textcheck.clean(dossier.notes),
    )


def problems(dossier: Dossier) -> list[str]:
    """Everything wrong with a dossier, one sentence each (empty when it can be saved)."""
    found = [
        textcheck.problem("the company name", dossier.company, required=True),
        textcheck.problem("the notes", dossier.notes, max_chars=textcheck.NOTES_MAX),
    ]
    for key in dossier.sections:
        if key not in SECTION_BY_KEY:
            found.append(f"unknown section '{key}'; sections: {', '.join(SECTION_KEYS)}")
    for key, item in dossier.all_items():
        where = f"{SECTION_BY_KEY[key].title.lower()}: '{clip(item.text or item.how_i_help, 40)}'"
        if not item.text:
            found.append(f"{where}: an item needs its text")
        found.append(textcheck.problem(f"{where}: the text", item.text, max_chars=ITEM_MAX))
        found.append(
            textcheck.problem(f"{where}: how you help", item.how_i_help, max_chars=ITEM_MAX)
        )
        if item.how_i_help and key != "challenges":
            found.append(f"{where}: 'how_i_help' belongs to challenges only")
        for source in item.sources:
            found.append(source_problem(source, where))
    return [p for p in found if p]


def source_problem(source: str, where: str = "source") -> str | None:
    """A URL must be one piece without spaces; other sources are free text ("a chat with...")."""
    problem = textcheck.problem(f"{where}: the source", source, max_chars=SOURCE_MAX)
    if problem:
        return problem
    if re.match(r"^(https?://|www\.)", source, re.IGNORECASE) and " " in source:
        return f"{where}: the source URL '{clip(source, 60)}' contains spaces"
    return None


def check(dossier: Dossier) -> Dossier:
    dossier = normalized(dossier)
    found = problems(dossier)
    if found:
        raise PrepError("; ".join(found))
    return dossier


# ---------------------------------------------------------------------------- status


@dataclass(frozen=True, slots=True)
class ResearchStatus:
    filled: tuple[str, ...]  # section keys with at least one item
    missing: tuple[str, ...]
    items: int
    unsourced: int  # items without any source
    challenges_without_help: int
    done: bool

    def summary(self) -> str:
        """'4 of 6 sections, 9 items (2 without a source)'."""
        text = f"{len(self.filled)} of {len(SECTIONS)} sections, {counted(self.items, 'item')}"
        if self.unsourced:
            text += f" ({self.unsourced} without a source)"
        return text

    def todo(self) -> str:
        """What is still missing for the research to count as done ('' when done)."""
        if self.done:
            return ""
        needs = []
        required = [key for key in ("mission", "challenges") if key in self.missing]
        needs += [SECTION_BY_KEY[key].title.lower() for key in required]
        if self.challenges_without_help:
            needs.append(f"how you help with {counted(self.challenges_without_help, 'challenge')}")
        # The sections named above count towards those still short: "challenges and 2 more
        # sections" when three are short, not "challenges, 3 more sections".
        short = MIN_SECTIONS_DONE - len(self.filled) - len(required)
        if short > 0:
            more = "more section" if not required else "other section"
            needs.append(counted(short, more))
        return "add " + and_list(needs)


def status(dossier: Dossier | None) -> ResearchStatus:
    """Done means: the mission, at least one challenge, how you help with every challenge,
    and at least four of the six sections filled. Sources are counted, not required."""
    if dossier is None:
        return ResearchStatus((), SECTION_KEYS, 0, 0, 0, False)
    filled = tuple(k for k in SECTION_KEYS if dossier.items(k))
    items = dossier.all_items()
    without_help = sum(1 for item in dossier.items("challenges") if not item.how_i_help)
    done = (
        "mission" in filled
        and "challenges" in filled
        and not without_help
        and len(filled) >= MIN_SECTIONS_DONE
    )
    return ResearchStatus(
        filled=filled,
        missing=tuple(k for k in SECTION_KEYS if k not in filled),
        items=len(items),
        unsourced=sum(1 for _key, item in items if not item.sources),
        challenges_without_help=without_help,
        done=done,
    )


# ---------------------------------------------------------------------------- use


_NAME = re.compile(r"\b[A-Z][\w&'.-]*[A-Za-z0-9](?:\s+(?:[A-Z0-9][\w&'.-]*|of|for|and|&))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)$")
_QUOTED = re.compile(r"[\"“]([^\"”]{3,60})[\"”]")
_COMMON = frozenset(
    """The A An In On At For And But Or We Our They Their It Its This That These Those Since
    After Before When While With Without From Into Over Under New Recent Last Next Many Most
    Some More Less I My You Your He She His Her CEO CTO CFO COO VP Q1 Q2 Q3 Q4 January
    February March April May June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
SHORT_ITEM_WORDS = 8


def _looks_like_a_verb(word: str) -> bool:
    lowered = word.lower()
    return word in _COMMON or lowered.endswith(("ed", "ing", "es")) or lowered in (
        "won", "built", "made", "began", "grew", "cut", "bought", "sold", "hired", "raised",
    )  # fmt: skip


def terms(dossier: Dossier | None, limit: int = 40) -> tuple[str, ...]:
    """Names and short phrases from the research that an answer can mention.

    Practice feedback counts an answer as connected to the company when it names one of
    these: short items whole (a competitor, a product), and from longer ones the names in
    them ("Acme Pay", "Brazil") and anything quoted.
    """
    if dossier is None:
        return ()
    found: list[str] = []
    company = dossier.company.casefold()
    for _key, item in dossier.all_items():
        text = item.text
        if len(text.split()) <= SHORT_ITEM_WORDS:
            found.append(text.rstrip("."))
        found += _QUOTED.findall(text)
        for match in _NAME.finditer(text):
            name = match.group().rstrip(".,;:'-")
            words = name.split()
            while words and words[-1] in ("of", "for", "and", "&"):
                words.pop()
            name = " ".join(words)
            at_start = _SENTENCE_START.search(text[: match.start()]) is not None
            if at_start and len(words) > 1 and _looks_like_a_verb(words[0]):
                words = words[1:]  # "Launched Globex Pay in..." names Globex Pay
                name = " ".join(words)
            elif at_start and len(words) == 1:
                continue  # any sentence starts with a capital
            if not name or name in _COMMON:
                continue
            if len(name) < 3 or name.casefold() == company:
                continue
            found.append(name)
    unique: dict[str, str] = {}
    for term in found:
        key = term.casefold().strip()
        if key and key != company and key not in unique:
            unique[key] = term.strip()
    return tuple(unique.values())[:limit]


@dataclass(frozen=True, slots=True)
class Highlights:
    """The few lines of research worth having on one printed page."""

    lines: tuple[tuple[str, str, str], ...]  # (section title, text, first source)
    challenges: tuple[tuple[str, str], ...]  # (challenge, how you help)
    competitors: tuple[str, ...]


def highlights(
    dossier: Dossier | None, *, lines: int = 6, challenges: int = 3, chars: int = 130
) -> Highlights:
    """At most `lines` findings (the first of each section, then the second...), the first
    `challenges` challenges with how you help, and the competitors' names; texts clipped."""
    if dossier is None:
        return Highlights((), (), ())
    found: list[tuple[str, str, str]] = []
    keys = ("mission", "news", "press", "culture")
    for index in range(max((len(dossier.items(k)) for k in keys), default=0)):
        for key in keys:
            items = dossier.items(key)
            if index < len(items) and len(found) < lines:
                source = items[index].sources[0] if items[index].sources else ""
                found.append((key, clip(items[index].text, chars), source))
    order = {key: number for number, key in enumerate(keys)}
    found.sort(key=lambda line: order[line[0]])  # stable: by section, then as written
    shown = tuple((SECTION_BY_KEY[key].title, text, source) for key, text, source in found)
    picked = tuple(
        (clip(item.text, chars), clip(item.how_i_help, chars))
        for item in dossier.items("challenges")[:challenges]
    )
    competitors = tuple(competitor_name(item.text) for item in dossier.items("competitors")[:5])
    return Highlights(shown, picked, competitors)


def source_label(source: str) -> str:
    """A URL's host ('glassdoor.com'), or the source text as given."""
    match = re.match(r"^(?:https?://)?(?:www\.)?([^/\s?#]+)", source, re.IGNORECASE)
    if match and re.match(r"^(https?://|www\.)", source, re.IGNORECASE):
        return match.group(1).lower()
    return source


def competitor_name(text: str) -> str:
    """A competitor as a list names it: the name before any description ('Initrode – cheaper,
    slower' -> 'Initrode'), whole, unless it is a sentence of its own (clipped at a word)."""
    name = re.split(r"\s[–—-]\s|: |\s\(|, ", " ".join(text.split()), maxsplit=1)[0]
    return name if len(name) <= 60 else clip(name, 60)


def merge_sources(text: str) -> tuple[str, ...]:
    """Sources typed on one line: separated by spaces (URLs) or by ' ; ' (anything)."""
    parts: Iterable[str]
    if ";" in text:
        parts = text.split(";")
    elif all(re.match(r"^(https?://|www\.)", p, re.IGNORECASE) for p in text.split()):
        parts = text.split()
    else:
        parts = [text]
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))
