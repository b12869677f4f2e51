"""`prep research --edit ACME` (a subcommand typed as an option) does what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_prep


@pytest.fixture
def dossier(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(
        "company: Acme\nmission:\n  - text: Widgets for all\n    sources: [acme.com/about]\n",
        encoding="utf-8",
    )
    saved = run_prep("research", "Acme", "--from", str(path))
    assert saved.exit_code == 0, saved.output


@pytest.mark.parametrize("args", [("--show", "Acme"), ("Acme", "--show")])
def test_show_as_an_option_shows_the_dossier(dossier: None, args: tuple[str, ...]) -> None:
    result = run_prep("research", *args)
    assert result.exit_code == 0, result.output
    assert "Widgets for all" in result.stdout


def test_edit_as_an_option_opens_the_editor(dossier: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.setenv("VISUAL", "true")
    result = run_prep("research", "--edit", "Acme")
    assert result.exit_code == 0, result.output
    assert "No changes" in result.output
