"""Arguments and options that several commands share, each defined once with its help.

A command whose help says something more specific (e.g. `prep followup`'s default
interview, `prep practice --answers`) keeps its own definition next to the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

InterviewArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[INTERVIEW]",
        help="An interview id (or its start) or company; default: the current interview.",
        show_default=False,
    ),
]
AnswersOption = Annotated[
    Path | None,
    typer.Option("--answers", metavar="FILE", help="Answer the prompts from a YAML file."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing FILE.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
