"""`prep content list|show|import|new` and `prep questions`, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prepcoach.content.library import content_files, load_library
from prepcoach.kernel import paths
from tests.helpers import run_prep


def test_list_names_every_builtin_pack_and_what_it_holds() -> None:
    result = run_prep("content", "list")
    assert result.exit_code == 0, result.output
    listed = json.loads(run_prep("content", "list", "--json").stdout)
    assert listed and all(pack["builtin"] for pack in listed)
    for pack in listed:
        assert pack["pack"] in result.stdout


def test_show_a_question_and_a_missing_id() -> None:
    shown = run_prep("content", "show", "why-us")
    assert shown.exit_code == 0, shown.output
    assert "What it assesses" in shown.stdout
    data = json.loads(run_prep("content", "show", "why-us", "--json").stdout)
    assert data["id"] == "why-us" and data["text"]
    missing = run_prep("content", "show", "why-uss")
    assert missing.exit_code == 1
    assert missing.stdout == ""
    assert missing.stderr.startswith("Error: ") and "why-us" in missing.stderr


def test_import_turns_a_markdown_list_into_a_pack_that_loads(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "questions.md"
    source.write_text(
        "# Behavioral\n\n"
        "1. Tell me about a time you disagreed with your manager.\n"
        "2. Describe a project that failed and what you learned.\n\n"
        "# Technical\n\n"
        "- How would you design a URL shortener?\n",
        encoding="utf-8",
    )
    result = run_prep("content", "import", str(source), "--name", "mine")
    assert result.exit_code == 0, result.output
    assert "Kept 3 questions" in result.stdout
    written = home / "content" / "mine.yaml"
    assert written.is_file()
    again = run_prep("content", "import", str(source), "--name", "mine")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert run_prep("content", "import", str(source), "--name", "mine", "--force").exit_code == 0
    found = run_prep("questions", "--search", "URL shortener", "--json")
    assert found.exit_code == 0, found.output
    assert any("URL shortener" in q["text"] for q in json.loads(found.stdout))
    assert run_prep("content", "validate").exit_code == 0


def test_import_of_a_file_that_is_not_there() -> None:
    result = run_prep("content", "import", "no-such-file.md")
    assert result.exit_code != 0
    assert "no-such-file.md" in result.stderr


def test_new_writes_an_example_pack_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "pm.yaml"
    result = run_prep("content", "new", "--role", "Product manager", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.is_file()
    checked = run_prep("content", "validate", str(target))
    assert checked.exit_code == 0, checked.output


def test_validate_warns_about_a_cue_that_can_never_match(tmp_path: Path) -> None:
    pack = tmp_path / "cues.yaml"
    pack.write_text(
        'pack: cues\ntitle: T\nversion: "1"\ndescription: D\nquestions:\n'
        "  - id: cue-check\n    text: Tell me about a budget you cut.\n"
        "    category: behavioral\n    assesses: x\n    look_fors:\n"
        "      - label: the reason given\n"
        "        cues: [why, what if, budget, reason, because]\n",
        encoding="utf-8",
    )
    checked = run_prep("content", "validate", str(pack))
    assert checked.exit_code == 0, checked.output  # a warning, not a problem
    warnings = [line for line in checked.stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"{pack}: warning: question 'cue-check': look-for 'the reason given': cue 'why' can "
        "never match: it has no word to look for: only small words like 'the', 'so', 'why' "
        "or figures",
        f"{pack}: warning: question 'cue-check': look-for 'the reason given': cue 'budget' can "
        "never match: it only repeats the question's words, which prove nothing",
    ]  # "what if", small words only, is met as the phrase itself
    assert "OK:" in checked.stdout


def test_no_built_in_cue_is_one_that_can_never_match() -> None:
    from prepcoach.practice.feedback.lookfors import unmatchable_cues

    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    assert list(unmatchable_cues(library.questions.values())) == []


def test_questions_search_finds_by_text_and_keeps_the_limit() -> None:
    found = run_prep("questions", "--search", "why do you want to work here", "--json")
    assert found.exit_code == 0, found.output
    assert "why-us" in [q["id"] for q in json.loads(found.stdout)]
    limited = run_prep("questions", "--search", "conflict", "--limit", "2", "--json")
    assert len(json.loads(limited.stdout)) == 2
    assert run_prep("questions", "--search", "zzzzqqqq xxyyzz", "--json").stdout.strip() == "[]"
    shown = run_prep("questions", "--search", "why do you want to work here")
    assert shown.exit_code == 0 and "why-us" in shown.stdout


def test_questions_with_an_unknown_filter_is_a_usage_error() -> None:
    result = run_prep("questions", "--stage", "fourth")
    assert result.exit_code == 2
    assert "Try 'prep questions --help' for help." in result.stderr


def test_new_refuses_a_role_that_would_write_a_broken_pack(home: Path) -> None:
    result = run_prep("content", "new", "--role", "Product\x07 manager")
    assert result.exit_code == 1
    assert "control character" in result.stderr
    assert not (home / "content").exists() or not list((home / "content").iterdir())
    assert run_prep("questions", "--limit", "1").exit_code == 0  # the content still loads


@pytest.mark.parametrize("role", ["R&D \\q lab", 'The "best" analyst'])
def test_new_writes_a_pack_that_validates_whatever_the_role_says(tmp_path: Path, role: str) -> None:
    target = tmp_path / "pack.yaml"
    result = run_prep("content", "new", "--role", role, "--out", str(target))
    assert result.exit_code == 0, result.output
    checked = run_prep("content", "validate", str(target))
    assert checked.exit_code == 0, checked.output
