"""Email templates as sandboxed Jinja2: rendering, and checking a template before it is used.

Templates come from content packs, and a user's own packs are loaded too, so a template is
never trusted: it renders in Jinja2's immutable sandbox (no attribute starting with `_`, no
mutation of the values it is given), with strict undefined variables (a typo is an error, not
an empty string) and without Jinja's helper globals. `template_problems` finds what would
fail (syntax, reaching outside the sandbox, a variable the template does not declare) when
content is validated, so a broken template is reported with its file before anyone writes
an email with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from prepcoach.content.validation import suggest
from prepcoach.kernel.errors import ContentError

if TYPE_CHECKING:
    from jinja2.nodes import Node

    from prepcoach.content.model import EmailTemplate
    from prepcoach.followup.template_budget import BoundedEnvironment

FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Jinja's own globals (range, dict, lipsum, cycler...) are removed: templates need none.
_PARTS = ("subject", "body")


@cache
def environment() -> BoundedEnvironment:
    """The one sandbox every template renders in, with its budget (see template_budget)."""
    from prepcoach.followup.template_budget import make_environment

    return make_environment()


def render_text(
    source: str, values: Mapping[str, Any], *, template_id: str, part: str, origin: str
) -> str:
    """Render one part (subject or body) of a template; any template failure is a ContentError.

    `origin` is the pack file the template came from, so the message says what to fix.
    """
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from prepcoach.followup.template_budget import TemplateLimit, render, template_line

    where = f"email template '{template_id}' ({origin}), {part}"
    try:
        return render(environment().from_string(source), dict(values))
    except (TemplateLimit, MemoryError) as error:
        line = template_line(error)
        at = f", line {line}" if line else ""
        reason = str(error) if isinstance(error, TemplateLimit) else "needs too much memory"
        raise ContentError(f"{where}{at}: the template {reason}; make it simpler") from None
    except SecurityError as error:
        raise ContentError(
            f"{where}: reaches outside the template sandbox ({error}); "
            "templates may only use the fields they are given"
        ) from None
    except TemplateSyntaxError as error:
        raise ContentError(f"{where}, line {error.lineno}: {error.message}") from None
    except UndefinedError as error:
        raise ContentError(
            f"{where}: {error.message}; list the field under 'required' or 'optional'"
        ) from None
    except TemplateError as error:
        raise ContentError(f"{where}: {error.message or type(error).__name__}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as error:
        raise ContentError(f"{where}: the template failed: {error}") from None


def used_fields(source: str) -> set[str]:
    """The variables a template reads (raises jinja2.TemplateSyntaxError when it cannot parse)."""
    from jinja2 import meta

    return set(meta.find_undeclared_variables(environment().parse(source)))


def template_problems(
    template: EmailTemplate, known_fields: Mapping[str, str] | None = None
) -> list[tuple[tuple[Any, ...], str]]:
    """What is wrong with a template, as (location inside the item, message) pairs.

    Checks that subject and body parse, that they do not reach for private attributes
    (`''.__class__`), that every field they read is listed under `required` or `optional`,
    and that field names are plain identifiers. `known_fields` (name -> description) adds a
    did-you-mean for misspelt field names.
    """
    from jinja2 import TemplateSyntaxError

    problems: list[tuple[tuple[Any, ...], str]] = []
    declared = set(template.required) | set(template.optional)
    for key in ("required", "optional"):
        for index, name in enumerate(getattr(template, key)):
            if not FIELD_NAME.match(name):
                problems.append(
                    ((key, index), f"'{name}' is not a field name (use lowercase_with_underscores)")
                )
    both = sorted(set(template.required) & set(template.optional))
    if both:
        problems.append((("optional",), f"listed as both required and optional: {', '.join(both)}"))
    suggestions = sorted(set(known_fields or {}) | declared)
    for part in _PARTS:
        source = getattr(template, part)
        try:
            tree = environment().parse(source)
        except TemplateSyntaxError as error:
            problems.append(((part,), f"{part} line {error.lineno}: {error.message}"))
            continue
        for line, name in _unsafe_names(tree):
            problems.append(
                (
                    (part,),
                    f"{part} line {line}: '{name}' reaches outside the template sandbox; "
                    "templates may only use the fields they are given",
                )
            )
        from jinja2 import meta

        undeclared = sorted(set(meta.find_undeclared_variables(tree)) - declared)
        for name in undeclared:
            problems.append(
                (
                    (part,),
                    f"{part} uses '{name}' but does not list it under 'required' or "
                    f"'optional'{suggest(name, suggestions)}",
                )
            )
        runaway = None if undeclared else _runaway(source, declared)
        if runaway:
            problems.append(((part,), f"{part} {runaway}; make it simpler"))
    if not template.subject.strip():
        problems.append((("subject",), "the subject is empty"))
    return problems


SAMPLE_VALUE = "a sample value of a field"


def _runaway(source: str, fields: set[str]) -> str | None:
    """Why a trial rendering with sample values goes over the budget ('line 3: the template
    loops more than 10,000 times'), or None. Other failures depend on real values: ignored."""
    from prepcoach.followup.template_budget import TemplateLimit, render, template_line

    try:
        render(environment().from_string(source), dict.fromkeys(fields, SAMPLE_VALUE))
    except (TemplateLimit, MemoryError, RecursionError) as error:
        line = template_line(error)
        reason = str(error) if isinstance(error, TemplateLimit) else "needs too much memory"
        if isinstance(error, RecursionError):
            reason = "calls itself without end"
        return f"line {line or 1}: the template {reason}"
    except Exception:  # noqa: BLE001 - real values may render where samples do not
        return None
    return None


def _unsafe_names(tree: Node) -> Iterator[tuple[int, str]]:
    """Private attribute names a template reaches for: `x.__class__`, `x['_y']`, `attr('_z')`."""
    from jinja2 import nodes

    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name: Any = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value
        elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
            first = node.args[0]
            name = first.value if isinstance(first, nodes.Const) else None
        if isinstance(name, str) and name.startswith("_"):
            yield node.lineno, name
