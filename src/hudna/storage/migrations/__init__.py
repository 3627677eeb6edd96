"""Alembic migrations of the hudna store."""
