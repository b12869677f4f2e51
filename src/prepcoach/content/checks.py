"""Checks that features add to content validation, so content itself knows no feature.

Content checks what every pack shares: the schema, then the references between items. Some
kinds mean something only to a feature (an email template must render in the follow-up's
sandbox; a post-mortem template must give the prompts the plan reads). That feature registers
a check of that kind here, in the module that owns the rule, and `check_files` runs it on the
merged library whenever a file holding items of that kind has not passed the checks yet. Each
finding is (kind, item id, location inside the item, message), reported at the item's line in
its file like any other problem.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary

Finding = tuple[str, str, tuple[Any, ...], str]
ContentCheck = Callable[["ContentLibrary"], Iterable[Finding]]

_CHECKS: dict[str, ContentCheck] = {}


def register(kind: str, check: ContentCheck) -> ContentCheck:
    """Add `check` of the items of `kind` (registering a kind again replaces its check);
    returns the check."""
    _CHECKS[kind] = check
    return check


def registered() -> list[ContentCheck]:
    """The registered checks, in the order they were first registered."""
    return list(_CHECKS.values())


def findings(library: ContentLibrary, kinds: Collection[str]) -> Iterator[Finding]:
    """What the checks of `kinds` find (the other kinds' items have passed theirs)."""
    for kind, check in _CHECKS.items():
        if kind in kinds:
            yield from check(library)
