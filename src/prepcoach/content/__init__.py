"""Content: question banks, STAR templates, formats and templates, loaded from YAML packs."""
