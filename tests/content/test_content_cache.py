"""The content cache: one entry per pack file, never stale, several packs side by side."""

from __future__ import annotations

import marshal
import os
import shutil
import stat
from pathlib import Path

import pytest

from prepcoach.content import cache as content_cache
from prepcoach.content import library as content_library
from prepcoach.content.library import ContentFile, load_library
from prepcoach.kernel import paths

BODY = 'pack: {pack}\ntitle: P\nversion: "1"\ndescription: D\nquestions:\n'
QUESTION = "  - id: {pack}-q\n    text: {text}\n    category: behavioral\n    assesses: x\n"


def write_pack(path: Path, pack: str, text: str) -> None:
    path.write_text(BODY.format(pack=pack) + QUESTION.format(pack=pack, text=text), "utf-8")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually parsed (not served from the cache), in order."""
    seen: list[str] = []
    real = content_library._read_pack

    def counting(content_file: ContentFile, shown: str, quick: bool = False) -> object:
        seen.append(content_file.path.name)
        return real(content_file, shown, quick)

    monkeypatch.setattr(content_library, "_read_pack", counting)
    return seen


def old(path: Path) -> None:
    """Date the file back, so that its cache entry is not a racy one."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10**10))


def text_of(path: Path, cache: Path) -> str:
    library = load_library([ContentFile(path, False)], cache)
    return next(iter(library.questions.values())).text


def test_unchanged_files_are_read_back_without_parsing(tmp_path: Path, parses: list[str]) -> None:
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "First?")
    old(pack)
    cache = tmp_path / "cache"
    assert text_of(pack, cache) == "First?"
    assert text_of(pack, cache) == "First?"
    assert parses == ["a.yaml"]


def test_a_cp_p_copy_with_other_text_of_the_same_size_is_seen(
    tmp_path: Path, parses: list[str]
) -> None:
    pack, other = tmp_path / "a.yaml", tmp_path / "b.yaml"
    write_pack(pack, "a", "Apples?")
    write_pack(other, "a", "Melons?")  # the same size, other text
    for path in (pack, other):
        old(path)
    os.utime(other, ns=(pack.stat().st_atime_ns, pack.stat().st_mtime_ns))
    cache = tmp_path / "cache"
    assert text_of(pack, cache) == "Apples?"
    before = pack.stat()
    shutil.copy2(other, pack)  # what `cp -p` does: same inode, size and mtime; new ctime
    after = pack.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert text_of(pack, cache) == "Melons?"


def test_a_change_the_file_identity_cannot_show_is_caught_by_the_content_hash(
    tmp_path: Path, parses: list[str]
) -> None:
    """On a file system with coarse timestamps, a quick rewrite may keep every stat field."""
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "Apples?")
    cache = tmp_path / "cache"
    assert text_of(pack, cache) == "Apples?"
    write_pack(pack, "a", "Melons?")
    (entry,) = cache.glob("content-*.bin")
    key = (cache / content_cache.KEY_NAME).read_bytes()
    raw = marshal.loads(entry.read_bytes()[32:])
    st = pack.stat()
    raw["identity"] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    raw["written"] = max(st.st_mtime_ns, st.st_ctime_ns)  # within the same clock tick
    payload = marshal.dumps(raw)
    entry.write_bytes(content_cache._sign(key, payload) + payload)
    assert text_of(pack, cache) == "Melons?"


def test_a_touched_file_with_the_same_text_is_not_parsed_again(
    tmp_path: Path, parses: list[str]
) -> None:
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "Apples?")
    old(pack)
    cache = tmp_path / "cache"
    text_of(pack, cache)
    os.utime(pack)  # a new mtime, the same content
    old(pack)
    assert text_of(pack, cache) == "Apples?"
    assert text_of(pack, cache) == "Apples?"
    assert parses == ["a.yaml"]


def test_alternating_content_packs_stays_warm(
    tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREP_CACHE", raising=False)
    builtin = content_library.content_files(paths.builtin_content_dir(), None, [])
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    write_pack(first, "first", "One?")
    write_pack(second, "second", "Two?")
    for path in (first, second):
        old(path)
    cache = paths.cache_dir(tmp_path / "home")
    for extra in (first, second, first, second):
        library = load_library([*builtin, ContentFile(extra, False)], cache)
        assert f"{extra.stem}-q" in library.questions
    assert parses.count("first.yaml") == 1 and parses.count("second.yaml") == 1
    assert len([p for p in parses if p not in ("first.yaml", "second.yaml")]) == len(builtin)
    entries = list(cache.glob("content-*.bin"))
    assert len(entries) == len(builtin) + 2
    assert cache.parent == tmp_path / "home"
    assert all(stat.S_IMODE(entry.stat().st_mode) == 0o600 for entry in entries)


def test_a_problem_across_cached_files_still_names_its_line(tmp_path: Path) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    write_pack(first, "first", "One?")
    write_pack(second, "second", "Two?")
    cache = tmp_path / "cache"
    load_library([ContentFile(first, False)], cache)
    load_library([ContentFile(second, False)], cache)
    clash = tmp_path / "clash.yaml"
    write_pack(clash, "first", "Three?")  # pack id 'first' again, each file fine alone
    load_library([ContentFile(clash, False)], cache)
    with pytest.raises(content_library.ContentError) as info:
        load_library([ContentFile(first, False), ContentFile(clash, False)], cache)
    assert "clash.yaml:1:7: pack id 'first' is also used by" in info.value.problems[0]


def test_the_number_of_entries_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content_cache, "CACHE_SLOTS", 3)
    cache = tmp_path / "cache"
    for n in range(5):
        pack = tmp_path / f"p{n}.yaml"
        write_pack(pack, f"p{n}", "Q?")
        load_library([ContentFile(pack, False)], cache)
    assert len(list(cache.glob("content-*.bin"))) == 3


def test_feature_checks_run_until_every_entry_has_passed_them(tmp_path: Path) -> None:
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "Apples?")
    old(pack)
    cache = tmp_path / "cache"
    calls: list[int] = []
    load_library([ContentFile(pack, False)], cache)  # cached without the features' checks
    load_library([ContentFile(pack, False)], cache, lambda kinds: calls.append(1))
    load_library([ContentFile(pack, False)], cache, lambda kinds: calls.append(1))
    assert calls == [1]  # checked once, then known good


def test_only_the_kinds_of_unchecked_files_are_prepared(tmp_path: Path) -> None:
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "Apples?")
    asked: list[set[str]] = []
    load_library([ContentFile(pack, False)], tmp_path / "cache", lambda k: asked.append(set(k)))
    assert asked == [{"questions"}]


def test_a_tampered_entry_is_ignored(tmp_path: Path, parses: list[str]) -> None:
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "Apples?")
    old(pack)
    cache = tmp_path / "cache"
    assert text_of(pack, cache) == "Apples?"
    (entry,) = cache.glob("content-*.bin")
    signed = entry.read_bytes()
    payload = signed[32:]
    forged = payload.replace(b"Apples?", b"Melons?")
    assert forged != payload
    code = marshal.dumps(compile("import os", "x", "exec"))
    for tampered in (
        signed[:32] + forged,  # the text changed, the signature not
        signed[:-5],  # cut short
        b"",
        b"\0" * 64,
        signed[:32] + code,  # no dict, and no valid signature either
        forged,  # no signature at all
    ):
        entry.write_bytes(tampered)
        assert text_of(pack, cache) == "Apples?"
    assert parses == ["a.yaml"] * 7


def test_an_entry_signed_with_another_key_is_ignored(tmp_path: Path, parses: list[str]) -> None:
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "Apples?")
    old(pack)
    cache = tmp_path / "cache"
    text_of(pack, cache)
    key = cache / content_cache.KEY_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.write_bytes(os.urandom(32))
    assert text_of(pack, cache) == "Apples?"
    assert text_of(pack, cache) == "Apples?"
    assert parses == ["a.yaml", "a.yaml"]  # read again once, then cached under the new key


def test_every_kind_comes_back_from_the_cache_as_it_was_read(tmp_path: Path) -> None:
    builtin = content_library.content_files(paths.builtin_content_dir(), None, [])
    fresh = load_library(builtin)
    cache = tmp_path / "cache"
    load_library(builtin, cache)
    cached = load_library(builtin, cache)
    for kind in content_library.KINDS:
        assert cached.items(kind) == fresh.items(kind), kind
        for item_id, item in cached.items(kind).items():
            assert type(item) is type(fresh.items(kind)[item_id])
    with pytest.raises(AttributeError):
        next(iter(cached.questions.values())).text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("change", ["fields", "count", "nested"])
def test_an_entry_that_does_not_fit_the_model_is_read_again(
    tmp_path: Path, parses: list[str], change: str
) -> None:
    """Signed by prep but written for other fields (another checkout of the same version),
    or with columns that disagree: the file is parsed again, never half-read."""
    pack = tmp_path / "a.yaml"
    write_pack(pack, "a", "Apples?")
    old(pack)
    cache = tmp_path / "cache"
    assert text_of(pack, cache) == "Apples?"
    (entry,) = cache.glob("content-*.bin")
    key = (cache / content_cache.KEY_NAME).read_bytes()
    raw = marshal.loads(entry.read_bytes()[32:])
    block = raw["items"]["questions"]
    if change == "fields":
        block["fields"] = [*block["fields"][:-1], "renamed"]
    elif change == "count":
        block["count"] += 1
    else:
        block["columns"][block["fields"].index("look_fors")] = [5]
    payload = marshal.dumps(raw)
    entry.write_bytes(content_cache._sign(key, payload) + payload)
    assert text_of(pack, cache) == "Apples?"
    assert parses == ["a.yaml", "a.yaml"]
