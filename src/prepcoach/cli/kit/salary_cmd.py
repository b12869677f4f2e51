"""`prep salary [INTERVIEW]`: record a researched range and get an answer that states it.

The run:
1. find the interview (the current one by default) and any range recorded for it (or for
   another round at the same company);
2. take the range from the options, or ask for it in a terminal (the recorded one as the
   defaults); with neither, show what is recorded;
3. save it and show the practised answer: a range and what it is based on.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Annotated

import typer

from prepcoach.cli.context import get_context
from prepcoach.cli.inputs import check_choice, load_answers
from prepcoach.cli.options import AnswersOption, InterviewArgument, JsonOption
from prepcoach.cli.render import esc, print_json
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from collections.abc import Callable

    from prepcoach.cli.context import AppContext
    from prepcoach.cli.prompts import Prompter
    from prepcoach.interviews.core import Interview
    from prepcoach.kit.salary import SalaryRange


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

    from prepcoach.cli.prompts import make_prompter
    from prepcoach.interviews import store as store_iv
    from prepcoach.kit import salary as core
    from prepcoach.kit import salary_store as store_salary

    ctx = get_context()
    check_choice("--period", period, core.PERIODS)
    store = ctx.store()
    interview = store_iv.find_interview(store, query)
    existing = store_salary.get_salary_range(store, interview.id, interview.company)
    given = any(v is not None for v in (minimum, target, maximum, currency, period, notes)) or bool(
        source
    )
    if show_only:
        if given:
            raise typer.BadParameter(
                "--show only shows the recorded range; drop it to save new figures",
                param_hint="--show",
            )
        _show(ctx, interview, existing, as_json=as_json)
        return
    if given:
        draft = _from_options(
            existing, interview, minimum, target, maximum, currency, period, source, notes
        )
    elif answers is None and not make_prompter().interactive:
        _show(ctx, interview, existing, as_json=as_json)
        return
    else:
        from prepcoach.cli.keep import keeping

        keeper = keeping(
            ctx,
            "salary",
            interview.id,
            make_prompter(load_answers(answers)),
            command=f"prep salary {interview.id}",
        )
        draft = _ask(ctx, keeper, interview, existing)
    draft = replace(draft, interview_id=interview.id, company=interview.company)
    saved = store_salary.save_salary_range(store, draft)
    if not given:
        keeper.done()
    _show(ctx, interview, saved, as_json=as_json, saved=True)


def _from_options(
    existing: SalaryRange | None,
    interview: Interview,
    minimum: str | None,
    target: str | None,
    maximum: str | None,
    currency: str | None,
    period: str | None,
    source: list[str] | None,
    notes: str | None,
) -> SalaryRange:
    from prepcoach.kit import salary as core

    values: dict[str, float] = {}
    symbols: set[str] = set()
    for name, text in (("minimum", minimum), ("target", target), ("maximum", maximum)):
        if text is not None:
            values[name], found = core.parse_amount(text)
            if found:
                symbols.add(found)
        elif existing is not None:
            values[name] = getattr(existing, name)
    flags = {"minimum": "--min", "target": "--target", "maximum": "--max"}
    missing = [flag for name, flag in flags.items() if name not in values]
    if missing:
        raise PrepError(f"give {', '.join(missing)} too (e.g. --min 80k --target 90k --max 100k)")
    code = _currency(currency, symbols, existing)
    return core.SalaryRange(
        minimum=values["minimum"],
        target=values["target"],
        maximum=values["maximum"],
        currency=code,
        period=period or (existing.period if existing else "year"),
        sources=tuple(source) if source else (existing.sources if existing else ()),
        notes=notes if notes is not None else (existing.notes if existing else ""),
    )


def _currency(given: str | None, symbols: set[str], existing: SalaryRange | None) -> str:
    from prepcoach.kit import salary as core

    if given is not None:
        code = core.parse_currency(given)
        if symbols - {code}:
            raise PrepError(
                f"the amounts are in {', '.join(sorted(symbols))} but --currency says {code}"
            )
        return code
    if len(symbols) > 1:
        raise PrepError(f"the amounts mix currencies ({', '.join(sorted(symbols))})")
    if symbols:
        return symbols.pop()
    if existing is not None:
        return existing.currency
    raise PrepError("give --currency (e.g. EUR, USD, GBP), or write the amounts as €80k, $80k")


def _ask(
    ctx: AppContext, ask: Prompter, interview: Interview, existing: SalaryRange | None
) -> SalaryRange:
    from prepcoach.cli.prompts import Choice
    from prepcoach.kit import salary as core

    console = ctx.console
    if ask.interactive:
        console.print(
            f"[bold]Salary range for {esc(interview.label())}[/bold]\n"
            "[dim]Research what similar roles pay where the job is (salary surveys, job "
            "sites, recruiters, people in the role). Amounts like 85000, 85k or €85,000.[/dim]",
            highlight=False,
        )

    def amount_problem(text: str) -> str | None:
        try:
            core.parse_amount(text)
        except PrepError as error:
            return str(error)
        return None

    def default(name: str) -> str:
        if existing is None:
            return ""
        value: float = getattr(existing, name)
        return f"{value:.2f}".rstrip("0").rstrip(".")

    symbols: set[str] = set()
    values: dict[str, float] = {}

    def checked(name: str) -> Callable[[str], str | None]:
        def problem(text: str) -> str | None:
            found = amount_problem(text)
            if found:
                return found
            amount, symbol = core.parse_amount(text)
            if symbol and symbols and symbol not in symbols:
                return f"the amounts so far are in {', '.join(sorted(symbols))}, this one {symbol}"
            return core.order_problem(name, amount, values)

        return problem

    for name, message in (
        ("minimum", "Minimum: the least you would accept (kept private):"),
        ("target", "Target: what you aim for:"),
        ("maximum", "Maximum: the top of what the research supports:"),
    ):
        text = ask.text(f"salary.{name}", message, default=default(name), validate=checked(name))
        values[name], found = core.parse_amount(text)
        if found:
            symbols.add(found)
    currency = _currency(None, symbols, existing) if symbols or existing else ""
    if not currency:
        currency = core.parse_currency(
            ask.text(
                "salary.currency",
                "Currency (e.g. EUR, USD, GBP):",
                validate=_currency_problem,
            )
        )
    period = ask.select(
        "salary.period",
        "Per:",
        [Choice(p.capitalize(), p) for p in core.PERIODS],
        default=existing.period if existing else "year",
    )
    sources_text = ask.text(
        "salary.sources",
        "Sources (URLs separated by spaces, or notes separated by ';'):",
        default=" ; ".join(existing.sources) if existing else "",
    )
    from prepcoach.kit.research import merge_sources

    notes = ask.text(
        "salary.notes",
        "Notes (bonus, benefits, what else matters; optional):",
        default=existing.notes if existing else "",
    )
    return core.SalaryRange(
        minimum=values["minimum"],
        target=values["target"],
        maximum=values["maximum"],
        currency=currency,
        period=str(period),
        sources=merge_sources(sources_text),
        notes=notes,
    )


def _currency_problem(text: str) -> str | None:
    from prepcoach.kit.salary import parse_currency

    try:
        parse_currency(text)
    except PrepError as error:
        return str(error)
    return None


def _show(
    ctx: AppContext,
    interview: Interview,
    salary: SalaryRange | None,
    *,
    as_json: bool,
    saved: bool = False,
) -> None:
    from prepcoach.kit import salary as core
    from prepcoach.kit.research import source_label
    from prepcoach.profile.store import get_locale, get_profile

    locale = get_locale(ctx.store(), ctx.library().locales)
    current_pay = get_profile(ctx.store()).current_pay
    if as_json:
        data = None
        if salary is not None:
            data = {
                **asdict(salary),
                "practised_answer": core.practised_answer(
                    salary,
                    role=interview.role,
                    company=interview.company,
                    locale=locale,
                    current_pay=current_pay,
                ),
                "locale": locale.id if locale else None,
                "advice": {a.heading: list(a.lines) for a in core.advice(locale)},
            }
        print_json(data)
        return
    console = ctx.console
    if salary is None:
        console.print(
            f"No salary range for {esc(interview.label())} yet. Record one with: "
            f"prep salary {interview.id} --min 80k --target 90k --max 100k --currency EUR",
            highlight=False,
        )
        return
    inherited = salary.interview_id != interview.id
    head = "Saved" if saved else "Salary range"
    console.print(
        f"{head}: [bold]{esc(core.describe_private(salary))}[/bold] [dim](the minimum is yours "
        "alone: the sheet, emails and exports leave it out)[/dim]",
        highlight=False,
    )
    if inherited:
        console.print("[dim](recorded for another round at this company)[/dim]", highlight=False)
    for problem in core.locale_problems(salary, locale):
        console.print(f"[yellow]Note[/yellow]: {esc(problem)}", highlight=False)
    if salary.sources:
        labels = ", ".join(source_label(s) for s in salary.sources)
        console.print(f"[dim]based on: {esc(labels)}[/dim]", highlight=False)
    else:
        console.print(
            "[yellow]No sources yet[/yellow]: a range sounds fair when you can say where it "
            "comes from (add --source URL).",
            highlight=False,
        )
    if salary.notes:
        console.print(f"[dim]notes: {esc(salary.notes)}[/dim]", highlight=False)
    console.print(
        f"\n[bold]Say it like this[/bold] [dim]· name {esc(core.spoken_band(salary, locale))}, "
        "never your minimum[/dim]",
        highlight=False,
    )
    answer = core.practised_answer(
        salary,
        role=interview.role,
        company=interview.company,
        locale=locale,
        current_pay=current_pay,
    )
    console.print(f"  {esc(answer)}", highlight=False)
    for part in core.advice(locale):
        console.print(f"\n[bold]{esc(part.heading)}[/bold]", highlight=False)
        for line in part.lines:
            console.print(f"  - {esc(line)}", highlight=False)
    if "[your current" in answer:
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
