"""Practice answers from a YAML file (or piped stdin): `prep practice --answers FILE`.

They give the session the same things as the terminal (`cli.practice.answers`): a style, the
answer's parts, timings and a rating.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcoach.cli.inputs import read_text
from prepcoach.kernel.errors import PrepError
from prepcoach.practice.rounds import spread_seconds
from prepcoach.practice.scheduling import SelfRating, rating_for_score
from prepcoach.practice.session import GivenAnswer, check_length

if TYPE_CHECKING:
    from prepcoach.content.model import AskQuestion, Question, StarTemplate
    from prepcoach.practice.feedback import Feedback

STYLES = ("star", "free", "editor", "aloud")

ANSWER_KEYS = (
    "question",
    "style",
    "text",
    "notes",
    "parts",
    "seconds",
    "part_seconds",
    "probes",
    "rating",
    "asks",
    "skip",
    "audio",
    "marks",
)
PART_KEYS = ("situation", "task", "action", "result", "reflection")


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"


def _validate(entry: Mapping[str, Any], where: str) -> None:
    """One answer of a file, checked before the session saves anything."""
    for key in entry:
        if str(key) not in ANSWER_KEYS:
            raise PrepError(f"{where}: unknown key '{key}'{_did_you_mean(str(key), ANSWER_KEYS)}")
    if entry.get("skip"):
        return
    style = entry.get("style")
    if style is not None and str(style) not in (*STYLES, "quit"):
        raise PrepError(
            f"{where}: style '{style}' is not one of: {', '.join(STYLES)}"
            + _did_you_mean(str(style), STYLES).split(" (")[0]
        )
    rating = entry.get("rating")
    if rating is not None:
        try:
            SelfRating.parse(rating)
        except ValueError as error:
            raise PrepError(f"{where}: {error}") from None
    parts = entry.get("parts")
    if parts is not None:
        if not isinstance(parts, dict):
            raise PrepError(f"{where}: 'parts' must map situation/task/action/result to text")
        for key in parts:
            if str(key) not in PART_KEYS and str(key) != "text":
                raise PrepError(
                    f"{where}: unknown part '{key}'{_did_you_mean(str(key), PART_KEYS)}"
                )
    for key in ("seconds",):
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise PrepError(f"{where}: '{key}' must be a number of seconds")
    laps = entry.get("part_seconds")
    if laps is not None and (
        not isinstance(laps, dict)
        or any(isinstance(v, bool) or not isinstance(v, int | float) for v in laps.values())
    ):
        raise PrepError(f"{where}: 'part_seconds' must map parts to numbers of seconds")
    probes = entry.get("probes")
    if probes is not None and (
        not isinstance(probes, list) or not all(isinstance(p, str) for p in probes)
    ):
        raise PrepError(f"{where}: 'probes' must be a list of answers (text)")
    asks = entry.get("asks")
    if asks is not None and not isinstance(asks, list):
        raise PrepError(f"{where}: 'asks' must be a list of question ids")
    text = entry.get("text") or entry.get("notes")
    if "audio" in entry:  # a recording: its transcript may come from the recording itself
        return
    if (
        parts is None
        and asks is None
        and not entry.get("audio")  # a recording is the answer; its check comes when it is read
        and not str(text or "").strip()
        and style not in ("aloud", "quit")
    ):
        raise PrepError(f"{where}: the answer is empty; give 'text' or 'parts'")


class ScriptedAnswers:
    """Answers from a YAML file (or piped stdin), for users who write in an editor and for tests.

    Format:
        answers:
          - question: why-us            # optional; otherwise the session's next question
            style: free                 # star, free or aloud
            text: "..."                 # free text (or `parts:` with situation/task/...)
            seconds: 95                 # optional; estimated from the words otherwise
            part_seconds: {situation: 20, ...}  # optional lap per part (else spread by words)
            probes: ["...", ...]        # answers to the follow-up probes, in order
            rating: good                # again, hard, good, easy or 1-4
            audio: answer.wav           # a spoken answer (relative to this file); `text:`
                                        # is then its corrected transcript, `marks:` maps
                                        # STAR parts to the second each starts
            asks: [ask-id, ...]         # for the "questions for us" step of a mock
            skip: true                  # skip the question
    The whole file is checked before anything is saved.
    """

    interactive = False

    def __init__(self, entries: Sequence[Mapping[str, Any]], origin: str) -> None:
        self.entries = list(entries)
        self.origin = origin
        self._index = 0
        self._current: Mapping[str, Any] = {}
        self._probe = 0  # follow-ups answered for the current entry
        self.base: Path | None = None  # audio paths are relative to the answers file
        self.home: Path | None = None  # where the voice settings are (set by the command)

    @classmethod
    def parse(cls, text: str, origin: str) -> ScriptedAnswers:
        from prepcoach.content.yamlsource import parse_yaml  # YAML: only for an answers file

        data, problems = parse_yaml(text, kind="answers files")
        if problems:
            (line, col), message = problems[0]
            raise PrepError(f"{origin}:{line}:{col}: {message}")
        entries = data.get("answers") if isinstance(data, dict) else data
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise PrepError(
                f"{origin}: expected 'answers:' with a list of answers "
                "(each with 'text' or 'parts', and a 'rating')"
            )
        if not entries:
            raise PrepError(f"{origin}: the answers list is empty")
        for number, entry in enumerate(entries, start=1):
            _validate(entry, f"{origin}: answer {number}")
        return cls(entries, origin)

    @classmethod
    def from_file(cls, path: Path) -> ScriptedAnswers:
        if not path.exists() and not path.is_symlink():
            raise PrepError(f"answers file not found: {path}")
        answers = cls.parse(read_text(path, what="answers file"), str(path))
        answers.base = path.parent
        return answers

    @property
    def question_ids(self) -> list[str] | None:
        """The questions named in the file, when every entry names one."""
        ids = [e.get("question") for e in self.entries]
        return [str(i) for i in ids] if all(ids) else None

    def remaining(self) -> int:
        return len(self.entries) - self._index

    def _entry(self, question_id: str) -> Mapping[str, Any]:
        if self._index >= len(self.entries):
            return {"style": "quit"}
        entry = self.entries[self._index]
        named = entry.get("question")
        if named and named != question_id:
            raise PrepError(
                f"{self.origin}: answer {self._index + 1} is for '{named}' but the session "
                f"asks '{question_id}' next"
            )
        return entry

    def choose(self, question: Question, default_style: str) -> str:
        self._current = self._entry(question.id)
        if self._current.get("skip"):
            self._index += 1
            return "skip"
        guessed = "star" if "parts" in self._current else "free"
        if "audio" in self._current:
            guessed = "aloud"
        style = str(self._current.get("style") or guessed)
        if style not in (*STYLES, "quit"):
            raise PrepError(
                f"{self.origin}: answer {self._index + 1}: style '{style}' is not one of: "
                + ", ".join(STYLES)
            )
        return style

    def answer(self, question: Question, style: str, template: StarTemplate | None) -> GivenAnswer:
        entry = self._current
        where = f"{self.origin}: answer {self._index + 1}"
        self._index += 1
        if entry.get("audio"):
            from prepcoach.cli.practice.voice import scripted_take

            return scripted_take(entry, self.base, where, self.home or Path.home())
        raw_parts = entry.get("parts")
        if raw_parts is not None:
            if not isinstance(raw_parts, dict):
                raise PrepError(f"{where}: 'parts' must map situation/task/action/result to text")
            parts = {str(k): str(v or "").strip() for k, v in raw_parts.items()}
        else:
            key = "notes" if style == "aloud" else "text"
            parts = {key: str(entry.get("text") or entry.get("notes") or "").strip()}
        if not any(parts.values()) and style != "aloud":
            raise PrepError(f"{where}: the answer is empty; give 'text' or 'parts'")
        check_length(parts, where)
        seconds = entry.get("seconds")
        self._probe = 0
        laps = {str(k): float(v) for k, v in (entry.get("part_seconds") or {}).items()}
        if raw_parts is not None and not laps and seconds is not None:
            laps = spread_seconds(parts, float(seconds))
        if laps and seconds is None:
            seconds = sum(laps.values())
        return GivenAnswer(style, parts, float(seconds) if seconds is not None else None, laps)

    def probe(self, question: Question, probe: str) -> GivenAnswer | None:
        """The next of the entry's `probes:` answers (None when the file gives no more)."""
        entry = self.entries[self._index - 1] if self._index else {}
        given = [str(p) for p in entry.get("probes") or []]
        if self._probe >= len(given):
            return None
        text = given[self._probe].strip()
        self._probe += 1
        return GivenAnswer("free", {"text": text}, None) if text else None

    def rate(self, question: Question, feedback: Feedback | None) -> SelfRating:
        entries = self.entries[self._index - 1] if self._index else {}
        value = entries.get("rating")
        if value is None:  # no rating given: the one the score suggests
            return rating_for_score(feedback.score if feedback is not None else None)
        try:
            return SelfRating.parse(value)
        except ValueError as error:
            raise PrepError(f"{self.origin}: answer {self._index}: {error}") from None

    def pick_ask_questions(
        self, candidates: Sequence[AskQuestion], shortlisted: Sequence[str] = ()
    ) -> list[str]:
        entry = self._entry("candidate-questions") if self._index < len(self.entries) else {}
        self._index += 1 if entry else 0
        known = {q.id for q in candidates}
        asks = [str(a) for a in entry.get("asks", [])]
        unknown = [a for a in asks if a not in known]
        if unknown:
            raise PrepError(
                f"{self.origin}: unknown {'question' if len(unknown) == 1 else 'questions'} "
                f"to ask: {', '.join(unknown)}"
            )
        return asks
