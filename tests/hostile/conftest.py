"""The hostile-input suite: the real `prep` in a subprocess, against generated files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.world import World, make_world, seed_home

TRIED: list[str] = []


@pytest.fixture(scope="session")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded home (with its content cache warm), copied for every case."""
    root = tmp_path_factory.mktemp("seed")
    home = root / "home"
    seed_home(home)
    world = make_world(root / "warm", home)
    warmed = world.run("stats")
    assert warmed.code == 0, warmed.output
    return world.home


@pytest.fixture
def world(tmp_path: Path, seed: Path) -> Iterator[World]:
    made = make_world(tmp_path, seed)
    yield made
    TRIED.extend(made.tried)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TRIED:
        terminalreporter.write_line(f"hostile inputs tried: {len(TRIED)}")
