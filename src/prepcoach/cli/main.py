"""The only exit point: every error a user can cause becomes one line on stderr.

Exit codes: 0 ok, 1 user or content error, 2 usage error, 130 interrupted (see `cli.guard`,
the one handling both typer and the quick start go through).
"""

from __future__ import annotations

import sys

# typer, the CLI and its error handling are imported inside `run`, after `--version` is
# answered: importing them costs ten times what the rest of `prep --version` does.

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

    _keep_class_code(args)  # first: every record prep defines is defined with it
    from prepcoach.cli import guard, prompts, quickstart

    guard.begin()

    prompts.hold_collector()  # until the first prompt waits (start-up makes little garbage)
    try:
        quickstart.start(args)  # a plain `prep practice` in a terminal; returns if not one
        _run_typer(args)
    finally:
        prompts.release_collector()


def _keep_class_code(args: list[str]) -> None:
    """Records are defined with the code compiled for them in an earlier run (see
    `kernel.classcode`), kept in the cache folder of the home this run uses."""
    home: str | None = None
    words = iter(args)
    for word in words:  # the global options, before the command
        if word == "--home":
            home = next(words, None)
        elif word.startswith("--home="):
            home = word.removeprefix("--home=")
        elif word == "--content":
            next(words, None)
        elif not word.startswith("-") or word == "--":
            break
    from pathlib import Path

    from prepcoach.kernel import classcode, paths

    try:
        folder = paths.cache_dir(Path(home).expanduser() if home else paths.default_home())
    except Exception:  # noqa: BLE001 - an unusable home is the command's to report
        return
    classcode.keep(folder)


def _run_typer(args: list[str]) -> None:
    import typer

    from prepcoach.cli import guard
    from prepcoach.cli.app import app

    debug = guard.debug_requested(args)
    guard.stop_on_signals()
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
        guard.error_line(message)
        sys.exit(error.exit_code)
    except typer.Exit as error:
        guard.exit_with(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        guard.interrupted()
    except Exception as error:  # a user's error outside a command (the global options), a bug
        guard.failed(error, debug)
    guard.finished(code)
