"""What `prep followup` asks: who the note is to, the fields still missing (shared ones once,
then per recipient), and the edit of the drafts in the user's editor (`--edit`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from prepcoach.cli import prompts
from prepcoach.cli.editor import ERROR_MARK, Outcome, Retry, edit_until_valid
from prepcoach.cli.inputs import load_answers
from prepcoach.cli.prompts import Choice, NoTerminalPrompter, Prompter
from prepcoach.content.validation import suggest
from prepcoach.data.drafts import EditDraft
from prepcoach.followup import core
from prepcoach.followup.core import Draft, Recipient
from prepcoach.followup.editing import edit_text, parse_edit
from prepcoach.followup.fields import FIELDS, Value, answer_problem, field_info, missing_fields
from prepcoach.followup.filling import with_answers
from prepcoach.followup.wording import join_names
from prepcoach.kernel.errors import NotInteractiveError

if TYPE_CHECKING:
    from prepcoach.cli.context import AppContext
    from prepcoach.content.model import EmailTemplate
    from prepcoach.interviews.core import Interview


# ---------------------------------------------------------------------------- who and what


def parse_sets(items: list[str], template: EmailTemplate) -> dict[str, str]:
    """--set FIELD=VALUE pairs, checked against the fields prep and the template know."""
    known = sorted(set(FIELDS) | set(template.required) | set(template.optional))
    result: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise typer.BadParameter(
                f"'{item}' is not FIELD=VALUE (e.g. topic='the data migration')",
                param_hint="--set",
            )
        if name not in known:
            raise typer.BadParameter(
                f"unknown field '{name}'{suggest(name, known)}; fields: {', '.join(known)}",
                param_hint="--set",
            )
        problem = answer_problem(name, value) if value.strip() else None
        if problem:
            raise typer.BadParameter(f"{name}: {problem}", param_hint="--set")
        result[name] = value
    return result


def prompter(answers: Path | None, *, interactive: bool) -> Prompter:
    hint = "Give the values with --set FIELD=VALUE (or --answers FILE)."
    scripted = load_answers(answers)
    if scripted is None and not interactive:
        return NoTerminalPrompter(hint)
    return prompts.make_prompter(scripted, hint)


def recipients(
    ask: Prompter,
    people: list[Recipient],
    to: str | None,
    template: EmailTemplate,
    *,
    scripted: bool,
) -> list[Recipient]:
    chosen = core.pick_recipients(people, to)
    if chosen is not None:
        return chosen
    if template.per_interviewer:
        return list(people)
    if not ask.interactive and not scripted:
        names = join_names([p.name for p in people])
        raise NotInteractiveError(
            f"this interview has {len(people)} interviewers ({names}); choose with --to NAME, "
            "or --to all for one note each"
        )
    choices = [Choice(p.label(), str(i)) for i, p in enumerate(people)]
    choices.append(Choice("All of them, one note each", "all"))
    picked = ask.select("followup.to", "Who is this email to?", choices)
    return list(people) if picked == "all" else [people[int(picked)]]


# ---------------------------------------------------------------------------- the fields


def fill_missing(
    ctx: AppContext,
    ask: Prompter,
    template: EmailTemplate,
    values: list[dict[str, Value]],
    extra: list[str],
    *,
    scripted: bool,
    now: datetime,
    sources_line: str = "",
) -> list[dict[str, Value]]:
    """Ask for each missing field: shared ones once, then per recipient those that differ
    (the topic discussed with each interviewer, their address)."""
    missing = [missing_fields(template, v, extra) for v in values]
    if not any(missing):
        return values
    several = len(values) > 1
    if not ask.interactive and not scripted:
        listed: dict[str, list[str]] = {}
        for v, names in zip(values, missing, strict=True):
            for name in names:
                listed.setdefault(name, []).append(str(v.get("recipient_name", "")) or "")
        parts = []
        for name, whom in listed.items():
            who = ", ".join(w for w in whom if w)
            info = field_info(name)
            parts.append(f"{name} ({info.label}{f', for {who}' if several and who else ''})")
        example = next(iter(listed))
        raise NotInteractiveError(
            f"the email still needs: {'; '.join(parts)}. Give them with --set FIELD=VALUE "
            f"(e.g. --set {example}='...'), or run in a terminal to be asked"
        )
    shared_names = list(
        dict.fromkeys(n for names in missing for n in names if not field_info(n).per_recipient)
    )
    count = len(shared_names) + sum(
        1 for names in missing for n in names if field_info(n).per_recipient
    )
    if ask.interactive:
        ctx.console.print(
            f"{sources_line}; {count} thing{'s' if count != 1 else ''} to add.", highlight=False
        )
    shared = {name: _ask_field(ask, name, "", several=several) for name in shared_names}
    result = []
    for v, names in zip(values, missing, strict=True):
        person = str(v.get("recipient_name", "")).strip()
        typed = {
            name: shared[name] if name in shared else _ask_field(ask, name, person, several=several)
            for name in names
        }
        result.append(with_answers(v, typed, now))
    return result


def _ask_field(ask: Prompter, name: str, person: str, *, several: bool) -> str:
    info = field_info(name)
    message = info.question
    if name == "recipient_email" and person:
        message = f"{person}'s email address:"
    elif info.per_recipient and several and person:
        message = f"For {person}: {message[:1].lower()}{message[1:]}"
    return ask.text(
        f"followup.field.{name}", message, multiline=info.multiline, validate=_validator(name)
    )


def _validator(name: str) -> Any:
    def validate(text: str) -> str | None:
        return answer_problem(name, text)

    return validate


# ---------------------------------------------------------------------------- editing

MAX_ROUNDS = 10
_RETRY = Retry(
    block=lambda errors: "".join(f"{ERROR_MARK}{e}\n" for e in errors),
    stuck=lambda errors, path: (
        f"the edited email still has a problem ({errors[0]}); your text is kept in {path}"
    ),
    reopening=lambda errors: f"{errors[0]}; reopening the editor.",
    rounds=MAX_ROUNDS,
)


def edit_drafts(ctx: AppContext, interview: Interview, drafts: list[Draft]) -> list[Draft] | None:
    """Open the drafts in $EDITOR; None when the user emptied the file (cancel)."""
    draft = EditDraft(ctx.home, "followup", interview.id)
    edited = edit_until_valid(
        draft,
        edit_text(drafts),
        lambda text, _offset: parse_edit(text, drafts),
        _RETRY,
        say=lambda text: ctx.err_console.print(text, highlight=False, markup=False),
    )
    if isinstance(edited, Outcome):
        return None
    draft.discard()
    return edited
