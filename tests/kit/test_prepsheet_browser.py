"""The printable prep sheet, rendered by a real headless Chromium: it prints, on one or two
pages of A4 and of Letter, even when every section is full and the texts are long."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from prepcoach.content.library import content_files, load_library
from prepcoach.interviews.core import InterviewChanges, Interviewer
from prepcoach.interviews.store import update_interview
from prepcoach.kernel.paths import builtin_content_dir
from prepcoach.kit import core as kit
from prepcoach.kit import sheet as prepsheet
from prepcoach.kit.research import Dossier, Item
from prepcoach.kit.research_store import save_research
from prepcoach.kit.shortlist import Pick
from prepcoach.kit.shortlist_store import set_shortlist
from prepcoach.store.db import Store
from prepcoach.stories.core import StarStory
from prepcoach.stories.store import add_story
from tests import second_round_data as data

pypdf = pytest.importorskip("pypdf")

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
LONG = (
    "A long paragraph typed by someone who had a lot to say about this, with details, numbers "
    "such as 18% and €4.5M, names like Mindy Okonkwo-Larsen, and a few more words to be sure. "
) * 3


def browser() -> str:
    """A Chromium-based browser: PREP_TEST_BROWSER, else the usual names on PATH."""
    for name in (os.environ.get("PREP_TEST_BROWSER", ""), *BROWSERS):
        found = shutil.which(name) if name else None
        if found:
            return found
    pytest.skip(
        "no Chromium found (install the 'chromium' package, or set PREP_TEST_BROWSER); "
        ".ci/run installs it"
    )


def render(html_file: Path, out: Path, *, page: str = "", screenshot: bool = False) -> Path:
    """Print `html_file` to PDF (or a PNG screenshot) with headless Chromium."""
    source = html_file
    if page:  # force the paper size, as a printer set to it would
        source = html_file.with_name(f"{html_file.stem}-{page.lower()}.html")
        text = html_file.read_text(encoding="utf-8")
        source.write_text(
            text.replace("</style>", f"@page {{ size: {page}; }}\n</style>", 1), encoding="utf-8"
        )
    profile = out.parent / f"profile-{out.stem}"
    target = f"--screenshot={out}" if screenshot else f"--print-to-pdf={out}"
    command = [
        browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--no-pdf-header-footer",
        f"--user-data-dir={profile}",
        "--window-size=1000,1400",
        target,
        source.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert out.exists() and out.stat().st_size > 0, result.stderr[-2000:]
    return out


def full_home(home: Path) -> str:
    """Every section of the sheet filled, with long texts; returns the interview id."""
    with Store.open(home) as store:
        rounds = data.add_rounds(store)
        data.add_postmortem(store, rounds)
        data.add_everything(store, rounds)
        long_item = Item(LONG, ("https://news.example/" + "a" * 150,), LONG)
        save_research(
            store,
            Dossier(
                company=data.COMPANY,
                sections={
                    key: (long_item if key == "challenges" else replace(long_item, how_i_help=""),)
                    * 4
                    for key in ("mission", "news", "press", "culture", "challenges", "competitors")
                },
            ),
        )
        for number in range(8):
            add_story(
                store,
                StarStory(
                    title=f"Story number {number} with a rather long title to wrap",
                    competencies=("leadership", "conflict", "teamwork", "adaptability"),
                    template_id="generic",
                    parts=dict.fromkeys(("situation", "task", "action", "result"), LONG),
                ),
            )
        more = tuple(
            Interviewer(f"Interviewer {n} Okonkwo-Larsen", title)
            for n, title in enumerate(
                ("Senior Talent Acquisition Partner, EMEA", "Principal Software Engineer", "")
            )
        )
        update_interview(store, rounds.second.id, InterviewChanges(add_interviewers=more))
        library = load_library(content_files(builtin_content_dir(), None, []))
        five = list(library.ask_questions)[:5]
        set_shortlist(store, rounds.second.id, [Pick(q, LONG[:280]) for q in five])
        return rounds.second.id


@pytest.fixture
def sheet_html(home: Path, tmp_path: Path) -> Path:
    library = load_library(content_files(builtin_content_dir(), None, []))
    interview_id = full_home(home)
    with Store.open(home) as store:
        from prepcoach.interviews.store import get_interview

        prepared = kit.load_kit(store, library, get_interview(store, interview_id))
        html = prepsheet.to_html(prepsheet.build_sheet(prepared, library))
    path = tmp_path / "sheet.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.parametrize("page", ["A4", "Letter"])
def test_a_full_sheet_prints_on_one_or_two_pages(sheet_html: Path, page: str) -> None:
    pdf = render(sheet_html, sheet_html.with_name(f"sheet-{page}.pdf"), page=page)
    reader = pypdf.PdfReader(str(pdf))
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} pages on {page}"
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Globex Corporation" in text
    assert "By interviewer" in text and "recruiter or HR" in " ".join(text.split())
    assert "Likely questions" in text.replace("LIKELY QUESTIONS", "Likely questions")
    width = float(reader.pages[0].mediabox.width)
    assert abs(width - (595 if page == "A4" else 612)) < 2  # points: the paper asked for


def test_the_sheet_renders_as_a_page(sheet_html: Path) -> None:
    png = render(sheet_html, sheet_html.with_name("sheet.png"), screenshot=True)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a blank page compresses to a few KB
