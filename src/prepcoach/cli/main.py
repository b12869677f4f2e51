"""The only exit point: every error a user can cause becomes one line on stderr.

Exit codes: 0 ok, 1 user or content error, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import os
import signal
import sys

# typer and the CLI are imported inside `run`, after `--version` is answered: importing them
# costs ten times what the rest of `prep --version` does.


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("PREP_DEBUG") == "1"


# Global options that take a value, so that `prep --home X --version` is seen as a version query.
_VALUE_OPTIONS = ("--home", "--content")


def _version_only(args: list[str]) -> bool:
    """Whether `--version` comes before any command: answered without importing the CLI."""
    skip = False
    for word in args:
        if skip:
            skip = False
        elif word == "--version":
            return True
        elif word in _VALUE_OPTIONS:
            skip = True
        elif word == "--" or not word.startswith("-"):
            return False
    return False


def run(argv: list[str] | None = None) -> None:
    """Console-script entry point for `prep`."""
    args = sys.argv[1:] if argv is None else argv
    if _version_only(args):
        from prepcoach import __version__

        print(f"prep {__version__}")
        sys.exit(0)

    import typer

    from prepcoach.cli.app import app
    from prepcoach.kernel.errors import PrepError

    debug = _debug_requested(args)
    _stop_on_signals()
    try:
        code = app(args=args, prog_name="prep", standalone_mode=False)
    except typer.TyperException as error:  # click's errors: usage (2) and others
        if type(error).__name__ == "NoArgsIsHelpError":
            ctx = getattr(error, "ctx", None)
            print(ctx.get_help() if ctx else error.format_message())
            sys.exit(0)
        if debug:
            raise
        message = error.format_message()
        ctx = getattr(error, "ctx", None)
        if error.exit_code == 2 and ctx is not None:
            message += f"\nTry '{ctx.command_path} --help' for help."
        _error_line(message)
        sys.exit(error.exit_code)
    except typer.Exit as error:
        if _signalled:
            from prepcoach.cli.keep import was_stop_told

            if not was_stop_told():
                _say_stopped()
            sys.exit(128 + _signalled[-1])
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _say_stopped()
        sys.exit(128 + (_signalled[-1] if _signalled else signal.SIGINT))
    except PrepError as error:  # raised outside a command (e.g. by the global options)
        if debug:
            raise
        _error_line(str(error))
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as error:  # a bug: say so in one line, keep details behind --debug
        if debug:
            raise
        _error_line(
            f"unexpected {type(error).__name__}: {error}. "
            "Run again with --debug for details and please report it."
        )
        sys.exit(1)
    if code == 130 or _signalled:  # typer returns 130 for an interrupt it caught itself
        from prepcoach.cli.keep import was_stop_told

        if not was_stop_told():
            _say_stopped()
        sys.exit(128 + (_signalled[-1] if _signalled else signal.SIGINT))
    sys.exit(code if isinstance(code, int) else 0)


_signalled: list[int] = []  # the stop signals received (the exit status says which)


def _stop_on_signals() -> None:
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


def _say_stopped() -> None:
    from prepcoach.cli.prompts import kept_note

    try:
        note = kept_note()
    except Exception:  # noqa: BLE001 - the drafts are on disk; only the note is missing
        note = ""
    from prepcoach.cli.keep import interrupt_note

    try:
        print(f"\nInterrupted: {interrupt_note()}", file=sys.stderr)
        if note:
            print(note, file=sys.stderr)
    except OSError:
        pass  # the terminal is gone (SIGHUP)


def _error_line(message: str) -> None:
    from prepcoach.cli.render import error_text

    print(f"Error: {error_text(message)}", file=sys.stderr)
