"""A post-mortem as text: the YAML document people edit or script, and the reports they keep.

The YAML document has one key per prompt of the template, in the template's order, each
under a comment with the prompt's question; the same document is what `--answers FILE`
takes and what `prep postmortem edit` opens. The reports are Markdown (to keep or print)
and plain data for JSON.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from prepcoach.content.yamlsource import MarkedDict, dump_document, key_mark_of, mark_of, parse_yaml
from prepcoach.interviews.core import format_when, when_to_text
from prepcoach.postmortem.answers import ParseContext, describe_path, parse_answers
from prepcoach.postmortem.core import (
    BOOKKEEPING_KEYS,
    RATING_LABELS,
    Answers,
    Postmortem,
    from_answers,
)
from prepcoach.postmortem.plan import ActionPlan

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemPrompt, PostmortemTemplate
    from prepcoach.interviews.core import Interview

# What each kind of answer looks like in the document, shown above it.
KIND_HINTS = {
    "rating": "a whole number from 1 (poor) to 5 (excellent)",
    "text": "",
    "list": "a list: one item per line, each after '- '",
    "people": "each with name, title and email",
    "questions": (
        "each with text, id (a question from the bank, or empty for your own wording), "
        "rating (1-5: how you answered), said, would_say"
    ),
    "concerns": "each with text and competencies (ids, e.g. [communication, conflict])",
    "dates": "'DATE: what', e.g. '2025-03-21: hear back' (today, fri, 2025-03-21 14:00...)",
}
_EMPTY: dict[str, Any] = {
    "rating": None,
    "text": "",
    "list": [],
    "people": [],
    "questions": [],
    "concerns": [],
    "dates": [],
}


# ---------------------------------------------------------------------------- YAML document


def _document_value(prompt: PostmortemPrompt, value: Any) -> Any:
    if value is None:
        return _EMPTY.get(prompt.kind)
    if prompt.kind == "questions" and isinstance(value, list):
        return [
            {
                "text": q.get("text", ""),
                "id": q.get("question_id") or "",
                "rating": q.get("rating"),
                "said": q.get("said", ""),
                "would_say": q.get("would_say", ""),
            }
            if isinstance(q, dict)
            else q
            for q in value
        ]
    return value


def to_document(
    template: PostmortemTemplate,
    answers: Mapping[str, Any],
    *,
    competencies: Sequence[str] = (),
) -> str:
    """The answers as a commented YAML document, in the template's order."""

    blocks: list[str] = []
    for prompt in template.prompts:
        hint = KIND_HINTS.get(prompt.kind, "")
        if prompt.kind == "concerns" and competencies:
            hint += "; competencies: " + ", ".join(competencies)
        comment = [prompt.text + (" (required)" if prompt.required else "")]
        if hint:
            comment += textwrap.wrap(hint, 86, break_on_hyphens=False)
        body = dump_document({prompt.id: _document_value(prompt, answers.get(prompt.id))})
        blocks.append("".join(f"# {line}\n" for line in comment) + body)
    asked = {p.id for p in template.prompts} | BOOKKEEPING_KEYS
    extra = {k: v for k, v in answers.items() if k not in asked}
    if extra:
        blocks.append("# Answers to prompts the template no longer asks (kept as they are)\n")
        blocks.append(dump_document(extra))
    return "\n".join(blocks)


def from_document(
    text: str,
    template: PostmortemTemplate,
    ctx: ParseContext,
    *,
    where: str = "",
    keep: Sequence[str] = (),
    line_offset: int = 0,
) -> tuple[Answers | None, list[str]]:
    """Answers from a YAML document; problems are `where:line: what` (all of them)."""

    prefix = f"{where}:" if where else "line "
    data, yaml_problems = parse_yaml(text, kind="answers files")
    if yaml_problems:
        return None, [
            f"{prefix}{line + line_offset}:{col}: {message}"
            for (line, col), message in yaml_problems
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [
            f"{prefix}1: expected a mapping of prompt ids to answers, e.g. 'overall_rating: 4'"
        ]
    answers, issues = parse_answers(template, data, ctx, keep=keep)
    if not issues:
        return answers, []
    keys = {str(k).removeprefix("postmortem."): k for k in data}
    problems = []
    for issue in issues:
        path = (keys.get(str(issue.path[0]), issue.path[0]), *issue.path[1:]) if issue.path else ()
        if isinstance(data, MarkedDict) and path:
            in_data = path[0] in data
            unknown_field = "unknown field" in issue.message or not in_data
            mark = key_mark_of(data, path) if unknown_field else mark_of(data, path)
            line = mark[0] if in_data else len(text.splitlines()) or 1
            problems.append(f"{prefix}{line + line_offset}: {issue}")
        else:
            problems.append(f"{prefix}{describe_path(issue.path)}: {issue.message}")
    return None, problems


# ---------------------------------------------------------------------------- data for JSON


def when_text(value: datetime | Any) -> str | None:
    if isinstance(value, date):
        return when_to_text(value)
    return None


def _lists(value: Any) -> Any:
    """Tuples as lists, all the way down: the data as JSON will show it."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


def postmortem_dict(postmortem: Postmortem) -> dict[str, Any]:
    data: dict[str, Any] = _lists(asdict(postmortem))
    for person in data["people"]:
        person.pop("id", None)
    return data


def plan_dict(plan: ActionPlan) -> dict[str, Any]:
    return {
        "weak_question_ids": list(plan.weak_question_ids),
        "weak_questions": [asdict(q) for q in plan.weak_questions],
        "concerns": [
            {
                "text": prep.concern.text,
                "competencies": [
                    {
                        "id": c.competency,
                        "name": c.name,
                        "stories": [{"id": s.id, "title": s.title} for s in c.stories],
                    }
                    for c in prep.competencies
                ],
            }
            for prep in plan.concerns
        ],
        "uncovered_competencies": list(plan.uncovered_competencies),
        "revisit_answer": plan.revisit_answer,
        "clarify": list(plan.clarify),
        "followup_topics": list(plan.followup_topics),
        "followup_deadline": when_text(plan.followup_deadline),
        "strengths": list(plan.strengths),
        "gaps": list(plan.gaps),
        "next_dates": list(plan.next_dates),
    }


def report_dict(postmortem: Postmortem, plan: ActionPlan, interview: Interview) -> dict[str, Any]:
    return {
        "postmortem": postmortem_dict(postmortem),
        "interview": {
            "id": interview.id,
            "company": interview.company,
            "role": interview.role,
            "stage": interview.stage,
            "when": when_to_text(interview.when),
            "status": interview.status,
        },
        "plan": plan_dict(plan),
    }


# ---------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """Text safe inside Markdown: no accidental emphasis, headings or HTML."""
    escaped = text
    for char in ("\\", "`", "*", "_", "[", "]", "<", ">", "#", "|"):
        escaped = escaped.replace(char, "\\" + char)
    return " ".join(escaped.split())


def _quote(text: str) -> str:
    return "\n".join(f"> {_md(line)}" if line.strip() else ">" for line in text.splitlines())


def rating_text(rating: int | None) -> str:
    return f"{rating}/5 ({RATING_LABELS[rating]})" if rating in RATING_LABELS else "not rated"


def practice_hint(text: str) -> str:
    escaped = text.replace('"', "'")
    return f'prep story match "{escaped}"'


def to_markdown(
    postmortem: Postmortem,
    plan: ActionPlan,
    interview: Interview,
    template: PostmortemTemplate | None,
) -> str:
    """A report to keep: the action plan first, then everything that was answered."""
    lines = [f"# Post-mortem: {_md(interview.label())}", ""]
    facts = [format_when(interview.when) if interview.when else "date not set"]
    facts.append(f"overall {rating_text(postmortem.overall_rating)}")
    if not postmortem.done:
        facts.append("**unfinished draft**")
    lines += [" · ".join(facts), ""]
    if postmortem.overall_sentence:
        lines += [_quote(postmortem.overall_sentence), ""]
    lines += _plan_markdown(plan)
    lines += ["## The interview", ""]
    prompts = list(template.prompts) if template is not None else []
    shown = {p.id for p in prompts}
    for prompt in prompts:
        if prompt.id in ("overall_rating", "overall_sentence"):
            continue
        body = answer_lines(prompt.kind, postmortem.answers.get(prompt.id))
        if body:
            lines += [f"### {_md(prompt.text)}", "", *body, ""]
    for key, value in postmortem.answers.items():
        if key not in shown and value not in (None, "", []):
            lines += [f"### {_md(key)}", "", _md(str(value)), ""]
    return "\n".join(lines).rstrip() + "\n"


def _plan_markdown(plan: ActionPlan) -> list[str]:
    lines = ["## Action plan", ""]
    if plan.weak_questions:
        lines += ["### Practise now", ""]
        for q in plan.weak_questions:
            how = (
                f"due now in `prep practice --mode weak` ({q.question_id})"
                if q.question_id
                else f"your own wording: prepare it with `{practice_hint(q.text)}`"
            )
            lines.append(f"- [ ] {_md(q.text)} — rated {q.rating}/5; {how}")
        lines.append("")
    if plan.concerns:
        lines += ["### Prepare for their concerns", ""]
        for prep in plan.concerns:
            lines.append(f"- **{_md(prep.concern.text)}**")
            for c in prep.competencies:
                if c.covered:
                    stories = ", ".join(f"{_md(s.title)} ({s.id})" for s in c.stories[:3])
                    lines.append(f"  - {_md(c.name)}: {stories}")
                else:
                    lines.append(
                        f"  - {_md(c.name)}: no story yet — "
                        f"`prep story add --competency {c.competency}`"
                    )
        lines.append("")
    lines += ["### When they ask if you want to go back over the first interview", ""]
    if plan.revisit_answer:
        lines += [_quote(plan.revisit_answer), "", "_A draft: put it in your own words._", ""]
    else:
        lines += ["Nothing to clarify was noted.", ""]
    lines += ["### Thank-you email", ""]
    if plan.followup_deadline is not None:
        lines.append(f"Send it by {format_when(plan.followup_deadline)} (`prep followup`).")
    else:
        lines.append("Send it within 24 hours of the interview (`prep followup`).")
    if plan.followup_topics:
        lines += ["", "Mention:", *(f"- {_md(t)}" for t in plan.followup_topics)]
    lines.append("")
    if plan.next_dates:
        lines += ["### Dates", "", *(f"- {_md(d)}" for d in plan.next_dates), ""]
    return lines


def answer_lines(kind: str, value: Any) -> list[str]:
    if kind in ("people", "questions", "concerns"):
        typed = from_answers(id="", interview_id="", answers={kind: value})
        if kind == "people":  # <address> is an e-mail link in Markdown
            return [
                f"- {_md(', '.join(x for x in (p.name, p.title) if x))}"
                + (f" <{p.email}>" if p.email else "")
                for p in typed.people
            ]
        if kind == "concerns":
            return [
                f"- {_md(c.text)} ({', '.join(c.competencies) or 'no competency'})"
                for c in typed.concerns
            ]
        lines = []
        for number, q in enumerate(typed.questions, 1):
            source = f" (bank: {q.question_id})" if q.question_id else ""
            lines.append(f"{number}. **{_md(q.text)}**{source} — {rating_text(q.rating)}")
            if q.said:
                lines.append(f"   - What I said: {_md(q.said)}")
            if q.would_say:
                lines.append(f"   - What I would say now: {_md(q.would_say)}")
        return lines
    if kind == "rating":
        return [rating_text(value)] if isinstance(value, int) else []
    if isinstance(value, list):
        return [f"- {_md(str(v))}" for v in value if v and not isinstance(v, dict)]
    if isinstance(value, str) and value.strip():
        return [_md(value)]
    return []


@dataclass(frozen=True, slots=True)
class EditForm:
    """A post-mortem as the YAML document `edit` opens, and the check of the edited text."""

    template: PostmortemTemplate
    body: str
    library: ContentLibrary
    complete: bool  # a finished post-mortem must stay complete
    keep: list[str]  # answers the template no longer asks, kept as they are

    def check(self, text: str, line_offset: int) -> tuple[dict[str, Any] | None, list[str]]:
        """The answers, or the problems naming lines (shifted by `line_offset`)."""
        return from_document(
            text,
            self.template,
            ParseContext(self.library, complete=self.complete),
            keep=self.keep,
            line_offset=line_offset,
        )


def edit_form(library: ContentLibrary, postmortem: Postmortem) -> EditForm:
    template = library.get("postmortem_templates", postmortem.template_id)
    asked = {p.id for p in template.prompts}
    return EditForm(
        template=template,
        body=to_document(template, postmortem.answers, competencies=list(library.competencies)),
        library=library,
        complete=postmortem.done,
        keep=[key for key in postmortem.answers if key not in asked],
    )
