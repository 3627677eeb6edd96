"""English numbers."""

import pytest

from hudna.text.numbers import find_quantities, parse_quantity

CASES = [
    ("at least 22 people", 22, 22, None, "at_least"),
    ("at least a dozen", 12, 12, None, "at_least"),
    ("about 100 injured", 80, 100, 120, "about"),
    ("twenty-five killed", 25, 25, 25, "exact"),
    ("dozens of people", 24, None, None, "vague"),
    ("more than 1,200 people", 1201, 1200, None, "more_than"),
    ("between 20 and 25 people", 20, 20, 25, "range"),
    ("six civilians", 6, 6, 6, "exact"),
    ("two hundred thousand", 200000, 200000, 200000, "exact"),
    # a vague count of thousands: at least two of them ("hundreds of thousands": 200,000)
    ("hundreds of thousands of people", 200000, None, None, "vague"),
    ("tens of thousands of displaced", 20000, None, None, "vague"),
    ("thousands of people", 2000, None, None, "vague"),
]


@pytest.mark.parametrize(("text", "low", "best", "high", "kind"), CASES)
def test_quantity(text: str, low: int | None, best: int | None, high: int | None, kind: str) -> None:
    q = parse_quantity(text, "en")
    assert q is not None
    assert (q.low, q.best, q.high, q.kind) == (low, best, high, kind)


def test_at_least_before_a_figure_opens_it() -> None:
    # "4016 At least 12 civilians": "at least" belongs to the 12, not after the 4016 (a page
    # counter); after a figure with none following it still bounds that figure
    qs = [(q.best, q.kind) for q in find_quantities("Get short URL 4016 At least 12 civilians were killed", "en")]
    assert qs == [(4016, "exact"), (12, "at_least")]
    assert [(q.best, q.kind) for q in find_quantities("killed 20 people at least", "en")] == [(20, "at_least")]


def test_dozen_multiplies_the_number_before_it():
    from hudna.text.numbers import find_quantities

    assert [(q.low, q.best, q.kind) for q in find_quantities("killed more than two dozen", "en")] == [(25, 24, "more_than")]
    assert [q.best for q in find_quantities("a dozen civilians and three dozen fighters", "en")] == [12, 36]
