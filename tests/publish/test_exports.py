"""Exports read back by real clients: csv (ACLED/UCDP column order), libhxl, GeoPandas, our UCDP reader."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from shapely.geometry import Point, box

from hudna.domain.actor import ActorRegistry
from hudna.domain.assessment import Assessment, Evidence, Grade, Verdict
from hudna.domain.event import Event
from hudna.domain.regime import Regime, Zone
from hudna.errors import DataError
from hudna.ingest.actors import load_actor_registry
from hudna.ingest.readers.acled import iter_acled_events
from hudna.ingest.readers.ucdp import iter_ucdp_events
from hudna.publish.exports import (
    ACLED_COLUMNS,
    HXL_COLUMNS,
    UCDP_COLUMNS,
    priogrid_gid,
    write_acled_csv,
    write_events_geojson,
    write_hxl_csv,
    write_ucdp_csv,
    write_zones_geojson,
)

DATA = Path(__file__).parent.parent / "data"

# ACLED's 31 export columns and UCDP GED's 49, spelled out (anchors.md §1, §2).
ACLED_EXPECTED = [
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
]
UCDP_EXPECTED = [
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
]


@pytest.fixture(scope="module")
def actors() -> ActorRegistry:
    return load_actor_registry()


@pytest.fixture(scope="module")
def ucdp_events(actors: ActorRegistry) -> list[Event]:
    out = [r.event for r in iter_ucdp_events(DATA / "ucdp_sample.csv", actors=actors)]
    assert all(e is not None for e in out)
    return [e for e in out if e is not None]


@pytest.fixture(scope="module")
def verdicts(ucdp_events: list[Event]) -> dict[str, Assessment]:
    out = {}
    for i, ev in enumerate(ucdp_events[:40]):
        out[ev.id] = Assessment(
            event_id=ev.id,
            regime_id="syria-2016-coh",
            verdict=Verdict.VIOLATION if i % 2 else Verdict.EXCLUDED_TARGET,
            rule="cessation.v1",
            evidence=(Evidence("zone", "inside"),),
            grade=Grade.FAIR,
        )
    return out


def _header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


def test_column_lists_are_the_producers() -> None:
    assert list(ACLED_COLUMNS) == ACLED_EXPECTED and len(ACLED_COLUMNS) == 31
    assert list(UCDP_COLUMNS) == UCDP_EXPECTED and len(UCDP_COLUMNS) == 49


def test_ucdp_round_trip_gives_the_same_events(
    tmp_path: Path, actors: ActorRegistry, ucdp_events: list[Event]
) -> None:
    path = tmp_path / "ucdp_export.csv"
    n = write_ucdp_csv(ucdp_events, path)
    lethal = [e for e in ucdp_events if (e.fatalities.best or 0) >= 1]
    assert n == len(lethal) and len(lethal) < len(ucdp_events)  # best = 0 rows are left out
    assert _header(path) == UCDP_EXPECTED
    back = [r.event for r in iter_ucdp_events(path, actors=actors)]
    # GED has no notes column: the note of a repaired count range (the export writes the
    # widened range, which needs no repair when read back) is the one field that does not travel.
    assert back == [dataclasses.replace(e, notes=None) for e in lethal]
    assert any(e.notes for e in lethal)


def test_ucdp_export_values(tmp_path: Path, ucdp_events: list[Event]) -> None:
    buf = io.StringIO()
    write_ucdp_csv(ucdp_events[:1], buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["id"] == "214797" and row["year"] == "2016"
    assert row["geom_wkt"] == "POINT (36.707602 34.802462)"
    assert row["priogrid_gid"] == "179714"  # as in the GED file
    assert (row["adm_1"], row["adm_2"]) == ("Homs Governorate", "Ar Rastan district")
    assert (row["country"], row["country_id"], row["region"]) == ("Syria", "652", "Middle East")
    assert row["dyad_name"] == "Government of Syria - Syrian insurgents"
    assert (row["low"], row["best"], row["high"]) == ("4", "4", "4")


def test_priogrid_matches_every_ged_row(ucdp_events: list[Event]) -> None:
    with open(DATA / "ucdp_sample.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        gid = priogrid_gid(lon=float(row["longitude"]), lat=float(row["latitude"]))
        assert gid == int(row["priogrid_gid"]), row["id"]


def test_acled_export(
    tmp_path: Path, actors: ActorRegistry, ucdp_events: list[Event], verdicts: dict[str, Assessment]
) -> None:
    path = tmp_path / "acled.csv"
    assert write_acled_csv(ucdp_events, path, actors=actors, verdicts=verdicts) == len(ucdp_events)
    assert _header(path) == ACLED_EXPECTED
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    first = rows[0]
    assert first["event_id_cnty"] == "ucdp-214797"
    assert (first["event_type"], first["sub_event_type"]) == ("Battles", "Armed clash")
    assert (first["inter1"], first["inter2"], first["interaction"]) == ("1", "2", "12")
    assert (first["iso"], first["country"], first["latitude"]) == ("760", "Syria", "34.8025")
    assert first["fatalities"] == "4" and first["geo_precision"] == "1"
    assert (
        first["tags"]
        == "hudna regime: syria-2016-coh; hudna verdict: excluded_target; hudna grading: fair"
    )
    one_sided = next(r for r in rows if r["actor2"] == "Civilians")
    assert one_sided["civilian_targeting"] == "Civilians targeted"
    assert one_sided["interaction"].endswith("7")
    # the export reads back with the ACLED reader, same places and actors
    back = [r for r in iter_acled_events(path, actors=actors)]
    assert all(r.ok for r in back)
    for ev, res in zip(ucdp_events, back, strict=True):
        assert res.event is not None
        assert res.event.actor1_id == ev.actor1_id and res.event.actor2_id == ev.actor2_id
        assert res.event.place.admin1 == ev.place.admin1
        assert res.event.fatalities.best == (ev.fatalities.low or 0)


def test_acled_round_trip_of_acled_sample(tmp_path: Path, actors: ActorRegistry) -> None:
    events = [
        r.event for r in iter_acled_events(DATA / "acled_sample.csv", actors=actors) if r.event
    ]
    path = tmp_path / "acled.csv"
    write_acled_csv(events, path, actors=actors)
    back = [r.event for r in iter_acled_events(path, actors=actors)]
    assert back == events


def test_hxl_csv_parses_with_libhxl(
    tmp_path: Path, ucdp_events: list[Event], verdicts: dict[str, Assessment]
) -> None:
    import hxl  # libhxl (needs "six", which libhxl 5.2 does not declare)

    path = tmp_path / "events_hxl.csv"
    write_hxl_csv(ucdp_events, path, verdicts=verdicts)
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    tags = [c.display_tag for c in source.columns]
    assert tags == [t for _, t in HXL_COLUMNS]
    assert "#status+verdict" in tags and "#meta+grading" in tags
    rows = list(source)
    assert len(rows) == len(ucdp_events)
    first = rows[0]
    assert first.get("#event+id") == "ucdp-214797"
    assert first.get("#date+start") == "2016-01-01"
    assert first.get("#group+name+first") == "Government of Syria"
    assert first.get("#affected+killed") == "4"
    assert first.get("#status+verdict") == "excluded_target"
    assert first.get("#meta+grading") == "fair"
    assert first.get("#geo+lat") == "34.802462"
    # libhxl filters work on our tags
    again = hxl.data(str(path), hxl.InputOptions(allow_local=True))  # a source streams once
    aleppo = list(again.with_rows("#adm1+name=Aleppo"))
    assert aleppo and all(r.get("#adm1+name") == "Aleppo" for r in aleppo)
    killed = sum(int(r.get("#affected+killed")) for r in rows)
    assert killed == sum(e.fatalities.best or 0 for e in ucdp_events)


def test_events_geojson_loads_in_geopandas(
    tmp_path: Path, ucdp_events: list[Event], verdicts: dict[str, Assessment]
) -> None:
    gpd = pytest.importorskip("geopandas")
    path = tmp_path / "events.geojson"
    assert write_events_geojson(ucdp_events, path, verdicts=verdicts) == len(ucdp_events)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert doc["features"][0]["geometry"]["coordinates"] == [36.707602, 34.802462]  # lon, lat
    frame = gpd.read_file(path)
    assert len(frame) == len(ucdp_events)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    first = frame.iloc[0]
    assert (first.geometry.x, first.geometry.y) == (36.707602, 34.802462)
    assert first["event_id"] == "ucdp-214797" and first["verdict"] == "excluded_target"
    assert first["grade"] == "fair" and first["regime_id"] == "syria-2016-coh"
    assert set(frame["verdict"].dropna()) == {"violation", "excluded_target"}
    # the points lie in Syria's bounding box
    minx, miny, maxx, maxy = frame.total_bounds
    assert minx > 35.5 and maxx < 42.5 and miny > 32.0 and maxy < 37.5


def test_zones_geojson(tmp_path: Path) -> None:
    gpd = pytest.importorskip("geopandas")
    aleppo = box(36.5, 35.6, 38.5, 36.8)
    idlib = box(35.9, 35.3, 36.9, 36.3)
    regime = Regime(
        id="test-calm",
        name_en="Test regime of calm",
        zones=(
            Zone(pcodes=("SY02", "SY07"), label="north"),
            Zone(geometry=Point(36.3, 33.5).buffer(0.2), buffer_m=500, label="ghouta"),
        ),
    )
    path = tmp_path / "zones.geojson"
    n = write_zones_geojson([regime], path, pcode_geometries={"SY02": aleppo, "SY07": idlib})
    assert n == 2
    frame = gpd.read_file(path)
    assert list(frame["regime_id"]) == ["test-calm", "test-calm"]
    assert frame.geometry.iloc[0].equals(aleppo.union(idlib))
    assert frame["buffer_m"].iloc[1] == 500
    with pytest.raises(DataError, match="no geometry for P-code 'SY07'"):
        write_zones_geojson([regime], io.StringIO(), pcode_geometries={"SY02": aleppo})


@dataclass(frozen=True)
class _Row:
    """A store row shaped like a verdict summary (the Protocol, not Assessment)."""

    regime_id: str
    verdict: str
    grade: str | None
    rule: str


def test_verdicts_accept_any_summary(ucdp_events: list[Event]) -> None:
    buf = io.StringIO()
    ev = ucdp_events[0]
    write_events_geojson([ev], buf, verdicts={ev.id: _Row("r", "undetermined", None, "x.v1")})
    props = json.loads(buf.getvalue())["features"][0]["properties"]
    assert (props["verdict"], props["grade"], props["rule"]) == ("undetermined", None, "x.v1")
