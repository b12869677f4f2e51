"""The use cases of `prep salary`, without a terminal: the range recorded for an interview,
a new one from options or from answers (the questions, their checks and what the currency
is), and saving it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview
from prepcoach.kernel.errors import PrepError
from prepcoach.kit import salary as core
from prepcoach.kit import salary_store
from prepcoach.kit.research import merge_sources, source_label
from prepcoach.kit.salary import SalaryRange
from prepcoach.profile.store import get_profile

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import Locale
    from prepcoach.store.db import Store

FIGURES = ("minimum", "target", "maximum")
PERIODS = core.PERIODS  # what a range may be per


@dataclass(frozen=True, slots=True)
class Recorded:
    """An interview and the range recorded for it (or another round at the company)."""

    interview: Interview
    salary: SalaryRange | None


def recorded(store: Store, query: str | None) -> Recorded:
    interview = store_iv.find_interview(store, query)
    return Recorded(
        interview, salary_store.get_salary_range(store, interview.id, interview.company)
    )


@dataclass(frozen=True, slots=True)
class Said:
    """A range in words: the private description, its sources, and the answer to practise,
    following the profile's locale (with its advice, and what in the range does not fit it)."""

    salary: SalaryRange
    private: str  # with the minimum: for your eyes only
    band: str  # the part to say out loud
    answer: str
    sources: tuple[str, ...]  # as short labels (a URL's host)
    inherited: bool  # recorded for another round at the company
    locale: str | None = None  # the locale id the words follow
    advice: tuple[core.Advice, ...] = ()
    notes: tuple[str, ...] = ()  # what does not fit the locale (another currency...)

    @property
    def current_pay_missing(self) -> bool:
        """The answer leaves a gap for the current pay the locale asks about."""
        return "[your current" in self.answer

    def data(self) -> dict[str, Any]:
        """The range as `--json` prints it."""
        return {
            **asdict(self.salary),
            "practised_answer": self.answer,
            "locale": self.locale,
            "advice": {a.heading: list(a.lines) for a in self.advice},
        }


def said(
    interview: Interview,
    salary: SalaryRange,
    *,
    locale: Locale | None = None,
    current_pay: str = "",
) -> Said:
    return Said(
        salary,
        private=core.describe_private(salary),
        band=core.spoken_band(salary, locale),
        answer=core.practised_answer(
            salary,
            role=interview.role,
            company=interview.company,
            locale=locale,
            current_pay=current_pay,
        ),
        sources=tuple(source_label(s) for s in salary.sources),
        inherited=salary.interview_id != interview.id,
        locale=locale.id if locale is not None else None,
        advice=tuple(core.advice(locale)),
        notes=tuple(core.locale_problems(salary, locale)),
    )


def said_here(
    store: Store, library: ContentLibrary, interview: Interview, salary: SalaryRange
) -> Said:
    """`said` in the profile's locale, with the current pay it keeps."""
    profile = get_profile(store)
    locale = library.locales.get(profile.locale)
    return said(interview, salary, locale=locale, current_pay=profile.current_pay)


def save(store: Store, interview: Interview, draft: SalaryRange) -> SalaryRange:
    """Save a range as this interview's (and its company's)."""
    draft = replace(draft, interview_id=interview.id, company=interview.company)
    return salary_store.save_salary_range(store, draft)


@dataclass(frozen=True, slots=True)
class SalaryOptions:
    """The figures given as options (None: not given)."""

    minimum: str | None = None
    target: str | None = None
    maximum: str | None = None
    currency: str | None = None
    period: str | None = None
    sources: tuple[str, ...] = ()
    notes: str | None = None

    @property
    def given(self) -> bool:
        return self != SalaryOptions()


def from_options(existing: SalaryRange | None, options: SalaryOptions) -> SalaryRange:
    """The range the options give, the recorded one filling what they leave out."""
    values: dict[str, float] = {}
    symbols: set[str] = set()
    for name in FIGURES:
        text = getattr(options, name)
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
    return SalaryRange(
        minimum=values["minimum"],
        target=values["target"],
        maximum=values["maximum"],
        currency=currency_for(options.currency, symbols, existing),
        period=options.period or (existing.period if existing else "year"),
        sources=options.sources or (existing.sources if existing else ()),
        notes=options.notes if options.notes is not None else (existing.notes if existing else ""),
    )


def currency_for(given: str | None, symbols: set[str], existing: SalaryRange | None) -> str:
    """The currency: as given (agreeing with the amounts' symbols), the amounts', or the
    recorded range's."""
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
        return next(iter(symbols))
    if existing is not None:
        return existing.currency
    raise PrepError("give --currency (e.g. EUR, USD, GBP), or write the amounts as €80k, $80k")


def currency_problem(text: str) -> str | None:
    try:
        core.parse_currency(text)
    except PrepError as error:
        return str(error)
    return None


FIGURE_PROMPTS = {
    "minimum": "Minimum: the least you would accept (kept private):",
    "target": "Target: what you aim for:",
    "maximum": "Maximum: the top of what the research supports:",
}


class SalaryAnswers:
    """A range typed figure by figure: each is checked against the ones before it (order,
    currency); `build` makes the range once the rest is answered."""

    def __init__(self, existing: SalaryRange | None) -> None:
        self.existing = existing
        self.values: dict[str, float] = {}
        self.symbols: set[str] = set()

    def default(self, name: str) -> str:
        """The recorded value of a field (a figure, period, sources, notes) as it is typed."""
        existing = self.existing
        if existing is None:
            return "year" if name == "period" else ""
        if name == "period":
            return existing.period
        if name == "sources":
            return " ; ".join(existing.sources)
        if name == "notes":
            return existing.notes
        value: float = getattr(existing, name)
        return f"{value:.2f}".rstrip("0").rstrip(".")

    def check(self, name: str) -> Callable[[str], str | None]:
        """Why a typed figure cannot be the range's `name` (None: it can)."""

        def problem(text: str) -> str | None:
            try:
                amount, symbol = core.parse_amount(text)
            except PrepError as error:
                return str(error)
            if symbol and self.symbols and symbol not in self.symbols:
                listed = ", ".join(sorted(self.symbols))
                return f"the amounts so far are in {listed}, this one {symbol}"
            return core.order_problem(name, amount, self.values)

        return problem

    def take(self, name: str, text: str) -> None:
        self.values[name], found = core.parse_amount(text)
        if found:
            self.symbols.add(found)

    def currency(self) -> str:
        """The currency the figures or the recorded range say ('' when it must be asked)."""
        if self.symbols or self.existing:
            return currency_for(None, set(self.symbols), self.existing)
        return ""

    figures = FIGURES
    prompts = FIGURE_PROMPTS
    periods = PERIODS

    @staticmethod
    def currency_problem(text: str) -> str | None:
        return currency_problem(text)

    def take_currency(self, text: str) -> str:
        return core.parse_currency(text)

    def build(self, *, currency: str, period: str, sources: str, notes: str) -> SalaryRange:
        return SalaryRange(
            minimum=self.values["minimum"],
            target=self.values["target"],
            maximum=self.values["maximum"],
            currency=currency,
            period=period,
            sources=merge_sources(sources),
            notes=notes,
        )
