"""Text scanning and the bundled build (defect report, version)."""

from __future__ import annotations

import pytest

from hudna.gazetteer.build import split_joined


def test_scan_offsets_arabic_and_english(gaz):
    text = "غارات على بريف حلب وللرقة، and shelling in Deir-ez-Zor."
    hits = gaz.scan(text)
    surfaces = [h.surface for h in hits]
    assert surfaces == ["حلب", "لرقة", "Deir-ez-Zor"]
    for h in hits:
        assert text[h.start : h.end] == h.surface
    assert "C1007" in hits[0].place_ids


@pytest.mark.parametrize("text", ["قصف على المدينة", "the village was shelled", "قرية"])
def test_scan_filters_common_words(gaz, text):
    assert gaz.scan(text) == []


def test_scan_and_geocode_know_both_spellings_of_a_compound_name(gaz):
    # OCHA spells "كفر نبل" (Kafr Nobol), "تلكلخ", "خانطومان"; the press "كفرنبل", "تل كلخ",
    # "خان طومان": each is found whole (not its head "خان" and another village "طومان")
    text = "قصف على كفرنبل وتل كلخ وخان طومان وبكفرنبل، وكفر نبل"
    hits = gaz.scan(text)
    assert [h.surface for h in hits] == ["كفرنبل", "تل كلخ", "خان طومان", "كفرنبل", "كفر نبل"]
    assert [("C4068" in h.place_ids, "C2762" in h.place_ids, "C1015" in h.place_ids) for h in hits[:3]] == [
        (True, False, False), (False, True, False), (False, False, True)]
    for name, pcode in (("كفرنبل", "C4068"), ("تل كلخ", "C2762"), ("خان طومان", "C1015")):
        res = gaz.geocode(name, lang="ar")
        assert (res.pcode, res.method) == (pcode, "exact")
    # a word opening with a head but with fewer than three letters after it is not split
    from hudna.text.lang.ar import compound_variants

    assert compound_variants("تلال", frozenset({"تل"})) == []


def test_scan_requires_capital_in_english(gaz):
    assert [h.surface for h in gaz.scan("Near Homs, homs")] == ["Homs"]


def test_build_reports_six_cut_names(gaz):
    cut = sorted(i.place_id for i in gaz.issues if i.problem.startswith("cut"))
    assert cut == ["C1466", "C2327", "C2929", "C2931", "C3935", "C5770"]
    assert any(i.problem.startswith("joins") for i in gaz.issues)


def test_counts_and_version(gaz):
    levels = [p.level.value for p in gaz.places.values()]
    assert (levels.count("governorate"), levels.count("district"), levels.count("subdistrict"), levels.count("community")) == (14, 61, 270, 5251)
    assert gaz.meta["content_hash"][:12] in gaz.version


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [("A_B", "ar", ["A", "B"]), ("Ora Qabli - Edwan", "en", ["Ora Qabli", "Edwan"]), ("Jisr-Ash-Shugur", "en", [])],
)
def test_split_joined(name, lang, expected):
    assert split_joined(name, lang) == expected


def test_scan_keeps_the_article_of_names_that_are_common_nouns(gaz):
    # "الباب" is the town, "باب" a gate ("حي باب توما" in Damascus is no Al-Bab of Aleppo)
    assert [h.surface for h in gaz.scan("قذيفة على حي باب توما، وغارات على مدينة الباب")] == ["الباب"]
