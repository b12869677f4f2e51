"""Counts and lists are said as English says them, in one place."""

from __future__ import annotations

import re

import pytest

from prepcoach.kernel.wording import and_list, counted, is_are


@pytest.mark.parametrize(
    ("count", "said"),
    [(0, "0 questions"), (1, "1 question"), (2, "2 questions"), (12000, "12,000 questions")],
)
def test_a_count_takes_the_singular_only_for_one(count: int, said: str) -> None:
    assert counted(count, "question") == said


def test_an_irregular_plural_is_given() -> None:
    assert (
        counted(3, "story", "stories") == "3 stories"
        and counted(1, "story", "stories") == "1 story"
    )
    assert f"{counted(1, 'question')} {is_are(1)} due" == "1 question is due"
    assert f"{counted(2, 'question')} {is_are(2)} due" == "2 questions are due"


def test_a_list_is_joined_with_and() -> None:
    assert and_list([]) == "" and and_list(["a"]) == "a"
    assert and_list(["a", "b"]) == "a and b" and and_list(["a", "b", "c"]) == "a, b and c"


# "question(s)" in a message; not a call such as "str(s) for s in ..." or "len(s) > 60"
_BRACKETED = re.compile(r"[a-z]\((?:s|es|ies)\)(?!\s+(?:for|if|[<>=]))(?=[\s:;,.'\"]|$)")


def test_no_message_says_a_plural_in_brackets() -> None:
    """'1 question(s)' reads as a form, not as a coach: every count goes through counted()."""
    from pathlib import Path

    import prepcoach

    root = Path(prepcoach.__file__).parent
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _BRACKETED.search(line) and not line.lstrip().startswith("#")
    ]
    assert found == []
