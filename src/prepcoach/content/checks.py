"""Checks that features add to content validation, so content itself knows no feature.

Content checks what every pack shares: the schema, then the references between items. Some
kinds mean something only to a feature (an email template must render in the follow-up's
sandbox; a post-mortem template must give the prompts the plan reads). That feature registers
a check here, in the module that owns the rule, and `check_files` runs every registered check
on the merged library: each finding is (kind, item id, location inside the item, message),
reported at the item's line in its file like any other problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary

Finding = tuple[str, str, tuple[Any, ...], str]
ContentCheck = Callable[["ContentLibrary"], Iterable[Finding]]

_CHECKS: dict[str, ContentCheck] = {}


def register(name: str, check: ContentCheck) -> ContentCheck:
    """Add `check` under `name` (registering a name again replaces it); returns the check."""
    _CHECKS[name] = check
    return check


def registered() -> list[ContentCheck]:
    """The registered checks, in the order they were first registered."""
    return list(_CHECKS.values())
