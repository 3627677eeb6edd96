"""UCDP GED reader: mapping of real rows, line numbers, every validation rule."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import Fatalities
from hudna.domain.place import Level
from hudna.ingest.actors import load_actor_registry
from hudna.ingest.readers.common import RowResult
from hudna.ingest.readers.ucdp import iter_ucdp_events, ucdp_event_type

SAMPLE = Path(__file__).parent.parent / "data" / "ucdp_sample.csv"


@pytest.fixture(scope="module")
def actors() -> ActorRegistry:
    return load_actor_registry()


@pytest.fixture(scope="module")
def sample(actors: ActorRegistry) -> list[RowResult]:
    return list(iter_ucdp_events(SAMPLE, actors=actors))


def _rows() -> tuple[list[str], list[dict[str, str]]]:
    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(tmp_path: Path, changes: dict[str, str], *, drop: str | None = None) -> Path:
    """A one-row file: the sample's first row with ``changes`` (and column ``drop`` removed)."""
    header, rows = _rows()
    row = {**rows[0], **changes}
    if drop is not None:
        header = [h for h in header if h != drop]
    path = tmp_path / "events.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    return path


def _error(path: Path, actors: ActorRegistry, **kwargs: object) -> str:
    results = list(iter_ucdp_events(path, actors=actors, **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1 and results[0].error is not None, results
    return str(results[0].error)


def test_sample_reads_without_errors(sample: list[RowResult]) -> None:
    assert len(sample) >= 300
    assert [str(r.error) for r in sample if not r.ok] == []
    assert len({r.event.id for r in sample if r.event}) == len(sample)


def test_first_row_maps_to_event(sample: list[RowResult]) -> None:
    first = sample[0]
    ev = first.event
    assert first.line == 2 and ev is not None
    assert ev.id == "ucdp-214797" and ev.origin == "ucdp" and ev.origin_id == "214797"
    assert (ev.date_start, ev.date_end, ev.date_prec) == (date(2016, 1, 1), date(2016, 1, 1), 1)
    # the whole local day in Damascus (UTC+2 in winter)
    assert ev.when.earliest.isoformat() == "2015-12-31T22:00:00+00:00"
    assert ev.when.latest.isoformat() == "2016-01-01T21:59:59.999999+00:00"
    p = ev.place
    assert (p.country_iso3, p.admin1, p.admin2, p.location) == (
        "SYR",
        "Homs",
        "Ar Rastan",
        "Teir Maaleh village",
    )
    assert (p.lat, p.lon, p.level) == (34.802462, 36.707602, Level.COMMUNITY)
    assert p.admin1_pcode is None  # filled from coordinates on import, not by the reader
    assert (ev.actor1, ev.actor1_id, ev.actor2, ev.actor2_id) == (
        "Government of Syria",
        "syrian-government",
        "Syrian insurgents",
        "opposition",
    )
    assert ev.directed is False and ev.type_of_violence == 1
    assert ev.fatalities == Fatalities(4, 4, 4)
    assert (ev.deaths_a, ev.deaths_b, ev.deaths_civilians, ev.deaths_unknown) == (2, 2, 0, 0)
    assert ev.sources == ("SOHR",) and ev.source_original == "SOHR"
    assert ev.source_headline and ev.source_headline.startswith("14 shells hit Dahya al-Assad")
    assert ev.number_of_sources == 1 and ev.event_clarity == 1
    assert ev.event_type == "armed_clash"  # the headline names shells and clashes: not obvious


def test_line_numbers_follow_multiline_fields(sample: list[RowResult]) -> None:
    # row 223719 has a newline inside source_article; the row after it starts 2 lines later
    lines = {r.event.origin_id: r.line for r in sample if r.event}
    text = SAMPLE.read_text(encoding="utf-8").split("\n")
    for origin_id in ("217846", "223719", "234499", "233232"):
        line = lines[origin_id]
        assert text[line - 1].startswith(origin_id + ","), origin_id
    # every reported line is where its row starts in the file
    for r in sample:
        assert r.event is not None
        assert text[r.line - 1].startswith(r.event.origin_id + ",")


def test_sample_covers_every_precision_code(sample: list[RowResult]) -> None:
    events = [r.event for r in sample if r.event]
    assert {e.date_prec for e in events} == {1, 2, 3, 4, 5}
    assert {e.place.level for e in events} == {
        Level.COMMUNITY,
        Level.SUBDISTRICT,
        Level.DISTRICT,
        Level.GOVERNORATE,
        Level.COUNTRY,
    }
    assert {e.type_of_violence for e in events} == {1, 2, 3}


def test_aleppo_april_2016_government_vs_insurgents(sample: list[RowResult]) -> None:
    events = [r.event for r in sample if r.event]
    hits = [
        e
        for e in events
        if e.place.admin1 == "Aleppo"
        and e.date_start.year == 2016
        and e.date_start.month == 4
        and {e.actor1_id, e.actor2_id} == {"syrian-government", "opposition"}
    ]
    assert len(hits) == 85  # every one of them is in the sample (PRODUCT.md scenario)
    vs_is = [
        e
        for e in events
        if e.place.admin1 == "Aleppo"
        and e.date_start.strftime("%Y-%m") == "2016-04"
        and e.actor1_id == "syrian-government"
        and e.actor2_id == "isis"
    ]
    assert len(vs_is) == 10


def test_one_sided_violence_is_directed(sample: list[RowResult]) -> None:
    one_sided = [r.event for r in sample if r.event and r.event.type_of_violence == 3]
    assert one_sided
    for ev in one_sided:
        assert ev.directed and ev.civilian_targeting and ev.actor2_id == "civilians"
        assert ev.event_type != "armed_clash"
    two_sided = [r.event for r in sample if r.event and r.event.type_of_violence in (1, 2)]
    assert not any(e.directed for e in two_sided)


def test_every_side_maps_to_a_known_actor(sample: list[RowResult]) -> None:
    ids = Counter(aid for r in sample if r.event for aid in (r.event.actor1_id, r.event.actor2_id))
    assert "unknown" not in ids
    assert "coalition:ahrar-al-sham+nusra+southern-front" in ids


@pytest.mark.parametrize(
    ("tov", "headline", "expected"),
    [
        (1, "Intensive airstrikes on Jesrin and al-Rihan", "air_strike"),
        (1, "Warplanes bomb the vicinity of Deir Ezzor airbase", "air_strike"),
        (1, "13 casualties and injuries in shelling by the regime forces on Douma", "shelling"),
        (1, "9 dead when a person detonated a booby trapped car", "explosion"),
        (3, "The Islamic State executes a young man", "execution"),
        (2, "Clashes in the countryside of al-Suwaidaa", "armed_clash"),
        (1, "Airstrikes target Sukhna outskirts and clashes in the desert", "armed_clash"),
        (3, "Clashes and a massacre", "shooting"),
        (3, None, "shooting"),
        (1, "Syria Daily Report 28/02/2016", "armed_clash"),
        (1, "Residents died of suffocation after chlorine gas attack", "chemical"),
        (1, "Kidnapped fighters found dead", "abduction"),
    ],
)
def test_event_type_mapping(tov: int, headline: str | None, expected: str) -> None:
    assert ucdp_event_type(tov, headline) == expected


def test_time_zone_parameter(tmp_path: Path, actors: ActorRegistry) -> None:
    path = _write(tmp_path, {})
    (res,) = iter_ucdp_events(path, actors=actors, tz=ZoneInfo("UTC"))
    assert res.event is not None
    assert res.event.when.earliest.isoformat() == "2016-01-01T00:00:00+00:00"


def test_missing_header_column_is_named(tmp_path: Path, actors: ActorRegistry) -> None:
    path = _write(tmp_path, {}, drop="date_start")
    assert (
        _error(path, actors) == f"{path}:1: date_start: missing column(s) date_start in the header"
    )


def test_optional_columns_may_be_absent(tmp_path: Path, actors: ActorRegistry) -> None:
    path = _write(tmp_path, {}, drop="source_headline")
    (res,) = iter_ucdp_events(path, actors=actors)
    assert res.event is not None and res.event.source_headline is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_start": "x"}, "date_start: not a date 'x' (expected YYYY-MM-DD)"),
        ({"date_start": "01/02/2016"}, "date_start: not a date '01/02/2016' (expected YYYY-MM-DD)"),
        (
            {"date_end": "2015-12-31"},
            "date_end: date_end 2015-12-31 is before date_start 2016-01-01",
        ),
        ({"date_start": ""}, "date_start: a value is required"),
        ({"latitude": "91"}, "latitude: 91.0 is out of range -90..90"),
        ({"longitude": "-180.5"}, "longitude: -180.5 is out of range -180..180"),
        ({"latitude": "north"}, "latitude: not a number 'north'"),
        ({"best": "four"}, "best: not a number 'four'"),
        ({"best": "2.5"}, "best: not a whole number '2.5'"),
        ({"deaths_a": "-1"}, "deaths_a: must not be negative"),
        ({"where_prec": "8"}, "where_prec: 8 is out of range 1..7"),
        ({"date_prec": "0"}, "date_prec: 0 is out of range 1..5"),
        ({"type_of_violence": "4"}, "type_of_violence: 4 is out of range 1..3"),
        ({"event_clarity": "3"}, "event_clarity: 3 is out of range 1..2"),
        ({"number_of_sources": "many"}, "number_of_sources: not a number 'many'"),
    ],
)
def test_validation_rules_name_line_and_field(
    tmp_path: Path, actors: ActorRegistry, changes: dict[str, str], message: str
) -> None:
    path = _write(tmp_path, changes)
    assert _error(path, actors) == f"{path}:2: {message}"


def test_inconsistent_counts_are_repaired_or_refused(tmp_path: Path, actors: ActorRegistry) -> None:
    # Real GED row 317832 (Aleppo, 2016-04-08): low 2, best 16, high 2.
    path = _write(tmp_path, {"low": "2", "best": "16", "high": "2"})
    (res,) = iter_ucdp_events(path, actors=actors)
    assert res.event is not None and res.event.fatalities == Fatalities(2, 16, 16)
    assert _error(path, actors, repair_counts=False) == f"{path}:2: high: high 2 is below best 16"
    path = _write(tmp_path, {"low": "5"})
    assert _error(path, actors, repair_counts=False) == f"{path}:2: low: low 5 is above best 4"


def test_broken_row_names_its_line_among_good_rows(tmp_path: Path, actors: ActorRegistry) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    # break the row that follows a row with a multi-line field
    results = list(iter_ucdp_events(SAMPLE, actors=actors))
    target = next(i for i, r in enumerate(results) if r.event and r.event.origin_id == "223719")
    bad_line = results[target + 1].line
    assert lines[0].split(",")[-9] == "date_start"  # 9th from the end of the 41 columns
    broken = lines[bad_line - 1].split(",")
    broken[-9] = "2016-13-45"
    lines[bad_line - 1] = ",".join(broken)
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = list(iter_ucdp_events(path, actors=actors))
    errors = [r for r in out if not r.ok]
    assert len(errors) == 1 and errors[0].line == bad_line
    assert (
        str(errors[0].error)
        == f"{path}:{bad_line}: date_start: not a date '2016-13-45' (expected YYYY-MM-DD)"
    )
    assert sum(r.ok for r in out) == len(results) - 1


def test_wrong_field_count_and_empty_file(tmp_path: Path, actors: ActorRegistry) -> None:
    header = SAMPLE.read_text(encoding="utf-8").split("\n")[0]
    path = tmp_path / "short.csv"
    path.write_text(header + "\n\n1,2,3\n", encoding="utf-8")
    (res,) = iter_ucdp_events(path, actors=actors)
    assert str(res.error) == f"{path}:3: expected 41 fields, found 3"
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    (res,) = iter_ucdp_events(empty, actors=actors)
    assert str(res.error) == f"{empty}:1: file is empty (no header row)"
