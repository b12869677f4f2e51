"""The prep sheet's "not done yet" lines name the interview, as `prep status` does: with two
interviews ahead, a bare `prep salary` would record the range on the other one."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_prep


def _interviews() -> str:
    for company, when in (("Acme", "fri 10:00"), ("Bob's Café", "sat 10:00")):
        added = run_prep("interview", "add", "--company", company, "--when", when)
        assert added.exit_code == 0, added.output
    listed = run_prep("interview", "list", "--json")

    return next(i["id"] for i in json.loads(listed.stdout) if i["company"] == "Bob's Café")


def test_the_sheet_names_the_interview_in_each_command(home: Path, tmp_path: Path) -> None:
    bob = _interviews()
    out = tmp_path / "sheet.md"
    result = run_prep("sheet", bob, "--out", str(out), "--format", "markdown")
    assert result.exit_code == 0, result.output
    sheet = out.read_text(encoding="utf-8")
    assert f"No range recorded yet: prep salary {bob}" in sheet
    assert f"Record a range first: prep salary {bob}" in sheet
    assert f"None picked yet: prep ask {bob}" in sheet
    assert 'No research yet: prep research "Bob\'s Café"' in sheet
    html = tmp_path / "sheet.html"
    assert run_prep("sheet", bob, "--out", str(html)).exit_code == 0
    assert f"prep salary {bob}" in html.read_text(encoding="utf-8")


def test_status_quotes_a_company_as_a_person_would(home: Path) -> None:
    bob = _interviews()
    result = run_prep("status", bob)
    assert result.exit_code == 0, result.output
    assert 'prep research "Bob\'s Café"' in result.stdout, result.stdout
