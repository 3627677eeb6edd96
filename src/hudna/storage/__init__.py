"""Storage: the Store implementation on SQLAlchemy (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from hudna.errors import StorageError
from hudna.storage.migrate import upgrade
from hudna.storage.sql import SqlStore, configure_sqlite

__all__ = ["SqlStore", "open_store"]


def open_store(url: str, *, migrate: bool = True) -> SqlStore:
    """Open (and by default migrate) the store at ``url``.

    ``sqlite:///path.db`` is a file in WAL mode; ``postgresql+psycopg://...`` a server.
    """
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            configure_sqlite(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        if migrate:
            with engine.begin() as conn:
                upgrade(conn)
    except ModuleNotFoundError as exc:
        raise StorageError(
            f"cannot open {url.split('://')[0]} store: missing driver ({exc.name}); "
            "install hudna[postgres] for PostgreSQL"
        ) from exc
    except OperationalError as exc:
        raise StorageError(f"cannot open store {_safe(url)}: {exc.orig}") from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot open store {_safe(url)}: {exc}") from exc
    return SqlStore(engine, url)


def _safe(url: str) -> str:
    """The URL without its password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
