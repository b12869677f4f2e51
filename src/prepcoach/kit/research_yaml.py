"""A company dossier as YAML: the document `prep research edit` opens and `--from` reads.

Problems name the line they are on, so the editor can list them over the text.
"""

from __future__ import annotations

from typing import Any

from prepcoach.content.validation import suggest
from prepcoach.content.yamlsource import dump_document, key_mark_of, mark_of, parse_yaml
from prepcoach.kit.research import SECTION_KEYS, Dossier, Item, item_data

DOC_FIELDS = ("company", *SECTION_KEYS, "notes")
ITEM_FIELDS = ("text", "sources", "source", "how_i_help")


def to_yaml(dossier: Dossier) -> str:
    """The dossier as a YAML document to edit, with every section present."""
    doc: dict[str, Any] = {"company": dossier.company}
    for key in SECTION_KEYS:
        doc[key] = [item_data(item) for item in dossier.items(key)]
    doc["notes"] = dossier.notes
    return dump_document(doc)


def from_data(data: Any, where: str = "", line_offset: int = 0) -> tuple[Dossier | None, list[str]]:
    """A dossier from parsed YAML (`--from FILE`, the editor); problems name their lines.

    An item may be a plain string, or a mapping with `text`, `sources` (a list, or one
    `source`) and, for challenges, `how_i_help`.
    """
    prefix = f"{where}:" if where else "line "
    if not isinstance(data, dict):
        kind = "nothing" if data is None else type(data).__name__
        return None, [f"{prefix}1: expected a mapping with 'company', 'mission'... (got {kind})"]
    found: list[str] = []

    def at(path: tuple[Any, ...], *, on_key: bool = False) -> str:
        line, _col = (key_mark_of if on_key else mark_of)(data, path)
        return f"{prefix}{line + line_offset}"

    sections: dict[str, tuple[Item, ...]] = {}
    for key, value in data.items():
        if key not in DOC_FIELDS:
            found.append(
                f"{at((key,), on_key=True)}: unknown field '{key}'{suggest(str(key), DOC_FIELDS)}"
            )
            continue
        if key in ("company", "notes"):
            if value is not None and not isinstance(value, str | int | float):
                found.append(f"{at((key,))}: '{key}' must be text")
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            found.append(f"{at((key,))}: '{key}' must be a list of items (- text: ...)")
            continue
        items: list[Item] = []
        for index, raw in enumerate(value):
            item, item_problems = _item_from(raw, lambda p, k=key, i=index: at((k, i, *p)))
            found += item_problems
            if item is not None:
                items.append(item)
        sections[key] = tuple(items)
    if found:
        return None, found
    company = data.get("company")
    notes = data.get("notes")
    return (
        Dossier(
            company="" if company is None else str(company),
            sections=sections,
            notes="" if notes is None else str(notes),
        ),
        [],
    )


def _item_from(raw: Any, at: Any) -> tuple[Item | None, list[str]]:
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return Item(text=str(raw)), []
    if not isinstance(raw, dict):
        return None, [f"{at(())}: an item is a text, or a mapping with 'text' and 'sources'"]
    found: list[str] = []
    for key in raw:
        if key not in ITEM_FIELDS:
            found.append(
                f"{at((key,))}: unknown item field '{key}'{suggest(str(key), ITEM_FIELDS)}"
            )
    sources: list[str] = []
    for key in ("sources", "source"):
        value = raw.get(key)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        for source in values:
            if isinstance(source, str | int | float) and not isinstance(source, bool):
                sources.append(str(source))
            else:
                found.append(f"{at((key,))}: a source is a URL or a short text")
    for key in ("text", "how_i_help"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str | int | float):
            found.append(f"{at((key,))}: '{key}' must be text")
    if found:
        return None, found
    return (
        Item(
            text=str(raw.get("text") or ""),
            sources=tuple(sources),
            how_i_help=str(raw.get("how_i_help") or ""),
        ),
        [],
    )


def from_yaml(text: str, where: str = "", line_offset: int = 0) -> tuple[Dossier | None, list[str]]:
    data, yaml_problems = parse_yaml(text, kind="dossiers")
    prefix = f"{where}:" if where else "line "
    if yaml_problems:
        return None, [
            f"{prefix}{line + line_offset}:{col}: {message}"
            for (line, col), message in yaml_problems
        ]
    return from_data(data, where, line_offset)
