"""Lexicon matcher, Arabic: real news phrasing (seed article, AFP 2016-05-01; SNN corpus)."""

import pytest

from hudna.text.lexicon import get_matcher

CASES = [
    ("وأدت نحو ثلاثين غارة شنها النظام على مناطق المعارضة", {"incident.air_strike", "actor.syrian-government", "actor.opposition"}),
    ("بحسب الدفاع المدني في الجزء الذي تسيطر عليه المعارضة", {"source.syrian-civil-defence", "actor.opposition"}),
    ("قال المرصد السوري لحقوق الإنسان القريب من المعارضة", {"source.sohr", "attribution.said"}),
    ("ونقلت وكالات الأنباء الروسية عن الجنرال", {"source.russian-media", "attribution.according_to"}),
    ("تمّ تمديد “التهدئة” حول دمشق", {"status.extended", "regime.truce"}),
    ("الطيران المروحي يستهدف بالبراميل المتفجرة أحياء مدينة إدلب", {"incident.air_strike", "actor.syrian-government", "incident.bombardment"}),
    ("قذائف هاون على حي الخالدية", {"incident.shelling"}),
    ("انفجار سيارة مفخخة", {"incident.explosion"}),
    ("اختطاف عناصر من الفرقة 30 على يد جبهة النصرة", {"incident.abduction", "actor.nusra", "actor.opposition"}),
    ("غارات لطيران التحالف الدولي على مواقع لتنظيم الدولة", {"actor.us-coalition", "actor.isis"}),
    ("غير أن تقارير إعلامية موازية تحدثت عن غارات", {"hedge.reportedly", "source.media-reports", "incident.air_strike"}),
    ("ولم تشن صباح الأحد أي غارة", {"negation.not", "negation.any", "time.morning", "time.weekday"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_concepts_found(text: str, expected: set[str]) -> None:
    found = {m.concept for m in get_matcher("ar").match(text)}
    assert expected <= found


def test_spans_point_into_original_text() -> None:
    text = "وأدّت نحو ثلاثين غارةً شنّها النظامُ"
    for m in get_matcher("ar").match(text):
        assert text[m.start : m.end] == m.text
    air = [m for m in get_matcher("ar").match(text) if m.concept == "incident.air_strike"]
    assert air and air[0].text == "غارةً"


def test_proclitic_and_article_are_skipped() -> None:
    ms = get_matcher("ar").match("وبالغارات")
    assert [m.concept for m in ms] == ["incident.air_strike"]


def test_word_inside_another_word_is_not_matched() -> None:
    # "عن" must not match inside "عنب" and "لا" not inside "اللاذقية"
    concepts = {m.concept for m in get_matcher("ar").match("عنب اللاذقية")}
    assert "attribution.originator_marker" not in concepts
    assert "negation.not" not in concepts


def test_verbs_carry_no_preposition_or_article() -> None:
    # seed article: "وعقد كيري محادثات" — Kerry is no "ك" + "يرى" (a verb of saying)
    said = [m.text for m in get_matcher("ar").match("وعقد كيري محادثات، وقال لهم") if m.concept == "attribution.said"]
    assert said == ["وقال"]
    # conjunctions and the future particle still attach to verbs
    assert {m.concept for m in get_matcher("ar").match("فأكد")} == {"attribution.said"}
    assert {m.concept for m in get_matcher("ar").match("وسيقول")} == {"attribution.said"}
