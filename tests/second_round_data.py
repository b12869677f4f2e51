"""A candidate halfway through preparing a second round, for the second-round kit tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.interviews.store import add_interview
from prepcoach.kernel import clock
from prepcoach.kit.research import Dossier, Item
from prepcoach.kit.research_store import save_research
from prepcoach.kit.salary import SalaryRange
from prepcoach.kit.salary_store import save_salary_range
from prepcoach.kit.shortlist import Pick
from prepcoach.kit.shortlist_store import set_shortlist
from prepcoach.postmortem.store import finish_postmortem
from prepcoach.practice import store as ps
from prepcoach.practice.scheduling import SelfRating, review
from prepcoach.store.db import Store
from prepcoach.stories.core import StarStory
from prepcoach.stories.store import add_story

COMPANY = "Globex Corporation"

DOSSIER = Dossier(
    company=COMPANY,
    sections={
        "mission": (
            Item(
                "Make small-business payments simple and fair.", ("https://globex.example/about",)
            ),
        ),
        "news": (
            Item(
                "Launched Globex Pay in Brazil in March, its first market outside Europe.",
                ("https://news.example/globex-brazil",),
            ),
        ),
        "culture": (
            Item("Reviews praise autonomy but mention slow decisions.", ("chat with Ana",)),
        ),
        "challenges": (
            Item(
                "Merchant churn rose after the price change.",
                ("https://news.example/globex-churn",),
                "At Initech I cut churn 18% with a win-back programme.",
            ),
        ),
        "competitors": (Item("Initrode"), Item("Hooli Payments")),
    },
)

STORIES = (
    StarStory(
        title="Release date dispute",
        competencies=("conflict", "communication"),
        template_id="generic",
        parts={
            "situation": "Sales promised a launch date engineering could not meet.",
            "task": "I had to agree a date both teams would stand behind.",
            "action": "I ran a joint planning session and split the release in two.",
            "result": "We shipped the core on the promised date; the deal closed.",
        },
    ),
    StarStory(
        title="Churn win-back programme",
        competencies=("delivering-results", "problem-solving"),
        template_id="generic",
        parts={
            "situation": "Merchant churn doubled after a pricing change at Initech.",
            "task": "I owned retention for our small-business segment.",
            "action": "I interviewed 30 churned merchants and built a win-back offer.",
            "result": "Churn fell 18% in two quarters.",
        },
    ),
    StarStory(
        title="Leading the migration team",
        competencies=("leadership", "adaptability"),
        template_id="generic",
        parts={
            "situation": "Our team of six had to move to a new CRM in a quarter.",
            "task": "I led the move without losing customer follow-ups.",
            "action": "I ran two pilots, wrote a guide and held daily check-ins.",
            "result": "We moved in five weeks with zero lost follow-ups.",
        },
    ),
)


@dataclass(frozen=True)
class Home:
    first: Interview
    second: Interview


def add_rounds(store: Store, *, first_hours_ago: float = 30) -> Home:
    """A first round that happened `first_hours_ago` and a second round in three days."""
    now = clock.now()
    first = add_interview(
        store,
        Interview(
            company=COMPANY,
            role="Product manager",
            stage="first",
            status="done",
            when=now - timedelta(hours=first_hours_ago),
            interviewers=(Interviewer("Hank Scorpio", "VP Product", "hank@globex.example"),),
        ),
    )
    second = add_interview(
        store,
        Interview(
            company=COMPANY,
            role="Product manager",
            stage="second",
            when=(now + timedelta(days=3)).replace(microsecond=0),
            interviewers=(
                Interviewer("Hank Scorpio", "VP Product"),
                Interviewer("Mindy Okonkwo", "Engineering manager"),
            ),
        ),
    )
    return Home(first, second)


POSTMORTEM_ANSWERS = {
    "overall_rating": 4,
    "questions": [
        {
            "text": "Tell me about a time you disagreed with a stakeholder",
            "question_id": None,
            "rating": 2,
            "said": "I talked about a roadmap argument but forgot the result.",
            "would_say": "Lead with the result: the deal closed on time.",
        }
    ],
    "concerns": [{"text": "Whether I can lead without authority", "competencies": ["leadership"]}],
    "topics": ["the Brazil launch and what it means for the team"],
    "clarify": ["my part in the pricing project: I owned the analysis, not the decision"],
    "next_steps": "Hank said the next step is a panel, and they decide within two weeks.",
}


def add_postmortem(store: Store, home: Home) -> None:
    finish_postmortem(store, home.first.id, POSTMORTEM_ANSWERS)


def add_everything(store: Store, home: Home) -> None:
    """Research, stories, a salary range, a shortlist and good practice of every likely
    question: everything but the post-mortem and the follow-up."""
    save_research(store, DOSSIER)
    for story in STORIES:
        add_story(store, story)
    save_salary_range(
        store,
        SalaryRange(
            80_000,
            90_000,
            100_000,
            "EUR",
            sources=("https://www.glassdoor.com/x",),
            interview_id=home.second.id,
            company=COMPANY,
        ),
    )
    set_shortlist(
        store,
        home.second.id,
        [Pick("ask-closest-colleagues"), Pick("ask-great-hire-one-year"), Pick("ask-career-paths")],
    )


def practise(store: Store, question_ids: list[str], rating: SelfRating = SelfRating.GOOD) -> None:
    """One rated answer to each question."""
    session = ps.start_session(store, mode="quick", planned=[], options={})
    now = datetime.now(UTC)
    for qid in question_ids:
        answer = ps.save_answer(
            store,
            session_id=session,
            question_id=qid,
            question_text=qid,
            style="free",
            parts={"answer": f"My answer to {qid}, with a result."},
            seconds=60,
            score=80,
        )
        ps.rate_answer(store, answer, qid, review(None, rating, now))
