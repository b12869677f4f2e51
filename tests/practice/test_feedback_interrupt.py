"""Ctrl-C stops the feedback at once, even on 100,000 characters of hostile text: no step of
it swallows the interrupt or holds the interpreter in a library call that does not look for
signals."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

# Judges one hostile answer over and over until interrupted; says when it has started.
CHILD = r"""
import sys
from prepcoach.content.library import content_files, load_library
from prepcoach.kernel import paths
from prepcoach.practice.feedback import analyse

library = load_library(content_files(paths.builtin_content_dir(), None, []))
question = next(q for q in library.questions.values() if q.answer_format == "star")
template = library.star_template_for(question)
text = ("I led the team. " + sys.argv[1] * 100_000)[:100_000]
analyse(question, text, template)
print("ready", flush=True)
try:
    while True:
        analyse(question, text, template)
except KeyboardInterrupt:
    print("stopped", flush=True)
"""


def ctrl_c_latency(unit: str) -> float:
    """Seconds from SIGINT to the end of the feedback loop (5 or more: it went on)."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, unit], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.2)  # well inside a run of the feedback
        sent = time.perf_counter()
        child.send_signal(signal.SIGINT)
        try:
            said, _ = child.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            return 5.0
        assert said.strip() == "stopped"
        return time.perf_counter() - sent
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize("unit", ["a.b,c;", "((a ", "x, "])
def test_ctrl_c_stops_feedback_on_hostile_text_at_once(unit: str) -> None:
    # Measured at a few milliseconds; a loaded machine may take a moment to deliver it.
    assert ctrl_c_latency(unit) < 1.0, unit
