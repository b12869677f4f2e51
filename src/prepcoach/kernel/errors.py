"""One exception family: everything a user can cause ends here and is shown as one line."""

from __future__ import annotations


class PrepError(Exception):
    """An error the user can act on; the CLI prints its message and exits 1."""

    exit_code = 1


class ContentError(PrepError):
    """A content file is broken; `problems` lists every `file:line:col: message` found."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = problems or []


class StoreError(PrepError):
    """The database cannot be opened or written safely."""


class NotFoundError(PrepError):
    """An id or name the user gave does not exist."""


class NotInteractiveError(PrepError):
    """A prompt was needed but there is no terminal to ask on."""
