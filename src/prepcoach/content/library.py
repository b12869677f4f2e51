"""The merged content a user works with: built-in packs, then their own, then --content paths.

A later pack may replace an item only on purpose (`overrides: true` on the item); any other
repeated id is an error that names both places. References between items (a question's
competencies, a format's question ids...) are checked once everything is merged.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
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
    Pack,
    PackInfo,
    PostmortemPrompt,
    PostmortemTemplate,
    Question,
    Role,
    Skill,
    StarPart,
    StarTemplate,
)
from prepcoach.kernel.errors import ContentError, NotFoundError, PrepError
from prepcoach.kernel.files import read_limited

# The YAML reader and the validator (prepcoach.content.yamlsource, .validation) are imported
# where a file is parsed or a problem reported: a load from the cache never needs them.

CACHE_FORMAT = 5
PACK_LIMIT = 20 * 1024 * 1024  # bytes in one pack file
MAX_PACK_FILES = 1_000  # pack files in one folder
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
    text: str | None = None  # the text, for a pack checked before it is written to `path`


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
        from prepcoach.content.validation import suggest

        raise NotFoundError(f"no {label} with id '{item_id}'{suggest(item_id, list(items))}")

    def find(self, item_id: str) -> tuple[str, Any]:
        """Look an id up in every kind (for `prep content show`)."""
        for kind in KINDS:
            if item_id in self.items(kind):
                return kind, self.items(kind)[item_id]

        every = [i for kind in KINDS for i in self.items(kind)]
        from prepcoach.content.validation import suggest

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
        general_only: bool = False,
    ) -> list[Question]:
        """Questions matching every given filter, in content order.

        A role filter keeps the role's own questions and the general ones (no roles);
        `general_only` (with no role) keeps only the general ones.
        """
        result = []
        for q in self.questions.values():
            if category and q.category != category:
                continue
            if competency and competency not in q.competencies:
                continue
            if role and q.roles and role not in q.roles:
                continue
            if general_only and not role and q.roles:
                continue
            if stage and stage not in q.stages:
                continue
            result.append(q)
        return result


# ---------------------------------------------------------------------------- discovery


def content_files(
    builtin_dir: Path | None, user_dir: Path | None, extra: Sequence[Path]
) -> list[ContentFile]:
    """The pack files to load, in precedence order (later ones may override).

    A file named twice (a pack in the content folder, also given with --content) is loaded
    once, where it first comes.
    """
    files: list[ContentFile] = []
    if builtin_dir is not None and builtin_dir.is_dir():
        files += [ContentFile(p, True) for p in _yaml_files(builtin_dir)]
    if user_dir is not None and user_dir.is_dir():
        files += [ContentFile(p, False) for p in _yaml_files(user_dir)]
    for path in extra:
        if not path.exists():
            if path.is_symlink():
                raise PrepError(f"content path {path} is a broken or looping symbolic link")
            raise PrepError(f"content path not found: {path}")
        if path.is_dir():
            files += [ContentFile(p, False) for p in _yaml_files(path)]
        else:
            files.append(ContentFile(path, False))
    seen: set[Path] = set()
    unique: list[ContentFile] = []
    for content_file in files:
        key = _resolved(content_file.path)
        if key not in seen:
            seen.add(key)
            unique.append(content_file)
    return unique


def _yaml_files(folder: Path) -> list[Path]:
    """The pack files in `folder` and below (symbolic links to folders are not followed)."""
    found: list[Path] = []
    for path in folder.rglob("*"):
        if path.suffix in YAML_SUFFIXES and not path.name.startswith(".") and path.is_file():
            found.append(path)
            if len(found) > MAX_PACK_FILES:
                raise PrepError(
                    f"{folder} holds more than {MAX_PACK_FILES:,} pack files; "
                    "keep your packs in a folder of their own"
                )
    return sorted(found)


def new_pack_problems(files: Sequence[ContentFile], target: Path, text: str) -> list[str]:
    """What would be wrong if `text` were written to `target` next to `files` (which may
    include the file it replaces): a pack id or item id already used, a broken reference...
    Nothing is written; only the new pack's own problems are returned."""
    replaced = _resolved(target)
    others = [f for f in files if _resolved(f.path) != replaced]
    _library, problems = check_files([*others, ContentFile(target, False, text)])
    shown = display_path(target)
    return [str(p) for p in problems if p.path == shown]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


# ---------------------------------------------------------------------------- loading


def load_library(
    files: Sequence[ContentFile],
    cache_dir: Path | None = None,
    prepare_checks: Callable[[], object] | None = None,
) -> ContentLibrary:
    """Load and check every file; raise ContentError listing every problem.

    With a cache_dir, each pack file whose content has not changed is read back from its own
    cache entry (see `_cached_pack`) instead of being parsed and validated again; the merge and
    the cross-checks always run. Should they find a problem, everything is loaded afresh so
    that every problem names its line and column (see `check_files`).

    `prepare_checks` registers the features' checks (prepcoach.content.checks); it is called
    only when some file has to be checked, not when every file comes from an entry that
    passed those checks.
    """
    library, problems = check_files(files, cache_dir, prepare_checks)
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise ContentError(
            f"content has {len(problems)} problem(s); run 'prep content validate':\n{shown}{more}",
            [str(p) for p in problems],
        )
    return library


def _read_pack(
    content_file: ContentFile, shown: str, quick: bool = False
) -> tuple[Any, Any, list[Any], str | None]:
    """Read, parse and validate one file: (pack or None, parsed data, problems, text).

    `quick` first tries the fast reader, whose data has no marks: it is kept only when the
    pack has no problem (a problem found later, across files, sends the caller back here)."""
    from prepcoach.content.validation import Problem, validate_pack
    from prepcoach.content.yamlsource import parse_quick, parse_yaml

    try:
        text = content_file.text
        if text is None:
            text = read_limited(content_file.path, PACK_LIMIT, what="content pack")
    except PrepError as error:
        return None, None, [Problem(shown, 1, 1, str(error))], None
    if quick:
        plain = parse_quick(text)
        if plain is not None:
            pack, pack_problems = validate_pack(shown, plain)
            if not pack_problems:
                return pack, plain, [], text
    data, yaml_problems = parse_yaml(text)
    problems = [Problem(shown, line, col, msg) for (line, col), msg in yaml_problems]
    if data is None and yaml_problems:
        return None, None, problems, text
    pack, pack_problems = validate_pack(shown, data)
    return pack, data, problems + pack_problems, text


def check_files(
    files: Sequence[ContentFile],
    cache_dir: Path | None = None,
    prepare_checks: Callable[[], object] | None = None,
) -> tuple[ContentLibrary, list[Any]]:
    """Parse, validate, merge and cross-check; return what loaded and every problem.

    With a cache_dir, unchanged files come from their cache entries, and once everything
    checks out each parsed file gets one. Files are read by the fast reader where it can;
    neither it nor a cache entry knows lines and columns, so should any problem turn up,
    everything is read again by the reader that does.
    """
    library, problems, approximate = _check_files(files, cache_dir, prepare_checks, quick=True)
    if problems and approximate:
        library, problems, _ = _check_files(files, None, prepare_checks, quick=False)
    return library, problems


def _check_files(
    files: Sequence[ContentFile],
    cache_dir: Path | None,
    prepare_checks: Callable[[], object] | None,
    quick: bool,
) -> tuple[ContentLibrary, list[Any], bool]:
    """check_files' work, and whether some item's position is unknown (the problems' marks
    may then be wrong)."""
    approximate = False
    library = ContentLibrary()
    problems: list[Any] = []
    # where each item was defined: "kind/id" -> (path, parsed data, index in its list)
    where: dict[str, tuple[str, Any, int]] = {}
    pack_ids: dict[str, str] = {}
    fresh: list[tuple[ContentFile, Identity, str, Pack]] = []  # cache entries to write
    every_check_passed = prepare_checks is not None  # by every file, in its cache entry
    for content_file in files:
        shown = display_path(content_file.path)
        cacheable = cache_dir is not None and content_file.text is None
        pack: Any = None
        data: Any = None
        if cacheable:
            assert cache_dir is not None
            pack, checked, digest = _cached_pack(cache_dir, content_file)
            if pack is not None and not checked and prepare_checks is not None:
                identity = _identity(content_file.path)
                if identity is not None:  # marked as checked once the checks below pass
                    fresh.append((content_file, identity, digest, pack))
            every_check_passed = every_check_passed and checked
            approximate = approximate or pack is not None
        if pack is None:
            every_check_passed = False
            identity = _identity(content_file.path) if cacheable else None
            pack, data, file_problems, text = _read_pack(content_file, shown, quick)
            problems += file_problems
            approximate = approximate or (data is not None and not hasattr(data, "mark"))
            if pack is None:
                continue
            if cacheable and not file_problems and identity is not None and text is not None:
                fresh.append((content_file, identity, _digest(text), pack))
        if pack.pack in pack_ids:
            from prepcoach.content.validation import Problem
            from prepcoach.content.yamlsource import mark_of

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
            origins = library.origins
            for index, item in enumerate(items):
                item_id = item.id
                ref = f"{kind}/{item_id}"
                if item_id in merged and not item.overrides:
                    from prepcoach.content.validation import Problem
                    from prepcoach.content.yamlsource import mark_of

                    other_path, other_data, other_index = where[ref]
                    o_line, o_col = mark_of(other_data, (kind, other_index, "id"))
                    line, col = mark_of(data, (kind, index, "id"))
                    problems.append(
                        Problem(
                            shown,
                            line,
                            col,
                            f"duplicate {KIND_LABELS[kind]} id '{item_id}' "
                            f"(also at {other_path}:{o_line}:{o_col}); "
                            "add 'overrides: true' to replace it on purpose",
                        )
                    )
                    continue
                merged[item_id] = item
                where[ref] = (shown, data, index)
                origins[ref] = shown
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
    if prepare_checks is not None and not every_check_passed:
        prepare_checks()
    problems += _check_references(library, where, features=not every_check_passed)
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    if cache_dir is not None and not problems:
        for content_file, identity, digest, pack in fresh:
            _write_pack(cache_dir, content_file, identity, digest, pack, prepare_checks is not None)
    return library, problems, approximate


def _check_references(
    library: ContentLibrary, where: dict[str, tuple[str, Any, int]], features: bool = True
) -> list[Any]:
    problems: list[Any] = []

    def problem(kind: str, item_id: str, loc: tuple[Any, ...], message: str) -> None:
        from prepcoach.content.validation import Problem
        from prepcoach.content.yamlsource import mark_of

        path, data, index = where[f"{kind}/{item_id}"]
        line, col = mark_of(data, (kind, index, *loc))
        label = KIND_LABELS[kind]
        problems.append(Problem(path, line, col, f"{label} '{item_id}': {message}"))

    def unknown(what: str, value: str, known: Iterable[str]) -> str:
        from prepcoach.content.validation import suggest

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
    for check in checks.registered() if features else ():  # see prepcoach.content.checks
        for kind, item_id, loc, message in check(library):
            problem(kind, item_id, loc, message)
    return problems


# ---------------------------------------------------------------------------- cache


# One entry per pack file, side by side, so that switching between --content packs stays
# warm. An entry holds the file's validated items and what identified the file when it was
# read: size, mtime, ctime, inode and device, and a hash of its text. The hash decides
# whenever the identity alone could mislead: a file changed within the clock's granularity
# of its entry being written, or one whose identity changed but whose size did not (a copy
# made with `cp -p` keeps the mtime, but never the ctime).
CACHE_SLOTS = 64  # entries kept; the least recently written go first
RACY_NS = 2_000_000_000  # a file this close to its entry's time is checked by its content

Identity = tuple[int, int, int, int, int]


def _identity(path: Path) -> Identity | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cache_file(cache_dir: Path, content_file: ContentFile) -> Path:
    where = f"{_resolved(content_file.path)}\0{content_file.builtin}"
    return cache_dir / f"content-{hashlib.sha256(where.encode()).hexdigest()[:32]}.bin"


def _to_row(obj: Any) -> tuple[Any, ...]:
    """A dataclass as a tuple of its field values (nested dataclasses as tuples too)."""
    nested = _NESTED.get(type(obj), {})
    return tuple(
        tuple(_to_row(v) for v in getattr(obj, f.name))
        if f.name in nested
        else getattr(obj, f.name)
        for f in fields(obj)
    )


@cache
def _rebuilder(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    """A function rebuilding `cls` from its row, nested dataclasses included."""
    nested = _NESTED.get(cls)
    if not nested:
        return lambda row: cls(*row)
    names = [f.name for f in fields(cls)]
    inner = [(names.index(name), _rebuilder(sub)) for name, sub in nested.items()]

    def rebuild(row: tuple[Any, ...]) -> Any:
        values = list(row)
        for position, build in inner:
            values[position] = tuple([build(value) for value in values[position]])
        return cls(*values)

    return rebuild


_HEADER = ("pack", "title", "version", "description", "source", "license")


def _cached_pack(cache_dir: Path, content_file: ContentFile) -> tuple[Pack | None, bool, str]:
    """The file's validated pack from its cache entry, if the file has not changed since,
    whether the features' checks passed on it too, and the hash of its text."""
    missing = None, False, ""
    identity = _identity(content_file.path)
    if identity is None:
        return missing
    entry = _cache_file(cache_dir, content_file)
    try:
        raw = marshal.loads(entry.read_bytes())
        if raw.get("format") != CACHE_FORMAT or raw.get("version") != __version__:
            return missing
        stored = tuple(raw["identity"])
        racy = raw["written"] - max(identity[1], identity[2]) < RACY_NS
        if stored != identity or racy:
            if stored[0] != identity[0]:
                return missing  # another size: changed for certain
            try:
                text = read_limited(content_file.path, PACK_LIMIT, what="content pack")
            except PrepError:
                return missing
            if _digest(text) != raw["digest"]:
                return missing
        values: dict[str, Any] = dict(zip(_HEADER, raw["header"], strict=True))
        for kind, cls in KINDS.items():
            build = _rebuilder(cls)
            values[kind] = tuple([build(row) for row in raw["items"][kind]])
        pack = Pack(**values)
        checked = raw["checked"] is True
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError, IndexError):
        return missing  # a missing or stale entry only costs a full load of that file
    if stored != identity or racy:  # the text is the same: remember the file as it is now
        settled = time.time_ns() - max(identity[1], identity[2]) >= RACY_NS
        if stored != identity or settled:
            _write_pack(cache_dir, content_file, identity, raw["digest"], pack, checked)
    return pack, checked, raw["digest"]


def _write_pack(
    cache_dir: Path,
    content_file: ContentFile,
    identity: Identity,
    digest: str,
    pack: Pack,
    checked: bool,
) -> None:
    raw = {
        "format": CACHE_FORMAT,
        "checked": checked,
        "version": __version__,
        "identity": identity,
        "digest": digest,
        "written": time.time_ns(),
        "header": tuple(getattr(pack, name) for name in _HEADER),
        "items": {kind: [_to_row(i) for i in getattr(pack, kind)] for kind in KINDS},
    }
    from prepcoach.kernel.files import private_folder

    target = _cache_file(cache_dir, content_file)
    try:
        private_folder(cache_dir)
        tmp = cache_dir / f".{target.name}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(raw))
        os.replace(tmp, target)
        _prune(cache_dir)
    except (OSError, ValueError, PrepError):
        pass  # a read-only or full cache dir must never stop the user


def _prune(cache_dir: Path) -> None:
    """Keep the CACHE_SLOTS most recently written entries."""
    entries = []
    for path in cache_dir.glob("content-*.bin"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    if len(entries) > CACHE_SLOTS:
        for _written, path in sorted(entries)[: len(entries) - CACHE_SLOTS]:
            path.unlink(missing_ok=True)


def item_summary(item: Item) -> str:
    """A one-line description of any content item, for listings."""
    for attr in ("text", "title", "name"):
        value = getattr(item, attr, None)
        if value:
            return str(value)
    return item.id
