"""Arabic numbers: words with gender/case, duals, approximations, ranges, both digit scripts."""

import pytest

from hudna.text.numbers import find_quantities, parse_quantity

CASES = [
    ("نحو ثلاثين غارة", 24, 30, 36, "about"),
    ("سقوط عشرة قتلى", 10, 10, 10, "exact"),
    ("بينهم طفلان", 2, 2, 2, "exact"),
    ("قتيلين", 2, 2, 2, "exact"),
    ("مقتل جنديين", 2, 2, 2, "exact"),
    ("لأربع وعشرين ساعة", 24, 24, 24, "exact"),
    ("نحو 200 ألف شخص", 160000, 200000, 240000, "about"),
    ("مقتل 20 على الأقل", 20, 20, None, "at_least"),
    ("أكثر من ١٥ قتيلا", 16, 15, None, "more_than"),
    ("ما بين 20 و25 شخصا", 20, 20, 25, "range"),
    ("واصابة عشرات", 20, None, None, "vague"),
    ("ارتفع عدد القتلى إلى ٣٧", 37, 37, 37, "exact"),
    ("قرابة خمسة عشر مدنيا", 12, 15, 18, "about"),
    ("مئتي ألف نازح", 200000, 200000, 200000, "exact"),
    # a vague count of thousands ("مئات الآلاف": at least 200,000); the singular multipliers are
    # exact ("نحو مليون": about a million, not "millions")
    ("مئات الآلاف من السوريين", 200000, None, None, "vague"),
    ("عشرات الآلاف من النازحين", 20000, None, None, "vague"),
    ("آلاف المدنيين", 2000, None, None, "vague"),
    ("نحو مليون شخص", 800000, 1000000, 1200000, "about"),
    ("نزوح مليونين", 2000000, 2000000, 2000000, "exact"),
]


@pytest.mark.parametrize(("text", "low", "best", "high", "kind"), CASES)
def test_quantity(text: str, low: int | None, best: int | None, high: int | None, kind: str) -> None:
    q = parse_quantity(text, "ar")
    assert q is not None
    assert (q.low, q.best, q.high, q.kind) == (low, best, high, kind)
    assert text[q.start : q.end] == q.text


def test_seed_sentence_numbers_in_order() -> None:
    text = "وأدت نحو ثلاثين غارة شنها النظام على مناطق المعارضة أمس السبت إلى سقوط عشرة قتلى، بينهم طفلان"
    assert [q.best for q in find_quantities(text, "ar")] == [30, 10, 2]


def test_bare_singular_noun_is_one_unless_a_number_or_article_goes_with_it():
    assert [(q.best, q.noun) for q in find_quantities("قتل طفل بقصف", "ar")] == [(1, "person.child")]
    assert [q.best for q in find_quantities("قتل 100 طفل و200 ألف شخص", "ar")] == [100, 200000]
    assert find_quantities("بحسب الدفاع المدني", "ar") == []
    assert find_quantities("سقطت مقاتلة سورية", "ar") == []
    assert [q.best for q in find_quantities("أصيبت امرأتين", "ar")] == [2]
