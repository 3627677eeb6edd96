"""Named regions (issue #3): "الغوطة الشرقية", "Qalamoun", "Jabal al-Zawiya" are places of level
``region`` of the bundled default, defined by OCHA P-codes in ``hudna/data/syria_regions.yaml``."""

from __future__ import annotations

import warnings

import pytest

from hudna.domain.place import LEVEL_RANK, Level
from hudna.errors import AmbiguousPlaceWarning, DataError
from hudna.gazetteer import Gazetteer
from hudna.gazetteer.regions import (
    AROUND_M,
    LAYER_NAME,
    bundled_regions,
    read_regions,
    regions_layer,
)
from hudna.geo.admin import distance_m
from tests.clirun import run

warnings.simplefilter("ignore", AmbiguousPlaceWarning)


@pytest.mark.parametrize(
    ("query", "region", "where_prec"),
    [
        ("الغوطة الشرقية", "SYR-R-EGHOUTA", 2),
        ("بالغوطة الشرقية", "SYR-R-EGHOUTA", 2),  # clitic ب
        ("Eastern Ghouta", "SYR-R-EGHOUTA", 2),
        ("الغوطة الغربية", "SYR-R-WGHOUTA", 2),
        ("القلمون", "SYR-R-QALAMOUN", 3),  # not the village Qalmun of Lattakia
        ("Qalamoun", "SYR-R-QALAMOUN", 3),
        ("جرود القلمون", "SYR-R-WQALAMOUN", 3),
        ("وادي بردى", "SYR-R-WBARADA", 2),
        ("جبل الزاوية", "SYR-R-ZAWIYA", 2),
        ("Jabal az Zawiyah area", "SYR-R-ZAWIYA", 2),  # a UCDP GED 2016 string
        ("سهل الغاب", "SYR-R-GHAB", 3),
        ("Ghab plain", "SYR-R-GHAB", 3),
        ("الحولة", "SYR-R-HOULA", 2),  # not Hole of Al-Hasakeh
        ("Houla", "SYR-R-HOULA", 2),
        ("جبل الأكراد", "SYR-R-AKRAD", 2),
        ("Jabal al-Turkman", "SYR-R-TURKMAN", 2),
        ("حوض اليرموك", "SYR-R-YARMOUK", 2),
        ("الجولان", "SYR-R-GOLAN", 2),  # not half of the joined name "Golan - Qurret Qawaqez"
        ("Golan Heights", "SYR-R-GOLAN", 2),
        ("جبل العرب", "SYR-R-JABALARAB", 3),
    ],
)
def test_region_names_answer_the_region(gaz_learned: Gazetteer, query: str, region: str, where_prec: int) -> None:
    r = gaz_learned.geocode(query)
    assert r.pcode == region, (query, r.pcode, r.name_en, r.reason)
    assert r.level == Level.REGION
    assert (r.geo_precision, r.where_prec) == (2, where_prec)
    assert r.admin1_pcode == gaz_learned.get(region).admin1_pcode


def test_the_context_still_chooses_a_namesake(gaz_learned: Gazetteer) -> None:
    # "الغوطة" is read as the Damascus Ghouta, unless the text is about Ar-Raqqa
    assert gaz_learned.geocode("الغوطة").pcode == "SYR-R-EGHOUTA"
    r = gaz_learned.geocode("الغوطة", context="الرقة")
    assert (r.pcode, r.admin1_pcode) == ("C5728", "SY11")


def test_each_region_lies_in_its_governorate_at_the_mean_of_its_members(gaz_learned: Gazetteer) -> None:
    _, defs, _ = bundled_regions()
    assert len(defs) >= 10
    for d in defs:
        p = gaz_learned.get(d.region_id)
        assert p.lat is not None and p.lon is not None
        assert gaz_learned.reverse(lon=p.lon, lat=p.lat).admin1_pcode == d.admin1, d.region_id
    # Eastern Ghouta: the mean point of Duma, Harasta, Arbin ... (20 communities), all within 25 km
    eg = gaz_learned.get("SYR-R-EGHOUTA")
    members = [gaz_learned.get(c) for c in next(d for d in defs if d.region_id == "SYR-R-EGHOUTA").members]
    assert eg.lat == pytest.approx(sum(m.lat or 0 for m in members) / len(members), abs=1e-4)
    assert max(distance_m(lon1=eg.lon or 0, lat1=eg.lat or 0, lon2=m.lon or 0, lat2=m.lat or 0) for m in members) <= AROUND_M
    # an admin member stands for its communities: Houla = the Taldu sub-district
    assert gaz_learned.get("SYR-R-HOULA").admin3_pcode == "SY040101"


def test_region_names_are_not_scanned_in_text(gaz_learned: Gazetteer) -> None:
    # "قرية جوزف في منطقة جبل الزاوية": the village is the place, the region qualifies it
    hits = gaz_learned.scan("غارة على قرية جوزف في منطقة جبل الزاوية")
    assert "SYR-R-ZAWIYA" not in {pid for h in hits for pid in h.place_ids}
    assert "C4303" in {pid for h in hits for pid in h.place_ids}


def test_region_is_coarser_than_a_community() -> None:
    # imports and adjudication treat a region as imprecise: no community P-code, no distance
    assert LEVEL_RANK[Level.SUBDISTRICT] < LEVEL_RANK[Level.REGION] < LEVEL_RANK[Level.COMMUNITY]


_GOOD = """
meta: {version: "1", updated_on: "2026-12-02", source: test, licence: test}
regions:
  - id: SYR-T-1
    name_en: Test Region
    names: {ar: [منطقة اختبار], en: [Test Region]}
    admin1: SY03
    members: [C2338, C2342]
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("members: [C2338, C2342]", "members: [C2338, C9999999]"), "member 'C9999999' is not in the gazetteer"),
        (("members: [C2338, C2342]", "members: [C2338, C1007]"), "lies in SY02, not in SY03"),
        (("admin1: SY03", "admin1: SY0301"), "not a governorate"),
        (("    name_en: Test Region\n", ""), "missing or empty 'name_en'"),
        (("members: [C2338, C2342]", "members: []"), "non-empty list"),
    ],
)
def test_bad_region_entries_are_refused_naming_file_and_entry(gaz: Gazetteer, change: tuple[str, str], message: str) -> None:
    text = _GOOD.replace(*change)
    with pytest.raises(DataError) as exc:
        meta, defs = read_regions(text, path="regions.yaml")
        regions_layer(gaz.built, defs, meta=meta, path="regions.yaml")
    assert message in str(exc.value)
    assert "regions.yaml" in str(exc.value)


def test_a_regions_file_builds_a_layer(gaz: Gazetteer) -> None:
    meta, defs = read_regions(_GOOD, path="regions.yaml")
    layer = regions_layer(gaz.built, defs, meta=meta)
    (p,) = layer.places
    assert (p.place_id, p.level, p.admin1_pcode, p.admin2_pcode, p.where_prec) == ("SYR-T-1", Level.REGION, "SY03", "SY0302", 2)
    assert {n.match_key for n in layer.names if n.lang == "en"} == {"test region"}
    assert layer.meta["built_at"] == "2026-12-02" and layer.meta["layer_of"] == gaz.name


def test_gazetteer_info_lists_the_regions_layer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "gazetteer", "info")
    assert code == 0
    assert LAYER_NAME in out
