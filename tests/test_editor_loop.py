"""The one editor loop (`cli.editor`): every edit reopens with its problems until it passes,
keeps the text when given up, and tells an emptied file from an unchanged one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from prepcoach.cli.editor import Outcome, Retry, edit_once, edit_until_valid
from prepcoach.data.drafts import EditDraft
from prepcoach.kernel.errors import PrepError

EDITOR = """
import json, sys
queue = json.load(open(sys.argv[1]))
path = sys.argv[2]
seen = open(path, encoding="utf-8").read()
json.dump(queue[1:], open(sys.argv[1], "w"))
with open(sys.argv[1] + ".seen", "a", encoding="utf-8") as log:
    log.write(json.dumps(seen) + "\\n")
if queue[0] is not None:
    open(path, "w", encoding="utf-8").write(queue[0])
"""
RETRY = Retry(
    block=lambda errors: "".join(f"#! {e}\n" for e in errors),
    stuck=lambda errors, path: f"still wrong ({errors[0]}); kept in {path}",
    reopening=lambda errors: f"{len(errors)} problem(s)",
    rounds=3,
)


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *saves: str | None) -> Path:
    script, queue = tmp_path / "editor.py", tmp_path / "queue.json"
    script.write_text(EDITOR, encoding="utf-8")
    queue.write_text(json.dumps(list(saves)), encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script} {queue}")
    return queue


def _seen(queue: Path) -> list[str]:
    lines = Path(f"{queue}.seen").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _check(text: str, offset: int) -> tuple[int | None, list[str]]:
    value = text.strip()
    return (int(value), []) if value.isdigit() else (None, [f"line {1 + offset}: not a number"])


def test_it_reopens_with_the_problems_on_top_until_the_text_passes(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue = _editor(tmp_path, monkeypatch, "seven\n", "#! line 2: not a number\n7\n")
    said: list[str] = []
    draft = EditDraft(home, "test", "x1")
    assert edit_until_valid(draft, "1\n", _check, RETRY, say=said.append) == 7
    assert _seen(queue) == ["1\n", "#! line 2: not a number\nseven\n"]  # numbered as shown
    assert said == ["1 problem(s)"]
    assert draft.load() is not None  # kept until the caller has saved the value


def test_saving_the_same_wrong_text_stops_and_keeps_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, "seven\n", None)
    draft = EditDraft(home, "test", "x2")
    with pytest.raises(PrepError, match="still wrong .line 2: not a number.; kept in"):
        edit_until_valid(draft, "1\n", _check, RETRY, say=lambda _: None)
    assert "seven" in (draft.load() or "")


def test_it_gives_up_after_its_rounds_and_says_where_the_text_is(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, "a\n", "b\n", "c\n")
    draft = EditDraft(home, "test", "x3")
    with pytest.raises(
        PrepError, match=f"gave up after 3 rounds; your text is kept in {draft.path}"
    ):
        edit_until_valid(draft, "1\n", _check, RETRY, say=lambda _: None)


def test_emptied_and_unchanged_are_told_apart_and_discard_the_draft(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, "# only a comment\n", None)
    draft = EditDraft(home, "test", "x4")
    emptied = edit_until_valid(draft, "1\n", _check, RETRY, say=lambda _: None, original="1\n")
    assert emptied is Outcome.EMPTIED and draft.load() is None
    same = edit_until_valid(draft, "1\n", _check, RETRY, say=lambda _: None, original="1\n")
    assert same is Outcome.UNCHANGED and draft.load() is None


def test_edit_once_resumes_a_kept_draft_and_drops_comment_lines(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue = _editor(tmp_path, monkeypatch, None, "# a note\nMy answer.\n")
    draft = EditDraft(home, "answer", "why-us")
    draft.save("# header\nkept from before\n")
    assert edit_once(draft, "# header\n", resume=True) == "kept from before"
    assert edit_once(draft, "# header\n") == "My answer."
    assert _seen(queue) == ["# header\nkept from before\n", "# header\n"]
