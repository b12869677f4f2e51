"""An interviewer's recorded title maps to an audience, and each interviewer gets questions
to ask that suit them; the rule holds its floor on the labelled titles it was not tuned on."""

from __future__ import annotations

import pytest

from prepcoach.interviews.core import Interviewer
from prepcoach.kit.audiences import audience_for_title, suggest_for_interviewers
from tests.judge_data import builtin_library, half, load


def _audience(title: str) -> str | None:
    found = audience_for_title(title)
    return found.audience if found else None


@pytest.mark.parametrize(
    ("title", "audience"),
    [
        ("Talent Acquisition Partner", "recruiter"),
        ("Head of Talent Acquisition", "recruiter"),
        ("VP Engineering", "executive"),
        ("CTO", "executive"),
        ("Head of Design", "executive"),
        ("Chief People Officer", "executive"),
        ("Engineering Manager", "hiring-manager"),
        ("hiring manager", "hiring-manager"),
        ("Team Lead, Data Platform", "hiring-manager"),
        ("Senior Engineer", "peer"),
        ("teammate", "peer"),
        ("Product Manager", "peer"),
        ("Account Executive", "peer"),
        ("Executive Assistant to the CEO", "peer"),
        ("Tech Lead", "peer"),
    ],
)
def test_a_title_reads_as_the_audience_a_recruiter_would_say(title: str, audience: str) -> None:
    assert _audience(title) == audience


@pytest.mark.parametrize("title", ["", "   ", "TBC", "Interviewer", "n/a", "?"])
def test_a_missing_or_placeholder_title_is_unknown(title: str) -> None:
    assert audience_for_title(title) is None


def test_accents_and_case_do_not_matter() -> None:
    assert _audience("CHARGÉE DE RECRUTEMENT") == _audience("chargee de recrutement") == "recruiter"


def test_the_rule_says_which_words_decided() -> None:
    found = audience_for_title("Senior Technical Recruiter")
    assert found is not None and found.why == "recruiter"


def _accuracy(name: str) -> tuple[float, float]:
    items = half(load("audiences", "titles.yaml")["titles"], name)
    right = wrong = 0
    for item in items:
        got = _audience(item["title"])
        ok = got in {item["audience"], *(item.get("alternatives") or [])}
        right += ok
        wrong += bool(got) and not ok
    return right / len(items), wrong / len(items)


def test_floor_on_the_check_half() -> None:
    right, wrong = _accuracy("check")
    assert right >= 0.90, right
    assert wrong <= 0.06, wrong


def test_the_tune_half_is_not_worse_than_the_check_half_by_chance() -> None:
    right, _wrong = _accuracy("tune")
    assert right >= 0.95, right


def test_every_built_in_question_to_ask_names_its_audiences() -> None:
    untagged = [q.id for q in builtin_library().ask_questions.values() if not q.audiences]
    assert untagged == []


@pytest.mark.parametrize("stage", ["first", "second", "final"])
def test_every_audience_has_questions_for_every_stage(stage: str) -> None:
    library = builtin_library()
    people = [
        Interviewer("A", "Recruiter"),
        Interviewer("B", "Engineering Manager"),
        Interviewer("C", "Senior Engineer"),
        Interviewer("D", "VP Engineering"),
        Interviewer("E", ""),
    ]
    for found in suggest_for_interviewers(people, library.ask_questions, stage=stage):
        assert len(found.questions) == 3, found
        if found.audience:
            assert all(found.audience in q.audiences for q in found.questions)


def test_each_interviewer_gets_their_own_questions_shortlisted_first() -> None:
    library = builtin_library()
    people = [Interviewer("Ann", "Talent Acquisition Partner"), Interviewer("Raj", "CTO")]
    shortlist = ["ask-offer-process", "ask-biggest-risk", "ask-closest-colleagues"]
    ann, raj = suggest_for_interviewers(
        people, library.ask_questions, stage="second", shortlist=shortlist
    )
    assert ann.audience == "recruiter" and raj.audience == "executive"
    assert ann.questions[0].id == "ask-offer-process"
    assert raj.questions[0].id == "ask-biggest-risk"
    assert ann.shortlisted == {"ask-offer-process", "ask-closest-colleagues"}
    assert not {q.id for q in ann.questions} & {q.id for q in raj.questions}
    assert len({q.category for q in raj.questions}) > 1  # spread, not three of a kind


def test_an_unknown_title_says_so_and_gets_general_questions() -> None:
    library = builtin_library()
    (nobody, placeholder) = suggest_for_interviewers(
        [Interviewer("Sam", ""), Interviewer("Kim", "TBC")], library.ask_questions
    )
    assert nobody.reading == "no title recorded — general questions"
    assert "says nothing" in placeholder.reading
    assert all(len(q.audiences) >= 2 for q in nobody.questions)


def test_the_labelled_titles_are_well_formed() -> None:
    items = load("audiences", "titles.yaml")["titles"]
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    assert len(half(items, "tune")) == len(half(items, "check")) >= 60
    audiences = {"recruiter", "hiring-manager", "peer", "executive", None}
    for item in items:
        assert item["audience"] in audiences, item
        assert set(item["alternatives"]) <= audiences - {None, item["audience"]}, item
    for name in ("tune", "check"):
        kinds = {item["audience"] for item in half(items, name)}
        assert kinds == audiences, name  # both halves hold every kind


def test_a_shortlisted_question_is_suggested_to_one_person_only() -> None:
    library = builtin_library()
    people = [
        Interviewer("Ann", "Recruiter"),
        Interviewer("Mia", "Engineering Manager"),
        Interviewer("Sam", ""),
    ]
    shortlist = ["ask-why-role-open", "ask-hardest-part-early-on", "ask-what-you-enjoy"]
    found = suggest_for_interviewers(people, library.ask_questions, shortlist=shortlist)
    owners = {
        qid: [s.name for s in found if qid in {q.id for q in s.questions}] for qid in shortlist
    }
    # recruiter is named first for the role-open question; the hiring manager before a peer
    # for the hardest part; the one that suits everyone goes to someone whose title is known
    assert owners == {
        "ask-why-role-open": ["Ann"],
        "ask-hardest-part-early-on": ["Mia"],
        "ask-what-you-enjoy": ["Ann"],
    }


def test_for_a_job_in_recruiting_the_hr_people_are_colleagues() -> None:
    assert _audience("Talent Acquisition Partner") == "recruiter"
    found = audience_for_title("Talent Acquisition Partner", recruiting_job=True)
    assert found is not None and found.audience == "peer"
    found = audience_for_title("Head of Talent Acquisition", recruiting_job=True)
    assert found is not None and found.audience == "executive"
    found = audience_for_title("Recruitment Manager", recruiting_job=True)
    assert found is not None and found.audience == "hiring-manager"


def test_the_interviews_role_decides_how_hr_titles_read() -> None:
    from prepcoach.interviews.core import Interview
    from prepcoach.kit.audiences import suggest_for_interview

    library = builtin_library()
    panel = (Interviewer("Ann", "Talent Acquisition Partner"),)
    sales = Interview(company="Acme", role="Account Executive", interviewers=panel)
    recruiting = Interview(company="Acme", role="Senior Recruiter", interviewers=panel)
    assert suggest_for_interview(sales, library)[0].audience == "recruiter"
    assert suggest_for_interview(recruiting, library)[0].audience == "peer"
