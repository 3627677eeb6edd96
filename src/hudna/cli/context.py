"""Shared state of one CLI invocation: settings and a lazily opened store."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

import typer
from rich.console import Console

from hudna.config import Settings, normalize_db_url


@dataclass
class CliContext:
    settings: Settings
    console: Console = field(default_factory=lambda: _make_console())
    _store: Any = None

    @property
    def store(self) -> Any:
        """The store for ``--db`` (opened and migrated on first use)."""
        if self._store is None:
            from hudna.storage import open_store

            self._store = open_store(self.settings.database_url)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _make_console() -> Console:
    # Piped output (CI logs, files) gets a width that fits regime ids instead of 80 columns.
    return Console() if sys.stdout.isatty() else Console(width=140)


def get_ctx(ctx: typer.Context) -> CliContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliContext):  # pragma: no cover - set by the root callback
        raise RuntimeError("CLI context missing")
    return obj


def build_settings(db: str | None) -> Settings:
    settings = Settings()
    if db:
        settings = settings.model_copy(update={"database_url": normalize_db_url(db)})
    else:
        settings = settings.model_copy(
            update={"database_url": normalize_db_url(settings.database_url)}
        )
    return settings
