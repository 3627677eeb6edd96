"""Source registry use cases: list, add, edit (issue #5).

The bundled registry (``hudna/data/sources.yaml``) is the default; sources added or edited by
users are stored in the database and laid over it.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from hudna.domain.report import Source
from hudna.errors import Conflict, DataError, NotFound, ValidationError
from hudna.ingest.sources import SourceCatalog, load_source_catalog
from hudna.services.ports import Store

__all__ = ["add_source", "edit_source", "list_sources", "source_catalog"]

log = logging.getLogger(__name__)


def source_catalog(store: Store) -> SourceCatalog:
    """The bundled registry with the database's sources laid over it."""
    with store.unit_of_work() as uow:
        stored = {s.id: s for s in uow.list_sources()}
    return load_source_catalog().with_sources(stored)


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source as a row: id, name, kind, scale, affiliation, languages, aliases, origin."""
    with store.unit_of_work() as uow:
        stored = {s.id for s in uow.list_sources()}
    cat = source_catalog(store)
    return [
        {
            "id": s.id, "name": s.name, "kind": s.kind, "scale": s.scale,
            "affiliation": s.affiliation, "languages": list(s.languages),
            "aliases": list(s.aliases), "origin": "database" if s.id in stored else "bundled",
        }
        for s in sorted(cat.sources.values(), key=lambda s: s.id)
    ]


def _validated(**kw: Any) -> Source:
    try:
        return Source(**kw)
    except ValidationError as exc:
        raise DataError(str(exc), field=f"--{exc.field}" if exc.field else None) from exc


def add_source(
    store: Store,
    source_id: str,
    *,
    name: str,
    kind: str = "other",
    scale: str = "other",
    affiliation: str = "unknown",
    languages: tuple[str, ...] = (),
    aliases: tuple[str, ...] = (),
) -> Source:
    """Register a new source; refuse an id that exists (use :func:`edit_source`)."""
    if not source_id or not all(c.isalnum() or c in "-_." for c in source_id):
        raise DataError(f"invalid source id {source_id!r} (letters, digits, - _ .)", field="ID")
    if source_id in source_catalog(store).sources:
        raise Conflict(f"source {source_id!r} exists; use 'hudna sources edit'")
    src = _validated(
        id=source_id, name=name, kind=kind, scale=scale, affiliation=affiliation,
        languages=languages, aliases=aliases,
    )
    with store.unit_of_work() as uow:
        uow.put_source(src)
    log.info("source_id=%s added", source_id)
    return src


def edit_source(store: Store, source_id: str, **changes: Any) -> Source:
    """Change fields of a source (bundled or added); ``None`` values are left as they are.

    ``add_aliases`` appends aliases instead of replacing them.
    """
    current = source_catalog(store).sources.get(source_id)
    if current is None:
        raise NotFound(f"no source {source_id!r}")
    extra = tuple(changes.pop("add_aliases", None) or ())
    values = {k: v for k, v in changes.items() if v is not None}
    unknown = set(values) - {"name", "kind", "scale", "affiliation", "languages", "aliases"}
    if unknown:
        raise DataError(f"cannot edit {sorted(unknown)}")
    if extra:
        values["aliases"] = tuple(values.get("aliases", current.aliases)) + extra
    src = _validated(**(dataclasses.asdict(current) | values))
    with store.unit_of_work() as uow:
        uow.put_source(src)
    log.info("source_id=%s edited", source_id)
    return src
