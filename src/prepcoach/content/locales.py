"""A user's locale from what they type ("en-GB", "UK", "Germany", "India"), and the spelling
of built-in text that differs between locales (a CV in most of the world, a resume in North
America).

The rules themselves are content (`locales:` in a pack, see `content/core/locales.yaml`):
what the document is called, how pay is stated and asked about, public-sector bands and
pay-transparency rules. The salary side of them is read in `prepcoach.kit.salary`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from prepcoach.content.model import Checklist, Locale
from prepcoach.content.roles import fold
from prepcoach.kernel.errors import PrepError

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text).replace("_", "-")).split())


def tag(locale: Locale) -> str:
    """The id as a language tag is written: "en-gb" -> "en-GB"."""
    language, _sep, country = locale.id.partition("-")
    return f"{language}-{country.upper()}" if country else language


def find_locale(text: str, locales: Mapping[str, Locale]) -> Locale:
    """The locale named by its id ("en-GB", "en_gb"), its country code ("GB", "DE") or a
    country name or alias ("United Kingdom", "Deutschland"), or a clear error."""
    wanted = _key(text)
    if not wanted:
        raise PrepError("give a locale, e.g. en-GB, en-US, de-DE or a country such as India")
    for locale in locales.values():
        names = [locale.id, locale.name, *locale.aliases, locale.id.split("-")[-1]]
        if wanted in {_key(n) for n in names}:
            return locale
    from prepcoach.content.validation import suggest

    known = sorted(locales)
    shown = ", ".join(f"{tag(locales[lid])} ({locales[lid].name})" for lid in known)
    raise PrepError(f"no locale '{text.strip()}'{suggest(wanted, known)}; known: {shown}")


# The document's names, and the forms they take. "resume" alone is also a verb ("resume the
# session"), so it is only read as the document after a determiner ("your resume", "a
# printed resume") or before a word that makes it one ("resume gaps"); "résumé" always is.
_RESUME: Final = re.compile(
    r"(?i)(?P<lead>\b(?:your|my|the|a|their|his|her|our|this|that|each|every|on|of)"
    r" (?:(?:updated|printed|current|own) )?)r[eé]sum[eé](?P<plural>s)?\b"
    r"|(?P<lead2>)\br[eé]sum[eé](?P<plural2>s)?(?= (?:gaps?|writing|template|screen\w*)\b)"
    r"|(?P<lead3>)\brésumé(?P<plural3>s)?\b"
)
_ACCENTED: Final = re.compile(r"\brésumé(?P<plural>s)?\b")
_CV: Final = re.compile(r"\bCV(?P<plural>s)?\b")


def spell(text: str, locale: Locale | None) -> str:
    """The built-in `text` with the locale's word for the document ("CV" or "resume");
    unchanged without a locale."""
    if locale is None or not text:
        return text
    word = locale.cv_word
    if word.casefold() == "cv":
        if "sum" not in text.casefold():
            return text  # no "resume" or "résumé" in it: most texts

        def to_cv(found: re.Match[str]) -> str:
            lead = found["lead"] or found["lead2"] or found["lead3"] or ""
            plural = found["plural"] or found["plural2"] or found["plural3"]
            return lead + "CV" + ("s" if plural else "")

        return _RESUME.sub(to_cv, text)

    if "CV" not in text and "résumé" not in text:
        return text
    text = _ACCENTED.sub(lambda m: word + ("s" if m["plural"] else ""), text)

    def to_word(found: re.Match[str]) -> str:
        before = text[: found.start()].rstrip()
        out = (
            word[0].upper() + word[1:]
            if not before or before.endswith((".", "!", "?", ":"))
            else word
        )
        return out + ("s" if found["plural"] else "")

    return _CV.sub(to_word, text)


def spelled(checklist: Checklist, respell: Callable[[str], str]) -> Checklist:
    """A checklist with every text passed through `respell` (see `spell`)."""
    items = tuple(
        replace(item, text=respell(item.text), detail=respell(item.detail))
        for item in checklist.items
    )
    return replace(checklist, items=items, description=respell(checklist.description))


def localized(library: ContentLibrary, locale: Locale | None) -> ContentLibrary:
    """The library with the text of its questions, questions to ask and checklists in the
    locale's words (see `spell`); the library itself without a locale, or when nothing in it
    differs. Ids, and everything else, stay as they are."""
    if locale is None:
        return library

    def respell(text: str) -> str:
        return spell(text, locale)

    questions = {}
    for qid, q in library.questions.items():
        look_fors = tuple(
            replace(lf, label=respell(lf.label), cues=tuple(respell(c) for c in lf.cues))
            for lf in q.look_fors
        )
        questions[qid] = replace(
            q,
            text=respell(q.text),
            assesses=respell(q.assesses),
            tips=tuple(respell(t) for t in q.tips),
            look_fors=look_fors,
            probes=tuple(respell(p) for p in q.probes),
        )
    asks = {
        aid: replace(a, text=respell(a.text), demonstrates=respell(a.demonstrates))
        for aid, a in library.ask_questions.items()
    }
    checklists = {cid: spelled(c, respell) for cid, c in library.checklists.items()}
    if (questions, asks, checklists) == (
        library.questions,
        library.ask_questions,
        library.checklists,
    ):
        return library
    return replace(library, questions=questions, ask_questions=asks, checklists=checklists)
