"""Arabic match-key steps (DESIGN.md §4): one table per step, then the whole key."""

from __future__ import annotations

import pytest

from hudna.text.lang import ar
from hudna.text.normalize import keyed_text, match_key, name_key


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (ar.strip_bidi, "\u200fحلب\u200e", "حلب"),
        (ar.strip_bidi, "\u202bادلب\u202c\ufeff", "ادلب"),
        (ar.nfkc, "\ufefb", "\u0644\u0627"),
        (ar.nfkc, "\ufe8d\ufedf", "ال"),
        (ar.remove_tatweel, "حـــلب", "حلب"),
        (ar.strip_harakat, "حَلَبُ", "حلب"),
        (ar.strip_harakat, "مُعَرَّةُ", "معرة"),
        (ar.unify_alef, "إدلب", "ادلب"),
        (ar.unify_alef, "أريحا آمنة ٱلرقة", "اريحا امنة الرقة"),
        (ar.alef_maqsura_to_ya, "بصرى", "بصري"),
        (ar.ta_marbuta_to_ha, "الرقة", "الرقه"),
        (ar.arabic_digits_to_ascii, "٢٠١٦", "2016"),
        (ar.arabic_digits_to_ascii, "۱۵", "15"),
        (ar.fold_persian_letters, "کوبانی", "كوباني"),
    ],
)
def test_step(step, text, expected):
    assert step(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حلب", "حلب"),
        ("إِدْلِب", "ادلب"),
        ("دير الزّور", "دير الزور"),
        ("الرقّة،  ٢٠١٦", "الرقه 2016"),
        ("قصف على ريف إدلب الجنوبي (٣ قتلى)", "قصف علي ريف ادلب الجنوبي 3 قتلي"),
        ("\u200fمعرة النعمان\u200f", "معره النعمان"),
    ],
)
def test_match_key(text, expected):
    assert match_key(text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("دير الزور", "دير زور"), ("الرستن", "رستن"), ("معرة النعمان", "معره نعمان"), ("حلب", "حلب")],
)
def test_name_key_removes_article(text, expected):
    assert name_key(text, "ar") == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("وحلب", ["حلب"]), ("بريف", ["ريف"]), ("وبريف", ["بريف", "ريف"]), ("للرقه", ["الرقه", "لرقه", "رقه"]), ("بنش", [])],
)
def test_strip_proclitics(token, expected):
    assert ar.strip_proclitics(token) == expected


def test_keyed_text_maps_back_to_original_offsets():
    text = "قصفٌ على  حَلَبَ، وإِدْلِب"
    kt = keyed_text(text, "ar")
    assert kt.key == match_key(text, "ar")
    i = kt.key.index("حلب")
    s, e = kt.span(i, i + 3)
    assert text[s:e] == "حَلَبَ"
    j = kt.key.index("وادلب")
    s, e = kt.span(j, j + 5)
    assert text[s:e] == "وإِدْلِب"


def test_keyed_text_presentation_forms_slow_path():
    text = "مدينة \ufefb"
    kt = keyed_text(text, "ar")
    assert kt.key == match_key(text, "ar") == "مدينه لا"
    assert text[slice(*kt.span(6, 8))] == "\ufefb"
