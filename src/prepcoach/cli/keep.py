"""Nothing typed at a prompt is lost: answers are kept as they are given, and a Ctrl-C says
what was saved.

`keeping(ctx, kind, key, prompter, command=...)` wraps a prompter so that each answer is kept
at once as the record draft of `kind`/`key` (the drafts service, `prepcoach.data.drafts`). When the
command stops before it saves (Ctrl-C, an error), the next run of the same command offers
every kept answer as the default: Enter keeps it. The command calls `done()` once its record
is saved, which lets go of the record's draft and of the text typed for it.
`interrupt_note` is what the Ctrl-C line says; commands that save as they go set their own
with `say_on_interrupt`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from prepcoach.cli.prompts import Choice, Prompter, Validator
from prepcoach.data.drafts import Drafts

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext

DEFAULT_NOTE = "nothing was saved."
_note: list[str] = []


def say_on_interrupt(note: str) -> None:
    """What the Ctrl-C line says for the running command (the last call wins)."""
    _note[:] = [note]


_told: list[bool] = []


def stop_told() -> None:
    """The command has said what its stop kept (a summary, the Ctrl-C line): prep adds
    nothing when it exits with 130."""
    _told[:] = [True]


def was_stop_told() -> bool:
    return bool(_told)


def interrupt_note() -> str:
    return _note[0] if _note else DEFAULT_NOTE


def new_run() -> None:
    """A new run of prep in this process (tests run many): nothing told, no note set."""
    _told.clear()
    _note.clear()


def forget_note() -> None:
    _note.clear()


class KeepingPrompter:
    """A prompter that keeps every answer until `done()`, and offers kept ones as defaults."""

    def __init__(self, inner: Prompter, drafts: Drafts, kind: str, key: str, command: str) -> None:
        self.inner = inner
        self.interactive = inner.interactive
        self.drafts = drafts
        self.kind, self.key = kind, key
        self.record = drafts.open_record(kind, key, resume=inner.interactive)
        self.path = self.record.path
        self.command = command
        self.kept: dict[str, list[Any]] = self.record.kept
        self.resumed = bool(self.kept)
        self.given: dict[str, list[Any]] = self.record.given
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
            self.drafts.keep_record(self.record)
        return value

    def done(self) -> None:
        """The record is saved: the kept answers are no longer needed."""
        self.drafts.record_saved(self.kind, self.key)
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


def keeping(
    ctx: AppContext, kind: str, key: str, prompter: Prompter, *, command: str
) -> KeepingPrompter:
    """`prompter`, keeping its answers for `kind`/`key` (and saying so when it resumes)."""
    keeper = KeepingPrompter(prompter, ctx.drafts, kind, key, command)
    if keeper.resumed:
        ctx.err_console.print(
            "[dim]Picking up what you typed last time: Enter keeps each answer.[/dim]",
            highlight=False,
        )
    return keeper
