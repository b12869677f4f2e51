"""Per-run settings from the global options, and lazily opened resources."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from prepcoach.cli import prompts
from prepcoach.cli.render import make_safe_console
from prepcoach.data.drafts import Drafts
from prepcoach.kernel.paths import default_home

if TYPE_CHECKING:
    from rich.console import Console

    from prepcoach.content.library import ContentLibrary
    from prepcoach.data.service import Store


@dataclass(slots=True)
class AppContext:
    """What every command needs: where the data is, which content to load, how to print."""

    home: Path
    content_paths: list[Path] = field(default_factory=list)
    color: bool = True
    debug: bool = False
    _library: ContentLibrary | None = None
    _console: Console | None = None
    _err_console: Console | None = None
    _store: Store | None = None
    _drafts: Drafts | None = None

    @property
    def drafts(self) -> Drafts:
        """What is typed in this run and not saved yet (kept as drafts until it is)."""
        if self._drafts is None:
            self._drafts = Drafts(self.home)
        return self._drafts

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console(color=self.color)
        return self._console

    @property
    def err_console(self) -> Console:
        if self._err_console is None:
            self._err_console = make_console(color=self.color, stderr=True)
        return self._err_console

    def store(self) -> Store:
        """The user's database, opened (and migrated) on first use."""
        if self._store is None:
            from prepcoach.data.service import open_store  # loads SQLite: only when used

            asking = prompts.stdin_is_terminal() and os.environ.get("TERM") != "dumb"
            self._store = open_store(
                self.home,
                retry=(lambda failure: prompts.ask_retry(self, str(failure))) if asking else None,
            )
            self.drafts.watch(self._store)
        return self._store

    def close(self) -> None:
        """Release what was opened (the database); called once the command has finished."""
        if self._store is not None:
            store, self._store = self._store, None
            store.close()

    def library(self) -> ContentLibrary:
        """Built-in content, the user's content dir, then --content paths (cached on disk)."""
        if self._library is None:
            from prepcoach.content.library import content_files, load_library
            from prepcoach.kernel import paths

            files = content_files(
                paths.builtin_content_dir(),
                paths.user_content_dir(self.home),
                self.content_paths,
            )
            self._library = load_library(
                files, cache_dir=paths.cache_dir(self.home), prepare_checks=load_content_checks
            )
        return self._library


def load_content_checks(kinds: Collection[str] | None = None) -> None:
    """Import the features that add checks of these kinds of content (all when None) to
    content validation (see content.checks).

    Called only when a pack file has to be checked, with the kinds it holds: loading from the
    cache needs neither them nor their imports.
    """
    if kinds is None or "email_templates" in kinds:
        import prepcoach.followup.core  # noqa: F401
    if kinds is None or "postmortem_templates" in kinds:
        import prepcoach.postmortem.core  # noqa: F401


def make_console(*, color: bool = True, stderr: bool = False) -> Console:
    no_color = not color or "NO_COLOR" in os.environ
    return make_safe_console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=False)


_current: AppContext | None = None


def set_context(context: AppContext) -> None:
    global _current
    _current = context


def start_context(
    home: Path | None, content: Sequence[Path], *, color: bool, debug: bool
) -> AppContext:
    """The run's context from the global options: the home (--home, else PREP_HOME, else the
    user data directory) and the content paths (PREP_CONTENT's, then each --content)."""
    listed = os.environ.get("PREP_CONTENT", "").split(os.pathsep)
    paths = [Path(p).expanduser() for p in listed if p]
    context = AppContext(
        home=(home.expanduser() if home else default_home()),
        content_paths=paths + list(content),
        color=color,
        debug=debug,
    )
    set_context(context)
    return context


def get_context() -> AppContext:
    """The context set by the top-level callback (a default one when a command runs alone)."""
    global _current
    if _current is None:
        _current = AppContext(home=default_home())
    return _current
