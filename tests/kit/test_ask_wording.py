"""`prep ask` says what a question shows as one sentence: "shows that you ...", not
"shows: That you ...", and says where the shortlist is printed in words."""

from __future__ import annotations

from pathlib import Path

from helpers import run_prep
from prepcoach.kernel.wording import continued


def test_the_saved_shortlist_reads_as_sentences(home: Path) -> None:
    added = run_prep("interview", "add", "--company", "Acme", "--when", "fri")
    assert added.exit_code == 0, added.output
    picks = ("ask-hardest-part-early-on", "ask-why-role-open", "ask-where-others-struggled")
    result = run_prep("ask", *[arg for pick in picks for arg in ("--pick", pick)])
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())
    assert "shows that you're already picturing yourself" in words, words
    assert "shows: That" not in words
    assert "printed on the prep sheet (prep sheet)." in words


def test_a_continued_sentence_keeps_names_and_acronyms() -> None:
    assert continued("That you care.") == "that you care."
    assert continued("A genuine interest.") == "a genuine interest."
    assert continued("Self-awareness.") == "self-awareness."
    assert continued("I care.") == "I care."
    assert continued("STAR answers.") == "STAR answers."
    assert continued("McKinsey experience.") == "McKinsey experience."
    assert continued("") == ""
