"""Reader of hudna's generic event format: CSV, JSON Lines or GeoJSON (docs/event-formats.md).

The same field names serve all three encodings. In CSV, list fields are ``;``-separated; in
JSONL and GeoJSON they may also be JSON arrays. In GeoJSON the fields are a Feature's
``properties`` and a ``Point`` geometry gives ``lon``/``lat``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import ACLED_TYPES, Event, Fatalities
from hudna.domain.ids import external_event_id
from hudna.domain.place import Level, PlaceRef
from hudna.domain.time import TimeWindow
from hudna.errors import DataError, ImportRowError
from hudna.ingest.readers.common import (
    Fields,
    RowResult,
    check_range,
    iter_csv_records,
    iter_row_results,
    zone_for_country,
)

log = logging.getLogger(__name__)

DEFAULT_ORIGIN = "events"
GENERIC_REQUIRED = ("id", "date_start")
GENERIC_FIELDS = (
    "id",
    "origin",
    "date_start",
    "date_end",
    "date_prec",
    "earliest",
    "latest",
    "event_type",
    "actor1",
    "actor1_id",
    "assoc_actor1",
    "actor2",
    "actor2_id",
    "assoc_actor2",
    "directed",
    "type_of_violence",
    "civilian_targeting",
    "country_iso3",
    "admin1",
    "admin1_pcode",
    "admin2",
    "admin2_pcode",
    "admin3",
    "admin3_pcode",
    "location",
    "location_pcode",
    "lat",
    "lon",
    "level",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "sources",
    "source_original",
    "source_headline",
    "number_of_sources",
    "notes",
    "event_clarity",
)
FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".geojson": "geojson",
    ".json": "geojson",
}


def iter_generic_events(
    path: str | Path,
    *,
    actors: ActorRegistry,
    tz: ZoneInfo | None = None,
    fmt: str | None = None,
) -> Iterator[RowResult]:
    """Read a file of the generic event format, yielding one :class:`RowResult` per record.

    Parameters
    ----------
    path
        A ``.csv``, ``.jsonl``/``.ndjson`` or ``.geojson``/``.json`` file.
    actors
        Registry mapping actor names to ids; explicit ``actor1_id``/``actor2_id`` must be known.
    tz
        Local time zone of dates given without times; by default the row's country's zone.
    fmt
        ``"csv"``, ``"jsonl"`` or ``"geojson"``; by default from the file suffix.
    """
    label = str(path)
    kind = fmt or FORMATS.get(Path(path).suffix.lower())
    records: Iterator[tuple[int, Mapping[str, Any] | DataError]]
    if kind == "csv":
        records = iter_csv_records(path, required=GENERIC_REQUIRED)
    elif kind == "jsonl":
        records = _iter_jsonl(path)
    elif kind == "geojson":
        records = _iter_geojson(path)
    else:
        yield RowResult(
            1,
            error=ImportRowError(
                f"unknown event file format {kind or Path(path).suffix!r} "
                "(expected csv, jsonl or geojson)",
                path=label,
            ),
        )
        return
    yield from iter_row_results(
        records, label, lambda f: generic_event(f, actors=actors, tz=tz)
    )


def _iter_jsonl(path: str | Path) -> Iterator[tuple[int, Mapping[str, Any] | DataError]]:
    label = str(path)
    try:
        handle = open(path, encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        yield 1, ImportRowError(f"cannot open file: {exc.strerror or exc}", path=label)
        return
    with handle:
        line = 0
        while True:
            line += 1
            try:
                text = handle.readline()
            except UnicodeDecodeError as exc:
                yield line, ImportRowError(f"not UTF-8: {exc.reason}", path=label, line=line)
                return
            if not text:
                return
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield line, ImportRowError(f"not valid JSON: {exc.msg}", path=label, line=line)
                continue
            if not isinstance(obj, dict):
                yield line, ImportRowError("expected a JSON object", path=label, line=line)
                continue
            missing = [k for k in GENERIC_REQUIRED if k not in obj]
            if missing:
                yield line, ImportRowError("missing field", path=label, line=line, field=missing[0])
                continue
            yield line, obj


def _iter_geojson(path: str | Path) -> Iterator[tuple[int, Mapping[str, Any] | DataError]]:
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
        doc = json.loads(text)
    except OSError as exc:
        yield 1, ImportRowError(f"cannot open file: {exc.strerror or exc}", path=label)
        return
    except UnicodeDecodeError as exc:
        yield 1, ImportRowError(f"not UTF-8: {exc.reason}", path=label)
        return
    except json.JSONDecodeError as exc:
        yield exc.lineno, ImportRowError(f"not valid JSON: {exc.msg}", path=label, line=exc.lineno)
        return
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        yield 1, ImportRowError("expected a GeoJSON FeatureCollection", path=label, line=1)
        return
    features = doc.get("features")
    if not isinstance(features, list):
        yield 1, ImportRowError("expected a list", path=label, line=1, field="features")
        return
    lines = _feature_lines(text, len(features))
    for i, feature in enumerate(features):
        line = lines[i]
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            yield line, ImportRowError("expected a GeoJSON Feature", path=label, line=line)
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            yield (
                line,
                ImportRowError("expected an object", path=label, line=line, field="properties"),
            )
            continue
        record = dict(props)
        geometry = feature.get("geometry")
        if geometry is not None:
            coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
            if (
                not isinstance(geometry, dict)
                or geometry.get("type") != "Point"
                or not isinstance(coords, list)
                or len(coords) < 2
            ):
                yield (
                    line,
                    ImportRowError(
                        "expected a Point geometry [lon, lat] or null",
                        path=label,
                        line=line,
                        field="geometry",
                    ),
                )
                continue
            record["lon"], record["lat"] = coords[0], coords[1]
        missing = [k for k in GENERIC_REQUIRED if k not in record]
        if missing:
            yield line, ImportRowError("missing property", path=label, line=line, field=missing[0])
            continue
        yield line, record


def _feature_lines(text: str, count: int) -> list[int]:
    """Line on which each element of the top-level ``features`` array starts (1 if not found)."""
    decoder = json.JSONDecoder()
    starts: list[int] = []
    key = text.find('"features"')
    pos = text.find("[", key) if key >= 0 else -1
    if pos >= 0:
        pos += 1
        while len(starts) < count:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text) or text[pos] == "]":
                break
            try:
                _, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError:
                break
            starts.append(text.count("\n", 0, pos) + 1)
            pos = end
    return starts + [1] * (count - len(starts))


def _level(f: Fields, has_point: bool) -> Level:
    text = f.text("level")
    if text is not None:
        try:
            return Level(text.lower())
        except ValueError:
            known = ", ".join(lvl.value for lvl in Level)
            raise f.error("level", f"unknown level {text!r} (known: {known})") from None
    if has_point or f.text("location_pcode") or f.text("location"):
        return Level.COMMUNITY
    for field, level in (
        ("admin3", Level.SUBDISTRICT),
        ("admin2", Level.DISTRICT),
        ("admin1", Level.GOVERNORATE),
    ):
        if f.text(field) or f.text(field + "_pcode"):
            return level
    return Level.COUNTRY


def _aware(f: Fields, field: str) -> datetime | None:
    text = f.text(field)
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise f.error(field, f"not an ISO date-time {text!r}") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise f.error(field, f"date-time {text!r} has no UTC offset")
    return value


def _actor_id(f: Fields, actors: ActorRegistry, n: int) -> str | None:
    explicit = f.text(f"actor{n}_id")
    if explicit is not None:
        if actors.find(explicit) is None:
            raise f.error(f"actor{n}_id", f"unknown actor id {explicit!r}")
        return explicit
    name = f.text(f"actor{n}")
    return actors.resolve(name).id if name else None


def generic_event(f: Fields, *, actors: ActorRegistry, tz: ZoneInfo | None = None) -> Event:
    """Map one record of the generic format to an :class:`Event` (raising ``ImportRowError``)."""
    origin = f.text("origin") or DEFAULT_ORIGIN
    row_id = f.text("id", required=True) or ""
    start = f.date("date_start", required=True)
    assert start is not None  # required=True
    end = f.date("date_end") or start
    if end < start:
        raise f.error("date_end", f"date_end {end} is before date_start {start}")
    date_prec = f.integer("date_prec", low=1, high=5) or (1 if end == start else 2)
    event_type = f.text("event_type") or "other"
    if event_type not in ACLED_TYPES:
        raise f.error(
            "event_type", f"unknown event type {event_type!r} (known: {', '.join(ACLED_TYPES)})"
        )
    lat = f.number("lat", low=-90, high=90)
    lon = f.number("lon", low=-180, high=180)
    if (lat is None) != (lon is None):
        raise f.error("lat" if lat is None else "lon", "lat and lon must be given together")
    iso3 = (f.text("country_iso3") or "SYR").upper()
    if len(iso3) != 3 or not iso3.isalpha():
        raise f.error("country_iso3", f"not an ISO 3166 alpha-3 code {iso3!r}")
    zone = tz or zone_for_country(iso3)
    earliest, latest = _aware(f, "earliest"), _aware(f, "latest")
    if (earliest is None) != (latest is None):
        raise f.error(
            "latest" if latest is None else "earliest", "give earliest and latest together"
        )
    if earliest is not None and latest is not None:
        if latest < earliest:
            raise f.error("latest", "latest is before earliest")
        when = TimeWindow(earliest, latest)
    else:
        when = TimeWindow.for_local_days(start, end, zone)
    fat = [f.integer(f"fatalities_{k}", low=0) for k in ("low", "best", "high")]
    check_range(f, *fat, names=("fatalities_low", "fatalities_best", "fatalities_high"))
    inj = [f.integer(f"injured_{k}", low=0) for k in ("low", "best", "high")]
    check_range(f, *inj, names=("injured_low", "injured_best", "injured_high"))
    place = PlaceRef(
        country_iso3=iso3,
        admin1_pcode=f.text("admin1_pcode"),
        admin1=f.text("admin1"),
        admin2_pcode=f.text("admin2_pcode"),
        admin2=f.text("admin2"),
        admin3_pcode=f.text("admin3_pcode"),
        admin3=f.text("admin3"),
        location=f.text("location"),
        location_pcode=f.text("location_pcode"),
        lat=lat,
        lon=lon,
        level=_level(f, lat is not None),
    )
    return Event(
        id=external_event_id(origin, row_id),
        date_start=start,
        date_end=end,
        when=when,
        place=place,
        event_type=event_type,
        date_prec=date_prec,
        actor1=f.text("actor1"),
        actor2=f.text("actor2"),
        actor1_id=_actor_id(f, actors, 1),
        actor2_id=_actor_id(f, actors, 2),
        assoc_actor1=f.split("assoc_actor1"),
        assoc_actor2=f.split("assoc_actor2"),
        directed=bool(f.boolean("directed")),
        type_of_violence=f.integer("type_of_violence", low=1, high=3),
        civilian_targeting=bool(f.boolean("civilian_targeting")),
        fatalities=Fatalities(*fat),
        deaths_a=f.integer("deaths_a", low=0),
        deaths_b=f.integer("deaths_b", low=0),
        deaths_civilians=f.integer("deaths_civilians", low=0),
        deaths_unknown=f.integer("deaths_unknown", low=0),
        injured=Fatalities(*inj),
        sources=f.split("sources"),
        source_original=f.text("source_original"),
        source_headline=f.text("source_headline"),
        number_of_sources=f.integer("number_of_sources", low=0),
        notes=f.text("notes"),
        origin=origin,
        origin_id=row_id,
        event_clarity=f.integer("event_clarity", low=1, high=2),
    )
