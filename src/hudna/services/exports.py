"""Exports: events (with verdicts for one regime) as ACLED/UCDP/HXL CSV or GeoJSON; regime zones."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from hudna.errors import DataError, RegimeNotFound
from hudna.publish import exports as ex
from hudna.services.context import default_actors, default_areas
from hudna.services.ports import EventFilter, Store


def zone_area_geometry(pcode: str) -> BaseGeometry | None:
    """Geometry of an area P-code for drawing zones.

    Governorates and districts have OCHA polygons; sub-districts have none in the 2015 edition,
    so they are drawn as the convex hull of their communities, and a community as its point.
    """
    areas = default_areas()
    geom = areas.geometry(pcode)
    if geom is not None:
        return geom
    points = [
        Point(c.lon, c.lat) for c in areas.communities if c.admin3_pcode == pcode or c.pcode == pcode
    ]
    if not points:
        return None
    return MultiPoint(points).convex_hull


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
            return ex.write_zones_geojson(regimes, out, pcode_geometries=zone_area_geometry)
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
        return ex.write_acled_csv(events, out, actors=default_actors(), verdicts=verdicts)
    if fmt == "ucdp":
        return ex.write_ucdp_csv(events, out)
    if fmt == "hxl":
        return ex.write_hxl_csv(events, out, verdicts=verdicts)
    return ex.write_events_geojson(events, out, verdicts=verdicts)
