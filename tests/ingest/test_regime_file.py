from pathlib import Path

import pytest

from hudna.errors import RegimeFileError
from hudna.ingest.readers.regimes import (
    parse_regimes,
    read_regime_file,
    regime_from_mapping,
    regime_to_mapping,
)
from tests.conftest import EXAMPLE_REGIMES
from tests.factories import utc


def test_example_encodes_the_2016_scenario() -> None:
    regimes = {r.id: r for r in read_regime_file(EXAMPLE_REGIMES)}
    assert set(regimes) == {
        "syria-2016-coh",
        "syria-2016-calm-latakia",
        "syria-2016-calm-damascus",
        "syria-2016-aleppo",
    }
    coh = regimes["syria-2016-coh"]
    # 2016-02-27 00:00 Damascus (UTC+2 in winter) is 2016-02-26 22:00 UTC; open-ended.
    assert coh.intervals_utc() == [(utc(2016, 2, 26, 22), None)]
    assert set(coh.guarantors()) == {"united-states", "russia"}
    assert {"isis", "nusra"} <= set(coh.excluded_actors)
    latakia = regimes["syria-2016-calm-latakia"]
    assert latakia.parent_id == "syria-2016-coh"
    (start, end), = latakia.intervals_utc()
    assert (end - start).total_seconds() == 72 * 3600
    assert start == utc(2016, 4, 29, 21, 1)
    damascus = regimes["syria-2016-calm-damascus"]
    assert damascus.intervals_utc() == [(utc(2016, 4, 29, 21, 1), utc(2016, 5, 2, 9))]
    assert damascus.in_force_at(utc(2016, 5, 2, 8)) and not damascus.in_force_at(utc(2016, 5, 2, 10))
    aleppo = regimes["syria-2016-aleppo"]
    assert aleppo.status_at(utc(2016, 5, 1, 9)).value == "negotiating"
    assert aleppo.windows == ()


def test_codec_round_trip() -> None:
    for r in read_regime_file(EXAMPLE_REGIMES):
        assert regime_from_mapping(regime_to_mapping(r)) == r


GOOD = """\
regimes:
  - id: r1
    name: {en: R1}
    timezone: Asia/Damascus
    zones:
      - pcodes: [SY02]
    windows:
      - start: "2016-05-01T00:00"
        end: "2016-05-02T00:00"
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "problem"),
    [
        ('end: "2016-05-02T00:00"', 'end: "2016-04-02T00:00"', 9, "regimes[0].windows[0].end", "after"),
        ('end: "2016-05-02T00:00"', 'end: "May 2nd"', 9, "regimes[0].windows[0].end", "format"),
        ("timezone: Asia/Damascus", "timezone: Asia/Nowhere", 4, "regimes[0].timezone", "time zone"),
        ("    zones:", "    colour: red\n    zones:", 5, "regimes[0].colour", "unknown field"),
        ("      - pcodes: [SY02]", "      - pcodes: []", 6, "regimes[0].zones[0].pcodes", ""),
        ("id: r1", "id: 'bad id!'", 2, "regimes[0].id", "format"),
        ("name: {en: R1}", "name: {fr: R1}", 3, "regimes[0].name", ""),
    ],
)
def test_bad_file_names_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, field: str, problem: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace(old, new), encoding="utf-8")
    with pytest.raises(RegimeFileError) as info:
        read_regime_file(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line, str(err)
    assert err.field == field, str(err)
    assert problem in str(err)
    assert str(err).startswith(f"{path}:{line}: {field}: ")


def test_good_file_parses_and_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    assert parse_regimes(GOOD)[0].id == "r1"
    with pytest.raises(RegimeFileError) as info:
        parse_regimes(GOOD + "  - [unclosed\n", source="x.yaml")
    assert info.value.line is not None and info.value.line >= 10


def test_duplicate_ids_and_missing_file(tmp_path: Path) -> None:
    body = GOOD + GOOD.split("regimes:\n", 1)[1]
    with pytest.raises(RegimeFileError, match="duplicate regime id") as info:
        parse_regimes(body, source="dup.yaml")
    assert info.value.line == 10
    with pytest.raises(RegimeFileError, match="file not found"):
        read_regime_file(tmp_path / "nope.yaml")


def test_polygon_zone_must_be_lon_lat(tmp_path: Path) -> None:
    text = GOOD.replace(
        "      - pcodes: [SY02]",
        "      - geometry: {type: Polygon, coordinates: [[[3600000, 3500000], [3700000, 3500000], [3700000, 3600000], [3600000, 3500000]]]}",
    )
    with pytest.raises(RegimeFileError, match="lon/lat") as info:
        parse_regimes(text, source="utm.yaml")
    assert info.value.field == "regimes[0].zones[0].geometry"
