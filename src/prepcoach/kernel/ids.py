"""Record ids: short, random, typeable and stable across machines.

An id is a kind prefix and six characters from an alphabet without look-alikes
(`iv-3k9x2m`, `st-q7hd4a`): random, so records made on two machines never need renumbering
when one merges an export into the other, and short enough to type. Users may type any
unique prefix of the random part, with or without the kind prefix (`3k9`, `iv-3k9`).
"""

from __future__ import annotations

import difflib
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from prepcoach.kernel.errors import NotFoundError

T = TypeVar("T")

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: easy to read aloud and type
LENGTH = 6
ID_RE = re.compile(rf"^[a-z]{{2}}-[{ALPHABET}]{{{LENGTH}}}$")

PREFIXES = {
    "interviews": "iv",
    "interviewers": "ir",
    "stories": "st",
    "followups": "fu",
    "postmortems": "pm",
    "research": "rs",
    "salary_ranges": "sr",
    "ask_shortlists": "sl",
    "practice_sessions": "ps",
    "practice_answers": "pa",
    "review_logs": "rl",
}


def new_id(prefix: str) -> str:
    """A fresh random id such as `st-q7hd4a` (about 887 million per prefix)."""
    return f"{prefix}-" + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(query: str) -> str:
    return query.strip().lower()


def matching_ids(query: str, ids: Iterable[str], prefix: str) -> list[str]:
    """The ids `query` names: the exact id, or every id its (prefix-less) start matches."""
    wanted = normalize(query)
    if not wanted:
        return []
    candidates = list(ids)
    if wanted in candidates:
        return [wanted]
    bare = wanted.removeprefix(f"{prefix}-")
    if not bare or not bare.isalnum():  # older practice ids are hex (`ps-e481b2fd7a`)
        return []
    return [i for i in candidates if i.removeprefix(f"{prefix}-").startswith(bare)]


def find_by_id(
    query: str,
    by_id: Mapping[str, T],
    prefix: str,
    *,
    plural: str,
    label: Callable[[T], str] | None = None,
) -> T | None:
    """The one id-or-name resolver's id half, for every kind of record.

    The record whose id `query` is, or whose id alone starts with it (with or without the
    kind prefix); None when no id matches, so the caller can try names; a NotFoundError
    listing them when several do.
    """
    hits = matching_ids(query, by_id, prefix)
    if len(hits) == 1:
        return by_id[hits[0]]
    if hits:
        listed = ", ".join(
            f"{h} ({label(by_id[h])})" if label is not None else h for h in sorted(hits)[:8]
        )
        raise NotFoundError(f"'{query}' matches several {plural}: {listed}; type more of the id")
    return None


def looks_like_id(query: str, prefix: str) -> bool:
    """Whether a user seems to have typed an id (rather than a name or title)."""
    bare = normalize(query).removeprefix(f"{prefix}-")
    return normalize(query).startswith(f"{prefix}-") or (
        3 <= len(bare) <= LENGTH + 1 and bare.isalnum() and any(ch.isdigit() for ch in bare)
    )


def closest_ids(query: str, ids: Iterable[str], prefix: str) -> list[str]:
    """Ids a mistyped one was probably meant to be (for a did-you-mean)."""
    bare = normalize(query).removeprefix(f"{prefix}-")
    by_bare = {i.removeprefix(f"{prefix}-"): i for i in ids}
    close = difflib.get_close_matches(bare, list(by_bare), n=2, cutoff=0.5)
    return [by_bare[c] for c in close]


# ---------------------------------------------------------------------------- names

# Words a company's name may carry or leave out ("Fjordline Freight AS" is "Fjordline
# Freight"): legal forms, never what tells two companies apart.
_LEGAL_FORMS = frozenset(
    """inc inc. ltd ltd. llc plc gmbh ag sa sas sarl bv nv as asa ab oy spa srl co corp
    corporation company limited pty kk""".split()
)


def fold_name(name: str) -> str:
    """A name for comparing: lower case, accents off, punctuation as spaces, legal forms
    dropped ("José" -> "jose", "ACME Corp." -> "acme")."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", plain)
    kept = [w for w in words if w not in _LEGAL_FORMS] or words
    return " ".join(kept)


def same_name(typed: str, known: str) -> bool:
    """Whether `typed` names `known`: the same once folded, or its first words
    ("fjordline" for "Fjordline Freight", "jose" for "José García")."""
    a, b = fold_name(typed), fold_name(known)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and long_.startswith(short + " ")


def match_name(typed: str, names: Iterable[str]) -> str | None:
    """The one known name `typed` stands for (see `same_name`; else a close spelling, for
    typos such as "fjordlne"), or None when none or several fit."""
    known = list(dict.fromkeys(names))
    wanted = fold_name(typed)
    if not wanted:
        return None
    exact = [n for n in known if fold_name(n) == wanted]
    if exact:
        return exact[0]
    found = [n for n in known if same_name(typed, n)]
    if len(found) == 1:
        return found[0]
    if found:
        return None
    from rapidfuzz import fuzz

    scored = sorted(((fuzz.ratio(wanted, fold_name(n)), n) for n in known), reverse=True)
    if scored and scored[0][0] >= 88 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 5):
        return scored[0][1]
    return None
