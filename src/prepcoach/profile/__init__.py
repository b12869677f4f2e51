"""The user's own details (name, email, signature) and their store."""
