"""Drafts: what was typed and is not saved yet (see `service`)."""
