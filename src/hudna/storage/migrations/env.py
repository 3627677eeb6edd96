"""Alembic environment: runs on the connection handed over by ``hudna.storage.open_store``."""

from __future__ import annotations

from alembic import context

from hudna.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - hudna always passes a connection
    raise RuntimeError("hudna migrations run through hudna.storage.open_store")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
