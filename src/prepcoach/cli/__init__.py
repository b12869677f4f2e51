"""The `prep` command line: thin commands that call the core and render with rich."""
