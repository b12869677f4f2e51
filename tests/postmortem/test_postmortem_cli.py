"""`prep postmortem`: recording (scripted and guided), list, show and edit, through the CLI."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from prepcoach.cli.prompts import ScriptedPrompter
from prepcoach.store.db import Store
from tests.helpers import invoke

ANSWERS: dict[str, Any] = {
    "overall_rating": 4,
    "overall_sentence": "Friendly, very focused on stakeholder management.",
    "people": [{"name": "Tom Lee", "title": "Engineering lead", "email": "tom@acme.example"}],
    "questions": [
        {"id": "disagreed-with-manager", "rating": 2, "said": "Rambled about pricing."},
        {"text": "How would you prioritise our roadmap?", "rating": 1},
    ],
    "went_well": ["The intro landed"],
    "went_badly": ["Rambled on the conflict question"],
    "concerns": [{"text": "asked twice about stakeholders", "competencies": ["communication"]}],
    "topics": ["their move to self-serve analytics"],
    "excited_about": "The new data platform team",
    "clarify": ["I said the team was 5 people, it was 8"],
    "next_steps": "The recruiter calls within a week.",
    "next_dates": ["2030-01-10: hear back"],
}


def ago(hours: float) -> str:
    return (datetime.now() - timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def add_interview(company: str = "ACME", when: str | None = None, *extra: str) -> str:
    args = ["interview", "add", "--company", company, "--role", "Product manager"]
    args += ["--stage", "first", "--when", when or ago(2), *extra, "--json"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["id"])


def write(path: Path, data: Mapping[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(dict(data), sort_keys=False), encoding="utf-8")
    return path


def record(tmp_path: Path, *args: str, **changes: Any) -> Any:
    answers = write(tmp_path / "answers.yaml", {**ANSWERS, **changes})
    return invoke("postmortem", *args, "--answers", str(answers))


def store_of(home: Path) -> Store:
    return Store.open(home)


# ---------------------------------------------------------------------------- scripted


def test_a_scripted_post_mortem_saves_everything_and_prints_the_plan(
    tmp_path: Path, home: Path
) -> None:
    interview = add_interview()
    result = record(tmp_path, "acme")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Post-mortem saved: ACME – Product manager, first round" in out
    assert "Strengths to reinforce" in out and "The intro landed" in out
    assert "Practise now: 1 weak question is due" in out
    assert 'Prepare "How would you prioritise our roadmap?"' in out
    assert "Communication: no story yet" in out
    assert "prep story add --competency communication" in out
    assert "one thing I'd like to come back to. I said the team was 5 people" in out
    assert "Send the thank-you email by" in out and "self-serve analytics" in out

    from prepcoach.interviews import store as store_iv
    from prepcoach.postmortem import store as store_pm
    from prepcoach.practice import store as store_pr

    with store_of(home) as store:
        saved = store_pm.get_postmortem_for_interview(store, interview)
        assert saved is not None and saved.done
        assert saved.topics == ("their move to self-serve analytics",)
        assert store_pr.weak_question_ids(store) == ["disagreed-with-manager"]
        assert "disagreed-with-manager" in store_pr.due_question_ids(store)
        updated = store_iv.get_interview(store, interview)
        assert updated.status == "done" and [p.name for p in updated.interviewers] == ["Tom Lee"]


def test_the_weak_question_comes_back_in_weak_practice(tmp_path: Path) -> None:
    add_interview()
    assert record(tmp_path, "acme").exit_code == 0
    answer = {"answers": [{"style": "free", "text": "I brought data and we agreed.", "rating": 3}]}
    practice = write(tmp_path / "practice.yaml", answer)
    result = invoke("practice", "--mode", "weak", "--answers", str(practice), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"][0]["question_id"] == "disagreed-with-manager"


def test_answers_can_be_piped_on_stdin() -> None:
    add_interview()
    result = invoke("postmortem", "acme", input=yaml.safe_dump(ANSWERS))
    assert result.exit_code == 0, result.output
    result = invoke("postmortem", "show", "acme", "--format", "json")
    data = json.loads(result.stdout)
    assert data["postmortem"]["overall_rating"] == 4
    assert data["plan"]["weak_question_ids"] == ["disagreed-with-manager"]


def test_without_a_name_the_latest_past_interview_is_used(tmp_path: Path) -> None:
    add_interview("Initech", ago(30))
    add_interview("ACME", ago(1))
    add_interview("Globex", (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"))
    result = record(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["interview"]["company"] == "ACME"


def test_record_is_also_a_command_of_its_own(tmp_path: Path) -> None:
    add_interview("List")  # a company named like a subcommand
    result = record(tmp_path, "record", "list", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["interview"]["company"] == "List"
    assert "1 post-mortem" in invoke("postmortem", "list").output


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"overall_rating": 7}, "answers.yaml:1: overall_rating: 7 is outside 1-5"),
        ({"questions": []}, "questions: add at least one question they asked"),
        (
            {"questions": [{"text": "Why us?", "rating": 0}]},
            "questions #1 rating: 0 is outside 1-5",
        ),
        ({"people": [{"name": "Tom", "email": "tom@"}]}, "'tom@' is not a valid email"),
        ({"mood": "fine"}, "mood: not a prompt of the 'first-interview' post-mortem"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    add_interview()
    result = record(tmp_path, "acme", **changes)
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert "Traceback" not in result.output
    assert "No post-mortems yet" in invoke("postmortem", "list").output


def test_a_missing_required_answer_is_named(tmp_path: Path) -> None:
    add_interview()
    data = {k: v for k, v in ANSWERS.items() if k != "overall_rating"}
    result = invoke("postmortem", "acme", "--answers", str(write(tmp_path / "a.yaml", data)))
    assert result.exit_code == 1
    assert "overall_rating: give a rating from 1 (poor) to 5 (excellent)" in result.output


def test_an_unknown_interview_is_a_clear_error(tmp_path: Path) -> None:
    add_interview()
    result = record(tmp_path, "Globex")
    assert result.exit_code == 1
    assert "no interview matches 'Globex'" in result.output
    assert "To add it: prep interview add --company 'Globex'" in result.output
    result = record(tmp_path, "iv-zzzzzz")
    assert result.exit_code == 1 and "no interview with id 'iv-zzzzzz'" in result.output
    assert "To add it" not in result.output  # an id is never a company to add


def test_no_interviews_at_all_says_how_to_add_one(tmp_path: Path) -> None:
    result = record(tmp_path)
    assert result.exit_code == 1
    assert "no interview to look back on" in result.output
    assert "prep interview add --company ACME" in result.output


def test_an_interview_in_the_future_has_no_post_mortem_yet(tmp_path: Path) -> None:
    later = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    interview = add_interview("ACME", later)
    result = record(tmp_path, "acme")
    assert result.exit_code == 1
    assert "a post-mortem is for after the interview" in result.output
    assert f"prep interview edit {interview} --when" in result.output


def test_a_second_post_mortem_of_the_same_interview_points_to_edit(tmp_path: Path) -> None:
    add_interview()
    assert record(tmp_path, "acme").exit_code == 0
    result = record(tmp_path, "acme")
    assert result.exit_code == 1
    assert "already has a post-mortem" in result.output
    assert "prep postmortem edit" in result.output


def test_no_terminal_and_no_answers_is_a_clear_error() -> None:
    add_interview()
    result = invoke("postmortem", "acme", input="")
    assert result.exit_code == 1
    assert "needs a terminal" in result.output and "--answers FILE.yaml" in result.output


def test_resume_without_an_unfinished_post_mortem_says_so() -> None:
    result = invoke("postmortem", "--resume", input="")
    assert result.exit_code == 1
    assert "no unfinished post-mortem to resume" in result.output


def test_an_unknown_template_suggests_one(tmp_path: Path) -> None:
    add_interview()
    result = record(tmp_path, "acme", "--template", "first-interveiw")
    assert result.exit_code == 1
    assert "did you mean 'first-interview'?" in result.output


# ---------------------------------------------------------------------------- guided


class Stopper(ScriptedPrompter):
    """Scripted answers, then Ctrl-C at the `nth` time the prompt `stop_at` is asked."""

    def __init__(self, answers: Mapping[str, Any], stop_at: str, nth: int = 1) -> None:
        super().__init__(answers)
        self.stop_at, self.nth, self.seen = stop_at, nth, 0

    def _next(self, name: str, message: str) -> Any:
        if name == self.stop_at:
            self.seen += 1
            if self.seen == self.nth:
                raise KeyboardInterrupt
        return super()._next(name, message)


GUIDED: dict[str, Any] = {
    "postmortem.interview": "",
    "postmortem.interview.company": "Globex",
    "postmortem.interview.role": "Data analyst",
    "postmortem.interview.stage": "first",
    "postmortem.interview.when": "today",
    "postmortem.overall_rating": "4",
    "postmortem.overall_sentence": "Friendly and to the point.",
    "postmortem.people.name": ["Ana Ruiz", ""],
    "postmortem.people.title": "Head of Data",
    "postmortem.people.email": "ana@globex.example",
    "postmortem.questions.text": [
        "Describe a time you disagreed with a decision your manager made. What did you do?",
        "How do you check your numbers before you share them?",
        "",
    ],
    "postmortem.questions.rating": ["2", "4"],
    "postmortem.questions.said": ["A reporting change, no result.", ""],
    "postmortem.questions.would_say": ["The KPI dispute, with the data.", ""],
    "postmortem.went_well": ["My SQL walkthrough landed", ""],
    "postmortem.went_badly": [""],
    "postmortem.concerns.text": ["Asked twice how I check data quality", ""],
    "postmortem.concerns.competencies": [["quality"]],
    "postmortem.topics": ["their migration to dbt", ""],
    "postmortem.excited_about": "The self-serve analytics roadmap",
    "postmortem.clarify": [""],
    "postmortem.next_steps": "",
    "postmortem.promises": ["the dbt style guide I mentioned", ""],
    "postmortem.next_dates": ["2030-01-10: hear back", ""],
}


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[ScriptedPrompter], None]]:
    """Run `prep postmortem` as from a terminal, answering with the given prompter."""
    from prepcoach.cli import prompts
    from prepcoach.cli.postmortem import postmortem_cmd

    def use(prompter: ScriptedPrompter) -> None:
        prompter.interactive = True
        monkeypatch.setattr(prompts, "make_prompter", lambda *a, **k: prompter)
        monkeypatch.setattr(postmortem_cmd, "_scripted_text", lambda answers: (None, ""))

    yield use


def test_a_guided_post_mortem_adds_the_interview_then_asks_the_template(
    terminal: Callable[[ScriptedPrompter], None], home: Path
) -> None:
    add_interview("Initech", ago(30))
    prompter = ScriptedPrompter(GUIDED)
    terminal(prompter)
    result = invoke("postmortem")
    assert result.exit_code == 0, result.output
    assert "Added interview" in result.output and "Globex – Data analyst" in result.output
    assert "1/13 How did the interview feel overall" in result.output
    assert "bank question disagreed-with-manager" in result.output
    assert "Practise now: 1 weak question is due" in result.output
    assert "Quality and attention to detail: no story yet" in result.output
    asked = [n for n in prompter.asked if n.startswith("postmortem.") and "." in n[11:]]
    assert asked[:2] == ["postmortem.interview.company", "postmortem.interview.role"]
    from prepcoach.postmortem import store as store_pm
    from prepcoach.practice import store as store_pr

    with store_of(home) as store:
        (saved,) = store_pm.list_postmortems(store)
        assert saved.done and [q.rating for q in saved.questions] == [2, 4]
        assert saved.questions[1].question_id is None
        assert saved.people[0].email == "ana@globex.example"
        assert saved.concerns[0].competencies == ("quality",)
        assert store_pr.weak_question_ids(store) == ["disagreed-with-manager"]


def test_ctrl_c_keeps_every_answer_and_resume_continues(
    terminal: Callable[[ScriptedPrompter], None], home: Path
) -> None:
    add_interview("Globex", ago(1))
    answers = {k: v for k, v in GUIDED.items() if not k.startswith("postmortem.interview")}
    answers["postmortem.went_well"] = ["My SQL walkthrough landed"]
    terminal(Stopper(answers, "postmortem.went_well", nth=2))  # Ctrl-C on the second item
    result = invoke("postmortem", "globex")
    assert result.exit_code == 130
    assert "Your answers so far are saved" in result.output
    assert "prep postmortem --resume" in result.output
    from prepcoach.postmortem import store as store_pm

    with store_of(home) as store:
        draft = store_pm.latest_draft(store)
        assert draft is not None and draft.status == "draft"
        assert draft.answers["went_well"] == ["My SQL walkthrough landed"]
        assert [q.rating for q in draft.questions] == [2, 4]
    assert "draft" in invoke("postmortem", "list").output

    answers["postmortem.went_well"] = ["Good rapport", ""]
    resumed = ScriptedPrompter(answers)
    terminal(resumed)
    result = invoke("postmortem", "--resume")
    assert result.exit_code == 0, result.output
    assert "Resuming your post-mortem" in result.output
    assert "So far:" in result.output and "My SQL walkthrough landed" in result.output
    assert "postmortem.overall_rating" not in resumed.asked  # answered before Ctrl-C
    with store_of(home) as store:
        assert store_pm.latest_draft(store) is None
        (saved,) = store_pm.list_postmortems(store)
        assert saved.went_well == ("My SQL walkthrough landed", "Good rapport")


def test_the_guided_flow_refuses_an_empty_question_list(
    terminal: Callable[[ScriptedPrompter], None],
) -> None:
    add_interview("Globex", ago(1))
    answers = {k: v for k, v in GUIDED.items() if not k.startswith("postmortem.interview")}
    answers["postmortem.questions.text"] = ["", ""]
    prompter = Stopper(answers, "postmortem.questions.rating")
    terminal(prompter)
    result = invoke("postmortem", "globex")
    assert "Add at least one question they asked" in result.output
    assert prompter.asked.count("postmortem.questions.text") == 3  # asked until answered
    assert result.exit_code == 1 and "no scripted answer for 'postmortem.questions.text'" in (
        result.output
    )


# ---------------------------------------------------------------------------- list / show


def test_list_shows_each_post_mortem(tmp_path: Path) -> None:
    assert "No post-mortems yet" in invoke("postmortem", "list").output
    add_interview()
    record(tmp_path, "acme")
    result = invoke("postmortem", "list")
    assert result.exit_code == 0
    assert "ACME – Product manager" in result.output and "2 (2 weak)" in result.output
    data = json.loads(invoke("postmortem", "list", "--json").stdout)
    assert data[0]["status"] == "done" and data[0]["topics"] == [
        "their move to self-serve analytics"
    ]
    bad = invoke("postmortem", "list", "--status", "finished")
    assert bad.exit_code == 2 and "draft, done" in bad.output


def test_show_prints_the_answers_and_the_plan(tmp_path: Path) -> None:
    add_interview()
    record(tmp_path, "acme")
    result = invoke("postmortem", "show")
    assert result.exit_code == 0, result.output
    assert "Which questions were you asked?" in result.output
    assert "What I said: Rambled about pricing." in result.output
    assert "Action plan" in result.output


def test_show_writes_a_markdown_report_to_keep(tmp_path: Path) -> None:
    add_interview()
    record(tmp_path, "acme")
    out = tmp_path / "report.md"
    result = invoke("postmortem", "show", "acme", "--format", "markdown", "--out", str(out))
    assert result.exit_code == 0, result.output
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# Post-mortem: ACME – Product manager, first round")
    assert "## Action plan" in report and "### Thank-you email" in report
    again = invoke("postmortem", "show", "acme", "-f", "markdown", "-o", str(out))
    assert again.exit_code == 1 and "already exists" in again.output
    forced = invoke("postmortem", "show", "acme", "-f", "markdown", "-o", str(out), "--force")
    assert forced.exit_code == 0


def test_the_yaml_form_can_be_fed_back_as_answers(tmp_path: Path) -> None:
    add_interview("ACME")
    record(tmp_path, "acme")
    document = invoke("postmortem", "show", "acme", "--format", "yaml").stdout
    assert document.startswith("# How did the interview feel overall")
    add_interview("Globex", ago(1))
    result = invoke("postmortem", "globex", "--answers", "-", input=document)
    assert result.exit_code == 0, result.output
    first = json.loads(invoke("postmortem", "show", "acme", "-f", "json").stdout)
    second = json.loads(invoke("postmortem", "show", "globex", "-f", "json").stdout)
    assert first["postmortem"]["questions"] == second["postmortem"]["questions"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show", "--format", "pdf"), 2, "'pdf' is not one of: text, markdown, json, yaml"),
        (("show", "--out", "x.txt"), 2, "--out writes a file"),
        (("show", "initech"), 1, "no interview matches 'initech'"),
        (("show", "pm-zzzzzz"), 1, "no post-mortem with id 'pm-zzzzzz'"),
        (("edit", "globex"), 1, "has no post-mortem yet; record one with: prep postmortem"),
    ],
)
def test_show_and_edit_errors(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    add_interview("ACME")
    add_interview("Globex")
    record(tmp_path, "acme")
    result = invoke("postmortem", *args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_show_without_any_post_mortem_says_how_to_start() -> None:
    result = invoke("postmortem", "show")
    assert result.exit_code == 1
    assert "no post-mortems yet; record one with: prep postmortem" in result.output


def test_help_explains_the_default_command() -> None:
    result = invoke("postmortem", "--help")
    assert result.exit_code == 0
    assert "prep postmortem [INTERVIEW]        record one" in result.output
    assert "record" in result.output and "edit" in result.output


# ---------------------------------------------------------------------------- edit


def editor(tmp_path: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "editor.py"
    path.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\ntext = p.read_text()\n"
        + textwrap.dedent(script)
        + "p.write_text(text)\n"
    )
    import sys

    monkeypatch.setenv("EDITOR", f"{sys.executable} {path}")
    monkeypatch.delenv("VISUAL", raising=False)


def test_edit_saves_a_valid_change_and_flags_a_newly_weak_question(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_interview()
    record(tmp_path, "acme", questions=[{"id": "why-us", "rating": 4}])
    editor(tmp_path, "text = text.replace('rating: 4', 'rating: 1')\n", monkeypatch)
    result = invoke("postmortem", "edit", "acme")
    assert result.exit_code == 0, result.output
    assert "Saved post-mortem" in result.output
    from prepcoach.practice import store as store_pr

    with store_of(home) as store:
        assert store_pr.weak_question_ids(store) == ["why-us"]
    assert not (home / "drafts").exists() or not list((home / "drafts").iterdir())


def test_an_invalid_edit_reopens_then_keeps_the_text(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_interview()
    record(tmp_path, "acme")
    editor(tmp_path, "text = text.replace('overall_rating: 4', 'overall_rating: 9')\n", monkeypatch)
    result = invoke("postmortem", "edit", "acme")
    assert result.exit_code == 1
    assert "left and the file was not changed" in result.output
    (draft,) = (home / "drafts").iterdir()
    kept = draft.read_text(encoding="utf-8")
    assert kept.startswith("#! Not saved yet:\n#!   - line 9: overall_rating: 9 is outside 1-5")
    assert "overall_rating: 9" in kept
    editor(tmp_path, "text = text.replace('overall_rating: 9', 'overall_rating: 5')\n", monkeypatch)
    result = invoke("postmortem", "edit", "acme")
    assert result.exit_code == 0, result.output
    assert "Resuming your unsaved edit" in result.output
    data = json.loads(invoke("postmortem", "show", "-f", "json").stdout)
    assert data["postmortem"]["overall_rating"] == 5
    assert not draft.exists()


def test_emptying_the_file_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_interview()
    record(tmp_path, "acme")
    editor(tmp_path, "text = ''\n", monkeypatch)
    result = invoke("postmortem", "edit")
    assert result.exit_code == 0 and "nothing was changed" in result.output
    editor(tmp_path, "", monkeypatch)
    assert "No changes." in invoke("postmortem", "edit").output


def test_editing_a_draft_keeps_it_a_draft(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interview = add_interview()
    from prepcoach.postmortem import store as store_pm

    with store_of(home) as store:
        store_pm.save_answers(store, interview, {"overall_rating": 3})
    editor(tmp_path, "text = text.replace('went_well: []', 'went_well: [Rapport]')\n", monkeypatch)
    result = invoke("postmortem", "edit", "acme")
    assert result.exit_code == 0, result.output
    assert "still unfinished (questions still need an answer)" in result.output
    with store_of(home) as store:
        draft = store_pm.latest_draft(store)
        assert draft is not None and draft.went_well == ("Rapport",)


def test_question_search_is_fuzzy_on_words_in_any_order() -> None:
    from prepcoach.cli.prompts import fuzzy_matches

    bank = [
        "Tell me about yourself.",
        "Describe a time you disagreed with a decision your manager made.",
        "What's a weakness you're actively working on?",
    ]
    assert fuzzy_matches("disagree manag", bank) == [bank[1]]
    assert fuzzy_matches("manger dissagreed", bank) == [bank[1]]  # typos, any order
    assert fuzzy_matches("weak", bank) == [bank[2]]
    assert fuzzy_matches("", bank) == []
    assert fuzzy_matches("salary", bank) == []


OWN_TEMPLATE = """\
pack: my-postmortem
title: My post-mortem
version: "1.0"
description: Fewer prompts, in my order, and one of my own.
postmortem_templates:
  - id: first-interview
    overrides: true
    title: Quick look back
    prompts:
      - id: questions
        text: What did they ask me?
        kind: questions
        required: true
      - id: salary_said
        text: What did I say about salary?
        kind: text
      - id: overall_rating
        text: Gut feeling, 1 to 5?
        kind: rating
        required: true
"""


def test_a_users_own_template_drives_the_flow_without_code(
    terminal: Callable[[ScriptedPrompter], None], home: Path, tmp_path: Path
) -> None:
    (home / "content").mkdir(parents=True)
    (home / "content" / "mine.yaml").write_text(OWN_TEMPLATE, encoding="utf-8")
    add_interview("Globex", ago(1))
    prompter = ScriptedPrompter(
        {
            "postmortem.questions.text": ["Tell me about yourself.", ""],
            "postmortem.questions.rating": "2",
            "postmortem.questions.said": "",
            "postmortem.questions.would_say": "",
            "postmortem.salary_said": "A range of 60-70k",
            "postmortem.overall_rating": "3",
        }
    )
    terminal(prompter)
    result = invoke("postmortem", "globex")
    assert result.exit_code == 0, result.output
    assert "1/3 What did they ask me?" in result.output
    assert "3/3 Gut feeling, 1 to 5?" in result.output
    asked = [
        n for n in prompter.asked if n in ("postmortem.salary_said", "postmortem.overall_rating")
    ]
    assert asked == ["postmortem.salary_said", "postmortem.overall_rating"]
    report = invoke("postmortem", "show", "globex", "--format", "markdown").stdout
    assert "### What did I say about salary?\n\nA range of 60-70k" in report
    assert "tell-me-about-yourself" in report


def test_a_template_with_a_wrong_kind_for_a_known_prompt_is_refused(
    home: Path, tmp_path: Path
) -> None:
    (home / "content").mkdir(parents=True)
    broken = OWN_TEMPLATE.replace("kind: questions", "kind: list")
    (home / "content" / "mine.yaml").write_text(broken, encoding="utf-8")
    add_interview()
    result = record(tmp_path, "acme")
    assert result.exit_code == 1
    assert "prompt 'questions' must be of kind 'questions'" in result.output


def test_ctrl_c_before_the_first_answer_saves_nothing(
    terminal: Callable[[ScriptedPrompter], None],
) -> None:
    add_interview("Globex", ago(1))
    terminal(Stopper({}, "postmortem.overall_rating"))
    result = invoke("postmortem", "globex")
    assert result.exit_code == 130
    assert "Stopped before the first answer; nothing was saved." in result.output
    assert "No post-mortems yet" in invoke("postmortem", "list").output
