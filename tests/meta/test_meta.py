"""Project-wide promises: every command has help, bundled content validates, the wheel ships
the content, and `prep --help` stays light."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import typer

from prepcoach import __version__
from prepcoach.cli.app import app
from prepcoach.content.library import check_files, content_files
from prepcoach.kernel import paths
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[tuple[str, ...]]:
    """Every command path, e.g. ('content', 'validate')."""
    found: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                walk(child, (*path, name))
        elif path:
            found.append(path)

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _commands()


def test_the_main_commands_are_there() -> None:
    names = {path[0] for path in COMMANDS}
    assert {"practice", "history", "stats", "questions", "content"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p))
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    summary = result.output.split("Usage:", 1)[1].split("\n\n", 2)[1].strip()
    assert len(summary) > 15, f"'{' '.join(path)}' needs a one-line description"


def test_the_top_level_help_gives_an_example_for_each_command() -> None:
    output = invoke("--help").output
    listing = output.split("Commands:", 1)[1]
    top = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name, command in top.items():
        if command.hidden:
            continue
        help_text = command.get_short_help_str(limit=200)
        assert "prep " in help_text, f"'{name}' has no example in its one-line help"
        assert name in listing


def test_every_bundled_pack_validates() -> None:
    files = content_files(paths.builtin_content_dir(), None, [])
    library, problems = check_files(files)
    assert [str(p) for p in problems] == []
    assert len(library.questions) >= 150
    assert len(library.ask_questions) >= 40
    assert len(library.star_templates) >= 5
    assert len(library.formats) >= 3
    for competency in library.competencies:
        assert len(library.filter_questions(competency=competency)) >= 5, competency
    for question in library.questions.values():
        assert question.assesses and question.tips and question.look_fors, question.id
    for role in library.roles:
        own = [q for q in library.questions.values() if role in q.roles]
        assert len(own) >= 8, role
    categories = {q.category for q in library.ask_questions.values()}
    assert len(categories) >= 6


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "prepcoach", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and out.stdout.strip() == f"prep {__version__}"


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from prepcoach.cli.main import run\n"
        "try:\n    run(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'yaml', 'pydantic', 'questionary', 'jinja2', 'rapidfuzz', 'fsrs', 'sqlite3',"
        " 'prompt_toolkit', 'rich', 'simplemma', 'prepcoach.kernel.text',"
        " 'prepcoach.practice.feedback', 'numpy', 'webrtcvad', 'pocketsphinx', 'sounddevice',"
        " 'soundfile', 'prepcoach.voice', 'prepcoach.cli.practice.voice'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_wheel_ships_the_content_and_finds_it(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("prepcoach-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    bundled = {
        f"prepcoach/_content/{p.relative_to(ROOT / 'content').as_posix()}"
        for p in (ROOT / "content").rglob("*.yaml")
    }
    assert bundled and bundled <= names
    code = (
        "from prepcoach.kernel import paths\n"
        "from prepcoach.content.library import content_files, load_library\n"
        "d = paths.builtin_content_dir()\n"
        "lib = load_library(content_files(d, None, []))\n"
        "print(d)\nprint(len(lib.questions))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    where, count = out.stdout.split()
    assert Path(where) == tmp_path / "site" / "prepcoach" / "_content"
    assert int(count) >= 150


def test_the_source_tree_finds_the_same_content_as_an_editable_install() -> None:
    assert paths.builtin_content_dir() in {
        ROOT / "content",
        Path(paths.__file__).parents[1] / "_content",
    }
