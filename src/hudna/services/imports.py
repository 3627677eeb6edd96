"""Structured imports (UCDP GED, ACLED, generic CSV/JSONL/GeoJSON): idempotent, atomic per file."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import Event
from hudna.domain.place import LEVEL_RANK, Level
from hudna.errors import DataError, ImportRowError
from hudna.geo.admin import AdminAreas
from hudna.ingest.readers.common import RowResult
from hudna.services.context import default_actors, default_areas
from hudna.services.ports import Store

log = logging.getLogger(__name__)

OnInvalid = Literal["raise", "skip", "quarantine"]
ImportKind = Literal["ucdp", "acled", "events"]
# A community-level point this close to an OCHA community is taken to be that community.
NEAR_COMMUNITY_M = 2_000.0


@dataclass
class ImportResult:
    kind: str
    path: str
    rows: int = 0
    added: int = 0
    already_stored: int = 0
    invalid: list[str] = field(default_factory=list)
    pcodes_filled: int = 0
    file_seen_before: bool = False
    repaired: int = 0  # rows kept with a data-quality note (e.g. UCDP counts widened)


def _reader(kind: str) -> Callable[..., Iterator[RowResult]]:
    if kind == "ucdp":
        from hudna.ingest.readers.ucdp import iter_ucdp_events

        return iter_ucdp_events
    if kind == "acled":
        from hudna.ingest.readers.acled import iter_acled_events

        return iter_acled_events
    if kind == "events":
        from hudna.ingest.readers.generic import iter_generic_events

        return iter_generic_events
    raise DataError(f"unknown import kind {kind!r} (ucdp, acled, events)")


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def import_events(
    store: Store,
    kind: str,
    path: str | Path,
    *,
    on_invalid: OnInvalid = "raise",
    actors: ActorRegistry | None = None,
    areas: AdminAreas | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import one file of events in one transaction.

    With ``on_invalid="raise"`` (the default) the first bad row aborts the import and nothing
    is stored; ``skip`` stores the good rows and reports the bad ones; ``quarantine`` also keeps
    the bad rows' errors in the store. Events already stored (same id) are left as they are, so
    importing the same file twice adds nothing.
    """
    p = Path(path)
    if not p.is_file():
        raise DataError("file not found", path=str(p))
    if on_invalid not in ("raise", "skip", "quarantine"):
        raise DataError(f"unknown policy {on_invalid!r} (raise, skip, quarantine)", field="--on-invalid")
    reader = _reader(kind)
    actors = actors or default_actors()
    result = ImportResult(kind=kind, path=str(p))
    events: list[Event] = []
    errors: list[tuple[int, DataError]] = []
    for row in reader(p, actors=actors):
        result.rows += 1
        if progress is not None:
            progress(1)
        if row.event is not None:
            events.append(row.event)
            continue
        assert row.error is not None
        if on_invalid == "raise":
            raise row.error
        errors.append((row.line, row.error))
    result.invalid = [str(e) for _, e in errors]
    result.repaired = sum(1 for e in events if e.notes and e.notes.startswith("hudna: "))
    events, result.pcodes_filled = fill_pcodes(events, areas or default_areas())
    digest = file_sha256(p)
    with store.unit_of_work() as uow:
        result.file_seen_before = uow.import_seen(kind, digest)
        result.added = uow.add_events(events)
        result.already_stored = len(events) - result.added
        import_id = uow.record_import(kind, str(p), digest, result.rows, result.added, len(errors))
        if on_invalid == "quarantine":
            for line, err in errors:
                uow.quarantine(import_id, line, str(err), "")
    log.info("import kind=%s path=%s rows=%d added=%d invalid=%d", kind, p, result.rows, result.added, len(errors))
    return result


def fill_pcodes(events: Sequence[Event], areas: AdminAreas) -> tuple[list[Event], int]:
    """Fill missing P-codes of events that have coordinates, down to the events' precision.

    An event known to the governorate (its point is the governorate's centroid) gets only the
    admin1 P-code; one known to the district gets admin1 and admin2; a community-level event
    also gets its sub-district and nearest community.
    """
    todo = [
        i
        for i, e in enumerate(events)
        if e.place.lon is not None and e.place.lat is not None and not e.place.admin1_pcode
    ]
    out = list(events)
    if not todo:
        return out, 0
    lons = np.array([events[i].place.lon for i in todo], dtype=float)
    lats = np.array([events[i].place.lat for i in todo], dtype=float)
    located = areas.locate_many(lons, lats)
    filled = 0
    for k, i in enumerate(todo):
        e = events[i]
        rank = LEVEL_RANK[e.place.level]
        a1 = located.admin1_pcode[k]
        if a1 is None:
            continue  # outside the gazetteer's country: leave it for the analyst
        update: dict[str, object] = {"admin1_pcode": a1}
        update["admin1"] = e.place.admin1 or areas.name(a1, "en")
        if rank >= LEVEL_RANK[Level.DISTRICT] and located.admin2_pcode[k] is not None:
            a2 = located.admin2_pcode[k]
            update["admin2_pcode"] = a2
            update["admin2"] = e.place.admin2 or areas.name(a2, "en")
        if rank >= LEVEL_RANK[Level.COMMUNITY]:
            if located.admin3_pcode[k] is not None:
                update["admin3_pcode"] = located.admin3_pcode[k]
                update["admin3"] = e.place.admin3 or areas.name(located.admin3_pcode[k], "en")
            dist = located.distance_m[k]
            near = located.community_pcode[k] is not None and not np.isnan(dist) and dist <= NEAR_COMMUNITY_M
            if near and not e.place.location_pcode:
                update["location_pcode"] = located.community_pcode[k]
        out[i] = dataclasses.replace(e, place=dataclasses.replace(e.place, **update))  # type: ignore[arg-type]
        filled += 1
    return out, filled


__all__ = ["ImportResult", "ImportRowError", "OnInvalid", "fill_pcodes", "import_events"]
