"""`prep profile`: show, set, edit; bad input is refused with a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers import invoke
from prepcoach.profile.core import Profile


def profile() -> dict[str, object]:
    data = json.loads(invoke("profile", "--json").stdout)
    assert isinstance(data, dict)
    return data


def test_an_empty_profile_says_how_to_fill_it() -> None:
    result = invoke("profile")
    assert result.exit_code == 0 and "prep profile edit" in result.stdout


def test_set_changes_only_the_given_fields() -> None:
    first = invoke(
        "profile", "set", "--name", "Ada Lovelace", "--email", "ada@example.com",
        "--link", "https://linkedin.com/in/ada", "--link", "https://ada.dev",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    assert invoke("profile", "set", "--phone", "+44 20 7946 0000").exit_code == 0
    data = profile()
    assert data["name"] == "Ada Lovelace" and data["phone"] == "+44 20 7946 0000"
    assert data["links"] == ["https://linkedin.com/in/ada", "https://ada.dev"]
    shown = invoke("profile").stdout
    assert "Ada Lovelace" in shown and "(made from your details)" in shown
    assert invoke("profile", "set", "--clear-links", "--link", "https://x.dev").exit_code == 0
    assert profile()["links"] == ["https://x.dev"]
    assert invoke("profile", "set", "--signature", "Cheers,\\nAda").exit_code == 0
    assert profile()["signature"] == "Cheers,\nAda"


def test_signature_from_a_file_and_unicode_names(tmp_path: Path) -> None:
    signature = tmp_path / "sig.txt"
    signature.write_text("مع التحية\nليلى 🌙\n", encoding="utf-8")
    result = invoke("profile", "set", "--name", "ليلى", "--signature-file", str(signature))
    assert result.exit_code == 0, result.output
    assert profile()["signature"] == "مع التحية\nليلى 🌙"
    assert "ليلى 🌙" in invoke("profile").stdout


def test_bad_profile_input() -> None:
    bad_email = invoke("profile", "set", "--email", "ada@")
    assert bad_email.exit_code == 1 and "'ada@' is not a valid email" in bad_email.stderr
    bad_phone = invoke("profile", "set", "--phone", "call me")
    assert bad_phone.exit_code == 1 and "does not look like a phone number" in bad_phone.stderr
    nothing = invoke("profile", "set")
    assert nothing.exit_code == 1 and "nothing to change" in nothing.stderr
    assert profile()["email"] == ""


def test_edit_goes_field_by_field(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "profile.name": "Grace Hopper",
                "profile.email": "grace@example.com",
                "profile.phone": "",
                "profile.links": "https://a.example https://b.example",
                "profile.signature": "",
            }
        ),
        encoding="utf-8",
    )
    result = invoke("profile", "edit", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    data = profile()
    assert data["links"] == ["https://a.example", "https://b.example"]
    assert Profile(name="Grace Hopper", email="grace@example.com").signature_text() == (
        "Grace Hopper\ngrace@example.com"
    )
    assert invoke("profile", "edit").exit_code == 1  # no terminal, no answers


def test_edit_keeps_the_role_locale_and_current_pay(tmp_path: Path) -> None:
    set_ = invoke("profile", "set", "--role", "sales", "--locale", "en-GB", "--current-pay", "£50k")
    assert set_.exit_code == 0, set_.output
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "profile.name": "Grace Hopper",
                "profile.email": "grace@example.com",
                "profile.phone": "",
                "profile.links": "",
                "profile.signature": "",
            }
        ),
        encoding="utf-8",
    )
    assert invoke("profile", "edit", "--answers", str(answers)).exit_code == 0
    data = profile()
    assert (data["target_role"], data["locale"], data["current_pay"]) == ("sales", "en-gb", "£50k")


def test_the_profile_at_80_columns_says_what_is_made_and_matched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("profile", "set", "--role", "Backend engineer")
    assert result.exit_code == 0, result.output
    rows = {line.split("  ")[0]: line for line in result.stdout.splitlines()}
    # no details yet: the signature is said to be made from them, not shown as blank
    assert "- (made from your name, phone and email)" in rows["signature"]
    # the typed title was matched to a pack: the pack is named as such
    assert "Software engineering  (the role pack software-engineering)" in rows["target role"]
    # the command to set a locale is whole on its line, not cut at the edge
    assert any(line.strip() == "prep profile set --locale en-GB)" for line in rows.values())
