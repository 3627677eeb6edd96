"""Shared fixtures: real SQLite files per test, PostgreSQL behind the ``postgres`` marker."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hudna.storage import SqlStore, open_store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE_REGIMES = ROOT / "examples" / "syria-2016" / "regimes.yaml"
PG_URL = os.environ.get("HUDNA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_available() -> str | None:
    try:
        import psycopg
    except ModuleNotFoundError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(PG_URL.replace("postgresql+psycopg", "postgresql"), connect_timeout=3):
            return None
    except Exception as exc:  # any connection failure means: skip cleanly
        return f"no PostgreSQL at {PG_URL}: {exc.__class__.__name__}"


_PG_SKIP: str | None | bool = False


def pg_skip_reason() -> str | None:
    global _PG_SKIP
    if _PG_SKIP is False:
        _PG_SKIP = _pg_available()
    return _PG_SKIP  # type: ignore[return-value]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqlStore]:
    store = open_store(f"sqlite:///{tmp_path / 'hudna.db'}")
    yield store
    store.close()


@pytest.fixture
def pg_store() -> Iterator[SqlStore]:
    reason = pg_skip_reason()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"hudna_test_{uuid.uuid4().hex[:12]}"
    raw = PG_URL.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    store = open_store(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    try:
        yield store
    finally:
        store.close()
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> SqlStore:
    name = "sqlite_store" if request.param == "sqlite" else "pg_store"
    s: SqlStore = request.getfixturevalue(name)
    return s


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once by the demo (bundled regimes + UCDP 2016, all assessed). Read-only."""
    from hudna.services.demo import run_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    run_demo(store)
    store.close()
    return path


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may change."""
    import shutil

    target = tmp_path / "demo.db"
    shutil.copy(demo_db, target)
    return target
