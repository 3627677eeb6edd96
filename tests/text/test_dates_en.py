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
