"""How well the feedback engine agrees with a coach's labels: the figures of the feedback corpus.

`evaluate(corpus_dir)` runs `analyse` on every labelled answer under the corpus directory (see
its README.md for the format) and returns, for each half (tune, check), the agreement figures:
rank correlation and mean gap of the scores, pass and fail rates by band, off-topic detection,
look-for precision and recall, result false alarms and self-contradictions. The bench script
prints them; a test holds floors on the check half.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from prepcoach.content.library import ContentLibrary, content_files, load_library
from prepcoach.kernel import paths
from prepcoach.practice.feedback import (
    Answer,
    Feedback,
    FeedbackContext,
    Finding,
    QuestionBank,
    analyse,
)

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "feedback"
HALVES = ("tune", "check")
OFF_TOPIC_RULE = "relevance.off-topic"

# Opposite verdicts on one topic: a finding of the first kind next to one of the second is a
# contradiction. Rule ids are matched exactly or, ending in "*", by prefix.
OPPOSITE_RULES: tuple[tuple[str, str], ...] = (
    ("star.complete", "star.missing-*"),
    ("result.quantified", "result.not-quantified"),
    ("result.quantified", "star.missing-result"),
    ("ownership.clear", "ownership.we-heavy"),
    ("filler.clean", "filler.words"),
    ("filler.clean", "filler.hedging"),
    ("salary.range", "salary.single-number"),
    ("salary.range", "salary.no-number"),
    ("salary.range", "salary.deflection"),
    ("salary.basis", "salary.no-basis"),
    ("role.connected", "role.not-connected"),
    ("role.connected", "role.generic"),
    ("reference.concrete", "reference.missing"),
    ("example.given", "example.missing"),
    ("relevance.on-topic", OFF_TOPIC_RULE),
)
# A rule that credits a topic next to a look-for on that topic said missing, or a rule that
# denies it next to such a look-for said covered: (rule, "credit" or "deny", look-for words).
TOPIC_LOOK_FORS: tuple[tuple[str, str, str], ...] = (
    ("salary.range", "credit", r"\brange\b"),
    ("salary.no-number", "deny", r"\brange\b"),
    ("salary.deflection", "deny", r"\brange\b"),
    ("salary.single-number", "deny", r"\brange\b"),
    ("result.quantified", "credit", r"measurable result|before-and-after result"),
    ("result.not-quantified", "deny", r"measurable result|before-and-after result|quantified"),
    ("star.missing-result", "deny", r"\bresults?\b"),
    ("role.connected", "credit", r"connection to this company|link to this role and company"),
    ("role.not-connected", "deny", r"\bcompany\b"),
    ("example.given", "credit", r"^an? (?:concrete |real |recent )?example$"),
    ("example.missing", "deny", r"\bexample\b"),
    ("reference.concrete", "credit", r"earlier conversation"),
    ("reference.missing", "deny", r"earlier conversation"),
)


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled answer with the engine's feedback on it."""

    id: str
    half: str
    format: str
    label: Mapping[str, Any]
    feedback: Feedback


@dataclass(slots=True)
class Figures:
    """The agreement figures of one half of the corpus."""

    answers: int = 0
    scored: int = 0
    spearman: float = math.nan
    mae: float = math.nan
    weak_pass: float = math.nan  # weak or off-topic answers scoring 60 or more
    strong_fail: float = math.nan  # strong answers scoring under 70
    off_topic_caught: float = math.nan
    on_topic_flagged: float = math.nan
    missing_precision: float = math.nan
    missing_recall: float = math.nan
    covered_precision: float = math.nan
    result_false_alarms: int = 0  # "no result" where the answer has one
    unquantified_false_alarms: int = 0  # "no number" where the result has one
    contradictions: int = 0
    contradiction_examples: list[str] = field(default_factory=list)
    worst: list[tuple[str, int, int]] = field(default_factory=list)  # id, label, engine


def load_answers(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = []
    for path in sorted(corpus.glob("answers-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        answers.extend(data.get("answers") or [])
    return answers


def builtin_library() -> ContentLibrary:
    return load_library(content_files(paths.builtin_content_dir(), None, []))


def _context(raw: Mapping[str, Any] | None) -> FeedbackContext:
    raw = raw or {}
    salary = raw.get("salary_range")
    return FeedbackContext(
        company=raw.get("company"),
        role=raw.get("role"),
        research_terms=tuple(raw.get("research_terms") or ()),
        salary_range=(float(salary[0]), float(salary[1])) if salary else None,
        first_interview_notes=tuple(raw.get("first_interview_notes") or ()),
    )


def answer_of(entry: Mapping[str, Any]) -> Answer:
    """The answer as `prep practice` would pass it to the engine."""
    seconds = entry.get("seconds")
    kind = entry["format"]
    if kind == "star":
        return Answer({k: str(v or "") for k, v in entry["parts"].items()})
    if kind == "notes":
        return Answer({"notes": str(entry["text"])}, seconds=seconds, spoken=True)
    if kind == "transcript":
        return Answer.from_text(str(entry["text"]), seconds=seconds)
    return Answer.from_text(str(entry["text"]))  # typed: judged by its words


def run(entries: Iterable[Mapping[str, Any]], library: ContentLibrary | None = None) -> list[Case]:
    library = library or builtin_library()
    bank = QuestionBank.build(library.questions.values(), library.competencies)
    cases: list[Case] = []
    for entry in entries:
        question = library.questions[entry["question"]]
        template = library.star_template_for(question) if question.answer_format == "star" else None
        feedback = analyse(
            question, answer_of(entry), template, _context(entry.get("context")), bank
        )
        cases.append(Case(entry["id"], entry["half"], entry["format"], entry["label"], feedback))
    return cases


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson on average ranks, so ties are fair)."""
    if len(xs) < 3:
        return math.nan
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = math.sqrt(sum((a - mx) ** 2 for a in rx))
    vy = math.sqrt(sum((b - my) ** 2 for b in ry))
    return cov / (vx * vy) if vx and vy else math.nan


def _share(hits: int, total: int) -> float:
    return hits / total if total else math.nan


def _matches(rule: str, pattern: str) -> bool:
    return rule.startswith(pattern[:-1]) if pattern.endswith("*") else rule == pattern


def contradictions(findings: Sequence[Finding]) -> list[str]:
    """Every pair of findings that say opposite things about one topic."""
    rules = [x.rule for x in findings]
    found: list[str] = []
    for credit, deny in OPPOSITE_RULES:
        a = next((r for r in rules if _matches(r, credit)), None)
        b = next((r for r in rules if _matches(r, deny)), None)
        if a and b:
            found.append(f"{a} / {b}")
    covered = [i for x in findings if x.rule == "lookfor.covered" for i in x.items]
    missing = [i for x in findings if x.rule == "lookfor.missing" for i in x.items]
    found.extend(f"lookfor covered and missing: {i}" for i in set(covered) & set(missing))
    for rule, kind, words in TOPIC_LOOK_FORS:
        pattern = re.compile(words, re.I)
        said = missing if kind == "credit" else covered
        hit = next((i for i in said if pattern.search(i)), None)
        if rule in rules and hit:
            found.append(f"{rule} / lookfor.{'missing' if kind == 'credit' else 'covered'}: {hit}")
    return found


def figures(cases: Sequence[Case]) -> Figures:
    out = Figures(answers=len(cases))
    scored = [c for c in cases if c.feedback.score is not None]
    out.scored = len(scored)
    engine = [float(c.feedback.score or 0) for c in scored]
    coach = [float(c.label["score"]) for c in scored]
    if scored:
        out.spearman = spearman(engine, coach)
        out.mae = sum(abs(a - b) for a, b in zip(engine, coach, strict=True)) / len(scored)
        gaps = sorted(scored, key=lambda c: -abs((c.feedback.score or 0) - c.label["score"]))
        out.worst = [(c.id, int(c.label["score"]), int(c.feedback.score or 0)) for c in gaps[:8]]
    weak = [c for c in scored if c.label["band"] in ("weak", "off-topic")]
    out.weak_pass = _share(sum((c.feedback.score or 0) >= 60 for c in weak), len(weak))
    strong = [c for c in scored if c.label["band"] == "strong"]
    out.strong_fail = _share(sum((c.feedback.score or 0) < 70 for c in strong), len(strong))

    def flagged(c: Case) -> bool:
        return any(x.rule == OFF_TOPIC_RULE for x in c.feedback.findings)

    off = [c for c in cases if not c.label["on_topic"]]
    on = [c for c in cases if c.label["on_topic"]]
    out.off_topic_caught = _share(sum(flagged(c) for c in off), len(off))
    out.on_topic_flagged = _share(sum(flagged(c) for c in on), len(on))

    said_missing = said_missing_right = said_covered = said_covered_right = 0
    truly_missing = truly_missing_found = 0
    for c in cases:
        truth: Mapping[str, bool] = c.label.get("look_fors") or {}
        missing, covered = set(c.feedback.look_fors_missing), set(c.feedback.look_fors_covered)
        for look_for, is_covered in truth.items():
            said_missing += look_for in missing
            said_missing_right += look_for in missing and not is_covered
            said_covered += look_for in covered
            said_covered_right += look_for in covered and is_covered
            truly_missing += not is_covered
            truly_missing_found += look_for in missing and not is_covered
    out.missing_precision = _share(said_missing_right, said_missing)
    out.missing_recall = _share(truly_missing_found, truly_missing)
    out.covered_precision = _share(said_covered_right, said_covered)

    for c in cases:
        rules = {x.rule for x in c.feedback.findings}
        result = c.label.get("result") or {}
        if result.get("present") and "star.missing-result" in rules:
            out.result_false_alarms += 1
        if result.get("quantified") and "result.not-quantified" in rules:
            out.unquantified_false_alarms += 1
        found = contradictions(c.feedback.findings)
        out.contradictions += bool(found)
        out.contradiction_examples.extend(f"{c.id}: {x}" for x in found)
    return out


def told_elsewhere(
    entries: Iterable[Mapping[str, Any]], library: ContentLibrary, per: int = 2, seed: int = 1
) -> list[dict[str, Any]]:
    """Strong and middling typed answers given to other questions of the bank, which share
    none of their question's competencies: each is off-topic there. A wider test of relevance
    than the corpus's own off-topic stories (salary questions, which answer each other, and
    notes are left out)."""
    rnd = random.Random(seed)
    ids = sorted(library.questions)
    out: list[dict[str, Any]] = []
    for entry in entries:
        if entry["label"]["band"] not in ("strong", "middling") or entry["format"] == "notes":
            continue
        source = library.questions[entry["question"]]
        if source.answer_format == "salary-range":
            continue
        pool = [
            q
            for q in ids
            if q != source.id
            and library.questions[q].answer_format == source.answer_format
            and not set(library.questions[q].competencies) & set(source.competencies)
        ]
        for qid in rnd.sample(pool, min(per, len(pool))):
            out.append({**entry, "question": qid, "id": f"{entry['id']}>{qid}"})
    return out


def elsewhere_caught(
    half: str = "tune", corpus: Path = CORPUS, library: ContentLibrary | None = None
) -> tuple[int, float]:
    """How many answers of the half were told to other questions, and the share flagged."""
    library = library or builtin_library()
    entries = [e for e in load_answers(corpus) if e["half"] == half]
    cases = run(told_elsewhere(entries, library), library)
    flagged = sum(any(x.rule == OFF_TOPIC_RULE for x in c.feedback.findings) for c in cases)
    return len(cases), _share(flagged, len(cases))


def evaluate(corpus: Path = CORPUS, library: ContentLibrary | None = None) -> dict[str, Figures]:
    """The figures of each half of the corpus."""
    cases = run(load_answers(corpus), library)
    return {half: figures([c for c in cases if c.half == half]) for half in HALVES}
