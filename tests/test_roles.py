"""A free-text job title maps to a role pack, or to none when unsure; practice without
--role prepares for the interview's role, else the profile's, and never another role's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from prepcoach.content.roles import RoleIndex, match_role
from prepcoach.practice.plan import Filters, History, plan_session
from tests.helpers import invoke
from tests.judge_data import builtin_library, half, load


def _role(title: str) -> str | None:
    found = match_role(title, builtin_library().roles)
    return found.role if found else None


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Senior Account Executive", "sales"),
        ("Project Manager (m/w/d)", "project-management"),
        ("Staff Software Engineer", "software-engineering"),
        ("Customer Service Advisor", "customer-service"),
        ("Senior Data Analyst", "data-analytics"),
        ("people-management", "people-management"),
        ("sofware engineer", "software-engineering"),
        ("DATA ANALYST", "data-analytics"),
    ],
)
def test_the_six_original_roles(title: str, role: str) -> None:
    assert _role(title) == role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Sr. Product Manager, Payments", "product-management"),
        ("Marketing Manager", "marketing"),
        ("Financial Analyst", "finance"),
        ("Talent Acquisition Partner", "hr-recruiting"),
        ("UX Designer", "ux-design"),
        ("Staff Nurse", "healthcare"),
        ("Graduate Trainee", "graduate"),
        ("Strategy Consultant", "consulting"),
        ("Secondary School Teacher (Maths)", "teaching"),
    ],
)
def test_the_new_roles(title: str, role: str) -> None:
    if role not in builtin_library().roles:
        pytest.skip(f"no {role} role pack yet")
    assert _role(title) == role


@pytest.mark.parametrize("title", ["Astronomer", "Electrician", "Architect", "PM", "", "   "])
def test_an_unknown_or_ambiguous_title_is_no_role(title: str) -> None:
    assert _role(title) is None


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Store Supervisor", "retail-hospitality"),  # a supervisor in a field is the field's
        ("HR Administrator", "hr-recruiting"),
        ("Contact Center Representative", "customer-service"),  # and spellings are one
        ("Sales Mgr", "sales"),
        ("Apprentice, Software Engineering", "graduate"),  # an entry-level marker decides
        ("Site Manager", None),  # "site" only as part of "site reliability engineer"
        ("Security Officer", None),
        ("Chief of Staff", "executive-assistant"),  # an alias of level words only
    ],
)
def test_a_field_and_a_generic_job_noun(title: str, role: str | None) -> None:
    assert _role(title) == role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Design Engineer", None),  # an engineer: of machines or circuits as often as of UIs
        ("Senior Mechanical Design Engineer", None),
        ("Marketing Engineer", None),
        ("Interior Designer", None),
        ("Design Manager", "ux-design"),  # a generic job noun: the field decides
        ("Backend Engineer", "software-engineering"),
        ("QA Automation Engineer", "software-engineering"),
        ("Technical Support Engineer", "customer-service"),  # an alias of several words
    ],
)
def test_the_job_noun_of_a_title_says_its_family(title: str, role: str | None) -> None:
    assert _role(title) == role


def test_a_title_of_two_families_says_both() -> None:
    result = invoke("profile", "set", "--role", "Design Engineer")
    assert result.exit_code == 1
    assert "it could be software-engineering or ux-design" in result.output
    result = invoke("profile", "set", "--role", "Mechanical Design Engineer")
    assert result.exit_code == 1 and "ux-design" not in result.output.split("(role packs")[0]


def test_accents_and_case_do_not_matter() -> None:
    roles = builtin_library().roles
    index = RoleIndex(roles)
    assert index.match("DÉVELOPPEUR") == index.match("developpeur")


def test_floor_on_the_check_half() -> None:
    index = RoleIndex(builtin_library().roles)
    items = half(load("roles", "roles.yaml")["roles"])
    right = wrong = 0
    for item in items:
        found = index.match(item["title"])
        got = found.role if found else None
        accepted = {item["role"], *(item.get("alternatives") or [])} - {None}
        ok = got in accepted if item["role"] else got is None
        right += ok
        wrong += bool(got) and not ok
    assert right / len(items) >= 0.92, right
    assert wrong / len(items) <= 0.02, wrong


def test_the_profile_keeps_a_target_role() -> None:
    result = invoke("profile", "set", "--role", "Senior Data Analyst")
    assert result.exit_code == 0, result.output
    assert "data-analytics" in result.output
    result = invoke("profile", "set", "--role", "Astronomer")
    assert result.exit_code == 1
    assert "cannot tell which role pack 'Astronomer' is" in result.output
    assert invoke("profile", "set", "--role", "").exit_code == 0


def test_without_a_role_no_role_specific_question_is_served() -> None:
    library = builtin_library()
    plan = plan_session(library, "quick", Filters(), History(), count=400)
    assert plan and all(not library.questions[p.question_id].roles for p in plan)
    plan = plan_session(library, "quick", Filters(role="sales"), History(), count=400)
    roles = {r for p in plan for r in library.questions[p.question_id].roles}
    assert roles == {"sales"}


def _skips(path: Path) -> Path:
    path.write_text(
        yaml.safe_dump({"answers": [{"skip": True} for _ in range(3)]}), encoding="utf-8"
    )
    return path


def test_practice_uses_the_interviews_role_else_the_profiles(tmp_path: Path) -> None:
    answers = _skips(tmp_path / "a.yaml")
    invoke("profile", "set", "--role", "sales")
    result = invoke("practice", "--mode", "quick", "--answers", str(answers))
    assert "role=sales" in result.output and "from your profile" in result.output
    added = invoke(
        "interview", "add", "--company", "Acme", "--role", "Senior Data Analyst",
        "--when", "2031-01-05",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    result = invoke("practice", "--mode", "quick", "--answers", str(answers))
    assert "role=data-analytics" in result.output, result.output
    assert "from the interview's role" in result.output
