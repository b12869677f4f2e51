"""The layers hold: only the CLI talks to the terminal, commands reach the database through
services, and content knows no feature.

Every module under `src/prepcoach` outside `cli/` is read as source (nothing is imported, so a
broken rule cannot hide behind import order): it may not import typer, rich, questionary,
prompt_toolkit or `prepcoach.cli`, and may not call `print()`. The content package, the
lowest layer after the kernel, may not import a feature package: a feature that adds a check
to content validation registers it (see `prepcoach.content.checks`). A module under `cli/`
may not import a store module unless it is on `CLI_STORE_USERS`, a list that only shrinks.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "prepcoach"

UI_MODULES = ("typer", "rich", "questionary", "prompt_toolkit", "click", "prepcoach.cli")
# `python -m prepcoach` starts the CLI: it is the one non-CLI module that may name it.
ENTRY_POINTS = {"__main__.py"}


def _modules(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "__pycache__" not in p.parts)


def _core_modules() -> list[Path]:
    return [
        p
        for p in _modules(PACKAGE)
        if p.relative_to(PACKAGE).parts[0] != "cli"
        and p.relative_to(PACKAGE).as_posix() not in ENTRY_POINTS
    ]


def _imported(path: Path) -> list[tuple[int, str]]:
    """Every module an `import` or `from ... import` names, with its line (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's own package
                base = path.relative_to(PACKAGE.parent).with_suffix("").parts
                base = base[: len(base) - node.level]
                module = ".".join((*base, node.module or ""))
            else:
                module = node.module or ""
            # `from prepcoach import followup` names the module prepcoach.followup
            submodules = [
                f"{module}.{a.name}" for a in node.names if _is_module(f"{module}.{a.name}")
            ]
            found += [(node.lineno, name) for name in submodules or [module]]
    return found


def _is_module(name: str) -> bool:
    where = PACKAGE.parent.joinpath(*name.split("."))
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def _is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _where(path: Path, line: int) -> str:
    where = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path
    return f"{where.as_posix()}:{line}"


def _terminal_use(path: Path) -> list[str]:
    broken = [
        f"{_where(path, line)} imports {module}"
        for line, module in _imported(path)
        if any(_is_under(module, ui) for ui in UI_MODULES)
    ]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    broken += [
        f"{_where(path, node.lineno)} calls print()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]
    return broken


@pytest.mark.parametrize("path", _core_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_core_modules_never_touch_the_terminal(path: Path) -> None:
    assert _terminal_use(path) == []


def _feature_packages() -> list[str]:
    """Every package or module directly under prepcoach that is not content, kernel or cli."""
    names = {p.stem for p in PACKAGE.glob("*.py") if not p.stem.startswith("_")}
    names |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    return sorted(names - {"content", "kernel", "cli"})


def test_content_knows_no_feature() -> None:
    features = [f"prepcoach.{name}" for name in _feature_packages()]
    broken = [
        f"{_where(path, line)} imports {module}"
        for path in _modules(PACKAGE / "content")
        for line, module in _imported(path)
        if _is_under(module, "prepcoach")
        and module != "prepcoach.__version__"
        and any(_is_under(module, feature) for feature in features)
    ]
    assert broken == []


def test_the_rules_can_fail(tmp_path: Path) -> None:
    """The check sees what it is meant to see (a test that cannot fail proves nothing)."""
    bad = tmp_path / "bad.py"
    bad.write_text("import rich.markup\nfrom prepcoach.cli import app\n\nprint('hi')\n")
    assert [line.split(" ", 1)[1] for line in _terminal_use(bad)] == [
        "imports rich.markup",
        "imports prepcoach.cli.app",
        "calls print()",
    ]
    assert {"followup", "postmortem"} <= set(_feature_packages())


def test_the_cli_runs_the_checks_features_register(tmp_path: Path) -> None:
    """In a fresh process, `prep content validate` runs the follow-up's and the post-mortem's
    checks: the CLI loads the features before content is checked."""
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        'pack: mine\ntitle: Mine\nversion: "1"\ndescription: D\n'
        "email_templates:\n"
        "  - id: broken\n    title: B\n    purpose: p\n    when: w\n"
        "    subject: Hi\n    body: '{% if %}'\n"
        "postmortem_templates:\n"
        "  - id: my-pm\n    title: Mine\n    prompts:\n"
        "      - id: mood\n        text: Mood?\n        kind: text\n"
        "      - id: mood\n        text: Mood again?\n        kind: text\n",
        encoding="utf-8",
    )
    code = f"from prepcoach.cli.main import run\nrun(['content', 'validate', {str(pack)!r}])\n"
    env = {**os.environ, "PREP_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    text = out.stdout + out.stderr
    assert out.returncode == 1, text
    assert "email template 'broken': body line 1:" in text
    assert "post-mortem template 'my-pm': prompt id 'mood' is used twice" in text


# The CLI modules that still read or write the database themselves instead of calling a
# feature's service. The list may only shrink: a module that stops importing a store must
# leave it (the second test fails until it does), and no other CLI module may start.
CLI_STORE_USERS = {
    "cli/prompts.py",
}


def _is_store(module: str) -> bool:
    """The database layer, or a feature's store module (`<feature>.store`, `<feature>.*_store`)."""
    parts = module.split(".")
    if parts[:2] == ["prepcoach", "store"]:
        return True
    return (
        len(parts) == 3
        and parts[0] == "prepcoach"
        and (parts[2] == "store" or parts[2].endswith("_store"))
    )


def _store_imports(path: Path) -> list[str]:
    return [f"{_where(path, line)} imports {m}" for line, m in _imported(path) if _is_store(m)]


def _cli_store_users() -> dict[str, list[str]]:
    found = {
        p.relative_to(PACKAGE).as_posix(): _store_imports(p) for p in _modules(PACKAGE / "cli")
    }
    return {name: hits for name, hits in found.items() if hits}


def test_commands_call_services_not_stores() -> None:
    """A command parses, calls a feature's service and renders; it never opens a store."""
    users = _cli_store_users()
    assert {name: hits for name, hits in users.items() if name not in CLI_STORE_USERS} == {}


def test_the_list_of_cli_modules_using_stores_only_shrinks() -> None:
    cleaned = sorted(CLI_STORE_USERS - set(_cli_store_users()))
    assert cleaned == [], f"no store import left in {cleaned}: take them off CLI_STORE_USERS"


def test_the_store_rule_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from prepcoach.stories import store as store_st\nfrom prepcoach.kit import core\n"
        "import prepcoach.store.db\nfrom prepcoach.kit.research_store import get_research\n"
    )
    assert [line.split(" ", 1)[1] for line in _store_imports(bad)] == [
        "imports prepcoach.stories.store",
        "imports prepcoach.store.db",
        "imports prepcoach.kit.research_store",
    ]
