"""A home with a bit of everything, including text that is easy to mangle."""

from __future__ import annotations

from datetime import UTC, datetime

from prepcoach.interviews.core import Interview, Interviewer
from prepcoach.interviews.store import add_interview
from prepcoach.profile.core import Profile
from prepcoach.profile.store import save_profile
from prepcoach.store.db import Store
from prepcoach.stories.core import StarStory
from prepcoach.stories.store import add_story

RTL = "مرحبا بالعالم، هذا نص من اليمين إلى اليسار"
EMOJI = "🚀 Shipped it 🎉 👩🏽‍💻"
PEOPLE = ("Hank Scorpio", "Mindy Okonkwo-Larsen", "Yusuf Al-Rashid")
COMPANIES = ("Globex Corporation", "Initrode")
EMAILS = ("hank@globex.example", "mindy.okonkwo@globex.example", "yusuf@initrode.example")
ME = "Jane Q. Doolittle"


def populate(store: Store) -> dict[str, str]:
    """Interviews, interviewers, stories, profile and practice rows; returns their ids."""
    save_profile(
        store,
        Profile(
            name=ME,
            email="jane.doolittle@mail.example",
            phone="+1 555 010 7788",
            links=("https://linkedin.com/in/janeqdoolittle",),
            signature=f"Best,\n{ME}\n+1 555 010 7788",
        ),
    )
    first = add_interview(
        store,
        Interview(
            company=COMPANIES[0],
            role="Senior product manager",
            stage="second",
            when=datetime(2031, 3, 14, 13, 30, tzinfo=UTC),
            posting_url="https://jobs.globex.example/42",
            notes=f"Met {PEOPLE[0]} in round one. Team of 12, budget $4.5M.\n{RTL}\n{EMOJI}",
            interviewers=(
                Interviewer(PEOPLE[0], "VP Product", EMAILS[0]),
                Interviewer(PEOPLE[1], "Engineering manager", EMAILS[1]),
            ),
        ),
    )
    second = add_interview(
        store,
        Interview(
            company=COMPANIES[1],
            stage="first",
            status="done",
            interviewers=(Interviewer(PEOPLE[2], "Recruiter", EMAILS[2]),),
        ),
    )
    story = add_story(
        store,
        StarStory(
            title="Release date dispute",
            template_id="conflict",
            competencies=("conflict", "communication"),
            parts={
                "situation": f"At {COMPANIES[1]}, {PEOPLE[1].split()[0]} wanted to ship early.",
                "task": "Protect quality without hurting the relationship.",
                "action": f"I showed 37 open bugs to Mindy and proposed a beta.\n{EMOJI}",
                "result": f"We shipped 7 days later with 0 P1 bugs.\n{RTL}",
            },
            interview_id=first.id,
            employer=COMPANIES[1],
        ),
    )
    other = add_story(
        store,
        StarStory(
            title="Migration failure",
            template_id="failure",
            competencies=("learning-from-failure",),
            parts={
                "situation": "A migration failed in production.",
                "task": "Restore service.",
                "action": "I rolled back and wrote the post-mortem.",
                "result": "Two hours of downtime; we now rehearse migrations.",
            },
        ),
    )
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO practice_sessions (id, started_at, mode, status, interview_id, options, "
            "planned) VALUES ('ps-1', '2025-01-02T10:00:00Z', 'quick', 'done', ?, "
            '\'{"count": 2}\', \'["q1", "q2"]\')',
            (first.id,),
        )
        for number, story_id in enumerate((story.id, story.id, other.id)):
            conn.execute(
                "INSERT INTO practice_answers (id, session_id, question_id, question_text, style, "
                "parts, seconds, part_seconds, score, feedback, rating, story_id, created_at) "
                "VALUES (?, 'ps-1', 'disagreed-with-manager', 'Tell me about a disagreement.', "
                "'star', ?, 93.5, '{\"action\": 41.25}', 72, '{\"findings\": []}', 3, ?, ?)",
                (
                    f"pa-{number}",
                    '{"action": "I called Hank Scorpio at 555-0100"}',
                    story_id,
                    f"2025-01-02T10:0{number}:00Z",
                ),
            )
        conn.execute(
            "INSERT INTO review_cards (question_id, card, due, updated_at) "
            "VALUES ('disagreed-with-manager', '{\"stability\": 2.5}', '2025-01-05T10:00:00Z', "
            "'2025-01-02T10:00:00Z')"
        )
        conn.execute(
            "INSERT INTO weak_flags (question_id, source, reason, flagged_at) "
            "VALUES ('why-us', 'rating', 'rated Again', '2025-01-02T10:00:00Z')"
        )
    return {"interview": first.id, "done": second.id, "story": story.id, "other": other.id}
