"""Curated alternate names (issue #3): the press names of places OCHA names otherwise or in one
language only (``hudna/data/syria_alternate_names.yaml``), a layer of the bundled default."""

from __future__ import annotations

import warnings

import pytest

from hudna.errors import AmbiguousPlaceWarning, DataError
from hudna.gazetteer import Gazetteer
from hudna.gazetteer.alternates import (
    LAYER_NAME,
    alternates_layer,
    bundled_alternates,
    read_alternates,
)

warnings.simplefilter("ignore", AmbiguousPlaceWarning)


@pytest.mark.parametrize(
    ("query", "context", "pcode"),
    [
        # Damascus neighbourhoods OCHA names in English only: "القابون" was Ain al-Arab (by sound)
        ("القابون", None, "C10011012"),
        ("حي القابون", None, "C10011012"),
        ("Qaboun", None, "C10011012"),
        ("المزة", None, "C10011071"),
        ("كفرسوسة", None, "C10011010"),
        ("ركن الدين", None, "C10011035"),
        # a namesake elsewhere: the context tells them apart ("جوبر" is also a village of Homs)
        ("جوبر", "دمشق", "C10011011"),
        ("جوبر", "حمص", "C2504"),
        # the Yarmouk camp is OCHA's community Yarmuk of Damascus, not Yarmuk of Ar-Raqqa
        ("مخيم اليرموك", None, "C1002"),
        ("Yarmouk camp", None, "C1002"),
        # Tabqa is OCHA's Al-Thawrah (the city), not the village Tabaqa of Al-Hasakeh
        ("الطبقة", None, "C5929"),
        ("مدينة الطبقة", None, "C5929"),
        ("Tabqa city", None, "C5929"),
    ],
)
def test_press_names_answer_their_place(gaz_learned: Gazetteer, query: str, context: str | None, pcode: str) -> None:
    assert gaz_learned.geocode(query, context=context).pcode == pcode


def test_alternate_names_are_scanned_in_text(gaz_learned: Gazetteer) -> None:
    text = "قصف على حي القابون ومخيم اليرموك، وغارات على الطبقة"
    hits = {h.surface: h.place_ids for h in gaz_learned.scan(text)}
    assert hits["القابون"] == ("C10011012",)
    assert hits["مخيم اليرموك"] == ("C1002",)
    assert "C5929" in hits["الطبقة"]


def test_the_layer_is_listed_and_keeps_display_names(gaz_learned: Gazetteer) -> None:
    assert LAYER_NAME in gaz_learned.version
    p = gaz_learned.get("C10011012")
    assert (p.name_en, p.name_ar) == ("Al-Kaboon", None)  # OCHA's display names unchanged
    assert {n.name for n in gaz_learned.names_of("C10011012")} >= {"Al-Kaboon", "القابون", "Qaboun"}


def test_bundled_file_reads_and_every_pcode_exists(gaz: Gazetteer) -> None:
    meta, rows, _ = bundled_alternates()
    assert meta["licence"].startswith("Apache-2.0") and rows
    layer = alternates_layer(gaz.built, rows, meta=meta)
    assert layer.places == [] and layer.names
    assert all(n.kind == "alternate" for n in layer.names)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("places: [{pcode: C1, fr: [x]}]", "unknown language 'fr'"),
        ("places: [{pcode: C1, ar: []}]", "non-empty list"),
        ("places: [{pcode: C1, ar: [x]}, {pcode: C1, en: [y]}]", "duplicate P-code"),
        ("places: [{ar: [x]}]", "'pcode'"),
        ("places: {}", "'places' list"),
        ("places: [", "not valid YAML"),
    ],
)
def test_bad_files_are_refused_with_the_entry(text: str, message: str) -> None:
    with pytest.raises(DataError, match=message) as exc:
        read_alternates(text, path="alt.yaml")
    assert "alt.yaml" in str(exc.value)


def test_an_unknown_pcode_is_refused(gaz: Gazetteer) -> None:
    _, rows = read_alternates("places: [{pcode: C999999, ar: [قرية]}]", path="alt.yaml")
    with pytest.raises(DataError, match="C999999"):
        alternates_layer(gaz.built, rows, path="alt.yaml")
