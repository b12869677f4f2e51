"""What users type is quoted back in a message short enough to read."""

from __future__ import annotations

from prepcoach.kernel import textcheck


def test_a_long_wrong_email_is_quoted_short_and_the_reason_stays_whole() -> None:
    typed = "She ran the warehouse automation project and asked most of the questions"
    problem = textcheck.email_problem(typed)
    assert problem is not None
    assert problem.startswith("'She ran the warehouse\u2026' is not a valid email")
    assert problem.endswith("(expected something like name@example.com)")
    assert textcheck.email_problem("ann@") == (
        "'ann@' is not a valid email address (expected something like name@example.com)"
    )
    assert textcheck.email_problem("ann@example.com") is None


def test_a_quoted_value_is_one_line() -> None:
    problem = textcheck.email_problem("two\nlines " + "x" * 500)
    assert problem is not None and "\n" not in problem
    assert problem.startswith("'two lines\u2026' is not a valid email")
