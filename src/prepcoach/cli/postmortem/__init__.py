"""`prep postmortem`: record, edit, show and list post-mortems."""
