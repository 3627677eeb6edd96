"""Generic event format: the same records as CSV, JSON Lines and GeoJSON; validation."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import Fatalities
from hudna.domain.place import Level
from hudna.ingest.actors import load_actor_registry
from hudna.ingest.readers.generic import GENERIC_FIELDS, iter_generic_events

# Facts of UCDP GED 219022 and 215936 (CC BY 4.0), written in the generic format.
RECORDS: list[dict[str, Any]] = [
    {
        "id": "aleppo-0410-zaytan",
        "date_start": "2016-04-10",
        "event_type": "armed_clash",
        "actor1": "Government of Syria",
        "actor2": "Jabhat Fateh al-Sham",
        "assoc_actor2": "Ahrar al-Sham;Southern Front",
        "admin1": "Aleppo",
        "admin1_pcode": "SY02",
        "location": "Zaytan",
        "lat": 36.056111,
        "lon": 37.008611,
        "fatalities_low": 4,
        "fatalities_best": 4,
        "fatalities_high": 6,
        "sources": "SOHR",
        "source_headline": "Jabhat Al-Nusra and factions advance in several fronts",
        "notes": "multi\nline note",
    },
    {
        "id": "albab-0102",
        "date_start": "2016-01-02",
        "date_end": "2016-01-03",
        "event_type": "execution",
        "actor1": "داعش",
        "actor2_id": "civilians",
        "directed": "true",
        "civilian_targeting": "true",
        "admin1": "Aleppo",
        "admin2": "Al Bab",
        "fatalities_best": 2,
        "injured_best": 1,
        "earliest": "2016-01-02T10:00:00+02:00",
        "latest": "2016-01-03T12:00:00+02:00",
    },
]


@pytest.fixture(scope="module")
def actors() -> ActorRegistry:
    return load_actor_registry()


def _csv(path: Path, records: list[dict[str, Any]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(GENERIC_FIELDS), lineterminator="\n")
        writer.writeheader()
        for rec in records:
            writer.writerow(rec)
    return path


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n\n" for r in records), encoding="utf-8"
    )
    return path


def _geojson(path: Path, records: list[dict[str, Any]]) -> Path:
    features = []
    for rec in records:
        props = {k: v for k, v in rec.items() if k not in ("lat", "lon")}
        geom = {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]} if "lat" in rec else None
        features.append({"type": "Feature", "geometry": geom, "properties": props})
    path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": features}, indent=2, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("make", [_csv, _jsonl, _geojson], ids=["csv", "jsonl", "geojson"])
def test_three_encodings_give_the_same_events(
    tmp_path: Path, actors: ActorRegistry, make: Any
) -> None:
    suffix = {"_csv": ".csv", "_jsonl": ".jsonl", "_geojson": ".geojson"}[make.__name__]
    results = list(iter_generic_events(make(tmp_path / f"events{suffix}", RECORDS), actors=actors))
    assert [str(r.error) for r in results if not r.ok] == []
    first, second = (r.event for r in results)
    assert first is not None and second is not None
    assert first.id == "events-aleppo-0410-zaytan" and first.origin == "events"
    assert (first.actor1_id, first.actor2_id) == ("syrian-government", "nusra")
    assert first.assoc_actor2 == ("Ahrar al-Sham", "Southern Front")
    assert first.place.admin1_pcode == "SY02" and first.place.level == Level.COMMUNITY
    assert (first.place.lon, first.place.lat) == (37.008611, 36.056111)
    assert first.fatalities == Fatalities(4, 4, 6) and first.notes == "multi\nline note"
    assert (
        first.when.earliest.isoformat() == "2016-04-09T21:00:00+00:00"
    )  # Damascus, UTC+3 in April
    assert second.actor1_id == "isis" and second.actor2_id == "civilians" and second.directed
    assert (second.date_start, second.date_end, second.date_prec) == (
        date(2016, 1, 2),
        date(2016, 1, 3),
        2,
    )
    assert second.when.earliest.isoformat() == "2016-01-02T08:00:00+00:00"
    assert second.place.level == Level.DISTRICT and second.injured.best == 1


def test_line_numbers_per_encoding(tmp_path: Path, actors: ActorRegistry) -> None:
    assert [
        r.line for r in iter_generic_events(_csv(tmp_path / "a.csv", RECORDS), actors=actors)
    ] == [2, 4]
    assert [
        r.line for r in iter_generic_events(_jsonl(tmp_path / "a.jsonl", RECORDS), actors=actors)
    ] == [1, 3]
    geo = _geojson(tmp_path / "a.geojson", RECORDS)
    lines = [r.line for r in iter_generic_events(geo, actors=actors)]
    text = geo.read_text(encoding="utf-8").split("\n")
    assert all(text[n - 1].strip() == "{" for n in lines) and lines[0] < lines[1]


BAD_CASES = [
    ({"date_start": "x"}, "date_start", "not a date 'x' (expected YYYY-MM-DD)"),
    ({"date_end": "2016-04-01"}, "date_end", "date_end 2016-04-01 is before date_start 2016-04-10"),
    ({"lat": 99}, "lat", "99.0 is out of range -90..90"),
    ({"fatalities_low": 5}, "fatalities_low", "low 5 is above best 4"),
    ({"fatalities_high": 3}, "fatalities_high", "high 3 is below best 4"),
    ({"date_prec": 6}, "date_prec", "6 is out of range 1..5"),
    ({"event_type": "bombing"}, "event_type", "unknown event type 'bombing'"),
    ({"actor1_id": "martians"}, "actor1_id", "unknown actor id 'martians'"),
    ({"level": "planet"}, "level", "unknown level 'planet'"),
    ({"fatalities_best": "lots"}, "fatalities_best", "not a number 'lots'"),
    ({"directed": "maybe"}, "directed", "not true/false 'maybe'"),
    (
        {"earliest": "2016-04-10T10:00:00"},
        "earliest",
        "date-time '2016-04-10T10:00:00' has no UTC offset",
    ),
    ({"id": ""}, "id", "a value is required"),
]


@pytest.mark.parametrize(("changes", "field", "problem"), BAD_CASES)
@pytest.mark.parametrize("make", [_csv, _jsonl], ids=["csv", "jsonl"])
def test_validation_rules(
    tmp_path: Path,
    actors: ActorRegistry,
    make: Any,
    changes: dict[str, Any],
    field: str,
    problem: str,
) -> None:
    bad = {**RECORDS[0], **changes}
    if field == "earliest":
        bad["latest"] = "2016-04-10T12:00:00+03:00"
    path = make(tmp_path / ("e.csv" if make is _csv else "e.jsonl"), [RECORDS[1], bad])
    results = list(iter_generic_events(path, actors=actors))
    assert results[0].ok
    err = results[1].error
    assert err is not None
    line = 3  # CSV: header + one record; JSONL: a record and a blank line before it
    assert err.line == line and err.field == field
    assert str(err).startswith(f"{path}:{line}: {field}: {problem}")


def test_lat_without_lon(tmp_path: Path, actors: ActorRegistry) -> None:
    rec = {k: v for k, v in RECORDS[0].items() if k != "lon"}
    (res,) = iter_generic_events(_jsonl(tmp_path / "e.jsonl", [rec]), actors=actors)
    assert str(res.error).endswith(":1: lon: lat and lon must be given together")


def test_structural_errors(tmp_path: Path, actors: ActorRegistry) -> None:
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text(
        '{"id": "a", "date_start": "2016-01-01"}\n{not json\n[1]\n{"id": "b"}\n', encoding="utf-8"
    )
    out = list(iter_generic_events(bad_json, actors=actors))
    assert out[0].ok
    assert [str(r.error).split(": ", 1)[0].rsplit(":", 1)[1] for r in out[1:]] == ["2", "3", "4"]
    assert "not valid JSON" in str(out[1].error)
    assert str(out[3].error).endswith(":4: date_start: missing field")

    header = tmp_path / "nodate.csv"
    header.write_text("id,lat,lon\n1,35,36\n", encoding="utf-8")
    (res,) = iter_generic_events(header, actors=actors)
    assert str(res.error) == f"{header}:1: date_start: missing column(s) date_start in the header"

    geo = tmp_path / "poly.geojson"
    geo.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"id": "p", "date_start": "2016-01-01"},
                        "geometry": {"type": "Polygon", "coordinates": []},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (res,) = iter_generic_events(geo, actors=actors)
    assert str(res.error) == f"{geo}:1: geometry: expected a Point geometry [lon, lat] or null"

    notfc = tmp_path / "x.geojson"
    notfc.write_text('{"type": "Feature"}', encoding="utf-8")
    (res,) = iter_generic_events(notfc, actors=actors)
    assert "expected a GeoJSON FeatureCollection" in str(res.error)

    (res,) = iter_generic_events(tmp_path / "x.xlsx", actors=actors)
    assert "unknown event file format '.xlsx'" in str(res.error)
