"""Every test runs with its own home, cache and a fixed terminal: nothing touches real data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import prepcoach.cli.context as cli_context
from prepcoach.kernel import clock


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("PREP_HOME", str(home))
    monkeypatch.setenv("PREP_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("PREP_CONTENT", raising=False)
    monkeypatch.delenv("PREP_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(cli_context, "_current", None)
    yield home


@pytest.fixture
def home(isolated_env: Path) -> Path:
    return isolated_env


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def data_dir() -> Path:
    return Path(__file__).parent / "data"


@pytest.fixture
def freeze_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """Stop the one clock (`prepcoach.kernel.clock.now`) at a moment; call again to move it."""

    def freeze(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    return freeze
