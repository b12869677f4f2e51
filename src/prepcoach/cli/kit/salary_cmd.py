"""`prep salary [INTERVIEW]`: record a researched range and get an answer that states it.

The run:
1. find the interview (the current one by default) and any range recorded for it (or for
   another round at the same company);
2. take the range from the options, or ask for it in a terminal (the recorded one as the
   defaults); with neither, show what is recorded;
3. save it and show the practised answer: a range and what it is based on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli import prompts
from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice, load_answers
from prepcoach.cli.keep import keeping
from prepcoach.cli.options import AnswersOption, InterviewArgument, JsonOption
from prepcoach.cli.prompts import Choice
from prepcoach.cli.render import esc, hanging, print_json

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.interviews.core import Interview
    from prepcoach.kit.salary import SalaryRange
    from prepcoach.kit.salary_service import SalaryAnswers


def _amount_option(name: str, text: str) -> object:
    return typer.Option(name, metavar="AMOUNT", help=text, show_default=False)


def salary(
    query: InterviewArgument = None,
    minimum: Annotated[
        str | None, _amount_option("--min", "The least you would accept, e.g. 80k.")
    ] = None,
    target: Annotated[str | None, _amount_option("--target", "What you aim for.")] = None,
    maximum: Annotated[
        str | None, _amount_option("--max", "The top of the researched range.")
    ] = None,
    currency: Annotated[
        str | None, typer.Option("--currency", help="e.g. EUR, USD, GBP (or €, $, £).")
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="year, month, week, day or hour.")
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="URL|TEXT",
            help="Where the figures come from; repeat for more.",
            show_default=False,
        ),
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", help="Notes (benefits, bonus...).")
    ] = None,
    show_only: Annotated[
        bool, typer.Option("--show", help="Only show the recorded range and the answer.")
    ] = False,
    answers: AnswersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record your researched salary range and get an answer that states it with its basis.

    Say the target-to-maximum part out loud: an offer anchors on the lower end you name, and
    your minimum stays private. Practice feedback on salary questions compares your answers
    with this range.

    Example: prep salary acme --min 80k --target 90k --max 100k --currency EUR
    --source https://www.glassdoor.com/...
    """

    from prepcoach.kit import salary_service as service  # loads the database modules

    ctx = get_context()
    check_choice("--period", period, service.PERIODS)
    store = ctx.store()
    found = service.recorded(store, query)
    interview, existing = found.interview, found.salary
    options = service.SalaryOptions(
        minimum, target, maximum, currency, period, tuple(source or ()), notes
    )
    if show_only:
        if options.given:
            raise typer.BadParameter(
                "--show only shows the recorded range; drop it to save new figures",
                param_hint="--show",
            )
        _show(ctx, interview, existing, as_json=as_json)
        return
    keeper = None
    if options.given:
        draft = service.from_options(existing, options)
    elif answers is None and not prompts.make_prompter().interactive:
        _show(ctx, interview, existing, as_json=as_json)
        return
    else:
        keeper = keeping(
            ctx,
            "salary",
            interview.id,
            prompts.make_prompter(load_answers(answers)),
            command=f"prep salary {interview.id}",
        )
        draft = _ask(ctx, keeper, interview, service.SalaryAnswers(existing))
    saved = service.save(store, interview, draft)
    if keeper is not None:
        keeper.done()
    _show(ctx, interview, saved, as_json=as_json, saved=True)


def _ask(
    ctx: AppContext, ask: Prompter, interview: Interview, answers: SalaryAnswers
) -> SalaryRange:
    """The range, figure by figure, then its currency (unless the figures say), period,
    sources and notes."""
    if ask.interactive:
        ctx.console.print(
            f"[bold]Salary range for {esc(interview.label())}[/bold]\n"
            "[dim]Research what similar roles pay where the job is (salary surveys, job "
            "sites, recruiters, people in the role). Amounts like 85000, 85k or €85,000.[/dim]",
            highlight=False,
        )
    for name in answers.figures:
        text = ask.text(
            f"salary.{name}",
            answers.prompts[name],
            default=answers.default(name),
            validate=answers.check(name),
        )
        answers.take(name, text)
    currency = answers.currency() or answers.take_currency(
        ask.text(
            "salary.currency", "Currency (e.g. EUR, USD, GBP):", validate=answers.currency_problem
        )
    )
    period = ask.select(
        "salary.period",
        "Per:",
        [Choice(p.capitalize(), p) for p in answers.periods],
        default=answers.default("period"),
    )
    sources = ask.text(
        "salary.sources",
        "Sources (URLs separated by spaces, or notes separated by ';'):",
        default=answers.default("sources"),
    )
    notes = ask.text(
        "salary.notes",
        "Notes (bonus, benefits, what else matters; optional):",
        default=answers.default("notes"),
    )
    return answers.build(currency=currency, period=str(period), sources=sources, notes=notes)


def _show(
    ctx: AppContext,
    interview: Interview,
    salary: SalaryRange | None,
    *,
    as_json: bool,
    saved: bool = False,
) -> None:
    from prepcoach.kit import salary_service as service  # loads the database modules

    words = (
        service.said_here(ctx.store(), ctx.library(), interview, salary)
        if salary is not None
        else None
    )
    if as_json:
        print_json(words.data() if words is not None else None)
        return
    console = ctx.console
    if words is None:
        console.print(
            f"No salary range for {esc(interview.label())} yet. Record one with: "
            f"prep salary {interview.id} --min 80k --target 90k --max 100k --currency EUR",
            highlight=False,
        )
        return
    head = "Saved" if saved else "Salary range"
    console.print(
        f"{head}: [bold]{esc(words.private)}[/bold] [dim](the minimum is yours "
        "alone: the sheet, emails and exports leave it out)[/dim]",
        highlight=False,
    )
    if words.inherited:
        console.print("[dim](recorded for another round at this company)[/dim]", highlight=False)
    for note in words.notes:
        console.print(f"[yellow]Note[/yellow]: {esc(note)}", highlight=False)
    if words.sources:
        console.print(f"[dim]based on: {esc(', '.join(words.sources))}[/dim]", highlight=False)
    else:
        console.print(
            "[yellow]No sources yet[/yellow]: a range sounds fair when you can say where it "
            "comes from (add --source URL).",
            highlight=False,
        )
    if words.salary.notes:
        console.print(f"[dim]notes: {esc(words.salary.notes)}[/dim]", highlight=False)
    console.print(
        f"\n[bold]Say it like this[/bold] [dim]· name {esc(words.band)}, never your minimum[/dim]",
        highlight=False,
    )
    hanging(console, "  ", esc(words.answer))
    for part in words.advice:
        console.print(f"\n[bold]{esc(part.heading)}[/bold]", highlight=False)
        for line in part.lines:
            hanging(console, "  - ", esc(line))
    if words.current_pay_missing:
        console.print(
            "[dim]Fill in your current pay once: prep profile set --current-pay "
            "'₹14,00,000 CTC (₹12,00,000 fixed)'[/dim]",
            highlight=False,
        )
    console.print(
        f"\n[dim]Practise it aloud: prep practice --category salary --interview {interview.id}"
        "[/dim]",
        highlight=False,
    )
