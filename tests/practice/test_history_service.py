"""What `prep history` and `prep stats` read (`practice.history`), and how they look at 80
columns; practice records carry the common timestamp format, and old rows still read."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError
from prepcoach.kernel.paths import builtin_content_dir
from prepcoach.practice import history
from prepcoach.practice import store as ps
from prepcoach.store.db import Store
from tests.helpers import invoke

LONG_NAME = "Cross-functional programme governance and portfolio prioritisation across regions"
PACK = f"""pack: long-names
title: Long names
version: "1.0.0"
description: A competency with a long name, and a question that names no competency.
competencies:
  - id: programme-governance
    name: {LONG_NAME}
    description: Steering a programme that spans several teams and regions.
questions:
  - id: governance-story
    text: Tell me about a programme you governed across regions.
    category: behavioral
    competencies: [programme-governance, adaptability]
    stages: [second]
    assesses: Whether you can steer work that spans teams.
    tips: [Say what you decided and why.]
  - id: no-competency
    text: What did you have for breakfast before your last interview?
    category: motivation
    competencies: []
    stages: [first]
    assesses: Nothing in particular.
    tips: [Keep it short.]
"""
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def library() -> ContentLibrary:
    return load_library(content_files(builtin_content_dir(), None, []))


def _answer(store: Store, session_id: str, question_id: str, score: int) -> str:
    return ps.save_answer(
        store,
        session_id=session_id,
        question_id=question_id,
        question_text=f"The question {question_id}",
        style="free",
        parts={"text": f"An answer worth {score}."},
        seconds=30.0,
        score=score,
    )


def test_new_practice_records_use_the_common_timestamp_format(home: Path) -> None:
    with Store.open(home) as store:
        session_id = ps.start_session(store, mode="quick", planned=[], options={})
        _answer(store, session_id, "why-us", 50)
        ps.flag_weak(store, ["why-us"], source="test")
        ps.end_session(store, session_id)
        session = store.conn.execute("SELECT * FROM practice_sessions").fetchone()
        answer = store.conn.execute("SELECT created_at FROM practice_answers").fetchone()
        card = store.conn.execute("SELECT due, updated_at FROM review_cards").fetchone()
        flag = store.conn.execute("SELECT flagged_at FROM weak_flags").fetchone()
    stamps = [session["started_at"], session["ended_at"], answer[0], *card, flag[0]]
    assert all(STAMP.match(stamp) for stamp in stamps), stamps


def test_old_format_rows_read_sort_and_count_unchanged(
    home: Path, library: ContentLibrary, freeze_clock: object
) -> None:
    freeze = freeze_clock
    assert callable(freeze)
    freeze(datetime(2031, 3, 14, 12, 0, 30, tzinfo=UTC))
    with Store.open(home) as store:
        store.conn.execute(
            "INSERT INTO practice_sessions (id, started_at, ended_at, mode, status)"
            " VALUES ('ps-e481b2fd7a', '2031-03-14T12:00:00+00:00',"
            " '2031-03-14T12:00:20+00:00', 'quick', 'finished')"
        )
        store.conn.execute(
            "INSERT INTO practice_answers (id, session_id, question_id, question_text, style,"
            " parts, seconds, part_seconds, score, feedback, created_at) VALUES ('pa-0ld',"
            " 'ps-e481b2fd7a', 'why-us', 'Why us?', 'free', '{\"text\": \"Old words.\"}', 20,"
            " '{}', 40, '{}', '2031-03-14T12:00:10+00:00')"
        )
        store.conn.execute(  # due in the same second as now, written the old way: due now
            "INSERT INTO review_cards (question_id, card, due, updated_at) VALUES"
            " ('why-us', '{}', '2031-03-14T12:00:30+00:00', '2031-03-14T12:00:10+00:00')"
        )
        store.conn.commit()
        new_session = ps.start_session(store, mode="quick", planned=[], options={})
        _answer(store, new_session, "why-us", 60)

        listed = history.sessions(store)
        assert [s.id for s in listed] == [new_session, "ps-e481b2fd7a"]
        detail = history.session_detail(store, library, "e481")
        assert [a.id for a in detail.answers] == ["pa-0ld"]
        found = history.question_history(store, library, "why-us")
        assert [a.score for a in found.attempts] == [40, 60]
        assert found.diff == ["- Old words.", "+ An answer worth 60."]
        assert clock.parse_iso(found.attempts[0].created_at) < clock.parse_iso(
            found.attempts[1].created_at
        )
        progress = history.progress(store, library)
    assert progress.answers == 2 and progress.due_now == 1
    assert progress.trend[0].answers == 2  # one day, whichever format its answers carry
    result = invoke("history", "e481")
    assert result.exit_code == 0 and "2031-03-14 12:00 UTC" in result.output


def test_the_service_says_what_is_missing(home: Path, library: ContentLibrary) -> None:
    with Store.open(home) as store:
        with pytest.raises(NotFoundError, match="no session 'zzzz'"):
            history.session_detail(store, library, "zzzz")
        with pytest.raises(NotFoundError, match="no attempts at 'why-us' yet"):
            history.question_history(store, library, "why-us")
        with pytest.raises(NotFoundError, match="why-us"):  # did you mean
            history.question_history(store, library, "why-uss")
        assert history.progress(store, library).answers == 0


def test_timed_parts_come_with_their_laps(home: Path, library: ContentLibrary) -> None:
    with Store.open(home) as store:
        session_id = ps.start_session(store, mode="quick", planned=[], options={})
        timed = ps.save_answer(
            store,
            session_id=session_id,
            question_id="adapt-to-change",
            question_text="Adapt",
            style="star",
            parts={"situation": "s", "task": "t", "action": "a", "result": "r"},
            seconds=100.0,
            part_seconds={"situation": 40.0, "task": 10.0, "action": 30.0, "result": 20.0},
        )
        untimed = _answer(store, session_id, "why-us", 50)
        detail = history.session_detail(store, library, session_id)
    assert [lap.seconds for lap in detail.laps[timed]] == [40.0, 10.0, 30.0, 20.0]
    assert untimed not in detail.laps


def _practise(tmp_path: Path, *entries: dict[str, object]) -> None:
    import yaml

    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"answers": list(entries)}), encoding="utf-8")
    result = invoke("practice", "--answers", str(answers))
    assert result.exit_code == 0, result.output


def test_stats_and_history_keep_every_mark_at_80_columns(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "long.yaml").write_text(PACK, encoding="utf-8")
    monkeypatch.setenv("PREP_CONTENT", str(tmp_path / "long.yaml"))
    text = "I steered a programme across three regions and we shipped on time, 12% under budget."
    _practise(tmp_path, {"question": "governance-story", "style": "free", "text": text})
    _practise(tmp_path, {"question": "why-us", "style": "free", "text": text, "rating": "good"})
    with Store.open(home) as store:  # an old session, id and stamps, beside the new ones
        store.conn.execute(
            "INSERT INTO practice_sessions (id, started_at, mode, status, planned) VALUES"
            " ('ps-e481b2fd7a', '2031-03-14T12:00:00+00:00', 'review', 'interrupted', '[]')"
        )
        store.conn.commit()
    monkeypatch.setenv("COLUMNS", "80")
    data = json.loads(invoke("stats", "--json").output)
    stats = invoke("stats")
    assert stats.exit_code == 0, stats.output
    lines = stats.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    names = " ".join(re.sub(r"\s+\d+\s+\d+\s+█*\s*$", "", line).strip() for line in lines)
    assert LONG_NAME in names  # wrapped, not cut
    for group in data["by_competency"] + data["by_category"]:
        bar = "█" * round((group["average_score"] or 0) / 10)
        score = f"{group['average_score']:.0f}"
        assert any(
            re.search(rf"\b{group['answers']}\s+{score}\s+{bar}(\s|$)", line) for line in lines
        ), group
    listed = invoke("history")
    lines = listed.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    for session in json.loads(invoke("history", "--json").output):
        row = next(line for line in lines if line.startswith(session["id"]))
        for mark in (session["mode"], session["status"], f"{session['answered']}/"):
            assert mark in row, (mark, row)


def test_stats_says_so_when_no_practised_question_names_a_competency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "long.yaml").write_text(PACK, encoding="utf-8")
    monkeypatch.setenv("PREP_CONTENT", str(tmp_path / "long.yaml"))
    _practise(tmp_path, {"question": "no-competency", "style": "free", "text": "Porridge."})
    result = invoke("stats")
    assert result.exit_code == 0, result.output
    assert "By competency: none of the questions you practised names a competency." in (
        result.output
    )
    assert "By competency (weakest first)" not in result.output
    assert "By category" in result.output
