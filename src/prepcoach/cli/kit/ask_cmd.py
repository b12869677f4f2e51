"""`prep ask`: browse the questions to ask by category and pick a shortlist for an interview.

The run:
1. find the interview (the current one by default) and its current shortlist;
2. with --pick, check and save that list; in a terminal, browse category by category and
   tick questions until 3-5 are picked; otherwise just show the questions and the list;
3. warn about picks the first round's post-mortem notes already answer (a terminal asks
   whether to keep them), save, and show the shortlist.
"""

from __future__ import annotations

from typing import Annotated

import typer

from prepcoach.cli import prompts
from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice, load_answers
from prepcoach.cli.keep import keeping
from prepcoach.cli.options import AnswersOption, InterviewArgument, JsonOption


def ask(
    query: InterviewArgument = None,
    pick: Annotated[
        list[str] | None,
        typer.Option(
            "--pick",
            "-p",
            metavar="ID",
            help="Set the shortlist without prompts: repeat for each question (3-5), in order.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option(
            "--note",
            metavar="ID=TEXT",
            help="A note to tailor a picked question, e.g. ask-team-changes='after the merger'.",
            show_default=False,
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="Only this category, e.g. team or growth."),
    ] = None,
    browse: Annotated[
        bool, typer.Option("--list", help="Only list the questions by category; pick nothing.")
    ] = False,
    answers: AnswersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Questions to ask the interviewer: browse them by category and pick 3-5 to ask.

    Each question comes with what asking it shows about you. The shortlist is saved for the
    interview, offered at the end of a mock interview and printed on the prep sheet.

    Example: prep ask acme   (or: prep ask --pick ask-closest-colleagues --pick ...)
    """
    # the database, content validation (YAML): loaded when the command runs
    from prepcoach.cli.kit import ask_flow as flow
    from prepcoach.content.model import ASK_CATEGORIES
    from prepcoach.kit import shortlist_service as service

    ctx = get_context()
    library = ctx.library()
    check_choice("--category", category, ASK_CATEGORIES)
    store = ctx.store()
    found = service.shortlist(store, query, browsing=not pick and (browse or as_json))
    interview, current = found.interview, found.entries
    stage = interview.stage if interview is not None else None

    def show_all() -> None:
        suggestions = service.suggestions(library, interview, current)
        flow.print_browse(
            ctx,
            library.ask_questions,
            stage,
            category,
            current,
            as_json=as_json,
            suggestions=suggestions,
        )

    if browse or (interview is None and as_json):
        show_all()
        return
    assert interview is not None
    notes = dict(flow.parse_note(n) for n in note or [])
    if pick:
        flow.save(ctx, interview, service.picks(pick, notes), ask=None)
        return
    prompter = prompts.make_prompter(load_answers(answers))
    if not prompter.interactive and answers is None:
        if notes:
            flow.save(ctx, interview, service.renoted(current, notes), ask=None)
            return
        show_all()
        if not as_json:
            ctx.console.print(
                "[dim]Pick in a terminal with 'prep ask', or: prep ask --pick ID --pick ID "
                "--pick ID[/dim]",
                highlight=False,
            )
        return
    keeper = keeping(ctx, "ask", interview.id, prompter, command=f"prep ask {interview.id}")
    picked = flow.choose(
        ctx, keeper, service.Picker(library, interview, current), interview, category
    )
    if picked is None:
        keeper.done()
        ctx.console.print("Nothing changed.")
        return
    flow.save(ctx, interview, service.picks(picked, notes, current), ask=keeper)
    keeper.done()
