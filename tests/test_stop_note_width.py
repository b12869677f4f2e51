"""What Ctrl-C says it kept is wrapped between words at the terminal's width."""

from __future__ import annotations

import pytest

from prepcoach.cli import guard, keep, prompts


def test_the_stop_note_wraps_between_words_at_80_columns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    path = "/tmp/tmp.sn7j8y0sR1/drafts"
    note = (
        f"Kept as drafts in {path}, offered back when you are asked again: "
        "'A recent project, launch, deal or cha...' (4 words)"
    )
    monkeypatch.setattr(prompts, "kept_note", lambda: note)
    monkeypatch.setattr(
        keep,
        "interrupt_note",
        lambda: (
            "the 1 item you finished is saved on Acme (an item is saved once its last "
            "question is answered)."
        ),
    )
    guard.say_stopped()
    err = capsys.readouterr().err
    lines = err.strip("\n").splitlines()
    assert all(len(line) < 80 for line in lines), lines
    words = err.split()
    assert "again:" in words and "answered)." in words and f"{path}," in words
    assert " ".join(words).startswith("Interrupted: the 1 item you finished")
