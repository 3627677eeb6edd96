"""Names learned from coded events (issue #3): the reader, the learning rules, layers, the
exclusion used by the benchmark, and the CLI.

Real rows: tests/data/ucdp_ged_syria_2016_sample.csv (UCDP GED 2016, CC BY 4.0, see
tests/data/README.md) and tests/data/acled_sample.csv (ACLED-format rows written from UCDP facts).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from pyproj import Geod

from hudna.domain.place import Level
from hudna.errors import AmbiguousPlaceWarning, DataError
from hudna.gazetteer import Gazetteer, load_gazetteer
from hudna.gazetteer.build import (
    apply_layer,
    exclude_records,
    read_gazetteer_db,
    write_gazetteer_db,
)
from hudna.gazetteer.learn import CodedPlace, learn_layer
from hudna.gazetteer.readers import read_coded_places
from tests.clirun import run

warnings.simplefilter("ignore", AmbiguousPlaceWarning)

DATA = Path(__file__).resolve().parents[1] / "data"
UCDP = DATA / "ucdp_ged_syria_2016_sample.csv"
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def records() -> list[CodedPlace]:
    return read_coded_places(UCDP)


@pytest.fixture(scope="module")
def learned(gaz: Gazetteer, records: list[CodedPlace]):
    layer, report = learn_layer(gaz, records, name="test-layer", source="ucdp sample", licence="CC BY 4.0", id_prefix="UCDP")
    return layer, report, gaz.with_layer(layer)


def _km(r, lon: float, lat: float) -> float:
    return GEOD.inv(lon, lat, r.lon, r.lat)[2] / 1000


def test_reader_reads_ucdp_rows(records):
    assert len(records) == 300
    r = next(x for x in records if x.text == "Handarat village")
    assert r.where_prec in (1, 2) and r.context == "Jabal Saman district, Aleppo Governorate"
    assert 36 < r.lat < 37 and 37 < r.lon < 38


def test_reader_maps_acled_precision():
    recs = read_coded_places(DATA / "acled_sample.csv")
    first = recs[0]
    assert (first.record_id, first.text, first.where_prec) == ("SYRH0001", "Teir Maaleh", 1)
    assert first.context == "Ar Rastan, Homs" and first.date == "2016-01-01"


def test_reader_errors_name_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude\n"
                   "1,1,Handarat village,,,36.28,37.16\n0,1,Nowhere village,,,,\n"
                   "2,1,Khan Tuman town,,,north,36.9\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_coded_places(bad)
    assert exc.value.line == 4 and exc.value.field == "latitude" and "bad.csv" in str(exc.value)
    missing = tmp_path / "missing.csv"
    missing.write_text("id,where_coordinates,latitude,longitude\n1,X,1,2\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_coded_places(missing)
    assert exc.value.field == "where_prec"
    with pytest.raises(DataError):
        read_coded_places(DATA / "README.md")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Handarat village", ["Handarat"]),
        ("Hamah Military Airport", ["Hamah Military Airport"]),  # facility: learned whole
        ("Kobane/Ayn al Arab town", ["Kobane", "Ayn Al Arab"]),
        ("Al-Rai town (Choban Bey)", ["Al Rai", "Choban Bey"]),
        ("Road between Ariha and Jisr ash Shughur", []),  # a compound is no point
        ("Eastern Hamah Governorate", []),  # an admin area
        ("Idlib countryside", []),
    ],
)
def test_learnable_names(gaz, text, names):
    assert gaz.learnable_names(text) == names


def test_known_strings_teach_nothing(learned):
    layer, report, _ = learned
    assert report.known > 0
    assert not any(n.name.lower().startswith("tall hamis") for n in layer.names)  # OCHA Tal Hmis finds it
    assert report.strings == report.known + report.aliases + report.points + sum(report.skipped.values())


def test_missing_place_becomes_a_point_with_admin_codes(gaz, learned, records):
    _, _, lgaz = learned
    assert gaz.geocode("Handarat village", context="Jabal Saman district, Aleppo Governorate").level != Level.POINT
    rec = next(x for x in records if x.text == "Handarat village")
    r = lgaz.geocode("Handarat village", context="Jabal Saman district, Aleppo Governorate")
    assert r.level == Level.POINT and r.pcode.startswith("UCDP-")
    assert (r.admin1_pcode, r.admin2_pcode) == ("SY02", "SY0200")
    assert _km(r, rec.lon, rec.lat) < 0.1
    # another spelling of the learned name is found too (learned names are phonetically indexed)
    assert lgaz.geocode("Hindarat", context="Aleppo").pcode == r.pcode


def test_coded_around_a_location_keeps_its_precision(gaz):
    recs = [
        CodedPlace("9001", "Abu Allaj", 38.1773, 35.4902, 2, "As Safirah district, Aleppo Governorate"),
        CodedPlace("9003", "Tall Syriatel", 36.93, 35.12, 1, "Mintaqat Markaz Hamah district, Hamah Governorate"),
    ]
    layer, rep = learn_layer(gaz, recs, name="t", source="t", licence="t", id_prefix="T")
    assert rep.points == 2
    lgaz = gaz.with_layer(layer)
    r = lgaz.geocode("Abu Allaj")
    assert (r.pcode, r.level, r.geo_precision, r.where_prec) == ("T-9001", Level.POINT, 2, 2)
    r = lgaz.geocode("Tall Syriatel")
    assert (r.pcode, r.level, r.geo_precision, r.where_prec) == ("T-9003", Level.POINT, 1, 1)


def test_similar_name_near_a_community_becomes_its_alias(gaz):
    # UCDP's "Hamouriyah" is OCHA's Hammura (C2316) 30 m away: a new name of the community
    comm = gaz.get("C2316")
    recs = [CodedPlace("9002", "Hamouriyah town", comm.lon + 0.0003, comm.lat, 1, "")]
    layer, rep = learn_layer(gaz, recs, name="t", source="t", licence="t")
    assert rep.known == 0 and rep.aliases == 1 and not layer.places
    assert [(n.place_id, n.name, n.kind) for n in layer.names] == [("C2316", "Hamouriyah", "learned")]


def test_name_of_a_known_place_nearby_is_not_taken(gaz):
    # real UCDP GED 2016 strings: the silos are coded 13 km from OCHA's Tadmor, "Latakia town"
    # 2.4 km off the city's point: neither may take the known place's name; the silos keep
    # their own
    recs = [
        CodedPlace("319293", "Silos east of Palmyra/Tadmur", 38.411667, 34.602778, 1, "Tadmur district, Homs Governorate"),
        CodedPlace("216370", "Latakia town", 35.790106, 35.531683, 1, "Latakia district, Latakia Governorate"),
    ]
    layer, rep = learn_layer(gaz, recs, name="t", source="t", licence="t", id_prefix="T")
    assert {n.name for n in layer.names} == {"Silos East Of Palmyra"}
    assert rep.skipped["names a known place nearby"] == 1
    lgaz = gaz.with_layer(layer)
    assert lgaz.geocode("Tadmur", lang="en").name_en == "Tadmor"
    assert lgaz.geocode("Latakia", lang="en").pcode == gaz.geocode("Lattakia", lang="en").pcode == "C3480"


def test_unknown_alternative_of_a_known_place_becomes_its_name(gaz):
    # "Tadmur/Palmyra town" (UCDP 215139) is Tadmor: "Palmyra" becomes its name
    assert gaz.geocode("Palmyra", lang="en").name_en != "Tadmor"
    recs = [CodedPlace("215139", "Tadmur/Palmyra town", 38.28402, 34.5624, 1, "Tadmur district, Homs Governorate")]
    layer, rep = learn_layer(gaz, recs, name="t", source="t", licence="t", id_prefix="T")
    assert [(n.place_id, n.name) for n in layer.names] == [("C2889", "Palmyra")] and rep.aliases == 1
    assert gaz.with_layer(layer).geocode("Palmyra", lang="en").pcode == "C2889"


def test_one_place_for_one_name_at_one_point(gaz):
    recs = [
        CodedPlace("1", "Qwayq Jadid village", 37.02, 36.30, 1),
        CodedPlace("2", "Qwayq Jadid town", 37.021, 36.301, 1),
        CodedPlace("3", "Qwayq Jadid village", 40.10, 35.10, 1),  # the same name far away
    ]
    layer, rep = learn_layer(gaz, recs, name="t", source="t", licence="t", id_prefix="T")
    assert len(layer.places) == 2 and rep.points == 2


def test_bad_coordinates_are_refused(gaz):
    with pytest.raises(DataError) as exc:
        learn_layer(gaz, [CodedPlace("7", "Somewhere village", 200.0, 35.0, 1)], name="t", source="t", licence="t")
    assert "record 7" in str(exc.value)


def test_excluding_records_removes_what_they_taught(gaz, learned, records):
    layer, _, lgaz = learned
    rid = next(x.record_id for x in records if x.text == "Handarat village")
    assert lgaz.excluding_records(["nothing"]) is lgaz
    without = lgaz.excluding_records({r.record_id for r in records})
    assert without.learned_name_count() == 0
    assert without.geocode("Handarat village", context="Jabal Saman district, Aleppo Governorate").level != Level.POINT
    assert "learned names" in without.version
    # names also learned from other records stay
    built, dropped = exclude_records(apply_layer(gaz.built, layer), [rid])
    assert dropped >= 1 and len(built.names) == len(gaz.built.names) + len(layer.names) - dropped


def test_layer_file_loads_with_its_base(tmp_path, learned):
    layer, _, lgaz = learned
    layer.meta["layer_of"] = "syria-ocha-2015"
    path = tmp_path / "layer.sqlite.gz"
    write_gazetteer_db(layer, path)
    back = read_gazetteer_db(path.read_bytes(), path=str(path))
    assert back.records == layer.records and {p.where_prec for p in back.places} == {p.where_prec for p in layer.places}
    g = load_gazetteer(str(path))
    assert g.version.startswith("syria-ocha-2015 2015 sha256:") and "+ test-layer sha256:" in g.version
    assert g.geocode("Handarat village").pcode == lgaz.geocode("Handarat village").pcode


def test_apply_layer_refuses_conflicts(gaz, learned):
    layer, _, _ = learned
    with pytest.raises(DataError):
        apply_layer(apply_layer(gaz.built, layer), layer)


def test_learned_names_are_not_scanned_in_text(learned):
    _, _, lgaz = learned
    assert not [h for h in lgaz.scan("Fighting near Handarat village on Monday.") if h.surface == "Handarat"]


def test_bundled_default_has_the_ucdp_2016_layer(gaz_learned):
    assert "+ learned-ucdp-ged-2016 sha256:" in gaz_learned.version
    assert gaz_learned.learned_name_count() > 300
    r = gaz_learned.geocode("Khan al Asal town", context="Jabal Saman district, Aleppo Governorate")
    assert r.level == Level.POINT and r.admin1_pcode == "SY02"


def test_cli_learn_then_geocode_with_the_layer(tmp_path, capsys):
    out = tmp_path / "mine.sqlite.gz"
    code, stdout, err = run(capsys, "gazetteer", "learn", str(UCDP), "--out", str(out), "--gazetteer", "syria-ocha-2015")
    assert code == 0, err
    assert "new points" in stdout and out.is_file()
    code, stdout, _ = run(capsys, "geocode", "Handarat village", "--gazetteer", str(out), "--format", "jsonl")
    assert code == 0 and '"level": "point"' in stdout
    code, stdout, _ = run(capsys, "gazetteer", "info", "--gazetteer", str(out))
    assert "learned_names" in stdout and "layer " in stdout
    code, _, err = run(capsys, "gazetteer", "learn", str(DATA / "README.md"), "--out", str(tmp_path / "x.sqlite"))
    assert code != 0 and "README.md" in err
