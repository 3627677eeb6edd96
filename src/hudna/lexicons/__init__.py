"""Data package: YAML lexicons per language (no code)."""
