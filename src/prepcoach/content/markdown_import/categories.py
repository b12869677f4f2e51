"""Whom a question is for and its category, by its wording first and its headings second.

Kind. A heading or title that says the list is for the candidate to ask ("Questions to ask
your interviewer", "Reverse interview", `أسئلة تطرحها على المحاور`, "Preguntas para el
entrevistador") makes the questions under it questions to ask; one that says they are asked
of the candidate ("Behavioral questions", "Questions they will ask you") makes them interview
questions. Under any other heading the questions vote: each one's wording leans one way or the
other (`ask_evidence`), and the heading's group goes the way most of them lean. Either way a
question whose own wording is clear goes its own way: "Do you have any questions for us?"
under "Questions to ask" is asked of the candidate, "What are the next steps?" in a list of
interview questions is one to ask.

Category. Each rule that the wording matches scores its category (a telling phrase such as
"salary" or "tell me about a time" more than a hint such as "how would you"); the nearest
heading that names a category scores it too, less than a telling phrase, and an outer heading
or the title less again. The best score wins; with none, an interview question is
behavioral (most generic questions ask about the candidate's past, which suits STAR) and a
question to ask is about the role's challenges. So "What are your salary expectations?" under
"## Behavioral" is a salary question, and a plain "How would you find out why?" under "## Case
round" is role-specific.

English has the most rules; Arabic, Chinese, Japanese, Spanish, French, German and
Portuguese have the common ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias, TypeVar

from prepcoach.content.model import AskCategory, Audience, Category

Kind: TypeAlias = Literal["question", "ask"]
_C = TypeVar("_C", bound=str)

# --- kind: headings ---------------------------------------------------------------------------

# "Questions to ask yourself" or "... to ask candidates" are not for the employer.
_NOT_THE_CANDIDATE: Final = (
    r"(?!\s+(?:yourself|candidates?|applicants?|interviewees?|job\s+seekers|new\s+hires"
    r"|employees|references|your\s+(?:candidates|references)))"
)
ASK_SECTION = re.compile(
    r"\bquestions?\s+(?:to|you\s+(?:should|can|could|might|may|could\s+ask|want\s+to)"
    r"|for\s+you\s+to|candidates\s+(?:should|can))\s+ask\b"
    + _NOT_THE_CANDIDATE
    + r"|\bwhat\s+to\s+ask\b"
    + _NOT_THE_CANDIDATE
    + r"|\bthings\s+to\s+ask\b|\bask(?:ing)?\s+(?:the|your|an?|them|at\s+the"
    r"\s+end)\b(?:\s+(?:interviewer|employer|hiring\s+manager|recruiter|company|team|panel))?"
    r"|\b(?:your\s+)?questions\s+for\s+(?:them|the\s+(?:interviewer|employer|company|panel"
    r"|hiring\s+manager|recruiter)|your\s+(?:interviewer|employer|future\s+(?:manager|team)"
    r"|recruiter|hiring\s+manager))\b|\byour\s+(?:own\s+)?questions\b"
    r"|\breverse[\s-]+interview|\byour\s+turn\s+to\s+ask\b|\bturn\s+the\s+tables\b"
    r"|\basking\s+(?:questions|the\s+(?:interviewer|employer))\b"
    r"|\bquestions\s+(?:at|for)\s+the\s+end\b|\bend[\s-]of[\s-](?:the[\s-])?interview\s+questions\b"
    # Arabic, Chinese, Japanese, Spanish, French, German, Portuguese.
    r"|أسئلة\s+(?:تطرحها|تسألها|للمحاور|لصاحب\s+العمل)|向面试官提问|问面试官|反问|逆質問"
    r"|面接官への質問|preguntas\s+(?:para|al|a\s+la)\s+(?:el\s+)?(?:entrevistador|empresa|empleador)"
    r"|preguntas\s+(?:que|para)\s+(?:hacer|puedes\s+hacer)|questions\s+à\s+poser"
    r"|fragen\s+an\s+(?:den|die)\s+(?:arbeitgeber|interviewer|personaler)|rückfragen"
    r"|perguntas\s+(?:para|ao|a)\s+(?:o\s+)?(?:entrevistador|empresa|recrutador)"
    # "Reverse interview" and "questions for the employer" in more languages.
    r"|entrevista\s+(?:inversa|reversa)|entretien\s+invers[ée]|umgekehrtes\s+vorstellungsgespräch"
    r"|colloquio\s+inverso|intervista\s+inversa|domande\s+(?:da\s+fare|per\s+il\s+selezionatore)"
    r"|обратное\s+собеседование|вопросы\s+(?:работодателю|интервьюеру)|tersine\s+mülakat"
    r"|odwrócona\s+rozmowa|pytania\s+do\s+(?:pracodawcy|rekrutera)|omgekeerd\s+sollicitatiegesprek"
    r"|vragen\s+aan\s+de\s+werkgever|wawancara\s+terbalik|pertanyaan\s+untuk\s+pewawancara"
    r"|रिवर्स\s+इंटरव्यू|रिव्हर्स\s+इंटरव्ह्यू|مصاحبه\s+معکوس|المقابلة\s+العكسية|反向面试|逆面接"
    r"|역면접|리버스\s+인터뷰",
    re.I,
)
_QUESTION_SECTION = re.compile(
    r"\bbehaviou?r(?:al|[\s-]based)\b|\bsituational\b|\bcompetency(?:[\s-]based)?\b"
    r"|\bhypothetical|\bstar\s+(?:method|questions)\b|\bcase\s+(?:study|interview|round)"
    r"|\btechnical\s+(?:questions|round|interview)\b|\bcommon\s+(?:interview\s+)?questions\b"
    r"|\bquestions\s+(?:they|you(?:'ll|\s+will|\s+may|\s+might|\s+could)?\s+be|employers"
    r"|interviewers|recruiters|hiring\s+managers|panels?)\s+(?:ask|asked|will\s+ask|may\s+ask)"
    r"|\binterview\s+questions\b(?!\s+(?:to|you\s+(?:should|can|could))\s+ask)"
    r"|\b(?:questions|prompts)\s+(?:for|asked\s+of)\s+(?:candidates|the\s+candidate)\b"
    r"|\bquestions\s+to\s+ask\s+(?:candidates?|applicants?|interviewees?)\b"
    r"|\bpreguntas\s+de\s+entrevista\b|\bquestions\s+d'entretien\b|\bvorstellungsgespräch",
    re.I,
)

# --- kind: wording ----------------------------------------------------------------------------

_PROMPT = re.compile(  # an interview prompt: -2
    r"^(?:please\s+|so,?\s+|now,?\s+)?(?:tell|give|walk|talk|share|describe|explain|sell|estimate"
    r"|imagine|suppose|name|list|introduce|outline|summari[sz]e)\b",
    re.I,
)
_TO_CANDIDATE = re.compile(  # the employer speaking, or the candidate's own past: -2
    r"\b(?:we|us|our|ours|we're|we've|we'd)\b|\bhire\s+you\b|\byourself\b"
    r"|\bhave\s+you\s+ever\b|\bdid\s+you\b|\bwere\s+you\b|\byou(?:'ve|\s+have)\s+(?:ever|had"
    r"|done|worked|led|made|faced|handled|received|learned|learnt)\b"
    r"|\byour\s+(?:greatest|biggest|main|key|top|best|worst)\s+(?:strengths?|weakness(?:es)?"
    r"|achievements?|accomplishments?|failures?|mistakes?)\b|\bstrengths\b|\bweakness(?:es)?\b"
    r"|\byour\s+(?:last|current|previous|former|old|past|present)\s+(?:job|role|position"
    r"|employer|company|manager|boss|team|workplace)\b|\byour\s+(?:cv|resume|résumé|degree"
    r"|studies|salary|notice|expectations|ideal|dream|career\s+so\s+far)\b"
    r"|\b(?:describe|say\s+about|think\s+of|rate)\s+you\b|\bwould\s+(?:they|your\s+\w+)\s+say\b"
    r"|\bwhy\s+(?:do|did|are|would|should)\s+you\s+(?:want|apply|applying|like|leave|leaving"
    r"|think|deserve)\b|\bwhere\s+do\s+you\s+see\s+yourself\b|\bwhat\s+(?:would|do)\s+you\s+do\b",
    re.I,
)
_EMPLOYER_VOICE = re.compile(
    r"\b(?:we|us|our|ours|we're|we've|we'd)\b|\bhire\s+you\b|\bquestions\s+for\s+me\b", re.I
)
_ANY_QUESTIONS_FOR_US = re.compile(r"\bquestions\s+for\s+(?:us|me)\b", re.I)
_SPEAKER_ME = re.compile(  # the candidate speaking: +2
    r"\b(?:i|i'd|i'm|i'll|i've|me|my|mine|myself)\b", re.I
)
_NOT_SPEAKER_ME = re.compile(
    r"\b(?:tell|give|walk|talk|show|sell|convince|remind|let|teach|take)\s+me\b", re.I
)
_EMPLOYER_STRONG = re.compile(  # +2
    r"\b(?:work(?:ing)?|people|everyone|staff|employees|things|it)\s+(?:here|at\s+(?:the|this)"
    r"\s+company)\b|\b(?:since|when|before)\s+you\s+joined\b|\byou(?:'ve|\s+have)\s+been\s+"
    r"(?:here|with\s+the|at\s+the)\b|\b(?:the|this|a)\s+new\s+(?:hire|person|starter|joiner)\b"
    r"|\bnew\s+hires?\b|\bthe\s+(?:person|people)\s+in\s+this\s+(?:role|job|position)\b"
    r"|\bthe\s+successful\s+(?:candidate|applicant)\b|\b(?:the\s+)?(?:people|team|staff|engineers"
    r"|reports)\s+you\s+(?:manage|lead|hire|supervise)\b|\bnext\s+(?:steps?|stage|round)\b"
    r"|\bhear\s+(?:back|from\s+you)\b|\bexpect\s+to\s+hear\b|\blet\s+(?:candidates|applicants)\s+know\b"
    r"|\bmake\s+(?:a|your|the)\s+decision\b|\bthe\s+(?:interview|hiring|recruitment|selection)"
    r"\s+process\b|\bstages?\s+of\s+the\s+(?:interview|process)\b|\bremaining\s+(?:stages"
    r"|rounds|interviews)\b|\bother\s+candidates\b|\byour\s+(?:engineers|employees|staff"
    r"|managers)\b|\bhow\s+long\s+have\s+you\s+(?:been|worked)\s+(?:here|at|with)\b",
    re.I,
)
_EMPLOYER_WEAK = re.compile(  # +1
    r"\b(?:the|this)\s+(?:team|team's|company|company's|business|department|organi[sz]ation"
    r"|role|job|position|post|office|product|division|group)\b|\bhere\b|\bon[\s-]call\b"
    r"|\bcareer\s+ladder\b|\bpromotions?\b|\btraining\b|\bbudget\s+for\b|\bonboard\w*"
    r"|\bcore\s+hours\b|\bovertime\b|\bremote\b|\bwork[\s-]life\b|\byour\s+(?:team|company"
    r"|organi[sz]ation|department|business|office|culture|customers|product|roadmap"
    r"|management\s+style)\b",
    re.I,
)
_YOU = re.compile(r"\b(?:you|your|you're|you'd|you'll|yours)\b", re.I)


def ask_evidence(text: str) -> int:
    """How far a question's wording leans to being one to ask (above 0) or one asked of the
    candidate (below 0): 2 or more is clear either way."""
    score = 0
    if _ANY_QUESTIONS_FOR_US.search(text):
        return -3
    if _PROMPT.search(text):
        score -= 2
    if _TO_CANDIDATE.search(text):
        score -= 2
    if _SPEAKER_ME.search(_NOT_SPEAKER_ME.sub(" ", text)):
        score += 2
    employer = _EMPLOYER_STRONG.search(text)
    if employer:
        score += 2
    elif _EMPLOYER_WEAK.search(text):
        score += 1
    if score == 0 and _YOU.search(text):
        score = -1
    return score


def heading_kind(headings: Sequence[str], title: str | None) -> tuple[Kind, str] | None:
    """What the nearest heading (or the title) that says it makes the questions under it, and
    which one said it."""
    for heading in (*reversed(headings), title or ""):
        if ASK_SECTION.search(heading):
            return "ask", heading
        if _QUESTION_SECTION.search(heading):
            return "question", heading
    return None


@dataclass(frozen=True, slots=True)
class Place:
    """Where a kept question stands: its headings, outermost first, and the block index of the
    innermost one (-1 before any), which groups the questions that vote together."""

    headings: tuple[str, ...]
    group: int


def decide_kinds(
    texts: Sequence[str], places: Sequence[Place], title: str | None, kind: str
) -> list[tuple[Kind, str]]:
    """Each question's kind and why (see the module docstring): "--kind", the heading or title
    that says it, "their wording" (the group's vote) or "its own wording" (against its group).
    `kind` "question" or "ask" decides for all."""
    if kind in ("question", "ask"):
        return [("ask" if kind == "ask" else "question", "--kind")] * len(texts)
    evidence = [ask_evidence(text) for text in texts]
    declared = [heading_kind(place.headings, title) for place in places]
    votes: dict[int, list[int]] = {}
    for place, said, leaning in zip(places, declared, evidence, strict=True):
        if said is None:
            votes.setdefault(place.group, [0, 0, 0])
            tally = votes[place.group]
            tally[0] += leaning > 0
            tally[1] += leaning < 0
            tally[2] += 1
    overall = [sum(t[0] for t in votes.values()), sum(t[1] for t in votes.values())]
    strong_ask = {g: t[0] >= 3 and t[0] >= 3 * t[1] for g, t in votes.items()}
    out: list[tuple[Kind, str]] = []
    for text, place, said, leaning in zip(texts, places, declared, evidence, strict=True):
        if said is not None:
            group, why = said[0], ("the title" if said[1] == title else f"the heading '{said[1]}'")
        else:
            ask, question, count = votes[place.group]
            if ask == question == 0:
                ask, question, count = overall[0], overall[1], overall[0] + overall[1]
            group = "ask" if ask > question and 2 * ask >= count else "question"
            why = "their wording"
        if group == "ask" and said is not None:
            # Under "Questions to ask", only the employer's own voice is asked of the candidate
            # ("Do you have any questions for us?"): a question about the interviewer's past
            # ("Give an example of a time you coached someone") is one to ask them.
            turned = leaning <= -2 and _EMPLOYER_VOICE.search(text) is not None
        elif group == "ask":  # a list that clearly asks needs more to turn a question back
            turned = leaning <= (-3 if strong_ask.get(place.group, False) else -2)
        else:
            turned = leaning >= 2
        if turned:
            out.append(("question" if group == "ask" else "ask", "its own wording"))
        else:
            out.append((group, why))
    return out


# --- categories: scoring ----------------------------------------------------------------------

_STRONG: Final = 4.0  # a telling phrase in the question
_HINT: Final = 1.5  # a phrase that suggests the category
_NEAREST: Final = 2.0  # the nearest heading that names a category
_GENERIC: Final = 1.0  # the same for a generic heading ("Behavioral"), or an outer heading
_OUTER: Final = 0.5  # the title, or an outer generic heading


def _compile(
    rules: Sequence[tuple[_C, float, str]],
) -> tuple[tuple[_C, float, re.Pattern[str]], ...]:
    return tuple(
        (category, weight, re.compile(pattern, re.I)) for category, weight, pattern in rules
    )


def _best(
    text: str,
    headings: Sequence[str],
    title: str | None,
    text_rules: Sequence[tuple[_C, float, re.Pattern[str]]],
    heading_of: Callable[[str], _C | None],
    generic: frozenset[str],
    default: _C,
) -> _C:
    """The category with the best score from the wording and the headings (module docstring)."""
    scores: dict[_C, float] = {}
    order: dict[_C, int] = {}
    for rank, (category, weight, pattern) in enumerate(text_rules):
        order.setdefault(category, rank)
        if weight > scores.get(category, 0.0) and pattern.search(text):
            scores[category] = weight
    sources = [(h, False) for h in reversed(headings) if h]
    if title and title not in headings:
        sources.append((title, True))
    nearest = True
    for heading, is_title in sources:
        named = heading_of(heading)
        if named is None:
            continue
        if is_title:
            weight = _OUTER
        elif nearest:
            weight = _GENERIC if named in generic else _NEAREST
        else:
            weight = _OUTER if named in generic else _GENERIC
        scores[named] = scores.get(named, 0.0) + weight
        nearest = False
    if not scores:
        return default
    return max(scores, key=lambda c: (scores[c], -order.get(c, 99)))


# --- categories: interview questions ----------------------------------------------------------

_SECTION_RULES: Final = tuple(
    (category, re.compile(pattern, re.I))
    for category, pattern in (
        (
            "second-round",
            r"\b(?:second|2nd|third|3rd|final|later)[\s-]+(?:interview|round|stage)s?\b"
            r"|\bfollow[\s-]?up\s+interviews?\b|\bpracticalit\w*|\blogistics\b",
        ),
        ("salary", r"\b(?:salary|salaries|compensation|pay|money|negotiat\w*|benefits)\b"),
        (
            "situational",
            r"\b(?:situational|scenarios?|hypothetical\w*|what\s+would\s+you\s+do|what\s+if)\b",
        ),
        (
            "behavioral",
            r"\b(?:behaviou?ral|behaviou?r[\s-]based|tell\s+me\s+about|star|competency"
            r"|competencies|competency[\s-]based|evidence)\b",
        ),
        (
            "culture-fit",
            r"\b(?:culture|cultural|values|fit|personality|work\s+style|strengths?"
            r"|weakness(?:es)?)\b",
        ),
        (
            "motivation",
            r"\b(?:motivat\w*|why\s+(?:you|this|us|our|we|here|do\s+you|should"
            r"|the\s+(?:company|role|job|position))|warm[\s-]?up|introductions?|about\s+you)\b",
        ),
        (
            "career-goals",
            r"\b(?:careers?|goals?|future|ambitions?|aspirations?|long[\s-]term"
            r"|(?:five|5)\s+years)\b",
        ),
        (
            "role-specific",
            r"\b(?:technical|roles?|skills?|specific|job[\s-]specific|industry|position|expertise"
            r"|cases?|case\s+stud(?:y|ies)|estimat\w*|guesstimates?|numbers|numerical"
            r"|brain[\s-]?teasers?|coding|exercises?|tasks?)\b",
        ),
    )
)
_GENERIC_SECTIONS: Final = frozenset({"behavioral"})

_TEXT_RULES: Final[tuple[tuple[Category, float, re.Pattern[str]], ...]] = _compile(
    (
        # Practicalities of a later round.
        (
            "second-round",
            _STRONG,
            r"\bwhen\s+(?:could|can|would)\s+you\s+start\b|\bnotice\s+period\b"
            r"|\bwhat\s+notice\b|\bnotice\s+(?:do|would)\s+you\b|\brelocat\w*"
            r"|\b(?:interviewing|applying|applied|talking\s+to)\s+(?:anywhere|elsewhere"
            r"|with\s+other|at\s+other|for\s+other|to\s+other|other)\b"
            r"|\bother\s+(?:offers|interviews|employers|companies\s+you)\b"
            r"|\bwhat\s+(?:would|could)\s+make\s+you\s+(?:say\s+no|turn|decline|accept)\b"
            r"|\b(?:stop|prevent)\s+you\s+(?:from\s+)?accept\w*|\baccept(?:ing)?\s+(?:an|the|our)"
            r"\s+offer\b|\bconcerns?\s+about\s+(?:joining|this\s+role|the\s+role)\b"
            r"|\bfirst\s+(?:30|60|90|thirty|sixty|ninety|hundred)\s+days\b|\bfirst\s+(?:month"
            r"|months|weeks|year)\s+(?:here|in\s+(?:this|the)\s+(?:role|job|post|position))\b"
            r"|\bapproach\s+your\s+first\s+(?:month|week|weeks|year)\b"
            r"|\bfirst\s+(?:few|three|six|3|6)\s+months\b",
        ),
        ("motivation", _STRONG, r"\b(?:any|some)\s+questions\s+for\s+(?:us|me)\b"),
        (
            "salary",
            _STRONG,
            r"\b(?:salary|salaries|compensation|pay|paid|remuneration|earn|earning|package)\b"
            r"|\b(?:pay|a)\s+(?:rise|raise)\b|راتب|الراتب|薪|工资|待遇|給与|年収|給料|\bsalario\b|\bsueldo\b"
            r"|\bsalaire\b|\bgehalt\w*|\bsalário\b",
        ),
        (
            "culture-fit",
            _STRONG,
            r"\b(?:greatest|biggest|main|key|top)\s+(?:strengths?|weakness(?:es)?)\b"
            r"|\bstrengths?\b|\bweakness(?:es)?\b|\bbad\s+at\b|\bnot\s+(?:so\s+)?good\s+at\b"
            r"|\bwould\s+(?:your\s+)?(?:friends|colleagues|coworkers|co-workers|manager|boss|team"
            r"|peers|family|supervisors?)\s+(?:say|describe|rate|call)\b|\bdescribe\s+you\b"
            r"|\brate\s+you\b|\bwhat\s+frustrates\s+you\b|\bfrustrat\w*\s+you\b|\bthree\s+words\b|\blose\s+track\s+of\s+time\b"
            r"|\bideal\s+(?:manager|boss|team|workplace|company|work\s+environment)\b"
            r"|\bwhat\s+(?:kind|sort|type)\s+of\s+(?:manager|boss|team|environment|culture|company"
            r"|workplace|colleague|person)\b|\bbest\s+out\s+of\s+you\b"
            r"|نقاط\s+(?:قوتك|ضعفك)|قوتك|ضعفك|缺点|优点|长处|短处|長所|短所|強み|弱み"
            r"|\bfortalezas\b|\bdebilidades\b|\bpuntos\s+(?:fuertes|débiles)\b|\bfaiblesses?\b"
            r"|\bdéfauts?\b|\bqualités\b|\bschwächen\b|\bstärken\b|\bpontos\s+(?:fortes|fracos)\b",
        ),
        (
            "behavioral",
            _STRONG,
            r"\btell\s+(?:me|us)\s+about\s+(?:a|an|one)\s+(?:[a-z]+\s+){0,2}?(?:you|when|where"
            r"|that)\s|"
            r"\btell\s+(?:me|us)\s+about\s+(?:a|an|the|one)\s+(?:time|situation|occasion|project"
            r"|moment|mistake|failure|conflict)|\bdescribe\s+(?:a|an|the)\s+(?:time|situation"
            r"|occasion)|\bgive\s+(?:me\s+|us\s+)?(?:an?\s+)?examples?\b|\bshare\s+(?:an?\s+)?"
            r"examples?\b|\bhave\s+you\s+ever\b|\ba\s+time\s+(?:when|you)\b|\byou(?:'ve|\s+have)"
            r"\s+ever\b|\bwhen\s+did\s+you\s+(?:last|most\s+recently)\b"
            r"|\byou(?:'ve|\s+have)\s+(?:received|faced|made|handled|overcome|solved)\b|\bthe\s+last\s+time\s+you\b"
            r"|\bwalk\s+(?:me|us)\s+through\s+a\s+time\b|\brecall\s+a\s+time\b"
            r"|حدثني\s+عن\s+موقف|أخبرني\s+عن|صف\s+موقف|اذكر\s+مثال|举一个|举个|例子|经历|経験"
            r"|どのように解決しました|失敗|\bháblame\s+de\s+(?:una|un)\s+(?:vez|momento|situación)"
            r"|\bcuéntame\s+(?:de|sobre)\s+(?:una|un)\b|\bdescribe\s+una\s+situación\b"
            r"|\bdame\s+un\s+ejemplo\b|\bparlez[\s-]moi\s+d'une\b|\bdécrivez\s+une\s+situation\b"
            r"|\berzählen\s+sie\s+(?:von|über)\s+eine\b|\bbeschreiben\s+sie\s+eine\s+situation\b"
            r"|\bconte\s+(?:sobre\s+)?uma\s+(?:vez|situação)\b|\bdescreva\s+uma\s+situação\b",
        ),
        (
            "career-goals",
            _STRONG,
            r"\b(?:five|5|ten|10|three|3)\s+years\b|\bcareer\s+(?:goals?|plans?|path"
            r"|aspirations?)\b|\blong[\s-]term\b|\bwhere\s+do\s+you\s+see\s+yourself\b"
            r"|\bambitions?\b|\bwhere\s+do\s+you\s+want\s+to\s+be\b"
            r"|خمس\s+سنوات|مسيرتك|五年|职业规划|年後|キャリア|\bcinco\s+años\b|\bcinq\s+ans\b"
            r"|\bfünf\s+jahren\b|\bcinco\s+anos\b",
        ),
        (
            "motivation",
            _STRONG,
            r"\btell\s+(?:me|us)\s+(?:a\s+(?:little\s+)?(?:bit\s+)?)?about\s+yourself\b"
            r"|\b(?:walk|talk|take)\s+(?:me|us)\s+through\s+your\s+(?:resume|résumé|cv|background"
            r"|career|experience)\b|\b(?:tour|overview|summary)\s+of\s+your\s+(?:career|background"
            r"|experience|cv|resume|résumé)\b|\bintroduce\s+yourself\b"
            r"|\bwhat\s+do\s+you\s+know\s+about\s+(?:us|our|the\s+(?:company|way\s+we|organi[sz]ation"
            r"|business)|what\s+we)\b"
            r"|\bwhy\s+(?:do|did|are|would)\s+you\s+(?:want|apply|applying|applied|interested"
            r"|leave|leaving|left|like)\b|\bwhy\s+(?:this|our|the)\s+(?:company|role|job|position"
            r"|industry|team|post|sector|field)\b|\bwhy\s+(?:us|here)\b|\bwhy\s+should\s+we\s+hire\b"
            r"|\b(?:like|liked|enjoy|enjoyed)\s+(?:least|most)\s+about\s+your\s+(?:last|current"
            r"|previous|present)\b"
            r"|\bwhat\s+are\s+you\s+looking\s+for\b|\b(?:a\s+)?good\s+fit\s+for\b|\bwhy\s+you(?:'d|"
            r"\s+would|\s+will)\s+be\b|\bour\s+(?:mission|values|product|brand)\b|\bresonates?\b"
            r"|\bup\s+to\s+date\b|\bkeep\s+(?:your\s+)?skills\b|\bexcited\s+about\b"
            r"|\bwhy\s+are\s+you\s+(?:looking|leaving|moving|thinking|considering)\b|\blooking\s+to"
            r"\s+(?:move|leave|change)\b|\bwhat\s+(?:attracts|attracted|interests|interested|excites|motivates|drives|drew"
            r"|made)\s+you\b|\bmotivat\w*|\bpassionate\b|\binterested\s+in\s+(?:this|the|our)\b"
            r"|لماذا\s+(?:تريد|ترغب|اخترت|تركت)|为什么|介绍一下你自己|自我介绍|志望|自己紹介"
            r"|\bpor\s+qué\s+(?:quieres|quiere|te\s+interesa|deseas|elegiste)\b|\bháblame\s+de\s+ti\b"
            r"|\bpourquoi\s+(?:voulez|souhaitez|avez)\b|\bwarum\s+(?:möchten|wollen|haben)\b"
            r"|\bpor\s+que\s+(?:você\s+)?(?:quer|deseja)\b",
        ),
        (
            "situational",
            _STRONG,
            r"\bwhat\s+(?:would|do|will)\s+you\s+do\b|\bhow\s+would\s+you\s+(?:handle|deal|respond"
            r"|react)\b|\bimagine\b|\bsuppose\b|\bhypothetical\w*|\bwhat\s+if\b"
            r"|\bif\s+you\s+(?:were|had|found|discovered|noticed|disagreed|are|have|joined|got"
            r"|could|saw|learned|realised|realized)\b"
            r"|ماذا\s+(?:تفعل|ستفعل)\s+(?:إذا|لو)|إذا|如果|假如|你会怎么|もし|どうしますか"
            r"|\bqué\s+harías\b|\bsi\s+(?:no\s+)?(?:estuvieras|tuvieras|fueras)\b"
            r"|\bque\s+feriez[\s-]vous\b|\bwas\s+würden\s+sie\s+tun\b|\bo\s+que\s+você\s+faria\b",
        ),
        (
            "role-specific",
            _STRONG,
            r"^estimate\b|\bhow\s+many\s+\w+\s+(?:are\s+there|run|are\s+sold|does\s+it\s+need)\b"
            r"|\bguesstimate\b|\bbrain\s*teaser\b|\b(?:sell|pitch)\s+(?:me|us)\b"
            r"|\b(?:convince|persuade)\s+(?:me|us)\s+to\s+buy\b",
        ),
        (
            "role-specific",
            _HINT,
            # Numbers, a client's case, or the tools and objects of a job family.
            r"[£$€¥%]|\bour\s+client'?s?\b|\bsystems?\b|\bpull\s+requests?\b|\bcode\b"
            r"|\bcodebase\b|\bdatabases?\b|\bsql\b|\bapis?\b|\balgorithms?\b|\barchitecture\b"
            r"|\bdeploy\w*|\bdebug\w*|\bspreadsheets?\b|\bexcel\b|\bforecasts?\b|\bpipeline\b"
            r"|\bcampaigns?\b|\blesson\s+plans?\b|\bpupils?\b|\bpatients?\b|\bwireframes?\b"
            r"|\bprototypes?\b|\bledgers?\b|\breconcil\w*|\binventory\b|\bsuppliers?\b",
        ),
        (
            "culture-fit",
            _HINT,
            r"\bdo\s+you\s+(?:usually|typically|normally|generally|tend\s+to|prefer|like\s+to"
            r"|enjoy)\b|\bhow\s+do\s+you\s+(?:react|respond|cope|deal|handle|like|prefer|work"
            r"|stay|keep|feel|relax|unwind|switch\s+off)\b|\bwork(?:ing)?\s+style\b"
            r"|\b(?:culture|values|work\s+environment|management\s+style|fit\s+in|team\s+player)\b"
            r"|كيف\s+تتعامل",
        ),
        (
            "situational",
            _HINT,
            r"\bhow\s+would\s+you\b|\bwhat\s+would\s+you\b|\bwhere\s+would\s+you\s+start\b"
            r"|\bhow\s+do\s+you\s+(?:prioriti[sz]e|decide|get|choose|resolve|balance|approach"
            r"|make)\b[^.?!]{0,80}\b(?:when|if)\b|\bhow\s+do\s+you\s+prioriti[sz]e\b",
        ),
        (
            "behavioral",
            _HINT,
            r"\bproud(?:est)?\b|\baccomplishment|\bachievement|\bmistake|\bfail(?:ed|ure)\b",
        ),
        (
            "career-goals",
            _HINT,
            r"\bgoals?\b|\bcareer\b|\bscheme\s+ends\b|\bfuture\b",
        ),
    )
)


def section_category(heading: str) -> Category | None:
    """The category a heading names, if it names one: the first keyword in it wins."""
    best: tuple[int, Category] | None = None
    for category, pattern in _SECTION_RULES:
        match = pattern.search(heading)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), category)  # type: ignore[assignment]
    return best[1] if best else None


def category_of(text: str, headings: Sequence[str] = (), title: str | None = None) -> Category:
    """An interview question's category: its wording, then its headings, else behavioral."""
    return _best(
        text, headings, title, _TEXT_RULES, section_category, _GENERIC_SECTIONS, "behavioral"
    )


# --- categories: questions to ask -------------------------------------------------------------

_ASK_TEXT_RULES: Final[tuple[tuple[AskCategory, float, re.Pattern[str]], ...]] = _compile(
    (
        (
            "next-steps",
            _STRONG,
            r"\bnext\s+(?:steps?|stage|round)\b|\btimeline\b|\bhear\s+(?:back|from\s+you)\b"
            r"|\bexpect\s+to\s+hear\b|\b(?:hiring|interview|recruitment|selection)\s+process\b"
            r"|\bstages?\s+of\s+the\s+(?:interview|process)\b|\bremaining\s+(?:stages|rounds"
            r"|interviews)\b|\bhesitat\w*|\breservations?\b|\bconcerns?\s+about\s+(?:me|my)\b"
            r"|\bstart\s+date\b|\bdecision\b[^.?!]{0,60}\b(?:by|when)\b|\bwhen\s+will\s+you\s+"
            r"(?:make|decide|know|let)\b|\bmake\s+(?:a|your|the)\s+decision\b"
            r"|\bafter\s+(?:today|this\s+interview|this)\b|\blet\s+(?:candidates|applicants|me)\s+know\b"
            r"|\banything\s+(?:in|about)\s+my\s+(?:background|experience|application|cv|resume)\b"
            r"|\boffer\s+process\b|\breferences\b|\bconcerns?\b|\bhiring\s+me\b|\bclarify\b"
            r"|الخطوات\s+التالية|عملية\s+التوظيف|下一步|面试流程|流程|次のステップ|選考"
            r"|\bpr[oó]ximos?\s+pasos?\b|\bproceso\s+de\s+selecci[oó]n\b",
        ),
        (
            "performance",
            _STRONG,
            r"\bsuccess(?:ful)?\b|\bmeasur\w*|\bperformance\b|\bkpis?\b|\bevaluat\w*\s+(?:me|my|the\s+"
            r"(?:person|new|role)|people|staff|employees|individual|progress|engineers)\b"
            r"|\b(?:be|am\s+i|is\s+\w+)\s+evaluated\b"
            r"|\bmetrics?\b|\bgoals?\s+for\b|\bfirst\s+(?:30|60|90|thirty|sixty|ninety|three|six"
            r"|few)\s+(?:days|months|weeks)\b|\b(?:great|good|strong|successful)\s+first\s+(?:year"
            r"|month|months|days|quarter)\b|\bexpectations?\b|\bjudged?\b"
            r"|\breview(?:s|ed)?\b[^.?!]{0,60}\bwork\b|\b(?:who|how)\s+reviews?\b|\bfeedback\b"
            r"|\bhow\s+(?:they|i|people)\s+(?:are|am|is)\s+doing\b|\bdoing\s+well\b"
            r"|\bexpect\s+(?:me|the\s+new\s+\w+)\s+to\b|\bhave\s+(?:finished|delivered|achieved)\b"
            r"|تقييم|الأداء|绩效|考核|評価|\bdesempeño\b|\bevaluaci[oó]n\b",
        ),
        (
            "growth",
            _STRONG,
            r"\bgrow(?:th|ing)?\b|\blearn\w*|\btraining\b|\bdevelop(?:ment)?\b|\bcareer\b"
            r"|\bpromot\w*|\badvance\w*|\bladder\b|\bmentor\w*|\bprogress\w*|\bconference"
            r"|\bcourses?\b|\bcertifications?\b|\bmove\s+(?:on|up)\b|\bmove\s+(?:to|between)\s+"
            r"(?:other\s+)?teams\b|\bgone\s+next\b|\bnext\s+level\b|\blevels?\s+up\b"
            r"|الترقية|التدريب|التطوير|晋升|培训|成长|昇進|研修|成長|\bformaci[oó]n\b"
            r"|\bascensos?\b|\bcrecimiento\b",
        ),
        (
            "role-challenges",
            _STRONG,
            r"\bchalleng\w*|\bdifficult\w*|\bhard(?:est)?\b|\bbiggest\s+problems?\b"
            r"|\bwhy\s+is\s+(?:this|the)\s+(?:role|position|job)\s+open\b|\bnew\s+position\b"
            r"|التحديات|挑战|課題|\bdesaf[ií]os?\b|\bretos?\b",
        ),
        (
            "strategy",
            _STRONG,
            r"\bstrateg\w*|\bcompetit\w*|\bmarkets?\b|\bvision\b|\bdirection\b|\bfund(?:ed|ing)\b"
            r"|\brevenue\b|\bprofit\w*|\broadmap\b|\bfuture\s+of\b|\bnext\s+(?:year|few"
            r"\s+years|two\s+years|\w+\s+years)\b|\bin\s+(?:two|three|five|\d+)\s+years\b"
            r"|\bbiggest\s+(?:opportunit|threat|risk)\w*|\brisks?\b|\bthreats?\b|\bpressures?\b"
            r"|\bleadership\s+team\b|\blose\s+(?:deals|business|customers)\b|\bplans?\s+to\b"
            r"|\bwhere\s+do\s+you\s+see\s+the\s+(?:business|company|team)\b|\bpriorities\s+for\b"
            r"|\bestrategia\b",
        ),
        (
            "culture",
            _STRONG,
            r"\bcultur\w*|\bvalues?\b|\bremote\b|\bhybrid\b|\bin\s+the\s+office\b|\bwork[\s-]life\b"
            r"|\bhours\b|\bovertime\b|\bcelebrat\w*|\bdiversity\b|\binclusi\w*"
            r"|\bflexib\w*|\bmistakes?\b|\boutages?\b|\bincidents?\b|\bpost[\s-]?mortems?\b|\bgoes\s+wrong\b|\bwent\s+wrong\b|\bbreaks?\b|\bblame\b"
            r"|\bengagement\s+survey\b|\bturnover\b|\battrition\b|\bretention\b"
            r"|\bstay\s+(?:at|with)\s+the\s+company\b|\b(?:people|engineers|staff)\s+(?:have\s+)?left\b"
            r"|\bwhy\s+did\s+you\s+(?:choose|decide)\s+to\s+(?:join|come|work)\b|\bwhy\s+do\s+you\s+"
            r"(?:work|stay)\s+here\b|\bkeeps\s+you\s+here\b|\b(?:like|enjoy|love)\w*\s+(?:most\s+|best\s+)?(?:about\s+)?"
            r"working\s+(?:here|at|for)\b"
            r"|\bwhat\s+has\s+changed\b|\bsurpris\w*|\bhow\s+are\s+decisions\s+made\b"
            r"|ثقافة|文化|社風|\bcultura\b",
        ),
        (
            "team",
            _HINT,
            r"\bteams?\b|\bteam's\b|\bcolleagues?\b|\bmanager\b|\bmanagement\s+style\b|\bdisagree\w*"
            r"|\bpractices\b|\bways\s+of\s+working\b|\breport(?:s|ing)?\s+to\b|\bwork(?:ing)?\s+"
            r"with\b|\bpeers?\b|\bone[\s-]to[\s-]ones?\b|\bone\s+to\s+one\b|\bwho\b"
            r"|\bthe\s+(?:people|engineers|staff)\s+you\s+manage\b|\bmanage\s+people\b"
            r"|\bdepartment\b|الفريق|团队|チーム|\bequipo\b",
        ),
        (
            "role-challenges",
            _HINT,
            r"\bproblems?\b|\bday[\s-]to[\s-]day\b|\b(?:typical|normal|average)\s+(?:day|week)\b"
            r"|\bfirst\s+project\b|\bresponsibilit\w*|\b(?:this|the)\s+(?:job|role|position)\b"
            r"|\btools?\b|\blaptop\b|\bstruggl\w*|\bdía\s+normal\b|\bun\s+día\b",
        ),
        ("culture", _HINT, r"\bmeetings?\b|\bon[\s-]call\b|\boffice\b|\bleave\b"),
    )
)
_ASK_SECTION_RULES: Final = tuple(
    (category, re.compile(pattern, re.I))
    for category, pattern in (
        (
            "next-steps",
            r"\bnext\s+steps?\b|^(?:the\s+)?(?:hiring\s+|interview\s+|recruitment\s+)?process$"
            r"|\bbefore\s+you\s+leave\b|\bwrap(?:ping)?[\s-]up\b|\bclosing\b|\bthe\s+offer\b",
        ),
        ("performance", r"\bsuccess\b|\bperformance\b|\bexpectations\b|\bmeasur\w*"),
        ("growth", r"\bgrowth\b|\bcareer\b|\bdevelopment\b|\blearning\b|\byour\s+future\b"),
        (
            "strategy",
            r"\bstrategy\b|\bvision\b|\bwhere\s+(?:it|the\s+\w+)(?:'s|\s+is)\s+going\b"
            r"|\bthe\s+future\b|^(?:about\s+)?(?:the\s+)?(?:company|business|product"
            r"|organi[sz]ation|industry|market)$",
        ),
        (
            "team",
            r"\bteams?\b|\bcolleagues\b|\bmanager\b|\bmanagement\b|\bpractices\b|\bpeople\b"
            r"|\bways\s+of\s+working\b",
        ),
        (
            "culture",
            r"\bcultur\w*|\bvalues\b|\bremote\b|\bhours\b|\bwork[\s-]life\b|\benvironment\b"
            r"|\bhow\s+things\s+(?:are|get)\s+(?:run|done)\b|\bhow\s+(?:it|the\s+\w+)\s+works\b",
        ),
        (
            "role-challenges",
            r"\bchalleng\w*|\bday[\s-]to[\s-]day\b|^(?:about\s+)?(?:the\s+)?(?:job|role|position"
            r"|work)(?:\s+itself)?$|\bthe\s+(?:role|job|work)\b",
        ),
    )
)


def _ask_section_category(heading: str) -> AskCategory | None:
    best: tuple[int, AskCategory] | None = None
    for category, pattern in _ASK_SECTION_RULES:
        match = pattern.search(heading)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), category)  # type: ignore[assignment]
    return best[1] if best else None


def ask_category_of(
    text: str, headings: Sequence[str] = (), title: str | None = None
) -> AskCategory:
    """A question to ask's category: its wording, then its headings, else the role."""
    return _best(
        text,
        headings,
        title,
        _ASK_TEXT_RULES,
        _ask_section_category,
        frozenset(),
        "role-challenges",
    )


# --- audiences ---------------------------------------------------------------------------------

_AUDIENCE_TEXTS: Final[tuple[tuple[Audience, str], ...]] = (
    (
        "recruiter",
        r"\brecruiters?\b|\btalent\s+(?:partners?|acquisition)\b|\bHR\b|\bhuman\s+resources\b"
        r"|\bphone\s+screens?\b|\bscreening\s+call\b",
    ),
    (
        "hiring-manager",
        r"\bhiring\s+managers?\b|\b(?:future|new|prospective|line|direct)\s+(?:manager|boss)\b"
        r"|^(?:the\s+|your\s+)?manager$",
    ),
    (
        "peer",
        r"\bpeers?\b|\bteammates?\b|\bfuture\s+colleagues\b|\bpeer\s+interviews?\b"
        r"|\bmembers?\s+of\s+the\s+team\b",
    ),
    (
        "executive",
        r"\bexecutives?\b|\bceo\b|\bfounders?\b|\bdirectors?\b|\bvps?\b|\bsenior\s+leaders?\b"
        r"|\bleadership\b|\bc-suite\b|\bpartners?\s+round\b",
    ),
)
_AUDIENCES: Final = tuple((a, re.compile(pattern, re.I)) for a, pattern in _AUDIENCE_TEXTS)


def audiences_of(headings: Sequence[str], title: str | None) -> tuple[Audience, ...]:
    """Who is interviewing, from the nearest heading (or the title) that names them:
    "Questions for the recruiter", "## Hiring manager", "### Peer interview"."""
    for heading in (*reversed(headings), title or ""):
        found = tuple(a for a, pattern in _AUDIENCES if pattern.search(heading))
        if found:
            return found
    return ()
