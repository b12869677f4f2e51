"""SQL for the user's profile: one row, id 'me'."""

from __future__ import annotations

import json
from dataclasses import replace

from prepcoach.kernel import clock
from prepcoach.profile.core import Profile, check
from prepcoach.store.db import Store, to_json


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
        updated_at=row["updated_at"],
    )


def save_profile(store: Store, profile: Profile) -> Profile:
    """Validate and save the whole profile."""
    profile = check(profile)
    stamp = clock.now_iso()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO profile (id, name, email, phone, links, signature, target_role, "
            "updated_at) VALUES ('me', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "name = excluded.name, email = excluded.email, phone = excluded.phone, "
            "links = excluded.links, signature = excluded.signature, "
            "target_role = excluded.target_role, updated_at = excluded.updated_at",
            (
                profile.name,
                profile.email,
                profile.phone,
                to_json(list(profile.links)),
                profile.signature,
                profile.target_role,
                stamp,
            ),
        )
    return replace(profile, updated_at=stamp)
