"""Markdown import understands both kinds of list: questions to ask are recognised, nested
questions are probes, competencies come from the cue lexicon, every question mark is kept;
with floors on the check half of tests/data/import."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepcoach.content.lexicon import competency_index
from prepcoach.content.markdown_import import parse_markdown_questions
from prepcoach.content.markdown_import.categories import ask_category_of, category_of
from prepcoach.content.markdown_import.kinds import ask_evidence
from tests.helpers import invoke
from tests.judge_data import DATA, builtin_library, load


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_floor_on_the_check_half() -> None:
    lexicon = competency_index(builtin_library())
    items = imported = kind = category = found = right = probes = kept_probes = extra = 0
    for labels_path in sorted((DATA / "import").glob("*.labels.yaml")):
        labels = load("import", labels_path.name)
        if labels["half"] != "check":
            continue
        source = labels_path.with_name(labels_path.name.replace(".labels.yaml", ".md"))
        result = parse_markdown_questions(source.read_text(encoding="utf-8"), lexicon=lexicon)
        got = {_norm(q.text): q for q in result.questions}
        for item in labels["items"]:
            items += 1
            probes += len(item["probes"])
            q = got.get(_norm(item["text"]))
            if q is None:
                continue
            imported += 1
            kind += q.kind == item["kind"]
            wanted = q.ask_category if q.kind == "ask" else q.category
            category += q.kind == item["kind"] and wanted == item["category"]
            found += len(q.competencies)
            right += len(set(q.competencies) & set(item["competencies"]))
            kept_probes += len({_norm(p) for p in q.probes} & {_norm(p) for p in item["probes"]})
        for line in labels.get("skip") or []:
            assert _norm(line) not in got, line
        known = {_norm(i["text"]) for i in labels["items"]}
        known |= {_norm(p) for i in labels["items"] for p in i["probes"]}
        extra += sum(1 for text in got if text not in known)
    assert imported / items >= 0.98
    assert kind / items >= 0.97
    assert category / items >= 0.91
    assert found and right / found >= 0.7
    assert kept_probes == probes
    assert extra <= 1  # imported texts that are no labelled question: garbled or wrongly taken


def test_questions_to_ask_are_recognised_by_their_heading_or_kind() -> None:
    text = "# Prep\n\n## Questions to ask your interviewer\n\n- What does success look like?\n"
    (ask,) = parse_markdown_questions(text).questions
    assert (ask.kind, ask.ask_category) == ("ask", "performance")
    plain = "- What would my first project be?\n- How is the team organised?\n"
    asks = parse_markdown_questions(plain).questions  # "my", "the team": the candidate asks
    assert [(q.kind, q.ask_category) for q in asks] == [
        ("ask", "role-challenges"),
        ("ask", "team"),
    ]
    assert {q.kind for q in parse_markdown_questions(plain, kind="question").questions} == {
        "question"
    }
    interview = "- What would you do in your first week?\n- Why do you want this role?\n"
    assert {q.kind for q in parse_markdown_questions(interview).questions} == {"question"}
    titled = "---\ntitle: Reverse interview\n---\n- Why is the role open?\n"
    assert parse_markdown_questions(titled).questions[0].kind == "ask"


def test_every_question_mark_is_kept() -> None:
    text = "- لماذا تريد العمل في شركتنا؟\n- 你为什么离开上一家公司？\n- Why this job?\n"
    assert [q.text[-1] for q in parse_markdown_questions(text).questions] == ["؟", "？", "?"]


def test_nested_questions_are_probes_and_wording_beats_the_heading() -> None:
    text = (
        "## Behavioral\n\n- Tell me about a time you failed.\n  - What did you learn?\n"
        "- What are your salary expectations?\n"
    )
    first, second = parse_markdown_questions(text).questions
    assert first.probes == ("What did you learn?",)
    assert (first.category, second.category) == ("behavioral", "salary")


def test_competencies_come_from_the_cues() -> None:
    lexicon = competency_index(builtin_library())
    text = "- Tell me about a time you had a disagreement with your manager.\n"
    (question,) = parse_markdown_questions(text, lexicon=lexicon).questions
    assert question.competencies[0] == "conflict"


def test_the_import_says_what_it_recognised(tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text(
        "# List\n\n- Tell me about a time you failed.\n  - What changed after?\n\n"
        "## Questions to ask them\n\n- What are the next steps?\n",
        encoding="utf-8",
    )
    result = invoke("content", "import", str(source))
    assert result.exit_code == 0, result.output
    assert (
        "Kept 2 questions: 1 interview question, 1 question to ask, 1 follow-up probe"
        in result.output
    )
    assert "[ask: next-steps] What are the next steps?" in result.output
    assert "1 interview question under 'List', by their wording" in result.output
    assert (
        "1 question to ask under 'Questions to ask them', by the heading "
        "'Questions to ask them'" in result.output
    )
    assert "Skipped" not in result.output
    source.write_text("# List\n\nRead this first.\n\n- Why us?\n- Why now?\n", encoding="utf-8")
    result = invoke("content", "import", str(source), "--force", "--kind", "question")
    assert "2 interview questions under 'List', by --kind" in result.output
    assert "Skipped 1 line (1 not a question):" in result.output
    assert invoke("content", "import", str(source), "--kind", "nope").exit_code != 0


def test_a_table_of_questions_gives_its_question_cells() -> None:
    text = (
        "## About the team\n\n| # | Question | Why ask |\n|---|---|---|\n"
        "| 1 | Who would I work with most? | People |\n"
        "| 2 | How does the team \\| the department plan? | Planning |\n\n"
        "| Format | Length |\n| --- | --- |\n| Panel | 45 minutes |\n"
    )
    result = parse_markdown_questions(text)
    assert [(q.text, q.kind, q.line) for q in result.questions] == [
        ("Who would I work with most?", "ask", 5),
        ("How does the team | the department plan?", "ask", 6),
    ]
    # The header rows are reported; a row with no question is a table line.
    assert [(s.line, s.reason) for s in result.skipped] == [
        (3, "table"),
        (8, "table"),
        (10, "table"),
    ]
    unnamed = "| Ask | Note |\n|-|-|\n| n/a | Why is the role open? |\n"
    assert [q.text for q in parse_markdown_questions(unnamed).questions] == [
        "Why is the role open?"
    ]


def test_every_script_s_question_mark_reads_as_one() -> None:
    marks = ["?", "？", "؟", "⸮", "‽", "⁇", "\u037e", "՞", "፧", "﹖"]
    text = "".join(f"- Is number {n} a question here{mark}\n" for n, mark in enumerate(marks))
    result = parse_markdown_questions(text)
    assert [q.text[-1] for q in result.questions] == marks
    spanish = parse_markdown_questions("¿Por qué quieres este puesto?\n").questions
    assert [(q.text, q.category) for q in spanish] == [
        ("¿Por qué quieres este puesto?", "motivation")
    ]


def test_a_heading_that_names_the_interviewer_gives_the_audience() -> None:
    text = (
        "# Questions to ask\n\n## For the recruiter\n\n- What is the timeline?\n\n"
        "## For your future manager\n\n- How will you judge my first year?\n"
        "  - What would a great year look like?\n\n## Anything else\n\n- Why is the role open?\n"
    )
    result = parse_markdown_questions(text)
    assert [q.audiences for q in result.questions] == [("recruiter",), ("hiring-manager",), ()]
    asks = result.to_pack("mine")["ask_questions"]
    assert isinstance(asks, list)
    assert asks[0]["audiences"] == ["recruiter"]
    assert asks[1]["demonstrates"].endswith("Follow-ups: What would a great year look like?")


def test_the_title_speaks_for_sections_that_are_h1_headings_too() -> None:
    text = (
        "# Reverse interview\n\n# The role\n\n- How often do you release?\n- Do you pair program?\n"
    )
    assert {q.kind for q in parse_markdown_questions(text).questions} == {"ask"}


def test_under_questions_to_ask_only_the_employer_s_voice_is_asked_of_the_candidate() -> None:
    text = (
        "# Questions to ask\n\n- Give an example of a time you coached someone. What did you do?\n"
        "- Do you have any questions for us?\n- Why did you choose to join this company?\n"
    )
    result = parse_markdown_questions(text)
    assert [(q.kind, q.kind_reason) for q in result.questions] == [
        ("ask", "the title"),
        ("question", "its own wording"),
        ("ask", "the title"),
    ]
    assert result.questions[2].ask_category == "culture"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Questions to ask your interviewer", "ask"),
        ("What to ask at the end", "ask"),
        ("Your questions for them", "ask"),
        ("Reverse interview", "ask"),
        ("Preguntas para el entrevistador", "ask"),
        ("Questions to ask candidates", "question"),
        ("Behavioral questions", "question"),
        ("Questions they will ask you", "question"),
    ],
)
def test_headings_that_say_whom_the_questions_are_for(heading: str, kind: str) -> None:
    text = f"## {heading}\n\n- How do you measure progress?\n- What happens on a bad day?\n"
    assert {q.kind for q in parse_markdown_questions(text).questions} == {kind}


def test_the_wording_rules_agree_with_the_built_in_bank() -> None:
    """Categories follow the built-in bank: its own texts, with no heading to help, mostly get
    their category back (role questions need their role's heading, so they are left out)."""
    library = builtin_library()
    questions = [q for q in library.questions.values() if q.category != "role-specific"]
    agree = sum(category_of(q.text) == q.category for q in questions)
    assert agree / len(questions) >= 0.85
    asks = list(library.ask_questions.values())
    assert sum(ask_category_of(a.text) == a.category for a in asks) / len(asks) >= 0.85
    assert all(ask_evidence(a.text) >= 0 for a in asks)  # none leans to being asked of you
    leaning_to_ask = [q for q in library.questions.values() if ask_evidence(q.text) >= 2]
    assert len(leaning_to_ask) <= 0.02 * len(library.questions)
