"""`prep export` and `prep import` on a long history: time and peak memory, as a user runs them.

Fills homes of 20,000 and 100,000 practice answers shaped like real ones (four STAR parts,
feedback with findings, follow-up probes; about 4 KB each, their JSON columns written as the
practice store writes them), then runs each command in a fresh process, interleaved with its
reference (the `sqlite3` shell writing or reading a full `.dump` of the same database), and
prints the medians, the ratio to the reference, the peak memory of the process (getrusage of
the child) and the goals:

- export and import (JSON and YAML) of 100,000 answers at least 5x faster than the figures
  issue 18 measured before (TODAY_MS: export 20 s as JSON, 71 s as YAML, import 23 s). The
  speed-up is printed as measured (TODAY_MS / our median) and at the reference's idle speed
  (our ratio to the `sqlite3` reference times the reference's idle time, REF_IDLE_MS_100K:
  about 0.84 s to write the dump and 2.6 s to read it at 100,000), and judged on the latter,
  since a loaded machine stretches absolute times several-fold;
- export of 20,000 answers under 1.5 s in either format (issue 15; YAML took 7.2 s then), as
  measured and at the reference's idle speed;
- peak memory under 200 MiB at 100,000 answers, for export and import alike (flat: the 100k
  figure is within 1.5x the 20k one).

Usage: python bench/bench_transfer.py [--sizes 20000,100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

from prepcoach.store.db import Store  # noqa: E402

# The figures the issues measured before this work, in ms (issue 18 at 100,000 answers, issue
# 15 at 20,000): what the speed-up is judged against. Issue 18 names one import figure for
# both formats.
TODAY_MS: dict[tuple[str, str, int], float] = {
    ("export", "json", 100_000): 20_000.0,
    ("export", "yaml", 100_000): 71_000.0,
    ("import", "json", 100_000): 23_000.0,
    ("import", "yaml", 100_000): 23_000.0,
    ("export", "yaml", 20_000): 7_200.0,
}
# The reference on an idle machine at 100,000 answers (writing the dump, reading it back),
# scaled with the number of answers: what turns a ratio measured under load into the time an
# idle machine would take, so that a goal given in seconds can be judged on a busy machine.
REF_IDLE_MS_100K = {"export": 840.0, "import": 2_600.0}
SPEED_UP_GOAL = 5.0
EXPORT_GOAL_MS = 1_500.0
MEMORY_GOAL_MIB = 200.0

PART = (
    "We had two weeks before the launch and the payment service kept timing out under load, "
    "so I measured where the time went, found a lock held across a network call, and moved "
    "the call out of it. I wrote the change up for the team and we shipped on the date. "
)
FINDINGS = [
    {
        "kind": kind,
        "severity": "tip",
        "message": f"{kind}: say what you did yourself, in one or two sentences, then the result.",
        "evidence": ["we shipped on the date", "I measured where the time went"],
    }
    for kind in ("star", "length", "ownership", "quantified", "balance", "repeats")
]


def fill(home: Path, answers: int) -> None:
    """A home with `answers` practice answers (about 4 KB each) in one session."""
    parts = json.dumps(
        {name: f"{name.title()}: {PART}" for name in ("situation", "task", "action", "result")}
    )
    feedback = json.dumps({"score": 72, "findings": FINDINGS, "words": 212, "seconds": 95.5})
    probes = json.dumps(
        [{"probe": "numbers", "text": "It cut the timeouts from 4% to 0.1%.", "seconds": 12.0}]
    )
    timing = json.dumps({"situation": 20.5, "task": 10.0, "action": 45.0, "result": 20.0})
    with Store.open(home) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_sessions (id, started_at, mode, status) VALUES"
            " ('ps-bench', '2026-01-01T09:00:00+00:00', 'quick', 'finished')"
        )
        conn.executemany(
            "INSERT INTO practice_answers (id, session_id, question_id, question_text, style,"
            " parts, seconds, part_seconds, score, feedback, rating, created_at, probes)"
            " VALUES (?, 'ps-bench', ?, 'Tell me about a time you met a hard deadline.', 'star',"
            " ?, 95.5, ?, 72, ?, 3, ?, ?)",
            (
                (
                    f"pa-{n:08d}",
                    f"q-{n % 180}",
                    parts,
                    timing,
                    feedback,
                    f"2026-01-01T09:{n // 60 % 60:02d}:{n % 60:02d}+00:00",
                    probes,
                )
                for n in range(answers)
            ),
        )


def run_measured(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Run `cmd` in a fresh process: wall time in ms and the child's peak memory in MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(cmd), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    error = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {error.decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="20000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    prep = harness.prep_command()
    shell = shutil.which("sqlite3")
    peaks: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = harness.bench_env(folder)
        for size in (int(s) for s in args.sizes.split(",")):
            home = folder / f"home-{size}"
            fill(home, size)
            megabytes = (home / "prep.db").stat().st_size >> 20
            print(f"{size:,} answers ({megabytes} MB database)")
            env_home = dict(env, PREP_HOME=str(home))
            dump = folder / f"dump-{size}.sql"
            for fmt in ("json", "yaml"):
                target = folder / f"export-{size}.{fmt}"
                times: dict[str, list[float]] = {"prep": [], "ref": []}
                memory: list[float] = []
                for run in range(args.runs):
                    order = ["prep", "ref"] if run % 2 == 0 else ["ref", "prep"]
                    for who in order:
                        if who == "prep":
                            cmd = [prep, "export", "-f", fmt, "-o", str(target), "--force"]
                            elapsed, peak = run_measured(cmd, env_home)
                            memory.append(peak)
                        elif shell is not None:
                            start = time.perf_counter()
                            with dump.open("wb") as out:
                                subprocess.run(
                                    [shell, str(home / "prep.db"), ".dump"], stdout=out, check=True
                                )
                            elapsed = (time.perf_counter() - start) * 1000
                        else:
                            continue
                        times[who].append(elapsed)
                label = f"export {fmt} {size:,}"
                _line(label, times, max(memory))
                peaks.setdefault(f"export {fmt}", {})[size] = max(memory)
                _speed_up(label, ("export", fmt, size), times)
                if size == 20_000:
                    harness.report_absolute(f"{label} (goal)", times["prep"], EXPORT_GOAL_MS)
                    idle = _idle("export", size, times)
                    if idle is not None:
                        ok = idle <= EXPORT_GOAL_MS
                        print(
                            f"  goal < {EXPORT_GOAL_MS:.0f} ms at the reference's idle speed: "
                            f"{'ok' if ok else 'MISSED'}"
                        )
                        harness.results.append((f"{label} (goal, idle speed)", ok))
                _memory_goal(label, max(memory), size)
            for fmt in ("json", "yaml"):
                times = {"prep": [], "ref": []}
                memory = []
                source = folder / f"export-{size}.{fmt}"
                for run in range(args.runs):
                    order = ["prep", "ref"] if run % 2 == 0 else ["ref", "prep"]
                    for who in order:
                        fresh = folder / f"restore-{size}-{who}-{run}"
                        if who == "prep":
                            cmd = [prep, "--home", str(fresh), "import", str(source)]
                            elapsed, peak = run_measured(cmd, env)
                            memory.append(peak)
                        elif shell is not None:
                            fresh.mkdir()
                            start = time.perf_counter()
                            with dump.open("rb") as statements:
                                subprocess.run(
                                    [shell, str(fresh / "prep.db")],
                                    stdin=statements,
                                    stdout=subprocess.DEVNULL,
                                    check=True,
                                )
                            elapsed = (time.perf_counter() - start) * 1000
                        else:
                            continue
                        times[who].append(elapsed)
                        shutil.rmtree(fresh)
                label = f"import {fmt} {size:,}"
                _line(label, times, max(memory))
                peaks.setdefault(f"import {fmt}", {})[size] = max(memory)
                _speed_up(label, ("import", fmt, size), times)
                _memory_goal(label, max(memory), size)
    for what, by_size in peaks.items():
        if len(by_size) > 1:
            small, large = by_size[min(by_size)], by_size[max(by_size)]
            ok = large <= 1.5 * small
            print(
                f"{what}: peak {small:.0f} MiB -> {large:.0f} MiB  flat (<= 1.5x)  "
                f"{'ok' if ok else 'MISSED'}"
            )
            harness.results.append((f"{what} flat", ok))
    sys.exit(harness.summary())


def _line(label: str, times: dict[str, list[float]], peak: float) -> None:
    mine = harness.median(times["prep"])
    if times["ref"]:
        theirs = harness.median(times["ref"])
        print(
            f"{label:<22} {mine:9.0f} ms  ref (sqlite3 .dump) {theirs:8.0f} ms  "
            f"ratio {mine / theirs:5.2f}x  peak {peak:6.0f} MiB"
        )
    else:
        print(f"{label:<22} {mine:9.0f} ms  peak {peak:6.0f} MiB")


def _idle(what: str, size: int, times: dict[str, list[float]]) -> float | None:
    """Our time on an idle machine, estimated from the ratio to the reference (None without
    a reference)."""
    if not times["ref"]:
        return None
    ratio = harness.median(times["prep"]) / harness.median(times["ref"])
    return ratio * REF_IDLE_MS_100K[what] * size / 100_000


def _speed_up(label: str, key: tuple[str, str, int], times: dict[str, list[float]]) -> None:
    """Our median against the issue's figure for the same job, where it gave one: as
    measured, and at the reference's idle speed (the goal, 5x or more at 100,000 answers, is
    judged on that one when there is a reference, since the load changes absolute times)."""
    before = TODAY_MS.get(key)
    idle = _idle(key[0], key[2], times)
    if idle is not None:
        print(f"  at the reference's idle speed: {idle:.0f} ms")
    if before is None:
        return
    measured = before / harness.median(times["prep"])
    judged = before / idle if idle is not None else measured
    line = f"  {before / 1000:.1f} s before: {measured:.1f}x faster as measured"
    if idle is not None:
        line += f", {judged:.1f}x at the reference's idle speed"
    if key[2] < 100_000:
        print(line)
        return
    ok = judged >= SPEED_UP_GOAL
    print(f"{line}  goal >= {SPEED_UP_GOAL:.0f}x  {'ok' if ok else 'MISSED'}")
    harness.results.append((f"{label} speed-up", ok))


def _memory_goal(label: str, peak: float, size: int) -> None:
    if size >= 100_000:
        ok = peak < MEMORY_GOAL_MIB
        print(
            f"  peak memory {peak:.0f} MiB  goal < {MEMORY_GOAL_MIB:.0f} MiB  "
            f"{'ok' if ok else 'MISSED'}"
        )
        harness.results.append((f"{label} memory", ok))


if __name__ == "__main__":
    main()
