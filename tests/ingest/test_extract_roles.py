"""Clause-level roles, dates from the lead, irrealis triggers, attribution chains (issue #4).

Arabic sentences are excerpts of the seed article (AFP Arabic, 2016-05-01) and of snn-ar articles
(Saudi press, July–August 2015, research use with attribution); English ones are excerpts of
FA-KES articles (CC BY 4.0). See tests/data/README.md.
"""

from datetime import date

from hudna.domain.claim import RegimeStatusClaim
from hudna.ingest.evaluate import fakes_prediction
from hudna.ingest.pipeline import Doc
from tests.extraction import incidents

# -- roles -------------------------------------------------------------------------------------


def test_held_marks_the_side_hit_not_the_attacker(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian forces returned to their intense aerial bombardment of rebel-held eastern Aleppo "
            "on Tuesday after several days of relative calm local residents have said.")
    (c,) = incidents(pipe(Doc(text, published_on=date(2016, 5, 1), lang_hint="en")))
    assert (c.perpetrator, c.target) == ("russia", "opposition")


def test_victims_are_not_perpetrators(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("At least 29 Syrian rebels were killed during a major counter-offensive to recapture a "
            "critical supply route into Aleppo.")
    (c,) = incidents(pipe(Doc(text, published_on=date(2016, 7, 10), lang_hint="en")))
    assert c.perpetrator != "opposition"
    assert c.casualties.killed_best == 29


def test_svo_subject_and_a_date_after_on(pipe) -> None:  # type: ignore[no-untyped-def]
    # "On May 2" is a date, not "on <target>"; the agent stands before the verb in English
    text = "On May 2 Turkish forces struck Daesh gun emplacements near Jarabulus killing 50 terrorists."
    (c,) = incidents(pipe(Doc(text, published_on=date(2016, 5, 5), lang_hint="en")))
    assert c.perpetrator == "turkey"
    assert fakes_prediction(pipe(Doc(text, published_on=date(2016, 5, 5), lang_hint="en")))["actor"] == (
        "international coalition forces")


def test_adjective_agent_and_dateline_digits(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Last updated at Feb 092015 BEIRUT At least 15 people were killed and dozens wounded on "
            "Monday in government air strikes on an area outside the capital Damascus the Syrian "
            "Observatory for Human Rights monitor said.")
    (c,) = incidents(pipe(Doc(text, published_on=date(2015, 2, 9), lang_hint="en")))
    assert c.perpetrator == "syrian-government"
    assert c.casualties.killed_best == 15  # not "092015"


def test_vso_agent_carries_past_a_strike_abroad(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-015: "نفذت قوات التحالف" (VSO agent); the next sentence places the strikes in Syria
    text = ("نفذت قوات التحالف الدولي ضد تنظيم داعش الإرهابي تسع ضربات جوية على مواقع للتنظيم في "
            "سورية و14 ضربة أخرى في العراق. وقالت قوة المهام المشتركة في بيان إن الضربات التي وجهت "
            "في سورية أصابت وحدات تكتيكية بالقرب من مدينتي حلب والحسكة.")
    cs = incidents(pipe(Doc(text, published_on=date(2015, 7, 22))))
    assert {c.place.admin1_pcode for c in cs if c.place} == {"SY02", "SY08"}
    assert {c.perpetrator for c in cs} == {"us-coalition"}


def test_suicide_bomber_struck_is_an_explosion(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("A suicide bomber struck a wedding in Hasakeh as the bride and groom were exchanging vows "
            "killing 32 people and wounding dozens.")
    cs = incidents(pipe(Doc(text, published_on=date(2016, 7, 27), lang_hint="en")))
    assert [c.event_type for c in cs] == ["explosion"]
    assert cs[0].casualties.killed_best == 32


# -- what is not a reported event ----------------------------------------------------------------


def test_feared_strikes_are_no_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    # seed: "fear of new strikes"
    text = "لكن الشوارع بدت مهجورة في حلب، ولا أحد يجرؤ على الخروج خوفا من ضربات جديدة."
    assert incidents(pipe(Doc(text, published_on=date(2016, 5, 1)))) == []


def test_attached_preposition_alone_makes_no_village(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "وقتل خمسة مدنيين في قصف على بلدة سراقب بحلول المساء."
    doc = pipe(Doc(text, published_on=date(2015, 8, 1)))
    assert [p.place.text for p in doc["places"]] == ["سراقب"]


# -- dates ---------------------------------------------------------------------------------------


def test_undated_casualty_report_takes_the_lead_date(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-007/013: the lead dates the day ("اليوم (الاثنين)"); a later toll without a time word
    # is that day's event; a present-tense background sentence without a figure stays undated
    text = ("قال المرصد السوري لحقوق الانسان اليوم (الاثنين) إن 31 شخصا قتلوا حينما سقطت مقاتلة سورية "
            "على سوق في بلدة أريحا.\n\nوارتفعت حصيلة القصف الجوي على مدينة أريحا إلى 37 قتيلا على "
            "الأقل.\n\nوتشن القوات الحكومية غارات على الزبداني.")
    cs = {c.place.text: c for c in incidents(pipe(Doc(text, published_on=date(2015, 8, 3))))}
    assert cs["أريحا"].time is not None and cs["أريحا"].time.on == date(2015, 8, 3)
    assert cs["أريحا"].casualties.killed_best == 37
    assert any(e.role == "lead_time" for e in cs["أريحا"].evidence)
    assert cs["الزبداني"].time is None


# -- attribution ---------------------------------------------------------------------------------


SEED_CHAIN = (
    "ونقلت وكالات الأنباء الروسية عن الجنرال سيرغي كورالنكو، رئيس المركز الروسي للتوفيق بين الأطراف "
    "المتحاربة في سوريا الذي أنشأه الجيش الروسي لمراقبة الهدنة، قوله إن “هناك مفاوضات نشطة تجري حاليا "
    "لوقف المعارك في محافظة حلب”.\n\n"
    "ونقل عن الجنرال كورالينكو المسؤول أنه تمّ تمديد “التهدئة” حول دمشق لأربع وعشرين ساعة أخرى حتى "
    "الساعة التاسعة بتوقيت غرينتش ليوم غد الاثنين. كما ذكر المصدر أن التهدئة في اللاذقية وحول دمشق "
    "“متماسكة” إلى حد كبير."
)


def test_attribution_chain_carries_the_russian_sources(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(SEED_CHAIN, published_on=date(2016, 5, 1), source_id="afp"))
    ext = [c for c in doc["claims"] if isinstance(c, RegimeStatusClaim) and c.status == "extended"]
    assert ext and ext[0].zone is not None and ext[0].zone.admin1_pcode == "SY01"
    att = ext[0].attribution
    assert att.inherited
    assert (att.originator, att.publisher) == ("russian-reconciliation-centre", "russian-media")
    assert any(e.role == "source" for e in ext[0].evidence)
    holding = [c for c in doc["claims"] if isinstance(c, RegimeStatusClaim) and c.status == "holding"]
    assert holding and all(c.attribution.publisher == "russian-media" for c in holding)


# Seed article, paragraphs 4-7: state TV's sentence, a narrative one, then Kerry's and Russia's
# own statements, which are not state TV's.
SEED_SPEAKERS = (
    "من جهته نقل التلفزيون الرسمي عن الجيش السوري تأكيده اليوم الأحد إعلانا روسيا عن تمديد "
    "“نظام التهدئة”.\n\n"
    "وأطلقت موسكو هذه التصريحات في وقت يُنتظر فيه وصول وزير الخارجية الأميركي جون كيري إلى جنيف "
    "لإجراء محادثات طارئة حول النزاع السوري.\n\n"
    "وعقد كيري محادثات الجمعة والسبت عبر الهاتف مع دي ميستورا ومنسق المعارضة السورية رياض حجاب، "
    "وقال لهم “إن وضع حد للعنف في حلب والعودة في نهاية المطاف إلى وقف دائم (للأعمال العدائية) هما "
    "أولوية”.\n\n"
    "وكانت روسيا، أقوى حليف للرئيس بشار الأسد، قد أعلنت أمس السبت أنها لن تطلب من النظام التوقف "
    "عن قصف حلب."
)


def test_a_sentence_that_reports_nothing_breaks_the_chain(pipe) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(SEED_SPEAKERS, published_on=date(2016, 5, 1), source_id="afp"))
    atts = [a for a, _ in doc["attributions"]]
    assert atts[0].sources == ("syrian-state-tv",)
    assert not any(a.inherited or "syrian-state-tv" in a.sources for a in atts[1:])
    regime = [c for c in doc["claims"] if isinstance(c, RegimeStatusClaim)]
    assert regime and all(c.attribution.originator != "syrian-state-tv" for c in regime if c.zone is not None)


def test_source_spoken_to_is_the_publisher(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-009: "ذكر مدير المرصد ... لوكالة فرانس برس"
    text = "وذكر مدير المرصد السوري لحقوق الانسان رامي عبدالرحمن لوكالة فرانس برس أن المعارك تجددت في درعا."
    att, _ = pipe(Doc(text, published_on=date(2015, 7, 25)))["attributions"][0]
    assert (att.originator, att.publisher) == ("sohr", "afp")


def test_justification_is_recorded(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("وكانت روسيا قد أعلنت أمس السبت أنها لن تطلب من النظام التوقف عن قصف حلب، مشيرة إلى "
            "“مكافحة التهديد الإرهابي”.")
    doc = pipe(Doc(text, published_on=date(2016, 5, 1)))
    att, ev = doc["attributions"][0]
    assert att.justification == "counter_terrorism"
    assert any(e.role == "justification" and e.text == "مكافحة التهديد الإرهابي" for e in ev)
    # a demand to stop shelling reports no shelling
    assert incidents(doc) == []


def test_photo_caption_does_not_locate_the_lead(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("A member of the Syrian regime forces runs near destroyed buildings in the northeastern "
            "Syrian city of Hasakeh on Monday (AFP photo) BEIRUT Thirteen civilians among them seven "
            "children were killed in aerial attacks by Syrias government Wednesday on the northern "
            "province of Aleppo a monitoring group said.")
    pred = fakes_prediction(pipe(Doc(text, published_on=date(2015, 7, 15), lang_hint="en")))
    assert (pred["location"], pred["cause_of_death"], pred["killed"]) == ("aleppo", "shelling", 13)


def test_according_to_the_correspondent_keeps_the_agency_as_publisher(pipe) -> None:  # type: ignore[no-untyped-def]
    # seed: "وفقا لمراسل فرانس برس" is AFP's own correspondent, not a source spoken to
    text = "ولم تشن صباح الأحد أي غارة على أحياء المعارضة في حلب، وفقا لمراسل فرانس برس."
    att, _ = pipe(Doc(text, published_on=date(2016, 5, 1), source_id="afp"))["attributions"][0]
    assert att.publisher == "afp"


def test_marked_agent_of_a_bombing_beside_a_clash(pipe) -> None:  # type: ignore[no-untyped-def]
    # constructed: the clash's parties are set aside for the bombing, but its "by X" agent is
    # still marked (it was lost when the parties were set aside)
    text = ("Clashes between the army and rebels continued in Daraa on Monday while an explosion caused "
            "by a bomb planted by Islamic State killed five people in the city.")
    got = [(c.event_type, c.perpetrator) for c in incidents(pipe(Doc(text, published_on=date(2016, 7, 20))))]
    assert ("explosion", "isis") in got and ("armed_clash", None) in got


def test_barrel_bombs_name_their_user(pipe) -> None:  # type: ignore[no-untyped-def]
    # FA-KES: "injured by barrel bombs dropped from helicopters" names no side: the weapon does
    text = ("Three people two of them children died and more than nine people were injured by barrel bombs "
            "dropped from helicopters in the city the Observatory said on Saturday.")
    got = [(c.event_type, c.perpetrator) for c in incidents(pipe(Doc(text, published_on=date(2016, 6, 18))))]
    assert got and all(g == ("air_strike", "syrian-government") for g in got)
    text = "سقط عشرات القتلى والجرحى في قصف بالبراميل المتفجرة على حي الشعار في حلب."  # constructed
    assert [(c.event_type, c.perpetrator) for c in incidents(pipe(Doc(text, published_on=date(2016, 7, 20))))] == [
        ("air_strike", "syrian-government")]
    # the other side's shelling in the same sentence stays theirs
    text = "Rebels shelled Aleppo as regime helicopters dropped barrel bombs on Daraya."
    got = [(c.event_type, c.perpetrator) for c in incidents(pipe(Doc(text, published_on=date(2016, 7, 20))))]
    assert ("shelling", "opposition") in got and ("air_strike", "syrian-government") in got


def test_arabic_nationality_adjective_names_the_air_force(pipe) -> None:  # type: ignore[no-untyped-def]
    # constructed, wire style: "طائرات حربية روسية", "يعتقد أنها روسية" as English "Russian jets"
    for text in ("قتل 15 مدنيا جراء غارات جوية شنتها طائرات حربية روسية على مدينة معرة النعمان.",
                 "قتل 15 مدنيا، بينهم ستة أطفال، جراء غارات جوية شنتها طائرات حربية يعتقد أنها روسية "
                 "على مدينة معرة النعمان، بحسب المرصد السوري لحقوق الإنسان."):
        (c,) = incidents(pipe(Doc(text, published_on=date(2016, 7, 20))))
        assert (c.perpetrator, c.casualties.killed_best, c.casualties.children) == (
            "russia", 15, None if "ستة" not in text else 6)
    # a Russian source's name is no perpetrator
    text = "وقالت وكالة الأنباء الروسية إن غارات للتحالف استهدفت الرقة."
    assert [c.perpetrator for c in incidents(pipe(Doc(text, published_on=date(2016, 7, 20))))] == ["us-coalition"]


def test_a_sides_post_is_the_side_hit(pipe) -> None:  # type: ignore[no-untyped-def]
    # constructed: "حاجزا لقوات سوريا الديمقراطية" is the SDF's checkpoint, not the SDF's attack
    text = "استهدف تنظيم الدولة الإسلامية بسيارة مفخخة حاجزا لقوات سوريا الديمقراطية قرب مدينة منبج، ما أدى إلى مقتل سبعة عناصر."
    (c,) = incidents(pipe(Doc(text, published_on=date(2016, 7, 20))))
    assert (c.event_type, c.perpetrator, c.target) == ("explosion", "isis", "sdf")
    # FA-KES: "a long convoy of ISIL fuel tankers ... was targeted": ISIL is the side hit
    text = ("Report also said on Wednesday that a long convoy of ISIL fuel tankers moving from Northwestern Aleppo to "
            "the terrorist-held regions in the Western part of the province was targeted in the joint combat "
            "flights of the Syrian and Russian fighter jets.")
    got = [(c.event_type, c.target) for c in incidents(pipe(Doc(text, published_on=date(2016, 7, 20))))]
    assert ("air_strike", "isis") in got
