"""The use cases behind `prep postmortem`, without a terminal.

1. which interview: `find_interview` (by id or company), `resume_interview` (the one whose
   post-mortem was stopped), `candidates` (the past ones still without a finished one), or
   `add_interview` (the one that just happened);
2. `start`: a post-mortem is recorded once per interview; it refuses an interview that
   cannot have one yet (`core.interview_problem`), one whose post-mortem is done (edit it
   instead), a `--resume` with nothing to resume, and a template other than the one an
   unfinished draft uses; it returns the template to ask and the draft to continue, if any;
3. `save_answers` after every answer; `finish` in one transaction: the weak questions come
   due for practice, the interview learns who was there and that it happened;
4. `plan`: the action plan a post-mortem becomes;
5. `listing`, `find` and `save_edit`: `list`, `show` and `edit` of the recorded ones (the
   form `edit` opens is `text.edit_form`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prepcoach.interviews import store as store_iv
from prepcoach.interviews.core import Interview, InterviewChanges, When
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.postmortem import store as store_pm
from prepcoach.postmortem.core import (
    DEFAULT_TEMPLATE,
    WEAK_RATING,
    Postmortem,
    check_template,
    from_answers,
    interview_problem,
    past_interviews,
)
from prepcoach.postmortem.plan import ActionPlan, action_plan
from prepcoach.stories.store import list_stories

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemTemplate
    from prepcoach.store.db import Store


# ---------------------------------------------------------------------------- 1. which interview


def find_interview(store: Store, query: str) -> Interview:
    """The interview `query` names (an id, or its start, or a company name)."""
    return store_iv.find_interview(store, query)


def resume_interview(store: Store) -> Interview:
    """The interview of the latest unfinished post-mortem."""
    draft = store_pm.latest_draft(store)
    if draft is None:
        raise PrepError(
            "there is no unfinished post-mortem to resume; start one with 'prep postmortem'"
        )
    return store_iv.get_interview(store, draft.interview_id)


@dataclass(frozen=True, slots=True)
class Candidates:
    """The past interviews still without a finished post-mortem, the most recent first."""

    interviews: list[Interview]
    unfinished: frozenset[str]  # interview ids with a draft post-mortem
    any_finished: bool  # some interview has a finished post-mortem


def candidates(store: Store) -> Candidates:
    finished = {p.interview_id for p in store_pm.list_postmortems(store, status="done")}
    drafts = {p.interview_id for p in store_pm.list_postmortems(store, status="draft")}
    past = past_interviews(store_iv.list_interviews(store))
    return Candidates([i for i in past if i.id not in finished], frozenset(drafts), bool(finished))


def get_interview(store: Store, interview_id: str) -> Interview:
    return store_iv.get_interview(store, interview_id)


def companies(store: Store) -> list[str]:
    """The companies of your interviews, to complete a name as it is typed."""
    return store_iv.companies(store)


def add_interview(store: Store, interview: Interview) -> Interview:
    return store_iv.add_interview(store, interview)


def date_interview(store: Store, interview: Interview, when: When) -> Interview:
    """Give an interview without a date its date (the follow-up deadline counts from it)."""
    return store_iv.update_interview(store, interview.id, InterviewChanges(when=when))


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


# ---------------------------------------------------------------------------- 3. answers and finish


def save_answers(
    store: Store, interview: Interview, template: PostmortemTemplate, answers: Mapping[str, Any]
) -> Postmortem:
    """Keep the answers so far (the draft is created with the first one)."""
    return store_pm.save_answers(store, interview.id, answers, template_id=template.id)


def saved_draft(store: Store, interview: Interview) -> Postmortem | None:
    """What is saved of the interview's post-mortem, if anything."""
    return store_pm.get_postmortem_for_interview(store, interview.id)


def finish(
    store: Store, interview: Interview, template: PostmortemTemplate, answers: Mapping[str, Any]
) -> tuple[Postmortem, Interview]:
    """Save the answers as done in one transaction, the weak questions due for practice now;
    the post-mortem and the interview as it is now (it learnt who was there)."""
    typed = from_answers(id="", interview_id=interview.id, answers=answers)
    weak = [q.question_id for q in typed.questions if q.weak and q.question_id]
    done = store_pm.finish_postmortem(
        store,
        interview.id,
        answers,
        template_id=template.id,
        weak_question_ids=weak,
        weak_reason=f"rated {WEAK_RATING} or lower in the post-mortem of {interview.label()}",
    )
    return done, store_iv.get_interview(store, interview.id)


# ---------------------------------------------------------------------------- 4. the plan


def plan(
    store: Store, library: ContentLibrary, postmortem: Postmortem, interview: Interview
) -> ActionPlan:
    """What the post-mortem becomes: strengths, gaps, concerns with your stories, next steps."""
    return action_plan(postmortem, library, list_stories(store), interview)


# ---------------------------------------------------------------------------- 5. list, show, edit


def listing(store: Store, status: str | None = None) -> list[tuple[Postmortem, Interview | None]]:
    """Every post-mortem (or those with `status`), the most recent first, with its interview."""
    interviews = {i.id: i for i in store_iv.list_interviews(store)}
    return [
        (p, interviews.get(p.interview_id)) for p in store_pm.list_postmortems(store, status=status)
    ]


def find(store: Store, query: str | None) -> tuple[Postmortem, Interview]:
    """A post-mortem by its id, by its interview (id or company), or the latest one."""
    if query is None or not query.strip():
        found = store_pm.list_postmortems(store)
        if not found:
            raise NotFoundError("no post-mortems yet; record one with: prep postmortem")
        return found[0], store_iv.get_interview(store, found[0].interview_id)
    if query.strip().lower().startswith(f"{store_pm.PREFIX}-"):
        by_id = store_pm.find_by_id(store, query)
        return by_id, store_iv.get_interview(store, by_id.interview_id)
    interview = store_iv.find_interview(store, query)
    postmortem = store_pm.get_postmortem_for_interview(store, interview.id)
    if postmortem is None:
        raise NotFoundError(
            f"{interview.label()} has no post-mortem yet; record one with: "
            f"prep postmortem {interview.id}"
        )
    return postmortem, interview


def save_edit(
    store: Store,
    postmortem: Postmortem,
    interview: Interview,
    template: PostmortemTemplate,
    answers: Mapping[str, Any],
) -> Postmortem:
    """Save edited answers, refusing to overwrite a change made meanwhile. A finished one
    stays finished, and a question newly rated weak comes due for practice."""
    if not postmortem.done:
        return store_pm.save_answers(
            store,
            interview.id,
            answers,
            template_id=template.id,
            expected_updated_at=postmortem.updated_at,
        )
    before = {q.question_id for q in postmortem.questions if q.weak}
    after = from_answers(id="", interview_id=interview.id, answers=answers)
    newly = [
        q.question_id
        for q in after.questions
        if q.weak and q.question_id and q.question_id not in before
    ]
    return store_pm.finish_postmortem(
        store,
        interview.id,
        answers,
        template_id=template.id,
        weak_question_ids=newly,
        weak_reason=f"rated low in the post-mortem of {interview.label()}",
        expected_updated_at=postmortem.updated_at,
    )
