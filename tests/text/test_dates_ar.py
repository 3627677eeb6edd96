"""Arabic time expressions (seed article, published Sunday 2016-05-01)."""

from datetime import date

import pytest

from hudna.text.dates import find_time_expressions, resolve_weekday

PUB = date(2016, 5, 1)
CASES = [
    ("قد أعلنت أمس السبت أنها لن تطلب", "2016-04-30", "day", None),
    ("بعد قصف شنته قوات النظام والمعارضة ليل السبت", "2016-04-30", "part_of_day", "night"),
    ("ساد هدوء هش صباح الأحد مدينة حلب", "2016-05-01", "part_of_day", "morning"),
    ("تأكيده اليوم الأحد إعلانا روسيا", "2016-05-01", "day", None),
    ("تظاهرات من 30 نيسان/ابريل", "2016-04-30", "day", None),
    ("حتى 7 أيار/مايو الجاري", "2016-05-07", "day", None),
    ("قتل ٣ مدنيين في 12 تموز", "2015-07-12", "day", None),
    ("وقعت الاشتباكات يوم الخميس", "2016-04-28", "day", None),
]


@pytest.mark.parametrize(("text", "on", "precision", "part"), CASES)
def test_dates(text: str, on: str, precision: str, part: str | None) -> None:
    found = find_time_expressions(text, "ar", published_on=PUB)
    assert found, text
    t = found[0]
    assert (str(t.on), t.precision, t.part_of_day) == (on, precision, part)
    assert text[t.start : t.end] == t.text


def test_until_gmt_tomorrow_monday() -> None:
    text = "تمديد التهدئة لأربع وعشرين ساعة أخرى حتى الساعة التاسعة بتوقيت غرينتش ليوم غد الاثنين"
    (t,) = [x for x in find_time_expressions(text, "ar", published_on=PUB) if x.is_until]
    assert t.at is not None and t.at.isoformat() == "2016-05-02T09:00:00+00:00"
    assert t.tz == "UTC" and t.precision == "hour"


def test_hour_without_zone_is_damascus_time() -> None:
    (t,) = find_time_expressions("الساعة العاشرة صباح اليوم", "ar", published_on=PUB)
    assert t.at is not None and t.at.utcoffset() is not None and t.tz == "Asia/Damascus"


def test_next_weekday() -> None:
    (t,) = find_time_expressions("الاثنين المقبل", "ar", published_on=PUB)
    assert t.on == date(2016, 5, 2)
    assert resolve_weekday(7, PUB, direction="last") == date(2016, 4, 24)


@pytest.mark.parametrize(("text", "at", "until"), [
    # midnight ends the night named with it: "منتصف ليل الجمعة" is Saturday 00:00
    ("دخل وقف إطلاق النار حيز التنفيذ منتصف ليل الجمعة", "2016-04-30T00:00:00+03:00", False),
    ("تم تمديد الهدنة حتى منتصف ليل الاثنين", "2016-05-03T00:00:00+03:00", True),
    ("بدءا من منتصف الليلة", "2016-05-02T00:00:00+03:00", False),
    # twelve at night is midnight; other hours at night: 22:00, but 02:00 after midnight
    ("تمديد التهدئة حتى الساعة 12 ليلاً", "2016-05-02T00:00:00+03:00", True),
    ("حتى الساعة الثانية عشرة من منتصف ليل الأحد", "2016-05-02T00:00:00+03:00", True),
    ("الساعة العاشرة ليلا من يوم السبت", "2016-04-30T22:00:00+03:00", False),
    ("قصف عند الساعة الثانية ليلا", "2016-05-01T02:00:00+03:00", False),
])
def test_midnight_and_hours_at_night(text: str, at: str, until: bool) -> None:
    (t,) = find_time_expressions(text, "ar", published_on=PUB)
    assert t.at is not None and (t.at.isoformat(), t.is_until) == (at, until)
    assert t.part_of_day == "night"


def test_a_start_stated_ahead_is_the_coming_weekday() -> None:
    # said on Wednesday 4 May: "from Thursday 01:00" is the next day, not last week's Thursday
    text = "سيطبق نظام التهدئة في حلب اعتبارا من الساعة الواحدة من صباح يوم الخميس"
    (t,) = find_time_expressions(text, "ar", published_on=date(2016, 5, 4))
    assert t.at is not None and t.at.isoformat() == "2016-05-05T01:00:00+03:00"
    (t,) = find_time_expressions("وقعت الاشتباكات يوم الخميس", "ar", published_on=date(2016, 5, 4))
    assert str(t.on) == "2016-04-28"


@pytest.mark.parametrize(("text", "lang", "on"), [
    ("قتل أربعة أشخاص في الثالث من حزيران الجاري", "ar", "2016-06-03"),
    ("في الثالث والعشرين من أيار الماضي", "ar", "2016-05-23"),
    ("killed on the third of June", "en", "2016-06-03"),
])
def test_an_ordinal_before_the_month_is_its_day(text: str, lang: str, on: str) -> None:
    (t,) = find_time_expressions(text, lang, published_on=date(2016, 6, 12))
    assert (str(t.on), t.precision) == (on, "day")


def test_an_hours_ordinal_is_no_day() -> None:
    (t,) = find_time_expressions("حتى الساعة الثالثة من حزيران", "ar", published_on=date(2016, 6, 12))
    assert t.on is None and t.at is not None and t.at.hour == 3


def test_the_day_before_yesterday_with_yawm() -> None:
    (t,) = find_time_expressions("قتل ثلاثة يوم أمس الأول", "ar", published_on=date(2016, 5, 3))
    assert str(t.on) == "2016-05-01"


@pytest.mark.parametrize(("text", "on"), [
    # the month of writing ("الشهر الجاري") or the one before it ("الشهر الماضي"), with a day
    ("في الثالث عشر من الشهر الجاري", "2016-07-13"),
    ("في 2 من الشهر الجاري", "2016-07-02"),
    ("في الأول من الشهر الماضي", "2016-06-01"),
])
def test_days_of_relative_months(text: str, on: str) -> None:
    (t,) = find_time_expressions(text, "ar", published_on=date(2016, 7, 3))
    assert str(t.on) == on
