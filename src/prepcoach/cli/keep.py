"""Nothing typed at a prompt is lost: answers are kept as they are given, and a Ctrl-C says
what was saved.

`keeping(ctx, kind, key, prompter, command=...)` wraps a prompter so that each answer is
written at once to `<home>/drafts/answers-<kind>-<key>.yaml` (0600). When the command stops
before it saves (Ctrl-C, an error), the next run of the same command offers every kept answer
as the default: Enter keeps it. The command calls `done()` once its record is saved, which
drops the file. `interrupt_note` is what the Ctrl-C line says; commands that save as they go
set their own with `say_on_interrupt`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.cli.prompts import Choice, Prompter, Validator

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext

DEFAULT_NOTE = "nothing was saved."
_note: list[str] = []


def say_on_interrupt(note: str) -> None:
    """What the Ctrl-C line says for the running command (the last call wins)."""
    _note[:] = [note]


def interrupt_note() -> str:
    return _note[0] if _note else DEFAULT_NOTE


def forget_note() -> None:
    _note.clear()


class KeepingPrompter:
    """A prompter that keeps every answer until `done()`, and offers kept ones as defaults."""

    def __init__(self, inner: Prompter, path: Path, command: str) -> None:
        self.inner = inner
        self.interactive = inner.interactive
        self.path = path
        self.command = command
        self.kept: dict[str, list[Any]] = _load(path) if inner.interactive else {}
        self.resumed = bool(self.kept)
        self.given: dict[str, list[Any]] = {}
        say_on_interrupt(
            f"nothing was saved yet; what you typed is kept, and '{command}' offers it again."
        )

    # ---------------------------------------------------------------- the record
    def _kept(self, name: str) -> Any:
        earlier = self.kept.get(name, [])
        turn = len(self.given.get(name, []))
        return earlier[turn] if turn < len(earlier) else None

    def _put(self, name: str, value: Any) -> Any:
        self.given.setdefault(name, []).append(value)
        if self.inner.interactive:
            from prepcoach.content.yamlsource import dump_document
            from prepcoach.kernel.files import atomic_write

            atomic_write(self.path, dump_document(self.given), create_folder=True)
        return value

    def done(self) -> None:
        """The record is saved: the kept answers are no longer needed."""
        self.path.unlink(missing_ok=True)
        forget_note()

    # ---------------------------------------------------------------- the prompts
    def text(
        self,
        name: str,
        message: str,
        *,
        default: str = "",
        multiline: bool = False,
        validate: Validator | None = None,
        instruction: str | None = None,
        toolbar: Callable[[], str] | None = None,
    ) -> str:
        kept = self._kept(name)
        answer = self.inner.text(
            name,
            message,
            default=str(kept) if isinstance(kept, str) else default,
            multiline=multiline,
            validate=validate,
            instruction=instruction,
            toolbar=toolbar,
        )
        return str(self._put(name, answer))

    @property
    def topic(self) -> str:
        """What is being answered now, from the prompter this one wraps."""
        return self.inner.topic

    @topic.setter
    def topic(self, value: str) -> None:
        self.inner.topic = value

    def select(
        self,
        name: str,
        message: str,
        choices: Sequence[Choice],
        *,
        default: Any = None,
        instant: bool = False,
    ) -> Any:
        kept = self._kept(name)
        known = kept is not None and any(c.value == kept for c in choices)
        chosen = kept if known else default
        answer = (
            self.inner.select(name, message, choices, default=chosen, instant=True)
            if instant
            else self.inner.select(name, message, choices, default=chosen)
        )
        return self._put(name, answer)

    def checkbox(
        self, name: str, message: str, choices: Sequence[Choice], *, checked: Sequence[Any] = ()
    ) -> list[Any]:
        kept = self._kept(name)
        values = {c.value for c in choices}
        if isinstance(kept, list):
            checked = [v for v in kept if v in values]
        return list(self._put(name, self.inner.checkbox(name, message, choices, checked=checked)))

    def confirm(self, name: str, message: str, *, default: bool = False) -> bool:
        kept = self._kept(name)
        answer = self.inner.confirm(
            name, message, default=kept if isinstance(kept, bool) else default
        )
        return bool(self._put(name, answer))

    def autocomplete(
        self,
        name: str,
        message: str,
        choices: Sequence[str],
        *,
        default: str = "",
        validate: Validator | None = None,
        fuzzy: bool = False,
        meta: Mapping[str, str] | None = None,
    ) -> str:
        kept = self._kept(name)
        answer = self.inner.autocomplete(
            name,
            message,
            choices,
            default=str(kept) if isinstance(kept, str) else default,
            validate=validate,
            fuzzy=fuzzy,
            meta=meta,
        )
        return str(self._put(name, answer))


def answers_path(home: Path, kind: str, key: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in key.casefold())[:60]
    return home / "drafts" / f"answers-{kind}-{safe or 'new'}.yaml"


def keeping(
    ctx: AppContext, kind: str, key: str, prompter: Prompter, *, command: str
) -> KeepingPrompter:
    """`prompter`, keeping its answers for `kind`/`key` (and saying so when it resumes)."""
    keeper = KeepingPrompter(prompter, answers_path(ctx.home, kind, key), command)
    if keeper.resumed:
        ctx.err_console.print(
            "[dim]Picking up what you typed last time: Enter keeps each answer.[/dim]",
            highlight=False,
        )
    return keeper


def _load(path: Path) -> dict[str, list[Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    from prepcoach.content.yamlsource import parse_yaml

    data, problems = parse_yaml(text)
    if problems or not isinstance(data, dict):
        return {}
    return {str(k): list(v) for k, v in data.items() if isinstance(v, list)}
