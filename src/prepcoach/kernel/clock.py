"""Time in one place: stored as ISO-8601 UTC text, shown in the user's local time.

`now()` is the only clock the code reads, so tests can freeze it (`monkeypatch` `now`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """`2025-03-14T13:00:00.000Z`: UTC, milliseconds, sortable as text."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place in the store; attach a timezone")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now_iso() -> str:
    return iso(now())


def parse_iso(text: str) -> datetime:
    """The inverse of `iso` (also accepts any offset, and seconds precision)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def local(moment: datetime) -> datetime:
    """The same instant in the machine's local timezone."""
    return moment.astimezone()


def today() -> date:
    return local(now()).date()


def humanize_delta(moment: datetime | date, reference: datetime | None = None) -> str:
    """'in 3 days', 'tomorrow', 'in 2 hours', '5 days ago' (coarse on purpose)."""
    reference = reference or now()
    if not isinstance(moment, datetime):
        days = (moment - local(reference).date()).days
        return _days(days)
    delta = moment - reference
    seconds = delta.total_seconds()
    if abs(seconds) < 3600 * 20:
        minutes = int(abs(seconds) // 60)
        if minutes < 1:
            return "now"
        amount = f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"
        return f"in {amount}" if seconds > 0 else f"{amount} ago"
    days = (local(moment).date() - local(reference).date()).days
    return _days(days)


def _days(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    size = abs(days)
    if size < 14:
        amount = f"{size} days"
    elif size < 60:
        amount = f"{round(size / 7)} weeks"
    elif size < 730:
        amount = f"{round(size / 30.44)} months"
    else:
        amount = f"{round(size / 365.25)} years"
    return f"in {amount}" if days > 0 else f"{amount} ago"


ONE_DAY = timedelta(days=1)
