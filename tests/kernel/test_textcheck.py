"""What users type is quoted back in a message short enough to read."""

from __future__ import annotations

from prepcoach.kernel import textcheck


def test_a_long_wrong_email_is_quoted_short_and_the_reason_stays_whole() -> None:
    typed = "She ran the warehouse automation project and asked most of the questions"
    problem = textcheck.email_problem(typed)
    assert problem is not None
    assert problem.startswith("'She ran the warehouse automatio\u2026' is not a valid email")
    assert problem.endswith("(expected something like name@example.com)")
    assert textcheck.email_problem("ann@") == (
        "'ann@' is not a valid email address (expected something like name@example.com)"
    )
    assert textcheck.email_problem("ann@example.com") is None


def test_a_quoted_value_is_one_line() -> None:
    assert textcheck.shown("two\nlines") == "two lines"
    assert len(textcheck.shown("x" * 500)) == 32
