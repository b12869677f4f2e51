"""Record ids: short, random, typeable and stable across machines.

An id is a kind prefix and six characters from an alphabet without look-alikes
(`iv-3k9x2m`, `st-q7hd4a`): random, so records made on two machines never need renumbering
when one merges an export into the other, and short enough to type. Users may type any
unique prefix of the random part, with or without the kind prefix (`3k9`, `iv-3k9`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

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
    if not bare or any(ch not in ALPHABET for ch in bare):
        return []
    return [i for i in candidates if i.removeprefix(f"{prefix}-").startswith(bare)]


def looks_like_id(query: str, prefix: str) -> bool:
    """Whether a user seems to have typed an id (rather than a name or title)."""
    bare = normalize(query).removeprefix(f"{prefix}-")
    return normalize(query).startswith(f"{prefix}-") or (
        3 <= len(bare) <= LENGTH + 1 and bare.isalnum() and any(ch.isdigit() for ch in bare)
    )


def closest_ids(query: str, ids: Iterable[str], prefix: str) -> list[str]:
    """Ids a mistyped one was probably meant to be (for a did-you-mean)."""
    import difflib

    bare = normalize(query).removeprefix(f"{prefix}-")
    by_bare = {i.removeprefix(f"{prefix}-"): i for i in ids}
    close = difflib.get_close_matches(bare, list(by_bare), n=2, cutoff=0.5)
    return [by_bare[c] for c in close]
