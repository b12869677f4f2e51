"""The user's own details, used by later commands (email signatures, follow-ups)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError

FIELDS = ("name", "email", "phone", "links", "signature")


@dataclass(frozen=True, slots=True)
class Profile:
    name: str = ""
    email: str = ""
    phone: str = ""
    links: tuple[str, ...] = ()
    signature: str = ""
    target_role: str = ""  # a role pack id: what practice prepares for without --role
    locale: str = ""  # a locale id ("en-gb"): local salary conventions and spelling
    # What you earn now, as you would say it ("₹14,00,000 CTC, ₹12,00,000 fixed"), for where
    # interviewers ask for it; private like the salary minimum.
    current_pay: str = ""
    updated_at: str = ""

    def is_empty(self) -> bool:
        return not (
            self.name
            or self.email
            or self.phone
            or self.links
            or self.signature
            or self.target_role
            or self.locale
            or self.current_pay
        )

    def signature_text(self) -> str:
        """The saved signature, or one made from the name, phone, email and first link."""
        if self.signature:
            return self.signature
        lines = [self.name, self.phone, self.email, *self.links[:1]]
        return "\n".join(line for line in lines if line)


def normalized(profile: Profile) -> Profile:
    return replace(
        profile,
        name=textcheck.clean(profile.name, multiline=False),
        email=profile.email.strip(),
        phone=textcheck.clean(profile.phone, multiline=False),
        links=tuple(link.strip() for link in profile.links if link.strip()),
        signature=textcheck.clean(profile.signature),
        current_pay=textcheck.clean(profile.current_pay, multiline=False),
    )


def problems(profile: Profile) -> list[str]:
    found = [
        textcheck.problem("your name", profile.name),
        textcheck.email_problem(profile.email),
        textcheck.problem("your phone number", profile.phone, max_chars=40),
        textcheck.problem("your signature", profile.signature, max_chars=2_000),
        textcheck.problem("your current pay", profile.current_pay, max_chars=200),
    ]
    if profile.phone and not any(ch.isdigit() for ch in profile.phone):
        found.append(f"'{profile.phone}' does not look like a phone number (no digits)")
    for link in profile.links:
        found.append(textcheck.problem("a link", link, max_chars=2_000))
        if " " in link:
            found.append(f"the link '{link}' contains spaces")
    return [p for p in found if p]


def check(profile: Profile) -> Profile:
    profile = normalized(profile)
    found = problems(profile)
    if found:
        raise PrepError("; ".join(found))
    return profile
