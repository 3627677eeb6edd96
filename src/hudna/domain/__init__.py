"""Pure value types and rules of the domain (no I/O)."""
