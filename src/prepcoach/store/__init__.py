"""The only code that writes in the user's home directory."""
