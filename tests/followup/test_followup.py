"""Follow-up emails, core: filling fields, rendering every template, the sandbox and the checks."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from prepcoach.content.library import ContentFile, check_files, content_files, load_library
from prepcoach.content.model import EmailTemplate
from prepcoach.followup import checks, core, fields, filling, wording
from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.kernel import paths
from prepcoach.kernel.errors import ContentError, NotFoundError, PrepError
from prepcoach.profile.core import Profile

NOW = datetime(2025, 3, 11, 15, 0, tzinfo=UTC)  # a Tuesday
GOLDEN = Path(__file__).parents[1] / "data" / "followup"


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@dataclass(frozen=True)
class Concern:
    text: str
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class FakePostmortem:
    """The post-mortem as the follow-up reads it (see `core.PostmortemLike`)."""

    people: tuple[Interviewer, ...] = ()
    topics: tuple[str, ...] = ()
    excited_about: str = ""
    concerns: tuple[Concern, ...] = ()


JANE = Interviewer("Jane Doe", "VP Product", "jane@acme.example")
SAM = Interviewer("Sam Lee", "Engineering manager", "sam@acme.example")
PROFILE = Profile(
    name="Zoë Brontë",
    email="zoe@example.com",
    phone="+44 20 7946 0000",
    signature="Best,\nZoë Brontë\n+44 20 7946 0000",
)
INTERVIEW = Interview(
    id="iv-abc234",
    company="Acme Ltd",
    role="Product manager",
    stage="first",
    when=datetime(2025, 3, 11, 10, 0, tzinfo=UTC),
    interviewers=(JANE, SAM),
)
POSTMORTEM = FakePostmortem(
    people=(Interviewer("Ana Ruiz", "Data lead"),),
    topics=("how the team plans quarterly releases", "the move to self-serve analytics."),
    excited_about="building the analytics platform from the ground up",
    concerns=(Concern("Doubts about handling many stakeholders", ("communication", "conflict")),),
)
NAMES = {"communication": "Communication", "conflict": "Conflict resolution"}


@pytest.fixture(scope="module")
def templates() -> dict[str, EmailTemplate]:
    library = load_library(content_files(paths.builtin_content_dir(), None, []))
    return library.email_templates


def full_sources(**changes: object) -> core.Sources:
    sources = core.Sources(
        profile=PROFILE,
        interview=INTERVIEW,
        postmortem=POSTMORTEM,
        competency_names=NAMES,
        story_competencies=frozenset({"conflict"}),
        reference=NOW,
    )
    return replace(sources, **changes)  # type: ignore[arg-type]


def draft_for(
    template: EmailTemplate,
    sources: core.Sources,
    recipient: core.Recipient,
    answers: dict[str, str] | None = None,
    position: int = 0,
) -> core.Draft:
    people = core.people_for(sources.interview, sources.postmortem)
    values = filling.gather_fields(sources, recipient, position=position, everyone=people)
    values = filling.with_answers(values, answers or {}, NOW)
    assert fields.missing_fields(template, values) == []
    return core.render_followup(template, values, origin="test.yaml", interview_id="iv-abc234")


def jane() -> core.Recipient:
    return core.Recipient(JANE.name, JANE.email, JANE.title)


# ---------------------------------------------------------------------------- content

BUILT_IN_TEMPLATES = (
    "thank-you-first",
    "thank-you-final",
    "thank-you-panel",
    "check-in",
    "rejection-reply",
    "withdraw",
    "offer-acceptance",
    "counter-offer",
    "offer-decline",
    "promised-material",
    "thank-you-late",
    "reschedule",
)


def test_the_built_in_templates_are_there(templates: dict[str, EmailTemplate]) -> None:
    assert set(templates) >= set(BUILT_IN_TEMPLATES)
    assert templates["thank-you-panel"].per_interviewer
    assert templates["thank-you-first"].send_within_hours == 24


EXTRA = {
    "promised_date": "2025-03-07",
    "reason": "I have accepted another offer",
    "start_date": "Monday 2 June",
    "counter_figure": "68,000",
    "counter_reason": "that is in line with the market for a role of this scope",
    "material": "the sample dashboard we discussed",
    "new_times": "Thursday after 2pm or Friday morning",
}


@pytest.mark.parametrize("template_id", BUILT_IN_TEMPLATES)
def test_every_template_renders_with_full_data(
    templates: dict[str, EmailTemplate], template_id: str
) -> None:
    template = templates[template_id]
    answers = {k: v for k, v in EXTRA.items() if k in (*template.required, *template.optional)}
    draft = draft_for(template, full_sources(), jane(), answers)
    assert draft.subject and "{" not in draft.subject
    assert draft.body.startswith("Dear Jane,")
    assert draft.body.endswith("Zoë Brontë\n+44 20 7946 0000")
    assert "Best,\n" not in draft.body  # the profile's own sign-off is not doubled
    assert "Acme Ltd" in draft.subject + draft.body
    findings = checks.check_drafts([draft], template, interview=INTERVIEW, reference=NOW)
    assert [f.message for f in findings] == []
    assert draft.words() <= core.WORD_LIMIT


@pytest.mark.parametrize("template_id", BUILT_IN_TEMPLATES)
def test_every_template_renders_with_minimal_data(
    templates: dict[str, EmailTemplate], template_id: str
) -> None:
    """Only the required fields, given by the user: no gaps where optional ones would go."""
    template = templates[template_id]
    minimal = {
        "recipient_name": "Sam",
        "company": "Initech",
        "role": "Analyst",
        "topic": "reporting",
        "skill": "SQL",
        "signature": "Sam",
        "promised_date": "Friday",
        "counter_figure": "60,000",
        "material": "the report",
        "new_times": "Friday morning",
    }
    answers = {k: v for k, v in minimal.items() if k in template.required or k == "recipient_name"}
    values = filling.with_answers(
        filling.gather_fields(core.Sources(profile=Profile(), reference=NOW), core.Recipient("")),
        answers,
        NOW,
    )
    assert fields.missing_fields(template, values) == []
    draft = core.render_followup(template, values)
    assert draft.body.startswith("Dear Sam,")
    assert not checks.GAP_RE.search(draft.body), draft.body
    assert not checks.PLACEHOLDER_RE.search(draft.subject + draft.body)
    codes = {f.code for f in checks.check_drafts([draft], template, reference=NOW)}
    assert codes <= {"check-in-early", "no-name"}  # no profile here: nobody to sign as


@pytest.mark.parametrize("template_id", ["thank-you-first", "check-in"])
def test_golden_output(templates: dict[str, EmailTemplate], template_id: str) -> None:
    template = templates[template_id]
    answers = {"promised_date": "2025-03-07"} if template_id == "check-in" else {}
    draft = draft_for(template, full_sources(), jane(), answers)
    golden = GOLDEN / f"{template_id}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(draft.text(), encoding="utf-8")
    assert draft.text() == golden.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- filling


def test_fields_come_from_the_profile_the_interview_and_the_post_mortem() -> None:
    values = filling.gather_fields(
        full_sources(), jane(), everyone=core.people_for(INTERVIEW, None)
    )
    assert values["my_name"] == "Zoë Brontë"
    assert values["signature"] == "Zoë Brontë\n+44 20 7946 0000"
    assert values["company"] == "Acme Ltd" and values["role"] == "Product manager"
    assert values["stage"] == "first round"
    assert values["interview_when"] == "today"
    assert values["interview_date"] == "Tuesday 11 March"
    assert values["first_name"] == "Jane" and values["recipient_email"] == "jane@acme.example"
    assert values["colleagues"] == "Sam Lee"
    assert values["topic"] == "how the team plans quarterly releases"
    assert values["excited_about"] == "building the analytics platform from the ground up"
    # the concern's competency that one of your stories shows, written mid-sentence
    assert values["skill"] == "conflict resolution"
    assert values["concern"] == "Doubts about handling many stakeholders"


def test_each_panel_member_gets_a_different_topic() -> None:
    first = filling.gather_fields(full_sources(), jane(), position=0)
    second = filling.gather_fields(full_sources(), core.Recipient("Sam Lee"), position=1)
    assert first["topic"] != second["topic"]
    assert second["topic"] == "the move to self-serve analytics"  # no trailing full stop


def test_people_merge_the_interview_and_the_post_mortem() -> None:
    people = core.people_for(INTERVIEW, POSTMORTEM)
    assert [p.name for p in people] == ["Jane Doe", "Sam Lee", "Ana Ruiz"]
    pm = FakePostmortem(people=(Interviewer("jane doe", "", "other@acme.example"),))
    assert core.people_for(INTERVIEW, pm)[0].email == "jane@acme.example"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2025, 3, 11, 9, 0, tzinfo=UTC), "today"),
        (datetime(2025, 3, 10, 17, 0, tzinfo=UTC), "yesterday"),
        (date(2025, 3, 7), "on Friday"),
        (date(2025, 2, 20), "on Thursday 20 February"),
        (date(2024, 12, 2), "on Monday 2 December 2024"),
        (None, ""),
    ],
)
def test_the_interview_day_reads_naturally(moment: date | None, expected: str) -> None:
    assert wording.spoken_when(moment, NOW) == expected


@pytest.mark.parametrize(
    ("name", "greeting"),
    [("Jane Doe", "Jane"), ("Dr. Jane Doe", "Jane"), ("Prof Ana", "Ana"), ("Dr", "Dr"), ("", "")],
)
def test_greeting_name(name: str, greeting: str) -> None:
    assert wording.greeting_name(name) == greeting


def test_missing_fields_lists_only_what_is_still_empty(
    templates: dict[str, EmailTemplate],
) -> None:
    template = templates["thank-you-first"]
    sources = full_sources(postmortem=None, profile=Profile())
    values = filling.gather_fields(sources, core.Recipient(""))
    assert fields.missing_fields(template, values) == [
        "recipient_name",
        "topic",
        "skill",
        "signature",
    ]
    values = filling.with_answers(
        values, {"recipient_name": "Dr Ana Ruiz", "topic": "pricing."}, NOW
    )
    assert values["first_name"] == "Ana" and values["topic"] == "pricing"
    assert fields.missing_fields(template, values, ["recipient_email"]) == [
        "skill",
        "signature",
        "recipient_email",
    ]


def test_a_promised_date_is_written_out() -> None:
    values = filling.with_answers({}, {"promised_date": "2025-03-07"}, NOW)
    assert values["promised_date"] == "Friday 7 March"
    assert filling.with_answers({}, {"promised_date": "end of the month"}, NOW)[
        "promised_date"
    ] == ("end of the month")
    assert core.promised_day("Friday 7 March", NOW) == date(2025, 3, 7)
    assert core.promised_day("by 7 March 2025", NOW) == date(2025, 3, 7)
    assert core.promised_day("soon", NOW) is None


# ---------------------------------------------------------------------------- recipients


def test_pick_recipients() -> None:
    people = core.people_for(INTERVIEW, None)
    assert core.pick_recipients(people, None) is None  # several: the caller asks
    assert core.pick_recipients(people[:1], None) == people[:1]
    assert core.pick_recipients([], None) == [core.Recipient("")]
    assert core.pick_recipients(people, "all") == people
    assert core.pick_recipients(people, "sam") == [people[1]]
    assert core.pick_recipients(people, "jane@acme.example") == [people[0]]
    outsider = core.pick_recipients(people, "Kim Park <kim@acme.example>")
    assert outsider == [core.Recipient("Kim Park", "kim@acme.example")]
    with pytest.raises(NotFoundError, match="did you mean 'Jane Doe'.*--to 'Name <name@"):
        core.pick_recipients(people, "Jnae Doe")
    with pytest.raises(PrepError, match="no interviewers yet"):
        core.pick_recipients([], "all")


@pytest.mark.parametrize(
    "spec",
    [
        "Kim <kim@acme.example>\r\nBcc: evil@x.example",
        "Kim\nBcc: evil@x.example <kim@acme.example>",
        "kim@acme.example, evil@x.example",
        "<kim@acme.example>\x00",
        "kim@acme.example\u2028Bcc: evil@x.example",
        "not an address <nope>",
    ],
)
def test_a_recipient_with_an_injection_is_refused(spec: str) -> None:
    with pytest.raises(PrepError, match="--to"):
        core.parse_recipient(spec)


# ---------------------------------------------------------------------------- the sandbox


def _template(body: str, subject: str = "Hello", **changes: object) -> EmailTemplate:
    base = EmailTemplate(
        id="mine",
        title="Mine",
        purpose="p",
        when="w",
        subject=subject,
        body=body,
        required=("first_name",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ first_name|attr('__class__') }}",
        "{{ first_name['__class__'] }}",
    ],
)
def test_a_template_that_reaches_outside_the_sandbox_is_a_content_error(body: str) -> None:
    template = _template(body)
    with pytest.raises(
        ContentError, match=r"'mine' \(my-pack.yaml\).*outside the template sandbox"
    ):
        core.render_followup(template, {"first_name": "Jane"}, origin="my-pack.yaml")
    from prepcoach.followup.templating import template_problems

    assert any("outside the template sandbox" in m for _loc, m in template_problems(template))


def test_undeclared_and_misspelt_fields_are_caught_when_content_is_loaded(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "pack: mine\ntitle: Mine\nversion: '1.0.0'\ndescription: d\n"
        "email_templates:\n"
        "  - id: sneaky\n    title: S\n    purpose: p\n    when: w\n"
        "    required: [first_name, Bad-Name]\n"
        "    subject: Hi {{ first_name }}\n"
        "    body: |\n      {{ ''.__class__ }} {{ topc }}\n"
        "  - id: broken\n    title: B\n    purpose: p\n    when: w\n"
        "    subject: Hi\n    body: '{% if %}'\n",
        encoding="utf-8",
    )
    _library, problems = check_files([ContentFile(pack, False)])
    text = "\n".join(str(p) for p in problems)
    assert "mine.yaml:12:" in text and "'__class__' reaches outside the template sandbox" in text
    assert "uses 'topc' but does not list it" in text and "(did you mean 'topic'?)" in text
    assert "'Bad-Name' is not a field name" in text
    assert "email template 'broken': body line 1:" in text


def test_an_undefined_field_at_render_time_names_the_file() -> None:
    template = _template("{{ nope }}")
    with pytest.raises(ContentError, match=r"\(pack.yaml\), body: 'nope' is undefined"):
        core.render_followup(template, {}, origin="pack.yaml")


def test_every_bundled_template_passes_the_static_checks() -> None:
    _library, problems = check_files(content_files(paths.builtin_content_dir(), None, []))
    assert [str(p) for p in problems if "email" in str(p)] == []


# ---------------------------------------------------------------------------- checks


def codes(draft: core.Draft, template: EmailTemplate, **kw: object) -> list[str]:
    reference = kw.pop("reference", NOW)
    interview = kw.pop("interview", INTERVIEW)
    findings = checks.check_drafts(
        [draft],
        template,
        interview=interview,  # type: ignore[arg-type]
        reference=reference,  # type: ignore[arg-type]
    )
    return [f.code for f in findings]


def good_draft(templates: dict[str, EmailTemplate]) -> core.Draft:
    return draft_for(templates["thank-you-first"], full_sources(), jane())


def test_a_good_draft_passes(templates: dict[str, EmailTemplate]) -> None:
    assert codes(good_draft(templates), templates["thank-you-first"]) == []


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        (
            "Thanks",
            "Dear [Interviewer Name], thanks. how the team plans quarterly releases",
            "placeholder",
        ),
        ("Thank you – {{ role }}", "how the team plans quarterly releases", "placeholder"),
        ("Thanks", "TODO: how the team plans quarterly releases", "placeholder"),
        (
            "Thanks",
            "I enjoyed talking about  at Acme. how the team plans quarterly releases",
            "unfilled",
        ),
        ("Thanks", "Thank you for your time.", "no-topic"),
        ("", "about how the team plans quarterly releases", "no-subject"),
        ("Thanks", "how the team plans quarterly releases " + "very " * 160, "too-long"),
    ],
)
def test_each_check_fires_on_a_crafted_bad_draft(
    templates: dict[str, EmailTemplate], subject: str, body: str, expected: str
) -> None:
    draft = core.with_text(good_draft(templates), subject, body)
    assert expected in codes(draft, templates["thank-you-first"])


def test_a_markdown_link_is_not_a_placeholder(templates: dict[str, EmailTemplate]) -> None:
    body = good_draft(templates).body + "\n[my portfolio](https://example.com)"
    draft = core.with_text(good_draft(templates), "Thanks", body)
    assert "placeholder" not in codes(draft, templates["thank-you-first"])


def test_an_empty_or_vague_topic_is_flagged(templates: dict[str, EmailTemplate]) -> None:
    template = templates["thank-you-first"]
    draft = draft_for(template, full_sources(), jane(), {"topic": "the role"})
    findings = checks.check_drafts([draft], template, interview=INTERVIEW, reference=NOW)
    assert [f.code for f in findings] == ["no-topic"]
    assert "'the role' is too general" in findings[0].message
    values = {**draft.values, "topic": ""}
    empty = replace(draft, values=values)
    assert "no-topic" in codes(empty, template)


def test_a_thank_you_later_than_24_hours_is_flagged(templates: dict[str, EmailTemplate]) -> None:
    draft = good_draft(templates)
    template = templates["thank-you-first"]
    assert codes(draft, template, reference=NOW + timedelta(hours=18)) == []
    late = checks.check_drafts(
        [draft], template, interview=INTERVIEW, reference=INTERVIEW.moment() + timedelta(hours=30)
    )
    assert [f.code for f in late] == ["late"]
    assert "30 hours ago" in late[0].message
    # a day-only interview counts from the end of its day
    day_only = replace(INTERVIEW, when=date(2025, 3, 11))
    assert codes(draft, template, interview=day_only, reference=NOW + timedelta(hours=30)) == []
    # a withdrawal has no deadline
    assert "late" not in codes(draft, templates["withdraw"], reference=NOW + timedelta(days=9))


def test_a_thank_you_before_the_interview_is_flagged(templates: dict[str, EmailTemplate]) -> None:
    draft = good_draft(templates)
    early = codes(draft, templates["thank-you-first"], reference=NOW - timedelta(hours=6))
    assert early == ["early"]


def test_a_check_in_before_the_promised_date_is_flagged(
    templates: dict[str, EmailTemplate],
) -> None:
    template = templates["check-in"]
    draft = draft_for(template, full_sources(), jane(), {"promised_date": "2025-03-14"})
    assert codes(draft, template) == ["check-in-early"]


def test_the_same_note_to_several_interviewers_is_flagged(
    templates: dict[str, EmailTemplate],
) -> None:
    template = templates["thank-you-panel"]
    sources = full_sources(postmortem=replace(POSTMORTEM, topics=("pricing",)))
    people = [jane(), core.Recipient("Sam Lee", "sam@acme.example")]
    drafts = [draft_for(template, sources, p, position=i) for i, p in enumerate(people)]
    findings = checks.check_drafts(drafts, template, interview=INTERVIEW, reference=NOW)
    assert [f.code for f in findings] == ["same-text"]
    assert "Jane Doe and Sam Lee" in findings[0].message
    varied = [draft_for(template, full_sources(), p, position=i) for i, p in enumerate(people)]
    assert checks.check_drafts(varied, template, interview=INTERVIEW, reference=NOW) == []


def test_word_count_leaves_out_the_signature() -> None:
    assert core.word_count("Dear Jane,\n\nThanks a lot.\n\nBest,\nZoë Brontë", "Zoë Brontë") == 6
    assert core.word_count("It's a well-known fact") == 4


def test_default_template_follows_the_process() -> None:
    ids = ["thank-you-first", "thank-you-final", "rejection-reply", "withdraw", "check-in"]
    assert core.default_template_id(INTERVIEW, ids) == "thank-you-first"
    assert core.default_template_id(replace(INTERVIEW, stage="final"), ids) == "thank-you-final"
    assert core.default_template_id(replace(INTERVIEW, status="rejected"), ids) == "rejection-reply"
    assert core.default_template_id(replace(INTERVIEW, status="withdrawn"), ids) == "withdraw"
    assert core.default_template_id(None, ["mine"]) == "mine"


def test_the_followup_interview_is_the_latest_that_started() -> None:
    past = replace(INTERVIEW, id="iv-aaaaaa", when=NOW - timedelta(days=1))
    older = replace(INTERVIEW, id="iv-bbbbbb", when=NOW - timedelta(days=5), status="done")
    ahead = replace(INTERVIEW, id="iv-cccccc", company="Globex", when=NOW + timedelta(days=2))
    assert core.followup_interview([older, past, ahead], None, NOW).id == "iv-aaaaaa"
    assert core.followup_interview([ahead], None, NOW).id == "iv-cccccc"
    assert core.followup_interview([older, past, ahead], "globex", NOW).id == "iv-cccccc"


def test_reminder_times() -> None:
    morning = datetime(2025, 3, 11, 10, 20, tzinfo=UTC)
    assert core.reminder_time(morning) == datetime(2025, 3, 11, 11, 20, tzinfo=UTC)
    night = datetime(2025, 3, 11, 22, 5, tzinfo=UTC)
    assert core.reminder_time(night) == datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
    early = datetime(2025, 3, 11, 6, 0, tzinfo=UTC)
    assert core.reminder_time(early) == datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
    deadline = datetime(2025, 3, 12, 8, 0, tzinfo=UTC)
    assert core.reminder_time(night, deadline) == datetime(2025, 3, 12, 7, 0, tzinfo=UTC)
    # Friday's promise: check in on Monday morning
    assert core.check_in_time(date(2025, 3, 7)) == datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("The new data platform team.", "the new data platform team"),
        ("Their move to self-serve dashboards", "their move to self-serve dashboards"),
        ("Python and dbt", "Python and dbt"),
        ("THE big launch", "THE big launch"),
        ("An idea about onboarding", "an idea about onboarding"),
        ("  spaced   out  ", "spaced out"),
    ],
)
def test_a_note_reads_well_in_the_middle_of_a_sentence(note: str, expected: str) -> None:
    from prepcoach.followup.wording import phrase

    assert phrase(note) == expected


# ---------------------------------------------------------------------------- who said what


@dataclass(frozen=True)
class RaisedConcern:
    text: str
    competencies: tuple[str, ...] = ()
    raised_by: str = ""


@dataclass(frozen=True)
class PanelPostmortem:
    people: tuple[Interviewer, ...] = ()
    topics: tuple[str, ...] = ()
    excited_about: str = ""
    concerns: tuple[RaisedConcern, ...] = ()
    topic_by: dict[str, str] | None = None
    promises: tuple[str, ...] = ()


ANA = Interviewer("Ana Ruiz", "Data lead", "ana@acme.example")
PANEL_TOPICS = {
    "the pricing experiments for the new tier": "Jane Doe",
    "how on-call is shared across the teams": "Sam Lee",
    "the data team's hiring plans": "Ana Ruiz",
}
PANEL = PanelPostmortem(
    people=(JANE, SAM, ANA),
    # Ana's topic first: handing topics out by turn would thank Jane for it
    topics=tuple(reversed(PANEL_TOPICS)),
    excited_about="building the analytics platform from the ground up",
    concerns=(
        RaisedConcern("Whether I can run experiments with small samples", ("data",), "Jane Doe"),
        RaisedConcern("Keeping incidents calm across teams", ("communication",), "Sam Lee"),
    ),
    topic_by=PANEL_TOPICS,
    promises=("I'll send the write-up of the churn test",),
)
PANEL_EVIDENCE = (
    core.Evidence("On-call pages fell by 40% after I set up a shared rota.", ("communication",)),
    core.Evidence("We called the pricing test in two weeks with 800 users.", ("data",)),
)


def panel_drafts(template: EmailTemplate) -> list[core.Draft]:
    sources = full_sources(
        interview=replace(INTERVIEW, interviewers=(JANE, SAM, ANA)),
        postmortem=PANEL,
        evidence=PANEL_EVIDENCE,
    )
    people = core.people_for(sources.interview, sources.postmortem)
    return [
        core.render_followup(
            template,
            filling.gather_fields(sources, person, position=number, everyone=people),
            origin="test.yaml",
            interview_id="iv-abc234",
        )
        for number, person in enumerate(people)
    ]


@pytest.mark.parametrize("template_id", ["thank-you-panel", "thank-you-first"])
def test_golden_panel_of_three_each_with_their_own_topic(
    templates: dict[str, EmailTemplate], template_id: str
) -> None:
    drafts = panel_drafts(templates[template_id])
    for draft in drafts:
        first = draft.recipient.name.split()[0].casefold()
        golden = GOLDEN / f"{template_id}-panel-{first}.txt"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(draft.text(), encoding="utf-8")
        assert draft.text() == golden.read_text(encoding="utf-8")
        mine = [t for t, who in PANEL_TOPICS.items() if who == draft.recipient.name]
        others = [t for t, who in PANEL_TOPICS.items() if who != draft.recipient.name]
        assert all(t in draft.body for t in mine)
        assert not any(t in draft.body for t in others), draft.recipient.name
    assert len({d.body for d in drafts}) == 3
    findings = checks.check_drafts(drafts, templates[template_id], reference=NOW)
    assert "same-text" not in {f.code for f in findings}


def test_the_skill_sentence_is_a_result_and_the_promise_is_kept(
    templates: dict[str, EmailTemplate],
) -> None:
    jane_note, sam_note, _ana = panel_drafts(templates["thank-you-first"])
    assert "in my own work, we called the pricing test in two weeks with 800 users" in (
        jane_note.body
    )
    assert "on-call pages fell by 40%" in sam_note.body  # Sam raised the incidents concern
    assert "my experience in" not in jane_note.body
    assert "As promised, I will send the write-up of the churn test shortly." in jane_note.body


def test_the_same_note_drafted_one_person_at_a_time_is_flagged(
    templates: dict[str, EmailTemplate],
) -> None:
    template = templates["thank-you-first"]
    answers = {"topic": "the roadmap", "skill": "planning"}
    jane_note = draft_for(template, full_sources(), jane(), answers)
    sam_note = draft_for(template, full_sources(), core.Recipient("Sam Lee"), answers)
    alone = checks.check_drafts([sam_note], template, reference=NOW)
    assert "same-text" not in {f.code for f in alone}
    findings = checks.check_drafts(
        [sam_note], template, reference=NOW, earlier=[("Jane Doe", jane_note.body)]
    )
    assert [f.message for f in findings if f.code == "same-text"] == [
        "the notes to Sam Lee and Jane Doe are the same apart from the name; interviewers "
        "compare notes, so mention something you discussed with each (--edit, or a "
        "different --set topic per note)"
    ]


def test_a_profile_without_a_name_is_a_finding_with_its_fix(
    templates: dict[str, EmailTemplate],
) -> None:
    template = templates["thank-you-first"]
    draft = draft_for(
        template,
        full_sources(profile=Profile(email="zoe@example.com")),
        jane(),
        {"signature": "zoe@example.com"},
    )
    (finding,) = [
        f for f in checks.check_drafts([draft], template, reference=NOW) if f.code == "no-name"
    ]
    assert "prep profile set --name" in finding.message
    # a name typed as this note's signature signs it: nothing to warn about
    signed = draft_for(
        template,
        full_sources(profile=Profile(email="zoe@example.com")),
        jane(),
        {"signature": "Zoe Park\nzoe@example.com"},
    )
    found = checks.check_drafts([signed], template, reference=NOW)
    assert "no-name" not in {f.code for f in found}


def test_a_subject_naming_another_round_is_flagged(templates: dict[str, EmailTemplate]) -> None:
    template = templates["thank-you-first"]
    draft = draft_for(template, full_sources(), jane())
    wrong = replace(draft, subject="Thank you – first round")
    second = replace(INTERVIEW, stage="second")
    codes = {
        f.code for f in checks.check_drafts([wrong], template, interview=second, reference=NOW)
    }
    assert "round" in codes
    right = checks.check_drafts([wrong], template, interview=INTERVIEW, reference=NOW)
    assert "round" not in {f.code for f in right}


def test_a_company_named_for_a_followup_is_thanked_for_the_round_that_happened() -> None:
    first = replace(INTERVIEW, id="iv-dddddd", company="Northwind", when=NOW - timedelta(days=1))
    second = replace(
        INTERVIEW, id="iv-eeeeee", company="Northwind", stage="second", when=NOW + timedelta(2)
    )
    other = replace(INTERVIEW, id="iv-ffffff", company="Globex", when=NOW - timedelta(hours=2))
    found = [second, first, other]
    assert core.followup_interview(found, "northwind", NOW).id == "iv-dddddd"
    assert core.followup_interview(found, "iv-eeeeee", NOW).id == "iv-eeeeee"  # an id is kept
    assert core.followup_interview(found, "iv-ee", NOW).id == "iv-eeeeee"
    assert core.followup_interview([second], "northwind", NOW).id == "iv-eeeeee"  # none begun


def test_a_note_starting_with_a_or_an_is_written_in_lower_case_mid_sentence() -> None:
    from prepcoach.followup.wording import phrase

    assert phrase("A small team that owns the pipeline.") == "a small team that owns the pipeline"
    assert phrase("An honest manager") == "an honest manager"
    assert (
        phrase("AWS migration") == "AWS migration" and phrase("Acme's roadmap") == "Acme's roadmap"
    )


def test_a_capital_mid_sentence_from_a_note_is_pointed_out_unless_it_is_a_known_name() -> None:
    from prepcoach.followup.checks import _capitals

    def draft(body: str, **values: str) -> core.Draft:
        return core.Draft(
            "thank-you-first", core.Recipient("Priya Shah"), "Thanks", body, dict(values)
        )

    sent = draft("As promised, I will send Dashboard sample shortly.", promise="Dashboard sample")
    (found,) = _capitals([sent])
    assert found.code == "capital" and "'Dashboard sample'" in found.message
    assert not _capitals(
        [draft("Dashboard sample is attached.", promise="Dashboard sample")]
    )  # a sentence's start
    assert not _capitals(
        [
            draft(
                "I enjoyed hearing about Northwind plans.",
                topic="Northwind plans",
                company="Northwind",
            )
        ]
    )
    assert not _capitals(
        [draft("I will send the dashboard sample.", promise="the dashboard sample")]
    )
