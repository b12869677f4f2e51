"""`prep practice`, `prep history` and `prep stats`."""
