"""Whom a question is for and its category: by its wording first, then its heading."""

from __future__ import annotations

import re
from typing import Final, Literal, TypeAlias

from prepcoach.content.model import AskCategory, Category

ASK_SECTION = re.compile(
    r"\bquestions?\s+(?:to|you\s+(?:should|can|could|might|may)|for\s+you\s+to)\s+ask\b"
    r"|\bask\s+(?:the|your|an?)\s+(?:interviewer|employer|hiring\s+manager|recruiter"
    r"|company|team)s?\b"
    r"|\b(?:your\s+)?questions\s+for\s+(?:them|the\s+(?:interviewer|employer|company|panel"
    r"|hiring\s+manager)|your\s+(?:interviewer|employer|future\s+(?:manager|team)))\b"
    r"|\breverse\s+interview|\byour\s+turn\s+to\s+ask\b|\basking\s+(?:questions|the\s+"
    r"(?:interviewer|employer))\b"
    # Arabic "questions you put to the interviewer", Chinese "asking the interviewer",
    # Japanese "reverse questions" / "questions to the interviewer".
    r"|أسئلة\s+(?:تطرحها|تسألها|للمحاور)|向面试官提问|问面试官|逆質問|面接官への質問",
    re.I,
)
_ASK_RULE_TEXTS: Final[tuple[tuple[AskCategory, str], ...]] = (
    (
        "next-steps",
        r"\bnext\s+steps?\b|\btimeline\b|\bhear\s+back\b|\b(?:hiring|interview"
        r"|recruitment)\s+process\b|\bhesitations?\b|\breservations?\b|\bconcerns?\s+"
        r"about\s+(?:me|my)\b|\bstart\s+date\b|\bdecision\b[^.?!]{0,60}\b(?:by|when)\b",
    ),
    (
        "performance",
        r"\bsuccess(?:ful)?\b|\bmeasur\w*|\bevaluat\w*|\bperformance\b|\bkpis?\b"
        r"|\bmetrics?\b|\bgoals?\s+for\b|\bfirst\s+(?:30|60|90|three|six)\b"
        r"|\bexpectations?\b|\bjudged\b|\breview(?:s|ed)?\b[^.?!]{0,60}\bwork\b",
    ),
    (
        "growth",
        r"\bgrow(?:th)?\b|\blearn\w*|\btraining\b|\bdevelop(?:ment)?\b|\bcareer\b"
        r"|\bpromot\w*|\badvance\w*|\bladder\b|\bmentor\w*|\bprogress\w*|\bconference",
    ),
    (
        "strategy",
        r"\bstrateg\w*|\bcompetit\w*|\bmarket\b|\bvision\b|\bdirection\b|\bfund(?:ed|ing)\b"
        r"|^(?:the\s+)?(?:company|business|product|organi[sz]ation)$"
        r"|\brevenue\b|\bprofit\w*|\broadmap\b|\bfuture\s+of\b|\bnext\s+(?:year|few"
        r"\s+years)\b|\bbiggest\s+(?:opportunit|threat)\w*|\bleadership\s+team\b",
    ),
    (
        "team",
        r"\bteams?\b|\bcolleagues?\b|\bmanager\b|\bmanagement\s+style\b|\bpractices\b"
        r"|\bways\s+of\s+working\b|\breport(?:s|ing)?"
        r"\s+to\b|\bwork\s+with\b|\bpeers?\b|\bone[\s-]to[\s-]ones?\b|\bwho\b",
    ),
    (
        "culture",
        r"\bcultur\w*|\bvalues?\b|\bremote\b|\bhybrid\b|\boffice\b|\bwork[\s-]life\b"
        r"|\bhours\b|\bon[\s-]call\b|\bmeetings?\b|\bdisagree\w*|\bfeedback\b"
        r"|\bcelebrat\w*|\bdiversity\b|\binclusi\w*|\bleave\b|\bflexib\w*",
    ),
    (
        "role-challenges",
        r"\bchalleng\w*|\bdifficult\w*|\bhard(?:est)?\b|\bproblems?\b|\bday[\s-]to[\s-]day\b"
        r"|\btypical\s+(?:day|week)\b|\bfirst\s+project\b|\bwhy\s+is\s+(?:this|the)\s+"
        r"(?:role|position)\s+open\b|\bresponsibilit\w*|\b(?:the\s+)?(?:job|role|position"
        r"|work)(?:\s+itself)?$",
    ),
)
_ASK_RULES: Final[tuple[tuple[AskCategory, re.Pattern[str]], ...]] = tuple(
    (category, re.compile(pattern, re.I)) for category, pattern in _ASK_RULE_TEXTS
)


def _rules(*rules: tuple[Category, str]) -> tuple[tuple[Category, re.Pattern[str]], ...]:
    return tuple((category, re.compile(pattern, re.I)) for category, pattern in rules)


_SECTION_RULES: Final = _rules(
    (
        "second-round",
        r"\b(?:second|2nd|third|3rd|final)[\s-]+(?:interview|round|stage)s?\b"
        r"|\bfollow[\s-]?up\s+interviews?\b",
    ),
    ("salary", r"\b(?:salary|salaries|compensation|pay|money|negotiat\w*|benefits)\b"),
    (
        "situational",
        r"\b(?:situational|scenarios?|hypothetical|what\s+would\s+you\s+do|what\s+if)\b",
    ),
    (
        "behavioral",
        r"\b(?:behaviou?ral|behaviou?r[\s-]based|tell\s+me\s+about|star|competency"
        r"|competencies|competency[\s-]based)\b",
    ),
    ("culture-fit", r"\b(?:culture|cultural|values|fit|personality|work\s+style)\b"),
    (
        "motivation",
        r"\b(?:motivat\w*|why\s+(?:you|this|us|our|we|here|do\s+you|should"
        r"|the\s+(?:company|role|job|position)))\b",
    ),
    (
        "career-goals",
        r"\b(?:careers?|goals?|future|ambitions?|aspirations?|long[\s-]term"
        r"|(?:five|5)\s+years)\b",
    ),
    (
        "role-specific",
        r"\b(?:technical|roles?|skills?|specific|job[\s-]specific|industry|position"
        r"|expertise)\b",
    ),
)
_TEXT_RULES: Final = _rules(
    (
        "second-round",
        r"\bwhen\s+(?:could|can|would)\s+you\s+start\b|\bnotice\s+period\b"
        r"|\b(?:interviewing|applying|applied)\s+(?:anywhere|elsewhere|with\s+other"
        r"|at\s+other|for\s+other)\b|\bother\s+(?:offers|interviews|companies\s+you)\b"
        r"|\bwhat\s+(?:would|could)\s+make\s+you\s+(?:say\s+no|turn|decline|accept)\b"
        r"|\bconcerns?\s+about\s+(?:joining|this\s+role|the\s+role)\b",
    ),
    ("motivation", r"\b(?:any|some)\s+questions\s+for\s+(?:us|me)\b"),
    (
        "culture-fit",
        r"\b(?:greatest|biggest|main|key|top)\s+(?:strengths?|weakness(?:es)?)\b"
        r"|\bstrengths\s+and\s+weaknesses\b|\bweakness(?:es)?\b",
    ),
    (
        "behavioral",
        r"\btell\s+(?:me|us)\s+about\s+(?:a|an|one)\s+(?:[a-z]+\s+){0,2}?(?:you|when|where"
        r"|that)\s|"
        r"\btell\s+(?:me|us)\s+about\s+(?:a|an|the|one)\s+(?:time|situation|occasion|project"
        r"|moment|mistake|failure|conflict)|\bdescribe\s+(?:a|an|the)\s+(?:time|situation"
        r"|occasion)|\bgive\s+(?:me\s+|us\s+)?(?:an?\s+)?examples?\b|\bshare\s+(?:an?\s+)?"
        r"examples?\b|\bhave\s+you\s+ever\b|\ba\s+time\s+(?:when|you)\b"
        r"|\bwalk\s+(?:me|us)\s+through\s+a\s+time\b|\brecall\s+a\s+time\b",
    ),
    (
        "salary",
        r"\b(?:salary|salaries|compensation|pay|paid|raise|remuneration|earn|earning"
        r"|package)\b",
    ),
    (
        "career-goals",
        r"\b(?:five|5|ten|10|three|3)\s+years\b|\bcareer\s+(?:goals?|plans?|path"
        r"|aspirations?)\b|\blong[\s-]term\b|\bgoals?\b|\bwhere\s+do\s+you\s+see\s+yourself\b"
        r"|\bambitions?\b",
    ),
    (
        "motivation",
        r"\btell\s+(?:me|us)\s+(?:a\s+(?:little\s+)?(?:bit\s+)?)?about\s+yourself\b"
        r"|\bwalk\s+(?:me|us)\s+through\s+your\s+(?:resume|résumé|cv|background)\b"
        r"|\bwhat\s+do\s+you\s+know\s+about\s+(?:us|our|the\s+company)\b"
        r"|\bwhy\s+(?:do|did|are|would)\s+you\s+(?:want|apply|applying|interested|leave"
        r"|leaving|like)\b|\bwhy\s+(?:this|our|the)\s+(?:company|role|job|position|industry"
        r"|team)\b|\bwhy\s+(?:us|here)\b|\bwhy\s+should\s+we\s+hire\b|\bwhat\s+(?:attracts"
        r"|interests|excites|motivates|drives)\s+you\b|\bmotivat\w*|\bpassionate\b"
        r"|\binterested\s+in\s+(?:this|the|our)\b",
    ),
    (
        "culture-fit",
        r"\b(?:culture|values|work\s+environment|management\s+style|work(?:ing)?\s+style"
        r"|fit\s+in|team\s+player)\b|\bideal\s+(?:manager|boss|team|workplace|company)\b",
    ),
    (
        "situational",
        r"\bwhat\s+would\s+you\s+do\b|\bhow\s+would\s+you\s+(?:handle|deal|approach|respond"
        r"|react|prioriti[sz]e|manage|go\s+about)\b|\bimagine\b|\bsuppose\b"
        r"|\bhypothetical\w*|\bwhat\s+if\b|\bif\s+you\s+(?:were|had|found|discovered|noticed"
        r"|disagreed|are|have)\b",
    ),
)
Section: TypeAlias = Category | Literal["ask"] | None


def section_category(heading: str) -> Section:
    """What a heading says about the questions under it: the first keyword in it wins."""
    if ASK_SECTION.search(heading):
        return "ask"
    best: tuple[int, Category] | None = None
    for category, pattern in _SECTION_RULES:
        match = pattern.search(heading)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), category)
    return best[1] if best else None


def _text_category(text: str) -> Category | None:
    """What the question's own wording says it is, if it says."""
    for category, pattern in _TEXT_RULES:
        if pattern.search(text):
            return category
    return None


def category_of(text: str, section: Category | None) -> Category:
    """The question's own wording first, then its heading, else behavioral: "What are your
    salary expectations?" under "## Behavioral" is a salary question."""
    return _text_category(text) or section or "behavioral"


def ask_category_of(text: str, heading: str | None) -> AskCategory:
    """A question to ask: by its heading ("### The team"), else by its wording; a list of
    questions to ask is grouped by what they are about, so the heading says it best."""
    for source in (heading or "", text):
        for category, pattern in _ASK_RULES:
            if pattern.search(source):
                return category
    return "role-challenges"
