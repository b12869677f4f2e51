"""The `prep` Typer application: global options and the command groups."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from prepcoach import __version__
from prepcoach.cli import data_cmd
from prepcoach.cli.content import content_cmd
from prepcoach.cli.context import AppContext, get_context, set_context
from prepcoach.cli.followup import followup_cmd
from prepcoach.cli.interviews import interview_cmd
from prepcoach.cli.kit import (
    ask_cmd,
    checklist_cmd,
    research_cmd,
    salary_cmd,
    sheet_cmd,
    status_cmd,
)
from prepcoach.cli.postmortem import postmortem_cmd
from prepcoach.cli.practice import history_cmd, practice_cmd
from prepcoach.cli.profile import profile_cmd
from prepcoach.cli.stories import story_cmd
from prepcoach.kernel.errors import ContentError, PrepError

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


class PrepGroup(TyperGroup):
    """Turns every PrepError into one `Error: ...` line and exit 1, for every command."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PrepError as error:
            context = get_context()
            if context.debug:
                raise
            typer.echo(f"Error: {error}", err=True)
            if isinstance(error, ContentError) and "\n" not in str(error):
                for problem in error.problems[:10]:
                    typer.echo(f"  {problem}", err=True)
            raise typer.Exit(error.exit_code) from None
        except Exception as error:
            sqlite3 = sys.modules.get("sqlite3")  # only loaded if a command used the database
            if sqlite3 is None or not isinstance(error, sqlite3.Error) or get_context().debug:
                raise
            from prepcoach.store.db import database_path, store_error

            typer.echo(f"Error: {store_error(error, database_path(get_context().home))}", err=True)
            raise typer.Exit(1) from None
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
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"prep {__version__}")
        raise typer.Exit()


def _split_env_paths(value: str | None) -> list[Path]:
    return [Path(p).expanduser() for p in (value or "").split(os.pathsep) if p]


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
    from prepcoach.kernel.paths import default_home

    paths = _split_env_paths(os.environ.get("PREP_CONTENT")) + list(content or [])
    set_context(
        AppContext(
            home=(home.expanduser() if home else default_home()),
            content_paths=paths,
            color=not no_color,
            debug=debug,
        )
    )
    if ctx.invoked_subcommand is None:  # `prep` alone: the readiness dashboard
        status_cmd.status(query=None, as_json=False)


app.command(
    "practice",
    short_help="Practise questions with feedback.  e.g. prep practice --mode mock",
)(practice_cmd.practice)
app.command(
    "history", short_help="Past sessions and attempts.  e.g. prep history --question why-us"
)(history_cmd.history)
app.command("stats", short_help="Scores, trend, streak and what is due.  e.g. prep stats")(
    history_cmd.stats
)
app.command(
    "followup",
    short_help="Draft the thank-you or follow-up email.  e.g. prep followup acme --eml t.eml",
)(followup_cmd.followup)
app.add_typer(content_cmd.app, name="content")
app.command(
    "questions",
    help="Browse the question bank with filters.\n\nExample: prep questions --competency conflict",
    short_help="Browse the question bank.  e.g. prep questions --stage second",
)(content_cmd.questions)
app.add_typer(
    interview_cmd.app,
    name="interview",
    short_help="Your interviews and interviewers.  e.g. prep interview add --company Acme",
)
app.add_typer(
    postmortem_cmd.app,
    name="postmortem",
    short_help="Look back on an interview; plan the next round.  e.g. prep postmortem acme",
)
app.add_typer(
    story_cmd.app,
    name="story",
    short_help="Your STAR story bank.  e.g. prep story add --competency conflict",
)
app.add_typer(
    profile_cmd.app,
    name="profile",
    short_help="Your name, email and signature for emails.  e.g. prep profile set",
)
app.command("export", short_help="Export all your data.  e.g. prep export -o backup.json")(
    data_cmd.export
)
app.command("import", short_help="Restore or merge an export.  e.g. prep import backup.json")(
    data_cmd.import_file
)
app.command("backup", short_help="A timestamped copy of your database.  e.g. prep backup")(
    data_cmd.backup
)
app.command("doctor", short_help="Check your data and say how to fix problems.  e.g. prep doctor")(
    data_cmd.doctor
)
app.command("ask", short_help="Questions to ask them: browse, pick 3-5.  e.g. prep ask acme")(
    ask_cmd.ask
)
app.add_typer(
    research_cmd.app,
    name="research",
    short_help="A company dossier with sources.  e.g. prep research acme",
)
app.command(
    "salary", short_help="Your researched range and how to say it.  e.g. prep salary --min 80k"
)(salary_cmd.salary)
app.command(
    "sheet", short_help="A printable one-page prep sheet.  e.g. prep sheet --out sheet.html"
)(sheet_cmd.sheet)
app.command(
    "checklist",
    short_help="Interview-day checklists: setup, delivery, nerves.  e.g. prep checklist",
)(checklist_cmd.checklist)
app.command("status", short_help="Your readiness for the next interview.  e.g. prep status")(
    status_cmd.status
)
