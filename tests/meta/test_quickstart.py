"""The quick start of `prep practice`: the same session, errors and exit codes as typer gives,
byte for byte in a real terminal, without importing typer; anything else is left to typer."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from prepcoach.cli import quickstart

QUESTION = "team-success-contribution"

# `prep ARGS` as the console script runs it; with TYPER_ONLY the quick start is skipped, so
# typer reads the command line. The modules loaded are printed last, when prep exits.
ENTRY = """
import atexit, os, sys
if os.environ.get("TYPER_ONLY"):
    from prepcoach.cli import quickstart
    quickstart.start = lambda args: None
if os.environ.get("PRESSED_EARLY"):  # pressed while the content loads, before any prompt
    from prepcoach.cli.practice import practice_flow
    def pressed(*args, **kwargs):
        raise {"c": KeyboardInterrupt, "d": EOFError}[os.environ["PRESSED_EARLY"]]
    practice_flow.settle = pressed
def report():
    typer = sorted(m for m in sys.modules if m.split('.')[0] == 'typer')
    sys.stdout.write('\\nTYPER ' + str(len(typer)) + '\\n')
atexit.register(report)
from prepcoach.cli.main import run
run(sys.argv[1:])
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home whose content cache is filled, copied afresh for every run."""
    home = tmp_path_factory.mktemp("template")
    env = dict(os.environ, PREP_HOME=str(home))
    env.pop("PREP_CONTENT", None)
    subprocess.run(
        [sys.executable, "-m", "prepcoach", "content", "list"], env=env, capture_output=True
    )
    return home


def in_terminal(
    template: Path,
    home: Path,
    args: list[str],
    keys: list[tuple[str, str]],
    typer_only: bool,
    **extra: str,
) -> tuple[bytes, int | None, bool]:
    """Everything `prep ARGS` draws in a terminal while `keys` are pressed (each once its
    prompt text shows), its exit status, and whether typer was imported."""
    pexpect = pytest.importorskip("pexpect")
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template, home)
    env = dict(os.environ, PREP_HOME=str(home), TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("PREP_CONTENT", None)
    env.pop("PREP_DEBUG", None)
    env.update(extra)
    if typer_only:
        env["TYPER_ONLY"] = "1"
    seen = io.BytesIO()
    child = pexpect.spawn(
        sys.executable, ["-c", ENTRY, *args], env=env, timeout=60, dimensions=(40, 100)
    )
    child.logfile_read = seen
    for expected, key in keys:
        child.expect(expected)
        child.send(key)
    child.expect(pexpect.EOF)
    child.close()
    drawn, _, typer = seen.getvalue().rpartition(b"\r\nTYPER ")
    status = child.exitstatus if child.signalstatus is None else -child.signalstatus
    return drawn, status, int(typer.split()[0]) > 0


QUIT = [("arrow keys", "q")]  # at the first question: end the session
CTRL_C = [("arrow keys", "\x03")]


@pytest.mark.parametrize(
    ("args", "keys", "code"),
    [
        (["practice", "-q", QUESTION], QUIT, 0),
        (["practice", "--question", QUESTION, "--count=2", "--probes", "0"], QUIT, 0),
        (["practice", "-q", QUESTION], CTRL_C, 130),
        (["--no-color", "practice", "-q", QUESTION, "-q", "tell-me-about-yourself"], QUIT, 0),
        (["practice", "-q", "no-such-question"], [], 1),
        (["practice", "--stage", "final", "--category", "behavioral", "-n", "1"], QUIT, 0),
    ],
)
def test_the_quick_start_shows_what_typer_shows(
    template: Path, tmp_path: Path, args: list[str], keys: list[tuple[str, str]], code: int
) -> None:
    home = tmp_path / "home"
    by_typer, typer_code, _ = in_terminal(template, home, args, keys, typer_only=True)
    quick, quick_code, typer_loaded = in_terminal(template, home, args, keys, typer_only=False)
    assert not typer_loaded, "the quick start imported typer"
    assert (quick_code, typer_code) == (code, code), quick.decode(errors="replace")
    assert quick == by_typer


@pytest.mark.parametrize("key", ["c", "d"])  # Ctrl-C, and Ctrl-D (an end of input)
def test_an_interrupt_before_the_first_prompt_is_told_once_either_way(
    template: Path, tmp_path: Path, key: str
) -> None:
    home = tmp_path / "home"
    args = ["practice", "-q", QUESTION]
    by_typer, typer_code, _ = in_terminal(template, home, args, [], True, PRESSED_EARLY=key)
    quick, quick_code, _ = in_terminal(template, home, args, [], False, PRESSED_EARLY=key)
    assert quick_code == typer_code == 130
    assert quick == by_typer
    assert quick.count(b"Interrupted: nothing was saved.") == 1, quick


@pytest.mark.parametrize(
    "args",
    [
        ["practice", "--mode", "bogus"],  # typer says what is allowed
        ["practice", "--competency", "conflikt"],  # with a did-you-mean from the content
        ["practice", "-q", QUESTION, "--mode", "quick"],  # they do not go together
        ["practice", "--count", "0"],
        ["practice", "--colour"],
    ],
)
def test_what_the_quick_start_cannot_run_typer_reads_as_before(
    template: Path, tmp_path: Path, args: list[str]
) -> None:
    home = tmp_path / "home"
    by_typer, typer_code, _ = in_terminal(template, home, args, [], typer_only=True)
    quick, quick_code, typer_loaded = in_terminal(template, home, args, [], typer_only=False)
    assert typer_loaded
    assert quick_code == typer_code == 2
    assert quick == by_typer


def test_it_reads_the_plain_forms_as_typer_does() -> None:
    read = quickstart.read(
        ["--home", "/h", "--content=/c", "--content", "/d", "--no-color", "practice"]
        + ["-m", "quick", "--count=3", "-n", "7", "--resume", "--speak", "--probes", "2"]
        + ["--category", "behavioral", "--stage=first", "-i", "acme", "--role", "sales"]
    )
    assert read == quickstart.Practice(
        home="/h",
        content=["/c", "/d"],
        no_color=True,
        mode="quick",
        count=7,  # the last one given, as click takes it
        resume=True,
        speak=True,
        probes=2,
        category="behavioral",
        stage="first",
        interview="acme",
        role="sales",
    )
    assert quickstart.read(["practice", "-q", "a", "--question=b", "-q", "a"]) == (
        quickstart.Practice(question=["a", "b", "a"])
    )
    assert quickstart.read(["practice"]) == quickstart.Practice()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["status"],
        ["practice", "--help"],
        ["practice", "-h"],
        ["practice", "--json"],
        ["practice", "--answers", "a.yaml"],
        ["practice", "--audio", "a.wav"],
        ["practice", "extra"],
        ["practice", "--"],
        ["practice", "-mquick"],  # click reads these; not worth reading here
        ["practice", "-m=quick"],
        ["practice", "--mode"],
        ["practice", "--mode", "--resume"],
        ["practice", "--mode="],
        ["practice", "--count", "51"],
        ["practice", "--count", "+3"],
        ["practice", "--count", " 3"],
        ["practice", "--count", "٣"],
        ["practice", "--probes", "4"],
        ["practice", "--resume=yes"],
        ["practice", "--mod", "quick"],
        ["practice", "--home", "/h"],  # a global option after the command
        ["--debug=1", "practice"],
        ["--version", "practice"],
        ["practice", "practice"],
        ["practice", "-q", "a", "--format", "second-round"],
    ],
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert quickstart.read(args) is None


def test_without_a_terminal_typer_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from prepcoach.cli import prompts

    monkeypatch.setattr(prompts, "stdin_is_terminal", lambda: False)
    quickstart.start(["practice"])  # returns: typer is to run it
    monkeypatch.setattr(prompts, "stdin_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "dumb")
    quickstart.start(["practice"])
