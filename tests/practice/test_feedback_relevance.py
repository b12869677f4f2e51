"""Relevance by focus: a question says what an answer must be about, and an answer about
something else is told so, in plain words, without a confident false flag."""

from __future__ import annotations

from typing import Any

from prepcoach.content.model import LookFor, Question
from prepcoach.practice.feedback import Answer, Feedback, QuestionBank, analyse


def question(**overrides: Any) -> Question:
    fields: dict[str, Any] = {
        "id": "q",
        "text": "Tell me about a time.",
        "category": "behavioral",
        "assesses": "How you work.",
        "target_seconds": 90,
    }
    fields.update(overrides)
    return Question(**fields)


MANAGER = question(
    id="disagreed-with-manager",
    text="Describe a time you disagreed with a decision your manager made. What did you do?",
    assesses="Whether you can push back on your manager respectfully, and commit once decided.",
    look_fors=(
        LookFor("a disagreement about substance", ("disagreed", "pushed back")),
        LookFor("how you raised it", ("raised it", "asked for a meeting")),
    ),
    focus=("my manager", "my boss", "the person I reported to", "my line manager"),
)
COLLEAGUE = question(
    id="angry-colleague",
    text="Tell me about a time a colleague got angry with you. How did you respond?",
    assesses="Staying calm with an upset colleague and repairing the working relationship.",
    look_fors=(LookFor("staying calm", ("stayed calm", "let him talk")),),
    focus=("an angry colleague", "a colleague got angry", "a colleague was upset", "shouted"),
)
HIRING_FAILURE = question(
    id="hire-went-wrong",
    text="Tell me about a hire you made that did not work out. What did you learn?",
    assesses="Owning a hiring mistake and what changed in how you hire.",
    look_fors=(LookFor("what went wrong", ("mistake", "missed the signs")),),
    focus=("a hire that did not work out", "a bad hire", "the wrong person", "let him go"),
)
HIRING_SUCCESS = question(
    id="best-hire",
    text="Tell me about the best hire you ever made. How did you spot them?",
    assesses="Judgement of people and how you run a hiring process.",
    look_fors=(LookFor("how you spotted them", ("interview", "work sample")),),
    focus=("best hire", "a great hire", "hired", "recruited"),
)
LAUNCH = question(
    id="launch",
    text="Tell me about a product launch you led.",
    assesses="Launch planning, a release date, the go-live checklist.",
    focus=("a launch", "launched", "went live", "released"),
)
BUDGET = question(id="budget", text="How do you plan a budget for a year?", focus=("budget",))
BANK = QuestionBank.build((MANAGER, COLLEAGUE, HIRING_FAILURE, HIRING_SUCCESS, LAUNCH, BUDGET), {})


def rules(fb: Feedback) -> list[str]:
    return [x.rule for x in fb.findings]


def off_topic(q: Question, text: str, bank: QuestionBank | None = BANK) -> str | None:
    fb = analyse(q, Answer.from_text(text), bank=bank)
    found = [x.message for x in fb.findings if x.rule == "relevance.off-topic"]
    assert bool(found) == (not fb.on_topic)
    return found[0] if found else None


ANGRY_COLLEAGUE = (
    "A colleague got angry with me in a planning meeting because I had moved his deadline. "
    "He shouted that I never listened. I stayed calm, let him talk, and asked to continue "
    "after lunch. Afterwards I walked him through why the date moved and we agreed a new "
    "plan together, and we still work well."
)


def test_a_near_miss_told_to_the_manager_question_is_off_topic_and_says_what_it_asks() -> None:
    message = off_topic(MANAGER, ANGRY_COLLEAGUE)
    assert message is not None
    assert "the question asks about your manager" in message
    assert "It reads more like an answer to \u201cTell me about a time a colleague" in message
    # The same story is on the question it answers.
    assert off_topic(COLLEAGUE, ANGRY_COLLEAGUE) is None


def test_an_answer_about_the_manager_in_other_words_is_on_topic() -> None:
    story = (
        "The person I reported to decided to cut our testing week to hit a launch date. I "
        "thought that was risky, so I asked for half an hour, showed her the defect numbers "
        "from the last two releases and suggested we keep two days of testing. She kept the "
        "date but gave us the two days, and the release went out with one minor bug."
    )
    assert off_topic(MANAGER, story) is None
    fb = analyse(MANAGER, Answer.from_text(story), bank=BANK)
    on = next(x for x in fb.findings if x.rule == "relevance.on-topic")
    assert "The person I reported to" in on.message  # the words that show it


def test_a_story_meeting_none_of_the_focus_is_not_credited_and_one_meeting_it_is() -> None:
    success = (
        "The best hire I ever made was a support agent with no degree. I hired her after a "
        "work sample where she calmed an angry caller in two minutes. Within a year she ran "
        "the night shift and our satisfaction score rose from 71 to 88 percent."
    )
    fb = analyse(HIRING_FAILURE, Answer.from_text(success), bank=BANK)
    assert "relevance.on-topic" not in rules(fb)  # unsure: nothing confident either way
    assert off_topic(HIRING_SUCCESS, success) is None
    failure = (
        "I once hired the wrong person for a team lead role: he interviewed brilliantly but "
        "could not delegate. I missed the signs in his references. After three months I let "
        "him go, and since then every lead candidate does a delegation exercise."
    )
    fb = analyse(HIRING_FAILURE, Answer.from_text(failure), bank=BANK)
    assert fb.on_topic and "the wrong person" in finding_message(fb, "relevance.on-topic")


def finding_message(fb: Feedback, rule: str) -> str:
    return next(x.message for x in fb.findings if x.rule == rule)


def test_an_answer_overwhelmingly_about_another_question_is_off_despite_a_passing_mention() -> None:
    story = ANGRY_COLLEAGUE + (
        " Later my manager asked how it went. The colleague was upset for a day, but a "
        "colleague who had shouted at me once came round. Another colleague got angry at him "
        "too."
    )
    assert off_topic(MANAGER, story) is not None


def test_an_answer_meeting_no_focus_anywhere_keeps_the_judgement_by_words() -> None:
    vague = (
        "I think it is important to stay open and respectful, to listen first and to look "
        "for common ground, because in the end everyone wants the same result for the team."
    )
    assert off_topic(MANAGER, vague) is None  # weak, but not about anything else


def test_without_focus_or_without_the_bank_the_old_judgement_stands() -> None:
    plain = question(id="plain", text="Tell me about a time you disagreed with your manager.")
    assert off_topic(plain, ANGRY_COLLEAGUE, bank=None) is not None  # no word of the question
    # Without the bank, meeting the focus is enough.
    story = "My boss wanted to skip testing and I disagreed, so I showed her the defect data."
    assert off_topic(MANAGER, story * 2, bank=None) is None


def test_a_short_answer_is_never_called_off_topic() -> None:
    assert off_topic(MANAGER, "A colleague got angry and shouted at me.") is None


def test_an_answer_kept_on_by_its_words_alone_is_not_credited_with_answering() -> None:
    fb = analyse(
        MANAGER,
        Answer.from_text(
            "I think it is important to stay open and respectful, to listen first and to "
            "look for common ground, because in the end everyone wants the same result."
        ),
        bank=BANK,
    )
    assert fb.on_topic
    assert not {"relevance.on-topic", "relevance.off-topic"} & set(rules(fb))


def test_a_word_of_the_focus_in_a_story_about_another_subject_does_not_put_it_on() -> None:
    missed = question(
        id="missed-deadline",
        text="Tell me about a deadline you missed. What happened?",
        assesses="Owning a missed commitment and what changed afterwards.",
        focus=("missed a deadline", "deadline", "late"),
    )
    others = [
        question(id=f"q{i}", text=f"Tell me about a {t}.")
        for i, t in enumerate(
            ("team you led", "budget you cut", "customer you kept", "hire you made")
        )
    ]
    bank = QuestionBank.build((missed, LAUNCH, *others), {})
    beaten = (
        "I led the launch of our returns portal. I planned the release with marketing, ran the "
        "go-live checklist myself and launched it eight days before the deadline. The launch "
        "went live on time and returns calls fell by a fifth after it was released."
    )
    fb = analyse(missed, Answer.from_text(beaten), bank=bank)
    assert not fb.on_topic  # "deadline" alone does not make a launch story a missed deadline
    late = (
        "I missed a deadline on the quarterly report because I left the data checks to the "
        "last day. I told my manager the evening before, sent it two days later and now "
        "block the checks into the first week."
    )
    assert analyse(missed, Answer.from_text(late), bank=bank).on_topic


FAILURE = question(
    id="failed",
    text="Tell me about a product launch of yours that failed.",
    assesses="Owning a failure and what you learned.",
    focus=("failed", "failure", "mistake", "went wrong"),
)


def test_a_success_story_told_to_a_failure_question_is_off_topic() -> None:
    success = (
        "I led the launch of our loyalty app in three cities. I planned the release with "
        "marketing, ran the go-live checklist myself and watched sign-ups every hour. We "
        "reached 20,000 members in the first month, double the target."
    )
    message = off_topic(FAILURE, success, bank=None)
    assert message is not None and "nothing in it went wrong" in message
    failure = (
        "Two years ago the launch of a pricing plan I was sure of backfired: I had tested it "
        "only on loyal customers, and sign-ups dropped by 18 percent in a fortnight. I rolled "
        "it back and now test on every segment."
    )
    assert off_topic(FAILURE, failure, bank=None) is None


def test_a_salary_answer_is_off_a_question_that_asks_nothing_about_pay() -> None:
    next_role = question(
        id="next-role",
        text="What are you looking for in your next role that you don't have now?",
        answer_format="free",
    )
    salary = (
        "I'm looking for a base of around 48,000 to 52,000, which is in line with similar "
        "planner roles in the Midlands, and I'm open to talking about the rest of the package."
    )
    message = off_topic(next_role, salary, bank=None)
    assert message is not None and "it names a salary" in message
    pay = question(id="pay", text="What salary are you looking for?", answer_format="salary-range")
    assert off_topic(pay, salary, bank=None) is None


def test_what_the_question_asks_is_said_to_the_candidate() -> None:
    from prepcoach.practice.feedback.relevance import _asks_about

    assert _asks_about(MANAGER) == "your manager"
    assert _asks_about(question(focus=("the person I reported to",))) == (
        "the person you reported to"
    )
    assert _asks_about(question(focus=("a time I was wrong",))) == "a time you were wrong"
