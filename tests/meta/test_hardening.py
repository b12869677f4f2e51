"""The bounds on what prep reads, renders and writes, checked in-process (fast); the
subprocess suite in tests/hostile/ runs the same refusals through the real `prep`."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from prepcoach.cli.render import esc, make_safe_console
from prepcoach.content.markdown_import import parse_markdown_questions
from prepcoach.content.yamlsource import parse_yaml
from prepcoach.followup.templating import render_text, used_fields
from prepcoach.kernel.errors import ContentError, PrepError
from prepcoach.kernel.files import atomic_write, check_target, read_limited
from prepcoach.kernel.safetext import clean, first_control
from tests.helpers import invoke


def test_aliases_are_refused_with_where_they_are() -> None:
    data, problems = parse_yaml("a: &x [1, 2]\nb: *x\n", kind="answers files")
    assert data is None
    assert problems == [((2, 4), "aliases are not allowed in answers files")]


def test_an_anchor_without_alias_is_read_as_plain_data() -> None:
    data, problems = parse_yaml("a: &x hello\n")
    assert problems == [] and data == {"a": "hello"}


def test_control_characters_are_refused_unless_prep_wrote_the_file() -> None:
    _, problems = parse_yaml('title: "clear \\e[2J"\n')
    assert problems == [((1, 8), "control character U+001B is not allowed")]
    data, problems = parse_yaml('title: "clear \\e[2J"\n', controls=True)
    assert problems == [] and data["title"] == "clear \x1b[2J"


def test_clean_removes_sequences_and_keeps_lines() -> None:
    assert clean("a\x1b[2Jb\x1b]52;c;ZXZpbA==\x07c\td\ne") == "a\ufffdb\ufffdc\td\ne"
    assert clean("over\rwrite\x9b") == "over\nwrite\ufffd"


def test_clean_neutralises_bidirectional_controls_and_keeps_right_to_left_text() -> None:
    assert clean("invoice\u202efdp.exe") == "invoice\ufffdfdp.exe"
    assert clean("a\u2066b\u2069c\u202ad\u202c") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u200fworld"  # a right-to-left word and a direction mark
    assert clean(hebrew) == hebrew
    assert first_control("fine\ttext\n") is None
    assert esc("[link=x]\x1b[31m") == "\\[link=x]\ufffd"


def test_the_console_never_prints_an_escape_from_text() -> None:
    console = make_safe_console(
        force_terminal=True, color_system="standard", width=80, no_color=False, highlight=False
    )
    with console.capture() as captured:
        console.print("[red]red[/red] \x1b]52;c;ZXZpbA==\x07 \x1b[2J", markup=True)
    printed = captured.get()
    assert "\x1b[31m" in printed  # its own colours stay
    assert "\x1b]" not in printed and "\x1b[2J" not in printed and "\x07" not in printed


def test_typed_text_is_shown_as_typed_emoji_codes_too() -> None:
    console = make_safe_console(width=80, no_color=True, highlight=False)
    with console.capture() as captured:
        console.print(f"[bold]Answer[/bold]: {esc('I felt :thumbs_up: about it')}")
    assert captured.get() == "Answer: I felt :thumbs_up: about it\n"


def test_constants_are_never_folded_when_a_template_is_checked() -> None:
    started = time.monotonic()
    assert used_fields("{{ 9**(9**9) }} {{ 'x' * 4000000000 }} {{ company }}") == {"company"}
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "source",
    [
        "{{ 9**(9**9) }}",
        "{{ company * 100000000 }}",
        "{% for a in company %}" * 6 + "{{ a }}" + "{% endfor %}" * 6,
        "{{ company" + ".replace('c', company * 9)" * 12 + " }}",
        "{{ '{0:>{1}}'.format(1, 999999999) }}",
        "{{ '%*d' % (999999999, 1) }}",
        "{{ company|center(999999999) }}",
        "{{ (company|list)|batch(999999999, 'x')|list }}",
    ],
)
def test_a_runaway_template_is_a_content_error_naming_the_line(source: str) -> None:
    started = time.monotonic()
    with pytest.raises(ContentError, match=r"'t' \(pack\.yaml\), body, line 1: the template "):
        render_text(
            source, {"company": "Acme Ltd"}, template_id="t", part="body", origin="pack.yaml"
        )
    assert time.monotonic() - started < 3


def test_ordinary_templates_still_render() -> None:
    source = "{% for n in names %}{{ n|upper }}{{ ', ' if not loop.last }}{% endfor %}: {{ 2**10 }}"
    out = render_text(source, {"names": ["a", "b"]}, template_id="t", part="body", origin="p")
    assert out == "A, B: 1024"


def test_reading_refuses_devices_fifos_and_big_files(tmp_path: Path) -> None:
    with pytest.raises(PrepError, match="'/dev/zero' is not a regular file"):
        read_limited(Path("/dev/zero"), 100)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(PrepError, match="not a regular file"):
        read_limited(pipe, 100)
    big = tmp_path / "big.yaml"
    big.write_text("x" * 101)
    with pytest.raises(PrepError, match="too large: a pack may hold at most 1 KB"):
        read_limited(big, 100, what="pack")


def test_writing_refuses_links_devices_and_missing_folders(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(PrepError, match="is a symbolic link"):
        atomic_write(link, "new")
    with pytest.raises(PrepError, match="'/dev/full' is not a regular file"):
        check_target(Path("/dev/full"))
    with pytest.raises(PrepError, match=f"folder '{tmp_path / 'none'}' does not exist"):
        atomic_write(tmp_path / "none" / "x.txt", "new")
    assert real.read_text() == "keep" and not (tmp_path / "none").exists()
    made = atomic_write(tmp_path / "new" / "x.txt", "new", create_folder=True)
    assert made.stat().st_mode & 0o777 == 0o600
    assert made.parent.stat().st_mode & 0o777 == 0o700


def test_ids_of_a_long_import_are_unique_in_linear_time() -> None:
    lines = "\n".join(f"- Tell me about situation number {n} at work?" for n in range(40_000))
    result = parse_markdown_questions("# Big\n" + lines)
    started = time.monotonic()
    pack = result.to_pack("big")
    assert time.monotonic() - started < 5
    ids = [q["id"] for q in pack["questions"]]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids)) == 40_000


def test_validate_counts_a_file_named_twice_once(home: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_text("# Mine\n- Tell me about a hard call you made?\n", encoding="utf-8")
    assert invoke("content", "import", str(listing), "--name", "mine").exit_code == 0
    every = invoke("content", "validate")
    named = invoke("content", "validate", str(home / "content" / "mine.yaml"))
    assert named.exit_code == 0, named.output
    assert named.stdout == every.stdout  # same files, same counts


def test_an_import_with_a_pack_id_in_use_writes_nothing(home: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.md"
    listing.write_text("# Core\n- Tell me about yourself?\n", encoding="utf-8")
    result = invoke("content", "import", str(listing), "--name", "Core competencies")
    assert result.exit_code == 1
    assert "pack id 'core-competencies' is also used by" in result.output
    assert not (home / "content").exists()
