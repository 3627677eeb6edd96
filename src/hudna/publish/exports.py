"""Data exports of events: ACLED-shaped CSV, UCDP-shaped CSV, HXL CSV, GeoJSON (anchors.md §11.6).

Functions take values (events, optional verdict summaries for one regime, regimes) and a text
stream or a path; they never touch the store. Each returns the number of rows or features
written. Formats and caveats are documented in docs/event-formats.md ("Exports").
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol, TextIO

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import Event
from hudna.domain.regime import Regime
from hudna.errors import DataError

log = logging.getLogger(__name__)

# The 31 columns of ACLED's export, in ACLED's order (anchors.md §1).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# The 49 columns of UCDP GED, in GED order (anchors.md §2).
UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
# HXL export: (header, hashtag) per column (anchors.md §11.6; the last three are hudna's).
HXL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "#event+id"),
    ("date_start", "#date+start"),
    ("date_end", "#date+end"),
    ("event_type", "#event+type"),
    ("sub_event_type", "#event+type+sub"),
    ("actor1", "#group+name+first"),
    ("actor2", "#group+name+second"),
    ("country_iso3", "#country+code"),
    ("admin1", "#adm1+name"),
    ("admin1_pcode", "#adm1+code"),
    ("admin2", "#adm2+name"),
    ("admin2_pcode", "#adm2+code"),
    ("location", "#loc+name"),
    ("location_pcode", "#loc+code"),
    ("latitude", "#geo+lat"),
    ("longitude", "#geo+lon"),
    ("fatalities_best", "#affected+killed"),
    ("fatalities_low", "#affected+killed+min"),
    ("fatalities_high", "#affected+killed+max"),
    ("injured", "#affected+injured"),
    ("source", "#meta+source"),
    ("description", "#description"),
    ("verdict", "#status+verdict"),
    ("grading", "#meta+grading"),
    ("regime_id", "#meta+regime"),
)
# ISO 3166 alpha-3 -> (country name, ISO numeric, Gleditsch-Ward code, region).
COUNTRY_CODES: dict[str, tuple[str, int, int, str]] = {
    "SYR": ("Syria", 760, 652, "Middle East"),
    "IRQ": ("Iraq", 368, 645, "Middle East"),
    "TUR": ("Turkey", 792, 640, "Middle East"),
    "LBN": ("Lebanon", 422, 660, "Middle East"),
    "JOR": ("Jordan", 400, 663, "Middle East"),
    "ISR": ("Israel", 376, 666, "Middle East"),
}
# Suffixes UCDP writes after Syrian admin names (stripped by the UCDP reader).
UCDP_ADM_SUFFIXES = {"SYR": (" Governorate", " district")}


class VerdictSummary(Protocol):
    """What an export shows of an assessment (``hudna.domain.assessment.Assessment`` fits)."""

    @property
    def regime_id(self) -> str: ...

    @property
    def verdict(self) -> str: ...

    @property
    def grade(self) -> str | None: ...

    @property
    def rule(self) -> str: ...


Verdicts = Mapping[str, VerdictSummary]
"""Verdict summaries for one regime, by event id."""


def priogrid_gid(*, lon: float, lat: float) -> int:
    """PRIO-GRID cell id (0.5 degree cells, numbered from (-180, -90) row by row).

    Examples
    --------
    >>> priogrid_gid(lon=36.707602, lat=34.802462)  # UCDP GED id 214797
    179714
    """
    row = min(int(math.floor((lat + 90.0) / 0.5)), 359)
    col = min(int(math.floor((lon + 180.0) / 0.5)), 719)
    return row * 720 + col + 1


def acled_event_date(event: Event) -> str:
    """ACLED ``event_date``: the day, or the middle of the span for imprecise dates.

    Examples
    --------
    >>> from datetime import date
    >>> from hudna.domain.place import PlaceRef
    >>> from hudna.domain.time import TimeWindow
    >>> from zoneinfo import ZoneInfo
    >>> d1, d2 = date(2016, 4, 1), date(2016, 4, 30)
    >>> ev = Event("e", d1, d2, TimeWindow.for_local_days(d1, d2, ZoneInfo("UTC")), PlaceRef(), date_prec=4)
    >>> acled_event_date(ev)
    '2016-04-15'
    """
    span = (event.date_end - event.date_start).days
    return (event.date_start + timedelta(days=span // 2)).isoformat()


@contextlib.contextmanager
def _text_out(out: TextIO | str | Path) -> Iterator[TextIO]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield out


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _verdict_of(event: Event, verdicts: Verdicts | None) -> VerdictSummary | None:
    return None if verdicts is None else verdicts.get(event.id)


def _inter(actors: ActorRegistry | None, actor_id: str | None) -> int | None:
    if actors is None or actor_id is None:
        return None
    actor = actors.find(actor_id)
    return None if actor is None else actor.acled_inter


def _conservative(event: Event) -> int:
    f = event.fatalities
    for value in (f.low, f.best, f.high):
        if value is not None:
            return value
    return 0


def write_acled_csv(
    events: Iterable[Event],
    out: TextIO | str | Path,
    *,
    actors: ActorRegistry | None = None,
    verdicts: Verdicts | None = None,
) -> int:
    """Write events as an ACLED-shaped CSV (the 31 ACLED columns, in ACLED's order).

    ``inter1``/``inter2``/``interaction`` come from the actor registry when one is given.
    ``fatalities`` is the conservative figure (``low``, else ``best``, else 0), as ACLED codes
    it. Imprecise dates are written as the middle of their span with the matching
    ``time_precision``. A verdict for the event goes to ``tags`` as
    ``hudna regime: ID; hudna verdict: V; hudna grading: G``.
    """
    n = 0
    with _text_out(out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ACLED_COLUMNS)
        for event in events:
            place = event.place
            name, iso_num, _, region = COUNTRY_CODES.get(
                place.country_iso3, (place.country_iso3, None, None, None)
            )
            inter1 = _inter(actors, event.actor1_id)
            inter2 = _inter(actors, event.actor2_id) if event.actor2 else None
            codes = sorted(c for c in (inter1, inter2) if c is not None)
            interaction = (
                f"{codes[0]}{codes[1]}" if len(codes) == 2 else (f"{codes[0]}0" if codes else "")
            )
            acled_type, acled_sub = event.acled_type
            summary = _verdict_of(event, verdicts)
            tags = ""
            if summary is not None:
                tags = f"hudna regime: {summary.regime_id}; hudna verdict: {summary.verdict}"
                if summary.grade:
                    tags += f"; hudna grading: {summary.grade}"
            row = {
                "event_id_cnty": event.origin_id if event.origin == "acled" else event.id,
                "event_date": acled_event_date(event),
                "year": event.date_start.year,
                "time_precision": event.time_precision,
                "disorder_type": (
                    "Strategic developments"
                    if event.event_type == "other"
                    else "Political violence"
                ),
                "event_type": acled_type,
                "sub_event_type": acled_sub,
                "actor1": event.actor1,
                "assoc_actor_1": "; ".join(event.assoc_actor1),
                "inter1": inter1,
                "actor2": event.actor2,
                "assoc_actor_2": "; ".join(event.assoc_actor2),
                "inter2": inter2,
                "interaction": interaction,
                "civilian_targeting": "Civilians targeted" if event.civilian_targeting else "",
                "iso": iso_num,
                "region": region,
                "country": name,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "admin3": place.admin3,
                "location": place.location,
                "latitude": None if place.lat is None else f"{place.lat:.4f}",
                "longitude": None if place.lon is None else f"{place.lon:.4f}",
                "geo_precision": place.geo_precision,
                "source": "; ".join(event.sources),
                "source_scale": "",
                "notes": event.notes or event.source_headline,
                "fatalities": _conservative(event),
                "tags": tags,
                "timestamp": "",
            }
            writer.writerow([_fmt(row[c]) for c in ACLED_COLUMNS])
            n += 1
    return n


def write_ucdp_csv(events: Iterable[Event], out: TextIO | str | Path, *, min_best: int = 1) -> int:
    """Write events as a UCDP GED-shaped CSV (the 49 GED columns, in GED order).

    GED holds only lethal events, so events whose ``best`` is below ``min_best`` (default 1;
    anchors.md §11.4) or that have no coordinates are left out (they belong in the ACLED-shaped
    or GeoJSON exports). ``id`` is the GED id of events imported from UCDP and the hudna id
    otherwise; conflict, dyad and side ids are left blank; ``geom_wkt`` is ``POINT (lon lat)``
    and ``priogrid_gid`` is computed from the coordinates. Reading the file back with
    :func:`hudna.ingest.readers.ucdp.iter_ucdp_events` gives the same events for events
    imported from UCDP.
    """
    n = skipped = 0
    with _text_out(out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(UCDP_COLUMNS)
        for event in events:
            place = event.place
            best = event.fatalities.best
            if best is None or best < min_best or place.lat is None or place.lon is None:
                skipped += 1
                continue
            name, _, gw, region = COUNTRY_CODES.get(
                place.country_iso3, (place.country_iso3, None, None, None)
            )
            adm1_suffix, adm2_suffix = UCDP_ADM_SUFFIXES.get(place.country_iso3, ("", ""))
            row: dict[str, object] = dict.fromkeys(UCDP_COLUMNS)
            row.update(
                id=event.origin_id if event.origin == "ucdp" and event.origin_id else event.id,
                year=event.date_start.year,
                type_of_violence=event.type_of_violence,
                dyad_name=(
                    f"{event.actor1} - {event.actor2}" if event.actor1 and event.actor2 else None
                ),
                side_a=event.actor1,
                side_b=event.actor2,
                number_of_sources=event.number_of_sources,
                source_office=";".join(event.sources),
                source_headline=event.source_headline,
                source_original=event.source_original,
                where_prec=place.where_prec,
                where_coordinates=place.location,
                adm_1=None if place.admin1 is None else place.admin1 + adm1_suffix,
                adm_2=None if place.admin2 is None else place.admin2 + adm2_suffix,
                latitude=place.lat,
                longitude=place.lon,
                geom_wkt=f"POINT ({_fmt(place.lon)} {_fmt(place.lat)})",
                priogrid_gid=priogrid_gid(lon=place.lon, lat=place.lat),
                country=name,
                country_id=gw,
                region=region,
                event_clarity=event.event_clarity,
                date_prec=event.date_prec,
                date_start=event.date_start.isoformat(),
                date_end=event.date_end.isoformat(),
                deaths_a=event.deaths_a,
                deaths_b=event.deaths_b,
                deaths_civilians=event.deaths_civilians,
                deaths_unknown=event.deaths_unknown,
                best=best,
                high=event.fatalities.high,
                low=event.fatalities.low,
            )
            writer.writerow([_fmt(row[c]) for c in UCDP_COLUMNS])
            n += 1
    if skipped:
        log.info(
            "ucdp export: %d event(s) left out (best < %d or no coordinates)", skipped, min_best
        )
    return n


def write_hxl_csv(
    events: Iterable[Event], out: TextIO | str | Path, *, verdicts: Verdicts | None = None
) -> int:
    """Write events as an HXL-tagged CSV: a header row, a hashtag row, one row per event.

    ``#event+type``/``#event+type+sub`` carry the ACLED event type and sub-type;
    ``#status+verdict``, ``#meta+grading`` and ``#meta+regime`` the verdict for one regime
    when ``verdicts`` are given.
    """
    n = 0
    with _text_out(out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([h for h, _ in HXL_COLUMNS])
        writer.writerow([t for _, t in HXL_COLUMNS])
        for event in events:
            place = event.place
            summary = _verdict_of(event, verdicts)
            acled_type, acled_sub = event.acled_type
            row: dict[str, object] = {
                "event_id": event.id,
                "date_start": event.date_start.isoformat(),
                "date_end": event.date_end.isoformat(),
                "event_type": acled_type,
                "sub_event_type": acled_sub,
                "actor1": event.actor1,
                "actor2": event.actor2,
                "country_iso3": place.country_iso3,
                "admin1": place.admin1,
                "admin1_pcode": place.admin1_pcode,
                "admin2": place.admin2,
                "admin2_pcode": place.admin2_pcode,
                "location": place.location,
                "location_pcode": place.location_pcode,
                "latitude": place.lat,
                "longitude": place.lon,
                "fatalities_best": event.fatalities.best,
                "fatalities_low": event.fatalities.low,
                "fatalities_high": event.fatalities.high,
                "injured": event.injured.best,
                "source": "; ".join(event.sources),
                "description": event.notes or event.source_headline,
                "verdict": None if summary is None else summary.verdict,
                "grading": None if summary is None else summary.grade,
                "regime_id": None if summary is None else summary.regime_id,
            }
            writer.writerow([_fmt(row[h]) for h, _ in HXL_COLUMNS])
            n += 1
    return n


def event_feature(event: Event, summary: VerdictSummary | None = None) -> dict[str, Any]:
    """One event as a GeoJSON Feature (RFC 7946: ``[lon, lat]``; null geometry if unplaced)."""
    place = event.place
    geometry = (
        None
        if place.lat is None or place.lon is None
        else {"type": "Point", "coordinates": [place.lon, place.lat]}
    )
    acled_type, acled_sub = event.acled_type
    properties: dict[str, Any] = {
        "event_id": event.id,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "date_prec": event.date_prec,
        "earliest": event.when.earliest.isoformat(),
        "latest": event.when.latest.isoformat(),
        "event_type": event.event_type,
        "acled_event_type": acled_type,
        "acled_sub_event_type": acled_sub,
        "actor1": event.actor1,
        "actor1_id": event.actor1_id,
        "actor2": event.actor2,
        "actor2_id": event.actor2_id,
        "directed": event.directed,
        "type_of_violence": event.type_of_violence,
        "country_iso3": place.country_iso3,
        "admin1": place.admin1,
        "admin1_pcode": place.admin1_pcode,
        "admin2": place.admin2,
        "admin2_pcode": place.admin2_pcode,
        "admin3": place.admin3,
        "admin3_pcode": place.admin3_pcode,
        "location": place.location,
        "location_pcode": place.location_pcode,
        "level": place.level.value,
        "fatalities_low": event.fatalities.low,
        "fatalities_best": event.fatalities.best,
        "fatalities_high": event.fatalities.high,
        "sources": list(event.sources),
        "origin": event.origin,
        "origin_id": event.origin_id,
        "regime_id": None if summary is None else summary.regime_id,
        "verdict": None if summary is None else str(summary.verdict),
        "grade": None if summary is None or summary.grade is None else str(summary.grade),
        "rule": None if summary is None else summary.rule,
    }
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def write_events_geojson(
    events: Iterable[Event], out: TextIO | str | Path, *, verdicts: Verdicts | None = None
) -> int:
    """Write events (with their verdict for one regime, if given) as a GeoJSON FeatureCollection."""
    features = [event_feature(e, _verdict_of(e, verdicts)) for e in events]
    with _text_out(out) as handle:
        json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
        handle.write("\n")
    return len(features)


PcodeGeometries = Mapping[str, BaseGeometry] | Callable[[str], BaseGeometry | None]


def write_zones_geojson(
    regimes: Iterable[Regime],
    out: TextIO | str | Path,
    *,
    pcode_geometries: PcodeGeometries | None = None,
) -> int:
    """Write the zones of regimes as a GeoJSON FeatureCollection, one Feature per zone.

    A zone's geometry is its polygon, or else the union of the geometries of its P-codes,
    looked up in ``pcode_geometries`` (a mapping or a function, e.g. from the geo layer). The
    buffer is not applied (``buffer_m`` is a property), so the drawn zone is the core zone.

    Raises
    ------
    DataError
        When a zone's P-code has no geometry.
    """
    lookup: Callable[[str], BaseGeometry | None]
    if pcode_geometries is None:
        lookup = dict[str, BaseGeometry]().get
    elif callable(pcode_geometries):
        lookup = pcode_geometries
    else:
        lookup = pcode_geometries.get
    features: list[dict[str, Any]] = []
    for regime in regimes:
        for index, zone in enumerate(regime.zones):
            parts: list[BaseGeometry] = []
            if zone.geometry is not None:
                parts.append(zone.geometry)
            for pcode in zone.pcodes:
                geom = lookup(pcode)
                if geom is None:
                    raise DataError(
                        f"regime {regime.id!r} zone {index}: no geometry for P-code {pcode!r}",
                        field="pcodes",
                    )
                parts.append(geom)
            shape = parts[0] if len(parts) == 1 else unary_union(parts)
            features.append(
                {
                    "type": "Feature",
                    "id": f"{regime.id}#{index}",
                    "geometry": mapping(shape),
                    "properties": {
                        "regime_id": regime.id,
                        "name_en": regime.name_en,
                        "name_ar": regime.name_ar,
                        "kind": regime.kind.value,
                        "zone_index": index,
                        "label": zone.label,
                        "pcodes": list(zone.pcodes),
                        "exclude": zone.exclude,
                        "buffer_m": zone.buffer_m,
                    },
                }
            )
    with _text_out(out) as handle:
        json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
        handle.write("\n")
    return len(features)
