"""The built-in packs' one cache entry: read alone when nothing else is loaded, never stale."""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path

import pytest

from prepcoach.content import cache as content_cache
from prepcoach.content import library as content_library
from prepcoach.content.library import ContentError, ContentFile, ContentLibrary, load_library
from prepcoach.kernel import paths

BODY = 'pack: {pack}\ntitle: P\nversion: "1"\ndescription: D\n'
QUESTION = (
    "questions:\n  - id: {pack}-q\n    text: {text}\n    category: behavioral\n"
    "    assesses: x\n    competencies: [{competency}]\n"
)
COMPETENCY = "competencies:\n  - id: {competency}\n    name: N\n    description: D\n"


def write_pack(path: Path, pack: str, text: str, competency: str | None = None) -> None:
    body = BODY.format(pack=pack)
    if competency is None:
        competency = f"{pack}-c"
        body += COMPETENCY.format(competency=competency)
    body += QUESTION.format(pack=pack, text=text, competency=competency)
    path.write_text(body, "utf-8")


def checks(kinds: object) -> None:
    """The features' checks (none here): the one entry is kept only once they have run."""


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test count as settled (their ctime cannot be dated back)."""
    monkeypatch.setattr(content_cache, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The per-file entries looked at and the files parsed, in order."""
    seen: list[str] = []
    real_read = content_cache.read
    real_parse = content_library._read_pack

    def reading(cache_dir: Path, path: Path, *args: object) -> object:
        seen.append(f"entry {path.name}")
        return real_read(cache_dir, path, *args)  # type: ignore[arg-type]

    def parsing(content_file: ContentFile, shown: str, quick: bool = False) -> object:
        seen.append(f"parse {content_file.path.name}")
        return real_parse(content_file, shown, quick)

    monkeypatch.setattr(content_cache, "read", reading)
    monkeypatch.setattr(content_library, "_read_pack", parsing)
    return seen


@pytest.fixture
def builtin(tmp_path: Path) -> Path:
    folder = tmp_path / "builtin"
    (folder / "sub").mkdir(parents=True)
    write_pack(folder / "a.yaml", "a", "Apples?")
    write_pack(folder / "sub" / "b.yaml", "b", "Bananas?")
    write_pack(folder / "sub" / "c.yaml", "c", "Cherries?")
    return folder


def load(folder: Path, cache: Path, *extra: Path) -> ContentLibrary:
    files = content_library.content_files(folder, None, list(extra))
    return load_library(files, cache, checks)


def texts(library: ContentLibrary) -> dict[str, str]:
    return {q.id: q.text for q in library.questions.values()}


def the_entry(cache: Path) -> Path:
    (entry,) = cache.glob("content-builtins-*.bin")
    return entry


def same(one: ContentLibrary, other: ContentLibrary) -> None:
    assert one.packs == other.packs
    assert one.origins == other.origins
    for kind in content_library.KINDS:
        assert one.items(kind) == other.items(kind), kind
        assert list(one.items(kind)) == list(other.items(kind)), kind


def test_the_builtins_alone_come_from_their_one_entry(
    builtin: Path, tmp_path: Path, settled: None, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load(builtin, cache)
    assert reads == ["entry a.yaml", "parse a.yaml", "entry b.yaml", "parse b.yaml"] + [
        "entry c.yaml",
        "parse c.yaml",
    ]
    the_entry(cache)
    reads.clear()
    referenced: list[int] = []
    real = content_library._check_references
    monkeypatch.setattr(
        content_library, "_check_references", lambda *a: referenced.append(1) or real(*a)
    )
    again = load(builtin, cache)
    assert reads == [] and referenced == []  # one file read, and nothing checked again
    same(again, first)
    same(again, load_library(content_library.content_files(builtin, None, [])))


def test_the_shipped_packs_come_back_from_their_one_entry_as_they_were_read(
    tmp_path: Path, reads: list[str]
) -> None:
    files = content_library.content_files(paths.builtin_content_dir(), None, [])
    fresh = load_library(files)
    cache = tmp_path / "cache"
    load_library(files, cache, checks)
    reads.clear()
    cached = load_library(files, cache, checks)
    assert reads == []
    same(cached, fresh)
    for kind in content_library.KINDS:
        for item_id, item in cached.items(kind).items():
            assert type(item) is type(fresh.items(kind)[item_id])


def test_no_entry_is_kept_before_the_features_checks_have_run(
    builtin: Path, tmp_path: Path, settled: None
) -> None:
    cache = tmp_path / "cache"
    load_library(content_library.content_files(builtin, None, []), cache)
    assert list(cache.glob("content-builtins-*.bin")) == []
    asked: list[object] = []
    load_library(content_library.content_files(builtin, None, []), cache, asked.append)
    load_library(content_library.content_files(builtin, None, []), cache, asked.append)
    assert len(asked) == 1  # the second load came from the one entry, checked already


def test_files_too_recent_to_trust_are_not_kept_in_the_one_entry(
    builtin: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load(builtin, cache)  # every file was written just now
    assert list(cache.glob("content-builtins-*.bin")) == []
    assert len(list(cache.glob("content-*.bin"))) == 3  # the per-file entries decide


@pytest.mark.parametrize("how", ["longer", "cp -p, same size"])
def test_an_edited_builtin_file_is_never_served_from_the_one_entry(
    builtin: Path, tmp_path: Path, settled: None, how: str
) -> None:
    cache = tmp_path / "cache"
    pack = builtin / "sub" / "b.yaml"
    assert texts(load(builtin, cache))["b-q"] == "Bananas?"
    the_entry(cache)
    if how == "longer":
        write_pack(pack, "b", "Blueberries?")
        expected = "Blueberries?"
    else:
        other = tmp_path / "other.yaml"
        write_pack(other, "b", "Berries?")  # the same size, other text
        os.utime(other, ns=(pack.stat().st_atime_ns, pack.stat().st_mtime_ns))
        before = pack.stat()
        shutil.copy2(other, pack)  # same inode, size and mtime; a new ctime
        assert (pack.stat().st_size, pack.stat().st_mtime_ns) == (
            before.st_size,
            before.st_mtime_ns,
        )
        expected = "Berries?"
    assert texts(load(builtin, cache))["b-q"] == expected
    assert texts(load(builtin, cache))["b-q"] == expected  # and the entry written again


def forge(cache: Path, **changes: object) -> None:
    """Rewrite the one entry with `changes`, signed as prep signs it."""
    entry = the_entry(cache)
    key = (cache / content_cache.KEY_NAME).read_bytes()
    raw = marshal.loads(entry.read_bytes()[32:])
    raw.update(changes)
    payload = marshal.dumps(raw)
    entry.write_bytes(content_cache._sign(key, payload) + payload)


def identities(folder: Path) -> list[content_cache.Identity | None]:
    return [content_cache.identity(f.path) for f in content_library.content_files(folder, None, [])]


def test_an_entry_written_from_other_files_is_set_aside_however_recent(
    builtin: Path, tmp_path: Path, settled: None
) -> None:
    """Each guard on its own: written long after every change, the entry still names files
    as they were (one rewritten, then one renamed)."""
    cache = tmp_path / "cache"
    load(builtin, cache)
    write_pack(builtin / "sub" / "b.yaml", "b", "Blueberries?")
    forge(cache, written=2**62)
    assert texts(load(builtin, cache))["b-q"] == "Blueberries?"
    (builtin / "sub" / "c.yaml").rename(builtin / "a0.yaml")  # now second of the three
    forge(cache, written=2**62, identities=identities(builtin))  # as if none had changed
    library = load(builtin, cache)
    assert library.origins["questions/c-q"] == str(builtin / "a0.yaml")
    same(library, load_library(content_library.content_files(builtin, None, [])))


def test_a_change_within_the_clock_tick_of_the_entry_is_caught(
    builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rewrite that kept every stat field (coarse timestamps) while the entry was written
    in the same tick: the entry is set aside and the per-file content hash decides."""
    cache = tmp_path / "cache"
    with monkeypatch.context() as patch:
        patch.setattr(content_cache, "RACY_NS", 0)
        load(builtin, cache)
    entry = the_entry(cache)
    pack = builtin / "a.yaml"
    write_pack(pack, "a", "Lemons?")  # the same size, other text
    files = content_library.content_files(builtin, None, [])
    known = [content_cache.identity(f.path) for f in files]
    key = (cache / content_cache.KEY_NAME).read_bytes()
    raw = marshal.loads(entry.read_bytes()[32:])
    raw["identities"] = known  # as if no stat field had changed
    raw["written"] = max(max(k[1], k[2]) for k in known if k is not None)
    payload = marshal.dumps(raw)
    entry.write_bytes(content_cache._sign(key, payload) + payload)
    assert texts(load(builtin, cache))["a-q"] == "Lemons?"


def test_added_removed_and_renamed_builtin_files_are_seen(
    builtin: Path, tmp_path: Path, settled: None
) -> None:
    cache = tmp_path / "cache"
    load(builtin, cache)
    write_pack(builtin / "sub" / "d.yaml", "d", "Dates?")
    assert set(texts(load(builtin, cache))) == {"a-q", "b-q", "c-q", "d-q"}
    (builtin / "sub" / "c.yaml").unlink()
    assert set(texts(load(builtin, cache))) == {"a-q", "b-q", "d-q"}
    (builtin / "sub" / "d.yaml").rename(builtin / "e.yaml")
    library = load(builtin, cache)
    assert library.origins["questions/d-q"].endswith("e.yaml")
    assert [Path(p.path).name for p in library.packs] == ["a.yaml", "e.yaml", "b.yaml"]
    same(load(builtin, cache), load_library(content_library.content_files(builtin, None, [])))


def test_a_tampered_entry_is_ignored(
    builtin: Path, tmp_path: Path, settled: None, reads: list[str]
) -> None:
    cache = tmp_path / "cache"
    load(builtin, cache)
    entry = the_entry(cache)
    signed = entry.read_bytes()
    forged = signed[:32] + signed[32:].replace(b"Bananas?", b"Melons?!")
    assert forged != signed
    for tampered in (forged, signed[:-5], b"", signed[32:]):
        entry.write_bytes(tampered)
        reads.clear()
        assert texts(load(builtin, cache))["b-q"] == "Bananas?"
        assert "entry b.yaml" in reads  # read from the per-file entries instead


def test_the_entry_follows_the_working_directory(
    builtin: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    outside = load(builtin, cache)
    monkeypatch.chdir(builtin)
    inside = load(builtin, cache)
    assert [p.path for p in inside.packs] == ["a.yaml", "sub/b.yaml", "sub/c.yaml"]
    assert inside.origins["questions/b-q"] == "sub/b.yaml"
    same(inside, load_library(content_library.content_files(builtin, None, [])))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    same(load(builtin, cache), outside)
    assert outside.packs[0].path == str(builtin / "a.yaml")


def test_user_packs_keep_their_own_entries_beside_it(
    builtin: Path, tmp_path: Path, settled: None, reads: list[str]
) -> None:
    cache = tmp_path / "cache"
    load(builtin, cache)
    mine = tmp_path / "mine.yaml"
    write_pack(mine, "mine", "Mine?", competency="a-c")  # refers to a built-in competency
    assert texts(load(builtin, cache, mine))["mine-q"] == "Mine?"
    reads.clear()
    library = load(builtin, cache, mine)
    assert reads == ["entry mine.yaml"]
    same(library, load_library(content_library.content_files(builtin, None, [mine])))


def test_a_user_pack_clashing_with_a_builtin_is_reported_at_its_line(
    builtin: Path, tmp_path: Path, settled: None
) -> None:
    cache = tmp_path / "cache"
    load(builtin, cache)
    clash = tmp_path / "clash.yaml"
    write_pack(clash, "mine", "Again?")
    clash.write_text(clash.read_text().replace("mine-q", "b-q"), "utf-8")
    with pytest.raises(ContentError) as info:
        load(builtin, cache, clash)
    (problem,) = info.value.problems
    assert "clash.yaml:10:9: duplicate question id 'b-q'" in problem
    assert "b.yaml:10:9)" in problem
    broken = tmp_path / "broken.yaml"
    write_pack(broken, "broken", "Broken?", competency="nowhere")
    with pytest.raises(ContentError) as info:
        load(builtin, cache, broken)
    assert (
        "broken.yaml:10:20: question 'broken-q': unknown competency 'nowhere'"
        in (info.value.problems[0])
    )


def test_builtins_that_only_checked_out_beside_a_user_pack_are_checked_alone(
    builtin: Path, tmp_path: Path, settled: None
) -> None:
    """Written from a load with a user pack that the built-ins refer to, the entry must not
    vouch for the built-ins on their own."""
    cache = tmp_path / "cache"
    write_pack(builtin / "sub" / "c.yaml", "c", "Cherries?", competency="mine-c")
    mine = tmp_path / "mine.yaml"
    write_pack(mine, "mine", "Mine?")  # defines mine-c
    load(builtin, cache, mine)
    the_entry(cache)
    with pytest.raises(ContentError) as info:
        load(builtin, cache)
    assert "unknown competency 'mine-c'" in info.value.problems[0]
    assert "c.yaml:10:20:" in info.value.problems[0]


def test_two_installations_sharing_a_cache_keep_one_entry_each(
    builtin: Path, tmp_path: Path, settled: None, reads: list[str]
) -> None:
    other = tmp_path / "other"
    shutil.copytree(builtin, other)
    write_pack(other / "a.yaml", "a", "Apricots?")
    cache = tmp_path / "cache"
    for _ in range(2):
        load(builtin, cache)
        load(other, cache)
    reads.clear()
    assert texts(load(builtin, cache))["a-q"] == "Apples?"
    assert texts(load(other, cache))["a-q"] == "Apricots?"
    assert reads == []
    assert len(list(cache.glob("content-builtins-*.bin"))) == 2
