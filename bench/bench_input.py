"""How long the text handling takes on hostile input: 100,000 characters of one run (spaces,
punctuation, brackets, braces, repeated words), goal under 50 ms each: the text module that
feedback reads answers with (sentences, words, tokens, clauses) and every other reader of
typed text. Then how soon Ctrl-C stops the feedback on such input (goal under 100 ms).

Each target is timed on the run and, interleaved, on ordinary prose of the same length (the
`ref` beside it), which shows what the run costs beyond its length. The times are processor
time: the work is done in this process, and another job on a shared machine would stretch
the wall-clock time of a 10 ms call several-fold (Ctrl-C is timed on the clock).
Usage: python bench/bench_input.py [--runs 5] [--size 100000]
"""

from __future__ import annotations

import argparse
import select
import signal
import subprocess
import sys
import time
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
    from prepcoach.kernel import text as kt
    from prepcoach.postmortem import match

    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    moment = datetime(2026, 3, 2, tzinfo=UTC)
    kt.lemma("warm")  # the lemma dictionary loads once, at the first answer
    targets: dict[str, Callable[[str], object]] = {
        "text: sentences": kt.sentences,
        "text: words": kt.words,
        "text: tokens": kt.tokens,
        "text: clauses": kt.clauses,
        "markdown import": parse_markdown_questions,
        "follow-up recipient": parse_recipient,
        "follow-up placeholders": lambda text: list(checks.PLACEHOLDER_RE.finditer(text)),
        "interview time": lambda text: parse_when(text, moment),
        "post-mortem competencies": lambda text: match.likely_competencies(text, library),
    }

    def quietly(action: Callable[[str], object], text: str) -> harness.Action:
        def run() -> float:
            start = time.process_time()
            try:
                action(text)
            except Exception:  # a refusal is fine; only the time counts
                pass
            return (time.process_time() - start) * 1000

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
    for label, unit in {"punctuation": "a.b,c;", "brackets": "((a ", "commas": "x, "}.items():
        text = ("I led the team. " + unit * args.size)[: args.size]
        times = harness.interleaved(
            {"run": lambda text=text: ctrl_c_ms(text), "prose": lambda: ctrl_c_ms(prose)},
            max(3, args.runs // 2),
            warmup=0,
        )
        harness.report_absolute(f"Ctrl-C in feedback: {label}", times["run"], 100, times["prose"])
    sys.exit(harness.summary())


# Judges one answer over and over until interrupted; says when it has started and stopped.
FEEDBACK_LOOP = r"""
import sys
from prepcoach.content.library import content_files, load_library
from prepcoach.kernel import paths
from prepcoach.practice.feedback import analyse

library = load_library(content_files(paths.builtin_content_dir(), None, []))
question = next(q for q in library.questions.values() if q.answer_format == "star")
template = library.star_template_for(question)
text = sys.stdin.read()
analyse(question, text, template)
print("ready", flush=True)
try:
    while True:
        analyse(question, text, template)
except KeyboardInterrupt:
    print("stopped", flush=True)
"""


def ctrl_c_ms(text: str) -> float:
    """Milliseconds from SIGINT, sent while the feedback runs on `text`, to its loop saying it
    stopped."""
    child = subprocess.Popen(
        [sys.executable, "-c", FEEDBACK_LOOP],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(text)
    child.stdin.close()
    if child.stdout.readline().strip() != "ready":
        raise SystemExit("the feedback loop did not start")
    time.sleep(0.2)
    sent = time.perf_counter()
    child.send_signal(signal.SIGINT)
    ready, _, _ = select.select([child.stdout], [], [], 10)  # until it says it stopped
    stopped = time.perf_counter()
    said = child.stdout.readline() if ready else ""
    child.kill()
    child.wait()
    if not ready:
        return 10_000.0
    if said.strip() != "stopped":
        raise SystemExit("the feedback loop did not stop on Ctrl-C")
    return (stopped - sent) * 1000


if __name__ == "__main__":
    main()
