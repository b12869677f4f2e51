"""Whom a question is for, and who is interviewing.

A heading or title that says the list is for the candidate to ask ("Questions to ask your
interviewer", "Reverse interview", `أسئلة تطرحها على المحاور`, "Preguntas para el
entrevistador") makes the questions under it questions to ask; one that says they are asked
of the candidate ("Behavioral questions", "Questions they will ask you") makes them interview
questions. Under any other heading the questions vote: each one's wording leans one way or the
other (`ask_evidence`: "my", "here", "the team", "next steps" lean to asking; a prompt, "we",
the candidate's own past lean the other way), and the heading's group goes the way most of
them lean. A question whose own wording is clear goes against its group: "What are the next
steps?" in a list of interview questions is one to ask; under "Questions to ask", only the
employer's own voice ("Do you have any questions for us?") is asked of the candidate.

A heading that names the interviewer ("For the recruiter", "## Hiring manager") gives its
questions that audience.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from prepcoach.content.model import Audience

Kind: TypeAlias = Literal["question", "ask"]

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
    r"|^role[\s-]?play\b|\bi(?:'m|\s+am)\s+(?:a|an|the|your)\b|\bas\s+if\s+i\s+were\b"
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
    r"\s+company)\b|\b(?:since|when|before)\s+you\s+(?:first\s+)?joined\b|\bhiring\s+this\s+person\b|\bthis\s+hire\b|\byou(?:'ve|\s+have)\s+been\s+"
    r"(?:here|with\s+the|at\s+the)\b|\b(?:the|this|a)\s+new\s+(?:hire|person|starter|joiner)\b"
    r"|\bnew\s+hires?\b|\bthe\s+(?:person|people)\s+in\s+this\s+(?:role|job|position)\b"
    r"|\bthe\s+successful\s+(?:candidate|applicant)\b|\b(?:the\s+)?(?:people|team|staff|engineers"
    r"|reports)\s+you\s+(?:manage|lead|hire|supervise)\b|(?<!your\s)\bnext\s+(?:steps?|stage|round)\b"
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
    r"|management\s+style|main\s+competitors|competitors)\b",
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
