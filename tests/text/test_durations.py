"""Lengths of time in truce statements (``find_durations``), Arabic and English.

Constructed wire-style sentences (none from the development sets): the forms news agencies use to
give a truce's length ("a 72-hour truce", "extended for another 48 hours", "لمدة ثلاثة أيام",
"يومين"), and spans that count from another moment and are no length of anything stated.
"""

from __future__ import annotations

import pytest

from hudna.text.dates import find_durations
from hudna.text.lexicon import get_matcher
from hudna.text.numbers import find_quantities


def durations(text: str, lang: str) -> list[tuple[str, float, bool]]:
    ms = get_matcher(lang).match(text)
    found = find_durations(text, lang, matches=ms, quantities=find_quantities(text, lang, ms))
    for d in found:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.hours, d.marked) for d in found]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Russia announced a 72-hour ceasefire in Aleppo.", "en", [("72-hour", 72.0, True)]),
    ("A three-day truce was declared in Daraa.", "en", [("three-day", 72.0, True)]),
    ("The truce was extended for another 48 hours.", "en", [("48 hours", 48.0, True)]),
    ("The calm will last for a week.", "en", [("week", 168.0, True)]),
    ("A week-long truce in Homs was announced.", "en", [("week", 168.0, True)]),
    ("a day-long pause in the fighting", "en", [("day", 24.0, True)]),
    ("a pause lasting eight hours each day", "en", [("eight hours", 8.0, True)]),
    ("تم تمديد نظام التهدئة في دمشق لمدة 24 ساعة.", "ar", [("24 ساعة", 24.0, True)]),
    ("أعلنت روسيا هدنة في حلب لمدة ثلاثة أيام.", "ar", [("ثلاثة أيام", 72.0, True)]),
    ("تمديد الهدنة يومين إضافيين", "ar", [("يومين", 48.0, False)]),
    ("تمديد التهدئة لأربع وعشرين ساعة أخرى", "ar", [("لأربع وعشرين ساعة", 24.0, True)]),
    ("تهدئة لمدة أسبوع في الغوطة", "ar", [("أسبوع", 168.0, True)]),
    ("هدنة ٧٢ ساعة في حلب", "ar", [("٧٢ ساعة", 72.0, False)]),
])
def test_lengths_of_time(text: str, lang: str, expected: list[tuple[str, float, bool]]) -> None:
    assert durations(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    # counted back or ahead from another moment: no length of what the sentence states
    ("Nine people were killed in the past 24 hours.", "en"),
    ("The truce collapsed 48 hours later.", "en"),
    ("Three days after the truce was announced, fighting resumed.", "en"),
    ("خروقات للهدنة خلال الـ24 ساعة الماضية", "ar"),
    ("بعد 48 ساعة من إعلان الهدنة تجددت الاشتباكات", "ar"),
    # a unit without a count, or an ordinary day
    ("The strikes went on for hours.", "en"),
    ("The truce held through the day.", "en"),
    ("قصف يوم الأحد على حلب", "ar"),
])
def test_spans_that_are_no_length(text: str, lang: str) -> None:
    assert durations(text, lang) == []
