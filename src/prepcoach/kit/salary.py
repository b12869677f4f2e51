"""A researched salary range and the answer that states it.

The range has three amounts: the minimum (the walk-away number, kept to yourself), the
target and the maximum. The practised answer names the target-to-maximum band: the lower
end of a range you say out loud is the one an offer will anchor on, so it should be a
number you are happy with. It also says what the range is based on, because "I researched
similar roles" is what makes a number sound fair rather than picked.

Local conventions change that (a `Locale` from content, chosen in the profile): where one
figure is the custom (Germany, Austria) the answer names one, between the target and the
maximum; where pay is cost to company and the current package is asked for (India) it says
CTC and has the current one ready; and `advice` adds the locale's points on how pay is
stated, fixed public-sector bands and what postings must show.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.content.model import Locale

PERIODS: tuple[str, ...] = ("year", "month", "week", "day", "hour")
PERIOD_WORDS = {"year": "a year", "month": "a month", "week": "a week", "day": "a day",
                "hour": "an hour"}  # fmt: skip
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
SYMBOL_OF = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
AMOUNT_MAX = 1e9
SOURCES_MAX = 20


@dataclass(frozen=True, slots=True)
class SalaryRange:
    """A researched range for one interview (or a company); `id` is empty until stored."""

    minimum: float
    target: float
    maximum: float
    currency: str
    period: str = "year"
    sources: tuple[str, ...] = ()
    notes: str = ""
    interview_id: str | None = None
    company: str = ""
    id: str = ""
    created_at: str = ""
    updated_at: str = ""


# Indian amounts are written in lakhs (1,00,000) and crores (1,00,00,000): "18 LPA" is 18 lakh
# rupees a year.
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "l": 1e5, "lakh": 1e5,
                "lakhs": 1e5, "lpa": 1e5, "cr": 1e7, "crore": 1e7, "crores": 1e7}  # fmt: skip
_AMOUNT = re.compile(
    r"^\s*(?P<cur>[$€£¥₹])?\s*(?P<num>\d{1,2}(?:,\d{2})+,\d{3}|\d+(?:[,.' _]\d{3})*(?:[.,]\d+)?)\s*"
    r"(?P<mult>k|m|thousand|million|lpa|lakhs?|l|crores?|cr)?\s*(?P<code>[A-Za-z]{3})?\s*$",
    re.IGNORECASE,
)


def parse_amount(text: str) -> tuple[float, str | None]:
    """'85k', '85,000', '€85.000', '1.2m', '85000 EUR', '₹18,00,000', '18L', '18 LPA',
    '1.2 crore' -> (85000.0, currency or None)."""
    match = _AMOUNT.match(text)
    if not match:
        raise PrepError(f"cannot read '{text}' as an amount (e.g. 85000, 85k, €85,000)")
    number = match["num"]
    grouped = re.fullmatch(r"\d{1,3}(?:[,.' _]\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}", number)
    if grouped:
        value = float(re.sub(r"[,.' _]", "", number))
    else:
        value = float(number.replace(",", "."))
    multiplier = (match["mult"] or "").lower()
    value *= _MULTIPLIERS.get(multiplier, 1)
    currency = SYMBOLS.get(match["cur"] or "") or (match["code"] or "").upper() or None
    return value, currency


def parse_currency(text: str) -> str:
    """'eur', '€', 'EUR' -> 'EUR'."""
    value = text.strip()
    if value in SYMBOLS:
        return SYMBOLS[value]
    if not re.fullmatch(r"[A-Za-z]{3}", value):
        raise PrepError(
            f"currency '{text}' is not a three-letter code such as EUR, USD or GBP (or €, $, £)"
        )
    return value.upper()


def normalized(salary: SalaryRange) -> SalaryRange:
    sources = [textcheck.clean(s, multiline=False) for s in salary.sources]
    return replace(
        salary,
        currency=salary.currency.strip().upper(),
        period=salary.period.strip().lower(),
        sources=tuple(dict.fromkeys(s for s in sources if s)),
        notes=textcheck.clean(salary.notes),
        company=textcheck.clean(salary.company, multiline=False),
    )


def problems(salary: SalaryRange) -> list[str]:
    found: list[str | None] = []
    for name in ("minimum", "target", "maximum"):
        value = getattr(salary, name)
        if not value > 0:
            found.append(f"the {name} must be more than 0")
        elif value > AMOUNT_MAX:
            found.append(f"the {name} ({value:,.0f}) is implausibly large")
    if salary.minimum > salary.target or salary.target > salary.maximum:
        found.append(
            "the amounts must go up: minimum <= target <= maximum "
            f"(got {_plain(salary.minimum)}, {_plain(salary.target)}, {_plain(salary.maximum)})"
        )
    if not re.fullmatch(r"[A-Z]{3}", salary.currency):
        found.append(f"currency '{salary.currency}' is not a three-letter code such as EUR")
    if salary.period not in PERIODS:
        found.append(f"period '{salary.period}' is not one of: {', '.join(PERIODS)}")
    if len(salary.sources) > SOURCES_MAX:
        found.append(f"keep it to {SOURCES_MAX} sources at most")
    for source in salary.sources:
        found.append(textcheck.problem("a source", source, max_chars=2_000))
    found.append(textcheck.problem("the notes", salary.notes, max_chars=textcheck.NOTES_MAX))
    return [p for p in found if p]


def check(salary: SalaryRange) -> SalaryRange:
    salary = normalized(salary)
    found = problems(salary)
    if found:
        raise PrepError("; ".join(found))
    return salary


# ---------------------------------------------------------------------------- words


def _plain(value: float) -> str:
    return f"{value:,.2f}" if value % 1 else f"{value:,.0f}"


def _lakhs(value: float) -> str:
    """Indian grouping: 1800000 -> '18,00,000' (the last three digits, then pairs)."""
    whole, cents = divmod(round(value * 100), 100)
    digits = str(whole)
    head, tail = digits[:-3], digits[-3:]
    pairs = [head[max(0, i - 2) : i] for i in range(len(head), 0, -2)][::-1]
    grouped = ",".join([*pairs, tail]) if head else tail
    return grouped + (f".{cents:02d}" if cents else "")


def money(value: float, currency: str) -> str:
    """'€85,000', '$42.50', '85,000 CHF', '₹18,00,000'."""
    symbol = SYMBOL_OF.get(currency)
    amount = _lakhs(value) if currency == "INR" else _plain(value)
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


_ORDER = ("minimum", "target", "maximum")


def order_problem(name: str, amount: float, known: dict[str, float]) -> str | None:
    """Why `amount` cannot be the range's `name` given the figures already known (minimum <=
    target <= maximum), or None: the check a prompt runs as soon as a figure is typed."""
    place = _ORDER.index(name)
    for other, value in known.items():
        if other == name or other not in _ORDER:
            continue
        if _ORDER.index(other) < place and amount < value:
            return f"the {name} cannot be below the {other} ({_plain(value)})"
        if _ORDER.index(other) > place and amount > value:
            return f"the {name} cannot be above the {other} ({_plain(value)})"
    return None


def describe(salary: SalaryRange) -> str:
    """'target €88,000, up to €95,000 a year': what may be shown anywhere (the sheet, status,
    an email). The minimum is private: only `describe_private` names it."""
    period = PERIOD_WORDS.get(salary.period, salary.period)
    target = money(salary.target, salary.currency)
    if salary.target >= salary.maximum:
        return f"target {target} {period}"
    return f"target {target}, up to {money(salary.maximum, salary.currency)} {period}"


def describe_private(salary: SalaryRange) -> str:
    """'€80,000–€95,000 a year, target €88,000': with the minimum, for `prep salary` alone."""
    low, high = money(salary.minimum, salary.currency), money(salary.maximum, salary.currency)
    return (
        f"{low}–{high} {PERIOD_WORDS.get(salary.period, salary.period)}, "
        f"target {money(salary.target, salary.currency)}"
    )


def spoken_range(salary: SalaryRange) -> tuple[float, float]:
    """The band to say out loud: target to maximum. Never the minimum, which stays private."""
    return salary.target, salary.maximum


# A single figure is rounded to a step that sounds considered, not computed.
_STEPS = {"year": 1_000, "month": 100, "week": 10, "day": 10, "hour": 1}


def single_figure(salary: SalaryRange) -> float:
    """The one figure to name where that is the custom: halfway from the target to the
    maximum, rounded up to a clean step (an offer tends to land at or under the figure
    named, so it should sit above the target)."""
    step = _STEPS.get(salary.period, 1)
    middle = salary.target + (salary.maximum - salary.target) / 2
    return float(min(max(math.ceil(middle / step) * step, salary.target), salary.maximum))


def answer_figure(locale: Locale | None) -> str:
    """ "range" or "single": what a salary answer should name there (practice feedback
    accepts one figure where it is the custom)."""
    return locale.salary_figure if locale is not None else "range"


def _basis_word(locale: Locale | None) -> str:
    """' gross', ' CTC', ' plus super': how the figure is qualified there ('' by default)."""
    return f" {locale.pay_words}" if locale is not None and locale.pay_words else ""


def spoken_band(salary: SalaryRange, locale: Locale | None = None) -> str:
    """'€88,000 to €95,000 a year', or 'around €95,000 a year' when target is the maximum;
    with a locale, its basis ('gross', 'CTC') and, where the custom, one figure."""
    low, high = spoken_range(salary)
    period = PERIOD_WORDS.get(salary.period, f"per {salary.period}")
    basis_word = _basis_word(locale)
    if answer_figure(locale) == "single":
        return f"{money(single_figure(salary), salary.currency)}{basis_word} {period}"
    if low >= high:
        return f"around {money(high, salary.currency)}{basis_word} {period}"
    return f"{money(low, salary.currency)} to {money(high, salary.currency)}{basis_word} {period}"


def basis(salary: SalaryRange) -> str:
    """What the range rests on, in words: 'glassdoor.com, levels.fyi and a recruiter call'."""
    from prepcoach.kernel.wording import and_list
    from prepcoach.kit.research import source_label

    return and_list(list(dict.fromkeys(source_label(s) for s in salary.sources))[:3])


def practised_answer(
    salary: SalaryRange,
    *,
    role: str = "",
    company: str = "",
    locale: Locale | None = None,
    current_pay: str = "",
) -> str:
    """An answer to "What are your salary expectations?" that states a range (or the
    locale's single figure) and its basis; where the current CTC is asked for, it comes
    first (`current_pay` as the profile keeps it, else a gap to fill in)."""
    if len(role) > 1 and role[0].isupper() and role[1].islower():
        role = role[0].lower() + role[1:]  # "Product manager" mid-sentence, "iOS" kept
    role_words = f"{role} roles" if role else "roles like this one"
    based = basis(salary).replace("(", "").replace(")", "")  # one sentence, no asides
    where = f", from {based}" if based else ""
    closing = (
        f"That said, what matters most to me is the role and the team at {company}, "
        if company
        else "That said, what matters most to me is the role and the team, "
    )
    band = spoken_band(salary, locale)
    current = ""
    if locale is not None and locale.pay_basis == "ctc" and locale.asks_current_pay:
        said = current_pay.strip().rstrip(".") or "[your current CTC, fixed plus variable]"
        current = f"My current CTC is {said}. "
    if answer_figure(locale) == "single":
        ask = f"my salary expectation is {band}"
    else:
        ranged = "in the range of " if not band.startswith("around") else ""
        ask = f"I'm looking for something {ranged}{band}"
    return (
        f"{current}Based on my research into similar {role_words}{where}, and on the "
        f"experience and skills I would bring, {ask}. "
        f"{closing}so I'm open to talking about the whole package, "
        "including benefits and growth."
    )


def locale_problems(salary: SalaryRange, locale: Locale | None) -> list[str]:
    """What in a recorded range does not fit the locale's conventions (warnings, not errors:
    a job abroad may well pay in another currency)."""
    if locale is None:
        return []
    found = []
    if locale.currency and salary.currency != locale.currency:
        found.append(
            f"pay in {locale.name} is usually in {locale.currency}, and this range is in "
            f"{salary.currency}: fine if the job pays in it"
        )
    if locale.pay_basis == "ctc" and salary.period != "year":
        found.append("a CTC is quoted for a year: record the yearly figures (--period year)")
    return found


@dataclass(frozen=True, slots=True)
class Advice:
    """A locale's points on pay, for `prep salary`: a heading and its lines."""

    heading: str
    lines: tuple[str, ...]


def advice(locale: Locale | None) -> list[Advice]:
    """How pay is stated there, fixed public-sector bands and pay-transparency rules (empty
    without a locale)."""
    if locale is None:
        return []
    found = [Advice(f"How pay is talked about ({locale.name})", locale.salary_advice)]
    if locale.pay_transparency:
        found.append(Advice("What postings must show", (locale.pay_transparency,)))
    if locale.public_sector:
        found.append(Advice("Public-sector posts", (locale.public_sector,)))
    return [a for a in found if a.lines]


def feedback_range(salary: SalaryRange | None) -> tuple[float, float] | None:
    """The researched minimum and maximum, as practice feedback compares answers with them."""
    if salary is None:
        return None
    return (salary.minimum, salary.maximum)
