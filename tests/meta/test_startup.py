"""Start-up: a run imports and builds only the command it invokes, and no pydantic on the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from prepcoach import __version__
from prepcoach.cli.app import COMMANDS

PROBE = """
import atexit, sys
def report():
    loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'typer')
                    or m.startswith('prepcoach.cli.'))
    print('LOADED ' + ' '.join(loaded + ['built:' + name for name in built]), file=sys.stderr)
atexit.register(report)
import prepcoach.cli.app as cli_app
built = []
real_build = cli_app.build_command
def counting_build(name):
    built.append(name)
    return real_build(name)
cli_app.build_command = counting_build
from prepcoach.cli.main import run
run(sys.argv[1:])
"""


def probe(home: Path, *args: str) -> tuple[int, str, set[str]]:
    env = dict(os.environ, PREP_HOME=str(home), NO_COLOR="1", COLUMNS="100")
    env.pop("PREP_CONTENT", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True
    )
    lines = done.stderr.splitlines()
    loaded = set(lines[-1].removeprefix("LOADED ").split()) if lines else set()
    return done.returncode, done.stdout + "\n".join(lines[:-1]), loaded


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["stats"],
        ["questions", "--limit", "3", "--stage", "second"],
        ["--home", "IGNORED", "history"],
        ["content", "list"],
        ["story", "list"],
    ],
)
def test_a_command_runs_without_pydantic_or_the_other_commands(
    tmp_path: Path, args: list[str]
) -> None:
    args = [str(tmp_path) if a == "IGNORED" else a for a in args]
    probe(tmp_path, *args)  # the first run fills the content cache (parsing validates)
    code, output, loaded = probe(tmp_path, *args)
    assert code == 0, output
    assert not {m for m in loaded if m.startswith("pydantic")}, "pydantic imported"
    built = {m.removeprefix("built:") for m in loaded if m.startswith("built:")}
    assert built == {next(word for word in args if word in COMMANDS)}, built


def test_version_is_answered_before_typer_is_imported(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from prepcoach.cli.main import run\n"
        "try:\n    run(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('typer')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--home", str(tmp_path), "--version"],
        capture_output=True,
        text=True,
    )
    assert done.stdout.splitlines() == [f"prep {__version__}", "[]"], done.stderr


def test_version_after_a_command_is_that_command_s_usage_error(tmp_path: Path) -> None:
    code, output, _ = probe(tmp_path, "status", "--version")
    assert code == 2 and "No such option: --version" in output


def test_help_lists_every_command(tmp_path: Path) -> None:
    code, output, loaded = probe(tmp_path, "--help")
    assert {m.removeprefix("built:") for m in loaded if m.startswith("built:")} == set(COMMANDS)
    assert code == 0
    rows = output.split("Commands:")[1].splitlines()
    listed = {row.split()[0] for row in rows if row.startswith("  ") and row[2] != " "}
    assert listed == set(COMMANDS)


def test_an_unknown_command_still_gets_did_you_mean(tmp_path: Path) -> None:
    code, output, loaded = probe(tmp_path, "pratice")
    assert code == 2 and "Did you mean 'practice'?" in output
    assert not {m for m in loaded if m.endswith("_cmd") or m.startswith("built:")}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x", "Input should be a valid integer, unable to parse string as an integer"),
        ("2.5", "Input should be a valid integer, unable to parse string as an integer"),
        ("0", "Input should be greater than or equal to 1"),
    ],
)
def test_bad_numbers_read_as_before(tmp_path: Path, value: str, message: str) -> None:
    code, output, _ = probe(tmp_path, "questions", "--limit", value)
    assert code == 2
    assert f"Invalid value for '--limit': {message}" in output


def test_a_number_with_spaces_and_a_list_of_paths_convert(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: tiny\ntitle: Tiny\nversion: 1.0.0\ndescription: A test pack.\nquestions: []\n",
        encoding="utf-8",
    )
    code, output, _ = probe(tmp_path, "--content", str(pack), "content", "list")
    assert code == 0 and "tiny" in output, output
    code, output, _ = probe(tmp_path, "questions", "--limit", " 2", "--json")
    assert code == 0 and output.count('"id"') >= 2, output


FIRST_SCREEN = """
import os, sys
import questionary.question

def first_prompt(self, *args, **kwargs):
    loaded = sorted(m for m in sys.modules if m.split('.')[0] in HEAVY or m in LATER)
    sys.stdout.write('\\nLOADED ' + ' '.join(loaded) + '\\n')
    sys.stdout.flush()
    os._exit(0)

HEAVY = {'yaml', 'simplemma', 'rapidfuzz', 'pydantic', 'fsrs'}
LATER = {'prepcoach.practice.feedback', 'prepcoach.kit.core', 'prepcoach.stories.core',
         'prepcoach.kernel.text', 'rich._emoji_codes',
         'prepcoach.content.search', 'prepcoach.content.validation'}
questionary.question.Question.unsafe_ask = first_prompt
from prepcoach.cli.main import run
run(sys.argv[1:])
"""


@pytest.mark.parametrize("args", [["practice", "--mode", "quick"], ["practice"]])
def test_practice_shows_its_first_screen_before_feedback_or_yaml_load(
    tmp_path: Path, args: list[str]
) -> None:
    """The first question (or the menu) is on screen before the feedback engine, the kit,
    the story bank, YAML, the lemma dictionary or the scheduler are imported: all wait for
    the first answer."""
    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, PREP_HOME=str(tmp_path), NO_COLOR="1", TERM="xterm")
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.pop("PREP_CONTENT", None)
    subprocess.run(  # the content cache, as after the first run
        [sys.executable, "-m", "prepcoach", "content", "list"], env=env, capture_output=True
    )
    child = pexpect.spawn(
        sys.executable, ["-c", FIRST_SCREEN, *args], env=env, encoding="utf-8", timeout=60
    )
    child.expect(r"LOADED ([^\r\n]*)")
    loaded = child.match.group(1).split()
    child.expect(pexpect.EOF)
    assert loaded == [], loaded
