"""English rules of issue #4, round 4: which figure is the toll, which incident the article is
about, who did it. Sentences are excerpts of FA-KES articles (CC BY 4.0); see tests/data/README.md.
"""

from datetime import date

import pytest

from hudna.ingest.evaluate import fakes_prediction
from hudna.ingest.pipeline import Doc
from hudna.text.sentences import split_sentences
from tests.extraction import incidents


def _doc(pipe, text: str, on: date = date(2016, 8, 6)):  # type: ignore[no-untyped-def]
    return pipe(Doc(text, published_on=on, lang_hint="en"))


# -- the toll ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "killed"), [
    # headline present tense
    ("Air raids kill 11 civilians in east Syria.", 11),
    # "tens" is vague, not "ten" + plural; the precise figure of the sentence wins
    ("US Coalition Warplanes Kill Tens of Civilians in Aleppo, at least 60 were killed.", 60),
    # a sub-count before "among" is part of the toll after it
    ("11 children among 18 dead in Syria car bombings in Hama.", 18),
    ("At least 68 children were among the 126 people killed in the bombing in Aleppo.", 126),
    # an execution word is its own casualty word
    ("At Least 19 Executed by ISIL in Deir Ezour.", 19),
    ("Jabhat al-Nusra terrorists executed 40 gunmen and members of their families in Aleppo.", 40),
    ("Three citizens were martyred in a car bomb blast in Damascus.", 3),
])
def test_toll_figures(pipe, text: str, killed: int) -> None:  # type: ignore[no-untyped-def]
    assert fakes_prediction(_doc(pipe, text))["killed"] == killed


@pytest.mark.parametrize("text", [
    # a clock time with a leading zero, a numeric date: nobody counted
    "Fri 07 Apr 2017 at 0914 Homs governor says U.S. attack caused deaths in Homs.",
    "15-09-2013 Militants Attack Idlib Kill Journalist.",
])
def test_codes_and_numeric_dates_count_nobody(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    assert all(c.casualties.killed_best is None for c in incidents(_doc(pipe, text)))


def test_dateline_city_does_not_locate_the_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    # "Beirut" is where the report was filed; the strikes are in Hasakeh (next sentence)
    text = ("Last updated at Jan 202015 Beirut Syrian government air strikes on Tuesday killed at least "
            "39 people in two main battlegrounds in the north of the country a monitor said. "
            "The Observatory documented deaths in air strikes targeting the outskirts of Tal Hamis "
            "in Hasakeh province.")
    pred = fakes_prediction(_doc(pipe, text, date(2015, 1, 20)))
    assert (pred["killed"], pred["location"]) == (39, "hasakeh")


# -- the main incident -----------------------------------------------------------------------


def test_lead_toll_without_place_takes_the_next_place(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Airstrikes by the US-led coalition killed at least 21 civilians in and around a "
            "stronghold of the Islamic State group in northern Syria on Monday. At least 15 "
            "civilians were killed in raids in a northern district of Manbij.")
    pred = fakes_prediction(_doc(pipe, text, date(2016, 7, 18)))
    assert (pred["killed"], pred["location"], pred["actor"]) == (21, "aleppo", "international coalition forces")


def test_origin_of_the_victims_is_not_the_place(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Nearly 70 children were among those killed when a suicide car bombing tore through buses "
            "carrying evacuees in Syria. The blast hit a convoy carrying residents from the northern "
            "towns of Fuaa and Kafraya as they waited at a transit point west of Aleppo.")
    assert fakes_prediction(_doc(pipe, text, date(2017, 4, 16)))["location"] == "aleppo"


def test_weak_attack_takes_the_cause_spelled_out_later(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Terrorist attacks kill a woman in Aleppo. An explosive device planted by terrorists "
            "exploded in Jarez village in Aleppo province.")
    assert fakes_prediction(_doc(pipe, text, date(2016, 10, 23)))["cause_of_death"] == "explosion"


# -- who did it --------------------------------------------------------------------------------


def test_author_named_later_for_the_same_kind_of_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Air raids kill 10 near Syria hospital. A barrage of air strikes on Saturday near a "
            "hospital in the town of Milis in Idlib province killed at least 10 civilians. The monitor "
            "said the raids were carried out by either Russian or regime warplanes.")
    assert fakes_prediction(_doc(pipe, text))["actor"] == "syrian government or russian troops"


def test_claim_of_responsibility_names_the_bomber(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("A suicide bomber on a motorcycle blew himself up in the Salihiah neighbourhood of "
            "Hasakah city killing 16. The Islamic State group claimed responsibility for the attack.")
    doc = _doc(pipe, text, date(2016, 7, 5))
    (c,) = [c for c in incidents(doc) if c.event_type == "explosion"]
    assert c.perpetrator == "isis"
    assert any(e.role == "responsibility" and "Islamic State" in e.text for e in c.evidence)


def test_blamed_on_marks_the_agent(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "A car bombing blamed on Daesh killed at least 26 displaced people in Deir Ezzor on Friday."
    (c,) = incidents(_doc(pipe, text, date(2017, 11, 17)))
    assert (c.perpetrator, c.target) == ("isis", None)


def test_groups_without_aircraft_do_not_carry_out_air_strikes(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Air strikes on a market in Syria's Al Qaeda-held city of Idlib killed at least 21 "
            "civilians Sunday as hundreds fled a besieged Daesh bastion.")
    (c,) = [c for c in incidents(_doc(pipe, text, date(2016, 6, 22))) if c.event_type == "air_strike"]
    assert c.perpetrator is None


@pytest.mark.parametrize(("text", "expected"), [
    # the parties of a clash (ar-extract) are no candidates for the air strike, and neither are
    # groups without aircraft (en-extract); the clash names no attacker: unknown, the other party
    # as target (ANNOTATION-GUIDE.md)
    ("Airstrikes on Daesh-held villages in northern Syria killed at least 85 civilians on Tuesday "
     "as intense fighting was underway between the militants and U.S-backed fighters.",
     [("air_strike", None, "isis"), ("armed_clash", None, "isis")]),
    # an air force named outside the clash still carries out the strike
    ("Syrian regime warplanes bombed the city of Hasakeh on Friday as clashes between Kurdish "
     "forces and IS fighters went on.",
     [("air_strike", "syrian-government", None), ("armed_clash", None, "ypg")]),
])
def test_clash_parties_and_air_forces_together(pipe, text: str, expected: list[tuple[str, str | None, str | None]]) -> None:  # type: ignore[no-untyped-def]
    cs = incidents(_doc(pipe, text))
    assert [(c.event_type, c.perpetrator, c.target) for c in cs] == expected


@pytest.mark.parametrize(("text", "perp", "etype"), [
    ("Syria regime pounds Kurdish positions in Hasakeh for second day.", "syrian-government", "shelling"),
    ("An Islamic State counteroffensive in Raqqa has left 40 government soldiers dead.", "isis", "armed_clash"),
])
def test_headline_words(pipe, text: str, perp: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    cs = incidents(_doc(pipe, text))
    assert [(c.perpetrator, c.event_type) for c in cs] == [(perp, etype)]


# -- a page's keyword list --------------------------------------------------------------------


def test_keyword_list_is_cut_off_and_reports_nothing(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Date of publication 4 October 2016 The bomber blew himself up in the village of Tall Tawil. "
            "Tags Syria Hassakeh Kurds Suicide Attack SDF Islamic State A suicide bomber struck a "
            "wedding in northeast Syria killing 32 people.")
    doc = _doc(pipe, text, date(2016, 10, 4))
    assert [s.kind for s in doc["sentences"]] == ["text", "tags", "text"]
    assert doc["sentences"][2].text.startswith("A suicide bomber")
    (c,) = [c for c in incidents(doc) if c.casualties.killed_best == 32]
    assert c.perpetrator is None  # not "Kurds" from the keywords


def test_keyword_list_without_an_opener_stays_one_sentence() -> None:
    # no opener within the list's reach: nothing is cut (the lead's words are not lost)
    text = ("Tags Aleppo civil defence UN airstrikes Russia Airstrikes in opposition areas of Aleppo "
            "province struck a market a hospital and a village on Friday killing at least 18 people.")
    (s,) = split_sentences(text, tag_markers={"tags"}, openers={"a", "the", "at"})
    assert s.kind == "text"


# -- a photo caption closed by an agency credit ----------------------------------------------


def test_caption_before_an_agency_credit_reports_nothing(pipe) -> None:  # type: ignore[no-untyped-def]
    # the caption's road "connects Aleppo to Latakia"; the attack is in Latakia province
    text = ("Published July 20 2015 A checkpoint that belonged to Assads forces is seen on a highway that "
            "connects Aleppo to Latakia June 6 2015 (Reuters) Two people were killed and 15 injured as "
            "Syrian regime forces attacked a village located in the northwestern Latakia province.")
    doc = _doc(pipe, text, date(2015, 7, 20))
    assert [s.kind for s in doc["sentences"]] == ["caption", "text"]
    assert fakes_prediction(doc)["location"] == "lattakia"


def test_credit_standing_alone_marks_the_sentence_before_it(pipe) -> None:  # type: ignore[no-untyped-def]
    # the lead gives the toll, the caption names Idlib, the next sentence the strikes' Aleppo
    text = ("Jet strikes blamed on the Syrian regime hit the opposition-held cities killing more than 40 "
            "people. A Syrian man carries a child at the scene of a reported air strike on the rebel-held "
            "northwestern city of Idlib on September 10 2016. (TRT World and Agencies) At least 45 "
            "people have been killed after intense airstrikes on Saturday on and around the northern "
            "rebel-held city of Aleppo.")
    doc = _doc(pipe, text, date(2016, 9, 10))
    assert [s.kind for s in doc["sentences"]] == ["text", "caption", "caption", "text"]
    assert fakes_prediction(doc)["location"] == "aleppo"


@pytest.mark.parametrize("text", [
    # a dateline: the agency after a city in capitals opens the report
    "BEIRUT (Reuters) Syrian warplanes struck Idlib killing 12 people.",
    # an acronym after its expansion, a credit at the end of the article: no caption
    "Air strikes hit Idlib the news agency Agence France-Presse (AFP) reported killing 12 people.",
    "Air strikes hit Idlib killing 12 people. (Reuters)",
])
def test_agency_in_brackets_is_no_caption_credit_elsewhere(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(pipe, text)
    assert {s.kind for s in doc["sentences"]} == {"text"}
    assert fakes_prediction(doc)["location"] == "idlib"


# -- a place as an adjective: "Damascus-backed" ------------------------------------------------


def test_place_joined_to_backed_or_based_is_no_location(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("The Israel Defense Forces allegedly have struck the military base of the Damascus-backed "
            "National Defense Forces in the Golan Heights killing three Syrian fighters.")
    doc = _doc(pipe, text, date(2017, 4, 23))
    assert "Damascus" not in [p.place.text for p in doc["places"]]
    assert fakes_prediction(doc)["location"] == "quneitra"


@pytest.mark.parametrize(("text", "where"), [
    # the modifier belongs to another word; a place joined to another place stays a place
    ("Government-backed forces shelled Aleppo killing five people.", "aleppo"),
    ("Rebels shelled the Homs-Hama highway killing five people.", "homs"),
])
def test_hyphen_joined_places_otherwise_kept(pipe, text: str, where: str) -> None:  # type: ignore[no-untyped-def]
    assert fakes_prediction(_doc(pipe, text))["location"] == where


# -- the lead's toll repeated with its place ---------------------------------------------------


def test_lead_toll_takes_the_place_of_the_same_figure_later(pipe) -> None:  # type: ignore[no-untyped-def]
    # the mosque "north of Hama" comes first; the four dead are those of the Sermin strike in Idlib
    text = ("At least four people were killed and 11 others were injured in airstrikes reportedly carried "
            "out by the Bashar al-Assad regime in Syria. A mosque was also destroyed by regime airstrikes "
            "north of Hama local civil defense sources said Friday. A civil defense official in Idlib "
            "told Anadolu Agency four civilians were killed and seven others injured in an airstrike.")
    pred = fakes_prediction(_doc(pipe, text, date(2017, 4, 29)))
    assert (pred["killed"], pred["location"]) == (4, "idlib")


def test_lead_toll_with_another_figure_later_takes_the_next_place(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("At least four people were killed in airstrikes by the regime in Syria. A mosque was also "
            "destroyed by regime airstrikes north of Hama. A civil defense official in Idlib said seven "
            "civilians were killed in another airstrike.")
    pred = fakes_prediction(_doc(pipe, text, date(2017, 4, 29)))
    assert (pred["killed"], pred["location"]) == (4, "hama")


# -- a killing told without its means ----------------------------------------------------------


def test_killing_with_a_named_agent_is_an_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Sun Feb 14 2016 Syrian Army Kills over 100 ISIS Terrorists in Deir Ezzor. The armys air force "
            "carried out sorties and airstrikes targeting ISIS positions in al-Husseiniyeh village.")
    doc = _doc(pipe, text, date(2016, 2, 14))
    (c,) = [c for c in incidents(doc) if c.event_type == "other"]
    assert (c.perpetrator, c.casualties.killed_best, c.place.admin1_pcode if c.place else None) == (
        "syrian-government", 100, "SY09")
    # the means comes from the article's air strikes
    pred = fakes_prediction(doc)
    assert (pred["actor"], pred["cause_of_death"], pred["killed"]) == (
        "syrian government or russian troops", "shelling", 100)


@pytest.mark.parametrize(("text", "lang"), [
    # a headline's passive: the figure counts the actor, a victim
    ("50 ISIL Terrorists Killed in Kobani in 24 Hours.", "en"),
    # no agent: a death is not an incident of its own
    ("Two people were killed in Aleppo on Monday.", "en"),
    # a noun of the dead, not a verb that takes an agent
    ("وأشار المرصد إلى أن من بين قتلى المعارضة ثلاثة من قادة المجموعات في محافظة حلب.", "ar"),
])
def test_killing_without_agent_is_no_incident(pipe, text: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2016, 8, 6), lang_hint=lang))
    assert [c for c in incidents(doc) if c.event_type == "other"] == []


def test_arabic_killing_with_its_agent_is_an_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc("قتلت قوات النظام خمسة مدنيين في مدينة إدلب أمس.", published_on=date(2016, 8, 6), lang_hint="ar"))
    (c,) = [c for c in incidents(doc) if c.event_type == "other"]
    assert (c.perpetrator, c.casualties.killed_best) == ("syrian-government", 5)


# -- background sentences do not locate the lead's toll ----------------------------------------


@pytest.mark.parametrize("background", [
    "the rebels had used the same chemical weapons in Aleppo last year.",
    "the rebels had used the same chemical weapons in Aleppo in August 2013.",
])
def test_background_place_does_not_locate_the_lead(pipe, background: str) -> None:  # type: ignore[no-untyped-def]
    text = ("Victims of a suspected chemical attack in Syria appeared to show symptoms consistent with a "
            "nerve agent the WHO said putting the death toll at at least 70. A Russian spokesman said "
            + background + " The WHO said its experts were giving guidance to health workers in Idlib.")
    pred = fakes_prediction(_doc(pipe, text, date(2017, 4, 5)))
    assert (pred["killed"], pred["location"]) == (70, "idlib")


def test_recent_place_still_locates_the_lead(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Victims of a suspected chemical attack in Syria appeared to show symptoms consistent with a "
            "nerve agent the WHO said putting the death toll at at least 70. A Russian spokesman said "
            "the rebels had used the same chemical weapons in Aleppo on Monday. The WHO said its experts "
            "were giving guidance to health workers in Idlib.")
    pred = fakes_prediction(_doc(pipe, text, date(2017, 4, 5)))
    assert (pred["killed"], pred["location"]) == (70, "aleppo")


# -- a figure given for one of the places ------------------------------------------------------


def test_figure_goes_to_the_place_named_after_it(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian Army Foils Takfiri Attack in Daraa Kills at least 50 Gunmen in Lattakia."
    doc = _doc(pipe, text, date(2015, 7, 7))
    killed = {c.place.admin1_pcode: c.casualties.killed_best for c in incidents(doc) if c.place}
    assert killed == {"SY12": None, "SY06": 50}
    assert fakes_prediction(doc)["location"] == "lattakia"


def test_figure_before_the_incident_word_goes_to_every_place(pipe) -> None:  # type: ignore[no-untyped-def]
    # the places follow the incident word, not the figure: the toll is the strikes' on both
    text = "Regime forces killed at least 50 people in air strikes on Daraa and Lattakia."
    killed = {c.place.admin1_pcode: c.casualties.killed_best for c in incidents(_doc(pipe, text)) if c.place}
    assert killed == {"SY12": 50, "SY06": 50}


# -- a figure that counts strikes or weapons ---------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "killed"), [
    # snn-ar: "shelled Nusra positions with ten rockets, causing dead and wounded": no figure of dead
    ("وأشارت إلى أن تعاون هؤلاء ظهر من خلال التدخل السريع للمؤازرة وقصف مواقع جبهة النصرة في أعزاز "
     "بعشرة صواريخ، أدت إلى سقوط قتلى وجرحى.", "ar", None),
    ("Helicopters dropped 12 barrel bombs on Daraa killing 5 people.", "en", 5),
    ("Warplanes carried out 30 air strikes on Aleppo killing civilians.", "en", None),
    # counter-examples: a figure of people before the incident word, an execution word
    ("At least 15 people were killed in air strikes on Aleppo.", "en", 15),
    ("At Least 19 Executed by ISIL in Deir Ezour.", "en", 19),
])
def test_figure_counting_strikes_counts_nobody(pipe, text: str, lang: str, killed: int | None) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2015, 7, 31), lang_hint=lang))
    assert {c.casualties.killed_best for c in incidents(doc)} == {killed}


# -- which incident a figure counts ------------------------------------------------------------


def test_figure_after_its_killing_word_counts_the_incident_before(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Airstrikes on Daesh-held villages in northern Syria killed at least 85 civilians on Tuesday "
            "as intense fighting was underway between the militants and U.S-backed fighters.")
    by_type = {c.event_type: c.casualties.killed_best for c in incidents(_doc(pipe, text, date(2016, 7, 19)))}
    assert by_type == {"air_strike": 85, "armed_clash": None}


def test_figure_before_its_killing_word_counts_the_nearest_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    # passive: the victims are the air strikes' named after them, not the clash's
    text = ("Clashes raged across the province of Aleppo for a second day on Monday while at least 85 "
            "people were killed in air strikes on its villages.")
    by_type = {c.event_type: c.casualties.killed_best for c in incidents(_doc(pipe, text, date(2016, 7, 19)))}
    assert by_type == {"air_strike": 85, "armed_clash": None}


# -- an actor in a clause with another subject -------------------------------------------------


def test_actor_of_a_where_clause_is_no_perpetrator(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("An air raid has hit a village controlled by the IS group in Aleppo province killing civilians "
            "including three children close to an area where Turkish forces are advancing.")
    (c,) = incidents(_doc(pipe, text, date(2016, 10, 5)))
    assert c.perpetrator is None


def test_agent_before_a_where_clause_stays_the_perpetrator(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "Turkish forces shelled a village in Aleppo province where IS fighters were hiding."
    (c,) = incidents(_doc(pipe, text, date(2016, 10, 5)))
    assert c.perpetrator == "turkey"


def test_figure_after_a_dateline_date_is_the_toll(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "Wed Jun 1 2016 15 Syrian Civilians 3 Children Killed in Aleppo by US Airstrikes Report."
    assert fakes_prediction(_doc(pipe, text, date(2016, 6, 1)))["killed"] == 15


# -- a day long before publication is the background -------------------------------------------


@pytest.mark.parametrize(("text", "lang", "on", "kept"), [
    # snn-ar: Kobani "destroyed in fierce battles ... won by the Kurdish fighters in January"
    ("وقد استهدف الهجوم حشدا من الشباب كانوا يريدون المشاركة في إعادة إعمار مدينة عين العرب التي دمرت "
     "في معارك ضارية استمرت 4 أشهر وانتصر فيها المقاتلون الأكراد في يناير على تنظيم داعش.", "ar",
     date(2015, 7, 25), False),
    ("On May 2 Turkish forces struck Daesh gun emplacements in Aleppo province killing 50 terrorists.", "en",
     date(2016, 6, 16), False),
    # counter-examples: the same with a recent day
    ("وقد دارت معارك ضارية في مدينة عين العرب أمس بين المقاتلين الأكراد وتنظيم داعش.", "ar",
     date(2015, 7, 25), True),
    ("On June 14 Turkish forces struck Daesh gun emplacements in Aleppo province killing 50 terrorists.", "en",
     date(2016, 6, 16), True),
])
def test_incident_dated_long_before_publication_is_background(pipe, text: str, lang: str, on: date,
                                                               kept: bool) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=on, lang_hint=lang))
    assert bool([c for c in incidents(doc) if c.place is not None]) is kept


@pytest.mark.parametrize(("when", "kept"), [
    # snn-ar: support received "days ago, during its battle with ISIS in the northern Aleppo countryside"
    ("قبل أيام", False),
    # counter-example: a dated day is the news
    ("أمس", True),
])
def test_days_ago_is_background(pipe, when: str, kept: bool) -> None:  # type: ignore[no-untyped-def]
    text = ("أشار إلى أن جيش الثوار قاتل مع الفرقة 30 ضد هجمات النصرة وحلفائها الذين تلقوا دعمًا بالذخيرة "
            f"من الفرقة 30 {when}، خلال معركتها مع تنظيم داعش في ريف حلب الشمالي.")
    doc = pipe(Doc(text, published_on=date(2015, 8, 1), lang_hint="ar"))
    assert bool([c for c in incidents(doc) if c.place is not None]) is kept


# -- a name located abroad once stays abroad ---------------------------------------------------


def test_name_located_abroad_stays_abroad_later(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-ar (Diyala, Iraq): the village is located once, then named again alone
    text = ("وأضافت المصادر أن عددا من المدنيين سقطوا بين قتيل وجريح في قصف بقذائف الهاون تعرضت له بلدة "
            "الحديد غرب ديالى. وقال مسعفون وضابط بالشرطة إن عشرة مدنيين على الأقل قتلوا بنيران قذائف "
            "الهاون والصواريخ في قرية الحديد إلى الشمال من بلدة خان بني سعد.")
    doc = pipe(Doc(text, published_on=date(2015, 7, 22), lang_hint="ar"))
    assert [c for c in incidents(doc) if c.place is not None] == []


def test_name_not_located_abroad_stays_in_syria(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("قتل عشرة مدنيين على الأقل بنيران قذائف الهاون والصواريخ في قرية الحديد بريف الحسكة. "
            "وقال مسعفون إن القصف طال قرية الحديد مجددا.")
    doc = pipe(Doc(text, published_on=date(2015, 7, 22), lang_hint="ar"))
    assert {c.place.admin1_pcode for c in incidents(doc) if c.place is not None} == {"SY08"}


# -- a device named, no blast reported ---------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "explosion"), [
    # snn-ar: reports of IS "tying explosive devices to goats' legs in Ain al-Arab to detonate them"
    ("ويأتي استخدام داعش للدجاج بعد تقارير غربية أشارت إلى ربط التنظيم عبوات ناسفة في أرجل الماعز في "
     "مدينة عين العرب السورية بهدف تفجيرها.", "ar", False),
    ("The Syrian armys units eliminated over 75 Nusra Front militants including the suicide bombers and "
     "foreign mercenaries in Daraas Manshiyah district.", "en", False),
    # counter-examples: the device kills, or a blast word is there
    ("A car bomb killed five people in Damascus on Monday.", "en", True),
    ("انفجرت سيارة مفخخة في مدينة الحسكة أمس.", "ar", True),
])
def test_device_without_blast_is_no_explosion(pipe, text: str, lang: str, explosion: bool) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2016, 4, 9), lang_hint=lang))
    assert any(c.event_type == "explosion" for c in incidents(doc)) is explosion


def test_eliminated_militants_including_bombers(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("The Syrian armys units eliminated over 75 Nusra Front militants including the suicide bombers and "
            "foreign mercenaries from Saudi Arabia and Jordan in Daraas Manshiyah district according to a "
            "military source.")
    pred = fakes_prediction(_doc(pipe, text, date(2017, 4, 9)))
    assert (pred["killed"], pred["actor"], pred["cause_of_death"], pred["location"]) == (
        75, "syrian government or russian troops", "unknown", "daraa")


@pytest.mark.parametrize("text", [
    # no figure of people: nothing eliminated is counted
    "Fighting terrorism piecemeal will not eliminate the threat of terrorism in Daraa.",
])
def test_eliminate_without_figure_is_no_incident(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [c for c in incidents(_doc(pipe, text)) if c.event_type == "other"] == []


def test_car_bomb_after_a_victim_list_still_explodes(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "Ten people including a child were killed in a car bomb blast in Damascus on Monday."
    assert any(c.event_type == "explosion" and c.casualties.killed_best == 10 for c in incidents(_doc(pipe, text)))


def test_background_day_with_a_weak_attack_word_alone_gives_no_incident_and_no_error(pipe) -> None:  # type: ignore[no-untyped-def]
    # FA-KES 1918398779 read on a fixed later day (as bench/extract.py does): the only strong
    # trigger sits in a background date and is dropped, the "attack" beside it was already dropped
    # as the same event; the casualty figure must then find no incident, not crash.
    text = ("Published February 23 2015 A suicide bomber killed four people in a hospital on Sunday "
            "in an attack that took Syrias civil war to the ruling Assad clans hometown for the "
            "first time a monitoring group said.")
    doc = _doc(pipe, text, on=date(2016, 5, 1))
    assert not incidents(doc)


# -- round 8: upper-case "US", agents of another incident --------------------------------------


@pytest.mark.parametrize(("text", "actor"), [
    # FA-KES 1965495383 (Sputnik): the country in capitals, not the pronoun
    ("The US missile strike on Syrias Shairat airbase killed four children an informed source in "
     "Homs told Sputnik Friday.", "international coalition forces"),
    # a modifier of another group: the group acts, not the US
    ("US-backed Syrian Democratic Forces shelled Islamic State positions in Raqqa killing 12 militants.",
     "self administration forces"),
])
def test_upper_case_us_is_the_country(pipe, text: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    assert fakes_prediction(_doc(pipe, text, date(2017, 4, 7)))["actor"] == actor


def test_lower_case_us_is_no_actor(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "They told us that air strikes killed five people in Idlib on Monday."
    assert all(c.perpetrator is None for c in incidents(_doc(pipe, text)))


@pytest.mark.parametrize(("text", "perp"), [
    # FA-KES 1962495633: the agent of a feared "US attack" did not plant the car bomb
    ("A car bomb has killed four people in the Sumaria area in the Syrian capital Damascus as citizens "
     "are bracing for a possible US attack the official Syrian news agency has reported.", None),
    # counter-example (FA-KES 1923848218): an agent beside another word of the same bombing
    ("At least 30 members of the YPG and asayesh were killed when two Islamic State suicide bombers "
     "detonated their trucks at the northern entrance to Hasakeh.", "isis"),
])
def test_bombing_takes_no_agent_of_another_incident(pipe, text: str, perp: str | None) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(pipe, text, date(2014, 10, 6))
    bombs = [c for c in incidents(doc) if c.event_type == "explosion"]
    assert bombs and {c.perpetrator for c in bombs} == {perp}


# -- round 8: an analyst's view is no report -----------------------------------------------------


def test_analyst_view_and_its_continuation_report_nothing(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-ar (opinion piece on Yarmouk camp): a military expert's account of a planned attack, then
    # "أضاف:" continuing his speech
    text = ('توقع الخبير العسكري والعميد المتقاعد نزار عبد القادر في حديث خاص، أن "ليس للنظام السوري أي '
            'خيار عسكري في مخيم اليرموك"، قائلاً: "لقد سبق للنظام مع حلفائه الإيرانيين و"حزب الله" أنه قرر '
            'وخطط القيام بهجوم مزدوج باتجاه القنيطرة ومحور درعا إلا أنه تبين بعد ثلاثة أيام أن هذا الهجوم قد '
            'توقف وبالعكس قامت فصائل المعارضة بتحقيق نجاحات بارزة".\n'
            'أضاف: "نجد اليوم في اليرموك هجوم "داعش" منصب على فصائل سورية متحالفة مع النظام".')
    doc = pipe(Doc(text, published_on=date(2015, 8, 1), lang_hint="ar"))
    assert [c for c in incidents(doc) if c.place is not None] == []


def test_source_continuing_after_an_analyst_still_reports(pipe) -> None:  # type: ignore[no-untyped-def]
    # counter-example: a sentence naming its own source is no continuation of the analyst's speech
    text = ('ورأى المحلل العسكري أن المعركة ستطول.\n'
            'وأضاف المرصد السوري لحقوق الإنسان أن غارات جوية قتلت خمسة مدنيين في مدينة أريحا أمس.')
    doc = pipe(Doc(text, published_on=date(2015, 8, 4), lang_hint="ar"))
    assert [(c.event_type, c.place.admin1_pcode) for c in incidents(doc) if c.place] == [("air_strike", "SY07")]


# -- round 8: "north of X" is a reference point ---------------------------------------------------


@pytest.mark.parametrize(("text", "on", "places"), [
    # FA-KES 1924058102: the crossing is located by Aleppo
    ("At least 29 people were killed in a suicide bombing on the Syrian side of the Atmeh crossing west "
     "of Aleppo on Thursday.", date(2016, 10, 6), ["Atmeh"]),
    # FA-KES 1924058082: Maaret al-Numan is located by Idlib: one place, not two
    ("Russian warplanes struck Maaret-al-Numan a city south of Idlib with cluster munitions according to "
     "Turkeys state-run news agency Anadolu.", date(2016, 6, 8), ["Maaret-al-Numan"]),
    # counter-example: nothing else to locate
    ("Air strikes hit areas north of Aleppo on Monday killing 12 civilians.", date(2016, 10, 6), ["Aleppo"]),
])
def test_place_after_a_direction_is_a_reference_point(pipe, text: str, on: date, places: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(pipe, text, on)
    assert sorted({c.place.text for c in incidents(doc) if c.place is not None}) == places



# -- round 8: blast verbs, a bomber's group ------------------------------------------------------


def test_detonated_device_is_an_explosion(pipe) -> None:  # type: ignore[no-untyped-def]
    # FA-KES 1965495372 (Sputnik): the device word alone reports no blast, its verb does
    text = ("On Saturday a suicide attacker detonated a car bomb in the Rashidin neighborhood of Aleppo near "
            "a convoy of buses carrying civilians who had been evacuated from the towns of Fua and Kefraya.")
    assert [c.event_type for c in incidents(_doc(pipe, text, date(2017, 4, 20)))] == ["explosion"]


@pytest.mark.parametrize(("text", "perp"), [
    # FA-KES 1965495337 (Sputnik)
    ("A suicide bomber from the Nusra Front terrorist group blew himself up at an army outpost in Syrias "
     "largest city of Aleppo Monday killing at least 25 Syrian Army soldiers.", "nusra"),
    # counter-example: fighters from a group are as often the dead
    ("At least 25 fighters from the Nusra Front were killed in a car bomb blast in Aleppo on Monday.", None),
])
def test_bomber_from_a_group_is_its_member(pipe, text: str, perp: str | None) -> None:  # type: ignore[no-untyped-def]
    bombs = [c for c in incidents(_doc(pipe, text, date(2015, 7, 7))) if c.event_type == "explosion"]
    assert bombs and {c.perpetrator for c in bombs} == {perp}


# -- round 8: a page's related-headlines list reports nothing -------------------------------------


_RELATED = ("A mortar attack on Al Qousour district of Syrias eastern city of Deir ez-Zor left three civilians "
            "dead and six others injured. DEIR EZ-ZOR (Syria) (Sputnik) Reportedly the shelling was carried out "
            "by Daesh (banned in Russia). Syrian forces operation on liberating the city from the militants is "
            "currently underway. ... 01 Related Daesh Terrorists Attack District of Syrias Deir Ez-Zor Injuring "
            "Four People US-Led Coalition Airstrikes Kill at Least 12 Civilians in Syrian Deir ez-Zor Tags "
            "blockade shelling Daesh")


def test_related_headlines_are_no_text() -> None:
    # FA-KES 1965495343 (Sputnik): from "Related" on, other articles' headlines
    s = split_sentences(_RELATED, related={"related", "related news"})
    assert s[-1].text.startswith("Related Daesh") and s[-1].kind == "related"
    assert all(x.kind == "text" for x in s[:-1])
    # counter-example: the word in prose, before a small letter
    prose = "x" * 200 + " Related clashes erupted in Homs. Related to this, 12 people died."
    assert {x.kind for x in split_sentences(prose, related={"related"})} == {"text"}


def test_related_headlines_give_no_toll_nor_author(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(pipe, _RELATED, date(2017, 10, 5))
    assert {c.casualties.killed_best for c in incidents(doc)} <= {3, None}
    assert "us-coalition" not in {c.perpetrator for c in incidents(doc)}
    pred = fakes_prediction(doc)
    assert (pred["killed"], pred["actor"]) == (3, "the organization of the islamic state in iraq and the levant - isis")


@pytest.mark.parametrize(("text", "perp"), [
    # FA-KES 1923848250 (Reuters headline)
    ("IS car bomb kills 20 in eastern Syria near the city of Deir al-Zor.", "isis"),
    # counter-examples: the verb in a line in capitals, a modifier of a page
    ("WHAT IS KNOWN: A car bomb killed 20 people near the city of Deir al-Zor.", None),
])
def test_upper_case_is_is_the_group(pipe, text: str, perp: str | None) -> None:  # type: ignore[no-untyped-def]
    bombs = [c for c in incidents(_doc(pipe, text, date(2017, 11, 17))) if c.event_type == "explosion"]
    assert bombs and {c.perpetrator for c in bombs} == {perp}


# -- round 8: a clash takes no other incident's marked agent as its attacker ----------------------


def test_clash_attacker_is_no_agent_of_another_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-ar: the warplanes are the agent of the strikes (marked by "نفّذ"), the besiegers of the
    # airport ("من قبل جبهة النصرة") of its siege; the clash at Tal Hamki names no attacker
    text = ("وانسحب هذا المشهد على ريف إدلب، حيث نفّذ الطيران الحربي غارات عدة، طالت مدينة بنش بريف إدلب "
            "الشمالي، بينما قتل قائد عسكري وأحد العناصر في «فيلق الشام» خلال اشتباكات مع قوات النظام والمسلحين "
            "الموالين لها في تل حمكي بريف جسر الشغور، كذلك قصف الطيران الحربي مناطق في محيط مطار أبو الظهور "
            "العسكري والمحاصر من قبل جبهة النصرة والفصائل الإسلامية منذ أكثر من عامين.")
    doc = pipe(Doc(text, published_on=date(2015, 8, 4), lang_hint="ar"))
    clashes = [c for c in incidents(doc) if c.event_type == "armed_clash"]
    assert clashes and {c.perpetrator for c in clashes} == {None}


def test_clash_attacker_marked_beside_its_attack_word(pipe) -> None:  # type: ignore[no-untyped-def]
    # counter-example (snn-ar): the attack word between them is the side's attack
    text = ("وقد تجددت المعارك العنيفة الخميس في مدينة درعا في جنوب سوريا بين قوات النظام ومقاتلي المعارضة "
            "إثر هجوم شنه مقاتلو المعارضة وجبهة النصرة الاسلامية على احياء تابعة لقوات النظام.")
    doc = pipe(Doc(text, published_on=date(2015, 7, 25), lang_hint="ar"))
    assert {c.perpetrator for c in incidents(doc) if c.event_type == "armed_clash"} == {"opposition"}


# -- round 8: a small place's name opening a longer name ------------------------------------------


@pytest.mark.parametrize(("text", "govs"), [
    # FA-KES 1965495325: "Khan" alone is a village in Hasakeh; Khan al-Assal (Aleppo) is not in
    # the OCHA gazetteer, only among the names learned from UCDP (read as another spelling)
    ("It would be the most serious report since the March 19 claim of the attack in Khan al-Assal when "
     "at least 30 people were reported killed.", {"SY02"}),
    # FA-KES 1923102823: "Jisr" alone is a village in Hasakeh
    ("Three children were killed in five separate air raids on Jisr al-Shigour in Idlib province.", {"SY07"}),
    # counter-example (FA-KES 1926479283): a city stays a city before a name it locates
    ("The Army establishes control over Jabal Badro neighborhood in Aleppo al-Halk area east of the city.",
     {"SY02"}),
])
def test_small_place_opening_a_longer_name_is_no_place(pipe, text: str, govs: set[str]) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(pipe, text, date(2013, 8, 21))
    assert {p.place.admin1_pcode for p in doc["places"] if not p.foreign} == govs


# -- round 8: killing words, sites of the side hit ------------------------------------------------


def test_massacre_is_a_killing_word_with_an_agent(pipe) -> None:  # type: ignore[no-untyped-def]
    # FA-KES 1962495638 (headline)
    text = "ISIL terrorists massacre 250 Syrian troops in Raqqa."
    assert fakes_prediction(_doc(pipe, text, date(2014, 8, 28)))["killed"] == 250


def test_hideouts_of_a_group_make_it_the_side_hit(pipe) -> None:  # type: ignore[no-untyped-def]
    # FA-KES 1962495699 (FNA): the group whose hideouts were hit did not fly the jets
    text = ("Syrias official news agency SANA reported on Wednesday that Syrian fighter jets targeted hideouts "
            "of the Takfiri Daesh terrorists in the town of al-Bab.")
    strikes = [c for c in incidents(_doc(pipe, text, date(2016, 2, 17))) if c.event_type == "air_strike"]
    assert strikes and {(c.perpetrator, c.target) for c in strikes} == {("syrian-government", "isis")}


@pytest.mark.parametrize(("text", "perp"), [
    # FA-KES 1962495638: "terrorists" labels the group just named, it is no other actor
    ("ISIL terrorists massacre 250 Syrian troops in Raqqa.", "isis"),
    # counter-example: "terrorists" alone names nobody (unknown)
    ("Terrorists fired rocket shells on al-Qusour neighborhood in Deir Ezzor city killing two civilians.",
     "unknown"),
])
def test_terrorists_after_a_group_is_its_label(pipe, text: str, perp: str) -> None:  # type: ignore[no-untyped-def]
    assert {c.perpetrator for c in incidents(_doc(pipe, text, date(2014, 8, 28)))} == {perp}


@pytest.mark.parametrize(("text", "clash"), [
    # FA-KES 1923848216: "fighting" right after the coalition describes it
    ("Deir Ezzor has been a key target of strikes against IS by the US-led coalition fighting the jihadist "
     "group in Syria and Iraq.", False),
    # counter-example: a clash reported with its verb
    ("Rebels were fighting government forces in Aleppo on Monday.", True),
])
def test_fighting_right_after_an_actor_describes_it(pipe, text: str, clash: bool) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(pipe, text, date(2014, 10, 14))
    assert any(c.event_type == "armed_clash" for c in incidents(doc)) is clash


def test_israeli_forces_strike_the_base_of_another_group(pipe) -> None:  # type: ignore[no-untyped-def]
    # FA-KES 1965495371 (Sputnik): the base's owner is the side hit; Israel has no gold class
    text = ("The Israel Defense Forces (IDF) allegedly have struck the military base of the Damascus-backed "
            "National Defense Forces (NDF) in the Golan Heights killing three Syrian fighters as a result "
            "local media reported Sunday citing an NDF official.")
    doc = _doc(pipe, text, date(2017, 4, 23))
    assert {(c.perpetrator, c.target) for c in incidents(doc) if c.casualties.killed_best} == {("israel", "ndf")}
    assert fakes_prediction(doc)["actor"] == "unknown"


@pytest.mark.parametrize(("text", "govs"), [
    # FA-KES 1924058063: "Khan" alone is a village in Hasakeh; the town is Khan Touman (Aleppo),
    # Khantuman in the gazetteer (read as another spelling)
    ("Government forces have been trying to regain the area around the strategic town of Khan Touman "
     "rebels say.", {"SY02"}),
    # counter-example: a name the gazetteer knows whole
    ("Air strikes hit the town of Khan Shaykhun on Tuesday.", {"SY07"}),
])
def test_name_head_before_a_capitalised_word_is_no_place(pipe, text: str, govs: set[str]) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(pipe, text, date(2016, 5, 8))
    assert {p.place.admin1_pcode for p in doc["places"] if not p.foreign and p.place.level != "unknown"} == govs
