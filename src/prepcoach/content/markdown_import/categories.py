"""A question's category, by its wording first and its headings second.

Each rule that the wording matches scores its category (a telling phrase such as "salary" or
"tell me about a time" more than a hint such as "how would you"); the nearest heading that
names a category scores it too, less than a telling phrase, and an outer heading or the title
less again. The best score wins; with none, an interview question is behavioral (most generic
questions ask about the candidate's past, which suits STAR) and a question to ask is about the
role's challenges. So "What are your salary expectations?" under "## Behavioral" is a salary
question, and a plain "How would you find out why?" under "## Case round" is role-specific.

English has the most rules; Arabic, Chinese, Japanese, Spanish, French, German and Portuguese
have the common ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final, TypeVar

from prepcoach.content.model import AskCategory, Category

_C = TypeVar("_C", bound=str)

# --- categories: scoring ----------------------------------------------------------------------

_STRONG: Final = 4.0  # a telling phrase in the question
# More specific than a telling phrase: "tell me about a time" asks for a story whatever it is
# about; "is the company succeeding" is about strategy, though it says "succeed".
_SPECIFIC: Final = 4.5
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
            r"|\bsince\s+(?:we\s+last\s+(?:spoke|met)|our\s+(?:first|last)\s+(?:conversation"
            r"|interview|meeting|call))\b|\bnow\s+that\s+you\s+know\b|\bbased\s+on\s+what\s+you"
            r"(?:'ve|\s+have)?\s+(?:know|heard|seen|learned|learnt)\b|\byou(?:'ve|\s+have)\s+now\s+met\b"
            r"|\byour\s+first\s+interview\b|\bother\s+hiring\s+processes\b|\bgives\s+you\s+pause\b"
            r"|\byour\s+first\s+choice\b"
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
            _SPECIFIC,
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
            r"|industry|team|post|sector|field|firm|specialty|specialism|ward|service|school"
            r"|practice|store|brand|programme|program|scheme|career|profession)\b"
            r"|^why\s+[a-z]+(?:\s+[a-z]+)?\s*[,?]|\bwhy\s+(?:us|here)\b|\bwhy\s+should\s+we\s+hire\b"
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
            # A scenario told as statements, then what the candidate would do about it.
            "situational",
            _STRONG,
            r"^(?!tell\b|describe\b|give\b|walk\b|talk\b|share\b|explain\b)[^?]{12,300}?[.:—–]\s+"
            r"(?:how\s+(?:do|would|will|should|could)\s+you\b|what\s+(?:do|would|will)\s+you\s+"
            r"(?:do|say|tell)\b|what\s+are\s+your\s+first\s+steps\b|walk\s+(?:me|us)\s+through\s+"
            r"what\s+you\b)|^role[\s-]?play\b",
        ),
        (
            "culture-fit",
            _STRONG,
            r"\bindependently\s+or\b|\balone\s+or\s+(?:in|with|as)\b|\b(?:hybrid|remote)\s+"
            r"(?:setup|set-up|working|work|team)\b|\binclusive\b|\b(?:not|isn't|is\s+not)\s+on\s+"
            r"your\s+(?:resume|résumé|cv)\b|\badd\s+to\s+(?:our|the|this)\s+team\b|\bclash\w*\s+with\s+how\s+you\s+work",
        ),
        (
            "career-goals",
            _STRONG,
            r"\b(?:a|one|two)\s+years?\s+from\s+now\b|\bover\s+the\s+next\s+(?:year|few\s+years)\b"
            r"|\bmoving\s+into\s+management\b|\bgap\s+in\s+your\b|\bsee\s+yourself\s+(?:staying"
            r"|moving|growing)\b|\bwant\s+to\s+develop\b|\bhow\s+long\s+do\s+you\s+see\b"
            r"|\bmore\s+experience\s+than\b|\boverqualified\b",
        ),
        (
            "salary",
            _STRONG,
            r"\bthat\s+figure\b|\boffer\b[^.?!]{0,40}\b(?:below|above|lower|higher)\b"
            r"|\bcounter[\s-]?offer\b|\banother\s+offer\b|\bhow\s+does\s+it\s+compare\b",
        ),
        (
            "motivation",
            _STRONG,
            r"\bfascinat\w*|\bdefine\s+success\b|\bwhat\s+(?:interests|excites)\s+you\s+most\b",
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
            # More specific than "success" or "measure" alone.
            "strategy",
            _SPECIFIC,
            r"\b(?:company|business|organi[sz]ation)\s+is\s+(?:succeed\w*|doing)\b"
            r"|\bcompany's\s+success\b|\bleadership\s+measures?\b|\bannouncement\b"
            r"|\bacquisition\b|\bmerger\b|\breorg\w*|\brestructur\w*|\blayoffs?\b",
        ),
        (
            "next-steps",
            _SPECIFIC,
            r"\banyone\s+else\s+i\s+should\s+(?:meet|speak|talk)\b|\b(?:new\s+person|new\s+hire"
            r"|successful\s+candidate)\s+to\s+start\b|\bwhen\s+would\s+you\b[^.?!]{0,40}\bstart\b",
        ),
        (
            "role-challenges",
            _STRONG,
            r"\bchalleng\w*|\bdifficult\w*|\bhard(?:est)?\b|\bbiggest\s+problems?\b"
            r"|\bwhy\s+is\s+(?:this|the)\s+(?:role|position|job)\s+open\b|\bnew\s+position\b"
            r"|التحديات|挑战|課題|\bdesaf[ií]os?\b|\bretos?\b",
        ),
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
            r"|\bhiring\s+this\s+person\b|\bgreat\s+(?:decision|hire)\b|\bdo\s+(?:exceptionally\s+)?"
            r"well\b|\bseparates\b|\bnumbers\b"
            r"|تقييم|الأداء|绩效|考核|評価|\bdesempeño\b|\bevaluaci[oó]n\b",
        ),
        (
            "growth",
            _STRONG,
            r"\bgrow(?:th|ing)?\b|\blearn\w*|\btraining\b|\bdevelop(?:ment)?\b|\bcareer\b"
            r"|\bpromot\w*|\badvance\w*|\bladder\b|\bmentor\w*|\bprogress\w*|\bconference"
            r"|\bcourses?\b|\bcertifications?\b|\bmove\s+(?:on|up)\b|\bmove\s+(?:to|between)\s+"
            r"(?:other\s+)?teams\b|\bgone\s+next\b|\bopportunit\w*\s+(?:to|for)\s+(?:grow|learn|develop"
            r"|progress|move|work\s+on)\b|\bchances?\s+to\s+work\s+on\b|\boutside\s+my\b|\bnext\s+level\b|\blevels?\s+up\b"
            r"|الترقية|التدريب|التطوير|晋升|培训|成长|昇進|研修|成長|\bformaci[oó]n\b"
            r"|\bascensos?\b|\bcrecimiento\b",
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
            r"|\bwhat\s+has\s+changed\b|\bsurpris\w*|\bhow\s+are\s+decisions\s+(?:\w+\s+)?made\b|\bwho\s+gets\s+consulted\b|\bremotely\b"
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
            _GENERIC,  # below the other hints: "the team ... day to day" is about the team
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
