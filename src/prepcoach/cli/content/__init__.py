"""`prep content` and `prep questions`: check, browse and add content."""
