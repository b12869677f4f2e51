"""How fast `prep` starts: `prep --help` against a bare three-command Typer app.

Prints the median and spread of wall-clock times over repeated runs, each in a fresh process.
Usage: python bench/bench_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def one() -> None:
    """First."""


@app.command()
def two() -> None:
    """Second."""


@app.command()
def three() -> None:
    """Third."""


app()
'''


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{name:<34} median {median:7.1f} ms   min {min(times):7.1f}   max {max(times):7.1f}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    prep = shutil.which("prep") or str(Path(sys.executable).parent / "prep")
    with tempfile.TemporaryDirectory() as folder:
        env = dict(
            os.environ, PREP_HOME=str(Path(folder) / "home"), PREP_CACHE=str(Path(folder) / "cache")
        )
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        # warm the OS file cache and the content cache once
        timed([sys.executable, str(bare), "--help"], 2, env)
        timed([prep, "--help"], 2, env)
        timed([prep, "content", "list"], 1, env)
        base = report(
            "bare Typer app --help", timed([sys.executable, str(bare), "--help"], args.runs, env)
        )
        ours = report("prep --help", timed([prep, "--help"], args.runs, env))
        report("prep --version", timed([prep, "--version"], args.runs, env))
        report(
            "prep questions --stage second",
            timed([prep, "questions", "--stage", "second"], args.runs, env),
        )
        report("prep content list", timed([prep, "content", "list"], args.runs, env))
    print(f"prep --help vs bare app: {100 * (ours - base) / base:+.1f}% (target: within +10%)")


if __name__ == "__main__":
    main()
