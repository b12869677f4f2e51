"""The one date reader: what people type, what it refuses, and that it round-trips."""

from __future__ import annotations

import os
import time as _time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.kernel.dates import (
    DateContradiction,
    DateError,
    parse_day,
    parse_when,
    spelled,
    typed,
)
from prepcoach.kernel.errors import PrepError

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(autouse=True, scope="module")
def utc_clock() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    _time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    _time.tzset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next tuesday", date(2025, 3, 11)),
        ("next monday", date(2025, 3, 17)),  # said on a Monday: a week away
        ("this monday", date(2025, 3, 10)),
        ("last friday", date(2025, 3, 7)),
        ("in 3 days", date(2025, 3, 13)),
        ("in a week", date(2025, 3, 17)),
        ("2 weeks ago", date(2025, 2, 24)),
        ("fri", date(2025, 3, 14)),
        ("tomorrow", date(2025, 3, 11)),
        ("Friday 14 March", date(2025, 3, 14)),
        ("by Friday 14 March", date(2025, 3, 14)),
        ("14 March 2026", date(2026, 3, 14)),
        ("March 14th, 2025", date(2025, 3, 14)),
        ("2 january", date(2025, 1, 2)),  # the nearest 2 January
        ("1 march", date(2025, 3, 1)),
        ("tomorrow at 10am", datetime(2025, 3, 11, 10, 0, tzinfo=UTC)),
        ("fri 2:30pm", datetime(2025, 3, 14, 14, 30, tzinfo=UTC)),
        ("14 March 9:15", datetime(2025, 3, 14, 9, 15, tzinfo=UTC)),
    ],
)
def test_absolute_and_relative_dates(text: str, expected: object) -> None:
    assert parse_when(text, NOW) == expected


def test_a_weekday_that_contradicts_the_date_is_asked_about_with_both_readings() -> None:
    with pytest.raises(DateContradiction) as caught:
        parse_when("Friday 14 March 2027", NOW)
    message = str(caught.value)
    assert "Sunday 14 March 2027" in message
    assert "Friday 12 March 2027" in message
    assert isinstance(caught.value, PrepError)


@pytest.mark.parametrize("text", ["soon", "fri 9", "next week", "14/03/2025", "31 february"])
def test_what_names_no_day_is_one_error_with_an_example(text: str) -> None:
    with pytest.raises(DateError, match="e.g. "):
        parse_when(text, NOW)


REFERENCES = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31), timezones=st.just(UTC)
)
WORDS = st.sampled_from(
    [
        "next",
        "last",
        "this",
        "in",
        "ago",
        "days",
        "week",
        "fri",
        "friday",
        "tue",
        "march",
        "14",
        "3",
        "2025",
        "2025-03-14",
        "at",
        "9am",
        "14:30",
        "by",
        "on",
        "tomorrow",
        "today",
        ",",
        "th",
        "13pm",
        "99",
        "a",
        "-",
        ":",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(st.text(max_size=40), st.lists(WORDS, max_size=5).map(" ".join)),
    reference=REFERENCES,
)
def test_it_never_raises_anything_but_the_products_error(text: str, reference: datetime) -> None:
    try:
        parse_when(text, reference)
    except DateError:
        pass


DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2200, 12, 31), timezones=st.just(UTC)
).map(lambda m: m.replace(microsecond=0))


@settings(max_examples=300, deadline=None)
@given(day=DAYS, reference=REFERENCES)
def test_a_formatted_day_parses_back_to_it(day: date, reference: datetime) -> None:
    assert parse_when(typed(day), reference) == day
    assert parse_day(spelled(day), reference) == day


@settings(max_examples=300, deadline=None)
@given(moment=MOMENTS, reference=REFERENCES)
def test_a_formatted_moment_parses_back_to_it(moment: datetime, reference: datetime) -> None:
    assert parse_when(typed(moment), reference) == moment


@settings(max_examples=200, deadline=None)
@given(ahead=st.integers(min_value=0, max_value=400), reference=REFERENCES)
def test_in_n_days_is_n_days_ahead(ahead: int, reference: datetime) -> None:
    assert parse_when(f"in {ahead} days", reference) == reference.date() + timedelta(days=ahead)
