"""The Markdown importer on question lists as they are published, and on arbitrary text."""

from __future__ import annotations

import re
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from prepcoach.content.markdown_import import (
    DEFAULT_TITLE,
    PLACEHOLDER_ASSESSES,
    SKIP_REASONS,
    ImportedQuestion,
    MarkdownImport,
    parse_markdown_questions,
    slugify,
)
from prepcoach.content.model import ASK_CATEGORIES, CATEGORIES, Pack

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# A blog post: front matter, sections, bold numbered questions with tips, entities, curly
# quotes, nested notes, "Read more" and "Click here" lines, a code fence, a table, a setext
# heading and a section of questions for the candidate to ask.
BLOG = """\
---
title: "The 12 Interview Questions You&rsquo;ll Hear Most"
date: 2024-03-01
tags: [interviews, careers]
---

# 12 Interview Questions (and How to Answer Them)

Preparing for a job interview? Here&rsquo;s what hiring managers ask &amp; why.

![Candidate shaking hands](https://example.com/img/handshake.jpg)

## Behavioral questions

1. **Tell me about a time you failed.** Focus on what you learned, not the failure itself.
2. **Describe a situation where you disagreed with your manager.**
   Stay respectful and show how you found common ground.
3. “What&rsquo;s your greatest professional achievement?” - answer: pick one with numbers.
4. **Give an example of a goal you reached and how you achieved it**
    - Follow-up: how did you measure success?
    - Use the STAR method

[Read more: the STAR method explained](https://example.com/star-method)

## Questions about salary

- What are your salary expectations? — tip: give a range, not a number
- *Would you accept a lower salary than you earn now?*
- What are your salary expectations?

Click here to download our free salary negotiation checklist.

```text
Q: Why should we hire you?
```

| Question | What they want |
|----------|----------------|
| Why us?  | Research       |

Situational questions
---------------------

* What would you do if you missed a deadline?
  * Why would that matter to your team?
  * Think about your stakeholders

> Pro tip: practise your answers out loud.

## Questions to ask the interviewer

- What does a typical day look like in this role?
"""

# A Q&A article: a setext title, question headings with their answers, "Q:"/"A:" pairs,
# HTML and an HTML comment, an indented code block, a table of contents link.
QA = """\
Second Interview Questions
==========================

<!-- cms:begin
     generated block -->
<p>Made it to round two? Congratulations!</p>

### 1. What have you learned about us since your first interview?

Why they ask this: they want proof that you did your homework.

- Mention something new you found out
- Connect it to the role

### 2. Walk me through your resume.

Start with your current job and work backwards.

#### Sample answer

"In my current role I lead a team of five..."

### 3. Why? (bonus)

## Culture and values

**Q: How would you describe your ideal work environment?**
A: Somewhere collaborative where I can keep learning.

**Q4. Tell me about your management style.**

What motivates you at work? Why does it matter to you?

    indented code example
    still code

<ul>
  <li>Why should we hire you over other candidates?</li>
  <li>Sell me this pen.</li>
</ul>

- [Tell me about yourself](#tell-me-about-yourself)
- Share this article
- What are you passionate about
"""

# A hard-wrapped README list: badges, a table of contents, `+` and `1)` markers, a task box,
# entities, inline code, inline HTML, blockquotes and a footer.
README = """\
# Awesome Interview Questions [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

A curated list. Contributions welcome, see [CONTRIBUTING](CONTRIBUTING.md).

## Table of contents

- [Motivation](#motivation)
- [Teamwork](#teamwork)

## Motivation

+ Why do you want to work for a company
  like ours rather than a competitor?
+ Why are you leaving your current job?
+ [ ] Where do you see yourself in five years?

## Teamwork

1) Tell me about a time you had to work with a difficult
   colleague. What did you do?
2) Explain how you&#39;d onboard a new teammate &ndash; step by step.
   1) Would you pair with them on day one?
   2) _Mention tooling_
3) Talk about your experience running `git bisect` with the team &mdash; any lessons?
4) <b>How do you handle feedback from peers?</b>
5) How do you handle feedback from peers?!

> Can you give an example of when you helped a teammate grow?

> "Teamwork makes the dream work."

---

*Last updated 2024. Licensed [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/).*
"""


def kept(result: MarkdownImport) -> list[tuple[int, str, str, str | None]]:
    """The interview questions kept (not the questions to ask)."""
    return [(q.line, q.text, q.category, q.heading) for q in result.questions if q.kind != "ask"]


def skipped(result: MarkdownImport) -> list[tuple[int, str]]:
    return [(s.line, s.reason) for s in result.skipped]


PACK = TypeAdapter(Pack)


def validate(pack: object) -> Pack:
    return PACK.validate_python(pack)


def test_blog_post() -> None:
    result = parse_markdown_questions(BLOG)

    assert result.title == "The 12 Interview Questions You’ll Hear Most"
    behavioral, salary, situational = (
        "Behavioral questions",
        "Questions about salary",
        "Situational questions",
    )
    assert kept(result) == [
        (15, "Tell me about a time you failed.", "behavioral", behavioral),
        (
            16,
            "Describe a situation where you disagreed with your manager.",
            "behavioral",
            behavioral,
        ),
        (18, "What’s your greatest professional achievement?", "behavioral", behavioral),
        (
            19,
            "Give an example of a goal you reached and how you achieved it",
            "behavioral",
            behavioral,
        ),
        (27, "What are your salary expectations?", "salary", salary),
        (28, "Would you accept a lower salary than you earn now?", "salary", salary),
        (39, "Why us?", "motivation", salary),  # a table row: its "Question" cell
        (44, "What would you do if you missed a deadline?", "situational", situational),
    ]
    # Nested questions are follow-ups of the one they are under.
    probes = {q.line: q.probes for q in result.questions if q.probes}
    assert probes == {
        19: ("How did you measure success?",),
        44: ("Why would that matter to your team?",),
    }
    # Questions to ask the interviewer are kept as such.
    assert [(q.line, q.kind, q.ask_category) for q in result.asks] == [
        (52, "ask", "role-challenges")
    ]
    assert skipped(result) == [
        (9, "not a question"),  # a rhetorical intro: "Preparing for a job interview?"
        (11, "image"),
        (17, "note"),  # the tip on the line under question 2
        (21, "note"),  # a nested remark under question 4
        (23, "link"),
        (29, "duplicate"),
        (31, "not a question"),  # "Click here to download..."
        (33, "code"),  # the whole fence, once
        (37, "table"),  # the header row; the question cell of each row is kept
        (46, "note"),
        (48, "note"),  # "> Pro tip: ..."
    ]
    assert result.skipped[0].text.startswith("Preparing for a job interview?")
    assert result.skipped[5].text == "What are your salary expectations?"


def test_question_and_answer_article() -> None:
    result = parse_markdown_questions(QA)

    assert result.title == "Second Interview Questions"
    title, culture = "Second Interview Questions", "Culture and values"
    assert kept(result) == [
        (8, "What have you learned about us since your first interview?", "second-round", title),
        (15, "Walk me through your resume.", "motivation", title),  # its wording wins
        (27, "How would you describe your ideal work environment?", "culture-fit", culture),
        (30, "Tell me about your management style.", "culture-fit", culture),
        (32, "What motivates you at work? Why does it matter to you?", "motivation", culture),
        (38, "Why should we hire you over other candidates?", "motivation", culture),
        (39, "Sell me this pen.", "role-specific", culture),  # a sales exercise
        # no "?", but a question word in a list of questions
        (44, "What are you passionate about", "motivation", culture),
    ]
    assert skipped(result) == [
        (4, "html"),  # a two-line comment, once
        (6, "not a question"),
        (10, "note"),  # the answer under a question heading...
        (12, "note"),
        (13, "note"),
        (17, "note"),
        (21, "note"),  # ...including under its sub-heading
        (23, "too short"),
        (28, "note"),  # "A: ..."
        (34, "code"),
        (37, "html"),
        (40, "html"),
        (42, "link"),  # a line that is only a link, even to a question
        (43, "not a question"),
    ]


def test_hard_wrapped_readme() -> None:
    result = parse_markdown_questions(README)

    assert result.title == "Awesome Interview Questions"
    assert kept(result) == [
        (
            12,
            "Why do you want to work for a company like ours rather than a competitor?",
            "motivation",
            "Motivation",
        ),
        (14, "Why are you leaving your current job?", "motivation", "Motivation"),
        (15, "Where do you see yourself in five years?", "career-goals", "Motivation"),
        (
            19,
            "Tell me about a time you had to work with a difficult colleague. What did you do?",
            "behavioral",
            "Teamwork",
        ),
        (21, "Explain how you'd onboard a new teammate – step by step.", "behavioral", "Teamwork"),
        (
            24,
            "Talk about your experience running git bisect with the team — any lessons?",
            "behavioral",
            "Teamwork",
        ),
        (25, "How do you handle feedback from peers?", "culture-fit", "Teamwork"),
        (
            28,
            "Can you give an example of when you helped a teammate grow?",
            "behavioral",
            "Teamwork",
        ),
    ]
    assert skipped(result) == [
        (3, "link"),
        (7, "link"),
        (8, "link"),
        (23, "note"),
        (26, "duplicate"),  # "?!" and <b> aside, the same as line 25
        (30, "note"),  # a quote after a question
        (34, "link"),
    ]


def test_every_reason_is_documented() -> None:
    reasons = {
        s.reason for text in (BLOG, QA, README) for s in parse_markdown_questions(text).skipped
    }
    assert reasons <= set(SKIP_REASONS)


@pytest.mark.parametrize(
    ("line", "question"),
    [
        ("- **Why this company?** Show you have done your research.", "Why this company?"),
        ("- **Tell me about yourself**. Keep it under two minutes.", "Tell me about yourself."),
        (
            "- **Describe a failure**: what did you learn from it?",
            "Describe a failure: what did you learn from it?",
        ),
        ("- Why this job? Be specific.", "Why this job?"),
        (
            "- What would you do? Explain your reasoning.",
            "What would you do? Explain your reasoning.",
        ),
        ("- Why do you want this job? (Hint: research the company)", "Why do you want this job?"),
        ("- Tell me about yourself - Tip: keep it short", "Tell me about yourself"),
        (
            "- 'Tell me what's changed since we last met.'",
            "Tell me what's changed since we last met.",
        ),
        ("- “Why us?”.", "Why us?"),
        ("- ‘What’s your biggest regret?’", "What’s your biggest regret?"),
        ('- "Good" or "great": which are you?', '"Good" or "great": which are you?'),
        (
            "- Explain `__init__` and snake_case to a _new_ hire",
            "Explain __init__ and snake_case to a new hire",
        ),
        (
            "- What is \\*really\\* your ~~worst~~ weakness?",
            "What is *really* your worst weakness?",
        ),
        ("- Why do you like [our product](https://example.com)?", "Why do you like our product?"),
        ("- Q3: Walk me through your CV", "Walk me through your CV"),
        ("- Question 7 - Sell me this pen", "Sell me this pen"),
        ("- [x] What&nbsp;is your notice&nbsp;period?", "What is your notice period?"),
        ("• Why did you choose this career?", "Why did you choose this career?"),
        ("Q: Tell me about a conflict at work.", "Tell me about a conflict at work."),
        ("**Give me an example of a risk you took**", "Give me an example of a risk you took"),
        ("- 你为什么想要这份工作？", "你为什么想要这份工作？"),
    ],
)
def test_cleaning(line: str, question: str) -> None:
    result = parse_markdown_questions(line)
    assert [q.text for q in result.questions] == [question]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("- ", "empty"),
        ("- ****", "empty"),
        ("- [Next article](https://example.com/next)", "link"),
        ("- https://example.com/why-us", "link"),
        ("[1]: https://example.com", "link"),
        ("- ![Chart](chart.png)", "image"),
        ("<br/>", "html"),
        ("- Research the company", "not a question"),
        ("- Share on LinkedIn", "not a question"),
        ("Ready to practise? Let's go", "not a question"),
        ("Wondering what to wear?", "not a question"),
        ("> Interviews are conversations.", "quote"),
        ("- Why?", "too short"),
        ("- " + "Why " * 120 + "?", "too long"),
        ("- Answer: be honest.", "note"),
        ("- Read more: why is this asked?", "not a question"),
    ],
)
def test_skipped_lines(line: str, reason: str) -> None:
    result = parse_markdown_questions(line)
    assert result.questions == ()
    assert skipped(result) == [(1, reason)]


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("Behavioral Interview Questions", "behavioral"),
        ("Behavioural questions", "behavioral"),
        ("Questions that start with 'Tell me about...'", "behavioral"),
        ("Situational and behavioral questions", "situational"),
        ("Hypothetical scenarios", "situational"),
        ("Second interview questions", "second-round"),
        ("Final round", "second-round"),
        ("Culture fit", "culture-fit"),
        ("Questions about your values", "culture-fit"),
        ("Motivation", "motivation"),
        ("Why this company?", "motivation"),
        ("Career goals", "career-goals"),
        ("Your future", "career-goals"),
        ("Salary and compensation", "salary"),
        ("Questions about pay", "salary"),
        ("Technical questions", "role-specific"),
        ("Role-specific questions", "role-specific"),
    ],
)
def test_heading_categories(heading: str, category: str) -> None:
    text = f"## {heading}\n\n- Is this a good question?\n- Is this another question?\n"
    assert {q.category for q in parse_markdown_questions(text).questions} == {category}


@pytest.mark.parametrize(
    ("question", "category"),
    [
        ("Tell me about a time you missed a deadline.", "behavioral"),
        ("Give an example of a hard decision.", "behavioral"),
        ("Have you ever disagreed with a policy?", "behavioral"),
        ("What is your greatest weakness?", "culture-fit"),  # strengths and weaknesses
        ("What would you do if a client shouted at you?", "situational"),
        ("How would you handle two urgent requests at once?", "situational"),
        ("What are your salary expectations?", "salary"),
        ("Where do you see yourself in five years?", "career-goals"),
        ("Why do you want to work here?", "motivation"),
        ("Tell me about yourself.", "motivation"),
        ("Describe your ideal manager.", "culture-fit"),
    ],
)
def test_categories_from_wording(question: str, category: str) -> None:
    result = parse_markdown_questions(f"## Common questions\n\n- {question}\n")
    assert [(q.text, q.category) for q in result.questions] == [(question, category)]


def test_a_heading_with_questions_under_it_is_a_section() -> None:
    text = (
        "## What are the most common second interview questions?\n\n"
        "- Why do you want this role?\n"
        "- What would you change in your first month?\n"
    )
    result = parse_markdown_questions(text)
    assert [(q.text, q.heading) for q in result.questions] == [
        ("Why do you want this role?", "What are the most common second interview questions?"),
        (
            "What would you change in your first month?",
            "What are the most common second interview questions?",
        ),
    ]
    # The wording decides first ("Why do you want this role?"), then the heading.
    assert [q.category for q in result.questions] == ["motivation", "second-round"]


def test_plain_list_without_headings() -> None:
    text = "Why should we hire you?\r\nWhat are your strengths?\r\n\r\nThanks for reading!\r\n"
    result = parse_markdown_questions(text)
    assert result.title == DEFAULT_TITLE
    assert kept(result) == [
        (1, "Why should we hire you?", "motivation", None),
        (2, "What are your strengths?", "culture-fit", None),
    ]
    assert skipped(result) == [(4, "note")]


def test_title_falls_back_to_the_first_h1() -> None:
    assert parse_markdown_questions("Intro\n\n# Real title\n\n- Why?").title == "Real title"
    assert parse_markdown_questions("---\nauthor: me\n---\n# From H1\n").title == "From H1"
    assert parse_markdown_questions("---\ntitle: x\n").title == DEFAULT_TITLE  # not closed


def test_to_pack_is_a_valid_pack() -> None:
    result = parse_markdown_questions(BLOG)
    data = result.to_pack("top-questions", source="https://example.com/blog")

    assert data["pack"] == "top-questions"
    assert data["title"] == result.title
    assert data["version"] == "1.0.0"
    assert data["source"] == "https://example.com/blog"
    assert "https://example.com/blog" in str(data["description"])
    pack = validate(data)
    questions = [q for q in result.questions if q.kind == "question"]
    assert [q.text for q in pack.questions] == [q.text for q in questions]
    assert [q.category for q in pack.questions] == [q.category for q in questions]
    assert [(a.text, a.category) for a in pack.ask_questions] == [
        (q.text, q.ask_category) for q in result.asks
    ]
    assert [q.probes for q in pack.questions if q.probes] == [
        ("How did you measure success?",),
        ("Why would that matter to your team?",),
    ]
    ids = [q.id for q in pack.questions]
    assert len(set(ids)) == len(ids)
    assert all(SLUG.match(qid) for qid in ids)
    assert ids[0] == "top-questions-tell-me-about-time-you-failed"
    assert all(q.assesses == PLACEHOLDER_ASSESSES and q.tips == () for q in pack.questions)
    assert {q.answer_format for q in pack.questions if q.category == "salary"} == {"salary-range"}
    # It survives a YAML round trip, as written by the CLI.
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    assert validate(yaml.safe_load(dumped)) == pack


def test_to_pack_ids_are_unique() -> None:
    result = MarkdownImport(
        "T",
        tuple(
            ImportedQuestion(text, None, "behavioral", n)
            for n, text in enumerate(
                ["Why us?", "Why, us?!", "¿Why us?", "???", "为什么?", "Why us 2?"], start=1
            )
        ),
        (),
    )
    data = result.to_pack("p", id_prefix="")
    ids = [q.id for q in validate(data).questions]
    assert ids == ["why-us", "why-us-2", "why-us-3", "question", "question-2", "why-us-2-2"]
    assert not result.to_pack("p").get("source")
    assert [q.id for q in validate(result.to_pack("my pack")).questions][0] == "my-pack-why-us"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("What's your greatest weakness?", "whats-your-greatest-weakness"),
        ("Tell me about a time you failed at work", "tell-me-about-time-you-failed"),
        ("Café résumé — naïve", "cafe-resume-naive"),
        ("top_50 questions.md", "top-50-questions-md"),
        ("   ", ""),
        ("为什么", ""),
        ("a", "a"),
        ("x" * 100, "x" * 60),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_limits() -> None:
    assert slugify("one two three four", max_words=2) == "one-two"
    assert slugify("one two", max_words=0) == "one"
    long = slugify(" ".join(["abcdefghij"] * 10), max_words=10)
    assert len(long) <= 60 and SLUG.match(long)


MARKDOWN_BITS = st.sampled_from(
    [
        "\n", "\n\n", " ", "  ", "\t", "#", "## ", "- ", "* ", "+ ", "1. ", "2) ", "> ", "```",
        "~~~", "---", "===", "|", "[", "]", "(", ")", "![", "<", ">", "<!--", "-->", "<li>",
        "**", "_", "`", "\\", "?", "？", "“", "”", "'", '"', "&amp;", "&#xe000;", "\ue000",
        "Tell me", "Why ", "what ", "salary ", "Q: ", "A: ", "Tip: ", "https://x.y/z", "title: ",
        "\r", "\x00", "\u2028", "\ufeff", "é",
    ]
)  # fmt: skip


def check_result(result: MarkdownImport) -> None:
    assert result.title and result.title == result.title.strip()
    for question in result.questions:
        assert question.text and question.text == question.text.strip()
        assert question.category in CATEGORIES
        assert question.line >= 1
        assert question.kind in ("question", "ask") and question.kind_reason
        assert (question.ask_category in ASK_CATEGORIES) == (question.kind == "ask")
    assert sum(run.count for run in result.recognised()) == len(result.questions)
    for line in result.skipped:
        assert line.reason in SKIP_REASONS and line.line >= 1
    data = result.to_pack("fuzz", source="fuzz.md")
    ids = [q.id for q in validate(data).questions]
    assert len(set(ids)) == len(ids) and all(SLUG.match(qid) for qid in ids)
    reloaded = yaml.safe_load(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert validate(reloaded) == validate(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text: str) -> None:
    check_result(parse_markdown_questions(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_BITS, max_size=80).map("".join))
def test_any_markdown_like_text(text: str) -> None:
    check_result(parse_markdown_questions(text))


LONG_UNITS = st.sampled_from(
    [
        " ", "?", "? -", "|", "| a ", "|-", "*", "**", "_", "[", "](", "<", "#", "- ", "1. ",
        "Tell me ", "why ", "you ", "my ", "the team ", "salary ", "what would you do if ",
        "how do you decide ", "Tip: ", "¿", "؟", "\t", "we ", "here ", "next steps ",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(MARKDOWN_BITS, max_size=6).map("".join),
    LONG_UNITS,
    st.integers(min_value=1_000, max_value=20_000),
    st.sampled_from(["", "\n", "?\n", " |\n|---|\n"]),
)
def test_long_lines_take_bounded_time(head: str, unit: str, repeat: int, tail: str) -> None:
    """A long run of one unit, after any start and before any end, neither crashes the import
    nor takes long (a pattern that backtracks would take seconds on 20,000 repeats)."""
    text = head + unit * repeat + tail + "- " + unit * (repeat // 10) + "?\n"
    start = time.perf_counter()
    check_result(parse_markdown_questions(text))
    assert time.perf_counter() - start < 3


@pytest.mark.parametrize(
    "text",
    [
        "|" * 100_000,
        "| Question |\n|---|\n" + "| Why? |\n" * 20_000,
        "[" * 100_000,
        "![" * 50_000,
        "a" + "_" * 100_000 + "b",
        " ".join("`" * (n % 40 + 1) for n in range(10_000)),
        "<a " * 50_000,
        "? -" * 50_000,
        "<!--" * 50_000,
        " Tip:" * 50_000,
        "".join(" " * (n % 200) + "- Why is it so?\n" for n in range(10_000)),
        "# Why is it so?\n" + "- Why is it so?\n" * 10_000,
    ],
)
def test_pathological_input_is_fast(text: str) -> None:
    start = time.perf_counter()
    parse_markdown_questions(text)
    assert time.perf_counter() - start < 5


def test_a_bold_question_then_an_entity_dash_and_a_tip_keeps_only_the_question() -> None:
    result = parse_markdown_questions(
        "1. **Tell me about a time you found an error in a report** &ndash; tip: be honest\n"
    )
    assert [q.text for q in result.questions] == [
        "Tell me about a time you found an error in a report"
    ]


def test_a_whole_bold_sentence_then_a_question_after_a_dash_is_the_question_and_its_probe() -> None:
    result = parse_markdown_questions(
        "1. **Describe a time you coached someone through a new skill.** – What could they do"
        " afterwards?\n"
        "2. **Describe a failure**: what did you learn?\n"
        "3. **Tell me about a decision that saved money.** — Put a number on it if you can.\n"
    )
    assert [(q.text, q.probes) for q in result.questions] == [
        (
            "Describe a time you coached someone through a new skill.",
            ("What could they do afterwards?",),
        ),
        ("Describe a failure: what did you learn?", ()),
        ("Tell me about a decision that saved money.", ()),
    ]
