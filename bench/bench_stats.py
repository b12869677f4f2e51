"""How fast prep reads a long history: 100,000 answers over a year, five to a session.

`prep stats`, `prep history`, `prep status` and `prep sheet` each run as a user runs them, in
a fresh process, interleaved with their reference: the very SQL the command ran (recorded
once with sqlite3's trace callback) replayed by the `sqlite3` shell, plus the start-up of a
bare Typer app whose command takes five typed options. Goal: within 2x. Below each, that SQL
timed alone in the shell (how much of the time the queries themselves take). Then `prep export` of
20,000 answers in JSON and in YAML against the 1.5 s goal.
Usage: python bench/bench_stats.py [--answers 100000] [--export 20000] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402
from bench_startup import BARE_APP, BARE_ARGS  # noqa: E402

from prepcoach.content.library import content_files, load_library  # noqa: E402
from prepcoach.kernel import paths  # noqa: E402
from prepcoach.store.db import Store  # noqa: E402

COMMANDS = [["stats"], ["history"], ["status"], ["sheet"]]

RECORD = """
import sqlite3, sys
statements = open(sys.argv[1], "w", encoding="utf-8")
real_connect = sqlite3.connect
def connect(*args, **kwargs):
    conn = real_connect(*args, **kwargs)
    conn.set_trace_callback(lambda sql: statements.write(sql.strip().rstrip(";") + ";\\n"))
    return conn
sqlite3.connect = connect
from prepcoach.cli.main import run
run(sys.argv[2:])
"""


SESSION_SIZE = 5  # answers per practice session, as a daily practice gives them


def fill(home: Path, count: int) -> None:
    """`count` answers spread evenly over the year up to now, five to a session, each question
    with its review card (some due now, the rest over the coming weeks), a review log per
    answer and a weak flag for the questions rated Again."""
    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    questions = list(library.questions.values())
    rng = random.Random(1)
    span = 365 * 24 * 3600
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=span)
    store = Store.open(home)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO interviews (id, company, role, stage, scheduled_at, status, created_at,"
            " updated_at) VALUES ('iv-bench', 'ACME', 'Engineer', 'second', ?, 'upcoming', ?, ?)",
            (
                (start + timedelta(days=395)).strftime("%Y-%m-%dT10:00:00Z"),  # in a month
                start.isoformat(),
                start.isoformat(),
            ),
        )
        sessions, answers, logs, weak = [], [], [], {}
        for i in range(count):
            q = questions[i % len(questions)]
            moment = start + timedelta(seconds=i * span // count)  # a year, evenly
            stamp = moment.isoformat(timespec="seconds")
            session = f"ps-{i // SESSION_SIZE:08d}"
            if i % SESSION_SIZE == 0:
                sessions.append((session, stamp, stamp))
            rating = rng.randint(1, 4)
            answers.append(
                (
                    f"pa-{i:08d}",
                    session,
                    q.id,
                    q.text,
                    "free",
                    json.dumps({"text": "I led the work and we grew sales by 20%."}),
                    90.0,
                    "{}",
                    rng.randint(20, 100),
                    json.dumps({"score": 0, "findings": []}),
                    rating,
                    stamp,
                )
            )
            logs.append((f"rl-{i:08d}", q.id, rating, stamp))
            if rating == 1:
                weak[q.id] = stamp
        conn.executemany(
            "INSERT INTO practice_sessions (id, started_at, ended_at, mode, status)"
            " VALUES (?, ?, ?, 'quick', 'finished')",
            sessions,
        )
        conn.executemany(
            "INSERT INTO practice_answers (id, session_id, question_id, question_text, style,"
            " parts, seconds, part_seconds, score, feedback, rating, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            answers,
        )
        conn.executemany(
            "INSERT INTO review_logs (id, question_id, rating, reviewed_at) VALUES (?, ?, ?, ?)",
            logs,
        )
        end = start + timedelta(seconds=span)
        conn.executemany(
            "INSERT INTO review_cards (question_id, card, due, updated_at) VALUES (?, ?, ?, ?)",
            [
                (
                    q.id,
                    "{}",
                    (end + timedelta(days=n % 40 - 5)).isoformat(timespec="seconds"),
                    end.isoformat(timespec="seconds"),
                )
                for n, q in enumerate(questions[: min(count, len(questions))])
            ],
        )
        conn.executemany(
            "INSERT INTO weak_flags (question_id, source, reason, flagged_at)"
            " VALUES (?, 'practice', 'rated 1 in practice', ?)",
            list(weak.items()),
        )
    store.close()


def recorded_sql(folder: Path, env: dict[str, str], words: list[str]) -> Path:
    script = folder / f"{'-'.join(words)}.sql"
    done = subprocess.run(
        [sys.executable, "-c", RECORD, str(script), *words], env=env, capture_output=True
    )
    if done.returncode != 0:
        raise SystemExit(f"prep {' '.join(words)} failed: {done.stderr.decode()[-300:]}")
    return script


def shell_replay(database: Path, script: Path) -> harness.Action:
    """The recorded SQL run by the `sqlite3` shell."""
    shell = shutil.which("sqlite3")
    if shell is None:
        raise SystemExit("the sqlite3 shell is needed: apt-get install sqlite3")

    def run() -> None:
        with script.open("rb") as statements:
            subprocess.run(
                [shell, str(database)], stdin=statements, stdout=subprocess.DEVNULL, check=True
            )

    return run


def replay(database: Path, script: Path, bare: list[str], env: dict[str, str]) -> harness.Action:
    """The reference: the recorded SQL in the shell, then a bare Typer app's start-up."""
    queries, start_up = shell_replay(database, script), harness.command(bare, env)

    def run() -> None:
        queries()
        start_up()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--export", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    prep = harness.prep_command()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = harness.bench_env(folder)
        home = Path(env["PREP_HOME"])
        fill(home, args.answers)
        megabytes = (home / "prep.db").stat().st_size >> 20
        sessions = args.answers // SESSION_SIZE
        print(f"{args.answers} answers in {sessions} sessions over a year ({megabytes} MB)")
        bare_app = folder / "bare.py"
        bare_app.write_text(BARE_APP, encoding="utf-8")
        bare = [sys.executable, str(bare_app), *BARE_ARGS]
        for words in COMMANDS:
            script = recorded_sql(folder, env, words)
            harness.compare(
                f"prep {' '.join(words)}",
                harness.command([prep, *words], env),
                replay(home / "prep.db", script, bare, env),
                goal=2.0,
                runs=args.runs,
            )
            # What the ratio cannot show: the command's own SQL, timed alone in the shell.
            alone = harness.interleaved({"sql": shell_replay(home / "prep.db", script)}, 3)
            print(f"  (its SQL alone in the sqlite3 shell: {harness.median(alone['sql']):.1f} ms)")
        small = folder / "export-home"
        fill(small, args.export)
        export_env = dict(env, PREP_HOME=str(small))
        print(f"export of {args.export} answers")
        for fmt in ("json", "yaml"):
            target = folder / f"export.{fmt}"
            write = harness.command(
                [prep, "export", "-f", fmt, "-o", str(target), "--force"], export_env
            )
            times = harness.interleaved({fmt: write}, args.runs)
            harness.report_absolute(f"prep export -f {fmt}", times[fmt], 1500)
            os.unlink(target)
    sys.exit(harness.summary())


if __name__ == "__main__":
    main()
