"""Phonetic matching (issue #3): transliteration-folding keys, the phonetic index, context
thresholds, batched geocoding and the scanner's bulk offset mapping.

The UCDP table holds real strings of tests/data/ucdp_ged_syria_2016_sample.csv (UCDP GED 2016,
CC BY 4.0) with the event's admin names as context and the OCHA P-code within 1.5 km of UCDP's
point; the name-only column says whether the name alone finds it too (``False``: it needs the
context, e.g. several villages of that name). Tested on the OCHA gazetteer alone (the ``gaz``
fixture): the bundled learned layer comes from these very events.
"""

from __future__ import annotations

import warnings

import pytest

from hudna.errors import AmbiguousPlaceWarning
from hudna.gazetteer.phonetic import query_keys, similarity
from hudna.text.lang import ar, en
from hudna.text.normalize import match_key

warnings.simplefilter("ignore", AmbiguousPlaceWarning)


def _pk(name: str) -> tuple[str, str]:
    return en.phonetic_keys(match_key(name, "en"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al Huzaymah", "Hazimeh"),  # u/a/i vowels, ay = ei, -ah/-eh
        ("Teir Maaleh", "Tir Maallah"),  # doubled letters, ei/i
        ("Tall Battal Sharqi", "Eastern Tal Battal"),  # qualifying word moved to the end
        ("As Samdaniyah al Gharbiyah", "Western Samdaniyeh"),  # feminine adjective forms
        ("Urum al Kubra", "Big Orm"),
        ("Dayr az Zawr", "Deir ez-Zor"),  # aw = o, articles
        ("Ash Shaykh Miskin", "Sheikh Miskine"),
    ],
)
def test_phonetic_keys_fold_transliteration_variants(a, b):
    assert _pk(a)[1] == _pk(b)[1]
    assert similarity(*_pk(a), *_pk(b)) >= 90


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Al Muzayrib", "المزيريب"), ("Teir Maaleh", "تير معلا"), ("Dhameer", "الضمير"), ("Tiba al Gharbiyah", "الطيبة الغربية")],
)
def test_arabic_names_get_the_latin_consonant_key(latin, arabic):
    assert _pk(latin)[1] == ar.latin_consonant_key(match_key(arabic, "ar"))


def test_query_keys_of_an_arabic_query_have_no_vowel_key():
    assert query_keys(["المزيريب"], "ar") == ("", "mzrb")


# (UCDP where_coordinates, "adm_2, adm_1", OCHA P-code, found by name alone)
UCDP = [
    ("Kafr Kalbin village", "Mintaqat Azaz district, Aleppo Governorate", "C1568", True),
    ("Jafrah village", "Deir ez Zor district, Deir ez Zor Governorate", "C5080", True),
    ("Tawila village", "Ar Raqqah district, Ar Raqqah Governorate", "C5712", False),
    ("Maarat al-Numaan town", "Maarat al-Numaan district, Idlib Governorate", "C3985", True),
    ("Khan Tuman town", "Jabal Saman district, Aleppo Governorate", "C1015", True),
    ("Manbij town", "Manbij district, Aleppo Governorate", "C1767", True),
    ("Yaqid al Adas village", "Jabal Saman district, Aleppo Governorate", "C1132", True),
    ("Al Busayrah town", "Deir ez Zor district, Deir ez Zor Governorate", "C5110", True),
    ("Beqin town", "Mintaqat az Zabadani district, Rif Dimashq Governorate", "C2449", True),
    ("Tall Qarah village", "Mintaqat Azaz district, Aleppo Governorate", "C1638", False),
    ("Al Lataminah town", "Muhradah district, Hamah Governorate", "C3458", False),  # two villages "Latmana"
    ("Moadamiyat al-Sham town", "Darayya district, Rif Dimashq Governorate", "C2499", True),
    ("As Salu village", "Deir ez Zor district, Deir ez Zor Governorate", "C5188", False),  # 4 villages named so
    ("Ash Shaykh Miskin town", "Izra district, Daraa Governorate", "C6126", True),
    ("Khan Shaykhun town", "Maarat al-Numaan district, Idlib Governorate", "C3987", True),
    ("Al Qamishli  town", "Al Qamishli district, Al Hasakah Governorate", "C4564", True),
    ("Dayr Muqrin village", "Mintaqat az Zabadani district, Rif Dimashq Governorate", "C2444", True),
    ("Yani Yaban (Al-Judaydah) village", "Mintaqat Azaz district, Aleppo Governorate", "C1662", False),  # many Jdideh
    ("Al Qurayya town", "Al Mayadin district, Deir ez Zor Governorate", "C5207", False),
    ("Al Bogeleyyah suburb", "Deir ez Zor district, Deir ez Zor Governorate", "C5079", True),
    ("Kokab village", "Mintaqat Markaz Hamah district, Hamah Governorate", "C3037", False),
    ("Maardes town", "Mintaqat Markaz Hamah district, Hamah Governorate", "C3031", True),
    ("Isa Binar/Ayn Isa village", "Latakia district, Latakia Governorate", "C3514", False),
    ("Kasrah village", "Manbij district, Aleppo Governorate", "C1876", False),  # Kasra, Kisreh elsewhere
    ("Tall Hamis town", "Al Qamishli district, Al Hasakah Governorate", "C4639", True),
    ("Inkhil town", "As Sanamayn district, Daraa Governorate", "C6058", True),
    ("Tadmur/Palmyra town", "Tadmur district, Homs Governorate", "C2889", True),
    ("Kharufiyah Saghirah/Shabali villge", "Manbij district, Aleppo Governorate", "C1733", True),
    ("As Sukhnah town", "Tadmur district, Homs Governorate", "C2893", True),
    ("Hamdaniyah village", "Al Hasakah district, Al Hasakah Governorate", "C4501", False),
    ("Ibtaa town", "Markaz Daraa district, Daraa Governorate", "C6031", True),
    ("Tallbisah  town", "Ar Rastan district, Homs Governorate", "C2882", True),
]


@pytest.mark.parametrize(("query", "context", "pcode", "by_name"), UCDP)
def test_ucdp_strings_with_their_admin_context(gaz, query, context, pcode, by_name):
    assert gaz.geocode(query, lang="en", context=context).pcode == pcode
    if by_name:
        assert gaz.geocode(query, lang="en").pcode == pcode


def test_geocode_many_equals_geocode(gaz):
    names = [q for q, *_ in UCDP] + ["Blorptown village", "حلب", "ريف إدلب"]
    contexts = [c for _, c, *_ in UCDP] + [None, None, "Idlib Governorate"]
    many = gaz.geocode_many(names, contexts=contexts)
    assert many == [gaz.geocode(n, context=c) for n, c in zip(names, contexts, strict=True)]
    assert gaz.geocode_many(names[:3]) == [gaz.geocode(n) for n in names[:3]]
    with pytest.raises(ValueError):
        gaz.geocode_many(names, contexts=contexts[:2])


@pytest.mark.parametrize(
    ("context", "admin1", "admin2"),
    [
        ("Rif Dimashq Governorate", {"SY03"}, set()),  # "rif" is part of the name here
        ("Mintaqat Markaz Hamah district, Hamah Governorate", {"SY05"}, {"SY0501"}),
        ("Mintaqat az Zabadani district, Rif Dimashq Governorate", {"SY03"}, {"SY0307"}),
        ("Ar Rastan district, Homs Governorate", {"SY04"}, {"SY0404"}),
    ],
)
def test_ucdp_admin_names_resolve_to_areas(gaz, context, admin1, admin2):
    ctx = gaz._context(context)
    assert set(ctx.admin1) == admin1 and admin2 <= set(ctx.admin2)


def test_context_lowers_the_threshold_only_inside_its_areas(gaz):
    # OCHA "Hamadaniyeh" (C4501) in Al Hasakah district: too far a spelling to accept anywhere,
    # close enough inside the district the context names.
    assert gaz.geocode("Hamdaniyah village", lang="en").pcode != "C4501"
    r = gaz.geocode("Hamdaniyah village", lang="en", context="Al Hasakah district, Al Hasakah Governorate")
    assert r.pcode == "C4501" and r.method == "phonetic"


def test_not_found_reports_the_closest_rejected_name(gaz):
    r = gaz.geocode("Blorptown village")
    assert r.pcode is None and r.reason.startswith("no gazetteer name matches")


def test_scan_maps_offsets_in_bulk(gaz):
    text = "Shelling on homs and Hama; غارات على بريف حلب وفي Deir-ez-Zor and Teir Maaleh. " * 50
    hits = gaz.scan(text)
    assert all(text[h.start : h.end] == h.surface for h in hits)
    assert [h.surface for h in hits[:3]] == ["Hama", "حلب", "Deir-ez-Zor"]
    assert sum(1 for h in hits if h.surface == "Hama") == 50
    assert not any(h.surface == "homs" for h in hits)  # lower-case Latin hit in a cased text


def _ucdp_sample(rows: list[dict[str, str]]) -> tuple[list[str], list[str | None]]:
    """Distinct where_coordinates strings of the sample with their "adm_2, adm_1" context,
    as bench/geocode.py builds them."""
    seen: dict[str, str | None] = {}
    for row in rows:
        name = row["where_coordinates"].strip()
        if name and name not in seen:
            seen[name] = ", ".join(x for x in (row["adm_2"], row["adm_1"]) if x) or None
    return list(seen), list(seen.values())


def test_geocode_many_equals_geocode_on_the_ucdp_sample(gaz, ucdp_rows):
    # The batched path (shared analyses, one cdist per area, vectorised scoring) must give
    # exactly what geocode gives name by name, with and without context.
    names, contexts = _ucdp_sample(ucdp_rows)
    assert len(names) > 100
    for lang in ("en", "auto"):
        gaz._context_cache.clear()  # resolve the contexts inside the batched call
        many = gaz.geocode_many(names, lang=lang, contexts=contexts)
        assert many == [gaz.geocode(n, lang=lang, context=c) for n, c in zip(names, contexts, strict=True)]
    assert gaz.geocode_many(names, lang="en") == [gaz.geocode(n, lang="en") for n in names]


def test_geocode_many_equals_geocode_in_arabic(gaz):
    names = ["حلب", "ريف إدلب", "بريف حلب الجنوبي", "المزيريب", "تير معلة", "قرية الشمسية", "معرة النعمان", "كفرنبل"]
    contexts = [None, None, "ريف حلب", "درعا", "Homs Governorate", "ريف الحسكة", None, "ريف ادلب"]
    assert gaz.geocode_many(names, contexts=contexts) == [
        gaz.geocode(n, context=c) for n, c in zip(names, contexts, strict=True)
    ]


def test_batched_phonetic_candidates_equal_the_scalar_ones(gaz, ucdp_rows):
    from hudna.gazetteer.core import _Memo

    names, contexts = _ucdp_sample(ucdp_rows)
    queries = []
    for name, ctx_text in zip(names, contexts, strict=True):
        ctx = gaz._context(ctx_text) if ctx_text else None
        memo = _Memo()
        for part, _ in gaz._query_parts(name, "en", memo):
            _, _, _, core, _, _, _ = gaz._prep(part, "en", memo)
            if core:
                vq, cq = memo.query_keys(core, "en")
                queries.append((vq, cq, ctx.areas if ctx else ()))
    queries += [("", "mzrb", ("SY1201",)), ("", "trml", ()), ("", "x", ())]  # Arabic; too short
    phon = gaz._phon
    hits: dict = {}
    many = phon.candidates_many(queries, hits)
    assert many == [phon.candidates(*q) for q in queries]
    assert sum(1 for m in many if m) > 50


def test_area_search_equals_rapidfuzz_extract(gaz):
    from rapidfuzz import fuzz, process

    phon = gaz._phon
    for area in ("SY0208", "SY0404", "SY02"):
        dist = phon._districts[area]
        queries = [k for k in dist.vkeys[::37] if k] + ["kandaraya", "zzzz"]
        got = phon.area_search(area, "v", queries)
        for q, res in zip(queries, got, strict=True):
            ref = process.extract(q, dist.vkeys, scorer=fuzz.ratio, limit=6, score_cutoff=60)
            assert res == tuple(dist.vidx[j] for _, _, j in ref)


def test_precomputed_rank_equals_the_reference(gaz):
    from hudna.gazetteer.core import _Cand

    ctx = gaz._context("Jarabulus district, Aleppo Governorate")
    for pid in list(gaz.places)[::7]:
        c = _Cand(pid, 81.3, "phonetic", "x")
        for flags in ((None, False, False), ("community", False, False), ("governorate", True, False)):
            assert gaz._rank(c, flags, ctx) == gaz._rank_slow(c, flags, ctx)


def test_area_search_of_one_query_equals_the_batched_one(gaz):
    phon = gaz._phon
    queries = ["kandaraya", "mazarab", "tal", "zzzz", "kafarnabal"]
    for kind in ("v", "c"):
        batched = phon.area_search("SY0208", kind, queries)
        assert batched == [phon.area_search("SY0208", kind, [q])[0] for q in queries]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Waziyah", "Wazeiyeh"),  # consonantal y of -iyah/-iyeh
        ("Killi", "Kelly"),  # a final y is a vowel
        ("Wadiah", "Wadeeah"),  # a word-initial w is a consonant
    ],
)
def test_glides_are_consonants_where_arabic_has_them(a, b):
    assert _pk(a) == _pk(b)


def test_an_extra_vowel_costs_little():
    assert _pk("Zebdeen")[1] == _pk("Zabadin")[1]
    assert similarity(*_pk("Zebdeen"), *_pk("Zabadin")) >= 90


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("Utaya", "أوتايا"), ("Waziyah", "الوازعية"), ("Wadiah", "وديعة"), ("Ayyash", "عياش"), ("Dawud", "داود")],
)
def test_arabic_glides_follow_the_same_rules(latin, arabic):
    assert _pk(latin)[1] == ar.latin_consonant_key(match_key(arabic, "ar"))


@pytest.mark.parametrize(
    ("query", "context", "pcode"),
    [
        ("Utaya town", "Duma district, Rif Dimashq Governorate", "C2350"),  # OCHA "Otania", أوتايا
        ("Killi town", "Markaz Idlib district, Idlib Governorate", "C3949"),  # OCHA "Kelly"
        ("Al-Rai town (Choban Bey)", "Al Bab district, Aleppo Governorate", "C1250"),  # one consonant: Ar-Ra'ee
        ("Isa Binar/Ayn Isa village", "Latakia district, Latakia Governorate", "C3514"),  # half of a joined name
        ("Atmeh IDP camp", "Harim district, Idlib Governorate", "C4130"),  # facility words removed
    ],
)
def test_ucdp_spellings_found_in_context(gaz, query, context, pcode):
    assert gaz.geocode(query, lang="en", context=context).pcode == pcode


@pytest.mark.parametrize(
    ("context", "areas", "admin3"),
    [
        ("Markaz Rif Dimashq district, Rif Dimashq Governorate", ("SY0301",), set()),  # the centre district
        ("Homs Governorate", ("SY04",), set()),  # not the district of the city Homs
        ("Tadmur district, Homs Governorate", ("SY0405",), set()),
        ("Tall Abyad district, Ar Raqqah Governorate", ("SY1102",), set()),  # "Tall" is not At Tall
        ("Jisr ash Shughur district, Idlib Governorate", ("SY0704",), set()),
        ("Atarib district, Aleppo Governorate", ("SY0200",), {"SY020001"}),  # GADM district = OCHA sub-district
    ],
)
def test_admin_segments_of_a_context(gaz, context, areas, admin3):
    ctx = gaz._context(context)
    assert ctx.areas == areas and admin3 <= set(ctx.admin3)


def test_centre_district_is_the_capitals(gaz):
    assert gaz.centre_district("SY02") == "SY0200" and gaz.centre_district("SY03") == "SY0301"


def test_free_text_context_is_still_scanned(gaz):
    ctx = gaz._context("Government forces shelled villages near Harim on Tuesday")
    assert "SY0703" in ctx.admin2 or "SY07" in ctx.admin1


def _phonetic_token_loop(token: str) -> tuple[str, str]:
    """The letter-by-letter form of :func:`hudna.text.lang.en.phonetic_token` (its reference)."""
    import re

    t = "".join(ch for ch in token if ch.isalnum())
    for a, b in en._PHON_DIGRAPHS:
        t = t.replace(a, b)
    t = re.sub(r"(.)\1+", r"\1", t)
    if len(t) > 2 and t[-1] == "h" and t[-2] in "aeiou":
        t = t[:-1]
    out: list[str] = []
    for i, ch in enumerate(t):
        if ch in "yw" and (i == 0 or (i + 1 < len(t) and t[i + 1] in "aeiou")):
            out.append(ch)
        elif ch in "aeiouyw":
            if not out or out[-1] != "a":
                out.append("a")
        else:
            out.append(ch)
    vkey = "".join(out)
    return vkey, vkey.replace("a", "")


def test_phonetic_token_equals_the_letter_by_letter_rules():
    import random
    import re

    rng = random.Random(5)
    words = ["", "y", "w", "aya", "yy", "wadi", "ayyash", "kelly", "tall", "maarrat", "sheikh", "x", "é", "ma'arrat"]
    words += ["".join(rng.choice("aeiouywhbkstlmnrqcxpgdz'-é1") for _ in range(rng.randint(0, 9))) for _ in range(20_000)]
    for w in words:
        assert en.phonetic_token.__wrapped__(w) == _phonetic_token_loop(w), w
        assert en._undouble(w) == re.sub(r"(.)\1+", r"\1", w), w


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_fold_tokens_equals_fold_name(gaz, lang):
    mod = en if lang == "en" else ar
    keys = [n.match_key for n in gaz.built.names if n.lang == lang][::5]
    keys += ["al", "al el", "tell al ein", "deir ez zor village", "ال", "ريف ادلب", "ال حسكه"]
    for key in keys:
        toks = key.split()
        for span in (toks, toks[1:], toks[:-1]):
            if span:
                assert mod.fold_tokens(span) == mod.fold_name(" ".join(span)), span


def test_phonetic_keys_join_the_phonetic_parts(gaz):
    keys = [n.match_key for n in gaz.built.names if n.lang == "en"][::3]
    keys += ["al", "el al", "tall battal sharqi", "eastern tal battal gharbi", "madamiyet elqalmun"]
    for key in keys:
        parts = en.phonetic_parts(key)
        assert en.phonetic_keys(key) == ("".join(p[0] for p in parts), "".join(p[1] for p in parts)), key


def test_exact_candidates_score_every_entry_as_the_query(gaz):
    phon = gaz._phon
    queries = {(phon.vkeys[i], phon.ckeys[i]) for i in range(0, len(phon.pids), 11) if phon.penalty[i] == 0.0}
    queries |= {("", ck) for _, ck in list(queries)[::3]}
    for vq, cq in queries:
        entries = phon.exact_entries(vq, cq)
        best: dict[str, tuple[float, int]] = {}
        for i in sorted(entries):
            sim = similarity(vq, cq, phon.vkeys[i], phon.ckeys[i]) - phon.penalty[i]
            if phon.pids[i] not in best or sim > best[phon.pids[i]][0]:
                best[phon.pids[i]] = (sim, i)
        ref = dict(sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][1])))
        got = phon.exact_candidates(vq, cq, entries)
        assert list(got.items()) == list(ref.items()), (vq, cq)


def test_answers_made_by_drafts_equal_the_dataclass(gaz):
    # Gazetteer._answer builds GeocodeResult / Alternative through their slots (hudna.text.slots:
    # a draft of the same slots given the class; core._make_result, core._alternative)
    import dataclasses

    from hudna.gazetteer.core import _alternative, _make_result
    from hudna.gazetteer.model import Alternative, GeocodeResult

    r = gaz.geocode("Teir Maaleh village", lang="en", context="Homs Governorate")
    values = tuple(getattr(r, f.name) for f in dataclasses.fields(GeocodeResult))
    made, ref = _make_result(*values), GeocodeResult(*values)
    assert type(made) is GeocodeResult
    assert made == ref and repr(made) == repr(ref) and hash(made) == hash(ref)
    assert [getattr(made, f.name) for f in dataclasses.fields(GeocodeResult)] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.score = 1.0  # type: ignore[misc]
    alt = _alternative("C1007", "Aleppo", "community", 97.5)
    assert type(alt) is Alternative
    assert alt == Alternative("C1007", "Aleppo", "community", 97.5) and alt.as_dict()["score"] == 97.5
    with pytest.raises(dataclasses.FrozenInstanceError):
        alt.score = 1.0  # type: ignore[misc]


def test_equal_keys_have_the_constant_similarity(gaz):
    # PhoneticIndex.exact_candidates scores equal keys with phonetic._EQUAL_SIMILARITY
    from hudna.gazetteer.phonetic import _EQUAL_SIMILARITY, similarity

    phon = gaz._phon
    for v, c in list(zip(phon.vkeys, phon.ckeys, strict=True))[::5]:
        assert similarity(v, c, v, c) == _EQUAL_SIMILARITY[bool(v)], (v, c)
        assert similarity("", c, "", c) == _EQUAL_SIMILARITY[False]
