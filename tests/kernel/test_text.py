"""The one text-matching module: words, sentences, lemmas, stop words, negation, speed."""

from __future__ import annotations

import functools
import re
import time
import timeit
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prepcoach.kernel import text as kt


def test_sentences_split_at_stops_line_breaks_and_semicolons() -> None:
    got = kt.sentences("I measured it. Then what?!  We shipped;\nit worked\n\n   ")
    assert got == ["I measured it.", "Then what?!", "We shipped", "it worked"]
    assert kt.sentences("It cost 3.5 days, e.g. not much") == ["It cost 3.5 days, e.g. not much"]
    assert kt.sentences("  ... !!! ") == []


def test_words_keep_numbers_contractions_and_compounds_whole() -> None:
    assert kt.words("I didn't re-run 4,000 tests on levels.fyi, ok") == [
        "I",
        "didn't",
        "re-run",
        "4,000",
        "tests",
        "on",
        "levels.fyi",
        "ok",
    ]


def test_lemmas_make_one_word_of_its_forms() -> None:
    assert kt.lemma("measured") == kt.lemma("measuring") == "measure"
    assert kt.lemma("ran") == "run" and kt.lemma("tickets") == "ticket"
    assert kt.content_lemmas("We measured the baselines again") == ("measure", "baseline")
    assert kt.related("prioritise", "prioritisation") and not kt.related("state", "status")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("communicate", "communication"),
        ("responsible", "responsibility"),
        ("deliver", "delivery"),
        ("management", "manager"),
        ("measure", "measurement"),
        ("director", "direction"),
    ],
)
def test_words_of_one_family_are_related(a: str, b: str) -> None:
    assert kt.related(a, b) and kt.related(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("interest", "interview"),
        ("complete", "complaint"),
        ("really", "reallocate"),
        ("every", "everyone"),
        ("company", "compare"),
        ("since", "sincere"),
        ("short", "shortlist"),
    ],
)
def test_words_that_only_begin_alike_are_not_related(a: str, b: str) -> None:
    assert not kt.related(a, b) and not kt.related(b, a)


@pytest.mark.parametrize(
    ("person", "adverb"),
    [("manager", "manageably"), ("person", "personally")],
)
def test_a_person_is_of_no_family_with_an_adverb(person: str, adverb: str) -> None:
    assert not kt.related(person, adverb) and not kt.related(adverb, person)
    assert kt.related("personal", "personally") and kt.related("measure", "measurably")


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("I was 100% sure it would work.", False),
        ("I agree a hundred percent with that.", False),
        ("We gave it 110 percent all quarter.", False),
        ("I am 100 percent committed to the team.", False),
        ("We hit 100% uptime.", True),
        ("Coverage went to 100 percent.", True),
        ("100 percent of tickets were answered within a day.", True),
        ("I was 100% sure, and we cut costs by 20%.", True),
    ],
)
def test_a_hundred_percent_that_only_intensifies_is_no_figure(sentence: str, figure: bool) -> None:
    assert kt.SentenceIndex(sentence).has(kt.FIGURE) is figure


def test_a_hundred_percent_that_only_intensifies_does_not_say_percent() -> None:
    assert not kt.SentenceIndex("I always give 100 percent, so judge all of it.").has("percent")
    assert kt.SentenceIndex("Returns fell 30 percent.").has("percent")


def test_stop_words_include_contractions_of_stop_words() -> None:
    assert kt.is_stop("the") and kt.is_stop("you're") and kt.is_stop("didn't")
    assert not kt.is_stop("owned") and not kt.is_stop("baseline")


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("I never measured the baseline", {"measure", "baseline"}),
        ("we didn't run a pilot, but I ran a trial", {"run", "pilot"}),
        ("there was no baseline so I measured one", {"baseline"}),
        ("I measured the baseline", set()),
        # in a condition, a negation ends at the main clause's subject or verb
        ("if I had not measured it we would have shipped the wrong fix", {"measure"}),
        ("had I not checked the logs we would have missed the outage", {"check", "log"}),
        ("unless we had no budget I would hire a contractor", {"budget"}),
        ("if it was not urgent I parked it until Friday", {"urgent"}),
        # outside one, it still reaches the end of its clause
        ("I did not measure it and we shipped", {"measure", "ship"}),
        ("if I measured it we would not ship the fix", {"ship", "fix"}),
    ],
)
def test_a_negation_reaches_to_the_end_of_its_clause(sentence: str, negated: set[str]) -> None:
    toks = kt.tokens(kt.normalise(sentence))
    found = {t.lemma for t in toks if t.negated and not kt.is_negation(t.word)}
    assert {x for x in found if not kt.is_stop(x)} == negated


def test_a_phrase_is_found_in_one_sentence_with_its_words_quoted() -> None:
    index = kt.SentenceIndex("I pulled the data. I measured the baseline first. It was slow.")
    found = index.find(kt.content_lemmas("measure baseline"))
    assert found is not None and found.sentence == 1
    assert found.quote == "I measured the baseline first"
    assert index.find(kt.content_lemmas("pull baseline")) is None  # two sentences
    assert index.find(kt.content_lemmas("pull baseline"), window=2) is not None
    assert kt.SentenceIndex("I did not measure the baseline").find(("measure",)) is None


def test_a_long_sentence_is_quoted_from_the_edge_of_its_clause() -> None:
    sentence = (
        "I had another offer, and what matters most to me is the scope: here I would own "
        "the pricing analytics end to end, which the other role does not offer at all"
    )
    found = kt.SentenceIndex(sentence).find(kt.content_lemmas("scope"))
    assert found is not None
    # from the clause's start, not four words before the match ("to me is the scope")
    assert found.quote.startswith("what matters most to me is the scope")
    assert found.quote.endswith("end to end")


@pytest.mark.parametrize(
    ("sentence", "phrase", "start"),
    [
        (
            "I now test the inputs, not just the outputs: every recurring report has a "
            "freshness and schema check, and I flag risks to stakeholders the day I see them",
            "flag risks to stakeholders",
            "I flag risks",
        ),
        (
            "I told the sales director the same day, gave a new date, and rebuilt the load "
            "with a schema test and a second check on the export",
            "told the director",
            "I told the sales director",
        ),
    ],
)
def test_a_quote_starts_where_its_clause_does(sentence: str, phrase: str, start: str) -> None:
    found = kt.SentenceIndex(sentence).find(kt.content_lemmas(phrase))
    assert found is not None and found.quote.startswith(start), found


def test_clauses_cut_only_long_run_on_sentences() -> None:
    short = "so I built a checklist and it worked"
    assert kt.clauses(short) == [short]
    run_on = (
        "so my bit was the reconciliations and I basically took over all the bank recs and "
        "built a checklist so nobody had to guess and then we did it in six days which was "
        "a big improvement for the whole team"
    )
    pieces = kt.clauses(run_on)
    assert len(pieces) >= 3 and " ".join(pieces).split() == run_on.split()


LONG_INPUTS = {
    "spaces": " " * 100_000,
    "stops": "!" * 100_000,
    "dots": "a." * 50_000,
    "repeated word": "word " * 20_000,
    "line breaks": "\n" * 100_000,
    "commas": ", " * 50_000,
    "mixed": ("ok . ; , ! ? -- 'x' " * 5_000)[:100_000],
    "no spaces": "abc" * 33_334,
    "abbreviations": "e.g. " * 20_000,
    "short sentences": "I did. " * 14_000,
    "one-letter words": "a " * 50_000,
    "words and commas": "x," * 50_000,
    "percents": "100 % 100 percent agree a hundred " * 3_000,
}


# The machine is shared, so a time alone says little: each round also times a fixed linear
# job of the same kind (plain regexes splitting 100,000 characters of prose into words and
# sentences). It takes CALIBRATION_IDLE_S of processor time on the machine the 50 ms goal was
# set on; when it is slower now (other jobs, a slower machine), the goal is stretched by as
# much, and never tightened. A function whose cost is out of proportion to its input stays
# out of proportion to the calibration, however busy the machine. The goal for any reader of
# typed text is 50 ms at 100,000 characters; feedback reads an answer with several of these
# functions, so each keeps within half of it.
GOAL_S = 0.025
CALIBRATION_IDLE_S = 0.006
_PROSE = (
    "I led the team and we cut costs by 20 percent, because my manager asked. Then we shipped "
    "it! Did it work? Yes; the error rate fell from 9 to 2 a week.\n" * 700
)[:100_000]
_CAL_WORD = re.compile(r"[A-Za-z0-9']+|[^\sA-Za-z0-9']")
_CAL_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def _calibration() -> None:
    _CAL_END.split(_PROSE)
    _CAL_WORD.findall(_PROSE)
    _PROSE.lower().split()


def _best(action: Callable[[], object]) -> float:
    return min(timeit.repeat(action, timer=time.process_time, number=1, repeat=5))


def assert_quick_and_linear(function: Callable[[str], object], text: str) -> None:
    """`function` on `text` within the goal (stretched by the machine's slowdown measured in
    the same round), and a tenth of the text taking about a tenth of the time. Up to three
    rounds: a busy moment can spoil one, but work that is really too slow or quadratic is so
    in every round."""
    run = functools.partial(function, text)
    tenth = functools.partial(function, text[: len(text) // 10])
    for _round in range(3):
        slowdown = max(1.0, _best(_calibration) / CALIBRATION_IDLE_S)
        best = _best(run)
        small = _best(tenth)
        limit = GOAL_S * slowdown
        linear = best < 25 * small + 0.002 * slowdown
        if best < limit and linear:
            return
    name = getattr(function, "__name__", repr(function))
    assert best < limit, f"{name}: {best * 1000:.1f} ms, limit {limit * 1000:.0f} ms"
    raise AssertionError(
        f"{name}: not linear ({best * 1000:.1f} ms, a tenth {small * 1000:.2f} ms)"
    )


@pytest.mark.parametrize("name", sorted(LONG_INPUTS))
def test_text_functions_are_linear_on_hostile_input(name: str) -> None:
    kt.lemma("warm")  # the first lemma loads the dictionary: that is not what is timed
    for function in (
        kt.sentences,
        kt.words,
        kt.normalise,
        kt.tokens,
        kt.clauses,
        kt.without_intensifiers,
    ):
        assert_quick_and_linear(function, LONG_INPUTS[name])


def test_the_timing_check_catches_slow_and_quadratic_work() -> None:
    def slow(text: str) -> None:  # linear, but about 1.7 times the goal on any machine
        for _ in range(len(text) * 7 // 100_000):
            _calibration()

    def quadratic(text: str) -> int:  # fast on a tenth of the text, slow on all of it
        n = len(text) // 150
        return sum(1 for _ in range(n) for _ in range(n))

    with pytest.raises(AssertionError, match="limit"):
        assert_quick_and_linear(slow, " " * 100_000)
    with pytest.raises(AssertionError, match="not linear|limit"):
        assert_quick_and_linear(quadratic, " " * 100_000)


def test_the_timing_check_allows_for_a_busy_or_slower_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Everything three times slower, as on a loaded machine: one of the slowest of the runs
    # above (about 15 ms idle) would miss a fixed 25 ms, but the calibration is slower by as
    # much.
    real = time.process_time
    monkeypatch.setattr(time, "process_time", lambda: 3 * real())
    assert_quick_and_linear(kt.tokens, LONG_INPUTS["short sentences"])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_split_without_losing_words(text: str) -> None:
    pieces = kt.sentences(text)
    assert all(p.strip() == p and p for p in pieces)
    assert [w for p in pieces for w in kt.words(p)] == [
        w for w in kt.words(text) if any(w in p for p in pieces)
    ]
    kt.SentenceIndex(text).find(kt.content_lemmas(text[:40]))


def test_a_phrase_with_a_negation_is_met_by_a_negated_sentence() -> None:
    index = kt.SentenceIndex(
        "I explained it with no jargon. I could not promise a date. I said no to the request."
    )
    assert index.find(kt.phrase_lemmas("without jargon")) is not None
    assert index.find(kt.phrase_lemmas("cannot promise")) is not None
    assert index.find(kt.phrase_lemmas("said no")) is not None


def test_a_phrase_with_a_negation_is_not_met_without_one() -> None:
    index = kt.SentenceIndex("I used a lot of jargon. I promised a date. I said yes at once.")
    assert index.find(kt.phrase_lemmas("without jargon")) is None
    assert index.find(kt.phrase_lemmas("cannot promise")) is None
    assert index.find(kt.phrase_lemmas("said no")) is None


def test_a_sequence_is_found_only_as_those_words_in_a_row() -> None:
    index = kt.SentenceIndex("We carried on as before. Then I carried it out myself.")
    found = index.find_sequence(("carry", "it", "out"))
    assert found is not None and found.sentence == 1
    assert kt.SentenceIndex("We carried on.").find_sequence(("carry", "it", "out")) is None
    assert kt.SentenceIndex("I never carried it out.").find_sequence(("carry", "it", "out")) is None


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("I measured the baseline first and ran a two-week pilot with one team.", True),
        ("so um yeah basically me and the team we was handling the refunds innit", True),
        ("Abeg, I no fit lie, the project na wahala but I carry am finish and we save 20%", True),
        ("- baseline 9 days\n- pilot 2 weeks, one team\n- refunds 9 -> 2 days", True),
        ("Northwind Bank, Contoso, Fabrikam: OKRs, KPIs, NPS, CSAT, QBRs", True),  # names only
        ("Quiero trabajar aquí porque su producto cambió la logística del almacén.", False),
        ("Ich möchte hier arbeiten, weil Ihr Produkt die Logistik verändert hat.", False),
        ("我想加入贵公司，因为你们的产品改变了物流行业。", False),
        ("Я хочу работать здесь, потому что ваш продукт изменил логистику.", False),
    ],
)
def test_an_answer_in_another_language_is_told_apart_from_any_english(
    text: str, english: bool
) -> None:
    assert kt.reads_as_english(text) is english


def test_a_quote_cut_inside_a_sentence_does_not_end_on_a_word_that_leads_on() -> None:
    sentence = (
        "After the review I asked for twenty minutes with him the next day and we went "
        "through the numbers together over coffee in the canteen near the station"
    )
    found = kt.SentenceIndex(sentence).find(kt.content_lemmas("asked twenty minutes"))
    assert found is not None
    last = found.quote.split()[-1]
    assert last not in {"and", "the", "with", "we"} and not found.quote.endswith(","), found
    ending = kt.SentenceIndex("The offer was lower than the level you had placed me at")
    assert ending.find(kt.content_lemmas("offer level placed")).quote.endswith("placed me at")
