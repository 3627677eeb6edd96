"""Running the Alembic migrations of the store programmatically."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("hudna.storage").joinpath("migrations")))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` inside the caller's transaction."""
    command.upgrade(alembic_config(connection), revision)
