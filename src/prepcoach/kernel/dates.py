"""The one reader for every date a person types: interviews, post-mortem dates, promised
dates and follow-up times.

It reads absolute dates (`2025-03-14`, `14 March`, `March 14, 2025`, `Friday 14 March`) and
relative ones (`today`, `tomorrow`, `yesterday`, `fri`, `next tuesday`, `last monday`,
`in 3 days`, `2 weeks ago`), each optionally with a time (`14:30`, `9am`, `at 2:30pm`). A day
is a `date`; a day with a time is a timezone-aware `datetime` in UTC (the time is read as local
time). A weekday that contradicts the date is not rewritten: it is an error that gives both
readings. Every failure is a `DateError`, one line with an example.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from prepcoach.kernel import clock
from prepcoach.kernel.errors import PrepError

When = date | datetime

EXAMPLES = "e.g. 14 March 14:30, YYYY-MM-DD HH:MM, tomorrow 10:00, fri 9am, next tuesday, in 3 days"

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBREVIATIONS = {"tues": 1, "wednes": 2, "thur": 3, "thurs": 3}
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_TIME = r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*(?P<ampm>am|pm)?"
_TIME_RE = re.compile(rf"^(?:at\s+)?{_TIME}$")
_ISO_RE = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})(?:[t ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"(?P<offset>z|[+-]\d{2}:?\d{2})?)?$"
)


class DateError(PrepError):
    """A typed date that cannot be read, or that says two different days."""


class DateContradiction(DateError):
    """A weekday and a date that name different days ('Friday 14 March' in a year where the
    14th is a Sunday): the message gives both readings."""


def parse_when(text: str, reference: datetime | None = None) -> When | None:
    """A day, or a day and a time, from what a person typed; None for an empty answer."""
    cleaned = " ".join(text.strip().casefold().rstrip(".").split())
    if not cleaned:
        return None
    reference = reference or clock.now()
    try:
        return _parse(cleaned, reference)
    except DateError:
        raise
    except (ValueError, OverflowError):
        pass
    raise DateError(f"cannot read '{text.strip()}' as a date ({EXAMPLES})")


def parse_day(text: str, reference: datetime | None = None) -> date | None:
    """The local day of what was typed (the time, if any, is dropped)."""
    when = parse_when(text, reference)
    if isinstance(when, datetime):
        return clock.local(when).date()
    return when


def try_day(text: str, reference: datetime | None = None) -> date | None:
    """`parse_day`, with None for text that reads as no date (a contradiction still raises)."""
    try:
        return parse_day(text, reference)
    except DateContradiction:
        raise
    except DateError:
        return None


def typed(when: When) -> str:
    """The form a person could type back to get the same value: '2025-03-14' or
    '2025-03-14 14:30' (local time)."""
    if isinstance(when, datetime):
        moment = clock.local(when)
        pattern = "%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M"
        return moment.strftime(pattern)
    return when.isoformat()


def spelled(day: date) -> str:
    """'Friday 14 March 2025': a day written out (this form also parses back)."""
    weekday, month = _WEEKDAYS[day.weekday()], _MONTHS[day.month - 1]
    return f"{weekday.capitalize()} {day.day} {month.capitalize()} {day.year}"


# ---------------------------------------------------------------------------- the grammar


def _parse(text: str, reference: datetime) -> When:
    text = re.sub(r"^(?:by|on|before)\s+", "", text)
    iso = _ISO_RE.match(text)
    if iso:
        return _from_iso(iso)
    today = clock.local(reference).date()
    words = text.replace(",", " ").split()
    day, used = _day_words(words, today)
    if day is None:
        raise ValueError(text)
    rest = " ".join(words[used:])
    if not rest:
        return day
    moment = _time(rest)
    if moment is None:
        raise ValueError(text)
    return _localize(datetime.combine(day, moment))


def _from_iso(match: re.Match[str]) -> When:
    day = date.fromisoformat(match.group("day"))
    if not match.group("time"):
        return day
    hours, minutes, *more = match.group("time").split(":")
    seconds = float(more[0]) if more else 0.0
    naive = datetime.combine(
        day, time(int(hours), int(minutes), int(seconds), int(round((seconds % 1) * 1e6)) % 10**6)
    )
    offset = match.group("offset")
    if not offset:
        return _localize(naive)
    if offset == "z":
        return naive.replace(tzinfo=UTC)
    return datetime.fromisoformat(f"{naive.isoformat()}{offset[:3]}:{offset[-2:]}").astimezone(UTC)


def _day_words(words: list[str], today: date) -> tuple[date | None, int]:
    """The day the first words name, and how many words that took."""
    if not words:
        return None, 0
    head = words[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", head):
        return date.fromisoformat(head), 1
    if head in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[head]), 1
    relative = _relative_amount(words, today)
    if relative is not None:
        return relative
    if head in ("next", "this", "last", "coming") and len(words) > 1:
        if words[1] in ("week", "month"):
            return None, 0
        weekday = _weekday(words[1])
        if weekday is None:
            return None, 0
        if head == "last":
            back = (today.weekday() - weekday) % 7 or 7
            return today - timedelta(days=back), 2
        ahead = (weekday - today.weekday()) % 7
        if head != "this" and ahead == 0:
            ahead = 7  # 'next friday' said on a Friday is a week away
        return today + timedelta(days=ahead), 2
    weekday = _weekday(head)
    if weekday is not None:
        found, used = _calendar(words[1:], today)
        if found is None:
            ahead = (weekday - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead), 1
        if found.weekday() != weekday:
            raise DateContradiction(_contradiction(found, weekday))
        return found, used + 1
    return _calendar(words, today)


def _relative_amount(words: list[str], today: date) -> tuple[date, int] | None:
    """'in 3 days', 'in a week', '2 weeks ago', '3 days from now'."""
    if len(words) >= 3 and words[0] == "in" and words[2] in _UNITS:
        count = _count(words[1])
        if count is not None:
            return today + timedelta(days=count * _UNITS[words[2]]), 3
    if len(words) >= 3 and words[1] in _UNITS and words[2] in ("ago", "from"):
        count = _count(words[0])
        if count is not None:
            sign = -1 if words[2] == "ago" else 1
            used = 4 if words[2] == "from" and words[3:4] == ["now"] else 3
            if words[2] == "from" and used == 3:
                return None
            return today + timedelta(days=sign * count * _UNITS[words[1]]), used
    return None


def _count(word: str) -> int | None:
    if word.isdigit() and len(word) <= 4:
        return int(word)
    return _NUMBERS.get(word)


def _calendar(words: list[str], today: date) -> tuple[date | None, int]:
    """'14 march [2025]', 'march 14[th] [2025]'; a missing year is the nearest such day."""
    if len(words) < 2:
        return None, 0
    first, second = words[0], words[1]
    day_text, month_text = (first, second) if _ordinal(first) is not None else (second, first)
    number, month = _ordinal(day_text), _month(month_text)
    if number is None or month is None:
        return None, 0
    used = 2
    year: int | None = None
    if len(words) > 2 and re.fullmatch(r"\d{4}", words[2]):
        year, used = int(words[2]), 3
    if year is not None:
        return date(year, month, number), used
    candidates = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(date(today.year + offset, month, number))
        except ValueError:
            continue
    if not candidates:
        raise ValueError(" ".join(words))
    return min(candidates, key=lambda d: (abs((d - today).days), d < today)), used


def _ordinal(word: str) -> int | None:
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    return int(match.group(1)) if match else None


def _month(word: str) -> int | None:
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    for index, name in enumerate(_MONTHS):
        if name.startswith(word) or (word == "sept" and name == "september"):
            return index + 1
    return None


def _weekday(word: str) -> int | None:
    word = word.rstrip(".")
    if word in _WEEKDAY_ABBREVIATIONS:
        return _WEEKDAY_ABBREVIATIONS[word]
    if len(word) < 3 or not word.isalpha():
        return None
    for index, name in enumerate(_WEEKDAYS):
        if name.startswith(word):
            return index
    return None


def _contradiction(found: date, weekday: int) -> str:
    back = (found.weekday() - weekday) % 7
    nearest = found - timedelta(days=back) if back <= 3 else found + timedelta(days=7 - back)
    written = f"{found.day} {_MONTHS[found.month - 1].capitalize()} {found.year}"
    return (
        f"{written} is a {_WEEKDAYS[found.weekday()].capitalize()}, not a "
        f"{_WEEKDAYS[weekday].capitalize()}: type {spelled(found)} or {spelled(nearest)}"
    )


def _time(text: str) -> time | None:
    if text in ("noon", "midday"):
        return time(12, 0)
    match = _TIME_RE.match(text)
    if not match:
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    suffix = match.group("ampm")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match.group("minute") is None:
        return None  # a bare number is not a time ('fri 9' is unclear; '9am' or '9:00' is not)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _localize(naive: datetime) -> datetime:
    """A wall-clock time in the machine's timezone, as UTC."""
    return naive.astimezone().astimezone(UTC)
