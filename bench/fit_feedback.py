"""Fit the feedback score's weights to the coach's scores of the corpus's tune half.

Run with: python bench/fit_feedback.py [--corpus DIR] [--loss squared|absolute] [--folds K]
    [--only NAME,NAME --hold-scale] [--write]
Each answer is judged once (its findings and what each measures); then every feature's
weight and the scale are fitted by coordinate descent on the score as the engine computes
it (parts never below zero, caps, the coach's scale), the loss summed over the tune half.
The check half is never read. Paste the printed weights into
`src/prepcoach/practice/feedback/score.py`. With --folds, the tune half is also split in K
folds to estimate how well the fit holds on answers it was not fitted on. With --only, just
the named weights are fitted (a new feature's), the others held as the engine has them.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import feedback_metrics as fm

from prepcoach.practice.feedback import (
    FEATURE_PARTS,
    PART_MAXIMA,
    SCALE,
    WEIGHTS,
    Judged,
    judge,
    part_of,
)
from prepcoach.practice.feedback.score import parts_of, price

PRIOR_STRENGTH = 2.0
# Not fitted: an answer off the question loses the whole relevance part.
FIXED = frozenset({"off-topic"})
STEPS = (0.5, 0.7, 0.85, 0.95, 1.05, 1.15, 1.4, 2.0)
# The prior: what each feature cost when the points were set by hand. The fit moves a weight
# away from it only as far as the tune half gives reason to (a ridge penalty on the relative
# change, of strength --prior), so a feature the tune half seldom shows keeps its prior.
PRIOR: dict[str, float] = {
    "star": 40.0,  # a missing action cost 20 (0.45 of the template), a result 15 (0.2)
    "balance": 20.0,
    "short": 40.0,
    "long": 12.0,
    "repetitive": 8.0,
    "look-fors": 28.0,
    "figure": 8.0,
    "detail": 15.0,
    "asked": 8.0,
    "salary": 15.0,
    "disguised": 15.0,
    "off-topic": 20.0,
    "ownership": 10.0,
    "fillers": 8.0,
}


@dataclass(frozen=True, slots=True)
class Sample:
    judged: Judged
    coach: float
    question: str


def samples(corpus: Path, half: str = "tune") -> list[Sample]:
    library = fm.builtin_library()
    bank = fm.QuestionBank.build(library.questions.values(), library.competencies)
    out: list[Sample] = []
    for entry in fm.load_answers(corpus):
        if entry["half"] != half:
            continue
        question = library.questions[entry["question"]]
        template = library.star_template_for(question) if question.answer_format == "star" else None
        context = fm._context(entry.get("context"))
        judged = judge(question, fm.answer_of(entry), template, context, bank)
        if isinstance(judged, Judged):
            out.append(Sample(judged, float(entry["label"]["score"]), question.id))
    return out


@dataclass(frozen=True, slots=True)
class Model:
    """What is fitted: each feature's weight, the parts' maxima and the scale."""

    weights: Mapping[str, float]
    maxima: Mapping[str, int]
    scale: float

    def moved(self, name: str, value: float) -> Model:
        return Model({**self.weights, name: value}, self.maxima, self.scale)


def score(sample: Sample, model: Model) -> int:
    weights = {**model.weights, "off-topic": float(model.maxima["relevance"])}
    points = (
        (part_of(x.rule), x.points if cost is None else price(cost, weights))
        for x, cost in zip(sample.judged.feedback.findings, sample.judged.costs, strict=True)
    )
    return sum(parts_of(points, sample.judged.caps, model.scale, model.maxima).values())


def loss(data: Sequence[Sample], model: Model, absolute: bool, prior: float = 0.0) -> float:
    total = 0.0
    for sample in data:
        gap = score(sample, model) - sample.coach
        total += abs(gap) if absolute else gap * gap
    weights = model.weights
    penalty = sum(((weights[k] - v) / v) ** 2 for k, v in PRIOR.items() if k in weights)
    return total / max(len(data), 1) + prior * penalty


def _moves(
    model: Model, fit_maxima: bool, only: frozenset[str] | None = None, fit_scale: bool = True
) -> list[Model]:
    """The models one step away: a weight (of `only`, when given) times each of STEPS, the
    scale up or down a little (unless held), a few points of maximum moved from one part to
    another (their sum stays 100)."""
    out = [
        model.moved(name, model.weights[name] * step)
        for name in model.weights
        if name not in FIXED and (only is None or name in only)
        for step in STEPS
    ]
    out += [
        Model(model.weights, model.maxima, model.scale + d)
        for d in ((-0.02, -0.01, 0.01, 0.02) if fit_scale else ())
        if 0.8 <= model.scale + d <= 1.0
    ]
    if fit_maxima:
        for a in model.maxima:
            for b in model.maxima:
                for n in (1, 3):
                    if a != b and model.maxima[a] - n >= 5:
                        maxima = {**model.maxima, a: model.maxima[a] - n}
                        maxima[b] += n
                        out.append(Model(model.weights, maxima, model.scale))
    return out


def fit(
    data: Sequence[Sample],
    absolute: bool,
    prior: float,
    fit_maxima: bool,
    start: Mapping[str, float] = PRIOR,
    only: frozenset[str] | None = None,
    fit_scale: bool = True,
) -> Model:
    """Coordinate descent from `start`: the best move of `_moves`, taken while it lowers
    the loss. With `only`, just those weights move (and the scale, unless `fit_scale` is
    off): what a new feature is worth with the others' fit held."""
    model = Model({k: v for k, v in start.items() if k not in FIXED}, PART_MAXIMA, SCALE)
    best = loss(data, model, absolute, prior)
    for _step in range(400):
        trials = [
            (loss(data, m, absolute, prior), n, m)
            for n, m in enumerate(_moves(model, fit_maxima, only, fit_scale))
        ]
        trial, _n, candidate = min(trials, key=lambda t: (t[0], t[1]))
        if trial >= best - 1e-9:
            break
        best, model = trial, candidate
    weights = {k: round(v, 1) for k, v in model.weights.items()}
    return Model(weights, model.maxima, round(model.scale, 3))


SCORE_PY = Path(__file__).resolve().parent.parent / "src/prepcoach/practice/feedback/score.py"
BASE_PY = SCORE_PY.parent / "base.py"


def write(model: Model) -> None:
    """Put the fitted weights, scale and maxima into score.py and base.py."""
    text = SCORE_PY.read_text(encoding="utf-8")
    for name, value in model.weights.items():
        text = re.sub(rf'(\n    "{re.escape(name)}": )[0-9.]+,', rf"\g<1>{value},", text)
    text = re.sub(r"\nSCALE: Final = [0-9.]+", f"\nSCALE: Final = {model.scale}", text)
    SCORE_PY.write_text(text, encoding="utf-8")
    text = BASE_PY.read_text(encoding="utf-8")
    for name, value in model.maxima.items():
        text = re.sub(rf'(\n    "{re.escape(name)}": )[0-9]+,', rf"\g<1>{value},", text)
    BASE_PY.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=fm.CORPUS)
    parser.add_argument("--loss", choices=("squared", "absolute"), default="squared")
    parser.add_argument("--folds", type=int, default=0)
    parser.add_argument("--prior", type=float, default=PRIOR_STRENGTH)
    parser.add_argument(
        "--fit-parts", action="store_true", help="fit the parts' maxima too (held at 30/35/20/15)"
    )
    parser.add_argument(
        "--from-prior", action="store_true", help="start from the prior, not the engine's weights"
    )
    parser.add_argument(
        "--only",
        default="",
        help="fit only these weights, comma-separated (a new feature's), holding the others",
    )
    parser.add_argument("--hold-scale", action="store_true", help="keep the scale as it is")
    parser.add_argument("--write", action="store_true", help="write the fit into the engine")
    args = parser.parse_args()
    absolute, fit_maxima = args.loss == "absolute", args.fit_parts
    data = samples(args.corpus)
    now = Model({k: v for k, v in WEIGHTS.items() if k not in FIXED}, PART_MAXIMA, SCALE)
    start = PRIOR if args.from_prior else WEIGHTS
    only = frozenset(x.strip() for x in args.only.split(",") if x.strip()) or None
    unknown = sorted((only or frozenset()) - set(WEIGHTS))
    if unknown:
        parser.error(f"no such feature: {', '.join(unknown)}")
    model = fit(data, absolute, args.prior, fit_maxima, start, only, not args.hold_scale)
    before, after = loss(data, now, True), loss(data, model, True)
    print(f"tune half: {len(data)} scored answers; mean gap {before:.2f} -> {after:.2f}")
    for name, value in model.weights.items():
        print(f'    "{name}": {value},  # {FEATURE_PARTS[name]} (was {WEIGHTS[name]})')
    print(f"SCALE = {model.scale}  (was {SCALE})")
    print(f"PART_MAXIMA = {dict(model.maxima)}  (was {dict(PART_MAXIMA)})")
    if args.write:
        write(model)
    if args.folds > 1:
        # Folds by question: a question's answers share its cues' quirks, so they are held
        # out together, as the answers to questions the fit has not seen.
        questions = sorted({s.question for s in data})
        fold = {q: n % args.folds for n, q in enumerate(questions)}
        gaps: list[float] = []
        for k in range(args.folds):
            train = [s for s in data if fold[s.question] != k]
            held = [s for s in data if fold[s.question] == k]
            model = fit(
                train,
                absolute,
                args.prior,
                fit_maxima,
                start if only else PRIOR,
                only,
                not args.hold_scale,
            )
            gaps.append(loss(held, model, True) * len(held))
        print(f"{args.folds}-fold mean gap on held-out tune answers: {sum(gaps) / len(data):.2f}")


if __name__ == "__main__":
    main()
