"""Shared timing for the benches: interleaved runs, medians, and a ratio against a reference.

The machine a bench runs on is usually shared, so absolute times drift. Every bench therefore
times its figure together with a reference doing the same job in the plainest way, alternating
them run by run (ours, reference, ours, reference, ...), and reports the ratio of the medians
next to the goal. `report` prints one line per figure:

    prep status                     412.3 ms  ref  398.1 ms  ratio 1.04x  goal <= 1.10x  ok
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

# An action does one run. It may return the milliseconds to count, when only part of the run
# is what a user waits for (a first screen, not the teardown after it); else all of it counts.
Action = Callable[[], object]

results: list[tuple[str, bool]] = []


def prep_command() -> str:
    """The `prep` script of the running interpreter's environment."""
    candidate = Path(sys.executable).parent / "prep"
    return str(candidate) if candidate.exists() else "prep"


def command(cmd: Sequence[str], env: Mapping[str, str] | None = None, stdin: str = "") -> Action:
    """An action that runs `cmd` in a fresh process, output discarded; a failure stops the bench."""

    def run() -> None:
        completed = subprocess.run(
            list(cmd),
            env=dict(env) if env is not None else None,
            input=stdin.encode(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if completed.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {completed.stderr.decode()[-500:]}")

    return run


def time_ms(action: Action) -> float:
    start = time.perf_counter()
    counted = action()
    elapsed = (time.perf_counter() - start) * 1000
    return counted if isinstance(counted, float) else elapsed


def interleaved(
    actions: Mapping[str, Action], runs: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Time each action `runs` times, alternating between them every run; returns times in ms."""
    for _ in range(warmup):
        for action in actions.values():
            action()
    times: dict[str, list[float]] = {name: [] for name in actions}
    for round_number in range(runs):
        names = list(actions)
        if round_number % 2:  # alternate who goes first, so neither always runs on a warm cache
            names.reverse()
        for name in names:
            times[name].append(time_ms(actions[name]))
    return times


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def report(label: str, ours: Sequence[float], reference: Sequence[float], goal: float) -> float:
    """Print the medians, their ratio and the goal (a ratio); returns the ratio."""
    mine, theirs = median(ours), median(reference)
    ratio = mine / theirs if theirs else float("inf")
    ok = ratio <= goal
    results.append((label, ok))
    print(
        f"{label:<34} {mine:8.1f} ms  ref {theirs:8.1f} ms  ratio {ratio:5.2f}x  "
        f"goal <= {goal:.2f}x  {'ok' if ok else 'MISSED'}",
        flush=True,
    )
    return ratio


def report_absolute(
    label: str, ours: Sequence[float], limit_ms: float, reference: Sequence[float] = ()
) -> float:
    """Print the median against an absolute limit (used only where the goal is a time), with
    the median of an interleaved reference beside it when there is one."""
    mine = median(ours)
    ok = mine <= limit_ms
    results.append((label, ok))
    beside = f"ref {median(reference):8.1f} ms" if reference else " " * 15
    verdict = "ok" if ok else "MISSED"
    print(f"{label:<34} {mine:8.1f} ms  {beside}  goal < {limit_ms:.0f} ms  {verdict}", flush=True)
    return mine


def compare(
    label: str, ours: Action, reference: Action, goal: float, runs: int, warmup: int = 1
) -> float:
    """Interleave `ours` with `reference` and report the ratio of their medians."""
    times = interleaved({"ours": ours, "reference": reference}, runs, warmup)
    return report(label, times["ours"], times["reference"], goal)


def summary() -> int:
    """Print how many goals were met; the exit status is 1 if any was missed."""
    missed = [label for label, ok in results if not ok]
    print(
        f"{len(results) - len(missed)} of {len(results)} goals met"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 1 if missed else 0


def bench_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment for a bench run: a home of its own, no colour, no user content paths.

    prep's modules are byte-compiled first, and the runs may write bytecode: an installed
    package has its .pyc files (as typer, rich and questionary have here), so a run that
    compiled prep's sources every time would be timing the compiler, not prep.
    """
    compile_sources()
    env = dict(os.environ, PREP_HOME=str(folder / "home"), NO_COLOR="1", **extra)
    env.pop("PREP_CONTENT", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_sources() -> None:
    """Byte-compile the prepcoach package in place (quick when it is already compiled)."""
    import compileall

    import prepcoach

    compileall.compile_dir(str(Path(prepcoach.__file__).parent), quiet=1)
