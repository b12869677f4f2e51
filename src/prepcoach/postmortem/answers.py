"""Reading post-mortem answers: one parser per prompt kind, issues that say what to fix.

The parsers take what people write (in `--answers FILE.yaml`, in the document
`prep postmortem edit` opens) and return the stored form of each answer: plain JSON data
keyed by prompt id. A rating outside 1-5, a question without a rating, an unknown bank
question or competency, a malformed email: each is an `Issue` with the path to it, so a
document's problems can name their line (the reading tools they share are in
`prepcoach.postmortem.reading`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from prepcoach.content.validation import suggest
from prepcoach.interviews.core import parse_interviewer
from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError
from prepcoach.postmortem.core import (
    CLOSED,
    ITEM_MAX,
    REPEATED_KINDS,
    Answers,
    check_template,
)
from prepcoach.postmortem.match import read_concern
from prepcoach.postmortem.reading import (
    Issue,
    ParseContext,
    describe_path,
    list_items,
    normalize_date_item,
    parse_rating,
    text_value,
    unknown_keys,
)

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemPrompt, PostmortemTemplate

__all__ = [
    "Issue",
    "ParseContext",
    "bank_question_for",
    "describe_path",
    "is_empty",
    "missing_required",
    "normalize_date_item",
    "parse_answer",
    "parse_answers",
    "parse_rating",
    "required_message",
    "resume_index",
]


def _parse_rating(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    try:
        return parse_rating(value), []
    except ValueError as error:
        return None, [Issue(path, str(error))]


def _parse_text(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    return text_value(value, path, max_chars=textcheck.PART_MAX)


def _parse_list(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    raw, issues = list_items(value, path)
    result: list[str] = []
    for index, item in enumerate(raw):
        text, found = text_value(item, (*path, index), max_chars=ITEM_MAX)
        issues += found
        if text:
            result.append(text)
    return result, issues


def _parse_people(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    raw, issues = list_items(value, path)
    people: list[dict[str, str]] = []
    for index, item in enumerate(raw):
        where = (*path, index)
        if isinstance(item, str):
            try:
                person = parse_interviewer(item)
            except PrepError as error:
                issues.append(Issue(where, str(error)))
                continue
            people.append({"name": person.name, "title": person.title, "email": person.email})
            continue
        if not isinstance(item, dict):
            issues.append(Issue(where, "give a name, or name, title and email"))
            continue
        issues += unknown_keys(item, ("name", "title", "email"), where)
        name, found = text_value(item.get("name"), (*where, "name"), max_chars=200, multiline=False)
        title, found_title = text_value(
            item.get("title"), (*where, "title"), max_chars=200, multiline=False
        )
        email, found_email = text_value(
            item.get("email"), (*where, "email"), max_chars=254, multiline=False
        )
        issues += found + found_title + found_email
        if not name:
            issues.append(Issue((*where, "name"), "give the person's name"))
        email_problem = textcheck.email_problem(email)
        if email_problem:
            issues.append(Issue((*where, "email"), email_problem))
        people.append({"name": name, "title": title, "email": email})
    return people, issues


def bank_question_for(text: str, library: ContentLibrary) -> str | None:
    """The bank question with exactly this wording (ignoring case, spaces and punctuation)."""
    wanted = _plain(text)
    if not wanted:
        return None
    for question in library.questions.values():
        if _plain(question.text) == wanted:
            return question.id
    return None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


QUESTION_FIELDS = ("text", "id", "rating", "said", "would_say")


def _parse_questions(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    raw, issues = list_items(value, path)
    library = ctx.library
    asked: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        where = (*path, index)
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            issues.append(Issue(where, "give the question's text and your rating, 1 to 5"))
            continue
        # "question_id" is the stored and JSON name; documents say "id".
        item = {("id" if k == "question_id" else k): v for k, v in item.items()}
        issues += unknown_keys(item, QUESTION_FIELDS, where)
        text, found = text_value(item.get("text"), (*where, "text"), max_chars=ITEM_MAX)
        issues += found
        question_id = item.get("id")
        if question_id is not None and not isinstance(question_id, str):
            issues.append(Issue((*where, "id"), "must be a question id from the bank"))
            question_id = None
        question_id = (question_id or "").strip() or None
        if question_id is not None and question_id not in library.questions:
            issues.append(
                Issue(
                    (*where, "id"),
                    f"no question with id '{question_id}' in the bank"
                    f"{suggest(question_id, list(library.questions))}; leave it empty for a "
                    "question of your own",
                )
            )
            question_id = None
        if question_id is not None and not text:
            text = library.questions[question_id].text
        if not text:
            issues.append(Issue(where, "give the question's text (or the id of a bank question)"))
            continue
        if question_id is None:
            question_id = bank_question_for(text, library)
        rating: int | None = None
        try:
            rating = parse_rating(item.get("rating"))
        except ValueError as error:
            issues.append(Issue((*where, "rating"), str(error)))
        else:
            if rating is None and ctx.complete:
                issues.append(
                    Issue(
                        (*where, "rating"),
                        "rate how you answered it, from 1 (poor) to 5 (excellent)",
                    )
                )
        said, found_said = text_value(
            item.get("said"), (*where, "said"), max_chars=textcheck.PART_MAX
        )
        would, found_would = text_value(
            item.get("would_say"), (*where, "would_say"), max_chars=textcheck.PART_MAX
        )
        issues += found_said + found_would
        asked.append(
            {
                "text": text,
                "question_id": question_id,
                "rating": rating,
                "said": said,
                "would_say": would,
            }
        )
    return asked, issues


def _parse_concerns(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    raw, issues = list_items(value, path)
    known = ctx.library.competencies
    concerns: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        where = (*path, index)
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            issues.append(Issue(where, "give the signal's text and its competencies"))
            continue
        issues += unknown_keys(item, ("text", "competencies", "by", "skills"), where)
        text, found = text_value(item.get("text"), (*where, "text"), max_chars=ITEM_MAX)
        issues += found
        if not text:
            issues.append(Issue((*where, "text"), "say what the signal was"))
            continue

        reading = read_concern(text, ctx.library)
        skills = item.get("skills")
        if skills is None:
            skills = list(reading.skills)
        elif isinstance(skills, str):
            skills = [t.strip() for t in skills.split(",") if t.strip()]
        if not isinstance(skills, list) or not all(isinstance(t, str) for t in skills):
            issues.append(Issue((*where, "skills"), "must be a list, e.g. [sql, excel]"))
            continue
        skills = list(dict.fromkeys(t.strip().lower() for t in skills if t.strip()))
        tags = item.get("competencies")
        if tags is None:
            # Only a confident reading is taken unasked; a skill-only note needs none.
            tags = [reading.pretick] if reading.pretick else []
        elif isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            issues.append(
                Issue((*where, "competencies"), "must be a list of ids, e.g. [communication]")
            )
            continue
        tags = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
        unknown = [t for t in tags if t not in known]
        for tag in unknown:
            issues.append(
                Issue(
                    (*where, "competencies"),
                    f"unknown competency '{tag}'{suggest(tag, list(known))}",
                )
            )
        if not tags and not skills:
            likely = ", ".join(reading.ranked[:3]) or "communication, conflict"
            issues.append(
                Issue(
                    (*where, "competencies"),
                    f"name the competencies it points to, e.g. [{likely}] "
                    f"(known: {', '.join(known)})",
                )
            )
        entry: dict[str, Any] = {"text": text, "competencies": [t for t in tags if t in known]}
        if skills:
            entry["skills"] = skills
        if isinstance(item.get("by"), str) and item["by"].strip():
            entry["by"] = textcheck.clean(item["by"], multiline=False)
        concerns.append(entry)
    return concerns, issues


def _parse_dates(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    items, issues = _parse_list(value, path, ctx)
    return [normalize_date_item(item, ctx.reference) for item in items], issues


PARSERS = {
    "rating": _parse_rating,
    "text": _parse_text,
    "list": _parse_list,
    "people": _parse_people,
    "questions": _parse_questions,
    "concerns": _parse_concerns,
    "dates": _parse_dates,
}


def parse_answer(
    prompt: PostmortemPrompt, value: Any, ctx: ParseContext
) -> tuple[Any, list[Issue]]:
    """One prompt's answer in its stored form, and the issues found (by its kind)."""
    parsed, issues = PARSERS[prompt.kind](value, (prompt.id,), ctx)
    if ctx.complete and prompt.required and is_empty(prompt.kind, parsed) and not issues:
        issues = [Issue((prompt.id,), required_message(prompt))]
    return parsed, issues


def required_message(prompt: PostmortemPrompt) -> str:
    if prompt.kind == "questions":
        return "add at least one question they asked: the plan for the next round starts there"
    if prompt.kind == "rating":
        return "give a rating from 1 (poor) to 5 (excellent)"
    return "this answer is required"


def parse_answers(
    template: PostmortemTemplate,
    data: Mapping[str, Any],
    ctx: ParseContext,
    *,
    keep: Sequence[str] = (),
) -> tuple[Answers, list[Issue]]:
    """Answers by prompt id from a mapping (a scripted file, an edited document).

    Keys that are not prompts of the template are errors, except those in `keep` (answers
    to prompts an older version of the template had), which are kept as they are.
    """
    check_template(template)
    prompts = {p.id: p for p in template.prompts}
    answers: Answers = {}
    issues: list[Issue] = []
    for key, value in data.items():
        name = str(key).removeprefix("postmortem.")
        if name in prompts:
            answers[name], found = parse_answer(prompts[name], value, ctx)
            issues += found
        elif name in keep:
            answers[name] = value
        else:
            issues.append(
                Issue(
                    (name,),
                    f"not a prompt of the '{template.id}' post-mortem"
                    f"{suggest(name, list(prompts))}; prompts: {', '.join(prompts)}",
                )
            )
    if ctx.complete:
        for prompt in template.prompts:
            if prompt.id not in answers and prompt.required:
                issues.append(Issue((prompt.id,), required_message(prompt)))
    return answers, issues


def is_empty(kind: str, value: Any) -> bool:
    if value is None or value == "" or value == []:
        return True
    if kind == "questions":
        return not any(isinstance(q, dict) and q.get("text") for q in value)
    return False


def missing_required(template: PostmortemTemplate, answers: Mapping[str, Any]) -> list[str]:
    """Ids of required prompts without an answer, and of questions without a rating."""
    missing = [p.id for p in template.prompts if p.required and is_empty(p.kind, answers.get(p.id))]
    for prompt in template.prompts:
        if prompt.kind == "questions" and prompt.id not in missing:
            value = answers.get(prompt.id) or []
            if any(isinstance(q, dict) and q.get("rating") is None for q in value):
                missing.append(prompt.id)
    return missing


def resume_index(template: PostmortemTemplate, answers: Mapping[str, Any]) -> int:
    """Where an interrupted post-mortem continues: the first prompt not answered yet, or the
    last answered one when it is answered item by item (it may have been cut short)."""
    answered = [i for i, p in enumerate(template.prompts) if p.id in answers]
    if not answered:
        return 0
    last = answered[-1]
    closed = answers.get(CLOSED)
    finished = set(closed) if isinstance(closed, list) else set()
    if template.prompts[last].kind in REPEATED_KINDS and template.prompts[last].id not in finished:
        return last
    return last + 1
