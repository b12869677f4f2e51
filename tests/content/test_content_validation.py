"""Every kind of content error is reported as file:line:col: message, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.content.library import ContentFile, check_files, load_library
from prepcoach.content.yamlsource import parse_yaml
from prepcoach.kernel import paths
from prepcoach.kernel.errors import ContentError

DATA = Path(__file__).parents[1] / "data" / "content"

EXPECTED = {
    "tab": "tab.yaml:7:1: tab character: indent with spaces, not tabs",
    "bad_indent": "bad_indent.yaml:8:4: did not find expected '-' indicator "
    "(while parsing a block collection): check the indentation",
    "duplicate_key": "duplicate_key.yaml:10:5: duplicate key 'text' (first given on line 7)",
    "unknown_field": "unknown_field.yaml:10:5: question 'q-unknown': unknown field 'look_for' "
    "(did you mean 'look_fors'?)",
    "missing_field": "missing_field.yaml:6:5: question 'q-missing': "
    "missing required field 'assesses'",
    "wrong_type": "wrong_type.yaml:10:21: question 'q-type': target_seconds: "
    "expected a whole number, got 'two minutes'",
    "unknown_category": "unknown_category.yaml:8:15: question 'q-cat': category: 'behavioural' "
    "is not allowed (did you mean 'behavioral'?); use one of: behavioral, situational, "
    "second-round, culture-fit, motivation, career-goals, salary, role-specific",
    "unknown_stage": "unknown_stage.yaml:10:21: question 'q-stage': stages[2]: 'third' is not "
    "allowed; use one of: first, second, final",
    "unknown_competency": "unknown_competency.yaml:10:30: question 'q-comp': unknown competency "
    "'teamwrok' (did you mean 'teamwork'?); known: conflict, teamwork",
    "duplicate_id": "duplicate_id.yaml:10:9: duplicate question id 'q-same' "
    "(also at duplicate_id.yaml:6:9); add 'overrides: true' to replace it on purpose",
    "dangling_reference": "dangling_reference.yaml:16:29: interview format 'f-one': unknown "
    "question 'q-rael' (did you mean 'q-real'?); known: q-real",
    "not_a_mapping": "not_a_mapping.yaml:1:1: a pack must be a mapping with 'pack', "
    "'title'... (got a list)",
    "python_tag": "python_tag.yaml:7:11: tag '!!python/object/apply:os.system' is not "
    "allowed: packs hold plain data only",
    "bad_id": "bad_id.yaml:6:9: question 'Q_Bad': id 'Q_Bad' must be lowercase words joined "
    "by hyphens (e.g. 'tell-me-about-yourself')",
    "unknown_kind": "unknown_kind.yaml:5:1: unknown field 'question' (did you mean 'questions'?)",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_error_kind_names_file_line_column(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "errors")
    files = [ContentFile(DATA / "base.yaml", False), ContentFile(Path(f"{name}.yaml"), False)]
    _, problems = check_files(files)
    assert [str(p) for p in problems] == [EXPECTED[name]]


def test_every_fixture_has_an_expected_message() -> None:
    assert {p.stem for p in (DATA / "errors").glob("*.yaml")} == set(EXPECTED)


def test_all_problems_are_reported_not_just_the_first(tmp_path: Path) -> None:
    pack = tmp_path / "many.yaml"
    pack.write_text(
        'pack: many\ntitle: T\nversion: "1"\ndescription: D\nquestions:\n'
        "  - id: a\n    text: A?\n    category: nope\n    assesses: x\n"
        "  - id: b\n    text: B?\n    category: behavioral\n"
        "  - id: c\n    text: C?\n    category: behavioral\n    assesses: x\n    tipz: []\n",
        encoding="utf-8",
    )
    _, problems = check_files([ContentFile(pack, False)])
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (8, "question 'a'"),
        (10, "question 'b'"),
        (17, "question 'c'"),
    ]


def test_override_on_purpose_replaces_the_item(tmp_path: Path) -> None:
    base = tmp_path / "a.yaml"
    base.write_text(
        'pack: a\ntitle: A\nversion: "1"\ndescription: D\nquestions:\n'
        "  - id: same\n    text: Old?\n    category: behavioral\n    assesses: x\n",
        encoding="utf-8",
    )
    mine = tmp_path / "b.yaml"
    mine.write_text(
        'pack: b\ntitle: B\nversion: "1"\ndescription: D\nquestions:\n'
        "  - id: same\n    text: New?\n    category: behavioral\n    assesses: y\n"
        "    overrides: true\n",
        encoding="utf-8",
    )
    library = load_library([ContentFile(base, True), ContentFile(mine, False)])
    assert library.questions["same"].text == "New?"
    assert library.origins["questions/same"].endswith("b.yaml")


def test_load_library_raises_content_error_listing_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: x\ntitle: [\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_library([ContentFile(broken, False)])
    assert len(info.value.problems) == 1
    assert "broken.yaml:3:1:" in info.value.problems[0]


def test_cache_is_used_when_nothing_changed_and_refreshed_when_a_file_changes(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "p.yaml"
    body = 'pack: p\ntitle: P\nversion: "1"\ndescription: D\nquestions:\n'
    question = "  - id: q\n    text: {text}\n    category: behavioral\n    assesses: x\n"
    pack.write_text(body + question.format(text="First?"), encoding="utf-8")
    cache = tmp_path / "cache"
    files = [ContentFile(pack, False)]
    assert load_library(files, cache).questions["q"].text == "First?"
    assert len(list(cache.glob("content-*.bin"))) == 1
    again = load_library(files, cache)
    assert again.questions["q"].text == "First?"
    assert again.questions["q"].tips == ()  # tuples survive the JSON round trip
    pack.write_text(body + question.format(text="Second, longer?"), encoding="utf-8")
    assert load_library(files, cache).questions["q"].text == "Second, longer?"
    assert len(list(cache.glob("content-*.bin"))) == 1


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        'pack: p\ntitle: P\nversion: "1"\ndescription: D\nquestions:\n'
        "  - id: q\n    text: Q?\n    category: behavioral\n    assesses: x\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    load_library([ContentFile(pack, False)], cache)
    for cached in cache.glob("content-*.bin"):
        cached.write_text("{not json", encoding="utf-8")
    assert load_library([ContentFile(pack, False)], cache).questions["q"].text == "Q?"


def test_safe_loading_never_runs_code(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    text = f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    data, problems = parse_yaml(text)
    assert data is None
    assert problems and "not allowed" in problems[0][1]
    assert not marker.exists()


yamlish = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}'\"#&*!|>%@` \t\n0123456789.?,")), max_size=200
)


def _has_dates(value: object) -> bool:
    import datetime

    if isinstance(value, dict):
        return any(_has_dates(k) or _has_dates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_dates(v) for v in value)
    return isinstance(value, datetime.date)


@settings(max_examples=300, deadline=None)
@given(yamlish)
def test_arbitrary_yamlish_text_loads_as_plain_yaml_would_or_reports_problems(text: str) -> None:
    from prepcoach.content.yamlsource import _BaseLoader

    data, problems = parse_yaml(text)
    for (line, column), message in problems:
        assert line >= 1 and column >= 1 and message
    if not problems:
        # without problems, the marking loader reads exactly what the library's loader reads
        plain = yaml.load(text, Loader=_BaseLoader)  # noqa: S506 - a safe loader class
        if not _has_dates(plain):
            assert data == plain


@settings(max_examples=200, deadline=None)
@given(yamlish)
def test_arbitrary_text_as_a_pack_is_content_error_or_loads(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_library([ContentFile(path, False)])
        except ContentError as error:
            assert error.problems


def _marks(value: object) -> object:
    from prepcoach.content.yamlsource import MarkedDict, MarkedList

    if isinstance(value, MarkedDict):
        return (
            value.mark,
            value.key_marks,
            value.value_marks,
            {k: _marks(v) for k, v in value.items()},
        )
    if isinstance(value, MarkedList):
        return (value.mark, value.marks, [_marks(v) for v in value])
    return None


def _full_loader(text: str) -> tuple[object, object]:
    from prepcoach.content.yamlsource import _MarkingLoader

    loader = _MarkingLoader(text)
    loader.problems = []
    try:
        return loader.get_single_data(), loader.problems
    finally:
        loader.dispose()


yaml_pieces = st.lists(
    st.sampled_from(
        [
            *"abc:-[]{}'\"#&*!|>%@` \t\n0123456789.?,~<=",
            "\n  ",
            "\n- ",
            ": ",
            "yes",
            "null",
            "0x1F",
            "1e5",
            "2001-12-14",
            "!!str ",
            "!!int ",
            "key: value\n",
            "- item\n",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(yaml_pieces)
def test_the_fast_event_reader_agrees_with_the_full_loader(text: str) -> None:
    from prepcoach.content.yamlsource import _fast_parse

    try:
        data, problems = _fast_parse(text)
    except Exception:  # parse_yaml then uses the full loader
        return
    full_data, full_problems = _full_loader(text)
    assert data == full_data
    assert problems == full_problems
    assert _marks(data) == _marks(full_data)


def test_every_bundled_file_reads_the_same_through_both_readers() -> None:
    from prepcoach.content.yamlsource import _fast_parse

    for path in sorted(paths.builtin_content_dir().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data, problems = _fast_parse(text)
        full_data, full_problems = _full_loader(text)
        assert (data, problems) == (full_data, full_problems), path
        assert _marks(data) == _marks(full_data), path


def test_validate_summarises_every_kind_with_proper_plurals() -> None:
    from tests.helpers import invoke

    result = invoke("content", "validate")
    assert result.exit_code == 0
    import re

    assert re.search(r"\b\d\d+ questions to ask\b", result.output), result.output
    assert "1 post-mortem template" in result.output


LOOK_FOR_PACK = (
    'pack: cues\ntitle: T\nversion: "1"\ndescription: D\nquestions:\n'
    "  - id: q\n    text: Q?\n    category: behavioral\n    assesses: x\n    look_fors:\n"
    "      - a plain look-for\n"
    "      - label: a measured starting point\n"
    "        cues: [baseline, measured before]\n"
)


def test_a_look_for_is_a_label_or_a_label_with_cues(tmp_path: Path) -> None:
    pack = tmp_path / "cues.yaml"
    pack.write_text(LOOK_FOR_PACK, encoding="utf-8")
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # parsed, then from the cache
        library = load_library([ContentFile(pack, False)], cache_dir=cache)
        question = library.questions["q"]
        assert question.look_for_labels == ("a plain look-for", "a measured starting point")
        assert question.look_fors[1].cues == ("baseline", "measured before")
        assert question.look_fors[0].cues == ()
        assert question.focus == ()


def test_a_question_can_say_what_an_answer_must_be_about(tmp_path: Path) -> None:
    pack = tmp_path / "focus.yaml"
    pack.write_text(LOOK_FOR_PACK + "    focus: [my manager, my boss]\n", encoding="utf-8")
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):
        library = load_library([ContentFile(pack, False)], cache_dir=cache)
        assert library.questions["q"].focus == ("my manager", "my boss")
    pack.write_text(LOOK_FOR_PACK + '    focus: [my manager, " "]\n', encoding="utf-8")
    _, problems = check_files([ContentFile(pack, False)])
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [
        "focus.yaml:14:25: question 'q': a focus phrase is empty"
    ]


@pytest.mark.parametrize(
    ("cue_lines", "expected"),
    [
        (
            "        cue: [baseline]\n",
            "cues.yaml:13:9: question 'q': unknown field 'cue' (did you mean 'cues'?)",
        ),
        ('        cues: ["  "]\n', "cues.yaml:13:16: question 'q': a cue is empty"),
    ],
)
def test_look_for_cues_are_checked(tmp_path: Path, cue_lines: str, expected: str) -> None:
    pack = tmp_path / "cues.yaml"
    pack.write_text(LOOK_FOR_PACK.rsplit("        cues", 1)[0] + cue_lines, encoding="utf-8")
    _, problems = check_files([ContentFile(pack, False)])
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [expected]
