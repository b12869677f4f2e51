"""Records are defined with the method code kept from an earlier run, and are the same records."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from prepcoach.kernel import classcode

RECORD = """
import dataclasses, inspect, sys
from dataclasses import dataclass, field
from prepcoach.kernel import classcode
if sys.argv[1] != "-":
    classcode.keep(__import__("pathlib").Path(sys.argv[1]))

@dataclass(frozen=True, slots=True, order=True)
class Point:
    x: int
    y: int = 2
    tags: tuple[str, ...] = ()
    seen: list[int] = field(default_factory=list, compare=False, repr=False)

p = Point(1)
print(repr(p), p == Point(1, 2), p < Point(1, 3), hash(p) == hash(Point(1)))
print(inspect.signature(Point), inspect.get_annotations(Point.__init__))
try:
    p.x = 3
except dataclasses.FrozenInstanceError as error:
    print("frozen", error)
print(Point(1).seen is not Point(1).seen, dataclasses.replace(p, y=5))
import prepcoach.content.model, prepcoach.practice.session  # the records prep starts with
print("compiled", classcode.compiled(), file=sys.stderr)
classcode.save()  # as a run that went well does at its end
"""


def define(folder: Path | str) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", RECORD, str(folder)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PREP_HOME"},
        check=True,
    )
    compiled = int(done.stderr.split("compiled ")[-1])
    return done.stdout, compiled


def test_a_second_run_compiles_no_record_method_and_defines_the_same_records(
    tmp_path: Path,
) -> None:
    plain, _ = define("-")
    first, compiled_first = define(tmp_path)
    again, compiled_again = define(tmp_path)
    assert compiled_first > 50  # prep's own records, and this one
    assert compiled_again == 0
    assert plain == first == again
    assert "{'x': <class 'int'>" in plain  # annotations as dataclasses makes them: no strings


def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    plain, _ = define("-")
    define(tmp_path)
    kept = classcode.file_in(tmp_path)
    data = kept.read_bytes()
    for damaged in (data[: len(data) // 2], data[:-1] + b"x", b"\0" * 24 + data[24:], b""):
        kept.write_bytes(damaged)
        output, compiled = define(tmp_path)
        assert output == plain and compiled > 50
        assert kept.read_bytes() == data  # written again, whole


def test_no_folder_no_file(tmp_path: Path) -> None:
    define(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()


def test_prep_keeps_the_code_in_the_home_s_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = dict(os.environ, PREP_HOME=str(home))
    env.pop("PREP_CACHE", None)
    for _ in range(2):  # the first run makes the cache folder (the content is cached there)
        command = [sys.executable, "-m", "prepcoach", "content", "list"]
        subprocess.run(command, env=env, check=True, capture_output=True)
    assert classcode.file_in(home / "cache").stat().st_mode & 0o077 == 0


def test_the_code_is_kept_once_the_first_prompt_waits(tmp_path: Path) -> None:
    """A practice stopped by closing the terminal at its first question never exits
    normally: its records' code is kept all the same, when the first prompt waits."""
    pexpect = pytest.importorskip("pexpect")
    home = tmp_path / "home"
    env = dict(os.environ, PREP_HOME=str(home), TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("PREP_CACHE", None)
    env.pop("PREP_CONTENT", None)
    subprocess.run(
        [sys.executable, "-m", "prepcoach", "content", "list"],
        env=env,
        check=True,
        capture_output=True,
    )
    kept = classcode.file_in(home / "cache")
    listed = _texts(kept)
    child = pexpect.spawn(sys.executable, ["-m", "prepcoach", "practice"], env=env, timeout=60)
    child.expect("arrow keys")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert _texts(kept) > listed  # the session's records too


def _texts(path: Path) -> set[str]:
    import marshal

    return set(marshal.loads(path.read_bytes()[28:]))


def test_a_folder_that_cannot_be_written_costs_nothing_but_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setitem(classcode._state, "path", tmp_path / "classcode.bin")
    monkeypatch.setitem(classcode._state, "new", 1)
    monkeypatch.setattr(classcode.os, "open", refused)
    monkeypatch.setattr(Path, "unlink", refused)
    classcode.save()  # no error
    assert not (tmp_path / "classcode.bin").exists()
