"""`prep story ...`: the STAR story bank (add, list, show, edit, rm, coverage, match)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli import inputs, prompts
from prepcoach.cli.context import get_context
from prepcoach.cli.options import AnswersOption, JsonOption, YesOption
from prepcoach.cli.prompts import Choice
from prepcoach.cli.render import esc, hanging, print_json
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.library import ContentLibrary
    from prepcoach.stories.core import StarStory
    from prepcoach.stories.guided import NewStory, Question

app = typer.Typer(
    help=(
        "Your STAR story bank: real stories, told Situation, Task, Action, Result, tagged "
        "with the competencies they show, ready for the questions that ask for them."
    ),
    short_help="Your STAR stories.  e.g. prep story add, prep story coverage",
    no_args_is_help=True,
)

StoryArgument = Annotated[
    str, typer.Argument(metavar="STORY", help="A story id (or its start) or its title.")
]


def _part_option(name: str) -> Any:
    return typer.Option(f"--{name}", help=f"The {name} part.", show_default=False)


@app.command("add")
def add(
    title: Annotated[
        str | None, typer.Option("--title", help="A few words to recognise it.")
    ] = None,
    competency: Annotated[
        list[str] | None,
        typer.Option(
            "--competency", "-c", metavar="ID", help="A competency it shows; repeat for more."
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template", metavar="ID", help="STAR template (default: picked by competency)."
        ),
    ] = None,
    situation: Annotated[str | None, _part_option("situation")] = None,
    task: Annotated[str | None, _part_option("task")] = None,
    action: Annotated[str | None, _part_option("action")] = None,
    result: Annotated[str | None, _part_option("result")] = None,
    reflection: Annotated[str | None, _part_option("reflection")] = None,
    interview: Annotated[
        str | None,
        typer.Option("--interview", metavar="ID", help="Link to an interview (id or company)."),
    ] = None,
    employer: Annotated[str | None, typer.Option("--employer", help="Where it happened.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Private notes.")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE.yaml",
            help="Read the story (or a list of stories) from YAML; see 'prep story edit'.",
        ),
    ] = None,
    answers: AnswersOption = None,
) -> None:
    """Add a story, guided part by part by a STAR template.

    Prompts for what the options leave out when run in a terminal.

    Example: prep story add --title "Release date dispute" -c conflict --situation "..."
    --task "..." --action "..." --result "..."
    """
    # sqlite3, YAML and rapidfuzz: loaded when the command runs, not for `prep --help`
    from prepcoach.cli.stories.render import length
    from prepcoach.stories import guided, service

    ctx = get_context()
    options = service.StoryOptions(
        title=title,
        competencies=tuple(competency or ()),
        template=template,
        parts={
            "situation": situation,
            "task": task,
            "action": action,
            "result": result,
            "reflection": reflection,
        },
        interview=interview,
        employer=employer,
        notes=notes,
    )
    service.check_options(options)
    library = ctx.library()
    store = ctx.store()
    base = None
    if from_file is not None:
        data = inputs.read_yaml(from_file, "story files")
        items = service.stories_in(data)
        if items is not None:
            _add_many(ctx, service.add_many(store, library, items, str(from_file)))
            return
        base = service.story_from(data, str(from_file))
    draft = service.draft(store, library, options, base)
    missing = service.missing(draft, library)
    if missing:
        if answers is None and not prompts.stdin_is_terminal():
            raise PrepError(
                f"the story needs {', '.join(missing)}; give them as options (or --from "
                "FILE.yaml), or run in a terminal to be asked"
            )
        flow = guided.NewStory(store, library, draft, ask_interview=interview is None)
        draft = _guided(ctx, inputs.prompter(answers), flow)
    saved = service.save_new(store, library, draft, home=ctx.home, from_file=from_file)
    ctx.console.print(
        f"Saved story [cyan]{saved.id}[/cyan] '{esc(saved.title)}' "
        f"({', '.join(saved.competencies)}): {length(saved)}",
        highlight=False,
    )
    ctx.console.print(
        f"[dim]Polish it: prep story edit {saved.id}   See your bank: prep story coverage[/dim]",
        highlight=False,
    )


def _add_many(ctx: AppContext, stories: list[StarStory]) -> None:
    for saved in stories:
        ctx.console.print(
            f"Saved story [cyan]{saved.id}[/cyan] '{esc(saved.title)}'", highlight=False
        )


def _guided(ctx: AppContext, ask: Prompter, flow: NewStory) -> StarStory:
    """Ask for each missing piece; on Ctrl-C keep what was typed as a draft file."""
    from prepcoach.stories import service

    try:
        while (question := flow.next()) is not None:
            note = flow.answer(question, _ask(ctx, ask, question))
            if note:
                ctx.console.print(note)
    except KeyboardInterrupt:
        from prepcoach.cli.keep import say_on_interrupt

        path = service.keep_unfinished(ctx.home, flow.story)
        if path is not None:  # said once, in the interrupt line, with the drafts kept
            say_on_interrupt(
                f"the story is not saved yet; your answers so far are kept in {path}\n"
                f"Finish the story with:\n  prep story add --from {path}"
            )
        raise
    return flow.story


def _ask(ctx: AppContext, ask: Prompter, question: Question) -> Any:
    choices = [Choice(o.label, o.value, description=o.description) for o in question.options]
    if question.kind == "checkbox":
        return ask.checkbox(question.key, question.message, choices)
    if question.kind == "select":
        return ask.select(question.key, question.message, choices)
    if question.heading is not None and ask.interactive:
        label, hint = question.heading
        ctx.console.print()
        hanging(ctx.console, f"[bold]{esc(label)}[/bold]  ", esc(hint), style="dim")
    return ask.text(question.key, question.message, validate=question.validate)


# ---------------------------------------------------------------------------- list / show


@app.command("list")
def list_stories(
    competency: Annotated[
        str | None, typer.Option("--competency", "-c", metavar="ID", help="Only these.")
    ] = None,
    interview: Annotated[
        str | None, typer.Option("--interview", metavar="ID", help="Linked to this interview.")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Fuzzy text search.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List your stories with their competencies and how often practice used them.

    Example: prep story list -c conflict
    """
    from prepcoach.cli.stories.render import story_dict, story_table
    from prepcoach.stories import service

    ctx = get_context()
    found = service.list_stories(
        ctx.store(), ctx.library(), competency=competency, interview=interview, search=search
    )
    if as_json:
        print_json([story_dict(s, found.uses.get(s.id, 0)) for s in found.stories])
        return
    if not found.stories:
        filtered = competency or interview or search
        ctx.console.print(
            "No stories match." if filtered else "No stories yet; add one with: prep story add"
        )
        return
    story_table(ctx.console, found)


@app.command("show")
def show(story_ref: StoryArgument, as_json: JsonOption = False) -> None:
    """Show a story in full, part by part.

    Example: prep story show st-q7hd4a
    """
    from prepcoach.cli.stories.render import story_detail, story_dict
    from prepcoach.stories import service

    ctx = get_context()
    detail = service.show(ctx.store(), story_ref)
    if as_json:
        print_json(story_dict(detail.story, detail.uses))
        return
    story_detail(ctx.console, ctx.library(), detail)


# ---------------------------------------------------------------------------- edit


@app.command("edit")
def edit(story_ref: StoryArgument) -> None:
    """Edit a story as YAML in your editor ($VISUAL or $EDITOR), like git commit.

    The story is checked when you save; if something is wrong the editor opens again with
    the problems listed at the top. Your text is never lost: if you give up, it stays in a
    draft that the next 'prep story edit' of the same story starts from.

    Example: EDITOR=nano prep story edit st-q7hd4a
    """
    from prepcoach.cli.stories.render import length
    from prepcoach.cli.yaml_edit import Wording, edit_yaml, saving
    from prepcoach.stories import core, service

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    story = service.find(store, story_ref)
    again = f"prep story edit {story.id}"

    def check(text: str, line_offset: int) -> tuple[StarStory | None, list[str]]:
        return service.check_edit(store, library, text, line_offset)

    result = edit_yaml(
        ctx,
        kind="story",
        record_id=story.id,
        header=_edit_header(library),
        body=core.to_yaml(story),
        check=check,
        again=again,
        wording=Wording(
            not_saved="The story was not saved:",
            fix="Fix it and save again; save without changes to stop (your text is kept).",
            emptied="The file was emptied: the story is unchanged.",
            remain="the story still has problems",
            reopening="The story has {problems}; reopening the editor.",
        ),
    )
    if result is None:
        return
    parsed, path = result
    with saving(ctx, "story", story.id, path, f"run '{again}' to apply it over the newer version"):
        saved = service.update(store, story, parsed)
    ctx.console.print(
        f"Saved story [cyan]{saved.id}[/cyan] '{esc(saved.title)}': {length(saved)}",
        highlight=False,
    )


def _edit_header(library: ContentLibrary) -> str:
    def wrap(text: str) -> list[str]:
        return textwrap.wrap(text, 86, break_on_hyphens=False, subsequent_indent="  ")

    lines = [
        "Edit the story, then save and close the editor to keep it; empty the file to cancel.",
        "Text goes on the lines after 'situation: |' (and the other parts), indented by two",
        "spaces; it can run over several lines.",
        *wrap("competencies: " + ", ".join(library.competencies)),
        *wrap("template: " + ", ".join(library.star_templates)),
        "interview: an interview id or company name; leave it empty for none.",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------- rm


@app.command("rm")
def remove(story_ref: StoryArgument, yes: YesOption = False) -> None:
    """Delete a story (practice answers that used it keep their text).

    Example: prep story rm st-q7hd4a
    """
    from prepcoach.stories import service

    ctx = get_context()
    store = ctx.store()
    gone = service.removal(store, story_ref, unasked=yes)
    story = gone.story
    note = f" ({gone.effects})" if gone.effects else ""
    if not yes:
        ask = prompts.make_prompter(hint="Add --yes to delete without being asked.")
        if not ask.confirm("story.rm", f"Delete {story.id} '{story.title}'?{note}", default=False):
            ctx.console.print("Nothing deleted.")
            return
    service.delete(store, story)
    ctx.console.print(
        f"Deleted story [cyan]{story.id}[/cyan] '{esc(story.title)}'{esc(note)}",
        highlight=False,
    )


# ---------------------------------------------------------------------------- coverage


@app.command("coverage")
def coverage_cmd(as_json: JsonOption = False) -> None:
    """Which competencies your stories cover, which stories are overused, and readiness.

    Ready means at least three stories that together cover different competencies.

    Example: prep story coverage
    """
    from prepcoach.cli.stories.render import coverage_data, coverage_matrix, coverage_verdict
    from prepcoach.stories import service
    from prepcoach.stories.core import READY_STORIES

    ctx = get_context()
    library = ctx.library()
    view = service.coverage(ctx.store(), library)
    if as_json:
        print_json(coverage_data(view))
        return
    if not view.stories:
        ctx.console.print("No stories yet. Start your bank with: prep story add")
        ctx.console.print(
            f"Ready means at least {READY_STORIES} stories that cover different competencies."
        )
        return
    coverage_matrix(ctx.console, library, view)
    coverage_verdict(ctx.console, library, view)


# ---------------------------------------------------------------------------- match


@app.command("match")
def match(
    question: Annotated[
        str, typer.Argument(metavar="QUESTION", help="A question id or the question's text.")
    ],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Rank your stories for a question by competencies and wording.

    Example: prep story match "Tell me about a time you disagreed with your manager"
    """
    from prepcoach.cli.stories.render import match_data, match_head, match_table
    from prepcoach.stories import service

    ctx = get_context()
    library = ctx.library()
    found = service.match(ctx.store(), library, question, limit)
    if as_json:
        print_json(match_data(found))
        return
    match_head(ctx.console, library, found, question)
    if not found.has_stories:
        ctx.console.print("No stories yet; add one with: prep story add")
        return
    match_table(ctx.console, library, found)
