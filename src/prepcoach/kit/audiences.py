"""Who an interviewer is to the candidate, read from their recorded title, and the questions
to ask that suit them.

`audience_for_title` is the one rule that maps a title ("Talent Acquisition Partner", "VP
Engineering", "Team Lead, Data Platform", "Senior Engineer") to an audience of the content
(`recruiter`, `hiring-manager`, `peer`, `executive`), or to None when the title says nothing
about the person. The title is read accent- and case-insensitively, in this order:

1. chief officers, founders and owners are executives ("Chief People Officer" too);
2. recruiting and HR words make a recruiter, however senior ("Head of Talent Acquisition");
3. vice presidents, managing and executive directors, directors, partners, presidents and
   "Head of" a function are executives;
4. someone who manages people is the hiring manager ("Engineering Manager", "Team Lead",
   "Supervisor", "Head Chef"), except where "Manager" names an individual job ("Product
   Manager", "Key Account Manager": a peer);
5. a title that names a job with none of these words is a peer ("Staff Software Engineer",
   "Account Executive": "executive" in a job name is not seniority);
6. empty, or a placeholder ("TBC", "Interviewer", "Panel"): unknown.

`suggest_for_interviewers` gives each interviewer a few questions to ask from their audience,
the shortlisted ones first, spread over categories and not repeated between people where the
content allows. The figures of the rule are in `bench/judge_audiences.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from prepcoach.content.roles import fold

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import AskQuestion
    from prepcoach.interviews.core import Interview, Interviewer

AUDIENCE_LABELS: Final[Mapping[str, str]] = {
    "recruiter": "recruiter or HR",
    "hiring-manager": "hiring manager",
    "peer": "future peer",
    "executive": "senior leader",
}
# What each audience listens for, so the candidate knows what to bring to that conversation.
AUDIENCE_FOCUS: Final[Mapping[str, str]] = {
    "recruiter": "motivation, the basics of fit, pay expectations, notice period and logistics; "
    "keep answers crisp and consistent with your application",
    "hiring-manager": "evidence you can do this job: specific stories, how you work, what you "
    "would tackle first",
    "peer": "whether they want to work with you: how you collaborate, share work and handle "
    "disagreement, and the craft itself",
    "executive": "judgement and perspective: how you see the business, its priorities and "
    "trade-offs, and what you would make better",
}
PER_PERSON: Final = 3


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


_CHIEF: Final = _words(
    r"chief(?: [a-z&]+){0,3}? officer",
    r"c[eftoimprsd]o|ciso|cxo|chief executive",
    r"co ?-?founder|founder|founding partner|(?<!product )(?<!process )owner|proprietor",
    r"geschaftsfuhrer(?:in)?|vorstand|pdg|directeur general|directora? general",
)
_RECRUITING: Final = _words(
    r"recruit\w*|recruteu\w*|recrutement|reclut\w*|recrut\w*|sourc(?:er|ing)",
    r"talent(?: acquisition| partner| advisor| scout| lead| team)?|headhunter|resourcing",
    r"hr|hrbp|human resources?|people (?:partner|operations|ops|team|and culture|& culture)",
    r"people business partner|rh|ressources humaines|recursos humanos",
    r"personal(?:referent|leiter|abteilung|chef|entwickl|sachbearbeit|berat)\w*",
)
_EXECUTIVE: Final = _words(
    r"vp|svp|evp|avp|vice[ -]president|president",
    r"managing director|executive director|general manager|md|gm",
    r"(?:associate |senior |group )?director|directeur|directrice|direktor(?:in)?",
    r"head of|head teacher|headteacher|headmaster|headmistress",
    r"(?<!talent )(?<!acquisition )(?<!business )(?<!people )(?<!hr )(?<!culture )"
    r"partner(?! manager| success| marketing| account)",
    r"bereichsleiter(?:in)?|board member|board director|non-executive|trustee",
)
# A "Manager" title that names an individual job, not a manager of people.
_JOB_MANAGER: Final = _words(
    r"(?:product|project|program|programme|account|success|relationship|community|case"
    r"|content|social media|brand|campaign|release|delivery|partner|portfolio|category"
    r"|channel|event|events|property|revenue) manager"
)
# ... unless it says the person manages such people ("Group Product Manager").
_MANAGES_JOBS: Final = _words(r"senior manager|group [a-z]+ manager")
_MANAGER: Final = _words(
    r"manager|mgr|managerin|supervisor|superviseur|team ?lead(?:er)?|teamleiter(?:in)?",
    r"\w*leiter(?:in)?|gerente|jefe|jefa|responsable|chef d ?equipe|boss|head",
    r"hiring|line manager|[a-z]+ lead",
)
_PEER_LEAD: Final = _words(r"tech lead|technical lead|lead [a-z]+")
_PEER: Final = _words(
    r"teammate|team ?mate|team member|colleague|peer|kollege|kollegin|coworker|co-worker",
    r"member of (?:the )?(?:team|staff)|individual contributor|ic",
)
_PLACEHOLDER: Final = _words(
    r"tbc|tbd|n ?a|unknown|none|interviewer|interviewers|panel|panelist|panellist|someone",
    r"not sure|\?+",
)
_ASSISTANT_TO: Final = re.compile(r"\b(assistant|secretary|advis[oe]r|ea|pa) (?:to|for)\b.*$")
_LETTER: Final = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class AudienceMatch:
    audience: str
    why: str  # the words that decided, as found in the title


def audience_for_title(title: str, *, recruiting_job: bool = False) -> AudienceMatch | None:
    """The audience an interviewer's title suggests, or None (see the module's docstring).

    For a job in recruiting or HR (`recruiting_job`), the HR people on the panel are the
    hiring manager and peers, so their titles are read by the other rules."""
    text = " ".join(re.sub(r"[^\w&?/-]+", " ", fold(title)).replace("/", " ").split())
    text = _ASSISTANT_TO.sub(r"\1", text)  # "Executive Assistant to the CEO": not the CEO
    if not _LETTER.search(text) or (_PLACEHOLDER.fullmatch(text) is not None):
        return None
    for audience, pattern in (("executive", _CHIEF), ("recruiter", _RECRUITING)):
        if audience == "recruiter" and recruiting_job:
            continue
        found = pattern.search(text)
        if found:
            return AudienceMatch(audience, found.group(0))
    found = _EXECUTIVE.search(text)
    if found:
        return AudienceMatch("executive", found.group(0))
    job = _JOB_MANAGER.search(text)
    lead = _PEER_LEAD.search(text)
    manager = _MANAGER.search(text)
    if job and not _MANAGES_JOBS.search(text):
        return AudienceMatch("peer", job.group(0))
    if manager and not (lead and lead.start() == manager.start()):
        return AudienceMatch("hiring-manager", manager.group(0))
    found = _PEER.search(text) or lead
    if found:
        return AudienceMatch("peer", found.group(0))
    return AudienceMatch("peer", "a job title with no manager, leader or recruiter words")


def audience_label(audience: str | None) -> str:
    return AUDIENCE_LABELS.get(audience or "", "general")


# ---------------------------------------------------------------------------- suggestions


@dataclass(frozen=True, slots=True)
class InterviewerQuestions:
    """The questions to ask one interviewer, and how their title was read."""

    name: str
    title: str
    audience: str | None  # None: no title, or one that says nothing about the person
    why: str
    questions: tuple[AskQuestion, ...]
    shortlisted: frozenset[str] = frozenset()  # ids of these that are on the shortlist

    @property
    def focus(self) -> str:
        """What this interviewer is likely to listen for ('' when the title says nothing)."""
        return AUDIENCE_FOCUS.get(self.audience or "", "")

    @property
    def reading(self) -> str:
        """'recruiter or HR', or why the questions are general ones."""
        if self.audience is not None:
            return audience_label(self.audience)
        if not self.title.strip():
            return "no title recorded — general questions"
        return f"title '{self.title}' says nothing about the role — general questions"


def _for_stage(questions: Iterable[AskQuestion], stage: str | None) -> list[AskQuestion]:
    """The questions for the stage first, then the others (a first round rarely has an
    executive, but one who turns up still gets questions)."""
    every = list(questions)
    if stage not in ("first", "second", "final"):
        return every
    return [q for q in every if stage in q.stages] + [q for q in every if stage not in q.stages]


def _general(question: AskQuestion) -> bool:
    """Suits anyone: tagged for no audience in particular, or for most of them."""
    return not question.audiences or len(question.audiences) >= 2


def _rank(question: AskQuestion, audience: str | None) -> int:
    """0 for a question whose first audience is this one, more the further down it is."""
    if audience is None or audience not in question.audiences:
        return 0
    return question.audiences.index(audience)


def suggest_for_interviewers(
    interviewers: Sequence[Interviewer],
    questions: Mapping[str, AskQuestion],
    *,
    stage: str | None = None,
    shortlist: Sequence[str] = (),
    per_person: int = PER_PERSON,
    recruiting_job: bool = False,
) -> list[InterviewerQuestions]:
    """A few questions to ask each interviewer, from the audience their title suggests.

    The shortlisted questions come first, each with the one person it suits best; then the
    others of their audience, those listed for it first before those where it comes later,
    one category at a time, skipping those already given to someone else while there are
    others. A person whose title says nothing gets questions that suit anyone.
    """
    pool = _for_stage(questions.values(), stage)
    found = [audience_for_title(p.title, recruiting_job=recruiting_job) for p in interviewers]
    audiences = [match.audience if match else None for match in found]

    def fits(q: AskQuestion, audience: str | None) -> bool:
        return audience in q.audiences if audience else _general(q)

    # Each shortlisted question goes to the one person it suits best (the audience it names
    # first, someone whose title says nothing last, then the first such person), so the list
    # is not asked twice.
    owner: dict[str, int] = {}
    for q in (questions[qid] for qid in shortlist if qid in questions):
        suited = [i for i, a in enumerate(audiences) if fits(q, a)]
        if suited:
            owner[q.id] = min(
                suited, key=lambda i: (_rank(q, audiences[i]) if audiences[i] else 99, i)
            )
    given: set[str] = set(owner)
    out: list[InterviewerQuestions] = []
    for number, person in enumerate(interviewers):
        audience, match = audiences[number], found[number]
        first = [questions[qid] for qid, who in owner.items() if who == number]
        rest = [q for q in pool if fits(q, audience) and q.id not in owner]
        # Not given to someone else yet, then the ones whose first audience is theirs
        # (stable: the stage's first, then content order).
        rest.sort(key=lambda q: (q.id in given, _rank(q, audience)))
        chosen = first[:per_person]
        categories = {q.category for q in chosen}
        for spread in (True, False):
            for q in rest:
                if len(chosen) >= per_person:
                    break
                if q in chosen or (spread and q.category in categories):
                    continue
                chosen.append(q)
                categories.add(q.category)
        given.update(q.id for q in chosen)
        out.append(
            InterviewerQuestions(
                name=person.name,
                title=person.title,
                audience=audience,
                why=match.why if match else "",
                questions=tuple(chosen),
                shortlisted=frozenset(q.id for q in first),
            )
        )
    return out


RECRUITING_ROLE = "hr-recruiting"  # the role pack whose interviews read HR titles as peers


def suggest_for_interview(
    interview: Interview,
    library: ContentLibrary,
    *,
    shortlist: Sequence[str] = (),
    per_person: int = PER_PERSON,
) -> list[InterviewerQuestions]:
    """`suggest_for_interviewers` for an interview's panel, its stage and its job (a job in
    recruiting or HR reads the HR titles on the panel as colleagues)."""
    from prepcoach.content.roles import match_role

    role = interview.posting.role if interview.posting is not None else None
    if role is None and interview.role.strip():
        found = match_role(interview.role, library.roles)
        role = found.role if found else None
    return suggest_for_interviewers(
        interview.interviewers,
        library.ask_questions,
        stage=interview.stage,
        shortlist=shortlist,
        per_person=per_person,
        recruiting_job=role == RECRUITING_ROLE,
    )
