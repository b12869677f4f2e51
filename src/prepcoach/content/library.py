"""The merged content a user works with: built-in packs, then their own, then --content paths.

A later pack may replace an item only on purpose (`overrides: true` on the item); any other
repeated id is an error that names both places. References between items (a question's
competencies, a format's question ids...) are checked once everything is merged.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from prepcoach import __version__
from prepcoach.content import checks
from prepcoach.content.model import (
    KINDS,
    AskQuestion,
    Checklist,
    ChecklistItem,
    Competency,
    EmailTemplate,
    FormatStep,
    InterviewFormat,
    Item,
    LookFor,
    PackInfo,
    PostmortemPrompt,
    PostmortemTemplate,
    Question,
    Role,
    Skill,
    StarPart,
    StarTemplate,
)
from prepcoach.content.validation import Problem, suggest, validate_pack
from prepcoach.content.yamlsource import mark_of, parse_yaml
from prepcoach.kernel.errors import ContentError, NotFoundError, PrepError

CACHE_FORMAT = 4
YAML_SUFFIXES = (".yaml", ".yml")

T = TypeVar("T")

# The parts every answer template needs: a STAR story, or a hypothetical "what would you do".
STAR_CORE = ("situation", "task", "action", "result")
HYPOTHETICAL_CORE = ("clarify", "options", "decide", "communicate")

# Fields holding nested dataclasses, for rebuilding items from the cache.
_NESTED: dict[type, dict[str, type]] = {
    Question: {"look_fors": LookFor},
    StarTemplate: {"parts": StarPart},
    InterviewFormat: {"steps": FormatStep},
    PostmortemTemplate: {"prompts": PostmortemPrompt},
    Checklist: {"items": ChecklistItem},
}

KIND_LABELS = {
    "competencies": "competency",
    "skills": "skill",
    "roles": "role",
    "questions": "question",
    "star_templates": "STAR template",
    "ask_questions": "question to ask",
    "formats": "interview format",
    "postmortem_templates": "post-mortem template",
    "email_templates": "email template",
    "checklists": "checklist",
}


KIND_PLURALS = {
    "competencies": "competencies",
    "skills": "skills",
    "roles": "roles",
    "questions": "questions",
    "star_templates": "STAR templates",
    "ask_questions": "questions to ask",
    "formats": "interview formats",
    "postmortem_templates": "post-mortem templates",
    "email_templates": "email templates",
    "checklists": "checklists",
}


def count_label(kind: str, count: int) -> str:
    """'1 question to ask', '49 questions to ask'."""
    return f"{count} {KIND_LABELS[kind] if count == 1 else KIND_PLURALS[kind]}"


@dataclass(frozen=True, slots=True)
class ContentFile:
    path: Path
    builtin: bool


@dataclass(slots=True)
class ContentLibrary:
    """Every content item by kind and id, plus where each came from."""

    packs: list[PackInfo] = field(default_factory=list)
    competencies: dict[str, Competency] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    star_templates: dict[str, StarTemplate] = field(default_factory=dict)
    ask_questions: dict[str, AskQuestion] = field(default_factory=dict)
    formats: dict[str, InterviewFormat] = field(default_factory=dict)
    postmortem_templates: dict[str, PostmortemTemplate] = field(default_factory=dict)
    email_templates: dict[str, EmailTemplate] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # "kind/id" -> pack file

    def items(self, kind: str) -> dict[str, Any]:
        if kind not in KINDS:
            raise PrepError(f"unknown content kind '{kind}'; use one of: {', '.join(KINDS)}")
        return getattr(self, kind)  # type: ignore[no-any-return]

    def get(self, kind: str, item_id: str) -> Any:
        """The item, or a NotFoundError with a did-you-mean."""
        items = self.items(kind)
        if item_id in items:
            return items[item_id]

        label = KIND_LABELS[kind]
        raise NotFoundError(f"no {label} with id '{item_id}'{suggest(item_id, list(items))}")

    def find(self, item_id: str) -> tuple[str, Any]:
        """Look an id up in every kind (for `prep content show`)."""
        for kind in KINDS:
            if item_id in self.items(kind):
                return kind, self.items(kind)[item_id]

        every = [i for kind in KINDS for i in self.items(kind)]
        raise NotFoundError(f"no content item with id '{item_id}'{suggest(item_id, every)}")

    def question(self, question_id: str) -> Question:
        return self.get("questions", question_id)  # type: ignore[no-any-return]

    def star_template_for(self, question: Question) -> StarTemplate | None:
        """The question's own template, else one suited to its competencies, else generic."""
        if question.star_template and question.star_template in self.star_templates:
            return self.star_templates[question.star_template]
        for template in self.star_templates.values():
            if template.id != "generic" and set(template.competencies) & set(question.competencies):
                return template
        return self.star_templates.get("generic") or next(iter(self.star_templates.values()), None)

    def filter_questions(
        self,
        *,
        category: str | None = None,
        competency: str | None = None,
        role: str | None = None,
        stage: str | None = None,
    ) -> list[Question]:
        """Questions matching every given filter, in content order.

        A role filter keeps the role's own questions and the general ones (no roles).
        """
        result = []
        for q in self.questions.values():
            if category and q.category != category:
                continue
            if competency and competency not in q.competencies:
                continue
            if role and q.roles and role not in q.roles:
                continue
            if stage and stage not in q.stages:
                continue
            result.append(q)
        return result


# ---------------------------------------------------------------------------- discovery


def content_files(
    builtin_dir: Path | None, user_dir: Path | None, extra: Sequence[Path]
) -> list[ContentFile]:
    """The pack files to load, in precedence order (later ones may override)."""
    files: list[ContentFile] = []
    if builtin_dir is not None and builtin_dir.is_dir():
        files += [ContentFile(p, True) for p in _yaml_files(builtin_dir)]
    if user_dir is not None and user_dir.is_dir():
        files += [ContentFile(p, False) for p in _yaml_files(user_dir)]
    for path in extra:
        if not path.exists():
            raise PrepError(f"content path not found: {path}")
        if path.is_dir():
            files += [ContentFile(p, False) for p in _yaml_files(path)]
        else:
            files.append(ContentFile(path, False))
    return files


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in YAML_SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


# ---------------------------------------------------------------------------- loading


def load_library(files: Sequence[ContentFile], cache_dir: Path | None = None) -> ContentLibrary:
    """Load and check every file; raise ContentError listing every problem.

    With a cache_dir, an unchanged set of files is read back from a JSON cache instead.
    """
    key = _cache_key(files) if cache_dir is not None else None
    if cache_dir is not None and key is not None:
        cached = _read_cache(cache_dir, key)
        if cached is not None:
            return cached
    library, problems = check_files(files)
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise ContentError(
            f"content has {len(problems)} problem(s); run 'prep content validate':\n{shown}{more}",
            [str(p) for p in problems],
        )
    if cache_dir is not None and key is not None:
        _write_cache(cache_dir, key, library)
    return library


def check_files(files: Sequence[ContentFile]) -> tuple[ContentLibrary, list[Any]]:
    """Parse, validate, merge and cross-check; return what loaded and every problem."""
    library = ContentLibrary()
    problems: list[Problem] = []
    # where each item was defined: "kind/id" -> (path, parsed data, index in its list)
    where: dict[str, tuple[str, Any, int]] = {}
    pack_ids: dict[str, str] = {}
    for content_file in files:
        shown = display_path(content_file.path)
        try:
            text = content_file.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            problems.append(Problem(shown, 1, 1, f"cannot read file: {reason}"))
            continue
        data, yaml_problems = parse_yaml(text)
        problems += [Problem(shown, line, col, msg) for (line, col), msg in yaml_problems]
        if data is None and yaml_problems:
            continue
        pack, pack_problems = validate_pack(shown, data)
        problems += pack_problems
        if pack is None:
            continue
        if pack.pack in pack_ids:
            line, col = mark_of(data, ("pack",))
            problems.append(
                Problem(
                    shown, line, col, f"pack id '{pack.pack}' is also used by {pack_ids[pack.pack]}"
                )
            )
            continue
        pack_ids[pack.pack] = shown
        counts = {}
        for kind in KINDS:
            items: tuple[Any, ...] = getattr(pack, kind)
            if items:
                counts[kind] = len(items)
            merged = library.items(kind)
            for index, item in enumerate(items):
                ref = f"{kind}/{item.id}"
                if item.id in merged and not item.overrides:
                    other_path, other_data, other_index = where[ref]
                    o_line, o_col = mark_of(other_data, (kind, other_index, "id"))
                    line, col = mark_of(data, (kind, index, "id"))
                    problems.append(
                        Problem(
                            shown,
                            line,
                            col,
                            f"duplicate {KIND_LABELS[kind]} id '{item.id}' "
                            f"(also at {other_path}:{o_line}:{o_col}); "
                            "add 'overrides: true' to replace it on purpose",
                        )
                    )
                    continue
                merged[item.id] = item
                where[ref] = (shown, data, index)
                library.origins[ref] = shown
        library.packs.append(
            PackInfo(
                pack=pack.pack,
                title=pack.title,
                version=pack.version,
                description=pack.description,
                path=shown,
                builtin=content_file.builtin,
                counts=counts,
                source=pack.source,
                license=pack.license,
            )
        )
    problems += _check_references(library, where)
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    return library, problems


def _check_references(library: ContentLibrary, where: dict[str, tuple[str, Any, int]]) -> list[Any]:
    problems: list[Problem] = []

    def problem(kind: str, item_id: str, loc: tuple[Any, ...], message: str) -> None:
        path, data, index = where[f"{kind}/{item_id}"]
        line, col = mark_of(data, (kind, index, *loc))
        label = KIND_LABELS[kind]
        problems.append(Problem(path, line, col, f"{label} '{item_id}': {message}"))

    def unknown(what: str, value: str, known: Iterable[str]) -> str:
        names = sorted(known)
        return f"unknown {what} '{value}'{suggest(value, names)}" + (
            f"; known: {', '.join(names)}" if len(names) <= 20 else ""
        )

    competencies = library.competencies
    for q in library.questions.values():
        for i, c in enumerate(q.competencies):
            if c not in competencies:
                problem(
                    "questions", q.id, ("competencies", i), unknown("competency", c, competencies)
                )
        for i, r in enumerate(q.roles):
            if r not in library.roles:
                problem("questions", q.id, ("roles", i), unknown("role", r, library.roles))
        if q.star_template and q.star_template not in library.star_templates:
            problem(
                "questions",
                q.id,
                ("star_template",),
                unknown("STAR template", q.star_template, library.star_templates),
            )
        if q.target_seconds <= 0:
            problem("questions", q.id, ("target_seconds",), "target_seconds must be positive")
        for i, look_for in enumerate(q.look_fors):
            for j, cue in enumerate(look_for.cues):
                if not cue.strip():
                    problem("questions", q.id, ("look_fors", i, "cues", j), "a cue is empty")
    for skill in library.skills.values():
        for i, r in enumerate(skill.roles):
            if r not in library.roles:
                problem("skills", skill.id, ("roles", i), unknown("role", r, library.roles))
    for t in library.star_templates.values():
        for i, c in enumerate(t.competencies):
            if c not in competencies:
                problem(
                    "star_templates",
                    t.id,
                    ("competencies", i),
                    unknown("competency", c, competencies),
                )
        total = sum(p.share for p in t.parts)
        if abs(total - 1.0) > 0.05:
            problem(
                "star_templates",
                t.id,
                ("parts",),
                f"the parts' shares add up to {total:.2f}; make them add up to 1.0",
            )
        keys = [p.key for p in t.parts]
        # A story follows STAR; a hypothetical answer follows its own scaffold.
        core = HYPOTHETICAL_CORE if HYPOTHETICAL_CORE[0] in keys else STAR_CORE
        for needed in core:
            if needed not in keys:
                problem("star_templates", t.id, ("parts",), f"has no '{needed}' part")
    for f in library.formats.values():
        for s, step in enumerate(f.steps):
            for i, qid in enumerate(step.questions):
                if qid not in library.questions:
                    problem(
                        "formats",
                        f.id,
                        ("steps", s, "questions", i),
                        unknown("question", qid, library.questions),
                    )
            if step.competency and step.competency not in competencies:
                problem(
                    "formats",
                    f.id,
                    ("steps", s, "competency"),
                    unknown("competency", step.competency, competencies),
                )
            if not (step.questions or step.category or step.competency or step.candidate_questions):
                problem(
                    "formats",
                    f.id,
                    ("steps", s),
                    f"step '{step.title}' picks no questions: give 'questions', 'category', "
                    "'competency' or 'candidate_questions: true'",
                )
            if step.count < 1:
                problem("formats", f.id, ("steps", s, "count"), "count must be at least 1")
    for check in checks.registered():  # what features add (see prepcoach.content.checks)
        for kind, item_id, loc, message in check(library):
            problem(kind, item_id, loc, message)
    return problems


# ---------------------------------------------------------------------------- cache


def _cache_key(files: Sequence[ContentFile]) -> str | None:
    identity: list[Any] = [CACHE_FORMAT, __version__]
    for content_file in files:
        try:
            st = content_file.path.stat()
        except OSError:
            return None
        identity.append(
            [
                str(content_file.path.resolve()),
                content_file.builtin,
                st.st_mtime_ns,
                st.st_size,
                st.st_ino,
            ]
        )
    return hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:32]


def _to_row(obj: Any) -> tuple[Any, ...]:
    """A dataclass as a tuple of its field values (nested dataclasses as tuples too)."""
    nested = _NESTED.get(type(obj), {})
    return tuple(
        tuple(_to_row(v) for v in getattr(obj, f.name))
        if f.name in nested
        else getattr(obj, f.name)
        for f in fields(obj)
    )


def _from_row(cls: type[T], row: tuple[Any, ...]) -> T:
    nested = _NESTED.get(cls)
    if nested:
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        row = tuple(
            tuple(_from_row(nested[name], v) for v in value) if name in nested else value
            for name, value in zip(names, row, strict=True)
        )
    return cls(*row)


def _cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"content-{key}.bin"


def _read_cache(cache_dir: Path, key: str) -> ContentLibrary | None:
    """The merged content as last loaded; marshal holds only plain values, never code."""
    try:
        raw = marshal.loads(_cache_file(cache_dir, key).read_bytes())
        if raw.get("format") != CACHE_FORMAT:
            return None
        library = ContentLibrary(
            packs=[PackInfo(*row) for row in raw["packs"]], origins=raw["origins"]
        )
        for kind, cls in KINDS.items():
            items = library.items(kind)
            for row in raw["items"][kind]:
                item: Any = _from_row(cls, row)
                items[item.id] = item
        return library
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
        return None  # a missing or stale cache only costs a full load


def _write_cache(cache_dir: Path, key: str, library: ContentLibrary) -> None:
    raw = {
        "format": CACHE_FORMAT,
        "packs": [_to_row(p) for p in library.packs],
        "origins": library.origins,
        "items": {kind: [_to_row(i) for i in library.items(kind).values()] for kind in KINDS},
    }
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("content-*.bin"):
            old.unlink(missing_ok=True)
        tmp = cache_dir / f".content-{key}.{os.getpid()}.tmp"
        tmp.write_bytes(marshal.dumps(raw))
        os.replace(tmp, _cache_file(cache_dir, key))
    except (OSError, ValueError):
        pass  # a read-only or full cache dir must never stop the user


def item_summary(item: Item) -> str:
    """A one-line description of any content item, for listings."""
    for attr in ("text", "title", "name"):
        value = getattr(item, attr, None)
        if value:
            return str(value)
    return item.id
