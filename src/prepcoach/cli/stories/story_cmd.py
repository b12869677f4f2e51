"""`prep story ...`: the STAR story bank (add, list, show, edit, rm, coverage, match)."""

from __future__ import annotations

import re
import textwrap
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.options import AnswersOption, JsonOption, YesOption
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from collections.abc import Callable

    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.content.library import ContentLibrary
    from prepcoach.store.db import Store
    from prepcoach.stories.core import StarStory

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
WORDS_PER_MINUTE = 140


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

    from prepcoach.cli.inputs import prompter, read_yaml
    from prepcoach.stories import core
    from prepcoach.stories import store as store_st

    ctx = get_context()
    if title is not None and not title.strip():
        raise PrepError("the title cannot be empty: a few words to recognise the story")
    library = ctx.library()
    store = ctx.store()
    base = core.StarStory(title="", template_id="")
    if from_file is not None:
        data = read_yaml(from_file, "story files")
        if isinstance(data, dict) and isinstance(data.get("stories"), list):
            data = data["stories"]
        if isinstance(data, list):
            _add_many(ctx, store, library, data, str(from_file))
            return
        parsed, found = core.from_data(data, str(from_file))
        if parsed is None:
            raise PrepError("; ".join(found))
        base = parsed
    options = {
        k: v
        for k, v in {
            "situation": situation,
            "task": task,
            "action": action,
            "result": result,
            "reflection": reflection,
        }.items()
        if v is not None
    }
    draft = replace(
        base,
        title=title if title is not None else base.title,
        competencies=tuple(competency) if competency else base.competencies,
        template_id=template if template is not None else base.template_id,
        parts={**base.parts, **options},
        interview_id=interview if interview is not None else base.interview_id,
        employer=employer if employer is not None else base.employer,
        notes=notes if notes is not None else base.notes,
    )
    draft = _resolve(store, library, draft)
    missing = _missing(draft, library)
    if missing:
        from prepcoach.cli.prompts import stdin_is_terminal

        if answers is None and not stdin_is_terminal():
            raise PrepError(
                f"the story needs {', '.join(missing)}; give them as options (or --from "
                "FILE.yaml), or run in a terminal to be asked"
            )
        ask = prompter(answers)
        draft = _guided(ctx, ask, store, library, draft, interview_given=interview is not None)
    story = core.check(draft, library.competencies, library.star_templates)
    saved = store_st.add_story(store, story)
    if from_file is not None and from_file.resolve() == _new_draft_path(ctx).resolve():
        from prepcoach.store.drafts import discard_draft

        discard_draft(ctx.home, "story", "new")
    ctx.console.print(
        f"Saved story [cyan]{saved.id}[/cyan] '{esc(saved.title)}' "
        f"({', '.join(saved.competencies)}): {_length(saved)}",
        highlight=False,
    )
    ctx.console.print(
        f"[dim]Polish it: prep story edit {saved.id}   See your bank: prep story coverage[/dim]",
        highlight=False,
    )


def _add_many(
    ctx: AppContext, store: Store, library: ContentLibrary, items: list[Any], where: str
) -> None:
    from prepcoach.stories import service

    for story in service.add_many(store, library, items, where):
        ctx.console.print(
            f"Saved story [cyan]{story.id}[/cyan] '{esc(story.title)}'", highlight=False
        )


def _resolve(store: Store, library: ContentLibrary, story: StarStory) -> StarStory:
    from prepcoach.stories import service

    return service.resolve(store, library, story)


def _missing(story: StarStory, library: ContentLibrary) -> list[str]:
    """The options a complete story still needs, e.g. ['--title', '--result']."""
    template = library.star_templates.get(story.template_id)
    required = (
        [p.key for p in template.parts if not p.optional]
        if template
        else ["situation", "task", "action", "result"]
    )
    missing = [] if story.title.strip() else ["--title"]
    missing += [] if story.competencies else ["--competency"]
    return missing + [f"--{k}" for k in required if not story.parts.get(k, "").strip()]


def _guided(
    ctx: AppContext,
    ask: Prompter,
    store: Store,
    library: ContentLibrary,
    draft: StarStory,
    *,
    interview_given: bool,
) -> StarStory:
    """Ask for each missing piece; on Ctrl-C keep what was typed as a draft file."""
    progress = {"story": draft}
    try:
        return _ask_story(ctx, ask, store, library, draft, progress, interview_given)
    except KeyboardInterrupt:
        story = progress["story"]
        if story.title or story.parts:
            from prepcoach.store.drafts import save_draft
            from prepcoach.stories import core

            path = save_draft(ctx.home, "story", "new", core.to_yaml(story))
            ctx.err_console.print(
                f"\nYour answers so far are kept in {path}\n"
                f"Finish the story with: prep story add --from {path}",
                markup=False,
                highlight=False,
            )
        raise


def _ask_story(
    ctx: AppContext,
    ask: Prompter,
    store: Store,
    library: ContentLibrary,
    draft: StarStory,
    progress: dict[str, StarStory],
    interview_given: bool,
) -> StarStory:

    from prepcoach.cli.prompts import Choice
    from prepcoach.interviews import store as store_iv
    from prepcoach.stories import core

    console = ctx.console
    story = draft
    if not story.title.strip():
        title = ask.text(
            "story.title",
            "Title (a few words to recognise the story):",
            validate=lambda v: textcheck.problem("the title", v, required=True),
        )
        story = progress["story"] = replace(story, title=title)
    if not story.competencies:
        choices = [
            Choice(c.name, c.id, description=c.description) for c in library.competencies.values()
        ]
        picked: list[str] = []
        while not picked:
            picked = ask.checkbox(
                "story.competencies[]",
                "Which competencies does it show?",
                choices,
            )
            if not picked:
                console.print("Pick at least one: coverage and matching rely on them.")
        story = progress["story"] = replace(story, competencies=tuple(picked))
    if not story.template_id:
        auto = core.template_for(library.star_templates, story.competencies)
        choices = [Choice(f"Pick for me: {auto.title}", auto.id)] if auto else []
        choices += [
            Choice(t.title, t.id, description=t.description)
            for t in library.star_templates.values()
        ]
        template_id = ask.select("story.template", "STAR template:", choices)
        story = progress["story"] = replace(story, template_id=template_id)
    template = library.get("star_templates", story.template_id)
    for part in template.parts:
        if story.parts.get(part.key, "").strip():
            continue
        if ask.interactive:
            console.print(
                f"\n[bold]{part.label}[/bold]  [dim]{esc(part.hint)}[/dim]", highlight=False
            )
        text = ask.text(
            f"story.{part.key}",
            f"{part.prompt}" + (" (optional, Enter to skip)" if part.optional else ""),
            validate=_part_validator("the " + part.label.lower(), required=not part.optional),
        )
        story = progress["story"] = replace(story, parts={**story.parts, part.key: text})
    if not interview_given and story.interview_id is None:
        interviews = store_iv.list_interviews(store)
        if interviews:
            choices = [Choice("No", "")] + [
                Choice(f"{i.label()} ({i.id})", i.id) for i in interviews
            ]
            linked = ask.select(
                "story.interview", "Link it to an interview you are preparing for?", choices
            )
            story = progress["story"] = replace(story, interview_id=linked or None)
    if not story.employer:
        employer = ask.text(
            "story.employer",
            "Where did it happen? (employer, optional):",
            validate=lambda v: textcheck.problem("the employer", v),
        )
        story = progress["story"] = replace(story, employer=employer)
    return story


def _part_validator(label: str, *, required: bool) -> Callable[[str], str | None]:

    def validate(value: str) -> str | None:
        return textcheck.problem(label, value, required=required, max_chars=textcheck.PART_MAX)

    return validate


def _new_draft_path(ctx: AppContext) -> Path:
    from prepcoach.store.drafts import draft_path

    return draft_path(ctx.home, "story", "new")


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
    from prepcoach.interviews import store as store_iv
    from prepcoach.stories import store as store_st
    from prepcoach.stories.core import match_stories

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    stories = store_st.list_stories(store)
    if competency is not None:
        if competency not in library.competencies and not any(
            competency in s.competencies for s in stories
        ):
            library.get("competencies", competency)  # not found: did-you-mean
        stories = [s for s in stories if competency in s.competencies]
    if interview is not None:
        wanted = store_iv.find_interview(store, interview).id
        stories = [s for s in stories if s.interview_id == wanted]
    if search:
        ranked = match_stories(stories, search)
        stories = [m.story for m in ranked if m.text_score >= 50]
    uses = store_st.story_uses(store)
    if as_json:
        print_json([story_dict(s, uses.get(s.id, 0)) for s in stories])
        return
    if not stories:
        filtered = competency or interview or search
        ctx.console.print(
            "No stories match." if filtered else "No stories yet; add one with: prep story add"
        )
        return
    from rich.table import Table

    companies = {i.id: i.company for i in store_iv.list_interviews(store)}
    table = Table(title=f"{len(stories)} story(ies)", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("competencies")
    table.add_column("from")
    table.add_column("words", justify="right")
    table.add_column("used", justify="right")
    for story in stories:
        origin = story.employer
        if story.interview_id:
            origin += f" (for {companies.get(story.interview_id, story.interview_id)})"
        table.add_row(
            story.id,
            esc(story.title),
            ", ".join(story.competencies),
            esc(origin.strip()),
            str(story.word_count()),
            str(uses.get(story.id, 0)),
        )
    ctx.console.print(table)
    ctx.console.print("[dim]Details: prep story show ID[/dim]")


@app.command("show")
def show(story_ref: StoryArgument, as_json: JsonOption = False) -> None:
    """Show a story in full, part by part.

    Example: prep story show st-q7hd4a
    """
    from rich.table import Table

    from prepcoach.interviews import store as store_iv
    from prepcoach.stories import store as store_st

    ctx = get_context()
    store = ctx.store()
    story = store_st.find_story(store, story_ref)
    uses = store_st.story_uses(store).get(story.id, 0)
    if as_json:
        print_json(story_dict(story, uses))
        return
    library = ctx.library()
    console = ctx.console
    console.print(f"[cyan]{story.id}[/cyan]  [bold]{esc(story.title)}[/bold]", highlight=False)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    names = [
        library.competencies[c].name if c in library.competencies else c for c in story.competencies
    ]
    grid.add_row("competencies", esc(", ".join(names)))
    template = library.star_templates.get(story.template_id)
    grid.add_row("template", esc(template.title if template else story.template_id))
    if story.interview_id:
        try:
            linked = store_iv.get_interview(store, story.interview_id)
            grid.add_row("interview", f"{linked.id} {esc(linked.label())}")
        except Exception:  # noqa: BLE001 - a dangling link only loses the label
            grid.add_row("interview", story.interview_id)
    if story.employer:
        grid.add_row("employer", esc(story.employer))
    grid.add_row("length", _length(story))
    grid.add_row("practice", f"used in {uses} answer(s)")
    console.print(grid)
    labels = {p.key: p.label for p in template.parts} if template else {}
    for key in ("situation", "task", "action", "result", "reflection"):
        text = story.part(key)
        if text:
            console.print(f"\n[bold]{labels.get(key, key.title())}[/bold]")
            console.print(text, markup=False, highlight=False)
    if story.notes:
        console.print("\n[bold]Notes[/bold]")
        console.print(story.notes, markup=False, highlight=False)


# ---------------------------------------------------------------------------- edit


@app.command("edit")
def edit(story_ref: StoryArgument) -> None:
    """Edit a story as YAML in your editor ($VISUAL or $EDITOR), like git commit.

    The story is checked when you save; if something is wrong the editor opens again with
    the problems listed at the top. Your text is never lost: if you give up, it stays in a
    draft that the next 'prep story edit' of the same story starts from.

    Example: EDITOR=nano prep story edit st-q7hd4a
    """
    from prepcoach.cli.yaml_edit import Wording, edit_yaml, saving
    from prepcoach.stories import core
    from prepcoach.stories import store as store_st

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    story = store_st.find_story(store, story_ref)
    again = f"prep story edit {story.id}"

    def check(text: str, line_offset: int) -> tuple[StarStory | None, list[str]]:
        return _check_edit(store, library, text, line_offset)

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
            reopening="The story has {count} problem(s); reopening the editor.",
        ),
    )
    if result is None:
        return
    parsed, path = result
    with saving(ctx, "story", story.id, path, f"run '{again}' to apply it over the newer version"):
        saved = store_st.update_story(
            store, replace(parsed, id=story.id), expected_updated_at=story.updated_at
        )
    ctx.console.print(
        f"Saved story [cyan]{saved.id}[/cyan] '{esc(saved.title)}': {_length(saved)}",
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


def _check_edit(
    store: Store, library: ContentLibrary, text: str, line_offset: int
) -> tuple[StarStory | None, list[str]]:
    """The edited story, or its problems (YAML ones name lines, shifted by `line_offset`)."""
    from prepcoach.stories import core

    parsed, errors = core.from_yaml(text, line_offset=line_offset)
    if errors:
        return None, errors
    assert parsed is not None
    try:
        parsed = _resolve(store, library, parsed)
    except PrepError as error:
        return None, [f"interview: {error}"]
    if not parsed.template_id:
        return None, ["template: give a STAR template id (see the list at the top)"]
    parsed = core.normalized(parsed)
    return parsed, core.problems(parsed, library.competencies, library.star_templates)


# ---------------------------------------------------------------------------- rm


@app.command("rm")
def remove(story_ref: StoryArgument, yes: YesOption = False) -> None:
    """Delete a story (practice answers that used it keep their text).

    Example: prep story rm st-q7hd4a
    """
    from prepcoach.cli.prompts import make_prompter
    from prepcoach.kernel import ids
    from prepcoach.stories import store as store_st

    ctx = get_context()
    store = ctx.store()
    story = store_st.find_story(store, story_ref)
    from prepcoach.store.db import describe_references, references

    effects = describe_references(references(store.conn, "stories", story.id))
    note = f" ({effects})" if effects else ""
    if not yes:
        ask = make_prompter(hint="Add --yes to delete without being asked.")
        if not ask.confirm("story.rm", f"Delete {story.id} '{story.title}'?{note}", default=False):
            ctx.console.print("Nothing deleted.")
            return
    elif not ids.matching_ids(story_ref, [story.id], ids.PREFIXES["stories"]):
        raise PrepError(
            f"'{story_ref}' was matched by title to {story.id}; with --yes, name it by id"
        )
    store_st.delete_story(store, story.id)
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
    from prepcoach.stories import core
    from prepcoach.stories import store as store_st

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    stories = store_st.list_stories(store)
    report = core.coverage(stories, list(library.competencies), store_st.story_uses(store))
    if as_json:
        print_json(
            {
                "ready": report.ready,
                "stories": [
                    {"id": s.id, "title": s.title, "uses": report.uses[s.id]}
                    for s in report.stories
                ],
                "matrix": {c: list(ids) for c, ids in report.by_competency.items()},
                "uncovered": list(report.uncovered),
                "overused": list(report.overused),
                "distinct": report.distinct,
            }
        )
        return
    console = ctx.console
    if not stories:
        console.print("No stories yet. Start your bank with: prep story add")
        console.print(
            f"Ready means at least {core.READY_STORIES} stories that cover different competencies."
        )
        return
    from rich.table import Table

    covered = len(library.competencies) - len(report.uncovered)
    labels = {
        comp: library.competencies[comp].name if comp in library.competencies else comp
        for comp in report.competencies
    }
    # Every mark stays on screen: when the stories do not fit side by side, they are shown
    # in groups, one table per group, each as wide as the terminal allows.
    label_width = max([len("used in practice"), *(len(n) for n in labels.values())])
    fixed = label_width + len("stories") + 7  # borders and padding
    per_story = len(str(len(stories))) + 3
    fit = max(1, (console.width - fixed) // per_story)
    numbered = list(enumerate(stories, 1))
    groups = [numbered[i : i + fit] for i in range(0, len(numbered), fit)]
    for group_index, group in enumerate(groups):
        title = (
            f"{len(stories)} story(ies) cover {covered} of {len(library.competencies)} competencies"
        )
        if len(groups) > 1:
            title += f" (stories {group[0][0]}-{group[-1][0]})"
        table = Table(title=title if group_index == 0 or len(groups) > 1 else None)
        table.title_justify = "left"
        table.add_column("competency", no_wrap=True)
        for number, _story in group:
            table.add_column(str(number), justify="center", no_wrap=True)
        table.add_column("stories", justify="right", no_wrap=True)
        for comp in report.competencies:
            holders = report.by_competency[comp]
            row = ["●" if s.id in holders else "" for _n, s in group]
            style = "dim" if not holders else None
            table.add_row(labels[comp], *row, str(len(holders)) if holders else "-", style=style)
        table.add_section()
        table.add_row(
            "used in practice",
            *(
                f"[red]{report.uses[s.id]}[/red]"
                if s.id in report.overused
                else str(report.uses[s.id])
                for _n, s in group
            ),
            str(sum(report.uses.values())),
        )
        console.print(table)
    for number, story in enumerate(stories, 1):
        console.print(
            f"  {number:>2}  [cyan]{story.id}[/cyan]  {esc(story.title)}", highlight=False
        )
    console.print()
    if report.ready:
        titles = {s.id: s.title for s in stories}
        chosen = ", ".join(
            f"'{esc(titles[sid])}' ({_competency_name(library, tag)})"
            for sid, tag in list(report.distinct.items())[: core.READY_STORIES]
        )
        console.print(
            f"[green]Ready[/green]: at least {core.READY_STORIES} stories cover different "
            f"competencies, e.g. {chosen}.",
            highlight=False,
        )
    else:
        have = len(report.distinct)
        console.print(
            f"[yellow]Not ready yet[/yellow]: you need {core.READY_STORIES} stories that cover "
            f"different competencies; you have {have}. Add a story for a competency no other "
            "story covers.",
            highlight=False,
        )
    if report.uncovered:
        names = [library.competencies[c].name for c in report.uncovered]
        console.print(f"No story yet for: {', '.join(names)}.", highlight=False)
    for story_id in report.overused:
        story = next(s for s in stories if s.id == story_id)
        console.print(
            f"[yellow]Overused[/yellow]: {story.id} '{esc(story.title)}' carries "
            f"{report.uses[story_id]} of {sum(report.uses.values())} practice answers; "
            "interviewers notice the same story twice, so prepare another for those questions.",
            highlight=False,
        )


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
    from prepcoach.stories import store as store_st
    from prepcoach.stories.core import match_stories

    ctx = get_context()
    store = ctx.store()
    library = ctx.library()
    text, competencies, source = _question(library, question)
    stories = store_st.list_stories(store)
    names = {c.id: c.name for c in library.competencies.values()}
    ranked = match_stories(
        stories,
        text,
        competencies,
        competency_names=names,
        uses=store_st.story_uses(store),
    )[:limit]
    if as_json:
        print_json(
            {
                "question": text,
                "question_id": source,
                "competencies": list(competencies),
                "matches": [
                    {
                        "id": m.story.id,
                        "title": m.story.title,
                        "score": m.score,
                        "shared": list(m.shared),
                        "text_score": m.text_score,
                        "uses": m.uses,
                    }
                    for m in ranked
                ],
            }
        )
        return
    console = ctx.console
    console.print(f"[bold]{esc(text)}[/bold]", highlight=False)
    if source and source != question.strip():
        console.print(
            f"[dim]closest bank question: {source} ({esc(library.questions[source].text)})[/dim]",
            highlight=False,
        )
    if source:
        console.print(
            f"[dim]competencies: "
            f"{', '.join(names.get(c, c) for c in competencies) or 'none'}[/dim]",
            highlight=False,
        )
    else:
        console.print("[dim]not a question from the bank: matched on wording only[/dim]")
    if not stories:
        console.print("No stories yet; add one with: prep story add")
        return
    from rich.table import Table

    table = Table(title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("story")
    table.add_column("shared competencies")
    table.add_column("wording", justify="right")
    table.add_column("used", justify="right")
    for number, m in enumerate(ranked, 1):
        table.add_row(
            str(number),
            f"{m.score:.0f}",
            m.story.id,
            esc(m.story.title),
            ", ".join(names.get(c, c) for c in m.shared) or "-",
            f"{m.text_score:.0f}",
            str(m.uses),
        )
    console.print(table)
    if ranked and ranked[0].score < 40:
        console.print(
            "[yellow]No story fits this question well[/yellow]; consider writing one: "
            "prep story add",
            highlight=False,
        )


def _question(library: ContentLibrary, query: str) -> tuple[str, tuple[str, ...], str | None]:
    """(text, competencies, question id) for a question id or free text."""
    text = query.strip()
    if text in library.questions:
        q = library.questions[text]
        return q.text, q.competencies, q.id
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", text):
        library.get("questions", text)  # raises with a did-you-mean
    from prepcoach.stories.core import closest_question

    best = closest_question({q.id: q.text for q in library.questions.values()}, text)
    if best is not None:
        q = library.questions[best[0]]
        return text, q.competencies, q.id
    return text, (), None


# ---------------------------------------------------------------------------- helpers


def story_dict(story: StarStory, uses: int = 0) -> dict[str, Any]:
    return {**asdict(story), "uses": uses}


def _competency_name(library: ContentLibrary, competency: str) -> str:
    found = library.competencies.get(competency)
    return found.name.lower() if found else competency


def _length(story: StarStory) -> str:
    words = story.word_count()
    seconds = round(words * 60 / WORDS_PER_MINUTE)
    return f"{words} words, about {seconds // 60}:{seconds % 60:02d} spoken"
