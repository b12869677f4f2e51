"""Built-in content and the product's own text are in our own words: no 8-word run from the
domain guides in content/, src/, the docs or the labelled corpora.

The guides live next to the repository, in `../shared/seeds/`. In a git worktree the
repository root is the main checkout's, found through the `.git` file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = 8
SCANNED = ("content", "src", "tests/data")
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _repository_roots() -> list[Path]:
    roots = [ROOT]
    dot_git = ROOT / ".git"
    if dot_git.is_file():  # a worktree: "gitdir: <main>/.git/worktrees/<name>"
        line = dot_git.read_text(encoding="utf-8").strip()
        if line.startswith("gitdir:"):
            gitdir = Path(line.split(":", 1)[1].strip())
            if not gitdir.is_absolute():
                gitdir = (ROOT / gitdir).resolve()
            roots.append(gitdir.parent.parent.parent)
    return roots


def _seeds_dir() -> Path | None:
    for root in _repository_roots():
        candidate = root.parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


def test_word_runs_ignore_case_and_punctuation() -> None:
    a = _runs(_words("Tell me, about a TIME you had to adapt quickly!"))
    b = _runs(_words("tell me about a time you had to adapt -- quickly"))
    assert a == b and len(a) == 3


def test_no_file_we_ship_repeats_eight_words_of_a_domain_guide() -> None:
    seeds = _seeds_dir()
    if seeds is None:
        pytest.skip("no ../shared/seeds/ folder next to the repository")
    guide_runs: set[tuple[str, ...]] = set()
    for guide in sorted(seeds.glob("*.txt")):
        guide_runs |= _runs(_words(guide.read_text(encoding="utf-8", errors="replace")))
    if not guide_runs:
        pytest.skip(f"no domain guides in {seeds}")
    copied: list[str] = []
    paths = [p for folder in SCANNED for p in sorted((ROOT / folder).rglob("*"))]
    paths += [ROOT / name for name in ("README.md", "ARCHITECTURE.md")]
    for path in paths:
        if not path.is_file() or path.suffix in {".pyc", ".apkg", ".wav"}:
            continue
        shared = _runs(_words(path.read_text(encoding="utf-8", errors="replace"))) & guide_runs
        copied += [f"{path.relative_to(ROOT)}: {' '.join(run)}" for run in sorted(shared)]
    assert copied == [], "\n".join(copied)
