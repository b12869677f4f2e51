"""The merged content a user works with: built-in packs, then their own, then --content paths.

A later pack may replace an item only on purpose (`overrides: true` on the item); any other
repeated id is an error that names both places. References between items (a question's
competencies, a format's question ids...) are checked once everything is merged.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from prepcoach.content import cache as content_cache
from prepcoach.content import checks
from prepcoach.content.model import (
    KINDS,
    AskQuestion,
    Checklist,
    Competency,
    EmailTemplate,
    InterviewFormat,
    Item,
    Locale,
    PackInfo,
    PostmortemTemplate,
    Question,
    Role,
    Skill,
    StarTemplate,
)
from prepcoach.kernel.errors import ContentError, NotFoundError, PrepError
from prepcoach.kernel.files import read_limited
from prepcoach.kernel.wording import counted

# The YAML reader and the validator (prepcoach.content.yamlsource, .validation) are imported
# where a file is parsed or a problem reported: a load from the cache never needs them; the
# cache itself is prepcoach.content.cache, the references between items .references.

PACK_LIMIT = 20 * 1024 * 1024  # bytes in one pack file
MAX_PACK_FILES = 1_000  # pack files in one folder
YAML_SUFFIXES = (".yaml", ".yml")

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
    "locales": "locale",
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
    "locales": "locales",
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
    locales: dict[str, Locale] = field(default_factory=dict)
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
    resolve = _Resolver()
    for content_file in files:
        key = resolve(content_file.path)
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


class _Resolver:
    """`Path.resolve` for many files in a few folders: a file that is not a symbolic link
    resolves to its folder's real path and its own name, and each folder is resolved once
    (resolving looks at every component of the path)."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        try:
            if path.name in ("", ".", "..") or path.is_symlink():
                return path.resolve()
            folder = self._folders.get(path.parent)
            if folder is None:
                folder = self._folders[path.parent] = path.parent.resolve()
            return folder / path.name
        except (OSError, RuntimeError):
            return path


def _shown(path: Path, resolved: Path, cwd: Path | None) -> str:
    """`display_path(path)`, from the path resolved and the working directory resolved."""
    if cwd is not None:
        try:
            return str(resolved.relative_to(cwd))
        except ValueError:
            pass
    return str(path)


# ---------------------------------------------------------------------------- loading


def load_library(
    files: Sequence[ContentFile],
    cache_dir: Path | None = None,
    prepare_checks: Callable[[Collection[str]], object] | None = None,
) -> ContentLibrary:
    """Load and check every file; raise ContentError listing every problem.

    With a cache_dir, each pack file whose content has not changed is read back from its own
    cache entry (see prepcoach.content.cache) instead of being parsed and validated again,
    and the built-in packs, while none has changed, from their one entry, merged and checked
    already: with no other file, neither the merge nor the cross-checks run again; with
    others, they run over everything. Should they find a problem, everything is
    loaded afresh so that every problem names its line and column (see `check_files`).

    `prepare_checks(kinds)` registers the features' checks of those kinds (see
    prepcoach.content.checks); it is called only with the kinds held by files that have to
    be checked, never when every file comes from an entry that passed those checks.
    """
    library, problems = check_files(files, cache_dir, prepare_checks)
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise ContentError(
            f"content has {counted(len(problems), 'problem')}; run 'prep content validate':\n"
            f"{shown}{more}",
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
            text = _read_text(content_file.path)
    except PrepError as error:
        return None, None, [Problem(shown, 1, 1, str(error))], None
    if quick:
        plain = parse_quick(text)
        if plain is not None:
            pack, pack_problems = validate_pack(shown, plain)
            if not pack_problems:
                return pack, plain, [], text
    # the full reader: marks for every problem, and the alias, depth and length bounds
    data, yaml_problems = parse_yaml(text)
    problems = [Problem(shown, line, col, msg) for (line, col), msg in yaml_problems]
    if data is None and yaml_problems:
        return None, None, problems, text
    pack, pack_problems = validate_pack(shown, data)
    return pack, data, problems + pack_problems, text


def check_files(
    files: Sequence[ContentFile],
    cache_dir: Path | None = None,
    prepare_checks: Callable[[Collection[str]], object] | None = None,
) -> tuple[ContentLibrary, list[Any]]:
    """Parse, validate, merge and cross-check; return what loaded and every problem.

    With a cache_dir, unchanged files come from their cache entries, and once everything
    checks out each parsed file gets one. Files are read by the fast reader where it can;
    neither it nor a cache entry knows lines and columns, so should any problem turn up,
    everything is read again by the reader that does.
    """
    with _collector_paused():
        library, problems, approximate = _check_files(files, cache_dir, prepare_checks, True)
        if problems and approximate:
            library, problems, _ = _check_files(files, None, prepare_checks, quick=False)
    return library, problems


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes a great many objects and frees few: the cycle collector's passes over
    them would cost a tenth of a large load and find nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_files(
    files: Sequence[ContentFile],
    cache_dir: Path | None,
    prepare_checks: Callable[[Collection[str]], object] | None,
    quick: bool,
) -> tuple[ContentLibrary, list[Any], bool]:
    """check_files' work, and whether some item's position is unknown (the problems' marks
    may then be wrong)."""
    approximate = False
    library = ContentLibrary()
    problems: list[Any] = []
    # where each item was defined: kind -> id -> (path, parsed data, index in its list)
    where: dict[str, dict[str, tuple[str, Any, int]]] = {kind: {} for kind in KINDS}
    pack_ids: dict[str, str] = {}
    fresh: list[tuple[ContentFile, Path, content_cache.Identity, content_cache.Cached]] = []
    unchecked: set[str] = set()  # kinds in files that have not passed the features' checks
    resolve = _Resolver()
    try:
        cwd: Path | None = Path.cwd().resolve()
    except OSError:
        cwd = None
    located = [(f, real, _shown(f.path, real, cwd)) for f in files for real in (resolve(f.path),)]
    # The built-in packs come first, and with a cache they may all come from their one entry.
    count = _leading_builtins(files) if cache_dir is not None else 0
    builtin_paths = [f.path for f in files[:count]]
    builtin_shown = [shown for _f, _real, shown in located[:count]]
    known = [content_cache.identity(path) for path in builtin_paths]  # before anything is read
    merged = None
    if cache_dir is not None and count:
        merged = content_cache.read_builtins(cache_dir, builtin_paths, known, builtin_shown)
    rest = located
    if merged is not None:
        approximate = True
        library.packs.extend(merged.packs)
        for kind in KINDS:
            setattr(library, kind, merged.items[kind])
        library.origins = merged.origins
        pack_ids.update((info.pack, info.path) for info in merged.packs)
        if count < len(files) or not merged.alone:  # for the problems found below
            for kind, place in where.items():
                ids = library.items(kind)
                origins = [library.origins.get(f"{kind}/{item_id}", "") for item_id in ids]
                place.update(zip(ids, zip(origins, repeat(None), repeat(0)), strict=True))
        rest = located[count:]
    snapshot = None  # the built-ins merged, before the user's packs, to be kept as their entry
    for position, (content_file, real, shown) in enumerate(rest):
        if merged is None and count and position == count and prepare_checks is not None:
            snapshot = _builtins_of(library, alone=False)
        cacheable = cache_dir is not None and content_file.text is None
        pack: Any = None
        data: Any = None
        if cacheable:
            assert cache_dir is not None
            cached = content_cache.read(
                cache_dir, content_file.path, content_file.builtin, _read_text, real
            )
            if cached is not None:
                pack = cached.pack
                approximate = True
                if not cached.checked:
                    unchecked.update(kind for kind in KINDS if getattr(pack, kind))
                    known_now = content_cache.identity(content_file.path)
                    if known_now is not None and prepare_checks is not None:  # checked below
                        fresh.append((content_file, real, known_now, cached))
        if pack is None:
            known_now = content_cache.identity(content_file.path) if cacheable else None
            pack, data, file_problems, text = _read_pack(content_file, shown, quick)
            problems += file_problems
            approximate = approximate or (data is not None and not hasattr(data, "mark"))
            if pack is None:
                continue
            unchecked.update(kind for kind in KINDS if getattr(pack, kind))
            if cacheable and not file_problems and known_now is not None and text is not None:
                entry = content_cache.Cached(pack, False, content_cache.digest(text))
                fresh.append((content_file, real, known_now, entry))
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
                problems += _merge(library, where[kind], kind, items, shown, data)
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
    alone = count == len(files)
    if prepare_checks is not None and unchecked:
        prepare_checks(frozenset(unchecked))
    if not (merged is not None and merged.alone and alone and not unchecked):
        # (the built-ins' one entry was written only once they had checked out on their own)
        problems += _check_references(library, where, unchecked)
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    if cache_dir is not None and not problems:
        for content_file, real, known_now, entry in fresh:
            checked = content_cache.Cached(entry.pack, prepare_checks is not None, entry.digest)
            content_cache.write(
                cache_dir, content_file.path, content_file.builtin, known_now, checked, real
            )
        keep = snapshot
        if alone and count and prepare_checks is not None and not (merged and merged.alone):
            keep = _builtins_of(library, alone=True)  # checked on their own: kept as such
        if keep is not None:
            content_cache.write_builtins(cache_dir, builtin_paths, known, builtin_shown, keep)
    return library, problems, approximate


def _leading_builtins(files: Sequence[ContentFile]) -> int:
    """How many files at the start are built-in packs read from their paths."""
    count = 0
    for content_file in files:
        if not content_file.builtin or content_file.text is not None:
            break
        count += 1
    return count


def _builtins_of(library: ContentLibrary, *, alone: bool) -> content_cache.Builtins:
    """What `library` holds so far, as the built-ins' one entry keeps it (copied: the
    library may go on to merge more packs)."""
    return content_cache.Builtins(
        list(library.packs),
        {kind: dict(library.items(kind)) for kind in KINDS},
        dict(library.origins),
        alone,
    )


def _read_text(path: Path) -> str:
    return read_limited(path, PACK_LIMIT, what="content pack")


def _merge(
    library: ContentLibrary,
    where: dict[str, tuple[str, Any, int]],
    kind: str,
    items: tuple[Any, ...],
    shown: str,
    data: Any,
) -> list[Any]:
    """Add one pack's items of one kind; the problems are the ids already taken."""
    merged: dict[str, Any] = library.items(kind)
    ids = [item.id for item in items]
    if len(set(ids)) == len(ids) and merged.keys().isdisjoint(ids):  # the usual case, at once
        merged.update(zip(ids, items, strict=True))
        where.update(zip(ids, zip(repeat(shown), repeat(data), range(len(ids))), strict=True))
        library.origins.update(zip([f"{kind}/{i}" for i in ids], repeat(shown)))
        return []
    problems: list[Any] = []
    for index, item in enumerate(items):
        item_id = item.id
        if item_id in merged and not item.overrides:
            from prepcoach.content.validation import Problem
            from prepcoach.content.yamlsource import mark_of

            other_path, other_data, other_index = where[item_id]
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
        where[item_id] = (shown, data, index)
        library.origins[f"{kind}/{item_id}"] = shown
    return problems


def _check_references(
    library: ContentLibrary, where: dict[str, dict[str, tuple[str, Any, int]]], kinds: set[str]
) -> list[Any]:
    """The references between items, and the features' checks of the `kinds` not yet checked
    (see prepcoach.content.checks), as problems at the item's line."""
    from prepcoach.content.references import reference_findings

    problems: list[Any] = []
    findings = chain(reference_findings(library), checks.findings(library, kinds))
    for kind, item_id, loc, message in findings:
        from prepcoach.content.validation import Problem
        from prepcoach.content.yamlsource import mark_of

        path, data, index = where[kind][item_id]
        line, col = mark_of(data, (kind, index, *loc))
        label = KIND_LABELS[kind]
        problems.append(Problem(path, line, col, f"{label} '{item_id}': {message}"))
    return problems


def item_summary(item: Item) -> str:
    """A one-line description of any content item, for listings."""
    for attr in ("text", "title", "name"):
        value = getattr(item, attr, None)
        if value:
            return str(value)
    return item.id
