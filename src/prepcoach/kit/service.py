"""The use cases of `prep status`, `prep sheet` and `prep export --anki/--csv`, without a
terminal: each reads the kit for an interview and returns what the command shows or writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from prepcoach.interviews import store as store_iv
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.kernel.wording import counted
from prepcoach.practice import store as ps

# The kit, the sheet and the cards are imported by the use cases that need them: `prep status`
# with no interview ahead reads two counts and needs none of them.
if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.interviews.core import Interview
    from prepcoach.kit.cards import Card
    from prepcoach.kit.core import Kit
    from prepcoach.kit.readiness import NextAction, Readiness
    from prepcoach.store.db import Store

# ---------------------------------------------------------------------------- status


def next_interview(store: Store, query: str | None) -> Interview | None:
    """The interview asked about; None when none was named and there is none yet."""
    try:
        return store_iv.find_interview(store, query)
    except NotFoundError:
        if query is not None:
            raise
        return None


@dataclass(frozen=True, slots=True)
class Dashboard:
    """How ready the kit for an interview is."""

    kit: Kit
    readiness: Readiness


def dashboard(store: Store, library: ContentLibrary, interview: Interview) -> Dashboard:
    from prepcoach.kit.core import load_kit
    from prepcoach.kit.readiness import assess

    kit = load_kit(store, library, interview)
    return Dashboard(kit, assess(kit))


@dataclass(frozen=True, slots=True)
class Welcome:
    """What `prep status` says with no interview ahead: what to do first."""

    action: NextAction
    due: int  # questions due for review
    past: int  # earlier interviews


def welcome_view(store: Store) -> Welcome:
    from prepcoach.kit.readiness import welcome

    return Welcome(welcome(), len(ps.due_question_ids(store)), len(store_iv.list_interviews(store)))


# ---------------------------------------------------------------------------- sheet

# Written into every sheet, so a sheet can be regenerated over itself without --force.
MARK_HTML = '<meta name="generator" content="prepcoach prep sheet">'
MARK_MARKDOWN = "<!-- prepcoach prep sheet -->"
FORMATS = ("markdown", "html")  # what `kit.sheet.render` writes


def sheet_format(fmt: str | None, out: Path | None) -> str:
    """The format asked for, else html for an --out ending in .html, else markdown."""
    if fmt is not None:
        return fmt
    return "html" if out is not None and out.suffix.lower() in (".html", ".htm") else "markdown"


@dataclass(frozen=True, slots=True)
class Sheet:
    interview: Interview
    fmt: str
    text: str  # with the mark that lets a later sheet replace it

    @property
    def body(self) -> str:
        """The Markdown without its mark (to show it)."""
        return self.text.split("\n", 1)[1] if self.fmt == "markdown" else self.text


def sheet(store: Store, library: ContentLibrary, query: str | None, fmt: str) -> Sheet:
    from prepcoach.kit import sheet as prepsheet
    from prepcoach.kit.core import load_kit
    from prepcoach.profile.store import get_locale

    interview = store_iv.find_interview(store, query)
    locale = get_locale(store, library.locales)  # the salary lines and spelling follow it
    content = prepsheet.build_sheet(load_kit(store, library, interview), library, locale=locale)
    text = prepsheet.render(content, fmt)
    if fmt == "html":
        text = text.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{MARK_HTML}', 1)
    else:
        text = f"{MARK_MARKDOWN}\n{text}"
    return Sheet(interview, fmt, text)


def write_sheet(made: Sheet, path: Path, *, force: bool) -> None:
    """Write the sheet; an existing file that is not an earlier sheet needs `force`."""
    from prepcoach.kernel.files import atomic_write

    atomic_write(path, made.text, overwrite=force or is_sheet(path))


def is_sheet(path: Path) -> bool:
    """True when `path` is missing or holds a sheet written earlier (safe to replace)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(2_000)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return MARK_HTML in head or head.startswith(MARK_MARKDOWN)


# ---------------------------------------------------------------------------- flashcards


@dataclass(frozen=True, slots=True)
class Deck:
    cards: list[Card]

    @property
    def summary(self) -> str:
        answered = sum(1 for c in self.cards if c.answer)
        return f"{counted(len(self.cards), 'card')}, {answered} with your best answer"


def deck(store: Store, library: ContentLibrary, *, every: bool) -> Deck:
    """Cards for the likely questions of your next interview and every question you have
    practised (`every`: the whole bank), each with your best answer."""
    from prepcoach.kit import cards as flashcards
    from prepcoach.kit.core import load_kit, practised

    likely: list[str] = []
    interview = next_interview(store, None)
    if interview is not None:
        likely = [q.question.id for q in load_kit(store, library, interview).likely]
    done = sorted(ps.practised_ids(store) & set(library.questions))
    questions = flashcards.select_questions(library, practised=done, likely=likely, every=every)
    if not questions:
        raise PrepError(
            "no questions to make cards of yet: practise a few (prep practice), add an "
            "interview (prep interview add), or use --all-questions for the whole bank"
        )
    return Deck(flashcards.build_cards(questions, practised(store, [q.id for q in questions])))
