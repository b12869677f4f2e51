"""How fast `prep stats` is on a long history: 100,000 generated answers.

Fills a fresh home with answers spread over a year and over the whole built-in question bank,
then times `prep stats` (a fresh process each run, as a user runs it). Prints medians.
Usage: python bench/bench_stats.py [--answers 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from prepcoach.content.library import content_files, load_library
from prepcoach.kernel import paths
from prepcoach.store.db import Store


def fill(home: Path, count: int) -> None:
    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    questions = list(library.questions.values())
    rng = random.Random(1)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    store = Store.open(home)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_sessions (id, started_at, mode, status) VALUES"
            " ('ps-bench', ?, 'quick', 'finished')",
            (start.isoformat(),),
        )
        rows = []
        for i in range(count):
            q = questions[i % len(questions)]
            moment = start + timedelta(seconds=i * 365 * 24 * 3600 // count)  # a year, evenly
            feedback = {"score": 0, "findings": []}
            rows.append(
                (
                    f"pa-{i:08d}",
                    "ps-bench",
                    q.id,
                    q.text,
                    "free",
                    json.dumps({"text": "I led the work and we grew sales by 20%."}),
                    90.0,
                    "{}",
                    rng.randint(20, 100),
                    json.dumps(feedback),
                    rng.randint(1, 4),
                    moment.isoformat(timespec="seconds"),
                )
            )
        conn.executemany(
            "INSERT INTO practice_answers (id, session_id, question_id, question_text, style,"
            " parts, seconds, part_seconds, score, feedback, rating, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    prep = shutil.which("prep") or str(Path(sys.executable).parent / "prep")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        started = time.perf_counter()
        fill(home, args.answers)
        print(f"generated {args.answers} answers in {time.perf_counter() - started:.1f} s")
        env = dict(os.environ, PREP_HOME=str(home), PREP_CACHE=str(Path(folder) / "cache"))
        subprocess.run([prep, "stats"], env=env, check=True, capture_output=True)  # warm caches
        times = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            subprocess.run([prep, "stats"], env=env, check=True, capture_output=True)
            times.append((time.perf_counter() - begin) * 1000)
        json_times = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            subprocess.run([prep, "stats", "--json"], env=env, check=True, capture_output=True)
            json_times.append((time.perf_counter() - begin) * 1000)
    print(f"prep stats         median {statistics.median(times):7.1f} ms  (target < 500)")
    print(f"prep stats --json  median {statistics.median(json_times):7.1f} ms")


if __name__ == "__main__":
    main()
