"""SQL for the user's profile: one row, id 'me'."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from prepcoach.kernel import clock
from prepcoach.profile.core import Profile, check
from prepcoach.store.db import Store, to_json

if TYPE_CHECKING:
    from prepcoach.content.model import Locale


def get_profile(store: Store) -> Profile:
    row = store.conn.execute("SELECT * FROM profile WHERE id = 'me'").fetchone()
    if row is None:
        return Profile()
    return Profile(
        name=row["name"],
        email=row["email"],
        phone=row["phone"],
        links=tuple(json.loads(row["links"])),
        signature=row["signature"],
        target_role=row["target_role"],
        locale=row["locale"],
        current_pay=row["current_pay"],
        updated_at=row["updated_at"],
    )


def save_profile(store: Store, profile: Profile) -> Profile:
    """Validate and save the whole profile."""
    profile = check(profile)
    stamp = clock.now_iso()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO profile (id, name, email, phone, links, signature, target_role, "
            "locale, current_pay, updated_at) VALUES ('me', ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, "
            "phone = excluded.phone, links = excluded.links, signature = excluded.signature, "
            "target_role = excluded.target_role, locale = excluded.locale, "
            "current_pay = excluded.current_pay, updated_at = excluded.updated_at",
            (
                profile.name,
                profile.email,
                profile.phone,
                to_json(list(profile.links)),
                profile.signature,
                profile.target_role,
                profile.locale,
                profile.current_pay,
                stamp,
            ),
        )
    return replace(profile, updated_at=stamp)


def get_locale(store: Store, locales: Mapping[str, Locale]) -> Locale | None:
    """The locale the profile names, if it is (still) in the content."""
    return locales.get(get_profile(store).locale)
