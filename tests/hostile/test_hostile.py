"""Hostile and odd input through the real `prep`: every one is refused in one clear line,
in bounded time and memory, and leaves the home, the folders outside it and the given files
as they were. Files are generated here; none is committed."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.hostile.world import World

PACK = """\
pack: hostile
title: Hostile
version: "1"
description: A pack made to test limits.
"""
QUESTION = """\
questions:
  - id: hostile-q1
    text: {text}
    category: behavioral
    assesses: Adapting to change.
"""


def laughs(levels: int = 9) -> str:
    """A billion laughs: each anchor is nine of the one before."""
    lines = ['probes: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"x{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def answers_file(text: str) -> str:
    return f"answers:\n  - style: free\n    rating: 3\n    text: {text}\n"


def fifo(world: World, name: str) -> Path:
    path = world.work / name
    os.mkfifo(path)
    return path


def sparse(world: World, name: str, size: int = 1 << 30) -> Path:
    path = world.work / name
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


# ---------------------------------------------------------------------------- loading


def test_a_billion_laughs_in_a_pack_is_refused_at_once(world: World) -> None:
    pack = world.write("laughs.yaml", PACK + laughs())
    world.check(
        "content", "validate", str(pack), expect=r"aliases are not allowed in content packs"
    )
    world.check("--content", str(pack), "questions", expect=r"laughs\.yaml:\d+:\d+: aliases")


def test_an_alias_inside_a_valid_question_is_refused(world: World) -> None:
    text = PACK + QUESTION.format(text="&t Tell me about a time you changed a plan?")
    text += "    tips: [*t, *t]\n"
    pack = world.write("alias.yaml", text)
    world.check("content", "validate", str(pack), expect=r"alias\.yaml:\d+:\d+: aliases are not")


def test_aliases_in_answers_files_are_refused(world: World) -> None:
    answers = world.write("answers.yaml", "answers:\n" + laughs())
    world.check(
        "practice",
        "--mode",
        "quick",
        "--answers",
        str(answers),
        expect="aliases are not allowed in answers files",
    )
    world.check(
        "postmortem",
        "acme",
        "--answers",
        str(answers),
        expect="aliases are not allowed in answers files",
    )


def test_deep_nesting_is_refused(world: World) -> None:
    pack = world.write("deep.yaml", PACK + "x: " + "[" * 200 + "]" * 200 + "\n")
    world.check("content", "validate", str(pack), expect=r"deep\.yaml:5:\d+: .*nested too deeply")
    deeper = world.write("deeper.yaml", PACK + "x: " + "[" * 50_000 + "]" * 50_000 + "\n")
    world.check("content", "validate", str(deeper), expect="maximum nesting depth")
    answers = world.write("deep-answers.yaml", "answers: " + "{a: " * 3000 + "1" + "}" * 3000)
    world.check(
        "practice", "--mode", "quick", "--answers", str(answers), expect="nested too deeply"
    )


def test_a_sparse_gigabyte_is_refused_without_reading_it(world: World) -> None:
    pack = sparse(world, "huge.yaml")
    world.check(
        "content", "validate", str(pack), expect=r"too large: a content pack may hold at most 20 MB"
    )
    # An import reads its file row by row, so it has no size limit: a terabyte of nothing is
    # refused at its first byte.
    started = time.monotonic()
    world.check("import", str(sparse(world, "huge.json", 1 << 40)), expect="control character")
    assert time.monotonic() - started < 10


def test_devices_and_fifos_are_refused_before_reading(world: World) -> None:
    world.check("--content", "/dev/zero", "questions", expect="'/dev/zero' is not a regular file")
    world.check("practice", "--answers", "/dev/zero", expect="'/dev/zero' is not a regular file")
    world.check(
        "practice", "--answers", "/dev/stdin", stdin=b"answers: []\n", expect="not a regular file"
    )
    world.check("content", "validate", str(fifo(world, "pack.yaml")), expect="not a regular file")
    world.check("practice", "--answers", str(fifo(world, "a.yaml")), expect="not a regular file")
    world.check("content", "import", "/dev/zero", expect="not a regular file")


def test_an_endless_stdin_is_cut_at_the_limit(world: World) -> None:
    with open("/dev/zero", "rb") as zero:
        world.check("practice", "--answers", "-", stdin=zero, expect="piped to stdin is too large")


def test_nul_bytes_and_invalid_utf8_are_clear_errors(world: World) -> None:
    nul = world.write("nul.yaml", PACK.encode() + b"questions: [\x00]\n")
    world.check("content", "validate", str(nul), expect=r"nul\.yaml:\d+:\d+: .*(#x0000|U\+0000)")
    latin = world.write("latin.yaml", PACK.encode() + "title: caf\xe9\n".encode("latin-1"))
    world.check("content", "validate", str(latin), expect=r"not UTF-8 text \(line 5\)")


def test_symbolic_link_loops_are_clear_errors(world: World) -> None:
    loop = world.work / "loop.yaml"
    loop.symlink_to(loop)
    world.check("--content", str(loop), "questions", expect="looping symbolic link")
    folder = world.work / "packs"
    folder.mkdir()
    (folder / "self").symlink_to(folder)  # a folder that contains itself
    (folder / "ring.yaml").symlink_to(folder / "ring.yaml")
    (folder / "bad.yaml").write_text(PACK + laughs(3), encoding="utf-8")
    world.check("--content", str(folder), "questions", expect="aliases are not allowed")


def test_a_folder_of_ten_thousand_packs_is_refused(world: World) -> None:
    folder = world.work / "many"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"p{n:05}.yaml").write_text(f"pack: p{n}\n", encoding="utf-8")
    world.check("--content", str(folder), "questions", expect="holds more than 1,000 pack files")


def test_a_huge_line_and_a_huge_answer_are_refused_without_echoing_them(world: World) -> None:
    pack = world.write("long.yaml", PACK + QUESTION.format(text="Why " + "very " * 40_000 + "?"))
    world.check("content", "validate", str(pack), expect=r"text of 200,005 characters is too long")
    answers = world.write("long-answers.yaml", answers_file("x" * 1_500_000))
    world.check("practice", "--answers", str(answers), expect="is too long .at most 1,000,000")


# ---------------------------------------------------------------------------- terminal


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("clear", r"\e[2J", "U+001B"),
        ("clipboard", r"\e]52;c;ZWNobyBoaQ==\a", "U+001B"),
        ("csi", r"\x9b2J", "U+009B"),
        ("return", r"\rOverwritten", "U+000D"),
    ],
)
def test_control_characters_in_content_are_refused(
    world: World, name: str, value: str, code: str
) -> None:
    text = QUESTION.format(text=f'"Tell me about a time {value} you changed a plan?"')
    pack = world.write(f"{name}.yaml", PACK + text)
    world.check(
        "content",
        "validate",
        str(pack),
        expect=rf"{name}\.yaml:7:11: control character {re.escape(code)} is not allowed",
    )


def test_terminal_escapes_in_an_answers_file_are_refused(world: World) -> None:
    answers = world.write("esc.yaml", answers_file(r'"I did it\e]52;c;cm0gLXJmIH4=\a"'))
    world.check(
        "practice", "--answers", str(answers), expect=r"esc\.yaml:4:11: control character U\+001B"
    )
    notes = world.write("pm.yaml", 'overall_sentence: "Fine\\e[2J"\n')
    world.check("postmortem", "acme", "--answers", str(notes), expect="control character U\\+001B")


def test_escapes_already_in_the_data_never_reach_the_terminal(world: World) -> None:
    export = world.run("export")
    assert export.code == 0, export.output
    poisoned = export.stdout.replace("Acme Ltd", "Acme\\u001b]52;c;ZXZpbA==\\u0007 Ltd\\u001b[2J")
    assert poisoned != export.stdout
    source = world.write("poisoned.json", poisoned)
    restored = world.run("--home", str(world.root / "restored"), "import", str(source))
    assert restored.code == 0, restored.output
    restored_home = ["--home", str(world.root / "restored")]
    listed = world.run(*restored_home, "interview", "list", "--json")
    interview_id = json.loads(listed.stdout)[0]["id"]
    for args in (("status",), ("interview", "show", interview_id)):
        shown = world.run(*restored_home, *args)
        assert shown.code == 0, shown.output
        assert "\x1b" not in shown.output and "\x07" not in shown.output, shown.output
        assert "Acme" in shown.output


RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"


@pytest.mark.parametrize(
    ("where", "pack", "place"),
    [
        (
            "question id",
            PACK + QUESTION.format(text='"Why us?"').replace("hostile-q1", f'"hostile{RLO}1q"'),
            "6:9",
        ),
        ("pack id", PACK.replace("pack: hostile", f'pack: "host{RLI}ile{PDI}"'), "1:7"),
    ],
)
def test_bidirectional_controls_in_content_ids_are_refused(
    world: World, where: str, pack: str, place: str
) -> None:
    """An id written with a right-to-left override shows as another id: refused, naming the
    file, line and column, and the message shows the control instead of obeying it."""
    path = world.write("bidi.yaml", pack)
    refused = world.check(
        "content", "validate", str(path), expect=rf"bidi\.yaml:{place}: {where} '.*<U\+20"
    )
    assert RLO not in refused.output and RLI not in refused.output


def test_bidirectional_controls_in_names_and_answers_never_reach_the_terminal(
    world: World,
) -> None:
    """A name or an answer holding an override is kept as typed, and shown neutralised."""
    export = world.run("export")
    assert export.code == 0, export.output
    poisoned = export.stdout.replace("Acme Ltd", f"Acme {RLO}dtL{PDF}").replace(
        "Jane Doe", f"Jane {RLI}Doe"
    )
    assert poisoned != export.stdout
    source = world.write("bidi.json", poisoned)
    home = ["--home", str(world.root / "restored")]
    assert world.run(*home, "import", str(source)).code == 0
    listed = world.run(*home, "interview", "list", "--json")
    interview = json.loads(listed.stdout)[0]
    assert RLO in interview["company"]  # kept as typed
    for args in (("status",), ("interview", "show", interview["id"]), ("interview", "list")):
        shown = world.run(*home, *args)
        assert shown.code == 0, shown.output
        assert not set(shown.output) & {RLO, PDF, RLI, PDI}, args
        assert "Acme \ufffddtL" in shown.output, args


# ---------------------------------------------------------------------------- templates


TEMPLATE = """\
email_templates:
  - id: runaway
    title: Runaway
    purpose: A template made to test limits.
    when: never
    required: [company]
    subject: "Thanks, {{{{ company }}}}"
    body: |
      Hello,
      {body}
"""

RUNAWAY = {
    "power": "{{ 9**(9**9) }}",
    "repeat": "{{ 'x' * 4000000000 }}",
    "field": "{{ company * 100000000 }}",
    "loops": "{% for a in company %}" * 9 + "{{ a }}" + "{% endfor %}" * 9,
    "replace": "{{ company" + ".replace('a', company * 9)" * 12 + " }}",
    "format": "{{ '%0999999999d' % 1 }}",
    "center": "{{ company|center(999999999) }}",
}


@pytest.mark.parametrize("name", sorted(RUNAWAY))
def test_a_runaway_template_is_a_content_error_naming_file_and_line(
    world: World, name: str
) -> None:
    pack = world.write(f"{name}.yaml", PACK + TEMPLATE.format(body=RUNAWAY[name]))
    world.check("content", "validate", str(pack), expect=rf"{name}\.yaml:\d+:\d+: .*body line 2: ")


def test_a_runaway_template_stops_every_command_that_loads_it(world: World) -> None:
    pack = world.write("loops.yaml", PACK + TEMPLATE.format(body=RUNAWAY["loops"]))
    world.check(
        "--content",
        str(pack),
        "followup",
        "--template",
        "runaway",
        expect=r"loops\.yaml:\d+:\d+: .*body line 2: the template loops more than 10,000 times",
    )


# ---------------------------------------------------------------------------- writes


def test_force_never_replaces_a_device(world: World) -> None:
    before = os.stat("/dev/full")
    world.check(
        "export",
        "-o",
        "/dev/full",
        "--force",
        expect="'/dev/full' is not a regular file; prep writes only regular files",
    )
    world.check("backup", "-o", "/dev/full", expect="not a regular file")
    world.check(
        "followup",
        "--set",
        "topic=plans",
        "--set",
        "skill=focus",
        "--out",
        "/dev/full",
        "--force",
        expect="not a regular file",
    )
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_force_never_replaces_a_symbolic_link_or_a_fifo(world: World) -> None:
    target = world.write("real.json", "keep me")
    link = world.work / "link.json"
    link.symlink_to(target)
    world.check(
        "export",
        "-o",
        str(link),
        "--force",
        expect="'.*link.json' is a symbolic link, not a regular file",
    )
    world.check(
        "export", "--anki", "/dev/stdout", "--all-questions", "--force", expect="symbolic link"
    )
    pipe = fifo(world, "pipe.json")
    world.check("export", "-o", str(pipe), "--force", expect="not a regular file")
    world.check(
        "followup",
        "--set",
        "topic=plans",
        "--set",
        "skill=focus",
        "--eml",
        str(link),
        "--force",
        expect="symbolic link",
    )
    assert target.read_text() == "keep me" and link.is_symlink()


def test_a_missing_folder_is_an_error_not_created(world: World) -> None:
    missing = world.work / "nonexistent-dir"
    for args in (
        ("export", "-o", f"{missing}/x.json"),
        ("backup", "-o", f"{missing}/x.db"),
        ("followup", "--set", "topic=plans", "--set", "skill=focus", "--ics", f"{missing}/x.ics"),
    ):
        world.check(*args, expect=f"folder '{missing}' does not exist")
    assert not missing.exists()


# ---------------------------------------------------------------------------- the home


def test_a_home_that_is_a_file_or_empty_is_refused(world: World) -> None:
    blocker = world.write("not-a-folder", "x")
    world.check("--home", str(blocker), "stats", expect="is a file, not a folder")
    world.check(
        "stats",
        env={"PREP_HOME": str(blocker)},
        expect=f"PREP_HOME '{blocker}' is a file, not a folder",
    )
    world.check(
        "doctor",
        env={"PREP_HOME": str(blocker)},
        expect=f"FAIL PREP_HOME '{blocker}' is a file, not a folder",
    )
    world.check("stats", env={"PREP_HOME": ""}, expect="PREP_HOME is set but empty")


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def read_only(*paths: Path) -> list[str]:
    """A command prefix that runs prep with `paths` mounted read-only (in its own namespace)."""
    mounts = " && ".join(
        f"mount --bind '{p}' '{p}' && mount -o remount,ro,bind '{p}'" for p in paths
    )
    return ["unshare", "-m", "sh", "-c", f'{mounts} && exec "$@"', "prep"]


needs_mount = pytest.mark.skipif(
    not _can_mount(), reason="needs root and unshare to mount the home read-only"
)


@needs_mount
def test_a_read_only_home_still_reads(world: World) -> None:
    wrap = read_only(world.home)
    before = world.state()
    for args in (("stats",), ("history",), ("export",), ("status",)):
        result = world.run(*args, wrap=wrap)
        assert result.code == 0 and "Traceback" not in result.output, (args, result.output)
    assert world.state() == before
    world.check(
        "interview",
        "add",
        "--company",
        "Globex",
        "--when",
        "2030-01-01 10:00",
        wrap=wrap,
        expect="read-only",
    )
    doctor = world.check("doctor", wrap=wrap, expect="read-only file system")
    assert "away" not in doctor.output and "integrity ok" in doctor.output


@needs_mount
def test_a_stale_read_only_shm_is_explained(world: World) -> None:
    shm = world.home / "prep.db-shm"
    shm.write_bytes(b"")
    wrap = read_only(shm)
    doctor = world.check("doctor", wrap=wrap, expect=r"prep\.db-shm cannot be written")
    assert "remove it: SQLite rebuilds it" in doctor.output and "away" not in doctor.output
    result = world.run("stats", wrap=wrap)
    assert result.code == 0, result.output
    world.check(
        "interview",
        "add",
        "--company",
        "Globex",
        "--when",
        "2030-01-01 10:00",
        wrap=wrap,
        expect="read-only",
    )


# ---------------------------------------------------------------------------- import


def test_an_import_whose_pack_id_clashes_writes_nothing(world: World) -> None:
    questions = world.write("list.md", "# Core\n- Tell me about yourself?\n- Why this job?\n")
    world.check(
        "content",
        "import",
        str(questions),
        "--name",
        "Core competencies",
        expect="(?s)nothing was written.*pack id 'core-competencies' is also used by",
    )
    assert not (world.home / "content").exists()


# ---------------------------------------------------------------------------- privacy


def test_everything_prep_writes_stays_in_the_home_and_is_private(world: World) -> None:
    import sqlite3
    from datetime import datetime, timedelta

    home = world.root / "fresh" / "home"
    run = ["--home", str(home)]
    when = (datetime.now() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    answers = world.write("a.yaml", answers_file("I listened first, then we agreed on a plan."))
    notes = world.write(
        "pm.yaml", "overall_rating: 4\nquestions:\n  - text: Why us?\n    rating: 3\n"
    )
    questions = world.write("list.md", "# Mine\n- Tell me about a hard call you made?\n")
    snapshot_outside = world.state()["outside"]
    steps = [
        ("interview", "add", "--company", "Globex", "--role", "Analyst", "--when", when, "--json"),
        ("practice", "--mode", "quick", "--count", "1", "--answers", str(answers), "--json"),
        ("postmortem", "globex", "--answers", str(notes)),
        ("export", "--anki", str(home / "cards.apkg"), "--all-questions"),
        ("export", "-o", str(home / "export.json")),
        ("backup",),
        ("content", "import", str(questions), "--name", "mine"),
        ("stats",),
    ]
    for step in steps:
        result = world.run(*run, *step)
        assert result.code == 0, (step, result.output)
    assert world.state()["outside"] == snapshot_outside  # nothing outside the home
    modes = {}
    for folder, dirs, files in os.walk(home):
        for name in dirs:
            modes[os.path.join(folder, name)] = (os.stat(os.path.join(folder, name)).st_mode, 0o700)
        for name in files:
            modes[os.path.join(folder, name)] = (os.stat(os.path.join(folder, name)).st_mode, 0o600)
    modes[str(home)] = (home.stat().st_mode, 0o700)
    wrong = {p: oct(m & 0o777) for p, (m, want) in modes.items() if m & 0o777 != want}
    assert not wrong, wrong
    names = {Path(p).name for p in modes}
    assert {"prep.db", "cards.apkg", "export.json", "mine.yaml", "cache", "backups"} <= names
    assert not [n for n in names if n.endswith(".tmp")], names
    conn = sqlite3.connect(home / "prep.db")  # while a connection is open: the side files
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for side in ("prep.db-wal", "prep.db-shm"):
            assert (home / side).stat().st_mode & 0o777 == 0o600, side
    finally:
        conn.close()
