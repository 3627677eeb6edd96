"""Shortcuts taken for speed (issue #4) give what the plain computation gives.

Sentences are excerpts of FA-KES (CC BY 4.0) and of the seed article (AFP Arabic); see
tests/data/README.md.
"""

from __future__ import annotations

import random
import re
from dataclasses import fields
from datetime import date

import pytest

from hudna.gazetteer import load_gazetteer
from hudna.gazetteer.scan import scan_text
from hudna.ingest.pipeline import Doc
from hudna.ingest.steps.text import _by_sentence, _matches_by_sentence, key_slice, sentence_matches
from hudna.text.normalize import _char_table, keyed_text, match_key
from hudna.text.slots import slot_setters

TEXTS = [
    ("en", "Russian and Syrian government jets struck rebel-held areas of Aleppo's countryside on "
           "Saturday, killing at least 22 civilians, the Syrian Observatory for Human Rights said. "
           "In Deir-ez-Zor, ISIS fighters shelled the airport; 3 soldiers were killed."),
    ("ar", "وأدت نحو ثلاثين غارة جوية شنتها طائرات النظام السبت على أحياء المعارضة في حلب إلى مقتل "
           "عشرة مدنيين بينهم طفلان، وفق الدفاع المدني. وقُتِل ٣ في ريف إدلب."),
]


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_key_slice_is_the_key_of_the_slice(pipe, lang, text) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2016, 5, 1), lang_hint=lang))
    for a in range(0, len(text), 7):
        for b in (a, a + 1, a + 13, a + 40, a + 60, len(text) + 5):
            assert key_slice(doc, a, b).split() == match_key(text[a:b], lang).split(), (a, b)


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_scan_reuses_the_pipeline_key(lang: str, text: str) -> None:
    gaz = load_gazetteer()
    kt = keyed_text(text, lang)
    assert scan_text(gaz, text, lang, keyed=kt) == gaz.scan(text, lang)
    # a key of another text is not used
    other = keyed_text("Homs", lang)
    assert scan_text(gaz, text, lang, keyed=other) == gaz.scan(text, lang)


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_matches_by_sentence_slices(pipe, lang, text) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2016, 5, 1), lang_hint=lang))
    assert _matches_by_sentence(doc, doc["matches"]) == _by_sentence(doc, doc["matches"])
    assert len(doc["matches_by_sentence"]) == len(doc["sentences"]) == 2
    # out of text order: the general path
    assert _matches_by_sentence(doc, doc["matches"][::-1]) == _by_sentence(doc, doc["matches"][::-1])


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_sentence_matches_index(pipe, lang, text) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2016, 5, 1), lang_hint=lang))
    for ix, ms in zip(sentence_matches(doc), doc["matches_by_sentence"], strict=True):
        assert ix.matches is ms
        for concept in {m.concept for m in ms} | {"regime.truce"}:
            assert ix.of(concept) == [m for m in ms if m.concept == concept]
            assert ix.has(concept) == any(m.concept == concept for m in ms)
        for family in {m.entry.family for m in ms} | {"status"}:
            assert ix.family(family) == [m for m in ms if m.entry.family == family]
        pair = ("casualty.killed", "casualty.injured")
        assert ix.of_any(pair) == [m for m in ms if m.concept in pair]
    assert sentence_matches(doc) is sentence_matches(doc)


@pytest.mark.parametrize("lang", ["en", "ar", "auto"])
def test_lazy_character_table_keys_every_character(lang) -> None:  # type: ignore[no-untyped-def]
    # the table is filled on first sight of a character: the vectorised key must agree with
    # match_key on every BMP character, including those keyed to several characters (ligatures)
    every = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert keyed_text(every, lang).key == match_key(every, lang)
    assert _char_table(lang)[ord("\u0625")] == ("\u0627" if lang != "en" else "\u0625")
    assert _char_table(lang)[0x200F] == ""  # a bidi mark is removed


@pytest.mark.parametrize("lang", ["en", "ar", "auto"])
def test_ascii_key_is_the_key_through_the_code_point_table(lang: str) -> None:
    # the bytes.translate path of ASCII texts gives the key and offsets of the general path,
    # with removed characters (apostrophes), runs of spaces, controls and padding
    from hudna.text.normalize import _keyed_text_lut

    rnd = random.Random(5)
    alphabet = [chr(c) for c in range(128)] + list("''`    ..--aeAE")
    samples = [TEXTS[0][1], "Syria's army", "' Aleppo '", "a''b", "x"]
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40))) for _ in range(3000)]
    for text in samples:
        if not text.strip("'`"):
            continue  # nothing but removed characters (both paths fail alike)
        fast, slow = keyed_text(text, lang), _keyed_text_lut(text, lang)
        assert (fast.key, fast.starts.tolist(), fast.ends.tolist()) == (
            slow.key, slow.starts.tolist(), slow.ends.tolist()), repr(text)
        assert fast.key == match_key(text, lang)


#: The plain reading of each regex that was rewritten to open with a character class (which the
#: regex engine scans for fast): both must find the same matches.
_PLAIN_PATTERNS = {
    "boundary": (r"(?=[.!?\u061f\u061b\n(])(?:[.!?\u061f\u061b]+[\"'\u201d\u2019)\]]*(?=\s|$)|\n+"
                 r"|\((?:[^()\n]{0,40}\s)?(?:[Pp]hotos?|PHOTO|\u0635\u0648\u0631\u0629)\)(?=\s|$))"),
    "digits": r"(?<![\w.])\d{1,3}(?:[,\u066c]\d{3})+(?![\d])|\d+(?:[.\u066b]\d+)?",
    "clock": r"(?<!\d)([01]?\d|2[0-3])[:.\u066b]([0-5]\d)(?!\d)",
    "daynum": r"(?<!\d)(\d{1,2})(?:(?:st|nd|rd|th)(?![A-Za-z]))?(?!\d)",
    "year": r"(?<!\d)((?:19|20)\d\d)(?!\d)",
}


def _regex_samples() -> list[str]:
    rnd = random.Random(4)
    alphabet = "0123456789٠١٢٣.,:;!?؟؛\n ()'\"”’]Pphotos PHOTOصورة٫٬-aبndrh"
    samples = [text for _, text in TEXTS]
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    return samples


@pytest.mark.parametrize("name", sorted(_PLAIN_PATTERNS))
def test_class_first_regexes_match_their_plain_reading(name: str) -> None:
    from hudna.text import dates, numbers, sentences

    fast = {"boundary": sentences._BOUNDARY, "digits": numbers._DIGITS, "clock": dates._CLOCK,
            "daynum": dates._DAYNUM, "year": dates._YEAR}[name]
    plain = re.compile(_PLAIN_PATTERNS[name])
    for text in _regex_samples():
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)], text
        # within a window, as the date rules search a sentence
        lo, hi = 2, max(2, len(text) - 3)
        assert [m.span() for m in fast.finditer(text, lo, hi)] == [m.span() for m in plain.finditer(text, lo, hi)]


def test_ascii_regex_copies_match_on_ascii_text() -> None:
    from hudna.ingest.steps import text as text_step
    from hudna.text import dates, numbers

    pairs = [(numbers._DIGITS, numbers._DIGITS_A), (dates._CLOCK, dates._CLOCK_A), (dates._DIGIT, dates._DIGIT_A),
             (dates._DAYNUM, dates._DAYNUM_A), (dates._YEAR, dates._YEAR_A),
             (text_step._CLOCKISH, text_step._CLOCKISH_A)]
    rnd = random.Random(5)
    alphabet = "0123456789.,:;-_ aZ\n\x1c"
    samples = [t for t in (text for _, text in TEXTS) if t.isascii()]
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    for unicode_rx, ascii_rx in pairs:
        assert ascii_rx.flags & re.ASCII and ascii_rx.pattern == unicode_rx.pattern
        for text in samples:
            assert [(m.span(), m.groups()) for m in ascii_rx.finditer(text)] == [
                (m.span(), m.groups()) for m in unicode_rx.finditer(text)], text


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_word_lists_with_proclitics_answer_the_variant_rule(lang: str) -> None:
    # a key is in the proclitic-expanded list exactly when the key, or the key without a
    # proclitic it starts with (two letters or more left), is in the plain list
    from hudna.ingest.steps.places import _with_proclitics
    from hudna.text.lexicon import load_lexicon

    lex = load_lexicon(lang)
    procl = lex.keys_of("morph.proclitic")
    words = lex.keys_of("place.cue") | lex.keys_of("place.reference") | frozenset({"ab", "x"})

    def variants(key: str) -> set[str]:
        return {key} | {key[len(p):] for p in procl if key.startswith(p) and len(key) - len(p) >= 2}

    expanded = _with_proclitics(words, procl)
    keys = set(words) | {p + w for p in procl for w in words} | {p + p + w for p in procl for w in list(words)[:5]}
    keys |= {w[:-1] for w in words} | {"", "b", "ب", "وب", "بال"}
    for key in keys:
        assert (key in expanded) == bool(variants(key) & words), key


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_frame_word_search_finds_what_the_regex_finds(lang: str) -> None:
    # the str.find search of ASCII texts (and the regex otherwise) gives the spans of the
    # case-insensitive frame regex: cases, word boundaries, overlapping and repeated words
    from hudna.ingest.steps.places import _frame_literals, _frame_regex, _frame_spans, _frame_words

    apps, procl, feats = _frame_words(lang)
    words = [*apps, *procl, *feats]
    pieces = [*words, *(w.upper() for w in words), *(w.title() for w in words), *(w[:-1] for w in words),
              " ", " ", "-", "_", ".", ",", "'", "x", "1", "(", "\n"]
    rnd = random.Random(7)
    samples = [text for _, text in TEXTS] + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
                                             for _ in range(3000)]
    samples += ["Shelling hit the ſuburb and the VILLAGE of Tir Maallah, then the town."]  # not ASCII
    for text in samples:
        assert _frame_spans(text, lang) == [m.span() for m in _frame_regex(lang).finditer(text)], text
    assert (_frame_literals(lang) is not None) == (lang == "en")


@pytest.mark.parametrize(("lang", "text"), [
    *TEXTS,
    ("en", "Last updated at Jan 20 2015 Beirut Syrian government air strikes hit Douma on Monday."),
    ("ar", "بيروت (أ ف ب) - أفادت مصادر اليوم الأحد ١٥ أيار/مايو أن غارات استهدفت حلب."),
])
def test_dateline_words_cut_from_the_key(pipe, lang, text) -> None:  # type: ignore[no-untyped-def]
    # the dateline test reads the words before a place from the text's key, the time
    # expressions left out: the words of the text before it keyed again with them blanked
    from types import SimpleNamespace

    from hudna.ingest.steps.claims import _dateline
    from hudna.text.lexicon import load_lexicon

    doc = pipe(Doc(text, published_on=date(2016, 5, 1), lang_hint=lang))
    words = load_lexicon(lang).keys_of("text.dateline_word")
    allowed = {w for form in words for w in form.split()}

    def plain(sent, ix, start: int) -> bool:  # type: ignore[no-untyped-def]
        if start <= sent.start:
            return True
        before = list(text[sent.start:start])
        for m in ix.family("time"):
            if m.end <= start:
                before[m.start - sent.start:m.end - sent.start] = " " * (m.end - m.start)
        return all(w.isdigit() or w in allowed for w in match_key("".join(before), lang).split())

    seen = set()
    for sent, ix in zip(doc["sentences"], sentence_matches(doc), strict=True):
        for start in range(sent.start, sent.end + 1):
            got = _dateline(doc, sent, ix, SimpleNamespace(start=start), words)
            assert got == plain(sent, ix, start), (sent.text, start)
            seen.add(got)
    assert seen == {True, False}


def test_slot_built_evidence_is_the_constructed_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from hudna.domain.claim import Evidence
    from hudna.errors import ValidationError
    from hudna.ingest.steps import claims

    assert slot_setters(Evidence, ("start", "end", "text", "role")) is not None  # the fast path is taken
    doc = Doc("Air strikes hit Aleppo.")
    for fast in (True, False):
        if not fast:  # another class layout: the constructor
            monkeypatch.setattr(claims, "_make_evidence", Evidence)
        ev = claims._ev(doc, 0, 11, "trigger")
        assert type(ev) is Evidence and ev == Evidence(0, 11, "Air strikes", "trigger")
        assert hash(ev) == hash(Evidence(0, 11, "Air strikes", "trigger"))
        with pytest.raises(ValidationError):
            claims._ev(doc, 16, 40, "place")  # past the end of the text: refused either way


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_slot_built_values_are_the_constructed_ones(lang: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from hudna.text import dates, numbers, sentences

    text += " Until 09:30 GMT on Monday, 20-25 people; about 30." if lang == "en" else " حتى الساعة 9:30 من يوم الاثنين"
    # the fast path is taken: the classes have the slots the builders name
    classes = (dates.TimeExpression, numbers.Quantity, sentences.Sentence)
    assert None not in [slot_setters(cls, tuple(f.name for f in fields(cls))) for cls in classes]

    def run() -> tuple[list, list, list]:  # type: ignore[type-arg]
        return (sentences.split_sentences(text),
                dates.find_time_expressions(text, lang, published_on=date(2016, 5, 1)),
                numbers.find_quantities(text, lang))

    fast = run()
    # another class layout: the constructors
    monkeypatch.setattr(dates, "_make_time", dates.TimeExpression)
    monkeypatch.setattr(numbers, "_make_quantity", numbers.Quantity)
    monkeypatch.setattr(sentences, "_make_sentence", sentences.Sentence)
    plain = run()
    assert all(fast) and fast == plain
    assert [list(map(hash, xs)) for xs in fast] == [list(map(hash, xs)) for xs in plain]


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_slot_built_places_and_claims_are_the_constructed_ones(lang: str, text: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from hudna.domain.claim import Attribution, Casualties, ClaimPlace, ClaimTime, IncidentClaim
    from hudna.gazetteer import scan
    from hudna.gazetteer.model import ScanHit
    from hudna.ingest.pipeline import build_pipeline
    from hudna.ingest.steps import claims, places

    # the fast path is taken: the classes have the slots the builders name
    classes = (ClaimPlace, places.PlaceMention, ScanHit, IncidentClaim, Attribution, Casualties, ClaimTime)
    assert None not in [slot_setters(cls, tuple(f.name for f in fields(cls))) for cls in classes]
    pipe = build_pipeline()

    def run() -> tuple[list, list, list]:  # type: ignore[type-arg]
        places._geocode_in_context.cache_clear()
        places.clear_spelling_cache()
        doc = pipe(Doc(text, published_on=date(2016, 5, 1), lang_hint=lang))
        return doc["places"], doc["claims"], scan_text(load_gazetteer(), text, lang)

    fast = run()

    def kwargs(cls: type):  # type: ignore[no-untyped-def]
        # the constructor, called with keywords as before
        return lambda *values: cls(**dict(zip([f.name for f in fields(cls)], values, strict=True)))

    monkeypatch.setattr(places, "_new_place", kwargs(ClaimPlace))
    monkeypatch.setattr(places, "_new_mention", kwargs(places.PlaceMention))
    monkeypatch.setattr(scan, "_new_hit", kwargs(ScanHit))
    monkeypatch.setattr(claims, "_make_incident", kwargs(IncidentClaim))
    monkeypatch.setattr(claims, "_make_attribution", kwargs(Attribution))
    monkeypatch.setattr(claims, "_make_casualties", kwargs(Casualties))
    monkeypatch.setattr(claims, "_make_claim_time", kwargs(ClaimTime))
    plain = run()
    assert all(fast) and fast == plain
    assert [list(map(hash, xs)) for xs in fast] == [list(map(hash, xs)) for xs in plain]


def test_slot_built_incident_keeps_its_checks() -> None:
    from hudna.domain.claim import Evidence, Provenance
    from hudna.errors import ValidationError
    from hudna.ingest.steps import claims

    ev = (Evidence(0, 4, "raid", "trigger"),)
    args = (claims._NO_CASUALTIES, claims._plain_attribution(None), False, None)
    prov = Provenance("incident.v1", "en-x")
    assert claims._incident("air_strike", ev, prov, None, None, None, None, *args).event_type == "air_strike"
    with pytest.raises(ValidationError):
        claims._incident("picnic", ev, prov, None, None, None, None, *args)
    with pytest.raises(ValidationError):
        claims._incident("air_strike", (), prov, None, None, None, None, *args)


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_matches_built_field_by_field_are_the_constructed_ones(lang: str, text: str) -> None:
    from hudna.text.lexicon import LexiconMatch, get_matcher

    # match_keyed sets these slots itself: a new field must be set there too
    assert set(LexiconMatch.__slots__) == {"start", "end", "text", "entry", "key_start", "key_end", "prefix",
                                           "suffix", "concept"}
    got = get_matcher(lang).match(text)
    assert got
    for m in got:
        plain = LexiconMatch(m.start, m.end, m.text, m.entry, m.key_start, m.key_end, m.prefix, m.suffix)
        assert type(m) is LexiconMatch and m == plain and hash(m) == hash(plain) and m.concept == plain.concept


@pytest.mark.parametrize("lang", ["en", "ar", "auto"])
def test_vectorised_key_is_the_key_of_the_character_loop(lang: str) -> None:
    # the numpy path (_keyed_text_lut → _collapse) gives the key and offsets of the plain
    # character loop on mixed texts: harakat and tatweel removed after a letter, bidi marks,
    # runs and ends of spaces, astral characters (spaces), nothing but removed characters.
    # Where a space ends may differ (the loop stretches a kept space over the spaces and marks
    # it absorbs, the numpy path stops it at the next space): no name starts or ends in one.
    from hudna.text.normalize import _keyed_text_lut, _keyed_text_slow

    rnd = random.Random(11)
    alphabet = list("حلبإدلبالرقة  \n\t.،-'") + ["\u064e", "\u0651", "\u0640", "\u200f", "😀", "Aa", "ز"]
    samples = [TEXTS[1][1], "\u064e", "  ", "😀", "حَلَبَ😀 ", " \u200fحلب\u064e"]
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30))) for _ in range(3000)]
    for text in samples:
        fast, slow = _keyed_text_lut(text, lang), _keyed_text_slow(text, lang)
        assert (fast.key, fast.starts.tolist()) == (slow.key, slow.starts.tolist()), repr(text)
        letters = [i for i, c in enumerate(fast.key) if c != " "]
        assert fast.ends[letters].tolist() == slow.ends[letters].tolist(), repr(text)
        assert fast.key == match_key(text, lang)
