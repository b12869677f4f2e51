"""How fast `prep` starts, each command against a bare Typer app doing the same amount of parsing.

The reference is a bare Typer app in this same environment whose one command takes five typed
options and is invoked with all five; every prep command should start within 1.1x of it.
`prep --version` is measured against `python -c pass` (goal 2x), and `prep practice` to its
first screen against a bare questionary + rich flow to its first prompt (goal 1.2x; needs
pexpect). Runs alternate ours/reference; medians are compared.
Usage: python bench/bench_startup.py [--runs 15] [--only status,stats]
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

BARE_APP = '''
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.command()
def run(
    name: Annotated[str, typer.Option()] = "x",
    count: Annotated[int, typer.Option()] = 1,
    ratio: Annotated[float, typer.Option()] = 0.5,
    where: Annotated[Path | None, typer.Option()] = None,
    loud: Annotated[bool, typer.Option()] = False,
) -> None:
    """Run."""
    typer.echo(f"{name} {count} {ratio} {where} {loud}")


app()
'''
BARE_ARGS = ["--name", "a", "--count", "2", "--ratio", "0.3", "--where", "/tmp", "--loud"]

BARE_FLOW = """
import questionary
from rich.console import Console
from rich.panel import Panel

Console().print(Panel("Quick practice: 3 questions", title="prep"))
questionary.select("Question 1 of 3", choices=["Answer", "Skip", "Quit"]).ask()
"""

COMMANDS = [
    [],
    ["--help"],
    ["status"],
    ["stats"],
    ["history"],
    ["questions", "--stage", "second"],
    ["questions", "--search", "conflict"],
    ["content", "list"],
    ["content", "validate"],
    ["story", "list"],
    ["interview", "list"],
    ["doctor"],
    ["sheet", "--help"],
    ["practice", "--help"],
]


def first_screen(cmd: list[str], env: dict[str, str], expect: str) -> harness.Action:
    """From spawning `cmd` in a terminal to `expect` drawn on it: the time counted stops
    there, before the process is stopped (the teardown is nobody's wait, and a stop that
    saves drafts would otherwise count against prep)."""
    import pexpect

    def run() -> float:
        start = time.perf_counter()
        child = pexpect.spawn(
            cmd[0], cmd[1:], env=env, encoding="utf-8", timeout=20, dimensions=(40, 100)
        )
        child.expect(expect)
        drawn = (time.perf_counter() - start) * 1000
        child.kill(signal.SIGKILL)
        child.close(force=True)
        return drawn

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default="", help="comma-separated command names to time")
    args = parser.parse_args()
    prep = harness.prep_command()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = harness.bench_env(folder)
        bare = folder / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        reference = harness.command([sys.executable, str(bare), *BARE_ARGS], env)
        harness.command([prep, "content", "validate"], env)()  # the content cache, once
        only = {word for word in args.only.split(",") if word}
        for words in COMMANDS:
            if only and not (only & set(words or ["prep"])):
                continue
            harness.compare(
                " ".join(["prep", *words]),
                harness.command([prep, *words], env),
                reference,
                goal=1.10,
                runs=args.runs,
            )
        if not only or "version" in only:
            harness.compare(
                "prep --version vs python -c pass",
                harness.command([prep, "--version"], env),
                harness.command([sys.executable, "-c", "pass"], env),
                goal=2.0,
                runs=args.runs,
            )
        if not only or "practice" in only:
            try:
                import pexpect  # noqa: F401
            except ImportError:
                print("prep practice first screen: skipped (pip install pexpect)")
                return
            flow = folder / "flow.py"
            flow.write_text(BARE_FLOW, encoding="utf-8")
            tty_env = dict(env, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
            harness.compare(
                "prep practice to first screen",
                first_screen([prep, "practice", "--mode", "quick"], tty_env, "arrow keys"),
                first_screen([sys.executable, str(flow)], tty_env, "arrow keys"),
                goal=1.20,
                runs=args.runs,
            )
    sys.exit(harness.summary())


if __name__ == "__main__":
    main()
