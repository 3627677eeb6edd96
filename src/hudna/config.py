"""Settings, built only at the composition roots (cli.main, web.app.create_app, bulk)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting of hudna; environment variables use the prefix ``HUDNA_``."""

    model_config = SettingsConfigDict(env_prefix="HUDNA_", extra="ignore")

    database_url: str = Field(
        "sqlite:///hudna.db",
        description="SQLAlchemy URL of the store: a SQLite file (default) or postgresql+psycopg://...",
    )
    gazetteer: str = Field(
        "syria",
        description=(
            "Gazetteer used by geocoding: the bundled 'syria' (OCHA 2015 with the names learned from "
            "UCDP GED 2016), 'syria-ocha-2015' (OCHA alone) or a path to a built gazetteer or layer."
        ),
    )
    extra_lexicon_dirs: tuple[str, ...] = Field(
        (), description="Extra lexicon directories merged over the bundled lexicons."
    )
    languages: tuple[str, ...] = Field(("ar", "en"), description="Languages of news intake.")
    max_upload_bytes: int = Field(20_000_000, description="Largest upload accepted by the web API.")
    sql_time_limit_ms: int = Field(5_000, description="Time limit of one SQL query in the web API.")


def normalize_db_url(value: str) -> str:
    """Accept a bare file path for ``--db`` and turn it into a SQLite URL.

    Examples
    --------
    >>> normalize_db_url("demo.db")
    'sqlite:///demo.db'
    >>> normalize_db_url("postgresql://postgres@127.0.0.1/test")
    'postgresql+psycopg://postgres@127.0.0.1/test'
    """
    if "://" not in value:
        return f"sqlite:///{value}"
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value
