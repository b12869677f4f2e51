"""The quick pack reader: where it answers, it answers exactly what the full reader does."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from prepcoach.content.library import ContentFile, check_files
from prepcoach.content.yamlsource import MAX_DEPTH, MAX_TEXT, parse_quick, parse_yaml
from prepcoach.kernel import paths

BUILTIN = sorted(paths.builtin_content_dir().rglob("*.yaml"))


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def agrees(text: str) -> bool:
    """The quick reader declined, or gave what the full reader gives, problems refused."""
    quick = parse_quick(text)
    if quick is None:
        return True
    full, problems = parse_yaml(text)
    return not problems and plain(full) == quick


PACK = 'pack: p\ntitle: T\nversion: "1.0"\ndescription: D\n'

TRICKY = [
    # YAML 1.1 words and numbers that rapidyaml reads as text
    "a: yes\n",
    "a: No\n",
    "a: on\n",
    "a: ~\n",
    "a: 012\n",
    "a: 0x1f\n",
    "a: 1_000\n",
    "a: 1:20\n",
    "a: 1e3\n",
    "a: 1.5e+3\n",
    "a: .inf\n",
    "a: +1\n",
    "a: '12'\n",
    'a: ""\n',
    "yes: 1\n",
    "a: <<\n",
    "a: =\n",
    "a: 2024-01-31\n",
    # what the safe full reader refuses or reports
    "a: &x 1\nb: *x\n",
    "a: !!python/object:os.system x\n",
    "a: !custom x\n",
    "a: 1\na: 2\n",
    "a:\n\tb: 1\n",
    "a: b: c\n",
    "a: }x\n",
    'a:\n  - "x"    - "y"\n',
    '"a": "unclosed\n',
    "a: 1\n---\nb: 2\n",
    "%YAML 1.1\n---\na: 1\n",
    "? [a, b]\n: c\n",
    "\ufeffa: 1\n",
    "a: 1\r\nb: 2\r\n",
    'a: "\\x07"\n',
    'a: "\\u0085"\n',
    'a: "bell \a"\n',
    "a: x\u2028y\n",
    "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, MAX_DEPTH + 2)),
    "a: " + "x" * (MAX_TEXT + 1) + "\n",
    "a: |\n  " + "y" * (MAX_TEXT + 1) + "\n",
    # what both read alike
    "a: 1\nb: -2\nc: 1.5\nd: 1.10\ne: true\nf: null\ng:\nh: 'it''s'\n",
    'a: "say \\"hi\\" \\\\ now\\n"\n',
    "a: |\n  one\n  two\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  kept\n\n",
    "a: [x, y, {b: c}]\nd: {e: [f]}\n",
    "a: plain text # a comment\nb: Q&A, R&D and P&L?\nc: What's next?\n",
    "a:\n- - x\n  - y\n- z\n",
    "é: ü 日本\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_is_declined_or_read_alike(text: str) -> None:
    assert agrees(text)
    assert agrees(PACK + text)


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n",
        "a: 012\n",
        "a: 1e3\n",
        "a: &x 1\nb: *x\n",
        "a: !!str x\n",
        "a: 1\na: 2\n",
        "a:\n\tb: 1\n",
        "a: }x\n",
        'a: "\\x07"\n',
        "a: " + "x" * (MAX_TEXT + 1) + "\n",
    ],
)
def test_what_the_quick_reader_cannot_vouch_for_goes_to_the_full_reader(text: str) -> None:
    assert parse_quick(PACK + text) is None


def test_plain_packs_are_read_quickly() -> None:
    text = PACK + "questions:\n  - id: q\n    text: Why us?\n    target_seconds: 90\n"
    assert parse_quick(text) == {
        "pack": "p",
        "title": "T",
        "version": "1.0",
        "description": "D",
        "questions": [{"id": "q", "text": "Why us?", "target_seconds": 90}],
    }


@pytest.mark.parametrize("path", BUILTIN, ids=lambda p: p.name)
def test_every_builtin_pack_is_declined_or_read_alike(path: Path) -> None:
    assert agrees(path.read_text("utf-8"))


def test_most_builtin_packs_take_the_quick_way() -> None:
    quick = [p for p in BUILTIN if parse_quick(p.read_text("utf-8")) is not None]
    assert len(quick) >= len(BUILTIN) * 3 // 4


PIECES = [" ", "  ", "\n", ":", ": ", "#", "-", "- ", "'", '"', "[", "]", "{", "}", ",", "|"]
PIECES += [">", "x", "yes", "1", "1e3", "~", "&", "*", "!", "?", "\\", "\\n", "\t", "é"]


def test_damaged_packs_are_declined_or_read_alike() -> None:
    rng = random.Random(15)
    sources = [p.read_text("utf-8") for p in BUILTIN]
    for _ in range(150):
        text = rng.choice(sources)
        at = rng.randrange(len(text))
        if rng.random() < 0.6:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        else:
            text = text[:at] + text[at + rng.randint(1, 3) :]
        assert agrees(text), text


def test_a_syntax_error_writes_nothing_to_standard_error(capfd: pytest.CaptureFixture[str]) -> None:
    assert parse_quick("a: b: c\nd: }\n") is None
    assert parse_quick("a: - b\n") is None
    assert capfd.readouterr().err == ""


def test_a_problem_in_a_quickly_read_pack_names_its_line_and_column(tmp_path: Path) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    question = "  - id: {id}\n    text: Why?\n    category: behavioral\n    assesses: x\n"
    first.write_text(
        PACK.replace("p\n", "first\n", 1)
        + "questions:\n"
        + question.format(id="one")
        + "    competencies: [teamwork, no-such-competency]\n",
        "utf-8",
    )
    second.write_text(
        PACK.replace("p\n", "second\n", 1) + "questions:\n" + question.format(id="one"), "utf-8"
    )
    assert parse_quick(first.read_text("utf-8")) is not None
    files = [*(ContentFile(p, True) for p in BUILTIN), ContentFile(first, False)]
    _library, problems = check_files([*files, ContentFile(second, False)])
    shown = [str(p).replace(str(tmp_path) + "/", "") for p in problems]
    assert any(s.startswith("first.yaml:10:30: question 'one': unknown competency") for s in shown)
    assert any(s.startswith("second.yaml:6:9: duplicate question id 'one'") for s in shown)


def test_validate_names_the_line_of_a_problem_in_a_large_plain_pack(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers import run_prep

    questions = "".join(
        f"  - id: q-{n}\n    text: Question {n}?\n    category: behavioral\n    assesses: x\n"
        for n in range(2_000)
    )
    pack = tmp_path / "big.yaml"
    pack.write_text(
        PACK
        + "questions:\n"
        + questions
        + "  - id: q-7\n    text: Again?\n    category: behavioral\n    assesses: x\n"
        + "  - id: late\n    text: Late?\n    category: behavioral\n    assesses: x\n"
        + "    competencies: [no-such-thing]\n",
        "utf-8",
    )
    assert parse_quick(pack.read_text("utf-8")) is not None
    first = run_prep("content", "validate", str(pack))
    assert first.exit_code == 1
    assert "big.yaml:8006:9: duplicate question id 'q-7' (also at" in first.stdout
    assert "big.yaml:8014:20: question 'late': unknown competency 'no-such-thing'" in first.stdout
    assert run_prep("--content", str(pack), "content", "list").exit_code == 1
    assert capfd.readouterr().err == ""  # nothing from a parser below prep's own words


def test_without_rapidyaml_every_pack_is_read_by_the_full_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prepcoach.content import yamlsource

    files = [ContentFile(p, True) for p in BUILTIN]
    quick, _ = check_files(files)
    monkeypatch.setattr(yamlsource, "_ryml", None)
    assert parse_quick(BUILTIN[0].read_text("utf-8")) is None
    full, problems = check_files(files)
    assert problems == []
    assert full.questions == quick.questions and full.formats == quick.formats
