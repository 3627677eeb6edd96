"""Exports: events (with verdicts for one regime) as ACLED/UCDP/HXL CSV or GeoJSON; regime zones."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from hudna.errors import DataError, RegimeNotFound
from hudna.publish import exports as ex
from hudna.services.context import default_actors, default_areas
from hudna.services.ports import EventFilter, Store

ExportFormat = Literal["acled", "ucdp", "hxl", "geojson", "zones"]
FORMATS = ("acled", "ucdp", "hxl", "geojson", "zones")


def export(
    store: Store,
    fmt: str,
    out: str | Path,
    *,
    regime_id: str | None = None,
    flt: EventFilter | None = None,
) -> int:
    """Write an export file; return the number of records written.

    ``regime_id`` adds each event's verdict and grade for that regime (tags in ACLED, the
    ``#status+verdict`` and ``#meta+grading`` columns in HXL, properties in GeoJSON). ``zones``
    writes the regime zones (all regimes, or the one given) as GeoJSON.
    """
    if fmt not in FORMATS:
        raise DataError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})")
    with store.unit_of_work() as uow:
        if fmt == "zones":
            regimes = uow.list_regimes()
            if regime_id:
                regimes = [r for r in regimes if r.id == regime_id]
                if not regimes:
                    raise RegimeNotFound(f"no regime {regime_id!r}")
            return ex.write_zones_geojson(regimes, out, pcode_geometries=default_areas().geometry)
        verdicts = None
        if regime_id:
            if uow.get_regime(regime_id) is None:
                raise RegimeNotFound(f"no regime {regime_id!r}")
            verdicts = {
                s.assessment.event_id: s.assessment
                for s in uow.iter_assessments(EventFilter(regime_id=regime_id))
            }
        events = list(uow.iter_events(flt))
    if fmt == "acled":
        return ex.write_acled_csv(events, out, actors=default_actors(), verdicts=verdicts)  # type: ignore[arg-type]
    if fmt == "ucdp":
        return ex.write_ucdp_csv(events, out)
    if fmt == "hxl":
        return ex.write_hxl_csv(events, out, verdicts=verdicts)  # type: ignore[arg-type]
    return ex.write_events_geojson(events, out, verdicts=verdicts)  # type: ignore[arg-type]
