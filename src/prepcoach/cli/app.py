"""The `prep` Typer application: global options and the command groups."""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from prepcoach import __version__
from prepcoach.cli import fastparams, guard
from prepcoach.cli.context import get_context, start_context

# The order `prep --help` lists commands in: the daily jobs first, housekeeping last.
COMMAND_ORDER = (
    "status",
    "practice",
    "postmortem",
    "followup",
    "interview",
    "story",
    "ask",
    "research",
    "salary",
    "sheet",
    "checklist",
    "history",
    "stats",
    "questions",
    "content",
    "profile",
    "export",
    "import",
    "backup",
    "doctor",
)


@dataclass(frozen=True)
class Entry:
    """Where a top-level command lives: `attr` of `module`, a function or a Typer group."""

    module: str
    attr: str
    group: bool = False
    settings: dict[str, Any] = field(default_factory=dict)


_CLI = "prepcoach.cli."

# Every top-level command, imported and built only when it is run or listed (`prep --help`).
COMMANDS: dict[str, Entry] = {
    "practice": Entry(
        _CLI + "practice.practice_cmd",
        "practice",
        settings={
            "short_help": "Practise questions with feedback.  e.g. prep practice --mode mock"
        },
    ),
    "history": Entry(
        _CLI + "practice.history_cmd",
        "history",
        settings={"short_help": "Past sessions and attempts.  e.g. prep history --question why-us"},
    ),
    "stats": Entry(
        _CLI + "practice.stats_cmd",
        "stats",
        settings={"short_help": "Scores, trend, streak and what is due.  e.g. prep stats"},
    ),
    "followup": Entry(
        _CLI + "followup.followup_cmd",
        "followup",
        settings={
            "short_help": (
                "Draft the thank-you or follow-up email.  e.g. prep followup acme --eml t.eml"
            )
        },
    ),
    "content": Entry(_CLI + "content.content_cmd", "app", group=True),
    "questions": Entry(
        _CLI + "content.questions_cmd",
        "questions",
        settings={
            "help": (
                "Browse the question bank with filters.\n\n"
                "Example: prep questions --competency conflict"
            ),
            "short_help": "Browse the question bank.  e.g. prep questions --stage second",
        },
    ),
    "interview": Entry(
        _CLI + "interviews.interview_cmd",
        "app",
        group=True,
        settings={
            "short_help": (
                "Your interviews and interviewers.  e.g. prep interview add --company Acme"
            )
        },
    ),
    "postmortem": Entry(
        _CLI + "postmortem.postmortem_cmd",
        "app",
        group=True,
        settings={
            "short_help": (
                "Look back on an interview; plan the next round.  e.g. prep postmortem acme"
            )
        },
    ),
    "story": Entry(
        _CLI + "stories.story_cmd",
        "app",
        group=True,
        settings={"short_help": "Your STAR story bank.  e.g. prep story add --competency conflict"},
    ),
    "profile": Entry(
        _CLI + "profile.profile_cmd",
        "app",
        group=True,
        settings={
            "short_help": "Your name, email and signature for emails.  e.g. prep profile set"
        },
    ),
    "export": Entry(
        _CLI + "data_cmd",
        "export",
        settings={"short_help": "Export all your data.  e.g. prep export -o backup.json"},
    ),
    "import": Entry(
        _CLI + "data_cmd",
        "import_file",
        settings={"short_help": "Restore or merge an export.  e.g. prep import backup.json"},
    ),
    "backup": Entry(
        _CLI + "data_cmd",
        "backup",
        settings={"short_help": "A timestamped copy of your database.  e.g. prep backup"},
    ),
    "doctor": Entry(
        _CLI + "data_cmd",
        "doctor",
        settings={"short_help": "Check your data and say how to fix problems.  e.g. prep doctor"},
    ),
    "ask": Entry(
        _CLI + "kit.ask_cmd",
        "ask",
        settings={"short_help": "Questions to ask them: browse, pick 3-5.  e.g. prep ask acme"},
    ),
    "research": Entry(
        _CLI + "kit.research_cmd",
        "app",
        group=True,
        settings={"short_help": "A company dossier with sources.  e.g. prep research acme"},
    ),
    "salary": Entry(
        _CLI + "kit.salary_cmd",
        "salary",
        settings={
            "short_help": "Your researched range and how to say it.  e.g. prep salary --min 80k"
        },
    ),
    "sheet": Entry(
        _CLI + "kit.sheet_cmd",
        "sheet",
        settings={
            "short_help": "A printable one-page prep sheet.  e.g. prep sheet --out sheet.html"
        },
    ),
    "checklist": Entry(
        _CLI + "kit.checklist_cmd",
        "checklist",
        settings={
            "short_help": "Interview-day checklists: setup, delivery, nerves.  e.g. prep checklist"
        },
    ),
    "status": Entry(
        _CLI + "kit.status_cmd",
        "status",
        settings={"short_help": "Your readiness for the next interview.  e.g. prep status"},
    ),
}

HELP_NAMES = ["-h", "--help"]

# The root app's settings that typer hands down to every command it builds.
_BUILD_SETTINGS: dict[str, Any] = {
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "add_completion": False,
}


def build_command(name: str) -> Any:
    """The click command for one top-level command, built from its module on first use.

    A group is built without its subcommands, each of which is built when it is looked up:
    `prep story list` builds `list` only, `prep story --help` all of them."""
    entry = COMMANDS[name]
    target = getattr(importlib.import_module(entry.module), entry.attr)
    holder = typer.Typer(**_BUILD_SETTINGS)
    holder.callback()(_nothing)
    lazy = entry.group and not target.registered_groups  # (no group of prep's nests another)
    if lazy:
        shell = copy.copy(target)  # the group itself: its callback, help and settings
        shell.registered_commands = []
        holder.add_typer(shell, name=name, **entry.settings)
    elif entry.group:
        holder.add_typer(target, name=name, **entry.settings)
    else:
        holder.command(name, **entry.settings)(target)
    command: Any = typer.main.get_group(holder).commands[name]
    fastparams.install(command, HELP_NAMES)
    if lazy:
        command.commands = LazyCommands(
            {
                info.name or typer.main.get_command_name(info.callback.__name__): partial(
                    _build_subcommand, holder, info
                )
                for info in target.registered_commands
            }
        )
    return command


def _build_subcommand(holder: typer.Typer, info: Any) -> Any:
    """One subcommand of a group, as typer builds it inside the group (see `build_command`)."""
    command = typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=holder.pretty_exceptions_short,
        rich_markup_mode=holder.rich_markup_mode,
    )
    fastparams.install(command, HELP_NAMES)
    return command


def _nothing() -> None:
    """A placeholder callback, so that typer builds a group around the one command."""


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands: every name is known up front, each built when looked up.

    Listing names (did-you-mean, completion) builds nothing; `prep --help` looks up, and so
    builds, them all; `prep status` builds only `status`. The root's are `COMMANDS`, built by
    `build_command`; a group's come with their builders.
    """

    def __init__(self, builders: dict[str, Callable[[], Any]] | None = None) -> None:
        self._built: dict[str, Any] = {}
        self._builders = builders

    @property
    def _known(self) -> Mapping[str, object]:
        return COMMANDS if self._builders is None else self._builders

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._known:
                raise KeyError(name)
            build = self._builders[name] if self._builders is not None else None
            self._built[name] = build() if build is not None else build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        known = self._known
        yield from known
        yield from (name for name in self._built if name not in known)

    def __len__(self) -> int:
        known = self._known
        return len(known) + sum(1 for name in self._built if name not in known)

    def __contains__(self, name: object) -> bool:
        return name in self._known or name in self._built


class PrepGroup(TyperGroup):
    """Turns every PrepError into one `Error: ...` line and exit 1, for every command.

    Its commands are a `LazyCommands`, so that a run imports and builds only what it invokes.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        built = dict(self.commands)
        self.commands = LazyCommands()
        self.commands.update(built)
        fastparams.install(self, HELP_NAMES)

    def list_commands(self, ctx: Any) -> list[str]:
        names = list(self.commands)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:  # one line and an exit code (cli.guard), as for every run
            code = guard.command_failed(error, get_context().debug)
            if code is None:
                raise
            raise typer.Exit(code) from None
        except KeyboardInterrupt as error:  # typer would turn it into a silent exit 130
            raise typer.Exit(guard.command_failed(error, get_context().debug) or 130) from None
        finally:
            get_context().close()


app = typer.Typer(
    cls=PrepGroup,
    name="prep",
    help=(
        "An offline, private coach for interview preparation: practise questions with "
        "feedback, reflect after an interview, and write the follow-up."
    ),
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": HELP_NAMES},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"prep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            envvar="PREP_HOME",
            metavar="PATH",
            help="Where your data lives [default: your user data directory].",
            show_default=False,
        ),
    ] = None,
    content: Annotated[
        list[Path] | None,
        typer.Option(
            "--content",
            metavar="PATH",
            help="Extra content pack (file or folder); repeat for more. Env: PREP_CONTENT.",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="Plain output without colours (also NO_COLOR).")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    start_context(home, content or [], color=not no_color, debug=debug)
    if ctx.invoked_subcommand is None:  # `prep` alone: the readiness dashboard
        from prepcoach.cli.kit import status_cmd

        status_cmd.status(query=None, as_json=False)
