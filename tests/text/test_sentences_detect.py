"""Sentence splitting with offsets; language detection (ar/en/mixed)."""

import pytest

from hudna.text.detect import detect_language
from hudna.text.sentences import split_sentences

SEED = (
    "وكانت روسيا، أقوى حليف للرئيس بشار الأسد، قد أعلنت أمس السبت أنها لن تطلب من النظام التوقف عن قصف حلب.\n\n"
    "هدوء هش\n\nوبعد قصف شنته قوات النظام والمعارضة ليل السبت، ساد هدوء هش صباح الأحد مدينة حلب (شمال)."
)


def test_seed_paragraphs_split_with_offsets() -> None:
    sents = split_sentences(SEED)
    assert len(sents) == 3
    for s in sents:
        assert SEED[s.start : s.end] == s.text
    assert sents[1].text == "هدوء هش"


def test_english_abbreviations() -> None:
    text = "A U.S. missile strike hit the base. Homs Governor Talal Barazi said it."
    assert len(split_sentences(text)) == 2


@pytest.mark.parametrize(
    ("text", "lang", "mixed"),
    [
        ("أعلنت روسيا الأحد أن محادثات جارية للتوصل إلى وقف للمعارك في محافظة حلب", "ar", False),
        ("A bomb blast killed six people in the Salah al-Din district of Aleppo", "en", False),
        ("قال كيري in Geneva إن the truce في حلب is holding", "en", True),
    ],
)
def test_detect(text: str, lang: str, mixed: bool) -> None:
    d = detect_language(text)
    assert (d.lang, d.mixed) == (lang, mixed)
