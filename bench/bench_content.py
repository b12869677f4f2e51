"""How fast a large question bank loads: a generated 10,000-question pack, cold and cached.

Cold: parse, validate and cross-check every file (empty cache). Cached: nothing changed, so
the merged content is read back from the cache. Each measurement runs in a fresh process and
includes the imports the load needs. Prints medians.
Usage: python bench/bench_content.py [--questions 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

COMPETENCIES = ["teamwork", "leadership", "communication", "conflict", "ownership", "quality"]

MEASURE = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from prepcoach.kernel import paths
from prepcoach.content.library import content_files, load_library
files = content_files(paths.builtin_content_dir(), None, [Path(sys.argv[1])])
library = load_library(files, cache_dir=Path(sys.argv[2]))
elapsed = (time.perf_counter() - start) * 1000
assert len(library.questions) >= int(sys.argv[3])
print(elapsed)
"""


def generate(path: Path, count: int) -> None:
    questions = [
        {
            "id": f"generated-question-{i}",
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
        "pack": "generated",
        "title": "Generated",
        "version": "1.0.0",
        "description": "Bench.",
        "questions": questions,
    }
    path.write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")


def run(pack: Path, cache: Path, count: int) -> float:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(pack), str(cache), str(count)],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ),
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "generated.yaml"
        generate(pack, args.questions)
        size = pack.stat().st_size / 1e6
        cache = Path(folder) / "cache"
        cold = []
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run(pack, cache, args.questions))
        warm = [run(pack, cache, args.questions) for _ in range(args.runs)]
    loader = "C" if getattr(yaml, "__with_libyaml__", False) else "pure Python"
    print(f"{args.questions} questions ({size:.1f} MB YAML, {loader} parser) + built-ins")
    print(f"cold (parse, validate, cross-check): median {statistics.median(cold):7.1f} ms")
    print(f"cached (nothing changed):            median {statistics.median(warm):7.1f} ms")


if __name__ == "__main__":
    main()
