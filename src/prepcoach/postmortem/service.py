"""The start rules of `prep postmortem`, without a terminal.

A post-mortem is recorded once per interview: `start` refuses an interview that cannot have
one yet (`core.interview_problem`), one whose post-mortem is done (edit it instead), a
`--resume` with nothing to resume, and a template other than the one an unfinished draft
uses; it returns the template to ask and the draft to continue, if any.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepcoach.kernel.errors import PrepError
from prepcoach.postmortem import store as store_pm
from prepcoach.postmortem.core import (
    DEFAULT_TEMPLATE,
    Postmortem,
    check_template,
    interview_problem,
)

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemTemplate
    from prepcoach.interviews.core import Interview
    from prepcoach.store.db import Store


def check_resumable(store: Store) -> None:
    """`--resume` needs an unfinished post-mortem somewhere."""
    if store_pm.latest_draft(store) is None:
        raise PrepError(
            "there is no unfinished post-mortem to resume; start one with 'prep postmortem'"
        )


def start(
    store: Store,
    library: ContentLibrary,
    interview: Interview,
    *,
    resume: bool,
    template_id: str | None,
) -> tuple[PostmortemTemplate, Postmortem | None]:
    """The template to ask and the unfinished post-mortem to continue (None: a new one)."""
    problem = interview_problem(interview)
    if problem:
        raise PrepError(problem)
    existing = store_pm.get_postmortem_for_interview(store, interview.id)
    if existing is not None and existing.done:
        raise PrepError(
            f"{interview.label()} already has a post-mortem ({existing.id}); see it with "
            f"'prep postmortem show {interview.id}' or change it with 'prep postmortem edit "
            f"{interview.id}'"
        )
    if resume and existing is None:
        raise PrepError(
            f"{interview.label()} has no unfinished post-mortem to resume; start one with "
            f"'prep postmortem {interview.id}'"
        )
    if existing is not None and template_id and template_id != existing.template_id:
        raise PrepError(
            f"the unfinished post-mortem for {interview.label()} uses the template "
            f"'{existing.template_id}'; finish it with that one"
        )
    wanted = existing.template_id if existing is not None else template_id or DEFAULT_TEMPLATE
    return check_template(library.get("postmortem_templates", wanted)), existing
