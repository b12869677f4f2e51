"""How long the text handling outside feedback takes on hostile input: 100,000 characters of
one run (spaces, punctuation, brackets, braces, repeated words), goal under 50 ms each.

Each target is timed on the run and, interleaved, on ordinary prose of the same length (the
`ref` beside it), which shows what the run costs beyond its length.
Usage: python bench/bench_input.py [--runs 5] [--size 100000]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

RUNS = {
    "spaces": " ",
    "'Sam <' and spaces": " ",
    "question marks": "?",
    "braces": "{{",
    "brackets": "[",
    "tags": "<a ",
    "numbering": "1.",
    "repeated words": "please tell me ",
}
PROSE = "I met the team, agreed on a plan and we shipped two weeks early. "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    from datetime import UTC, datetime

    from prepcoach.content.library import content_files, load_library
    from prepcoach.content.markdown_import import parse_markdown_questions
    from prepcoach.followup import checks
    from prepcoach.followup.core import parse_recipient
    from prepcoach.interviews.core import parse_when
    from prepcoach.kernel import paths
    from prepcoach.postmortem import match

    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    moment = datetime(2026, 3, 2, tzinfo=UTC)
    targets: dict[str, Callable[[str], object]] = {
        "markdown import": parse_markdown_questions,
        "follow-up recipient": parse_recipient,
        "follow-up placeholders": lambda text: list(checks.PLACEHOLDER_RE.finditer(text)),
        "interview time": lambda text: parse_when(text, moment),
        "post-mortem competencies": lambda text: match.likely_competencies(text, library),
    }

    def quietly(action: Callable[[str], object], text: str) -> harness.Action:
        def run() -> None:
            try:
                action(text)
            except Exception:  # a refusal is fine; only the time counts
                pass

        return run

    prose = (PROSE * (args.size // len(PROSE) + 1))[: args.size]
    for name, action in targets.items():
        for label, unit in RUNS.items():
            head = "Sam <" if label.startswith("'Sam") else ""
            text = head + unit * (args.size // len(unit))
            times = harness.interleaved(
                {"run": quietly(action, text), "prose": quietly(action, prose)}, args.runs
            )
            harness.report_absolute(f"{name}: {label}", times["run"], 50, times["prose"])
    sys.exit(harness.summary())


if __name__ == "__main__":
    main()
