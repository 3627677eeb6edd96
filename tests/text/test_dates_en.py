"""English time expressions."""

from datetime import date

import pytest

from hudna.text.dates import find_time_expressions

PUB = date(2016, 5, 1)
CASES = [
    ("bombardment on Saturday night", "2016-04-30", "night"),
    ("air strikes yesterday", "2016-04-30", None),
    ("clashes on Friday", "2016-04-29", None),
    ("on 30 April", "2016-04-30", None),
    ("on April 30, 2015", "2015-04-30", None),
    ("Wed 05 Apr 2017 Syria attack", "2017-04-05", None),
]


@pytest.mark.parametrize(("text", "on", "part"), CASES)
def test_dates(text: str, on: str, part: str | None) -> None:
    t = find_time_expressions(text, "en", published_on=PUB)[0]
    assert (str(t.on), t.part_of_day) == (on, part)


def test_gmt_clock_tomorrow() -> None:
    t = find_time_expressions("until 9:00 GMT tomorrow", "en", published_on=PUB)[0]
    assert t.at is not None and t.at.isoformat() == "2016-05-02T09:00:00+00:00"
    assert t.is_until


@pytest.mark.parametrize(("text", "span"), [
    # FA-KES leads without punctuation: the figure after the year counts the dead
    ("Wed Jun 1 2016 15 Syrian Civilians 3 Children Killed in Aleppo", "Wed Jun 1 2016"),
    ("Friday 24 Oct 2014 Ten children were killed", "Friday 24 Oct 2014"),
    ("On 24 Oct 10 people died", "24 Oct"),
    # counter-example: a clock time after the date is part of it
    ("on 1 June 2016 at 09:00 GMT", "1 June 2016 at 09:00 GMT"),
])
def test_number_after_a_date_is_not_part_of_it(text: str, span: str) -> None:
    t = find_time_expressions(text, "en", published_on=PUB)[0]
    assert t.text == span


@pytest.mark.parametrize(("text", "published", "at"), [
    # an end time given to the hour is announced ahead: the weekday from the day of writing on
    ("extended until 09:00 GMT on Monday", PUB, "2016-05-02T09:00:00+00:00"),
    ("until 09:00 GMT on Sunday", PUB, "2016-05-01T09:00:00+00:00"),
])
def test_until_weekday_with_clock_looks_ahead(text: str, published: date, at: str) -> None:
    t = find_time_expressions(text, "en", published_on=published)[0]
    assert t.is_until and t.at is not None and t.at.isoformat() == at


def test_until_weekday_without_clock_keeps_the_past_reading() -> None:
    # "fighting went on until Saturday", said on Sunday: the day before
    t = find_time_expressions("fighting went on until Saturday", "en", published_on=PUB)[0]
    assert str(t.on) == "2016-04-30"


@pytest.mark.parametrize(("text", "at"), [
    ("starting at 1 a.m. on Saturday", "2016-04-30T01:00:00+03:00"),
    ("at 3 pm on Friday", "2016-04-29T15:00:00+03:00"),
    ("at 12 a.m. on Friday", "2016-04-29T00:00:00+03:00"),
])
def test_hour_before_am_pm(text: str, at: str) -> None:
    t = find_time_expressions(text, "en", published_on=PUB)[0]
    assert t.at is not None and t.at.isoformat() == at and t.precision == "hour"


@pytest.mark.parametrize(("text", "at", "until"), [
    # midnight ends the day named with it; a deadline is announced ahead (said on Sunday 1 May)
    ("The truce was extended until midnight on Monday.", "2016-05-03T00:00:00+03:00", True),
    ("extended until midnight Sunday", "2016-05-02T00:00:00+03:00", True),
    # a clock time restated in GMT in parentheses: the day after it still belongs to the time
    ("The ceasefire took effect at midnight (2200 GMT) on Friday", "2016-04-30T00:00:00+03:00", False),
    ("The truce took effect at 7:00 pm (1600 GMT) on Saturday", "2016-04-30T19:00:00+03:00", False),
    ("a lull from 10 pm (19:00 GMT) on Friday", "2016-04-29T22:00:00+03:00", False),
])
def test_midnight_and_restated_gmt(text: str, at: str, until: bool) -> None:
    (t,) = find_time_expressions(text, "en", published_on=PUB)
    assert t.at is not None and (t.at.isoformat(), t.is_until, t.tz) == (at, until, "Asia/Damascus")


def test_gmt_in_parentheses_alone_still_sets_the_zone() -> None:
    # no local time before it: the GMT time is the time
    (t,) = find_time_expressions("at 22:00 (GMT) on Friday", "en", published_on=PUB)
    assert t.at is not None and t.at.isoformat() == "2016-04-29T22:00:00+00:00"


@pytest.mark.parametrize(("text", "on"), [
    ("a regime of calm in Aleppo for 48 hours starting at 1 a.m. on Thursday", "2016-05-05"),
    ("The truce, effective Thursday, covers Aleppo", "2016-05-05"),
    ("shelling began on Thursday", "2016-04-28"),  # no start marker: the past Thursday
])
def test_a_start_stated_ahead_is_the_coming_weekday(text: str, on: str) -> None:
    (t,) = find_time_expressions(text, "en", published_on=date(2016, 5, 4))
    assert str(t.on) == on


@pytest.mark.parametrize(("text", "lang", "on", "span"), [
    ("killed two days ago", "en", "2016-04-29", "two days ago"),
    ("a day ago", "en", "2016-04-30", "a day ago"),
    ("قتل قبل يومين", "ar", "2016-04-29", "قبل يومين"),
    ("قصف قبل خمسة أيام على دوما", "ar", "2016-04-26", "قبل خمسة أيام"),
])
def test_days_ago(text: str, lang: str, on: str, span: str) -> None:
    (t,) = find_time_expressions(text, lang, published_on=date(2016, 5, 1))
    assert (str(t.on), t.text) == (on, span)


def test_the_verb_last_is_no_last_weekday() -> None:
    pub = date(2016, 7, 3)  # a Sunday
    (t,) = find_time_expressions("the calm will last until midnight on Monday", "en", published_on=pub)
    assert t.is_until and t.at is not None and t.at.isoformat() == "2016-07-05T00:00:00+03:00"
    (t,) = find_time_expressions("clashes last Monday", "en", published_on=pub)
    assert str(t.on) == "2016-06-27"


@pytest.mark.parametrize(("text", "on"), [
    # ordinal suffixes, and the month of writing or the one before it, with a day
    ("on the 13th of June", "2016-06-13"),
    ("on 21st June 2016", "2016-06-21"),
    ("on the 2nd of this month", "2016-07-02"),
    ("on the 30th of last month", "2016-06-30"),
])
def test_ordinal_days_and_relative_months(text: str, on: str) -> None:
    (t,) = find_time_expressions(text, "en", published_on=date(2016, 7, 3))
    assert str(t.on) == on


def test_a_relative_month_alone_dates_nothing() -> None:
    assert find_time_expressions("fighting this month", "en", published_on=date(2016, 7, 3)) == []


def test_a_clock_time_in_p_m_restated_in_gmt() -> None:
    (t,) = find_time_expressions("at 7 p.m. (1600 GMT) on Monday", "en", published_on=date(2016, 7, 3))
    assert t.at is not None and t.at.isoformat() == "2016-06-27T19:00:00+03:00"
    assert find_time_expressions("the PM said", "en", published_on=date(2016, 7, 3)) == []
