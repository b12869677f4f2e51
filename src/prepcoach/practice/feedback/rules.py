"""The rules on structure and evidence: STAR completeness, length and balance, a quantified
result, ownership, concrete detail, disguised strengths, and the checks a question asks for
(a salary range, a link to the role, a reference back, an example).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from prepcoach.kernel import text as kt
from prepcoach.practice.feedback.base import (
    _EVERYDAY,
    _QUESTION_WORDS,
    COSTS,
    REPEAT_WORDS,
    STAR_PARTS,
    TIPS,
    WRITTEN_DEPTH,
    WRITTEN_LONG,
    Finding,
    Severity,
    _alt,
    _covering_quote,
    _covers,
    _dur,
    _find,
    _norm,
    _pct,
    _quote,
    _sentences,
    _times,
    _unique,
    tip_for,
)
from prepcoach.practice.feedback.star import (
    _PAST_I,
    _PAST_VERB,
)

if TYPE_CHECKING:
    from prepcoach.practice.feedback.facts import _Facts


# --- rule 1: STAR completeness -------------------------------------------------------------

# Missing or thin, these parts are warnings; the others tips.
_WARN_PARTS: Final = frozenset({"action", "result"})
_THIN_PARTS: Final = ("situation", "task", "action", "result")
# The parts a story told as free text often leaves implicit ("we were short of staff" is
# both), so their cue phrases missing proves too little to cost points.
_IMPLICIT_PARTS: Final = frozenset({"situation", "task"})


def _overlong(f: _Facts) -> list[str]:
    """Parts other than action taking far more than their template share."""
    if f.shares is None:
        return []
    return [
        part
        for part, target in f.targets.items()
        if part != "action" and target > 0 and f.shares[part] > max(target + 0.15, 1.75 * target)
    ]


def _star(f: _Facts) -> Iterator[Finding]:
    """Missing and thin STAR parts; action should carry the most weight."""
    missing = [p for p in f.required if not f.present(p)]
    where = "among your STAR parts" if f.guided else "in the answer (from its cue phrases)"
    for part in missing:
        points = COSTS
        if not f.guided and part in _IMPLICIT_PARTS:
            points = 0  # free text often leaves them implicit: found by cue phrases, unsure
        severity: Severity = "warn" if part in _WARN_PARTS else "tip"
        yield _find(f"star.missing-{part}", severity, points, f"No {part} {where}.", [part])
    thin: list[str] = []
    if f.shares is not None:
        for part, target in f.targets.items():
            share = f.shares[part]
            if part in _THIN_PARTS and f.present(part) and share < 0.4 * target:
                thin.append(part)
                message = (
                    f"The {part} is only {_pct(share)} of your {f.basis} "
                    f"(aim for about {_pct(target)})."
                )
                severity = "warn" if part == "action" else "tip"
                yield _find(f"star.thin-{part}", severity, COSTS, message, [part])
        shares = f.shares
        largest = max(STAR_PARTS, key=lambda p: (shares[p], p == "action"))
        # An overlong part is reported by the length rule, with its own advice.
        if f.present("action") and "action" not in thin + _overlong(f) and largest != "action":
            message = (
                f"The {largest} ({_pct(shares[largest])}) outweighs the action "
                f"({_pct(shares['action'])})."
            )
            yield _find("star.action-not-largest", "tip", COSTS, message, [largest, "action"])
    if not missing and not thin:
        done = ", ".join(p for p in STAR_PARTS if f.present(p))
        yield _find("star.complete", "good", 0, f"All STAR parts are there: {done}.")


# --- rule 2: spoken length and part balance ------------------------------------------------


# A measured answer under this share of the target is short, the shorter the more; a written
# one under WRITTEN_DEPTH of it. Over these shares it is long.
SPOKEN_DEPTH: Final = 0.5
SPOKEN_LONG: Final = 1.5


def _ratio(f: _Facts) -> float:
    target = f.question.target_seconds
    return f.seconds / target if target > 0 else 1.0


def _short_share(f: _Facts) -> float:
    """How short the answer falls of the length it needs to convince, 0-1."""
    return max(0.0, 1 - _ratio(f) / (SPOKEN_DEPTH if f.measured else WRITTEN_DEPTH))


def _long_share(f: _Facts) -> float:
    """How far the answer runs past its length, 0-1: half at the limit, all at twice it."""
    return min(1.0, _ratio(f) / (2 * (SPOKEN_LONG if f.measured else WRITTEN_LONG)))


def _length(f: _Facts) -> Iterator[Finding]:
    """Speaking time (measured, or estimated at ~140 wpm) against the question's target.
    Written answers say in fewer words what is spoken at length, so only a fraction of the
    target is short, and past it they already run long."""
    target = f.question.target_seconds
    if target <= 0 or (f.answer.spoken and not f.measured):
        return  # notes say nothing about how long the spoken answer was
    how = "measured" if f.measured else f"estimated from {f.word_count} words"
    said = f"About {_dur(f.seconds)} ({how}); the target is {_dur(target)}."
    short, ratio = _short_share(f), _ratio(f)
    if short > 0:
        severity: Severity = "warn" if short > 0.5 else "tip"
        finding = _find("length.too-short", severity, COSTS, said)
        yield replace(finding, tip=tip_for(finding.rule, f.question.answer_format))
    elif ratio > (SPOKEN_LONG if f.measured else WRITTEN_LONG):
        finding = _find("length.too-long", "warn", COSTS, said)
        yield replace(finding, tip=tip_for(finding.rule, f.question.answer_format))
    elif 0.7 <= ratio <= 1.3:
        yield _find("length.on-target", "good", 0, said)


def _repeats(f: _Facts) -> Iterator[Finding]:
    """A long answer that says again what it has said: sentences whose content words have
    nearly all come before."""
    if f.word_count < REPEAT_WORDS or len(f.index.tokens) < 6:
        return
    seen: set[str] = set()
    repeated = 0
    for toks in f.index.tokens:
        lemmas = {t.lemma for t in toks if not kt.is_stop(t.lemma)}
        if len(lemmas) >= 3 and len(lemmas & seen) >= 0.7 * len(lemmas):
            repeated += 1
        seen |= lemmas
    share = repeated / len(f.index.tokens)
    if share >= 0.25:
        message = f"{_pct(share)} of your sentences mostly repeat what you had already said."
        yield _find("length.repetitive", "warn", COSTS, message)


def _balance(f: _Facts) -> Iterator[Finding]:
    """A part other than action taking far more than its template share."""
    if f.shares is None or not f.present("action"):
        return  # with no action at all, that is the finding to act on
    for part in _overlong(f):
        share, target = f.shares[part], f.targets[part]
        setup = part in ("situation", "task")
        message = f"The {part} takes {_pct(share)} of your {f.basis} (aim for {_pct(target)})."
        severity: Severity = "warn" if setup else "tip"
        yield _find(f"length.long-{part}", severity, COSTS, message, [part])


# --- rule 3: quantified result -------------------------------------------------------------

_UNITS = (
    r"%|percent|per cent|x\b|times\b|k\b|m\b|bn\b|million|billion|thousand|hours?|days?|weeks?|"
    r"months?|years?|minutes?|mins?|seconds?|users?|customers?|clients?|people|tickets?|bugs?|"
    r"points?|stars?|deals?|accounts?|sales|leads|releases|incidents?|requests?|orders?"
)
_NUMBER_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|a hundred|hundreds of|a thousand|thousands of|a dozen|dozens of)"
)
_STRONG_FIGURE = re.compile(
    r"[$€£] ?\d[\d,.]*(?: ?(?:k|m|bn|million|billion|thousand)\b)?|\b\d[\d,.]* ?(?:" + _UNITS + r")"
    r"|\b" + _NUMBER_WORD + r" (?:" + _UNITS + r")"
    r"|\b(?:doubled|tripled|quadrupled|halved|cut in half|twice as)\b"
    r"|\b(?:a|one) (?:day|week|month|year|quarter) (?:late|early|ahead|sooner|faster|later)\b"
    r"|\bby (?:about |around )?(?:a quarter|a third|half|a fifth)\b"
    r"|\bfrom \S{0,12}\d\S{0,12} (?:\w+ )?to \S{0,12}\d\S{0,12}"
)
_ANY_FIGURE = re.compile(
    _STRONG_FIGURE.pattern + r"|\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?|half|"
    r"twice)\b(?: \w+)?"
)


_DIGITS = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")


def _quantified(f: _Facts) -> Iterator[Finding]:
    """Numbers, percentages, money, durations, 'doubled', 'from X to Y' in the result."""
    figures = _unique(_ANY_FIGURE.findall(kt.without_intensifiers(_norm(f.parts["result"]))))
    if not figures and not f.guided:  # attribution may have put the outcome in a nearby part
        tail = _norm(" ".join(f.parts[k] for k in ("action", "result", "reflection")))
        tail = kt.without_intensifiers(tail)  # "100 percent sure" is no figure
        figures = _unique(_STRONG_FIGURE.findall(tail) + _DIGITS.findall(tail))
    if figures:
        message = f"Your result is quantified: {_quote(figures)}."
        yield _find("result.quantified", "good", 0, message, figures)
    elif f.present("result"):  # a missing result is reported by the STAR rule
        yield _find("result.not-quantified", "tip", COSTS, "The result has no number in it.")


# --- rule 4: ownership ---------------------------------------------------------------------

_I_WORDS = re.compile(r"\bi(?:'m|'ve|'d|'ll)?\b(?!\.e\.| (?:think|guess|mean|suppose)\b)")
_WE_WORDS = re.compile(r"\bwe(?:'re|'ve|'d|'ll)?\b")


# What someone else said, and comparisons: their "we" is not the speaker's team.
_QUOTED = re.compile(r"\"[^\"\n]{0,300}\"|\u201c[^\u201d\n]{0,300}\u201d")
_ANALOGY = re.compile(
    r"\b(?:it(?:'s| is| was| felt) like|like when|as if|as though|imagine|think of it as|"
    r"the way (?:a|an|the)|similar to how|a bit like)\b"
)


def _own_voice(text: str) -> str:
    """The text without quotations and without sentences that draw an analogy."""
    text = _QUOTED.sub(" ", text)
    return " ".join(s for s in _sentences(text) if not _ANALOGY.search(s))


def _ownership(f: _Facts) -> Iterator[Finding]:
    """'I' versus 'we' in the action (the whole answer when the action is short); quotations
    and analogies don't count."""
    use_action = f.part_words["action"] >= 15
    text = _own_voice(_norm(f.parts["action"]) if use_action else f.text)
    mine, ours = len(_I_WORDS.findall(text)), len(_WE_WORDS.findall(text))
    where = "your action" if use_action else "your answer"
    said = f'In {where} you said "we" {_times(ours)} and "I" {_times(mine)}.'
    if ours >= 2 and ours > mine:
        yield _find("ownership.we-heavy", "warn", COSTS, said, ["we"])
    elif mine >= 2:
        yield _find("ownership.clear", "good", 0, said, ["I"])


# --- concrete detail -----------------------------------------------------------------------

_CAPITALISED = re.compile(r"(?<=[^.!?\s] )[A-Z][\w'-]+")
_TIME_ANCHOR = _alt(
    r"last (?:year|month|week|quarter|spring|summer|autumn|fall|winter)|in (?:19|20)\d\d",
    r"(?:a|two|three|few) (?:years|months|weeks) ago|at my (?:last|previous|current) \w+",
    r"in my (?:last|previous|current|first) (?:role|job|team|position|company)|once,? when",
)


_PAST_WE = re.compile(r"\bwe " + _PAST_VERB)
# A moment told: "when our payroll system crashed", "the day the client called".
_MOMENT = re.compile(
    r"\b(?:when|the day|the week|the night|the morning) (?:our|my|the|a|an) (?:\w+ ){0,3}?"
    r"(?:\w+ed|went|broke|came|fell|hit|left|quit|ran|got|lost|told|said|sent)\b"
)


def _details(f: _Facts) -> list[str]:
    """What makes the answer concrete: figures, names, moments, things the speaker did."""
    raw = "\n".join(f.parts[k] for k in STAR_PARTS if f.parts[k])
    found = [m.group() for m in kt.FIGURE_RE.finditer(f.text)][:3]
    found += [m.group() for m in _CAPITALISED.finditer(raw) if m.group() not in ("I", "I'm")][:3]
    found += _TIME_ANCHOR.findall(f.text)[:2]
    found += [m.group() for m in _PAST_I.finditer(f.text)][:3]
    found += [m.group() for m in _PAST_WE.finditer(f.text)][:2]  # the team's steps are
    found += _MOMENT.findall(f.text)[:2]  # concrete too; ownership is judged apart
    return found


def _concrete(f: _Facts) -> Iterator[Finding]:
    """An answer of general claims ("I'm a team player") with nothing to point to loses."""
    if f.word_count < 8:
        return
    found = _details(f)
    if len(found) < 2:
        message = "The answer stays general: no figure, name, moment or step to point to."
        finding = _find("detail.generic", "warn", COSTS, message, found)
        yield replace(finding, tip=tip_for(finding.rule, f.question.answer_format))


# --- a strength in disguise ---------------------------------------------------------------

_ASKS_FLAW = re.compile(r"\b(?:weakness\w*|fail\w*|mistake\w*|improve on|develop\w*|criticis\w*)\b")
_DISGUISED = _alt(
    r"(?:i'm|i am|being) (?:a bit of |too much of |something of )?a perfectionist",
    r"care (?:too|so) much|work too hard|too (?:dedicated|committed|detail-oriented)",
    r"(?:can't|cannot) say no|too high standards|standards (?:are )?too high|too honest",
    r"can't think of (?:a time|one|any)|never really (?:failed|made a mistake)",
)


def _disguised(f: _Facts) -> Iterator[Finding]:
    """A weakness or failure question answered with a strength in disguise or a denial."""
    found = _unique(_DISGUISED.findall(f.text), 2)
    if found:
        message = f"This reads as a strength in disguise or a denial ({_quote(found)})."
        yield _find("answer.disguised-strength", "warn", COSTS, message, found)


# --- rule 7: question-specific checks ------------------------------------------------------

_AMOUNT = re.compile(
    r"(?:(?P<cur>[$€£]) ?|(?<![\w.,]))(?P<num>\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)"
    r"(?: ?(?P<mult>k|m|thousand|grand|million)\b)?"
    r"(?: ?(?P<cur2>€|\$|£|dollars|euros?|pounds|usd|eur|gbp)\b)?"
)
_GROUPED = re.compile(r"\d{1,3}(?:[,.]\d{3})+")
_PERIOD = re.compile(r" ?(?:a|an|per|/) ?(?:year|yr|annum|month|hour|hr|day)\b")
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|or)\s*")
_MULT: Final = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "million": 1e6}
_DEFLECT = _alt(
    r"rather not|prefer not|whatever you think|what you think is fair|up to you|you tell me",
    r"open to (?:any|whatever)|not sure|don't know|no idea|flexible|negotiable",
    r"what(?:'s| is) (?:the|your) (?:budget|range|band)",
)
_BASIS = _alt(
    r"research\w*|market|data|glassdoor|levels\.fyi|payscale|survey\w*|benchmark\w*|industry",
    r"comparable|similar (?:roles|positions|jobs)|experience|\d+ years|skills|location|city",
    r"cost of living|based on|in line with|typical|going rate|seniority|peers|salary guide",
    r"current (?:salary|package|compensation)|responsibilit\w+",
)


@dataclass(frozen=True, slots=True)
class _Amount:
    value: float
    money: bool  # has a currency, a multiplier or a period, or is too large to be a count
    mult: float | None
    start: int
    end: int


def _amounts(text: str) -> list[_Amount]:
    out: list[_Amount] = []
    for m in _AMOUNT.finditer(text):
        num = m["num"]
        value = float(num.replace(",", "").replace(".", "") if _GROUPED.fullmatch(num) else num)
        mult = _MULT[m["mult"]] if m["mult"] else None
        value *= mult or 1
        currency = bool(m["cur"] or m["cur2"])
        year = 1900 <= value <= 2100 and not currency
        marked = currency or mult is not None or _PERIOD.match(text, m.end()) is not None
        out.append(_Amount(value, (marked or value >= 10_000) and not year, mult, *m.span()))
    return out


def _salary_range(text: str) -> tuple[tuple[float, float] | None, list[_Amount]]:
    """The first range ("80-95k", "between $80,000 and $95,000") and every amount."""
    found, amounts = _range_said(text)
    return (found[0], found[1]) if found else None, amounts


def _range_said(text: str) -> tuple[tuple[float, float, str] | None, list[_Amount]]:
    """The first range, its bounds and its words as written ("80-95k"), and every amount."""
    amounts = _amounts(text)
    for a, b in zip(amounts, amounts[1:], strict=False):
        if not b.money or not _RANGE_GAP.fullmatch(text, a.end, b.start):
            continue
        low = a.value * b.mult if a.mult is None and b.mult and a.value < 1000 else a.value
        if 0 < low < b.value <= 3 * low:
            return (low, b.value, text[a.start : b.end]), amounts
    return None, amounts


def _money(value: float) -> str:
    return f"{value / 1000:g}k" if value >= 1000 else f"{value:g}"


def _range_tip(figure: float) -> str:
    """The single-number tip with an example range that starts at the figure said."""
    step = 10 ** max(0, len(str(int(figure))) - 2)
    high = round(figure * 1.12 / step) * step
    if high <= figure:
        return TIPS["salary.single-number"]
    low, top = _money(figure), _money(high)
    pair = f"{low.removesuffix('k')} and {top}" if low.endswith("k") else f"{low} and {top}"
    return f'Give a range whose bottom you would accept: "between {pair}".'


def _salary(f: _Facts) -> Iterator[Finding]:
    """A salary answer: a researched range with a basis, not one number and not a deflection."""
    said, amounts = _range_said(f.text)
    found = said[:2] if said else None
    money = [a for a in amounts if a.money]
    if found is None and not money:
        deflect = _unique(_DEFLECT.findall(f.text), 2)
        if deflect:
            message = f"You deflected ({_quote(deflect)}) without giving a figure."
            yield _find("salary.deflection", "warn", COSTS, message, deflect)
        else:
            yield _find("salary.no-number", "warn", COSTS, "No salary figure in the answer.")
        return
    if found is None:
        quoted = _unique((f.text[a.start : a.end] for a in money), 2)
        low = high = max(a.value for a in money)  # the ask, rather than a current salary
        if f.context.salary_figure == "single":  # the locale's custom (kit.salary)
            message = f"You named one figure ({_quote(quoted)})."
            yield _find("salary.single-figure", "good", 0, message, quoted)
        else:
            message = (
                f"You gave a single number ({_quote(quoted)}), not a range."
                if len(quoted) == 1
                else f"You named figures ({_quote(quoted)}) but no range for yourself."
            )
            finding = _find("salary.single-number", "warn", COSTS, message, quoted)
            yield replace(finding, tip=_range_tip(low))
    else:
        low, high = found
        words = [said[2]] if said else []
        message = f"You gave a range: {_money(low)}–{_money(high)} ({_quote(words)})."
        yield _find("salary.range", "good", 0, message, words)
    basis = _unique(_BASIS.findall(f.text))
    if basis:
        message = f"You said what it's based on ({_quote(basis)})."
        yield _find("salary.basis", "good", 0, message, basis)
    else:
        yield _find("salary.no-basis", "tip", COSTS, "You didn't say what the figure is based on.")
    if f.context.salary_range is not None:
        r_low, r_high = sorted(f.context.salary_range)
        research = f"your research ({_money(r_low)}–{_money(r_high)})"
        if high < 0.95 * r_low:
            yield _find("salary.below-research", "warn", COSTS, f"It is below {research}.")
        elif low > 1.1 * r_high:
            yield _find("salary.above-research", "tip", COSTS, f"It is above {research}.")
        else:
            yield _find("salary.within-research", "good", 0, f"It is in line with {research}.")


_ROLE_LINK = _alt(
    r"this (?:role|position|job|team|company|opportunity)|here at|in the role|at your",
    r"your (?:team|company|product|mission|customers|clients|organi[sz]ation)",
    r"join(?:ing)? (?:you|your|the team)",
)


def _mentions(phrase: str, f: _Facts) -> bool:
    """The phrase itself, or enough of its key words."""
    low = _norm(phrase).strip()
    exact = bool(low) and re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", f.text) is not None
    return exact or _covers(f.index, phrase, share=0.66)


def _connects(f: _Facts) -> Iterator[Finding]:
    """Links the answer to the company or role, ideally by name or from research."""
    ctx = f.context
    named = [n for n in (ctx.company, ctx.role, *ctx.research_terms) if n and _mentions(n, f)]
    if named:
        message = f"You tied it to them: {_quote(named[:4])}."
        yield _find("role.connected", "good", 0, message, named)
        return
    generic = _unique(_ROLE_LINK.findall(f.text), 2)
    if generic and not (ctx.company or ctx.role or ctx.research_terms):
        message = f"You linked it to the job ({_quote(generic)})."
        yield _find("role.connected", "good", 0, message, generic)
    elif generic:
        message = f"You linked it to the job only in general terms ({_quote(generic)})."
        yield _find("role.generic", "tip", COSTS, message, generic)
    else:
        message = "The answer doesn't connect to this role or company."
        yield _find("role.not-connected", "tip", COSTS, message)


_REFERENCE = _alt(
    r"when we (?:discussed|talked|spoke|covered)|last time|following up on",
    r"you (?:asked|mentioned|said|told me|shared|explained|described|raised)",
    r"in our (?:first |last |previous |earlier )?(?:conversation|interview|call|chat|meeting)",
    r"we (?:discussed|talked about)|you were (?:saying|describing)",
)


_DISMISSIVE = re.compile(r"\b(?:everything|nothing|all of it|anything)\b")


def _concrete_reference(sentence: str) -> bool:
    """A sentence pointing back that names something: two content words besides the
    pointing itself, and not "we covered everything last time"."""
    if _DISMISSIVE.search(sentence):
        return False
    words = [
        x
        for x in kt.content_lemmas(_REFERENCE.sub(" ", sentence), _QUESTION_WORDS)
        if x not in _EVERYDAY and not x[0].isdigit()
    ]
    return len(words) >= 2


def _reference(f: _Facts) -> Iterator[Finding]:
    """Refers to something concrete from the first conversation."""
    # the answer's words that bring back a note from the first interview, not the note
    notes = [
        words
        for n in f.context.first_interview_notes
        if _covers(f.index, n) and (words := _covering_quote(f.index, n))
    ]
    pointing = [s for s in f.index.sentences if _REFERENCE.search(s)]
    concrete = [s for s in pointing if _concrete_reference(s)]
    items = notes + _unique((m.group() for s in concrete for m in _REFERENCE.finditer(s)), 2)
    if items:
        message = f"You referred back to the first conversation: {_quote(items)}."
        yield _find("reference.concrete", "good", 0, message, items)
    elif pointing:
        said = _unique(m.group() for s in pointing for m in _REFERENCE.finditer(s))
        message = (
            f"You mentioned the first conversation ({_quote(said)}) but nothing from it in "
            "particular."
        )
        yield _find("reference.missing", "tip", COSTS, message, said)
    else:
        message = "Nothing points back to the first conversation."
        yield _find("reference.missing", "tip", COSTS, message)


_EXAMPLE = re.compile(
    r"\b(?:for example|for instance|e\.g\.|such as|one time|once,|at one point|a time when|"
    r"when i|in my (?:last|previous|current|first) (?:role|job|team|position|company)|"
    r"at my (?:last|previous|current) (?:job|company|role)|last (?:year|month|week|quarter)|"
    r"recently|i remember)(?!\w)"
)


def _example(f: _Facts) -> Iterator[Finding]:
    """Backs the claim with an example: a cue phrase or a past-tense episode."""
    cues = _unique(_EXAMPLE.findall(f.text))
    if cues or len(_PAST_I.findall(f.text)) >= 2:
        message = f"You gave an example ({_quote(cues)})." if cues else "You told an episode."
        yield _find("example.given", "good", 0, message, cues)
    else:
        yield _find("example.missing", "tip", COSTS, "No example backs up what you say.")


def _asks_salary(f: _Facts) -> bool:
    return f.question.answer_format == "salary-range" or "salary-range" in f.question.checks
