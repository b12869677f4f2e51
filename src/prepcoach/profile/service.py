"""The use cases of `prep profile`, without a terminal: read it, change some fields, or go
through every field (the questions `edit` asks, with their checks, and the save)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from prepcoach.content.locales import find_locale
from prepcoach.content.roles import role_for_title
from prepcoach.kernel import textcheck
from prepcoach.kernel.errors import PrepError
from prepcoach.profile.core import Profile
from prepcoach.profile.store import get_locale, get_profile, save_profile

if TYPE_CHECKING:
    from prepcoach.content.library import ContentLibrary
    from prepcoach.content.model import Locale
    from prepcoach.store.db import Store


def current(store: Store) -> Profile:
    return get_profile(store)


def locale(store: Store, library: ContentLibrary) -> Locale | None:
    """The locale the profile names (local salary conventions and spelling), if any."""
    return get_locale(store, library.locales)


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    """What `prep profile set` changes; None leaves a field as it is."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    links: tuple[str, ...] | None = None  # added to the saved ones
    clear_links: bool = False
    signature: str | None = None
    role: str | None = None  # a job title or role pack; '' clears it
    locale: str | None = None  # a locale id, tag or country ("en-GB", "India"); '' clears it
    current_pay: str | None = None  # as the user would say it; '' clears it

    def is_empty(self) -> bool:
        return self == ProfileChanges()


def change(store: Store, library: ContentLibrary | None, changes: ProfileChanges) -> Profile:
    """Apply the changes to the saved profile and save it (`library`: needed for a role)."""
    if changes.is_empty():
        raise PrepError(
            "nothing to change; give --name, --email, --phone, --link, --signature, --role, "
            "--locale or --current-pay"
        )
    target_role = None
    if changes.role is not None:
        assert library is not None, "a role is looked up in the content library"
        target_role = role_for_title(changes.role, library.roles) if changes.role.strip() else ""
    locale = None
    if changes.locale is not None:
        assert library is not None, "a locale is looked up in the content library"
        locale = find_locale(changes.locale, library.locales).id if changes.locale.strip() else ""
    saved = get_profile(store)
    links = () if changes.clear_links else saved.links
    updated = replace(
        saved,
        name=saved.name if changes.name is None else changes.name,
        email=saved.email if changes.email is None else changes.email,
        phone=saved.phone if changes.phone is None else changes.phone,
        links=tuple(dict.fromkeys([*links, *(changes.links or ())])),
        signature=saved.signature if changes.signature is None else changes.signature,
        target_role=saved.target_role if target_role is None else target_role,
        locale=saved.locale if locale is None else locale,
        current_pay=saved.current_pay if changes.current_pay is None else changes.current_pay,
    )
    return save_profile(store, updated)


@dataclass(frozen=True, slots=True)
class Field:
    """One question of `prep profile edit`: its prompt name, wording, current value, check."""

    key: str
    message: str
    default: str
    validate: Callable[[str], str | None] | None = None
    multiline: bool = False


def fields(profile: Profile) -> list[Field]:
    """What `prep profile edit` asks, in order, each with the saved value as its default."""
    return [
        Field(
            "profile.name",
            "Your name:",
            profile.name,
            lambda v: textcheck.problem("your name", v),
        ),
        Field(
            "profile.email", "Email:", profile.email, lambda v: textcheck.email_problem(v.strip())
        ),
        Field("profile.phone", "Phone (optional):", profile.phone),
        Field(
            "profile.links",
            "Links, separated by spaces (LinkedIn, portfolio; optional):",
            " ".join(profile.links),
        ),
        Field(
            "profile.signature",
            "Email signature (optional; empty uses your name, phone and email):",
            profile.signature,
            multiline=True,
        ),
    ]


def save_answers(store: Store, answers: dict[str, str]) -> Profile:
    """Save the profile from the answers to `fields` (by prompt name); the fields `edit`
    does not ask (role, locale, current pay) stay as they are."""
    return save_profile(
        store,
        replace(
            get_profile(store),
            name=answers["profile.name"],
            email=answers["profile.email"],
            phone=answers["profile.phone"],
            links=tuple(answers["profile.links"].split()),
            signature=answers["profile.signature"],
        ),
    )
