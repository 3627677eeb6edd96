"""English press spellings of Syrian places (issues #3 and #4): a capitalised name after a cue
word that the exact scanner misses is geocoded fuzzily and kept when the geocoder is sure.
Sentences are excerpts of FA-KES articles (CC BY 4.0) and UCDP GED 2016 source headlines
(CC BY 4.0); see tests/data/README.md.
"""

from datetime import date

import pytest

from hudna.ingest.pipeline import Doc


def _places(pipe, text: str) -> dict[str, tuple[str | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2016, 5, 1), lang_hint="en"))
    return {p.place.text: (p.place.pcode, p.place.admin1_pcode, p.place.reason)
            for p in doc["places"] if not p.foreign}


@pytest.mark.parametrize(("text", "name", "pcode"), [
    # after a cue word, and coordinated with a place found before ("Saraqeb" is a press alias)
    ("Warplanes struck Saraqeb and Sermin on Monday.", "Sermin", "C3953"),
    ("Human losses in Shekh Meskin", "Shekh Meskin", "C6126"),
    ("14 shells hit Dahya al-Assad an clashes continue around Ter Ma\u2019la", "Ter Ma\u2019la", "C2513"),
    ("Russian jets struck the towns of Jisr al-Shaghour and Binnish in Idlib province.",
     "Jisr al-Shaghour", "C4199"),
    # a chain of names after one cue, with and without "and"
    ("Clashes in the suburbs of Zamalka Arbeen and Ein Tarma.", "Ein Tarma", "C2315"),
    ("Rebels shelled the towns of Nubbul and al-Zahraa near Aleppo.", "Nubbul", "C1655"),
    # a possessive ending is not part of the name
    ("Troops advanced in Talbisseh\u2019s outskirts in Homs province.", "Talbisseh", "C2882"),
])
def test_press_spelling_after_a_cue_is_geocoded(pipe, text: str, name: str, pcode: str) -> None:  # type: ignore[no-untyped-def]
    places = _places(pipe, text)
    assert places[name][0] == pcode
    assert places[name][2] == "spelling"


def test_press_alias_gets_the_community_it_names(pipe) -> None:  # type: ignore[no-untyped-def]
    # "Saraqeb" is a press alias of Idlib (place_aliases.yaml): the geocoder finds Saraqab there
    assert _places(pipe, "Warplanes struck Saraqeb on Monday.")["Saraqeb"][:2] == ("C3916", "SY07")
    # the alias's governorate is the geocoder's context: "Douma" is the town of Rif Dimashq, not
    # one of its namesakes elsewhere; "Kobane" is Ain al-Arab (was: no P-code, a tie)
    assert _places(pipe, "Shelling on Douma killed 7 civilians.")["Douma"][:2] == ("C2338", "SY03")
    assert _places(pipe, "Clashes in Kobane on Monday.")["Kobane"][:2] == ("C1946", "SY02")
    # FA-KES: a possessive without its apostrophe ("Aleppos western edges") is the city
    assert _places(pipe, "Fighting raged on Aleppos western edges.")["Aleppos"][:2] == ("C1007", "SY02")
    # "Daraa city", "Idlib city" are the cities (C5993, C3871), not their governorates
    assert _places(pipe, "Mortar shells hit residential neighborhoods in Daraa city.")["Daraa"][:2] == ("C5993", "SY12")
    assert _places(pipe, "Air strikes hit Idlib city.")["Idlib"][:2] == ("C3871", "SY07")
    # a match that drops words of every name of the place is no answer for a town's alias:
    # "Kafraya" is half of "Kafraya Elmaarra" and of "Kafraya Maar Tamsarin", both of Idlib
    assert _places(pipe, "Rebels shelled Fuaa and Kafraya on Monday.")["Kafraya"][:2] == (None, "SY07")
    # a region alias keeps no P-code (ANNOTATION-GUIDE.md)
    assert _places(pipe, "Shelling on eastern Ghouta.")["eastern Ghouta"][:2] == (None, "SY03")


@pytest.mark.parametrize(("text", "word"), [
    # a village of another governorate than the article's, spelled nearly so, is no place
    ("An air raid hit the neighborhood of Tareeq al-Bab in Aleppo.", "Tareeq al-Bab"),
    # capitalised words of news that are no place names
    ("Clashes broke out near Syrian army positions in Aleppo.", "Syrian"),
    ("A source at Police Command said the blast hit Aleppo.", "Police Command"),
    ("Fighters of Jund al-Aqsa attacked Hama.", "Jund"),
    # a generic first word alone is only the head of a longer name
    ("Rebels advanced near Sheikh Qweis in Homs province.", "Sheikh"),
    # a direction word opens no name
    ("Natives of the Northern Caucasus fought in Deir Ezzor.", "Northern Caucasus"),
])
def test_words_that_are_no_place(pipe, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert word not in _places(pipe, text)


def test_country_in_an_actor_name_locates_nothing(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc("Jihadists from the Islamic State of Iraq and the Levant (ISIL) have executed three "
                   "officers in Deir Ezzor province.", published_on=date(2014, 6, 21), lang_hint="en"))
    assert not [p for p in doc["places"] if p.foreign]
    doc = pipe(Doc("The group seized parts of Iraq and Syria.", published_on=date(2014, 6, 21), lang_hint="en"))
    assert [doc.text[p.start:p.end] for p in doc["places"] if p.foreign] == ["Iraq"]


def test_names_without_a_governorate_named_agree_on_one(pipe) -> None:  # type: ignore[no-untyped-def]
    # nothing names a governorate; "Tel Hamis" twice (Hasakah) outweighs "Kabiba", spelled
    # nearly as a village of Tartous, once (the Kabiba of the story is in Hasakah)
    places = _places(pipe, "Kurds took control of Tel Hamis. The flag is flying in Tel Hamis and "
                           "in the village of Kabiba.")
    assert places["Tel Hamis"][:2] == ("C4639", "SY08")
    assert places["Kabiba"] == (None, "SY08", "frame")  # a village of the story's governorate


def test_region_alias_beside_a_spelled_governorate_keeps_its_claim(pipe) -> None:  # type: ignore[no-untyped-def]
    # two places containing each other by their missing codes used to leave no place at all
    doc = pipe(Doc("Clashes renewed in areas at the eastern Ghouta and bombardment on Reef Dimashq",
                   published_on=date(2016, 1, 1), lang_hint="en"))
    assert doc["claims"]


def test_spellings_are_read_in_the_title_lead_and_claim_sentences_only(pipe) -> None:  # type: ignore[no-untyped-def]
    # the third sentence reports nothing (no incident, figure, status or calm word): its
    # places are not looked for; the same words in a report are
    lead = "Syria talks resume in Geneva. Delegations met on Monday. "
    quiet = _places(pipe, lead + "The envoy was born in Sermin and studied in Beirut.")
    assert "Sermin" not in quiet
    loud = _places(pipe, lead + "Warplanes struck Sermin on Monday, killing four civilians.")
    assert loud["Sermin"][0] == "C3953"


@pytest.mark.parametrize(("text", "name", "pcode"), [
    # Arabic compound names written joined or apart, the other way than OCHA: each is found
    # whole (hudna.text.lang.ar.compound_variants; lexicon gazetteer.glued_head)
    ("قتل ثلاثة مدنيين اليوم جراء غارات جوية على مدينة كفرنبل في ريف إدلب.", "كفرنبل", "C4068"),
    ("قصفت قوات النظام مدينة تلرفعت بريف حلب الشمالي.", "تلرفعت", "C1621"),
    ("اشتباكات عنيفة في محيط بلدة خان طومان بريف حلب الجنوبي.", "خان طومان", "C1015"),
])
def test_arabic_compound_name_joined_or_apart(pipe, text: str, name: str, pcode: str) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2016, 6, 12), lang_hint="ar"))
    places = {p.place.text: p.place.pcode for p in doc["places"] if not p.foreign}
    assert places.get(name) == pcode
    assert "خان" not in places


def test_arabic_press_alias_without_its_particle(pipe) -> None:  # type: ignore[no-untyped-def]
    # "وكوباني": the place's span starts at the name; Kobani is Ain al-Arab (C1946)
    text = "غارات للتحالف الدولي قرب مدينتي الحسكة وكوباني."
    doc = pipe(Doc(text, published_on=date(2016, 6, 12), lang_hint="ar"))
    places = {p.place.text: p.place.pcode for p in doc["places"] if not p.foreign}
    assert places.get("كوباني") == "C1946" and "وكوباني" not in places


def test_arabic_alias_of_the_hmeimim_base(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc("سقطت قذائف على قاعدة حميميم الروسية في ريف اللاذقية.", published_on=date(2016, 6, 12), lang_hint="ar"))
    assert [(p.place.text, p.place.admin1_pcode) for p in doc["places"] if not p.qualifier][:1] == [("قاعدة حميميم", "SY06")]


def test_a_towns_name_without_its_article_before_a_longer_name_is_no_place(pipe) -> None:  # type: ignore[no-untyped-def]
    # FA-KES (2016): "the Bab al-Nayrab neighbourhood", "Bab al-Faraj" are parts of Aleppo city,
    # not the town of Al-Bab (C1202); "al-Bab" itself stays the town
    assert "Bab" not in _places(pipe, "A barrel bomb attack on the Bab al-Nayrab neighbourhood killed 15.")
    assert _places(pipe, "Shells fell on the neighborhood of Bab Touma in Damascus.").get("Bab", (None, "SY01"))[:2] == (None, "SY01")
    assert _places(pipe, "Air strikes hit al-Bab on Thursday.")["al-Bab"][0] == "C1202"


def test_arabic_dual_countryside_covers_both_governorates(pipe) -> None:  # type: ignore[no-untyped-def]
    # constructed, AFP Arabic headline: "ريفي إدلب وحماة" are the countrysides of both (governorate
    # level, no city P-code); "ريف إدلب وحماة" keeps Hama the city
    doc = pipe(Doc("مقتل 17 مدنياً في قصف على ريفي إدلب وحماة.", published_on=date(2019, 5, 12), lang_hint="ar"))
    assert [(p.place.text, p.place.level, p.place.pcode) for p in doc["places"]] == [
        ("ريفي إدلب", "governorate", "SY07"), ("حماة", "governorate", "SY05")]
