"""ACLED reader: the hand-written ACLED-format sample (facts from UCDP GED) and validation."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import Fatalities
from hudna.domain.place import Level
from hudna.ingest.actors import load_actor_registry
from hudna.ingest.readers.acled import acled_date_range, iter_acled_events
from hudna.ingest.readers.common import RowResult

SAMPLE = Path(__file__).parent.parent / "data" / "acled_sample.csv"


@pytest.fixture(scope="module")
def actors() -> ActorRegistry:
    return load_actor_registry()


@pytest.fixture(scope="module")
def sample(actors: ActorRegistry) -> list[RowResult]:
    return list(iter_acled_events(SAMPLE, actors=actors))


def _write(tmp_path: Path, changes: dict[str, str], *, drop: str | None = None) -> Path:
    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = [h for h in (reader.fieldnames or []) if h != drop]
        row = {**next(reader), **changes}
    path = tmp_path / "acled.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    return path


def _error(path: Path, actors: ActorRegistry) -> str:
    results = list(iter_acled_events(path, actors=actors))
    assert len(results) == 1 and results[0].error is not None, results
    return str(results[0].error)


def test_sample_reads(sample: list[RowResult]) -> None:
    assert [str(r.error) for r in sample if not r.ok] == []
    assert len(sample) == 10


def test_mapping_of_a_battle(sample: list[RowResult]) -> None:
    ev = sample[0].event
    assert ev is not None and sample[0].line == 2
    assert ev.id == "acled-SYRH0001" and ev.origin == "acled" and ev.origin_id == "SYRH0001"
    assert (ev.date_start, ev.date_end, ev.date_prec) == (date(2016, 1, 1), date(2016, 1, 1), 1)
    assert ev.event_type == "armed_clash"
    assert (ev.actor1_id, ev.actor2_id) == ("syrian-government", "opposition")
    assert ev.directed is False
    assert ev.fatalities == Fatalities(best=4)
    assert (ev.place.admin1, ev.place.admin2, ev.place.location) == (
        "Homs",
        "Ar Rastan",
        "Teir Maaleh",
    )
    assert (ev.place.lat, ev.place.lon, ev.place.level) == (34.8025, 36.7076, Level.COMMUNITY)
    assert ev.sources == ("SOHR",)
    assert ev.when.earliest.isoformat() == "2015-12-31T22:00:00+00:00"


def test_multiline_notes_keep_line_numbers(sample: list[RowResult]) -> None:
    assert [r.line for r in sample] == [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]
    second = sample[1].event
    assert second is not None and second.notes is not None and "\n" in second.notes
    assert second.assoc_actor1 == () and second.assoc_actor2 == ("Ahrar al-Sham",)
    assert second.actor2_id == "nusra"


def test_types_actors_and_precisions(sample: list[RowResult]) -> None:
    events = {r.event.origin_id: r.event for r in sample if r.event}
    assert events["SYRH0004"].event_type == "shooting" and events["SYRH0004"].civilian_targeting
    assert events["SYRH0004"].actor2_id == "civilians"
    assert events["SYRH0005"].event_type == "shelling" and events["SYRH0005"].actor1_id == "turkey"
    assert events["SYRH0006"].actor2_id == "sdf"
    assert events["SYRH0006"].assoc_actor2 == ("YPG: People's Protection Units",)
    assert events["SYRH0007"].event_type == "ground_advance"
    assert events["SYRH0007"].assoc_actor1 == ("Military Forces of Russia (2000-)",)
    week = events["SYRH0007"]
    assert (week.date_start, week.date_end, week.date_prec) == (
        date(2016, 1, 15),
        date(2016, 1, 21),
        3,
    )
    month = events["SYRH0008"]
    assert (month.date_start, month.date_end, month.date_prec) == (
        date(2016, 1, 1),
        date(2016, 1, 31),
        4,
    )
    assert month.time_precision == 3
    assert events["SYRH0007"].place.level == Level.DISTRICT
    assert events["SYRH0009"].place.level == Level.GOVERNORATE


def test_date_range_helper() -> None:
    assert acled_date_range(date(2016, 2, 10), 1) == (date(2016, 2, 10), date(2016, 2, 10), 1)
    assert acled_date_range(date(2016, 2, 15), 3) == (date(2016, 2, 1), date(2016, 2, 29), 4)


def test_missing_header_column(tmp_path: Path, actors: ActorRegistry) -> None:
    path = _write(tmp_path, {}, drop="fatalities")
    assert (
        _error(path, actors) == f"{path}:1: fatalities: missing column(s) fatalities in the header"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"event_date": "x"}, "event_date: not a date 'x' (expected YYYY-MM-DD)"),
        ({"event_date": "2016-02-30"}, "event_date: not a date '2016-02-30' (expected YYYY-MM-DD)"),
        ({"year": "2015"}, "year: year 2015 does not match event_date 2016-01-01"),
        ({"time_precision": "4"}, "time_precision: 4 is out of range 1..3"),
        ({"latitude": "-95"}, "latitude: -95.0 is out of range -90..90"),
        ({"longitude": "east"}, "longitude: not a number 'east'"),
        ({"geo_precision": "0"}, "geo_precision: 0 is out of range 1..3"),
        ({"fatalities": "-2"}, "fatalities: must not be negative"),
        ({"fatalities": "some"}, "fatalities: not a number 'some'"),
        ({"inter1": "9"}, "inter1: 9 is out of range 0..8"),
        ({"event_type": "Skirmish"}, "event_type: unknown ACLED event type 'Skirmish'"),
        ({"actor1": ""}, "actor1: a value is required"),
    ],
)
def test_validation_rules(
    tmp_path: Path, actors: ActorRegistry, changes: dict[str, str], message: str
) -> None:
    path = _write(tmp_path, changes)
    assert _error(path, actors) == f"{path}:2: {message}"


def test_unmodelled_sub_event_types_are_other(tmp_path: Path, actors: ActorRegistry) -> None:
    path = _write(tmp_path, {"event_type": "Protests", "sub_event_type": "Peaceful protest"})
    (res,) = iter_acled_events(path, actors=actors)
    assert res.event is not None and res.event.event_type == "other"
