"""Export, import and redaction: nothing lost, nothing half-imported, nothing leaked."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import invoke
from prepcoach.interviews.store import get_interview
from prepcoach.kernel.errors import PrepError, StoreError
from prepcoach.store import migrations, transfer
from prepcoach.store.db import Store
from prepcoach.stories.store import get_story
from sample_data import COMPANIES, EMAILS, ME, PEOPLE, RTL, populate


@pytest.fixture
def full_home(home: Path) -> Path:
    with Store.open(home) as store:
        populate(store)
    return home


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_export_import_export_is_identical(full_home: Path, tmp_path: Path, fmt: str) -> None:
    first = invoke("export", "--format", fmt)
    assert first.exit_code == 0, first.output
    path = tmp_path / f"export.{fmt}"
    path.write_text(first.stdout, encoding="utf-8")
    restored = tmp_path / "restored"
    result = invoke("--home", str(restored), "import", str(path))
    assert result.exit_code == 0, result.output
    assert "added" in result.stdout
    again = invoke("--home", str(restored), "export", "--format", fmt)
    assert again.stdout == first.stdout
    data = transfer.load(first.stdout, "export")
    tables = data["tables"]
    assert {"profile", "interviews", "interviewers", "stories", "practice_sessions"} <= set(tables)
    assert len(tables["practice_answers"]) == 3 and len(tables["interviewers"]) == 3
    story = next(s for s in tables["stories"] if s["title"] == "Release date dispute")
    assert RTL in story["parts"]["result"]  # JSON columns are readable data in the export


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_practice_answer_is_exported_as_data_not_as_quoted_json(home: Path, fmt: str) -> None:
    from prepcoach.practice import store as practice_store

    with Store.open(home) as store:
        session = practice_store.start_session(
            store, mode="quick", planned=[{"id": "q"}], options={"count": 1}
        )
        practice_store.save_answer(
            store,
            session_id=session,
            question_id="q",
            question_text="Tell me about a time.",
            style="free",
            parts={"text": "I measured the baseline."},
            seconds=None,
            score=70,
            feedback={"score": 70, "findings": []},
        )
    result = invoke("export", "--format", fmt)
    assert result.exit_code == 0, result.output
    tables = transfer.load(result.stdout, "export")["tables"]
    answer = tables["practice_answers"][0]
    assert answer["parts"] == {"text": "I measured the baseline."}
    assert answer["feedback"] == {"score": 70, "findings": []}
    assert tables["practice_sessions"][0]["planned"] == [{"id": "q"}]


def test_exporting_twice_gives_the_same_bytes_and_writes_files_atomically(
    full_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.yaml"
    assert invoke("export", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# prepcoach export")  # yaml from suffix
    refused = invoke("export", "-o", str(out))
    assert refused.exit_code == 1 and "already exists" in refused.stderr
    assert invoke("export", "-o", str(out), "--force").exit_code == 0
    assert invoke("export").stdout == invoke("export").stdout


def test_import_refuses_a_home_with_data_and_changes_nothing(
    full_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text(invoke("export").stdout, encoding="utf-8")
    before = invoke("export").stdout
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert "already has data" in result.stderr and "--merge" in result.stderr
    assert invoke("export").stdout == before


def test_merge_by_id_adds_new_rows_updates_older_ones_and_keeps_newer_local_edits(
    tmp_path: Path,
) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    with Store.open(laptop) as store:
        ids = populate(store)
    exported = transfer.export_data(Store.open(laptop))
    with Store.open(desktop) as store:
        transfer.import_data(store, exported)
        # the desktop edits one story later than the laptop's copy...
        with store.transaction() as conn:
            conn.execute(
                "UPDATE stories SET title = 'Desktop title', "
                "updated_at = '2999-01-01T00:00:00.000Z' WHERE id = ?",
                (ids["story"],),
            )
    # ...while the laptop renames an interview and adds a story.
    data = json.loads(json.dumps(exported))
    interview = next(r for r in data["tables"]["interviews"] if r["id"] == ids["interview"])
    interview["role"], interview["updated_at"] = "Principal PM", "2998-01-01T00:00:00.000Z"
    story = dict(data["tables"]["stories"][0], id="st-zzzzzz", title="Only on the laptop")
    data["tables"]["stories"].append(story)
    with Store.open(desktop) as store:
        report = transfer.import_data(store, data, merge=True)
        assert report.added == {"stories": 1}
        assert report.updated == {"interviews": 1}
        assert report.kept == {"stories": 1}
        assert report.total("unchanged") > 10
        assert get_interview(store, ids["interview"]).role == "Principal PM"
        assert get_story(store, ids["story"]).title == "Desktop title"
        assert get_story(store, "st-zzzzzz").title == "Only on the laptop"


def test_a_file_with_a_broken_reference_imports_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a") as store:
        populate(store)
        data = transfer.export_data(store)
    data["tables"]["interviews"] = [
        r for r in data["tables"]["interviews"] if r["company"] != COMPANIES[0]
    ]
    with Store.open(tmp_path / "b") as store:
        with pytest.raises(StoreError, match="refers to a interviews row that is missing"):
            transfer.import_data(store, data)
        assert all(n == 0 for n in transfer.row_counts(store).values())


def test_a_row_breaking_a_rule_imports_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a") as store:
        populate(store)
        data = transfer.export_data(store)
    data["tables"]["interviews"][0]["status"] = "ghosted"
    with Store.open(tmp_path / "b") as store:
        with pytest.raises(PrepError, match="CHECK constraint failed.*nothing was imported"):
            transfer.import_data(store, data)
        assert all(n == 0 for n in transfer.row_counts(store).values())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"bad\.json:1:2: Expecting property name"),
        ("just: yaml\n", "is not a prepcoach export"),
        ("tables: [\n", r"bad\.json:2:1:"),
        ('{"format": "prepcoach-export", "version": 99, "schema": 1, "tables": {}}', "upgrade"),
        (
            '{"format": "prepcoach-export", "version": 1, "schema": 999, "tables": {}}',
            "newer prepcoach .schema 999",
        ),
        (
            '{"format": "prepcoach-export", "version": 1, "schema": 1, "tables": {"x": [{}]}}',
            "table 'x' that this prepcoach does not know",
        ),
        (
            '{"format": "prepcoach-export", "version": 1, "schema": 1, '
            '"tables": {"stories": [{"id": "st-1", "colour": "red"}]}}',
            "unknown column.*colour",
        ),
    ],
)
def test_bad_import_files_get_clear_messages(
    home: Path, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert re.search(message, result.stderr), result.stderr
    assert "Traceback" not in result.output


def test_import_of_a_missing_file(home: Path) -> None:
    result = invoke("import", "nowhere.json")
    assert result.exit_code == 1 and "file not found: nowhere.json" in result.stderr


def _all_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_redaction_leaves_no_original_name_email_company_or_number(full_home: Path) -> None:
    result = invoke("export", "--redact", "--format", "yaml")
    assert result.exit_code == 0
    text = result.stdout
    lowered = text.casefold()
    for secret in (*PEOPLE, *COMPANIES, *EMAILS, ME, "Mindy", "Hank", "Scorpio", "Globex"):
        assert secret.casefold() not in lowered, secret
        for token in re.findall(r"\w{3,}", secret):
            if token.casefold() not in {"corporation", "example"}:
                assert not re.search(rf"(?<!\w){re.escape(token)}(?!\w)", text, re.I), token
    # both phone numbers start with 555; ids and timestamps are random and may hold it
    scrubbed = re.sub(
        r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)|\b[a-z]{2}-[0-9a-z]{6,}\b", "", text
    )
    assert "555" not in scrubbed and "4.5M" not in text and "37 open bugs" not in text
    assert "janeqdoolittle" not in lowered and "jobs.globex" not in lowered
    data = transfer.load(text, "redacted")
    assert data["redacted"] is True
    people = {r["title"]: r for r in data["tables"]["interviewers"]}
    assert sorted(r["name"] for r in people.values()) == ["Person A", "Person B", "Person C"]
    mindy = people["Engineering manager"]
    assert mindy["email"] == f"{mindy['name'].lower().replace(' ', '-')}@example.com"
    story = next(s for s in data["tables"]["stories"] if s["template_id"] == "conflict")
    assert story["parts"]["action"].startswith(f"I showed ## open bugs to {mindy['name']} and")
    assert RTL in story["parts"]["result"]  # text without names or digits is kept
    # ids, timestamps and numbers in number columns keep the shape of the data
    original = transfer.load(invoke("export").stdout, "plain")
    assert [r["id"] for r in data["tables"]["stories"]] == [
        r["id"] for r in original["tables"]["stories"]
    ]
    assert data["tables"]["practice_answers"][0]["seconds"] == 93.5
    assert data["tables"]["practice_answers"][0]["created_at"] == "2025-01-02T10:00:00Z"


def test_a_redacted_export_imports_into_an_empty_home_but_never_merges(
    full_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "shared.json"
    path.write_text(invoke("export", "--redact").stdout, encoding="utf-8")
    fresh = invoke("--home", str(tmp_path / "fresh"), "import", str(path))
    assert fresh.exit_code == 0, fresh.output
    merged = invoke("import", str(path), "--merge")
    assert merged.exit_code == 1 and "redacted export" in merged.stderr


def test_tables_from_later_migrations_travel_without_code_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = migrations.Migration(
        migrations.LATEST + 1,
        "notes on stories",
        "CREATE TABLE story_notes (id TEXT PRIMARY KEY, "
        "story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE, body TEXT NOT NULL);",
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, later))
    monkeypatch.setattr(migrations, "LATEST", later.version)
    with Store.open(tmp_path / "a") as store:
        ids = populate(store)
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO story_notes VALUES ('sn-1', ?, 'Ask Hank Scorpio about it')",
                (ids["story"],),
            )
        data = transfer.export_data(store)
    names = list(data["tables"])
    assert names.index("story_notes") > names.index("stories")
    assert data["tables"]["story_notes"] == [
        {"id": "sn-1", "story_id": ids["story"], "body": "Ask Hank Scorpio about it"}
    ]
    with Store.open(tmp_path / "b") as store:
        transfer.import_data(store, data)
        assert transfer.export_data(store) == data
    redacted = transfer.redact_data(data)
    hank = next(r["name"] for r in redacted["tables"]["interviewers"] if r["title"] == "VP Product")
    assert redacted["tables"]["story_notes"][0]["body"] == f"Ask {hank} about it"


def test_every_user_table_has_a_primary_key_to_merge_by(home: Path) -> None:
    with Store.open(home) as store:
        tables = transfer.user_tables(store.conn)
    assert tables and all(t.primary_key for t in tables), [
        t.name for t in tables if not t.primary_key
    ]
    assert "schema_migrations" not in [t.name for t in tables]


cell = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.text(alphabet=st.sampled_from(list("ab \n\t\r#:-|>'\"{}[]"))),
)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.dictionaries(st.sampled_from(["id", "a", "b", "c"]), cell), max_size=4))
def test_both_formats_carry_any_value_exactly(rows: list[dict[str, Any]]) -> None:
    data = {
        "format": transfer.FORMAT,
        "version": transfer.FORMAT_VERSION,
        "schema": 1,
        "prepcoach": "test",
        "redacted": False,
        "tables": {"things": rows},
    }
    for fmt in transfer.FORMATS:
        assert transfer.load(transfer.dump(data, fmt), fmt) == data, fmt


def test_json_columns_are_data_beside_empty_columns_and_spaced_json_stays_text(
    home: Path,
) -> None:
    with Store.open(home) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_sessions (id, started_at, ended_at, mode, status, options,"
            " planned) VALUES ('ps-1', '2026-01-01T09:00:00+00:00', NULL, 'quick', 'finished',"
            " ?, ?)",
            ('{"count":5,"note":"a, b: c"}', '[{"question_id": "q-1"}]'),
        )
    with Store.open(home) as store:
        (row,) = transfer.export_data(store)["tables"]["practice_sessions"]
    assert row["ended_at"] is None
    assert row["options"] == {"count": 5, "note": "a, b: c"}  # canonical: shown as data
    assert row["planned"] == '[{"question_id": "q-1"}]'  # not canonical: kept as its text


def test_the_refusal_counts_each_kind_of_record_as_english_says_it(
    home: Path, tmp_path: Path
) -> None:
    assert invoke("interview", "add", "--company", "Acme", "--when", "fri 10:00").exit_code == 0
    path = tmp_path / "export.json"
    path.write_text(invoke("export").stdout, encoding="utf-8")
    result = invoke("import", str(path))
    assert result.exit_code == 1
    assert "1 interviews" not in result.stderr
    assert "(interviews: 1)" in result.stderr, result.stderr
