"""Flashcards: interview questions with your best answers, to review on a phone.

One card per question: the question on the front; on the back your best practised answer
(highest score), what a strong answer covers, and the tips. Cards go out as an Anki
package (`.apkg`, written with genanki) or as CSV for any other flashcard app.

Anki matches notes by their guid, derived here from the question id, and the note type and
deck have fixed ids: importing a newer export updates the cards already on the phone (and
keeps their review history) instead of adding duplicates.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from prepcoach.content.library import ContentLibrary
from prepcoach.content.model import Question
from prepcoach.kernel.files import replacing

MODEL_ID = 1_607_392_319  # fixed forever: the note type Anki knows these cards by
DECK_ID = 2_059_400_110
DECK_NAME = "Interview questions (prepcoach)"
GUID_SALT = "prepcoach-question"
CSV_COLUMNS = ("question", "answer", "covers", "tips", "tags")


class AnswerLike(Protocol):
    """The best practised answer to a question (`prepcoach.kit.core.Practised`)."""

    @property
    def best_score(self) -> int | None: ...
    @property
    def best_text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Card:
    question_id: str
    question: str
    answer: str  # your best answer, "" when never practised
    score: int | None
    covers: tuple[str, ...]  # the question's look-fors
    tips: tuple[str, ...]
    tags: tuple[str, ...]  # category and competencies, Anki-safe (no spaces)


def select_questions(
    library: ContentLibrary,
    *,
    practised: Iterable[str],
    likely: Sequence[str] = (),
    every: bool = False,
) -> list[Question]:
    """The questions to make cards of: the likely ones for the next interview first, then
    every practised one (or, with `every`, the whole bank), in content order."""
    wanted = set(practised) | set(likely)
    ordered = [library.questions[q] for q in likely if q in library.questions]
    ordered += [
        q
        for q in library.questions.values()
        if (every or q.id in wanted) and q.id not in set(likely)
    ]
    return ordered


def build_cards(questions: Sequence[Question], best: Mapping[str, AnswerLike]) -> list[Card]:
    cards = []
    for question in questions:
        answer = best.get(question.id)
        tags = (question.category, *question.competencies)
        cards.append(
            Card(
                question_id=question.id,
                question=question.text,
                answer=answer.best_text.strip() if answer is not None else "",
                score=answer.best_score if answer is not None else None,
                covers=question.look_for_labels,
                tips=question.tips,
                tags=tuple(t.replace(" ", "-") for t in tags),
            )
        )
    return cards


# ---------------------------------------------------------------------------- CSV


def to_csv(cards: Sequence[Card]) -> str:
    """One row per card (question, answer, covers, tips, tags), with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for card in cards:
        answer = card.answer
        if answer and card.score is not None:
            answer = f"{answer}\n\n(best score {card.score}/100)"
        writer.writerow(
            [
                card.question,
                answer,
                "\n".join(f"- {c}" for c in card.covers),
                "\n".join(f"- {t}" for t in card.tips),
                " ".join(card.tags),
            ]
        )
    return out.getvalue()


# ---------------------------------------------------------------------------- Anki

_CSS = """
.card { font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 18px;
        text-align: left; color: #1d232a; background: #fff; line-height: 1.4; }
.question { font-size: 21px; font-weight: 600; }
.answer { margin-top: 12px; padding: 10px 12px; background: #f4f6f9;
          border-left: 4px solid #1d4e89; }
.none { color: #6b7480; font-style: italic; }
.score { color: #6b7480; font-size: 14px; }
h4 { margin: 14px 0 4px; font-size: 14px; color: #1d4e89; text-transform: uppercase; }
ul { margin: 0; padding-left: 20px; }
.nightMode .card, .night_mode .card { color: #e6e8eb; background: #1d232a; }
.nightMode .answer, .night_mode .answer { background: #2a323c; }
"""
_FRONT = '<div class="question">{{Question}}</div>'
_BACK = (
    '{{FrontSide}}<hr id="answer">'
    '{{#Answer}}<div class="answer">{{Answer}}</div>{{/Answer}}'
    '{{^Answer}}<div class="none">Not practised yet: say your answer aloud, then check.</div>'
    "{{/Answer}}"
    '{{#Score}}<div class="score">best score {{Score}}/100</div>{{/Score}}'
    "{{#Covers}}<h4>A strong answer covers</h4>{{Covers}}{{/Covers}}"
    "{{#Tips}}<h4>Tips</h4>{{Tips}}{{/Tips}}"
)
FIELDS = ("Question", "Answer", "Score", "Covers", "Tips")


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _html_list(items: Sequence[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def note_fields(card: Card) -> list[str]:
    """The card's fields as Anki stores them (HTML; user text is escaped)."""
    return [
        _html(card.question),
        _html(card.answer),
        "" if card.score is None else str(card.score),
        _html_list(card.covers),
        _html_list(card.tips),
    ]


def write_apkg(
    cards: Sequence[Card], path: Path, deck_name: str = DECK_NAME, *, work_dir: Path | None = None
) -> Path:
    """Write an Anki package atomically (a temp file beside `path`, then a rename).

    The package's inner database holds the answers too: it is built in `work_dir` (the
    home, private; default: beside `path`) and removed, never left in the system's temp folder.
    """
    import genanki  # heavy: loaded only to write a package

    model = genanki.Model(
        MODEL_ID,
        "prepcoach interview question",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )
    deck = genanki.Deck(DECK_ID, deck_name)
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=note_fields(card),
                tags=list(card.tags),
                guid=genanki.guid_for(GUID_SALT, card.question_id),
            )
        )
    with replacing(path) as tmp:
        fd, name = tempfile.mkstemp(dir=work_dir or path.parent, prefix=".anki-", suffix=".tmp")
        os.close(fd)
        try:
            conn = sqlite3.connect(name)
            try:
                now = time.time()
                genanki.Package(deck).write_to_db(
                    conn.cursor(), now, itertools.count(int(now * 1000))
                )
                conn.commit()
            finally:
                conn.close()
            with zipfile.ZipFile(tmp, "w") as package:
                package.write(name, "collection.anki2")
                package.writestr("media", "{}")
        finally:
            Path(name).unlink(missing_ok=True)
    return path
