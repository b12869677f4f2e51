"""Text that is safe to show on a terminal: no control characters, no escape sequences, no
bidirectional overrides.

Content packs and what people type end up on the screen. A control character there can clear
the screen, move the cursor, rename the window or write to the clipboard (OSC 52), so content
with one is refused when it is loaded, and every piece of text is cleaned before it is shown.
A bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) makes the
terminal show the characters after it in another order than they are stored, so a name or an
answer could pass for something it is not; shown text has them replaced too. Right-to-left
writing itself needs none of them and is shown as it is, as are the direction marks
(U+200E, U+200F). Line breaks and tabs are kept.
"""

from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL, and the C1 controls (U+0080-U+009F, CSI among them).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# An escape sequence: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), or ESC and one char.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"
    r"|\x1b.?",
    re.DOTALL,
)
REPLACEMENT = "\ufffd"
# Bidirectional embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI,
# FSI, PDI).
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def first_control(text: str) -> str | None:
    """The first control character in `text` (tab and line feed allowed), or None."""
    match = CONTROL.search(text)
    return match.group() if match else None


def first_bidi(text: str) -> str | None:
    """The first bidirectional embedding, override or isolate in `text`, or None."""
    match = BIDI.search(text)
    return match.group() if match else None


def visible(text: str) -> str:
    """`text` with its control and bidirectional characters written as `<U+202E>`, for a
    message that names what was refused."""
    return _UNSAFE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def clean(text: str) -> str:
    """`text` with escape sequences removed, and other control characters and bidirectional
    controls replaced by U+FFFD.

    A carriage return becomes a line break (Windows line ends), so lines cannot be overwritten.
    """
    if not _UNSAFE.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SEQUENCE.sub(REPLACEMENT, text)
    return _UNSAFE.sub(REPLACEMENT, text)


def shorten(text: str, limit: int = 300) -> str:
    """At most `limit` characters: an error message never echoes a whole input back."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text):,} characters)"
