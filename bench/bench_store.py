"""The database under load: open, commit latency, listing, export and import.

Fills a fresh home with interviews, stories and practice answers, then prints medians for:
opening (and checking) the database, one committed write (synchronous=FULL), listing the
stories, the story-coverage and match computations, exporting everything as JSON and YAML,
and importing the export into an empty home.
Usage: python bench/bench_store.py [--answers 20000] [--stories 60] [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.interviews.store import add_interview
from prepcoach.store import transfer
from prepcoach.store.db import Store
from prepcoach.stories.core import StarStory, coverage, match_stories
from prepcoach.stories.store import add_story, list_stories, story_uses

COMPETENCIES = ["teamwork", "leadership", "communication", "conflict", "ownership", "quality"]
TEXT = "I met the team, agreed on the plan and we shipped two weeks early. " * 6


def fill(home: Path, stories: int, answers: int) -> list[str]:
    with Store.open(home) as store:
        interview = add_interview(
            store, Interview(company="ACME", interviewers=(Interviewer("Jane Doe"),))
        )
        ids = [
            add_story(
                store,
                StarStory(
                    title=f"Story {n}",
                    competencies=(COMPETENCIES[n % 6], COMPETENCIES[(n + 2) % 6]),
                    template_id="generic",
                    parts=dict.fromkeys(("situation", "task", "action", "result"), TEXT),
                ),
            ).id
            for n in range(stories)
        ]
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO practice_sessions (id, started_at, mode, interview_id) "
                "VALUES ('ps-1', '2025-01-01T00:00:00Z', 'quick', ?)",
                (interview.id,),
            )
            conn.executemany(
                "INSERT INTO practice_answers (id, session_id, question_id, question_text, style,"
                " parts, seconds, score, story_id, created_at) VALUES (?, 'ps-1', ?, 'Q?', 'star',"
                " ?, 90.5, 70, ?, '2025-01-01T00:00:00Z')",
                (
                    (f"pa-{n}", f"q-{n % 150}", f'{{"action": "{TEXT}"}}', ids[n % len(ids)])
                    for n in range(answers)
                ),
            )
    return ids


def median_ms(action: Callable[[], object], runs: int) -> float:
    return harness.median(harness.interleaved({"action": action}, runs, warmup=0)["action"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=20_000)
    parser.add_argument("--stories", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        fill(home, args.stories, args.answers)
        size = (home / "prep.db").stat().st_size / 1e6
        print(f"{args.stories} stories, {args.answers} practice answers: {size:.1f} MB")

        def open_close() -> None:
            Store.open(home).close()

        print(f"open + close            {median_ms(open_close, args.runs):8.1f} ms")
        store = Store.open(home)
        counter = iter(range(10**9))

        def one_write() -> None:
            add_interview(store, Interview(company=f"Company {next(counter)}"))

        print(f"one committed write     {median_ms(one_write, args.runs * 10):8.1f} ms")
        listing = median_ms(lambda: list_stories(store), args.runs)
        print(f"list stories            {listing:8.1f} ms")
        stories = list_stories(store)

        def cover() -> None:
            coverage(stories, COMPETENCIES, story_uses(store))

        def match() -> None:
            match_stories(stories, "Tell me about a conflict in your team.", ["conflict"])

        print(f"coverage (with uses)    {median_ms(cover, args.runs):8.1f} ms")
        print(f"match one question      {median_ms(match, args.runs):8.1f} ms")
        data = transfer.export_data(store)
        for fmt in transfer.FORMATS:

            def export(fmt: str = fmt) -> None:
                transfer.dump(transfer.export_data(store), fmt)

            print(f"export {fmt:<5}            {median_ms(export, args.runs):8.1f} ms")
        store.close()

        def restore() -> None:
            with tempfile.TemporaryDirectory() as other, Store.open(Path(other)) as fresh:
                transfer.import_data(fresh, data)

        print(f"import into empty home  {median_ms(restore, max(1, args.runs // 2)):8.1f} ms")


if __name__ == "__main__":
    main()
