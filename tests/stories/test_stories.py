"""The STAR story bank: the core rules and every `prep story` subcommand."""

from __future__ import annotations

import json
import shlex
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import invoke
from prepcoach.content.model import StarPart, StarTemplate
from prepcoach.store.db import Store
from prepcoach.stories.core import (
    StarStory,
    coverage,
    from_yaml,
    match_stories,
    template_for,
    to_yaml,
)
from sample_data import EMOJI, RTL

PARTS = {
    "situation": "Our biggest client threatened to leave after three late deliveries.",
    "task": "I owned the account and had to win back their trust within a month.",
    "action": "I met their operations lead and set up a weekly delivery review.",
    "result": "We delivered on time for twelve weeks and they renewed.",
}


def story(sid: str, *competencies: str, title: str = "", **parts: str) -> StarStory:
    return StarStory(
        id=sid, title=title or sid, competencies=competencies, parts={**PARTS, **parts}
    )


def template(tid: str, *competencies: str) -> StarTemplate:
    part = StarPart("situation", "Situation", "?", "hint", 1.0)
    return StarTemplate(tid, tid.title(), "", (part,), competencies)


# ---------------------------------------------------------------------------- core


def test_the_template_is_the_one_sharing_most_competencies() -> None:
    templates = {
        "generic": template("generic", "teamwork", "communication", "ownership"),
        "conflict": template("conflict", "conflict", "communication", "teamwork"),
        "failure": template("failure", "learning-from-failure", "ownership"),
        "influencing": template("influencing", "communication", "leadership"),
    }

    def pick(*tags: str) -> str | None:
        found = template_for(templates, tags)
        return found.id if found else None

    assert pick("teamwork") == "generic"
    assert pick("communication", "conflict") == "conflict"  # 2 shared + its main one
    assert pick("communication") == "influencing"
    assert pick("learning-from-failure", "conflict") == "failure"  # a tie: the story's first
    assert pick("conflict", "learning-from-failure") == "conflict"
    assert pick("innovation") == "generic"
    assert template_for({}, ["conflict"]) is None


def test_readiness_needs_three_stories_with_a_competency_each() -> None:
    known = ["conflict", "leadership", "teamwork", "ownership"]
    same = [story("a", "conflict"), story("b", "conflict"), story("c", "conflict")]
    report = coverage(same, known)
    assert not report.ready and len(report.distinct) == 1
    assert report.uncovered == ("leadership", "teamwork", "ownership")
    # overlapping tags still work when each story can be given its own competency
    mixed = [
        story("a", "conflict", "teamwork"),
        story("b", "conflict"),
        story("c", "teamwork", "leadership"),
    ]
    report = coverage(mixed, known)
    assert report.ready
    assert sorted(report.distinct) == ["a", "b", "c"]
    assert len(set(report.distinct.values())) == 3
    assert report.by_competency["conflict"] == ("a", "b")


def test_a_story_carrying_most_of_the_practice_is_overused() -> None:
    bank = [story("a", "conflict"), story("b", "teamwork"), story("c", "ownership")]
    assert coverage(bank, ["conflict"], {"a": 2, "b": 0}).overused == ()
    assert coverage(bank, ["conflict"], {"a": 6, "b": 2, "c": 1}).overused == ("a",)
    assert coverage(bank, ["conflict"], {"a": 3, "b": 3, "c": 3}).overused == ()
    unknown = coverage([story("a", "made-up")], ["conflict"])
    assert unknown.competencies == ("conflict", "made-up")


def test_matching_ranks_by_competency_and_wording() -> None:
    bank = [
        story(
            "dispute",
            "conflict",
            title="Release date dispute",
            situation="My manager wanted to ship early; I disagreed because QA found bugs.",
        ),
        story("failure", "learning-from-failure", title="Migration failure"),
        story("lead", "leadership", title="Leading the reorg"),
    ]
    ranked = match_stories(bank, "Tell me about a time you disagreed with your manager.")
    assert ranked[0].story.id == "dispute" and ranked[0].text_score > ranked[1].text_score
    ranked = match_stories(bank, "Describe a failure.", ["learning-from-failure"])
    assert ranked[0].story.id == "failure" and ranked[0].shared == ("learning-from-failure",)
    tie = match_stories(
        [story("x", "conflict"), story("y", "conflict")],
        "unrelated words",
        ["conflict"],
        uses={"x": 5},
    )
    assert [m.story.id for m in tie] == ["y", "x"]  # the less used story first


def test_yaml_form_round_trips_and_reports_lines() -> None:
    original = StarStory(
        title=f"Launch {EMOJI}",
        competencies=("conflict",),
        template_id="conflict",
        parts={**PARTS, "result": f"Line one\nline two {RTL}"},
        employer="Initech",
    )
    parsed, errors = from_yaml(to_yaml(original))
    assert errors == [] and parsed == original
    _, errors = from_yaml("title: x\nsituaton: typo\ncompetencies: 3\n")
    assert errors == [
        "line 2: unknown field 'situaton' (did you mean 'situation'?)",
        "line 3: competencies must be a list of ids, e.g. [conflict]",
    ]
    _, errors = from_yaml("title: [\n")
    assert errors and errors[0].startswith("line 2:1:")
    _, errors = from_yaml("- not a mapping\n")
    assert errors == ["line 1: expected a mapping with 'title', 'situation'... (got list)"]


# ---------------------------------------------------------------------------- CLI


def add(*args: str) -> str:
    result = invoke("story", "add", *args)
    assert result.exit_code == 0, result.output
    return result.stdout.split("Saved story ")[1].split()[0]


def full(*extra: str, **parts: str) -> list[str]:
    args = []
    for key, value in {**PARTS, **parts}.items():
        args += [f"--{key}", value]
    return [*args, *extra]


def test_add_with_options_picks_the_template_from_the_competency() -> None:
    sid = add("--title", "Client rescue", "-c", "conflict", "-c", "communication", *full())
    assert sid.startswith("st-")
    data = json.loads(invoke("story", "show", sid, "--json").stdout)
    assert data["template_id"] == "conflict"
    assert data["competencies"] == ["conflict", "communication"]
    assert data["parts"] == PARTS and data["uses"] == 0
    shown = invoke("story", "show", "client resc").stdout  # by title, loosely
    assert "Client rescue" in shown and "Conflict resolution, Communication" in shown
    assert PARTS["action"] in shown


def test_add_from_a_yaml_file_single_or_many(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        yaml.safe_dump({"title": "From file", "competencies": "leadership, teamwork", **PARTS}),
        encoding="utf-8",
    )
    sid = add("--from", str(one))
    assert json.loads(invoke("story", "show", sid, "--json").stdout)["template_id"] == "leadership"
    many = tmp_path / "many.yaml"
    many.write_text(
        yaml.safe_dump(
            {
                "stories": [
                    {"title": "A", "competencies": ["ownership"], **PARTS},
                    {"title": "B", "competencies": ["innovation"], "template": "generic", **PARTS},
                ]
            }
        ),
        encoding="utf-8",
    )
    assert invoke("story", "add", "--from", str(many)).exit_code == 0
    titles = [s["title"] for s in json.loads(invoke("story", "list", "--json").stdout)]
    assert titles == ["From file", "A", "B"]
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        yaml.safe_dump([{"title": "C", "competencies": ["ownrship"], **PARTS}, {"title": "D"}]),
        encoding="utf-8",
    )
    result = invoke("story", "add", "--from", str(broken))
    assert result.exit_code == 1
    assert "nothing was added" in result.stderr
    assert "story 1: unknown competency 'ownrship' (did you mean 'ownership'?)" in result.stderr
    assert "story 2:" in result.stderr
    assert len(json.loads(invoke("story", "list", "--json").stdout)) == 3


def test_add_asks_for_each_missing_part_with_the_template(tmp_path: Path) -> None:
    iv = json.loads(invoke("interview", "add", "--company", "Globex", "--json").stdout)["id"]
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "story.title": f"Rescue {EMOJI}",
                "story.competencies[]": ["conflict", "Communication"],
                "story.template": "conflict",
                "story.situation": RTL,
                "story.task": PARTS["task"],
                "story.action": PARTS["action"],
                "story.result": PARTS["result"],
                "story.reflection": "",
                "story.interview": iv,
                "story.employer": "Initech",
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    sid = add("--answers", str(answers))
    data = json.loads(invoke("story", "show", sid, "--json").stdout)
    assert data["title"] == f"Rescue {EMOJI}" and data["parts"]["situation"] == RTL
    assert data["competencies"] == ["conflict", "communication"]
    assert data["interview_id"] == iv and data["employer"] == "Initech"
    assert "reflection" not in data["parts"]
    shown = invoke("story", "show", sid).stdout
    assert RTL in shown and EMOJI in shown


def test_missing_parts_without_a_terminal_are_listed() -> None:
    result = invoke("story", "add", "--title", "Half", "-c", "conflict", "--situation", "s")
    assert result.exit_code == 1
    assert "the story needs --task, --action, --result" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--title", " ", "-c", "conflict", *full()], "the title cannot be empty"),
        (["--title", "X", "-c", "confict", *full()], "did you mean 'conflict'"),
        (
            ["--title", "X", "-c", "conflict", "--template", "nope", *full()],
            "unknown STAR template",
        ),
        (["--title", "X", "-c", "conflict", *full("--situation", "y" * 102_400)], "102,400 char"),
        (["--title", "X", "-c", "conflict", *full("--interview", "nowhere")], "no interviews yet"),
        (["--title", "X\x1b[31m", "-c", "conflict", *full()], "control character (U+001B)"),
    ],
)
def test_bad_story_input_gets_a_clear_message(args: list[str], message: str) -> None:
    result = invoke("story", "add", *args)
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert json.loads(invoke("story", "list", "--json").stdout) == []


def test_list_filters_and_rm() -> None:
    a = add("--title", "Dispute", "-c", "conflict", *full())
    b = add("--title", "Reorg", "-c", "leadership", *full(action="I led six people."))
    assert [
        s["id"] for s in json.loads(invoke("story", "list", "-c", "leadership", "--json").stdout)
    ] == [b]
    assert [
        s["id"] for s in json.loads(invoke("story", "list", "-s", "dispute", "--json").stdout)
    ] == [a]
    listed = invoke("story", "list").stdout
    assert a in listed and "Reorg" in listed
    assert "did you mean 'leadership'" in invoke("story", "list", "-c", "leadrship").stderr
    unknown = invoke("story", "show", "st-zz")
    assert unknown.exit_code == 1 and "no story with id 'st-zz'" in unknown.stderr
    typo = a[:-1] + ("2" if a[-1] != "2" else "3")
    mistyped = invoke("story", "show", typo)
    # the story meant comes first (another random id may be close enough to be offered too)
    assert f"(did you mean {a}, 'Dispute'" in mistyped.stderr
    by_title = invoke("story", "show", "dispoot")
    assert by_title.exit_code == 1 and f"did you mean {a}, 'Dispute'" in by_title.stderr
    assert invoke("story", "rm", a).exit_code == 1  # no terminal to confirm
    assert invoke("story", "rm", "reorg", "--yes").exit_code == 1  # title needs no --yes
    assert invoke("story", "rm", a, "--yes").exit_code == 0
    assert [s["id"] for s in json.loads(invoke("story", "list", "--json").stdout)] == [b]


def _practice(home: Path, story_ids: list[str]) -> None:
    with Store.open(home) as store, store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_sessions (id, started_at, mode) VALUES ('ps-1', 'x', 'quick')"
        )
        for number, sid in enumerate(story_ids):
            conn.execute(
                "INSERT INTO practice_answers (id, session_id, question_id, question_text, "
                "style, story_id, created_at) VALUES (?, 'ps-1', 'q', 'Q?', 'star', ?, 'x')",
                (f"pa-{number}", sid),
            )


def test_coverage_shows_the_matrix_readiness_and_overuse(home: Path) -> None:
    empty = invoke("story", "coverage")
    assert "No stories yet" in empty.stdout
    a = add("--title", "Dispute", "-c", "conflict", *full())
    b = add("--title", "Second dispute", "-c", "conflict", *full())
    report = invoke("story", "coverage").stdout
    assert "Not ready yet" in report and "you have 1" in report
    assert "No story yet for:" in report and "Leadership" in report
    c = add("--title", "Reorg", "-c", "leadership", "-c", "conflict", *full())
    d = add("--title", "Launch", "-c", "delivering-results", *full())
    _practice(home, [a, a, a, a, a, b, c])
    report = invoke("story", "coverage").stdout
    assert "Ready" in report and "Not ready" not in report
    assert f"Overused: {a} 'Dispute' carries 5 of 7 practice answers" in report
    data = json.loads(invoke("story", "coverage", "--json").stdout)
    assert data["ready"] is True and data["overused"] == [a]
    assert data["matrix"]["conflict"] == [a, b, c] and data["matrix"]["leadership"] == [c]
    assert "teamwork" in data["uncovered"]
    assert {s["id"]: s["uses"] for s in data["stories"]} == {a: 5, b: 1, c: 1, d: 0}
    removed = invoke("story", "rm", a, "--yes")
    assert "(5 practice answers stay, unlinked)" in removed.stdout
    assert json.loads(invoke("story", "coverage", "--json").stdout)["overused"] == []


def test_match_by_question_id_or_text() -> None:
    conflict = add(
        "--title",
        "Release date dispute",
        "-c",
        "conflict",
        *full(situation="My manager wanted to ship early and I disagreed."),
    )
    add("--title", "Migration failure", "-c", "learning-from-failure", *full())
    library_question = json.loads(invoke("questions", "--competency", "conflict", "--json").stdout)[
        0
    ]
    by_id = json.loads(invoke("story", "match", library_question["id"], "--json").stdout)
    assert by_id["question_id"] == library_question["id"]
    assert by_id["matches"][0]["id"] == conflict and "conflict" in by_id["matches"][0]["shared"]
    by_text = json.loads(
        invoke("story", "match", "When did you disagree with your manager?", "--json").stdout
    )
    assert by_text["matches"][0]["id"] == conflict
    shown = invoke("story", "match", "When did you disagree with your manager?").stdout
    assert "Release date dispute" in shown
    unknown = invoke("story", "match", "tell-me-about-yourseld")
    assert unknown.exit_code == 1 and "did you mean 'tell-me-about-yourself'" in unknown.stderr


# ---------------------------------------------------------------------------- $EDITOR

EDITOR = textwrap.dedent(
    """
    import json, pathlib, sys
    plan = pathlib.Path(sys.argv[1])
    target = pathlib.Path(sys.argv[2])
    steps = json.loads(plan.read_text())
    step = steps.pop(0)
    plan.write_text(json.dumps(steps))
    seen = plan.with_name(f"seen-{len(list(plan.parent.glob('seen-*')))}.yaml")
    text = target.read_text(encoding="utf-8")
    seen.write_text(text, encoding="utf-8")
    if "replace" in step:
        old, new = step["replace"]
        assert old in text, (old, text)
        text = text.replace(old, new)
    if "write" in step:
        text = step["write"]
    target.write_text(text, encoding="utf-8")
    sys.exit(step.get("exit", 0))
    """
)


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Script the editor: each call applies the next step and keeps what it was shown."""
    folder = tmp_path / "editor"
    folder.mkdir()
    script = folder / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    plan = folder / "plan.json"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv(
        "EDITOR",
        f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {shlex.quote(str(plan))}",
    )

    class Editor:
        def plan(self, *steps: dict[str, Any]) -> None:
            plan.write_text(json.dumps(list(steps)), encoding="utf-8")

        def seen(self) -> list[str]:
            files = sorted(folder.glob("seen-*.yaml"), key=lambda p: int(p.stem.split("-")[1]))
            return [p.read_text(encoding="utf-8") for p in files]

        def remaining(self) -> int:
            return len(json.loads(plan.read_text(encoding="utf-8")))

    return Editor()


def test_edit_saves_a_valid_change(editor: Any) -> None:
    sid = add("--title", "Dispute", "-c", "conflict", *full())
    editor.plan({"replace": ["title: Dispute", f"title: Dispute {EMOJI} {RTL}"]})
    result = invoke("story", "edit", sid)
    assert result.exit_code == 0, result.output
    assert "Saved story" in result.stdout
    assert "# Edit the story" in editor.seen()[0] and "competencies:" in editor.seen()[0]
    data = json.loads(invoke("story", "show", sid, "--json").stdout)
    assert data["title"] == f"Dispute {EMOJI} {RTL}" and data["parts"] == PARTS


def test_edit_reopens_with_the_problems_until_fixed(editor: Any) -> None:
    sid = add("--title", "Dispute", "-c", "conflict", *full())
    editor.plan(
        {"replace": ["- conflict", "- confict"]},
        {"replace": ["- confict", "- conflict\n- leadership"]},
    )
    result = invoke("story", "edit", sid)
    assert result.exit_code == 0, result.output
    first, second = editor.seen()
    assert not first.startswith("#!")
    assert second.startswith("#! The story was not saved:")
    assert "#!   - unknown competency 'confict' (did you mean 'conflict'?)" in second
    assert "- confict" in second  # the user's own text, not the original
    data = json.loads(invoke("story", "show", sid, "--json").stdout)
    assert data["competencies"] == ["conflict", "leadership"]
    assert "reopening the editor" in result.stderr


def test_yaml_errors_name_the_line_in_the_reopened_file(editor: Any) -> None:
    sid = add("--title", "Dispute", "-c", "conflict", *full())
    editor.plan({"replace": ["title: Dispute", "title: [unclosed"]}, {})
    result = invoke("story", "edit", sid)
    assert result.exit_code == 1
    _, reopened = editor.seen()
    error_line = next(line for line in reopened.splitlines() if "#!   - line " in line)
    number = int(error_line.split("line ")[1].split(":")[0])
    assert "title: [unclosed" in "\n".join(reopened.splitlines()[number - 2 : number + 1])


def test_giving_up_keeps_the_text_for_the_next_edit(editor: Any, home: Path) -> None:
    sid = add("--title", "Dispute", "-c", "conflict", *full())
    typed = "A long reflection I do not want to type again."
    editor.plan({"replace": ["reflection: ''", f"reflection: {typed}\nmood: great"]}, {})
    result = invoke("story", "edit", sid)
    assert result.exit_code == 1
    assert "not saved" in result.stderr and "kept in" in result.stderr
    draft = home / "drafts" / f"story-{sid}.yaml"
    assert typed in draft.read_text(encoding="utf-8")
    assert "reflection" not in json.loads(invoke("story", "show", sid, "--json").stdout)["parts"]
    editor.plan({"replace": ["mood: great\n", ""]})
    resumed = invoke("story", "edit", sid)
    assert resumed.exit_code == 0, resumed.output
    assert "Resuming your unsaved edit" in resumed.stderr
    assert typed in editor.seen()[-1] and not editor.seen()[-1].startswith("#!")
    assert json.loads(invoke("story", "show", sid, "--json").stdout)["parts"]["reflection"] == typed
    assert not draft.exists()


def test_a_failing_editor_or_no_change_saves_nothing(editor: Any, home: Path) -> None:
    sid = add("--title", "Dispute", "-c", "conflict", *full())
    editor.plan({"replace": ["title: Dispute", "title: Changed"], "exit": 3})
    failed = invoke("story", "edit", sid)
    assert failed.exit_code == 1 and "exited with code 3" in failed.stderr
    assert (home / "drafts" / f"story-{sid}.yaml").exists()
    assert json.loads(invoke("story", "show", sid, "--json").stdout)["title"] == "Dispute"
    (home / "drafts" / f"story-{sid}.yaml").unlink()
    editor.plan({})
    unchanged = invoke("story", "edit", sid)
    assert unchanged.exit_code == 0 and "No changes." in unchanged.stdout
    editor.plan({"write": "# nothing left\n"})
    emptied = invoke("story", "edit", sid)
    assert emptied.exit_code == 0 and "story is unchanged" in emptied.stdout
    assert not list((home / "drafts").glob("*.yaml"))


def test_a_concurrent_change_is_not_overwritten(editor: Any, home: Path, tmp_path: Path) -> None:
    sid = add("--title", "Dispute", "-c", "conflict", *full())
    other = tmp_path / "other.py"
    other.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from prepcoach.store.db import Store
            store = Store.open(Path({str(home)!r}))
            with store.transaction() as conn:
                conn.execute("UPDATE stories SET title = 'Theirs', updated_at = 'z'")
            """
        ),
        encoding="utf-8",
    )
    script = tmp_path / "editor" / "editor.py"
    script.write_text(
        f"import subprocess, sys\nsubprocess.run([sys.executable, {str(other)!r}], check=True)\n"
        + script.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    editor.plan({"replace": ["title: Dispute", "title: Mine"]})
    result = invoke("story", "edit", sid)
    assert result.exit_code == 1
    assert "changed by another prep" in result.stderr and "kept in" in result.stderr
    assert json.loads(invoke("story", "show", sid, "--json").stdout)["title"] == "Theirs"


def test_ctrl_c_while_adding_keeps_the_answers_as_a_draft(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prepcoach.cli import inputs
    from prepcoach.cli.prompts import ScriptedPrompter

    class Interrupted(ScriptedPrompter):
        def text(self, name: str, message: str, **kwargs: Any) -> str:
            if name == "story.action":
                raise KeyboardInterrupt
            return super().text(name, message, **kwargs)

    answers = {
        "story.title": "Half told",
        "story.competencies[]": ["conflict"],
        "story.template": "conflict",
        "story.situation": "The situation I typed.",
        "story.task": "The task I typed.",
    }
    monkeypatch.setattr(inputs, "prompter", lambda *_args: Interrupted(answers))
    (tmp_path / "answers.yaml").write_text("{}\n", encoding="utf-8")
    result = invoke("story", "add", "--answers", str(tmp_path / "answers.yaml"))
    assert result.exit_code != 0
    draft = home / "drafts" / "story-new.yaml"
    assert "your answers so far are kept in" in result.stderr
    assert f"prep story add --from {draft}" in result.stderr
    kept = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert kept["title"] == "Half told" and kept["task"] == "The task I typed."
    finished = invoke("story", "add", "--from", str(draft), *full()[4:])  # action and result
    assert finished.exit_code == 0, finished.output
    (saved,) = json.loads(invoke("story", "list", "--json").stdout)
    assert saved["parts"]["situation"] == "The situation I typed." and not draft.exists()


def test_show_hangs_a_long_title_and_says_an_unused_story_is_unused(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    title = "Migrated the billing database to Postgres without downtime across three regions"
    added = invoke(
        "story", "add", "--title", title, "-c", "conflict", "--situation", "s", "--task", "t",
        "--action", "a", "--result", "r",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    (saved,) = json.loads(invoke("story", "list", "--json").stdout)
    lines = invoke("story", "show", saved["id"]).stdout.splitlines()
    assert lines[0].startswith(f"{saved['id']}  Migrated")
    assert lines[1] == " " * len(f"{saved['id']}  ") + "three regions"  # under the title
    practice = next(line for line in lines if line.startswith("practice"))
    assert practice.strip().split("  ")[-1].strip() == "not used yet"  # not "used in 0 answers"
