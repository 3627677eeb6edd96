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


def test_script_shares_count_exactly_the_script_letters() -> None:
    # the vectorised count agrees with the script regexes on every code point, astral and lone
    # surrogates included
    from hudna.text.detect import _SCRIPT_RES, script_shares

    every = "".join(chr(cp) for cp in range(0x110000) if cp % 7 == 0 or cp < 0x10000)
    ascii_all = "".join(map(chr, range(128)))
    for text in (every, "Aleppo حلب", "😀 x \ud800 ﻼ", "", "123 ...", ascii_all, "Shelling hit Aleppo."):
        counts = {s: sum(map(len, rx.findall(text))) for s, rx in _SCRIPT_RES.items()}
        total = sum(counts.values())
        expected = {s: round(c / total, 3) for s, c in counts.items()} if total else {}
        assert script_shares(text) == expected


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Talks with Gen.\nSmith ended.", 2),  # a line break always ends a sentence
        ("He met Gen. Smith. Then left.", 2),
        ("The U.S. and the U.N. agreed. Fine.", 2),
        ("Ended at 5. Then more.", 2),
    ],
)
def test_abbreviation_before_dot(text: str, n: int) -> None:
    assert len(split_sentences(text, abbreviations={"gen"})) == n


def test_a_time_abbreviation_ends_no_sentence_before_a_lower_case_word() -> None:
    from hudna.text.sentences import split_sentences

    cont = {"a.m", "p.m"}
    assert [s.text for s in split_sentences("A truce starting at 1 a.m. on Friday. Talks went on.", continued=cont)] == [
        "A truce starting at 1 a.m. on Friday.", "Talks went on."]
    assert len(split_sentences("It came into effect at 7 p.m. (1600 GMT) on Monday.", continued=cont)) == 1
    # before a capital it may end one
    assert len(split_sentences("Shelling stopped at 5 p.m. The army said it would resume.", continued=cont)) == 2
