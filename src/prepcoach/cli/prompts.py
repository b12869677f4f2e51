"""The one place that asks the user anything.

Every question has a stable name (e.g. "story.title"), so the same flow can run from a
terminal (questionary), from scripted answers (tests, `--answers FILE`), or fail clearly when
there is no terminal to ask on.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from prepcoach.kernel.errors import NotInteractiveError, PrepError
from prepcoach.kernel.safetext import clean
from prepcoach.kernel.wording import counted

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.data.drafts import Drafts, TypedDraft

Validator = Callable[[str], str | None]  # returns an error message, or None when fine
OWN_LINE = 40  # a text prompt longer than this puts the answer on the line below


@dataclass(frozen=True, slots=True)
class Choice:
    title: str
    value: Any
    description: str | None = None
    key: str | None = None  # a one-key shortcut in the terminal


class TypedSoFar(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM, SIGHUP) at a text prompt, with what had been typed (to keep it)."""

    def __init__(self, text: str, signum: int = 2) -> None:
        super().__init__()
        self.text = text
        self.signum = signum


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a closed terminal): stop like Ctrl-C, keeping what was typed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Prompter(Protocol):
    """What flows may ask; implementations decide how the answer is obtained."""

    interactive: bool
    topic: str  # what is being answered now (a question), so drafts of one prompt stay apart

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
    ) -> str: ...

    def select(
        self,
        name: str,
        message: str,
        choices: Sequence[Choice],
        *,
        default: Any = None,
        instant: bool = False,
    ) -> Any: ...

    def checkbox(
        self, name: str, message: str, choices: Sequence[Choice], *, checked: Sequence[Any] = ()
    ) -> list[Any]: ...

    def confirm(self, name: str, message: str, *, default: bool = False) -> bool: ...

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
    ) -> str: ...


def _check(validate: Validator | None, value: str, name: str) -> str:
    if validate is not None:
        error = validate(value)
        if error:
            raise PrepError(f"answer for '{name}': {error}")
    return value


class ScriptedPrompter:
    """Answers from a mapping of prompt name to a value (or a list, used in order).

    An unexpected prompt is an error naming it, so a scripted run never hangs or guesses.
    """

    interactive = False
    topic = ""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self._answers: dict[str, list[Any]] = {
            k: list(v) if isinstance(v, list) and not k.endswith("[]") else [v]
            for k, v in answers.items()
        }
        self.asked: list[str] = []

    def _next(self, name: str, message: str) -> Any:
        self.asked.append(name)
        queue = self._answers.get(name)
        if not queue:
            raise NotInteractiveError(f"no scripted answer for '{name}' ({message})")
        return queue.pop(0)

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
        value = self._next(name, message)
        return _check(validate, default if value is None else str(value), name)

    def select(
        self,
        name: str,
        message: str,
        choices: Sequence[Choice],
        *,
        default: Any = None,
        instant: bool = False,
    ) -> Any:
        value = self._next(name, message)
        for choice in choices:
            if value in (choice.value, choice.title) or (choice.key and value == choice.key):
                return choice.value
        allowed = ", ".join(str(c.value) for c in choices)
        raise PrepError(f"answer for '{name}': '{value}' is not one of: {allowed}")

    def checkbox(
        self, name: str, message: str, choices: Sequence[Choice], *, checked: Sequence[Any] = ()
    ) -> list[Any]:
        values = self._next(name, message)
        values = values if isinstance(values, list) else [values]
        by_key = {c.value: c.value for c in choices} | {c.title: c.value for c in choices}
        missing = [v for v in values if v not in by_key]
        if missing:
            raise PrepError(
                f"answer for '{name}': unknown {'choice' if len(missing) == 1 else 'choices'}: "
                f"{', '.join(map(str, missing))}"
            )
        return [by_key[v] for v in values]

    def confirm(self, name: str, message: str, *, default: bool = False) -> bool:
        value = self._next(name, message)
        if isinstance(value, str):
            return value.strip().lower() in {"y", "yes", "true", "1"}
        return bool(value)

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
        return _check(validate, str(self._next(name, message)), name)


class NoTerminalPrompter(ScriptedPrompter):
    """Used when stdin is not a terminal and no answers were given: any question is an error."""

    def __init__(self, hint: str = "") -> None:
        super().__init__({})
        self._hint = hint

    def _next(self, name: str, message: str) -> Any:
        hint = f" {self._hint}" if self._hint else ""
        raise NotInteractiveError(
            f"'{message.strip()}' needs an answer, but there is no terminal to ask on.{hint}"
        )


_flushers: list[Callable[[], None]] = []  # called when prep is stopped (see cli.main)


def flush_typing() -> None:
    """Keep what is being typed right now as a draft (prep is being stopped)."""
    for flush in list(_flushers):
        try:
            flush()
        except Exception:  # noqa: BLE001 - stopping must go on; the last submitted text is kept
            pass


def stop_prompt(stop: BaseException) -> bool:
    """End the prompt running now with `stop` raised from it; False when none is running.

    An exception raised straight from a signal handler would land inside prompt_toolkit's
    event loop and leave the prompt hanging: the running application is asked to exit instead.
    """
    if "prompt_toolkit" not in sys.modules:
        return False
    from prompt_toolkit.application.current import get_app_or_none

    app = get_app_or_none()
    if app is None or not app.is_running or app.loop is None:
        return False

    def leave() -> None:
        if app.is_running and not app.future.done():  # type: ignore[union-attr]
            app.exit(exception=stop)

    app.loop.call_soon_threadsafe(leave)
    return True


def ask_retry(ctx: AppContext, reason: str) -> bool:
    """A write failed for a reason that can pass (busy, disk full): try again? (a terminal)"""
    import questionary

    flush_typing()
    ctx.err_console.print(
        f"Not saved yet: {reason}. What you typed is kept in {ctx.home / 'drafts'}.",
        markup=False,
        highlight=False,
    )
    startup_over()
    return bool(questionary.confirm("Try again?", default=True).unsafe_ask())


_held: list[tuple[int, int, int]] = []  # the collector's thresholds before start-up


def hold_collector() -> None:
    """Start-up makes many objects and little garbage: until `release_collector`, the
    garbage collector looks far less often (called by `cli.main` as a run starts)."""
    if not _held:
        _held.append(gc.get_threshold())
        gc.set_threshold(100_000, 50, 100)


def release_collector(*, freeze: bool = False) -> None:
    """The collector looks as often as before `hold_collector`; with `freeze`, it leaves what
    was made so far out of its rounds (start-up's modules and content last the run)."""
    if _held:
        if freeze:
            gc.freeze()
        gc.set_threshold(*_held.pop())


def startup_over() -> None:
    """Start-up is over once a prompt waits for the user: the collector, held back until now,
    looks as often as usual again, and the code compiled for records is kept now
    (`kernel.classcode`), not only at a good exit, which a closed terminal never reaches."""
    release_collector(freeze=True)
    from prepcoach.kernel import classcode

    classcode.save()


def kept_note() -> str:
    """What this run kept as drafts and did not save, in the words of the store: '' if none."""
    from prepcoach.cli.context import get_context

    drafts = get_context().drafts
    flush_typing()
    kept = drafts.kept()
    if not kept:
        return ""
    parts = []
    for draft in kept:
        label = " ".join(draft.message.splitlines()[-1].split())
        label = label if len(label) <= 40 else label[:37] + "..."
        parts.append(f"'{label}' ({counted(len(draft.text.split()), 'word')})")
    return (
        "Kept as drafts in "
        + str(drafts.folder)
        + ", offered back when you are asked again: "
        + "; ".join(parts)
    )


class QuestionaryPrompter:
    """Asks in the terminal; Ctrl-C raises KeyboardInterrupt so callers can keep what they have.

    Every message, hint and choice shown passes through `safetext.clean` (question texts and
    story titles come from content and from what people typed), as rich output does.

    With `drafts`, every text prompt keeps what was typed as a draft (on submit, and what is
    still in the prompt when prep is stopped) and offers a kept draft back.
    """

    interactive = True

    def __init__(self, drafts: Drafts | None = None) -> None:
        self.drafts = drafts
        self.topic = ""
        self._typing: tuple[str, str, Any] | None = None  # (name, message, question) now asked
        self.kept: list[TypedDraft] = []  # what a stop kept in this run, for the stop message
        _flushers.append(self.flush)

    def flush(self) -> None:
        """Keep the text in the prompt being answered now (called on a stop or a signal)."""
        if self.drafts is None or self._typing is None:
            return
        name, message, question = self._typing
        text = str(question.application.current_buffer.text)
        draft = self.drafts.keep(name, message, text)
        if draft is not None and all(k.key != draft.key for k in self.kept):
            self.kept.append(draft)

    @staticmethod
    def _ask(question: Any) -> Any:
        startup_over()
        _after_drawing(question)
        answer = question.unsafe_ask()  # raises KeyboardInterrupt instead of returning None
        return answer

    def _offer_draft(self, name: str, message: str, default: str) -> str:
        """The kept draft for this prompt, when there is one and the user takes it."""
        from prepcoach.kernel import clock

        if self.drafts is None:
            return default
        draft = self.drafts.offer(name, message, default)
        if draft is None:
            return default
        try:
            when = clock.local(datetime.fromisoformat(draft.kept_at)).strftime("%H:%M")
        except ValueError:
            when = "earlier"
        label = " ".join(message.splitlines()[-1].split())
        label = label if len(label) <= 60 else label[:57] + "..."
        if self.confirm(
            f"{name}.draft",
            f"You have an unsaved answer to '{label}' from {when}: use it?",
            default=True,
        ):
            return draft.text
        self.drafts.decline(draft)
        return default

    @staticmethod
    def _validator(validate: Validator | None) -> Callable[[str], bool | str]:
        def check(value: str) -> bool | str:
            if validate is None:
                return True
            error = validate(value)
            if error and len(error) >= _columns():  # the error line is cut at the edge
                from prepcoach.kernel.text import clip

                error = clip(error, _columns() - 1)
            return error or True

        return check

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
        import questionary

        extra: dict[str, Any] = {}
        # the draft is kept under the message as asked, not as laid out for this terminal's
        # width, so that an answer kept at 80 columns is offered back at 120
        kept_as = f"{message}\n{self.topic}" if self.topic else message
        if multiline and instruction is None:
            instruction = "(Esc then Enter to finish)"
        columns = _columns()
        hint = len(instruction) + 1 if instruction else 0
        own_line = multiline or len(message) > OWN_LINE or len(message) + hint + 3 > columns
        if own_line:
            # prompt_toolkit cuts the lines above the answer at the edge: wrap them here
            message = _fit(message, columns - 3)
        last = message.rsplit("\n", 1)[-1]
        if instruction and len(last) + hint + 3 > columns:
            # a hint that would wrap mid-word (or, on a multi-line prompt, draw the prompt
            # blank) goes on lines of its own below
            message, instruction = _fit(f"{message}\n  {instruction}", columns - 3), ""
        if own_line:
            # The prompt on a line of its own: the answer gets the terminal's whole width,
            # wrapped between words. questionary ends the prompt with a space, so the
            # answer starts one column in, and so do the rows it wraps onto.
            instruction = f"{instruction}\n" if instruction else "\n"
            extra["input_processors"] = [WordWrap(indent=1, continued=1)]
            extra["prompt_continuation"] = " "  # the rows it wraps onto start there too
        else:
            # the answer follows "? message (hint) " on the prompt's line, then wraps to the
            # terminal's first column
            prefix = len(clean(message)) + 3 + (len(clean(instruction)) + 2 if instruction else 0)
            extra["input_processors"] = [WordWrap(indent=prefix, continued=0)]
        if toolbar is not None:  # a live line under the prompt, e.g. a running timer
            live = toolbar
            extra |= {"bottom_toolbar": lambda: clean(live()), "refresh_interval": 0.5}
        default = self._offer_draft(name, kept_as, default)
        question = questionary.text(
            clean(message),
            default=default,
            multiline=multiline,
            validate=self._validator(validate),
            instruction=clean(instruction) if instruction else instruction,
            **extra,
        )
        _keep_on_interrupt(question)
        if self.drafts is not None and multiline:
            _keep_each_line(question, self.drafts, name, kept_as)
        self._typing = (name, kept_as, question)
        try:
            answer = str(self._ask(question))
        except Stopped as stop:  # a signal: the flow keeps the text as it keeps it on Ctrl-C
            self.flush()
            typed = str(question.application.current_buffer.text)
            raise TypedSoFar(typed, stop.signum) from None
        except BaseException:
            self.flush()
            raise
        finally:
            self._typing = None
        if self.drafts is not None:
            self.drafts.keep(name, kept_as, answer)
        return answer

    def select(
        self,
        name: str,
        message: str,
        choices: Sequence[Choice],
        *,
        default: Any = None,
        instant: bool = False,
    ) -> Any:
        import questionary

        shortcuts = all(c.key for c in choices)
        options = [
            questionary.Choice(
                _title(c.title, 6 if shortcuts else 3),  # " » " and "1) "
                value=c.value,
                description=_clean_or_none(c.description),
                shortcut_key=c.key or True,
            )
            for c in choices
        ]
        chosen = next((o for o in options if o.value == default), None)
        columns = _columns()
        message = _fit(message, columns - 32)  # room for "(Use shortcuts or arrow keys)"
        longest = max((len(clean(c.title)) + (3 if shortcuts else 0) for c in choices), default=0)
        if len(message.rsplit("\n", 1)[-1]) + longest + 3 > columns:
            # the choice, once made, is shown after the question: on a line of its own when
            # it would wrap mid-word there
            message += "\n"
        question = questionary.select(
            clean(message),
            choices=options,
            default=chosen,
            use_shortcuts=shortcuts,
        )
        _scroll_choices(question)
        if shortcuts and instant:  # a key chooses at once, without Enter
            _instant_keys(question, [str(c.key) for c in choices])
        return self._ask(question)

    def checkbox(
        self, name: str, message: str, choices: Sequence[Choice], *, checked: Sequence[Any] = ()
    ) -> list[Any]:
        import questionary

        options = [
            questionary.Choice(
                _title(c.title, 5),  # " » " and "○ "
                value=c.value,
                description=_clean_or_none(c.description),
                checked=c.value in checked,
            )
            for c in choices
        ]
        # a short hint (questionary's own is 75 columns long and wraps mid-word at 80), or
        # none when the message says how to pick
        hint = "" if "Space to" in message else "(Space to tick, Enter to confirm)"
        message = _fit(message, _columns() - 3 - len(hint))
        question = questionary.checkbox(clean(message), choices=options, instruction=hint)
        _scroll_choices(question)
        return list(self._ask(question))

    def confirm(self, name: str, message: str, *, default: bool = False) -> bool:
        import questionary

        message = _fit(message, _columns() - 9)  # room for " (Y/n) " and the answer
        return bool(self._ask(questionary.confirm(clean(message), default=default)))

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
        import questionary

        if not choices:  # nothing to complete from (questionary refuses an empty list)
            return self.text(name, message, default=default, validate=validate)
        # Shown cleaned, given back as they are: an answer that is a cleaned choice is that one.
        originals = {clean(choice): choice for choice in choices}
        notes = {clean(k): clean(v) for k, v in meta.items()} if meta else None

        def check(value: str) -> str | None:
            return None if validate is None else validate(originals.get(value, value))

        answer = str(
            self._ask(
                questionary.autocomplete(
                    clean(message),
                    choices=list(originals),
                    default=clean(default),
                    match_middle=True,
                    ignore_case=True,
                    validate=self._validator(check),
                    completer=fuzzy_completer(list(originals), notes) if fuzzy else None,
                    meta_information=notes if notes and not fuzzy else None,
                    input_processors=[WordWrap(indent=len(clean(message)) + 3, continued=0)],
                )
            )
        )
        return originals.get(answer, answer)


def _fit(message: str, width: int) -> str:
    """The message wrapped between words to `width`, the rows a line wraps onto indented
    under the text that follows the prompt's mark."""
    import textwrap

    if width < 20:
        return message
    lines: list[str] = []
    for line in message.split("\n"):
        if len(line) <= width:
            lines.append(line)
        else:
            lines += textwrap.wrap(line, width, subsequent_indent="  ", break_on_hyphens=False)
    return "\n".join(lines)


def _keep_each_line(question: Any, drafts: Drafts, name: str, message: str) -> None:
    """Keep a multi-line answer as a draft each time a line is finished (or removed), so
    that even a kill that no handler sees (SIGKILL, a crash) loses at most the line being
    typed."""
    buffer = question.application.current_buffer
    lines = [buffer.text.count("\n")]

    def changed(buffer: Any) -> None:
        count = buffer.text.count("\n")
        if count == lines[0]:
            return
        lines[0] = count
        try:
            drafts.keep(name, message, buffer.text)
        except Exception:  # noqa: BLE001 - typing goes on; the answer is kept when submitted
            pass

    buffer.on_text_changed += changed


def _clean_or_none(text: str | None) -> str | None:
    """A choice's description, cleaned and wrapped: questionary shows it after
    "  Description: " and cuts it at the terminal's edge."""
    if text is None:
        return None
    lead = "Description: "
    return _fit(lead + clean(text), _columns() - 3)[len(lead) :]


def _keep_on_interrupt(question: Any) -> None:
    """Ctrl-C at a text prompt raises TypedSoFar with the text typed, not a bare interrupt."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-c", eager=True)
    def interrupt(event: Any) -> None:
        event.app.exit(exception=TypedSoFar(event.app.current_buffer.text))

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


_ONCE_DRAWN: list[Callable[[], None]] = []


def once_drawn(task: Callable[[], None]) -> None:
    """Run `task` once the next prompt has been drawn and waits for the person: work that
    can go on while they read (it should be quick to start, a thread for anything long)."""
    _ONCE_DRAWN.append(task)


def _after_drawing(question: Any) -> None:
    """Hand the tasks waiting for a prompt to this one: run just after its first draw."""
    app = getattr(question, "application", None)
    if not _ONCE_DRAWN or app is None:
        return
    tasks = list(_ONCE_DRAWN)
    _ONCE_DRAWN.clear()

    def schedule() -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        for task in tasks:
            loop.call_later(0.02, task)  # the prompt is drawn before the loop runs this

    app.pre_run_callables.append(schedule)


def _inquirer_control(question: Any) -> Any:
    """The list of choices in a questionary select or checkbox, or None."""
    from questionary.prompts.common import InquirerControl

    app = getattr(question, "application", None)
    if app is None:
        return None
    return next(
        (
            w.content
            for w in app.layout.find_all_windows()
            if isinstance(w.content, InquirerControl)
        ),
        None,
    )


def _scroll_choices(question: Any) -> None:
    """Show a long list of choices a screenful at a time, scrolling with the pointer.

    questionary draws every choice, so a list longer than the terminal runs off its foot:
    the pointer moves onto rows nobody sees and the description of the choice is lost. The
    list is cut to the rows the terminal has, around the pointer, with a line saying how
    many more lie above and below, and the description stays under it.
    """
    control = _inquirer_control(question)
    if control is None:
        return
    whole = control.text

    def rows() -> int:
        from prompt_toolkit.application.current import get_app_or_none

        app = get_app_or_none()
        if app is not None:
            try:
                return int(app.output.get_size().rows)
            except Exception:  # noqa: BLE001 - an output with no size: the environment's
                pass
        import shutil

        return shutil.get_terminal_size().lines

    def shown() -> Any:
        tokens = list(whole())
        return visible_choices(tokens, control.choice_count, control.pointed_at, rows())

    control.text = shown


def visible_choices(tokens: list[Any], count: int, pointed: int, rows: int) -> list[Any]:
    """The rows of a choice list that fit in `rows` terminal rows, around the pointed one.

    `tokens` are questionary's: each choice's tokens end with a newline token of their own
    (a long title wraps onto rows of its own inside them), then the pointed choice's
    description. The prompt's own line, a margin and the description keep their rows; at
    least five rows of choices are shown.
    """
    groups: list[list[Any]] = [[]]
    for token in tokens:
        if len(groups) <= count and token[0] == "" and token[1] == "\n":
            groups.append([])  # the end of a choice
        else:
            groups[-1].append(token)
    choices, tail = groups[:count], [t for group in groups[count:] for t in group]
    if len(choices) < count:
        return tokens

    def height(group: list[Any]) -> int:
        return 1 + sum(str(t[1]).count("\n") for t in group)

    tail_rows = height(tail) if any(t[1] for t in tail) else 0
    room = max(5, rows - 3 - tail_rows)
    heights = [height(g) for g in choices]
    if sum(heights) <= room:
        return tokens
    room -= 2  # the lines that say how many more there are
    # the pointed choice, then its neighbours, as many as fit, below ones first
    first = last = min(pointed, count - 1)
    used = heights[first]
    while True:
        grown = False
        if (
            last + 1 < count
            and used + heights[last + 1] <= room
            and (last - pointed <= pointed - first or first == 0)
        ):
            last += 1
            used += heights[last]
            grown = True
        if first > 0 and used + heights[first - 1] <= room:
            first -= 1
            used += heights[first]
            grown = True
        if not grown:
            break
    out: list[Any] = []
    if first:
        out += [("class:instruction", f"   ↑ {first} more"), ("", "\n")]
    for group in choices[first : last + 1]:
        out += [*group, ("", "\n")]
    if last < count - 1:
        out += [("class:instruction", f"   ↓ {count - 1 - last} more"), ("", "\n")]
    out += tail
    if out and out[-1] == ("", "\n"):
        out.pop()
    return out


def _title(title: str, lead: int) -> str:
    """A choice's title wrapped between words to the terminal, its rows after the first
    starting under its text (`lead`: the columns of pointer, mark and shortcut before it);
    prompt_toolkit would cut it at the edge."""
    import textwrap

    text = clean(title)
    width = _columns() - lead - 1
    if len(text) <= width or width < 20:
        return text
    return "\n".join(textwrap.wrap(text, width, subsequent_indent=" " * lead))


def _instant_keys(question: Any, keys: Sequence[str]) -> None:
    """Make a select's shortcut keys choose at once (questionary's only move the cursor)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    app = question.application
    control = _inquirer_control(question)
    if control is None:
        return
    bindings = KeyBindings()
    for index, key in enumerate(keys):

        def choose(event: Any, index: int = index) -> None:
            control.pointed_at = index
            control.is_answered = True
            event.app.exit(result=control.get_pointed_at().value)

        bindings.add(key, eager=True)(choose)
    # The last binding for a key wins: these come after questionary's own.
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


class WordWrap:
    """A prompt_toolkit input processor that wraps long lines between words.

    prompt_toolkit wraps at the last column, splitting words; this pads the display (never
    the text) so that a word that would cross the edge starts the next line instead.
    `indent` is the width of the prefix on the first row (the prompt's last line) and
    `continued` the width of the prefix on the rows after it: the same for a multi-line
    prompt, whose continuation rows are indented like the first, none for a one-line prompt.
    """

    def __init__(self, indent: int = 0, continued: int | None = None) -> None:
        self.indent = indent
        self.continued = indent if continued is None else continued

    def apply_transformation(self, ti: Any) -> Any:
        from prompt_toolkit.formatted_text.utils import fragment_list_to_text
        from prompt_toolkit.layout.processors import Transformation

        first, rest = int(ti.width or 0) - self.indent, int(ti.width or 0) - self.continued
        text = fragment_list_to_text(ti.fragments)
        if min(first, rest) < 10 or len(text) < first:
            return Transformation(ti.fragments)
        style = ti.fragments[0][0] if ti.fragments else ""
        out: list[Any] = []
        pads = [0] * (len(text) + 1)  # padding inserted before each source position
        width = first  # of the row being filled
        column = 0
        added = 0
        position = 0
        for word in _runs(text):
            if not word.isspace() and column and column + len(word) >= width:
                added += width - column
                out.append((style, " " * (width - column)))
                column, width = 0, rest
            for offset in range(len(word)):
                pads[position + offset] = added
            out.append((style, word))
            position += len(word)
            column += len(word)
            while column >= width:  # the row is full: the terminal goes on on the next one
                column, width = column - width, rest
        pads[len(text)] = added
        if not added:
            return Transformation(ti.fragments)
        starts = [i + pads[i] for i in range(len(text) + 1)]

        def to_display(i: int) -> int:
            return starts[min(max(i, 0), len(text))]

        def to_source(d: int) -> int:
            for i, start in enumerate(starts):
                if start >= d:
                    return i
            return len(text)

        return Transformation(out, source_to_display=to_display, display_to_source=to_source)


def _runs(text: str) -> list[str]:
    """The text as alternating runs of non-spaces and spaces."""
    import re

    return re.findall(r"\S+|\s+", text)


FUZZY_LIMIT = 8  # completions shown at once


def fuzzy_matches(query: str, choices: Sequence[str], limit: int = FUZZY_LIMIT) -> list[str]:
    """Choices where every typed word matches a word of the choice, best first.

    A typed word matches a word it equals, starts, or (from four letters) is part of, or one
    it resembles closely (rapidfuzz ratio of 80 or more: "manger" finds "manager"). Words
    may come in any order; ties keep the choices' order.
    """
    from rapidfuzz import fuzz, utils

    words = utils.default_process(query).split()
    if not words:
        return []
    scored: list[tuple[float, int]] = []
    for index, choice in enumerate(choices):
        targets = utils.default_process(choice).split()
        total = 0.0
        for word in words:
            best = 0.0
            for target in targets:
                if target == word:
                    best = 100.0
                    break
                if target.startswith(word) or (len(word) >= 4 and word in target):
                    best = max(best, 95.0)
                elif len(word) >= 4:
                    best = max(best, fuzz.ratio(word, target))
            if best < 80:
                break
            total += best
        else:
            scored.append((-total / len(words), index))
    scored.sort()
    return [choices[index] for _score, index in scored[:limit]]


def fuzzy_completer(choices: Sequence[str], meta: Mapping[str, str] | None = None) -> Any:
    """A prompt_toolkit completer over whole choices, by `fuzzy_matches`."""
    from prompt_toolkit.completion import Completer, Completion

    options = list(dict.fromkeys(choices))
    notes = dict(meta or {})

    class FuzzyChoices(Completer):
        def get_completions(self, document: Any, complete_event: Any) -> Any:
            typed = document.text_before_cursor
            for choice in fuzzy_matches(typed, options):
                yield Completion(
                    choice,
                    start_position=-len(typed),
                    display=clean(choice),
                    display_meta=clean(notes.get(choice, "")),
                )

    return FuzzyChoices()


def _columns() -> int:
    import shutil

    return shutil.get_terminal_size().columns


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def make_prompter(answers: Mapping[str, Any] | None = None, hint: str = "") -> Prompter:
    """Scripted answers when given; the terminal when there is one; otherwise a clear error."""
    if answers is not None:
        return ScriptedPrompter(answers)
    if stdin_is_terminal() and os.environ.get("TERM") != "dumb":
        from prepcoach.cli.context import get_context

        return QuestionaryPrompter(get_context().drafts)
    return NoTerminalPrompter(hint)
