"""Post-mortems: the honest look back right after an interview, and the plan it becomes.

A post-mortem is the answers to a template's prompts (content: `postmortem_templates`),
stored by prompt id, so a template can change its wording, order and help without code. The
answer to each prompt is read by one parser per prompt *kind* (rating, text, list, people,
questions, concerns, dates); the parsers accept what people write in YAML and return the
stored form, or issues that say what to fix.

`Postmortem` reads the prompt ids the rest of prepcoach relies on (`FIELD_KINDS`); answers to
any other prompt of a user's template are kept in `answers` and shown in reports.

`action_plan` turns a finished post-mortem into preparation for the next round:
1. questions rated 1-2 become due for practice now;
2. each concern names the competencies to prepare and the stories that cover them (or none);
3. the clarify items become a draft answer to "Would you like to revisit anything from our
   first conversation?";
4. the topics feed the thank-you email, due 24 hours after the interview.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from prepcoach import textcheck
from prepcoach.errors import ContentError, PrepError
from prepcoach.interviews import Interview, Interviewer

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import PostmortemPrompt, PostmortemTemplate
    from prepcoach.stories import StarStory

DEFAULT_TEMPLATE = "first-interview"
STATUSES: tuple[str, ...] = ("draft", "done")
RATING_MIN, RATING_MAX = 1, 5
RATING_LABELS = {1: "poor", 2: "weak", 3: "okay", 4: "good", 5: "excellent"}
WEAK_RATING = 2  # a question rated this or lower is practised again now
FOLLOWUP_DELAY = timedelta(hours=24)
ITEM_MAX = 2_000  # one list item, a concern, a date note

# The prompt ids the plan, the follow-up email and the second-round kit read, and the kind
# of answer each must hold.
FIELD_KINDS: dict[str, str] = {
    "overall_rating": "rating",
    "overall_sentence": "text",
    "people": "people",
    "questions": "questions",
    "went_well": "list",
    "went_badly": "list",
    "concerns": "concerns",
    "topics": "list",
    "excited_about": "text",
    "clarify": "list",
    "next_steps": "text",
    "next_dates": "dates",
}
# Kinds answered item by item; an interrupted one continues where it stopped.
REPEATED_KINDS = frozenset({"list", "people", "questions", "concerns", "dates"})

Answers = dict[str, Any]  # prompt id -> stored answer (plain JSON data)


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question the interviewer asked, how the answer went, and what to say next time."""

    text: str
    question_id: str | None  # the bank question it is, if any
    rating: int  # 1 (poor) to 5 (excellent)
    said: str = ""
    would_say: str = ""

    @property
    def weak(self) -> bool:
        return self.rating <= WEAK_RATING


@dataclass(frozen=True, slots=True)
class Concern:
    """A signal of what the employer worries about or cares most about."""

    text: str
    competencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Postmortem:
    """One interview's post-mortem; `answers` holds every answer by prompt id, as stored."""

    id: str
    interview_id: str
    status: str = "draft"
    overall_rating: int | None = None
    overall_sentence: str = ""
    people: tuple[Interviewer, ...] = ()
    questions: tuple[AskedQuestion, ...] = ()
    went_well: tuple[str, ...] = ()
    went_badly: tuple[str, ...] = ()
    concerns: tuple[Concern, ...] = ()
    topics: tuple[str, ...] = ()
    excited_about: str = ""
    clarify: tuple[str, ...] = ()
    next_steps: str = ""
    next_dates: tuple[str, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    template_id: str = DEFAULT_TEMPLATE
    answers: Answers = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.status == "done"


# ---------------------------------------------------------------------------- issues


@dataclass(frozen=True, slots=True)
class Issue:
    """Something to fix in an answer; `path` leads to it, e.g. ("questions", 1, "rating")."""

    path: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        return f"{describe_path(self.path)}: {self.message}" if self.path else self.message


def describe_path(path: Sequence[str | int]) -> str:
    """("questions", 1, "rating") -> "questions #2 rating"."""
    return " ".join(f"#{step + 1}" if isinstance(step, int) else str(step) for step in path)


def _type_name(value: Any) -> str:
    names = {dict: "mapping", list: "list", bool: "true/false", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------- templates


def template_problems(template: PostmortemTemplate) -> list[str]:
    """What makes a template unusable: repeated prompt ids, or a known id of another kind."""
    found: list[str] = []
    seen: set[str] = set()
    for prompt in template.prompts:
        if prompt.id in seen:
            found.append(f"prompt id '{prompt.id}' is used twice")
        seen.add(prompt.id)
        expected = FIELD_KINDS.get(prompt.id)
        if expected is not None and prompt.kind != expected:
            found.append(
                f"prompt '{prompt.id}' must be of kind '{expected}' (the plan reads it), "
                f"not '{prompt.kind}'; give the prompt another id to ask something else"
            )
    if not template.prompts:
        found.append("the template has no prompts")
    return found


def check_template(template: PostmortemTemplate) -> PostmortemTemplate:
    found = template_problems(template)
    if found:
        raise ContentError(
            f"post-mortem template '{template.id}' cannot be used: " + "; ".join(found), found
        )
    return template


# ---------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What reading answers needs: the bank, and "now" for dates such as 'fri'."""

    library: ContentLibrary
    reference: datetime | None = None
    complete: bool = True  # False for a draft: unrated questions and gaps are allowed


def parse_rating(value: Any) -> int | None:
    """1-5 from a number or a digit string; None for nothing; ValueError says what is wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        number = int(value)
    if number is None:
        raise ValueError(f"'{value}' is not a rating; give a whole number from 1 to 5")
    if not RATING_MIN <= number <= RATING_MAX:
        raise ValueError(f"{number} is outside 1-5 (1 poor, 5 excellent)")
    return number


def _text(
    value: Any, path: tuple[str | int, ...], *, max_chars: int, multiline: bool = True
) -> tuple[str, list[Issue]]:
    if value is None:
        return "", []
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return "", [Issue(path, f"must be text, not a {_type_name(value)}")]
    text = textcheck.clean(str(value), multiline=multiline)
    problem = textcheck.problem("it", text, max_chars=max_chars)
    return text, [Issue(path, problem)] if problem else []


def _items(value: Any, path: tuple[str | int, ...]) -> tuple[list[Any], list[Issue]]:
    """A list answer: a list, one item given alone, or nothing."""
    if value is None or value == "":
        return [], []
    if isinstance(value, list):
        return list(value), []
    if isinstance(value, str | int | float | dict) and not isinstance(value, bool):
        return [value], []
    return [], [Issue(path, f"must be a list, not {_type_name(value)}")]


def _unknown_keys(
    item: Mapping[Any, Any], allowed: Sequence[str], path: tuple[str | int, ...]
) -> list[Issue]:
    from prepcoach.content.validation import suggest

    return [
        Issue(
            (*path, str(key)),
            f"unknown field{suggest(str(key), list(allowed))}; use: {', '.join(allowed)}",
        )
        for key in item
        if key not in allowed
    ]


def _parse_rating(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    try:
        return parse_rating(value), []
    except ValueError as error:
        return None, [Issue(path, str(error))]


def _parse_text(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    return _text(value, path, max_chars=textcheck.PART_MAX)


def _parse_list(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    raw, issues = _items(value, path)
    result: list[str] = []
    for index, item in enumerate(raw):
        text, found = _text(item, (*path, index), max_chars=ITEM_MAX)
        issues += found
        if text:
            result.append(text)
    return result, issues


def _parse_people(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    from prepcoach.interviews import parse_interviewer

    raw, issues = _items(value, path)
    people: list[dict[str, str]] = []
    for index, item in enumerate(raw):
        where = (*path, index)
        if isinstance(item, str):
            try:
                person = parse_interviewer(item)
            except PrepError as error:
                issues.append(Issue(where, str(error)))
                continue
            people.append({"name": person.name, "title": person.title, "email": person.email})
            continue
        if not isinstance(item, dict):
            issues.append(Issue(where, "give a name, or name, title and email"))
            continue
        issues += _unknown_keys(item, ("name", "title", "email"), where)
        name, found = _text(item.get("name"), (*where, "name"), max_chars=200, multiline=False)
        title, found_title = _text(
            item.get("title"), (*where, "title"), max_chars=200, multiline=False
        )
        email, found_email = _text(
            item.get("email"), (*where, "email"), max_chars=254, multiline=False
        )
        issues += found + found_title + found_email
        if not name:
            issues.append(Issue((*where, "name"), "give the person's name"))
        email_problem = textcheck.email_problem(email)
        if email_problem:
            issues.append(Issue((*where, "email"), email_problem))
        people.append({"name": name, "title": title, "email": email})
    return people, issues


def bank_question_for(text: str, library: ContentLibrary) -> str | None:
    """The bank question with exactly this wording (ignoring case, spaces and punctuation)."""
    wanted = _plain(text)
    if not wanted:
        return None
    for question in library.questions.values():
        if _plain(question.text) == wanted:
            return question.id
    return None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


QUESTION_FIELDS = ("text", "id", "rating", "said", "would_say")


def _parse_questions(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    from prepcoach.content.validation import suggest

    raw, issues = _items(value, path)
    library = ctx.library
    asked: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        where = (*path, index)
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            issues.append(Issue(where, "give the question's text and your rating, 1 to 5"))
            continue
        # "question_id" is the stored and JSON name; documents say "id".
        item = {("id" if k == "question_id" else k): v for k, v in item.items()}
        issues += _unknown_keys(item, QUESTION_FIELDS, where)
        text, found = _text(item.get("text"), (*where, "text"), max_chars=ITEM_MAX)
        issues += found
        question_id = item.get("id")
        if question_id is not None and not isinstance(question_id, str):
            issues.append(Issue((*where, "id"), "must be a question id from the bank"))
            question_id = None
        question_id = (question_id or "").strip() or None
        if question_id is not None and question_id not in library.questions:
            issues.append(
                Issue(
                    (*where, "id"),
                    f"no question with id '{question_id}' in the bank"
                    f"{suggest(question_id, list(library.questions))}; leave it empty for a "
                    "question of your own",
                )
            )
            question_id = None
        if question_id is not None and not text:
            text = library.questions[question_id].text
        if not text:
            issues.append(Issue(where, "give the question's text (or the id of a bank question)"))
            continue
        if question_id is None:
            question_id = bank_question_for(text, library)
        rating: int | None = None
        try:
            rating = parse_rating(item.get("rating"))
        except ValueError as error:
            issues.append(Issue((*where, "rating"), str(error)))
        else:
            if rating is None and ctx.complete:
                issues.append(
                    Issue(
                        (*where, "rating"),
                        "rate how you answered it, from 1 (poor) to 5 (excellent)",
                    )
                )
        said, found_said = _text(item.get("said"), (*where, "said"), max_chars=textcheck.PART_MAX)
        would, found_would = _text(
            item.get("would_say"), (*where, "would_say"), max_chars=textcheck.PART_MAX
        )
        issues += found_said + found_would
        asked.append(
            {
                "text": text,
                "question_id": question_id,
                "rating": rating,
                "said": said,
                "would_say": would,
            }
        )
    return asked, issues


def _parse_concerns(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    from prepcoach.content.validation import suggest

    raw, issues = _items(value, path)
    known = ctx.library.competencies
    concerns: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        where = (*path, index)
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            issues.append(Issue(where, "give the signal's text and its competencies"))
            continue
        issues += _unknown_keys(item, ("text", "competencies"), where)
        text, found = _text(item.get("text"), (*where, "text"), max_chars=ITEM_MAX)
        issues += found
        if not text:
            issues.append(Issue((*where, "text"), "say what the signal was"))
            continue
        tags = item.get("competencies")
        if tags is None:
            tags = list(likely_competencies(text, ctx.library))
        elif isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            issues.append(
                Issue((*where, "competencies"), "must be a list of ids, e.g. [communication]")
            )
            continue
        tags = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
        unknown = [t for t in tags if t not in known]
        for tag in unknown:
            issues.append(
                Issue(
                    (*where, "competencies"),
                    f"unknown competency '{tag}'{suggest(tag, list(known))}",
                )
            )
        if not tags:
            issues.append(
                Issue(
                    (*where, "competencies"),
                    "name the competencies it points to, e.g. [communication, conflict] "
                    f"(known: {', '.join(known)})",
                )
            )
        concerns.append({"text": text, "competencies": [t for t in tags if t in known]})
    return concerns, issues


def _parse_dates(value: Any, path: tuple[str | int, ...], ctx: ParseContext) -> Any:
    items, issues = _parse_list(value, path, ctx)
    return [normalize_date_item(item, ctx.reference) for item in items], issues


PARSERS = {
    "rating": _parse_rating,
    "text": _parse_text,
    "list": _parse_list,
    "people": _parse_people,
    "questions": _parse_questions,
    "concerns": _parse_concerns,
    "dates": _parse_dates,
}


def parse_answer(
    prompt: PostmortemPrompt, value: Any, ctx: ParseContext
) -> tuple[Any, list[Issue]]:
    """One prompt's answer in its stored form, and the issues found (by its kind)."""
    parsed, issues = PARSERS[prompt.kind](value, (prompt.id,), ctx)
    if ctx.complete and prompt.required and is_empty(prompt.kind, parsed) and not issues:
        issues = [Issue((prompt.id,), required_message(prompt))]
    return parsed, issues


def required_message(prompt: PostmortemPrompt) -> str:
    if prompt.kind == "questions":
        return "add at least one question they asked: the plan for the next round starts there"
    if prompt.kind == "rating":
        return "give a rating from 1 (poor) to 5 (excellent)"
    return "this answer is required"


def parse_answers(
    template: PostmortemTemplate,
    data: Mapping[str, Any],
    ctx: ParseContext,
    *,
    keep: Sequence[str] = (),
) -> tuple[Answers, list[Issue]]:
    """Answers by prompt id from a mapping (a scripted file, an edited document).

    Keys that are not prompts of the template are errors, except those in `keep` (answers
    to prompts an older version of the template had), which are kept as they are.
    """
    from prepcoach.content.validation import suggest

    check_template(template)
    prompts = {p.id: p for p in template.prompts}
    answers: Answers = {}
    issues: list[Issue] = []
    for key, value in data.items():
        name = str(key).removeprefix("postmortem.")
        if name in prompts:
            answers[name], found = parse_answer(prompts[name], value, ctx)
            issues += found
        elif name in keep:
            answers[name] = value
        else:
            issues.append(
                Issue(
                    (name,),
                    f"not a prompt of the '{template.id}' post-mortem"
                    f"{suggest(name, list(prompts))}; prompts: {', '.join(prompts)}",
                )
            )
    if ctx.complete:
        for prompt in template.prompts:
            if prompt.id not in answers and prompt.required:
                issues.append(Issue((prompt.id,), required_message(prompt)))
    return answers, issues


def is_empty(kind: str, value: Any) -> bool:
    if value is None or value == "" or value == []:
        return True
    if kind == "questions":
        return not any(isinstance(q, dict) and q.get("text") for q in value)
    return False


def missing_required(template: PostmortemTemplate, answers: Mapping[str, Any]) -> list[str]:
    """Ids of required prompts without an answer, and of questions without a rating."""
    missing = [p.id for p in template.prompts if p.required and is_empty(p.kind, answers.get(p.id))]
    for prompt in template.prompts:
        if prompt.kind == "questions" and prompt.id not in missing:
            value = answers.get(prompt.id) or []
            if any(isinstance(q, dict) and q.get("rating") is None for q in value):
                missing.append(prompt.id)
    return missing


def resume_index(template: PostmortemTemplate, answers: Mapping[str, Any]) -> int:
    """Where an interrupted post-mortem continues: the first prompt not answered yet, or the
    last answered one when it is answered item by item (it may have been cut short)."""
    answered = [i for i, p in enumerate(template.prompts) if p.id in answers]
    if not answered:
        return 0
    last = answered[-1]
    if template.prompts[last].kind in REPEATED_KINDS:
        return last
    return last + 1


# ---------------------------------------------------------------------------- suggestions


@dataclass(frozen=True, slots=True)
class _BankIndex:
    """The bank's questions as word stems, with how rare each stem is (IDF)."""

    stems: dict[str, frozenset[str]]  # question id -> stems
    keywords: dict[str, str]  # question id -> keywords
    idf: dict[str, float]

    def weight(self, stem: str) -> float:
        return self.idf.get(stem, self.idf.get("", 1.0))


def _bank_index(library: ContentLibrary) -> _BankIndex:
    import math

    from prepcoach.stories import keywords

    words = {q.id: keywords(q.text) for q in library.questions.values()}
    stems = {qid: frozenset(_stems(text)) for qid, text in words.items()}
    counts: dict[str, int] = {}
    for found in stems.values():
        for stem in found:
            counts[stem] = counts.get(stem, 0) + 1
    total = len(stems) or 1
    idf = {stem: math.log(1 + total / (1 + n)) for stem, n in counts.items()}
    idf[""] = math.log(1 + total)  # a stem no question has
    return _BankIndex(stems, words, idf)


def similar_questions(
    text: str, library: ContentLibrary, *, limit: int = 3, cutoff: float = 50
) -> list[tuple[str, float]]:
    """Bank questions worded like `text`, best first, as (id, score 0-100).

    The score is the mean of two views: the share of the text's words (rare ones counting
    more) that the question has, and rapidfuzz's token set/sort similarity of their words.
    """
    from rapidfuzz import fuzz

    from prepcoach.stories import keywords

    index = _bank_index(library)
    words = keywords(text)
    wanted = _stems(words)
    if not wanted:
        return []
    total = sum(index.weight(s) for s in wanted)
    scored = []
    for qid, stems in index.stems.items():
        overlap = 100 * sum(index.weight(s) for s in wanted & stems) / total
        other = index.keywords[qid]
        wording = (fuzz.token_set_ratio(words, other) + fuzz.token_sort_ratio(words, other)) / 2
        score = round((overlap + wording) / 2, 1)
        if score >= cutoff:
            scored.append((qid, score))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def suggest_competencies(text: str, library: ContentLibrary, limit: int = 2) -> tuple[str, ...]:
    """Competencies a concern probably points to, best first (empty when nothing fits).

    A competency named in the text comes first ("asked about my leadership"). Then the text
    is compared with the bank's questions by the words they share, rare words counting
    more (IDF), and the competencies of the closest questions are taken, so "stakeholder
    management" finds those of the bank's stakeholder questions.
    """
    from prepcoach.stories import keywords

    wanted = _stems(keywords(text))
    if not wanted:
        return ()
    picked = list(named_competencies(text, library))
    index = _bank_index(library)
    scored = sorted(
        (
            (sum(index.weight(w) for w in stems & wanted), library.questions[qid].competencies)
            for qid, stems in index.stems.items()
            if library.questions[qid].competencies
        ),
        key=lambda pair: -pair[0],
    )
    best = scored[0][0] if scored else 0.0
    weights: dict[str, float] = {}
    for score, tags in scored[:6]:
        if score < max(best * 0.6, 2.0):
            break
        for rank, tag in enumerate(tags):
            weights[tag] = weights.get(tag, 0.0) + score / (rank + 1)
    for tag, _weight in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if tag not in picked and tag in library.competencies:
            picked.append(tag)
    return tuple(picked[:limit])


def named_competencies(text: str, library: ContentLibrary) -> tuple[str, ...]:
    """Competencies the text names ("my leadership", "conflict with engineering")."""
    from prepcoach.stories import keywords

    wanted = _stems(keywords(text))
    return tuple(
        c.id
        for c in library.competencies.values()
        if _stems(keywords(f"{c.id.replace('-', ' ')} {c.name}")) & wanted
    )


def likely_competencies(text: str, library: ContentLibrary) -> tuple[str, ...]:
    """What to assume a concern points to: the competencies it names, else the best guess."""
    return named_competencies(text, library) or suggest_competencies(text, library, limit=1)


# Words that describe the signal, not its subject ("asked twice about ...").
_SIGNAL_WORDS = frozenset(
    """again ask asked asking concern concerned focus focused follow handle interested kept
    lot lots many much push pushed question questions really seemed several skeptical
    they times twice wanted worried""".split()
)


def _stems(words: str) -> set[str]:
    return {_stem(w) for w in words.split() if len(w) > 2 and w not in _SIGNAL_WORDS}


def _stem(word: str) -> str:
    """A crude English stem, enough to match 'deadlines' with 'deadline'."""
    if len(word) > 6 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 5 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_DATE_SEPARATORS = (": ", " - ", " – ", " — ")


def normalize_date_item(text: str, reference: datetime | None = None) -> str:
    """'fri: hear back' -> '2025-03-21: hear back'; text that starts with no date is kept.

    The date may be anything `prepcoach.interviews.parse_when` reads (ISO, today, tomorrow,
    a weekday, with an optional time); times are written in local time.
    """
    from prepcoach import clock
    from prepcoach.interviews import parse_when

    text = textcheck.clean(text, multiline=False)
    candidates = [(text, "")]
    for separator in _DATE_SEPARATORS:
        head, found, rest = text.partition(separator)
        if found:
            candidates.append((head, rest))
    for head, rest in candidates:
        try:
            when = parse_when(head, reference)
        except PrepError:
            continue
        if when is None:
            continue
        if isinstance(when, datetime):
            shown = clock.local(when).strftime("%Y-%m-%d %H:%M")
        else:
            shown = when.isoformat()
        return f"{shown}: {rest.strip()}" if rest.strip() else shown
    return text


# ---------------------------------------------------------------------------- reading


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if value is None or value == "":
        return []
    return [value]


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return "" if value is None else str(value)


def from_answers(
    *,
    id: str,  # noqa: A002 - the record's field name
    interview_id: str,
    answers: Mapping[str, Any],
    status: str = "draft",
    template_id: str = DEFAULT_TEMPLATE,
    created_at: str = "",
    updated_at: str = "",
) -> Postmortem:
    """The typed post-mortem from stored answers (unrated draft questions are left out)."""
    rating = answers.get("overall_rating")
    people = tuple(
        Interviewer(
            name=str(p.get("name") or ""),
            title=str(p.get("title") or ""),
            email=str(p.get("email") or ""),
        )
        for p in _as_list(answers.get("people"))
        if isinstance(p, dict) and p.get("name")
    )
    questions = tuple(
        AskedQuestion(
            text=str(q.get("text") or ""),
            question_id=q.get("question_id") or None,
            rating=int(q["rating"]),
            said=str(q.get("said") or ""),
            would_say=str(q.get("would_say") or ""),
        )
        for q in _as_list(answers.get("questions"))
        if isinstance(q, dict) and q.get("text") and isinstance(q.get("rating"), int)
    )
    concerns = tuple(
        Concern(text=str(c.get("text") or ""), competencies=tuple(c.get("competencies") or ()))
        for c in _as_list(answers.get("concerns"))
        if isinstance(c, dict) and c.get("text")
    )

    def strings(key: str) -> tuple[str, ...]:
        return tuple(str(v) for v in _as_list(answers.get(key)) if v)

    return Postmortem(
        id=id,
        interview_id=interview_id,
        status=status,
        overall_rating=rating if isinstance(rating, int) and not isinstance(rating, bool) else None,
        overall_sentence=_as_text(answers.get("overall_sentence")),
        people=people,
        questions=questions,
        went_well=strings("went_well"),
        went_badly=strings("went_badly"),
        concerns=concerns,
        topics=strings("topics"),
        excited_about=_as_text(answers.get("excited_about")),
        clarify=strings("clarify"),
        next_steps=_as_text(answers.get("next_steps")),
        next_dates=strings("next_dates"),
        created_at=created_at,
        updated_at=updated_at,
        template_id=template_id,
        answers=dict(answers),
    )


# ---------------------------------------------------------------------------- the plan


@dataclass(frozen=True, slots=True)
class CompetencyPrep:
    """A competency a concern points to, and the stories that can answer for it."""

    competency: str
    name: str
    stories: tuple[StarStory, ...]  # best fit for the concern first

    @property
    def covered(self) -> bool:
        return bool(self.stories)


@dataclass(frozen=True, slots=True)
class ConcernPrep:
    concern: Concern
    competencies: tuple[CompetencyPrep, ...]


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """What to do before the next round, computed from a post-mortem."""

    weak_questions: tuple[AskedQuestion, ...]  # rated 1-2, the weakest first
    concerns: tuple[ConcernPrep, ...]
    revisit_answer: str  # a draft answer to "Would you like to revisit anything...?"
    followup_topics: tuple[str, ...]
    followup_deadline: datetime | date | None  # a day when the interview's time is unknown
    strengths: tuple[str, ...]
    gaps: tuple[str, ...]
    clarify: tuple[str, ...]
    next_dates: tuple[str, ...]

    @property
    def weak_question_ids(self) -> tuple[str, ...]:
        """Bank questions to practise now (`prep practice --mode weak`)."""
        return tuple(dict.fromkeys(q.question_id for q in self.weak_questions if q.question_id))

    @property
    def unlinked_weak_questions(self) -> tuple[AskedQuestion, ...]:
        """Weak questions of your own wording: no bank question to schedule."""
        return tuple(q for q in self.weak_questions if not q.question_id)

    @property
    def uncovered_competencies(self) -> tuple[str, ...]:
        """Competencies a concern points to that no story covers yet."""
        return tuple(
            dict.fromkeys(
                c.competency for prep in self.concerns for c in prep.competencies if not c.covered
            )
        )


def action_plan(
    postmortem: Postmortem,
    library: ContentLibrary,
    stories: Sequence[StarStory],
    interview: Interview,
) -> ActionPlan:
    """The plan for the next round (see the module's docstring)."""
    weak = tuple(
        sorted((q for q in postmortem.questions if q.weak), key=lambda q: q.rating)
    )  # stable: equal ratings keep the order they were asked in
    return ActionPlan(
        weak_questions=weak,
        concerns=tuple(
            _prepare_concern(concern, library, stories) for concern in postmortem.concerns
        ),
        revisit_answer=revisit_answer(postmortem.clarify, weak, postmortem.excited_about),
        followup_topics=postmortem.topics,
        followup_deadline=followup_deadline(interview),
        strengths=postmortem.went_well,
        gaps=postmortem.went_badly,
        clarify=postmortem.clarify,
        next_dates=postmortem.next_dates,
    )


def _prepare_concern(
    concern: Concern, library: ContentLibrary, stories: Sequence[StarStory]
) -> ConcernPrep:
    from prepcoach.stories import match_stories

    names = {c.id: c.name for c in library.competencies.values()}
    prepared = []
    for tag in concern.competencies:
        covering = [s for s in stories if tag in s.competencies]
        ranked = match_stories(covering, concern.text, (tag,), competency_names=names)
        prepared.append(
            CompetencyPrep(
                competency=tag,
                name=names.get(tag, tag),
                stories=tuple(m.story for m in ranked),
            )
        )
    return ConcernPrep(concern=concern, competencies=tuple(prepared))


def followup_deadline(interview: Interview) -> datetime | date | None:
    """24 hours after the interview; the next day when only its day is known."""
    when = interview.when
    if isinstance(when, datetime):
        return when + FOLLOWUP_DELAY
    if isinstance(when, date):
        return when + timedelta(days=1)
    return None


_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth")
_COUNTS = {1: "one thing", 2: "two things", 3: "three things"}


def revisit_answer(
    clarify: Sequence[str], weak: Sequence[AskedQuestion] = (), excited_about: str = ""
) -> str:
    """A draft answer to "Would you like to revisit anything from our first conversation?".

    Built from the clarify items, plus the weakest question you know a better answer to.
    With nothing to clarify, a graceful "no" that turns to what excited you. It is a
    starting point to put into your own words, not a script.
    """
    points = [_sentence(item) for item in clarify if item.strip()]
    better = next((q for q in weak if q.would_say.strip()), None)
    count = len(points) + (1 if better else 0)
    if count == 0:
        if excited_about.strip():
            return (
                "No, I think we covered the main points, thank you. One thing I have kept "
                f"thinking about since is {_clause(excited_about)}, and I'd like to hear more "
                "about it."
            )
        return ""
    things = _COUNTS.get(count, "a few things")
    parts = [
        "Yes, thank you. I've thought more about our first conversation, and there "
        f"{'is' if count == 1 else 'are'} {things} I'd like to come back to."
    ]
    for index, point in enumerate(points):
        lead = f"{_ORDINALS[index]}, " if count > 1 and index < len(_ORDINALS) else ""
        parts.append(lead + (_lower_first(point) if lead else point))
    if better is not None:
        question = better.text.strip().rstrip("?.!")
        parts.append(
            ("And when" if points else "When")
            + f' you asked "{question}?", I don\'t think I gave you my best answer. '
            + _sentence(better.would_say)
        )
    return " ".join(parts)


def _lower_first(text: str) -> str:
    """'The team...' -> 'the team...', but 'I said', 'SQL' and 'ACME' stay as they are."""
    first = text.split(" ", 1)[0].rstrip(",.;:")
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _clause(text: str) -> str:
    return _lower_first(" ".join(text.split()).rstrip(".!"))


# ---------------------------------------------------------------------------- the interview


def interview_problem(interview: Interview, reference: datetime | None = None) -> str | None:
    """Why there can be no post-mortem for this interview yet (it is in the future)."""
    from prepcoach import clock
    from prepcoach.interviews import format_when

    reference = reference or clock.now()
    when = interview.when
    if isinstance(when, datetime):
        future = when > reference
    elif isinstance(when, date):
        future = when > clock.local(reference).date()
    else:
        future = False
    if not future:
        return None
    return (
        f"{interview.label()} is {format_when(when, relative=True)}: a post-mortem is for "
        "after the interview. If the date is wrong, fix it with "
        f"'prep interview edit {interview.id} --when ...'"
    )


def past_interviews(
    interviews: Sequence[Interview], reference: datetime | None = None
) -> list[Interview]:
    """Interviews that have started (or have no date), most recent first, for choosing which
    one to look back on; undated ones come after dated ones."""
    from prepcoach.interviews import sort_key_latest

    started = [i for i in interviews if interview_problem(i, reference) is None]
    dated = sorted((i for i in started if i.when is not None), key=sort_key_latest, reverse=True)
    undated = sorted(
        (i for i in started if i.when is None), key=lambda i: i.created_at, reverse=True
    )
    return dated + undated


def merged_people(
    known: Sequence[Interviewer], met: Sequence[Interviewer]
) -> tuple[Interviewer, ...] | None:
    """The interview's interviewers with the people met added or completed (title, email).

    None when nothing changes. Someone is the same person by email, else by name.
    """
    from dataclasses import replace

    people = list(known)
    changed = False
    for person in met:
        match = next(
            (
                i
                for i, p in enumerate(people)
                if (person.email and p.email.casefold() == person.email.casefold())
                or p.name.casefold() == person.name.casefold()
            ),
            None,
        )
        if match is None:
            people.append(replace(person, id=""))
            changed = True
            continue
        current = people[match]
        updated = replace(
            current,
            title=current.title or person.title,
            email=current.email or person.email,
        )
        if updated != current:
            people[match] = updated
            changed = True
    return tuple(people) if changed else None
