"""Time from the first answer of a practice session to its feedback, in a real terminal.

The first feedback needs the question bank (what the answer is judged against) and the
lemma dictionary; practice loads both while the first question is on screen. The reference
is the same session with that warm-up switched off, so that both are built on the first
answer; the runs alternate. The person reads the question for two seconds before answering.

Run with: python bench/bench_first_feedback.py [runs]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

ANSWER = (
    "I owned the churn report; it slipped a week when an export changed. I told my director "
    "the same day, rebuilt the load and added a freshness check: nothing has slipped since."
)
# prep as the console script starts it; with "off", without the warm-up
RUN = """
import sys
if sys.argv[1] == "off":
    from prepcoach.practice.session import PracticeRun
    PracticeRun._warm_up = lambda self: None
from prepcoach.cli.main import run
run(sys.argv[2:])
"""
GOAL = 0.5  # the first feedback in at most half the time it takes without the warm-up


def first_feedback(env: dict[str, str], warm: bool) -> harness.Action:
    import pexpect

    def run() -> float:
        child = pexpect.spawn(
            sys.executable,
            ["-c", RUN, "on" if warm else "off", "practice", "-q", "missed-commitment"],
            env=env,
            encoding="utf-8",
            timeout=60,
            dimensions=(40, 120),
        )
        child.expect("How do you want")
        time.sleep(2.0)  # reading the question
        child.send("f")
        child.expect("Your answer")
        child.send(ANSWER)
        start = time.perf_counter()
        child.send("\x1b\r")  # Esc, Enter: the answer is given
        child.expect("Score")
        elapsed = (time.perf_counter() - start) * 1000
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        return elapsed

    return run


def main(runs: int = 5) -> int:
    with tempfile.TemporaryDirectory() as folder:
        env = harness.bench_env(Path(folder), TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
        harness.command([harness.prep_command(), "content", "list"], env)()  # the cache
        harness.compare(
            "first answer to its feedback",
            first_feedback(env, warm=True),
            first_feedback(env, warm=False),
            GOAL,
            runs,
        )
    return harness.summary()


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
