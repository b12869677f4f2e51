"""A job title as people write it ("Sr. Product Manager, Payments", "Staff SWE",
"Softwareentwickler (m/w/d)") mapped to a role pack, or to none when unsure.

Each role's words come from content: its id, its name and its `aliases` (extendable by
packs). A title is cut at separators ("Account Executive – EMEA", "Vendedor / Sales
Associate") and each piece is read on its own, accent- and case-insensitive, with seniority
and gender markers left out. A piece that is one of a role's aliases (or fuzzily so: typos)
is that role; so is a piece whose words but a generic job noun ("advisor", "supervisor",
"administrator") are a field only one role's aliases name ("Call Centre Advisor",
"Warehouse Supervisor"); an intern, trainee or apprentice post is the entry-level role's
whatever its field; otherwise each of its words votes for the roles whose words include it, a word
only one role uses counting most, and the piece must be mostly explained by one role whose
aliases can end in the piece's job noun, or that one of its aliases of several words names:
"Design Engineer" is an engineer (of machines or circuits as often as of interfaces), not a
UX designer, so it is no answer, while "Technical Support Engineer" is customer service. An
abbreviation is read from the aliases' initials ("SDR"), and one that several roles share
("PM") is no answer. Below the confidence, or when two roles come equally close, the answer
is None: better to ask than to serve another role's questions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from prepcoach.content.model import Role

# Words that say how senior or what kind of contract, never which job.
_LEVEL: Final = frozenset(
    """senior sr junior jr staff principal lead head chief i ii iii iv 1 2 3 mid level
    experienced entry part time full temporary temp contract contractor freelance remote
    hybrid permanent interim acting deputy global regional
    international""".split()
)
_SMALL: Final = frozenset(
    """a an and the of for in at to de la le du des der die das en y et
    und with on""".split()
)
# The job nouns that say what kind of post, not which field: "Call Centre Advisor",
# "Warehouse Supervisor", "Payroll Administrator" are the field's other words' role.
_GENERIC_HEADS: Final = frozenset(
    """manager supervisor leader coordinator administrator assistant associate specialist
    advisor agent representative officer executive analyst partner director worker
    operative practitioner""".split()
)
# Words that make a post an entry-level one whatever its field ("Summer Intern, Marketing").
_ENTRY: Final = frozenset(
    """intern internship trainee traineeship apprentice apprenticeship graduate werkstudent
    praktikant praktikum stagiaire alternant""".split()
)
# Short and regional spellings read as one word ("Busness Development Rep").
_SPELLINGS: Final = {
    "rep": "representative",
    "mgr": "manager",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "exec": "executive",
    "asst": "assistant",
    "coord": "coordinator",
    "ops": "operation",
    "center": "centre",
    "adviser": "advisor",
    "program": "programme",
}
_GENDER: Final = re.compile(
    r"\(\s*[mwfdhx]\s*(?:/\s*[mwfdhx]\s*)+\)|\b[mwfdh]/[mwfdhx](?:/[mwfdhx])?\b", re.I
)
_SEPARATORS: Final = re.compile(r"\s[-\u2013\u2014|]\s|[,/|;:]|\s@\s|\s+at\s+")
_BRACKETS: Final = re.compile(r"[(\[]([^)\]]*)[)\]]")
_WORD: Final = re.compile(r"[a-z0-9+#&]+")

CONFIDENT: Final = 0.62  # share of a title's words one role must explain
LEAD: Final = 1.25  # and by how much more than the next role
_FUZZY: Final = 85.0  # rapidfuzz ratio for a typo ("sofware")
_AMBIGUOUS: Final = "ambiguous"  # a piece that could be several roles


def fold(text: str) -> str:
    """Lower case without accents ("Chargé" -> "charge")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    out = []
    for word in _WORD.findall(fold(text).replace(".", "")):
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]  # "nurses", "sales" -> one form; the aliases go the same way
        out.append(_SPELLINGS.get(word, word))
    return out


@dataclass(frozen=True, slots=True)
class RoleMatch:
    role: str
    score: float  # 0-1
    why: str  # the alias or words that decided


@dataclass(frozen=True, slots=True)
class _Phrase:
    role: str
    text: str
    words: tuple[str, ...]


class RoleIndex:
    """The roles' ids, names and aliases as words, with each word's specificity."""

    def __init__(self, roles: Mapping[str, Role] | Iterable[Role]) -> None:
        items = list(roles.values()) if isinstance(roles, Mapping) else list(roles)
        self.phrases: list[_Phrase] = []
        self.initials: dict[str, set[str]] = {}
        for role in items:
            for text in dict.fromkeys([role.id.replace("-", " "), role.name, *role.aliases]):
                words = tuple(_words(text))
                if not words:
                    continue
                self.phrases.append(_Phrase(role.id, text, words))
                core = [w for w in words if w not in _SMALL]
                if len(core) > 1:
                    self.initials.setdefault("".join(w[0] for w in core), set()).add(role.id)
        self.vocab: dict[str, set[str]] = {}
        # A word that is a whole alias, or in the role's id or name, says the role; one
        # only part of a longer alias ("architect" of "solutions architect") half says it.
        self.strong: dict[str, set[str]] = {}
        for role in items:
            for text in (role.id.replace("-", " "), role.name):
                for word in _words(text):
                    self.strong.setdefault(word, set()).add(role.id)
        for phrase in self.phrases:
            alias = _core(phrase.words)
            if len(alias) == 1:
                self.strong.setdefault(alias[0], set()).add(phrase.role)
            for word in phrase.words:
                if word not in _SMALL:
                    self.vocab.setdefault(word, set()).add(phrase.role)
        self.exact: dict[tuple[str, ...], set[str]] = {}
        for phrase in self.phrases:
            for key in {_plain(phrase.words), _core(phrase.words)}:
                if key:
                    self.exact.setdefault(key, set()).add(phrase.role)
        # The field each alias names, without its generic job noun ("call centre agent"
        # -> "call centre").
        self.fields: dict[str, set[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            alias = _core(phrase.words)
            while len(alias) > 1 and alias[-1] in _GENERIC_HEADS:
                alias = alias[:-1]
            if alias and alias[-1] not in _GENERIC_HEADS:
                self.fields.setdefault(phrase.role, set()).add(alias)
        # The job nouns that end a role's aliases ("engineer" of "backend engineer",
        # "designer" of "UX designer"): the last word of a title says which family it is.
        self.heads: dict[str, set[str]] = {}
        for phrase in self.phrases:
            alias = _core(phrase.words)
            if alias and alias[-1] not in _GENERIC_HEADS:
                self.heads.setdefault(alias[-1], set()).add(phrase.role)
        total = len(items) or 1
        self.idf = {w: math.log(1 + total / len(r)) for w, r in self.vocab.items()}
        self.unknown = 0.6 * math.log(1 + total)  # a word no role uses ("secondary school")
        self.known = sorted(self.vocab)

    def families(self, title: str) -> list[str]:
        """The two families a title's words point to when its job noun is one role's and its
        field another's ("Design Engineer": software-engineering or ux-design), else none."""
        core = _core(self._spell(w) for w in _words(title))
        if len(core) < 2 or core[-1] not in self.heads:
            return []
        if any(w not in self.vocab for w in core[:-1]):
            return []  # a field no role names ("Mechanical Design Engineer"): neither
        ends = [p.role for p in self.phrases if _core(p.words)[-1:] == core[-1:]]
        head = max(sorted(set(ends)), key=ends.count)
        fields = {r for w in core[:-1] for r in self.vocab.get(w, ())}
        if len(fields) != 1 or head in fields:
            return []
        return sorted({head, *fields})

    def _spell(self, word: str) -> str:
        """A word no role uses, read as the nearest one that some role does (typos)."""
        if word in self.vocab or len(word) < 5 or word.isdigit():
            return word
        from rapidfuzz import fuzz, process

        best = process.extractOne(word, self.known, scorer=fuzz.ratio, score_cutoff=_FUZZY)
        return str(best[0]) if best else word

    def match(self, title: str) -> RoleMatch | None:
        """The role a title belongs to, or None when unsure (see the module's docstring)."""
        text = _GENDER.sub(" ", title)
        extras = " ".join(_BRACKETS.findall(text))
        text = _BRACKETS.sub(" ", text)
        pieces = [p for p in _SEPARATORS.split(text) if p.strip()]
        entry = self._entry(title)
        if entry is not None:
            return entry
        candidates: list[RoleMatch] = []
        ambiguous = False
        for piece in pieces or [extras]:
            found = self._piece(piece, extras)
            if isinstance(found, RoleMatch):
                candidates.append(found)
            elif found == _AMBIGUOUS:
                ambiguous = True
        if not candidates:
            return None
        best = max(candidates, key=lambda m: m.score)
        others = [m for m in candidates if m.role != best.role]
        if others and max(m.score for m in others) * LEAD > best.score:
            return None  # "Kassierer / Product Manager": two jobs
        if ambiguous and best.score < 1.0:
            return None
        return best

    def _entry(self, title: str) -> RoleMatch | None:
        """An intern, trainee or apprentice post is the entry-level role's, whatever the field
        ("Summer Intern, Marketing", "Werkstudent Vertrieb")."""
        for word in _words(title):
            roles = self.strong.get(self._spell(word), set()) if word in _ENTRY else set()
            if len(roles) == 1:
                return RoleMatch(next(iter(roles)), 0.9, word)
        return None

    def _field(self, core: tuple[str, ...]) -> RoleMatch | None:
        """A generic job noun after a field only one role's aliases name: that role ("Call
        Centre Advisor" by "call centre agent", "Warehouse Supervisor" by "warehouse
        manager", "Programme Delivery Lead" by "programme manager" and "delivery manager").
        Another role's whole alias in the piece ("Engineering Manager") leaves it to the
        votes."""
        field = tuple(w for w in core if w not in _GENERIC_HEADS)
        if len(core) < 2 or not field:
            return None
        roles = [
            role
            for role, stems in self.fields.items()
            if {w for stem in stems if _within(field, stem) for w in stem} >= set(field)
        ]
        if len(roles) != 1:
            return None
        role = roles[0]
        for phrase in self.phrases:
            alias = _core(phrase.words)
            if phrase.role != role and len(alias) > 1 and _within(core, alias):
                return None
        return RoleMatch(role, 0.8, " ".join(field))

    def _piece(self, piece: str, extras: str) -> RoleMatch | str | None:
        raw = piece.split()
        words = [self._spell(w) for w in _words(piece)]
        core = _core(words)
        # One of a role's aliases, exactly ("Chief of Staff"), or but for the level.
        exact = self.exact.get(_plain(words)) or (self.exact.get(core) if core else None)
        if exact:
            if len(exact) > 1:
                return _AMBIGUOUS
            return RoleMatch(next(iter(exact)), 1.0, " ".join(core or _plain(words)))
        if not core:
            return None
        # An abbreviation: "SDR", "PM" (read from the initials of the aliases).
        if len(core) == 1 and core[0] not in self.vocab:
            token = core[0]
            capitals = any(r.isupper() and len(r) <= 5 for r in raw)
            if 2 <= len(token) <= 5 and (capitals or len(token) <= 3):
                roles = self.initials.get(token, set())
                if len(roles) == 1:
                    return RoleMatch(next(iter(roles)), 0.95, token.upper())
                if len(roles) > 1:
                    return _AMBIGUOUS
        field = self._field(core)
        if field is not None:
            return field
        # A piece that holds a whole alias ("Backend Engineer", "Customer Success Manager").
        scores: dict[str, float] = {}
        why: dict[str, str] = {}
        weights = {w: self.idf.get(w, self.unknown) for w in core}
        head = core[-1]  # "School Teacher", "Marketing Manager": the last word is the job
        if head in self.strong:
            weights[head] *= 2
        total = sum(weights.values())
        named: set[str] = set()  # roles with an alias of two words or more in the piece
        for phrase in self.phrases:
            alias = _core(phrase.words)
            if alias and _within(core, alias):
                if len(alias) > 1:
                    named.add(phrase.role)
                covered = sum(weights[w] for w in set(alias))
                share = 0.3 + 0.7 * covered / total
                if share > scores.get(phrase.role, 0.0):
                    scores[phrase.role], why[phrase.role] = share, phrase.text
        # Else the words' votes: the share of the piece's words each role explains.
        extra = [self._spell(w) for w in _words(extras)]
        for role in {r for w in [*core, *extra] for r in self.vocab.get(w, ())}:
            mine = sum(
                weights[w] * (1.0 if role in self.strong.get(w, ()) else 0.5)
                for w in set(core)
                if role in self.vocab.get(w, ())
            )
            bonus = 0.1 * any(role in self.vocab.get(w, ()) for w in extra)
            share = 0.9 * mine / total + bonus
            if share > scores.get(role, 0.0):
                scores[role] = share
                why[role] = " ".join(w for w in core if role in self.vocab.get(w, ()))
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        role, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if score < CONFIDENT or score < LEAD * runner_up:
            return _AMBIGUOUS if score >= CONFIDENT else None
        if role not in self.heads.get(head, {role}) and role not in named:
            # The job noun is another family's ("Design Engineer": an engineer, most often
            # of machines or circuits, not a UX designer): the title could be either. A
            # whole alias of several words still says the role ("Technical Support
            # Engineer").
            return _AMBIGUOUS
        return RoleMatch(role, round(min(score, 0.99), 2), why.get(role, ""))


def _plain(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in _SMALL)


def _core(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in _LEVEL and w not in _SMALL)


def _within(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def match_role(title: str, roles: Mapping[str, Role]) -> RoleMatch | None:
    """The role pack a free-text title belongs to, or None (see the module's docstring)."""
    if not title.strip():
        return None
    if fold(title.strip()) in roles:
        return RoleMatch(fold(title.strip()), 1.0, title.strip())
    return RoleIndex(roles).match(title)


def role_for_title(title: str, roles: Mapping[str, Role]) -> str:
    """The role pack id for a title a person gives as their role; a clear error when no
    pack fits or the title could be several (`prep profile set --role`)."""
    from prepcoach.kernel.errors import PrepError

    found = match_role(title, roles)
    if found is not None:
        return found.role
    index = RoleIndex(roles)
    several = sorted(index.initials.get("".join(_words(title)), ())) or index.families(title)
    if len(several) > 1:
        hint = f"; it could be {' or '.join(several)}: give the pack or the full title"
    else:
        from rapidfuzz import fuzz, process

        close = process.extract(
            fold(title),
            {r.id: fold(f"{r.id} {r.name}") for r in roles.values()},
            scorer=fuzz.WRatio,
            limit=2,
            score_cutoff=80,
        )
        hint = f"; did you mean {' or '.join(k for _v, _s, k in close)}?" if close else ""
    raise PrepError(
        f"cannot tell which role pack '{title.strip()}' is{hint} "
        f"(role packs: {', '.join(sorted(roles))})"
    )
