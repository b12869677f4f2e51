"""The one error handling of a run: every error a user can cause becomes one line on stderr.

Exit codes: 0 ok, 1 user or content error, 2 usage error, 130 interrupted (128 + the signal
for a stop signal). Both ways a command is started use it: typer (`cli.main`, with
`cli.app.PrepGroup` for what a command raises) and the quick start (`cli.quickstart`), so an
error reads and exits the same whichever of them ran the command.

Nothing here imports typer: the quick start runs without it.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import NoReturn

from prepcoach.kernel.errors import ContentError, PrepError

_signalled: list[int] = []  # the stop signals received (the exit status says which)


def debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("PREP_DEBUG") == "1"


def begin() -> None:
    """A run starts: what an earlier run in this process received or told is forgotten."""
    _signalled.clear()
    keep = sys.modules.get("prepcoach.cli.keep")  # loaded only by a run that kept drafts
    if keep is not None:
        keep.new_run()


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP stop prep the way Ctrl-C does: what is typed is kept first."""

    def stop(signum: int, _frame: object) -> None:
        from prepcoach.cli.prompts import Stopped, flush_typing, stop_prompt

        signal.signal(signum, signal.SIG_DFL)  # a second signal ends prep at once
        _signalled.append(signum)
        flush_typing()  # what is in the prompt now is on disk before anything else happens
        if not stop_prompt(Stopped(signum)):
            raise Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, stop)


def command_failed(error: BaseException, debug: bool) -> int | None:
    """Say what went wrong in a command, in its one line (a broken pack's problems below
    it), and return the exit code; None for what is not the user's to fix (raise it).
    An interrupt is 130, told when the run ends."""
    if isinstance(error, PrepError):
        if debug:
            return None
        from prepcoach.cli.render import error_text

        _err(f"Error: {error_text(error, 5_000)}")
        if isinstance(error, ContentError) and "\n" not in str(error):
            for problem in error.problems[:10]:
                _err(f"  {error_text(problem)}")
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return 130  # said once, with what was kept, as the run ends (`finished`)
    sqlite3 = sys.modules.get("sqlite3")  # only loaded if a command used the database
    if sqlite3 is not None and isinstance(error, sqlite3.Error) and not debug:
        from prepcoach.cli.context import get_context
        from prepcoach.data.service import database_error

        _err(f"Error: {database_error(error, get_context().home)}")
        return 1
    return None


def exit_with(code: int) -> NoReturn:
    """A command ended with `code`; a stop signal received on the way decides the status."""
    if _signalled:
        from prepcoach.cli.keep import was_stop_told

        if not was_stop_told():
            say_stopped()
        sys.exit(128 + _signalled[-1])
    sys.exit(code)


def finished(code: int | None) -> NoReturn:
    """A command ended with `code`: 130 (or a stop signal on the way) is an interrupt, told
    here with what was kept, unless the command has told of its stop itself."""
    if code == 130 or _signalled:
        from prepcoach.cli.keep import was_stop_told

        if not was_stop_told():
            say_stopped()
        sys.exit(128 + (_signalled[-1] if _signalled else signal.SIGINT))
    if not code:
        from prepcoach.kernel import classcode

        classcode.save()  # what this run compiled for its records, kept for the next one
    sys.exit(code if isinstance(code, int) else 0)


def interrupted() -> NoReturn:
    say_stopped()
    sys.exit(128 + (_signalled[-1] if _signalled else signal.SIGINT))


def failed(error: Exception, debug: bool) -> NoReturn:
    """An error no command turned into its line: a user's error, a closed pipe, or a bug
    (said in one line, with the details behind --debug)."""
    if isinstance(error, PrepError):
        if debug:
            raise error
        error_line(str(error))
        sys.exit(error.exit_code)
    if isinstance(error, BrokenPipeError):
        sys.stderr.close()
        sys.exit(0)
    if debug:
        raise error
    error_line(
        f"unexpected {type(error).__name__}: {error}. "
        "Run again with --debug for details and please report it."
    )
    sys.exit(1)


def run_command(command: Callable[[], int | None], debug: bool) -> bool:
    """Run a command started without typer, with typer's handling of what it raises.

    `command` returns its exit code (0, or 130 for a stop it has told of), or None before
    doing anything when typer is to read the options instead and say what is wrong with
    them: then this returns False; else it exits."""
    from prepcoach.cli.context import get_context

    stop_on_signals()
    aborted = False
    try:
        try:
            code = command()
        except EOFError:  # Ctrl-D at an empty prompt: typer takes it for an abort
            aborted, code = True, 130
        except Exception as error:
            code = command_failed(error, get_context().debug)
            if code is None:
                raise
        except KeyboardInterrupt as error:
            code = command_failed(error, get_context().debug)
        finally:
            get_context().close()
    except KeyboardInterrupt:  # raised while closing, after the command's own handling
        interrupted()
    except Exception as error:  # noqa: BLE001 - every error ends in its one line
        failed(error, debug)
    if code is None:
        return False
    if aborted:
        _err("")
        interrupted()
    finished(code)  # as typer hands back the code a command exited with


def say_stopped() -> None:
    from prepcoach.cli.prompts import kept_note

    try:
        note = kept_note()
    except Exception:  # noqa: BLE001 - the drafts are on disk; only the note is missing
        note = ""
    from prepcoach.cli.keep import interrupt_note

    try:
        print(file=sys.stderr)
        for line in f"Interrupted: {interrupt_note()}\n{note}".strip().splitlines():
            print(fitted(line), file=sys.stderr)
    except OSError:
        pass  # the terminal is gone (SIGHUP)


def fitted(line: str) -> str:
    """`line` wrapped at spaces to the terminal's width, never inside a word or a path; a
    line indented to be copied (a command) stays whole."""
    import re
    import shutil
    import textwrap

    width = shutil.get_terminal_size().columns - 1  # a full last column wraps on some terminals
    if line.startswith("  ") or len(line) <= width:
        return line
    # a quoted command ('prep interview add') is kept on one line: its spaces do not break
    whole = re.sub(r"'prep [^']*'", lambda quoted: quoted[0].replace(" ", "\u00a0"), line)
    wrapped = textwrap.fill(whole, max(20, width), break_long_words=False, break_on_hyphens=False)
    return wrapped.replace("\u00a0", " ")


def error_line(message: str) -> None:
    from prepcoach.cli.render import error_text

    print(f"Error: {error_text(message)}", file=sys.stderr)


def _err(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
