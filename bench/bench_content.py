"""How fast a large question bank loads: generated 10,000- and 100,000-question packs.

Each figure is a whole `prep content list` run, as a user starts it, interleaved run by run
with loading the built-ins only (whose time is printed beside it, so a loaded machine shows):
cold (the pack's cache entry gone, as after editing it; the built-ins stay cached) against the
1 s goal, warm (nothing changed) against the built-ins (goal 1.5x), alternating two packs (each
stays cached) against the same, and 100,000 questions cold against the 10 s goal. A pack file
may hold at most 20 MB, so the 100,000 questions come as five packs of 20,000 in one folder.
The cold figures also give the processor time of both runs, which a busy machine inflates less.
Usage: python bench/bench_content.py [--questions 10000] [--big 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

COMPETENCIES = ["teamwork", "leadership", "communication", "conflict", "ownership", "quality"]


def generate(path: Path, count: int, prefix: str = "generated") -> None:
    questions = [
        {
            "id": f"{prefix}-question-{i}",
            "text": f"Tell me about a time you handled situation number {i} at work?",
            "category": "behavioral",
            "competencies": [
                COMPETENCIES[i % len(COMPETENCIES)],
                COMPETENCIES[(i + 1) % len(COMPETENCIES)],
            ],
            "stages": ["second", "final"],
            "assesses": "Whether you act with care and own the result.",
            "tips": ["Pick a recent example.", "Quantify the result."],
            "look_fors": ["a clear task", "your own actions", "a measurable result"],
            "probes": ["What would you do differently?"],
            "answer_format": "star",
            "target_seconds": 120,
        }
        for i in range(count)
    ]
    pack = {
        "pack": prefix,
        "title": "Generated",
        "version": "1.0.0",
        "description": "Bench.",
        "questions": questions,
    }
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(pack, Dumper=dumper, sort_keys=False), encoding="utf-8")


class CpuTimes:
    """The processor time (user + system) of each run of an action's child processes: on a
    shared machine it says what a run costs better than the wall-clock time does."""

    def __init__(self, action: harness.Action) -> None:
        self.action = action
        self.times: list[float] = []

    def __call__(self) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.action()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        self.times.append(spent * 1000)


def report_cold(
    label: str, limit_ms: float, cold_run: CpuTimes, builtins: CpuTimes, runs: int
) -> None:
    """Cold runs interleaved with the built-ins, against an absolute limit, with both CPU
    times beside them."""
    cold_run.times.clear()
    builtins.times.clear()
    times = harness.interleaved({"cold": cold_run, "builtins": builtins}, runs, warmup=0)
    harness.report_absolute(label, times["cold"], limit_ms, times["builtins"])
    cpu, ref_cpu = harness.median(cold_run.times), harness.median(builtins.times)
    print(f"{'':<34} {cpu:8.1f} ms  ref {ref_cpu:8.1f} ms  of processor time (user + system)")


def cold(prep: str, env: dict[str, str], packs: list[Path], cache: Path) -> harness.Action:
    where = packs[0] if len(packs) == 1 else packs[0].parent
    listing = harness.command([prep, "--content", str(where), "content", "list"], env)

    from prepcoach.content.cache import entry_path

    entries = [entry_path(cache, pack, False) for pack in packs]

    def run() -> None:
        for entry in entries:  # the packs changed; the built-ins stay cached
            entry.unlink(missing_ok=True)
        listing()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000, help="0 skips the big pack")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    prep = harness.prep_command()
    if importlib.util.find_spec("ryml") is not None:
        loader = "rapidyaml, libyaml checking"
    else:
        loader = "libyaml" if getattr(yaml, "__with_libyaml__", False) else "pure Python"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = harness.bench_env(folder)
        env.pop("PREP_CACHE", None)
        cache = folder / "home" / "cache"
        pack, other = folder / "generated.yaml", folder / "other.yaml"
        generate(pack, args.questions)
        generate(other, args.questions, prefix="other")
        size = pack.stat().st_size / 1e6
        print(f"{args.questions} questions ({size:.1f} MB YAML, read by {loader}) + built-ins")
        builtins = harness.command([prep, "content", "list"], env)
        with_pack = harness.command([prep, "--content", str(pack), "content", "list"], env)
        with_other = harness.command([prep, "--content", str(other), "content", "list"], env)
        builtins()  # the built-ins' own entries, so that only the pack is cold
        builtins_cpu = CpuTimes(builtins)
        label = f"cold, {args.questions} questions"
        report_cold(label, 1000, CpuTimes(cold(prep, env, [pack], cache)), builtins_cpu, args.runs)
        harness.compare(f"warm, {args.questions} vs built-ins", with_pack, builtins, 1.5, args.runs)
        flip = iter(range(10**9))

        def alternate() -> None:
            (with_pack if next(flip) % 2 else with_other)()

        harness.compare("alternating two packs vs built-ins", alternate, builtins, 1.5, args.runs)
        if args.big:
            big = folder / "big"
            big.mkdir()
            parts = [big / f"part-{n}.yaml" for n in range(5)]
            for n, part in enumerate(parts):
                generate(part, args.big // len(parts), prefix=f"big{n}")
            megabytes = sum(p.stat().st_size for p in parts) / 1e6
            print(f"{args.big} questions ({megabytes:.1f} MB YAML in {len(parts)} packs)")
            big_cold = CpuTimes(cold(prep, env, parts, cache))
            runs = max(2, args.runs // 2)
            report_cold(f"cold, {args.big} questions", 10_000, big_cold, builtins_cpu, runs)
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(harness.summary())


if __name__ == "__main__":
    main()
