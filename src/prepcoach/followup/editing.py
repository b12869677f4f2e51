"""The follow-up drafts as one text to change in an editor, and reading it back.

Each note follows its mark line (`# ---- note 1 of 2: to Tom Lee ----`), then its
`Subject:` line, a blank line and the body; lines starting with '#' are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence

from prepcoach.followup.core import Draft, with_text
from prepcoach.kernel.wording import counted

NOTE_MARK = "# ---- note "


def edit_text(drafts: Sequence[Draft]) -> str:
    """The drafts as one text to edit: a header, then each note after its mark line."""
    lines = [
        "# Edit the email, then save and close the editor. Lines starting with '#' are",
        "# ignored. Keep the 'Subject:' line, then a blank line, then the body.",
        "# Empty the file to cancel.",
    ]
    parts = ["\n".join(lines) + "\n"]
    for number, draft in enumerate(drafts, 1):
        parts.append(
            f"{NOTE_MARK}{number} of {len(drafts)}: to {draft.recipient.label()} ----\n"
            f"Subject: {draft.subject}\n\n{draft.body}\n\n"
        )
    return "".join(parts)


def parse_edit(text: str, drafts: Sequence[Draft]) -> tuple[list[Draft] | None, list[str]]:
    """The drafts with the edited subjects and bodies, or None and what is wrong."""
    sections: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith(NOTE_MARK):
            sections.append([])
        elif line.startswith("#"):
            continue
        elif sections:
            sections[-1].append(line)
    if len(sections) != len(drafts):
        return None, [
            f"the file should hold {counted(len(drafts), 'note')}, each after its "
            f"'{NOTE_MARK.strip()} "
            "N of M' line; keep those lines"
        ]
    edited = []
    for number, (lines, draft) in enumerate(zip(sections, drafts, strict=True), 1):
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines or not lines[0].lower().startswith("subject:"):
            return None, [f"note {number}: the first line should be 'Subject: ...'"]
        subject = lines[0].split(":", 1)[1].strip()
        edited.append(with_text(draft, subject, "\n".join(lines[1:])))
    return edited, []
