"""English numbers."""

import pytest

from hudna.text.numbers import parse_quantity

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
]


@pytest.mark.parametrize(("text", "low", "best", "high", "kind"), CASES)
def test_quantity(text: str, low: int | None, best: int | None, high: int | None, kind: str) -> None:
    q = parse_quantity(text, "en")
    assert q is not None
    assert (q.low, q.best, q.high, q.kind) == (low, best, high, kind)
