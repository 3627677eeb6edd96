"""Context rules of the incident builder and places step, round 3 (issue #4): the writer's
today, statement days, topic shifts, concurrency, tallies and past periods, sites, qualified and
coordinated place names, short particles.

Arabic sentences are excerpts of snn-ar articles (Saudi press, July–August 2015, research use
with attribution) or written in their style; see tests/data/README.md.
"""

from datetime import date

import pytest

from hudna.ingest.evaluate import to_gold_v1
from hudna.ingest.pipeline import Doc
from hudna.text.lexicon import get_matcher
from tests.extraction import incidents


def _gold(pipe, text: str, published: date) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=published))
    return sorted(((g["event_type"], g["governorate"], g["date"], g["place_pcode"])
                   for g in to_gold_v1(doc)["incidents"]), key=str)


# -- days ----------------------------------------------------------------------------------------


def test_writers_today_anchors_yesterday(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-012, collected Friday 31 July: "اليوم (الخميس)" is Thursday 30 July, so "أمس" is the 29th
    text = ("خطفت جبهة النصرة ثمانية عناصر من فرقة سورية مقاتلة، حسبما ذكر المرصد السوري لحقوق "
            "الانسان اليوم (الخميس).\n\nعلى الارض، أفاد المرصد بمقتل 19 مواطنا جراء غارات جوية نفذها "
            "الطيران التابع للنظام السوري على مناطق في محافظة ادلب أمس.\n\n"
            "وقتل 15 آخرون في قصف من طيران حربي على بلدة سراقب في الريف الجنوبي الشرقي للمحافظة.")
    doc = pipe(Doc(text, published_on=date(2015, 7, 31)))
    assert doc["reference_on"] == date(2015, 7, 30)
    days = {c.place.text: c.time.on for c in incidents(doc) if c.place and c.time}
    # "أمس" of the writer's Thursday; the province's total gives way to Saraqeb's incident
    assert days == {"سراقب": date(2015, 7, 29)}


@pytest.mark.parametrize("text", [
    # the speaker between the verb of saying and the day (snn-003)
    "وردت الولايات المتحدة على هجوم النصرة بغارات على مقرات لها في مدينة أعزاز، مما أسفر عن مقتل "
    "25 مقاتلا من التنظيم، كما أفاد «المرصد السوري لحقوق الإنسان» أمس.",
    # the day between the saying and what was said ("ذكرت ... اليوم الخميس، أن ...", snn-005)
    "وذكرت حسابات بموقع التواصل الاجتماعي مقربة من التنظيم، اليوم الخميس، أن المسؤول الشرعي لقي "
    "مصرعه خلال اشتباكات بين التنظيم وقوات النظام السوري في مدينة القريتين بريف حمص.",
])
def test_day_of_the_saying_is_not_the_incidents(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    (c,) = incidents(pipe(Doc(text, published_on=date(2015, 8, 7))))
    assert c.time is None or c.time.on is None


def test_topic_shift_drops_the_leads_day(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-002: the Ghariyeh toll follows "من جهة أخرى"; the lead's Thursday is another story's
    text = ("وجيش الفتح سيطر، الخميس، على ثلاث نقاط من الخط الدفاعي لقوات النظام في الصواغية.\n"
            "من جهة أخرى، ارتفعت حصيلة غارات الطيران الحربي السوري على بلدة الغارية الغربية بريف "
            "درعا الشرقي جنوبي سوريا إلى 15 قتيلا، بينهم أطفال ونساء.")
    (c,) = incidents(pipe(Doc(text, published_on=date(2015, 7, 25))))
    assert c.event_type == "air_strike" and c.time is None
    assert c.casualties.killed_best == 15


def test_concurrent_events_take_the_day_told_before(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-014: "بالتزامن مع هذا الحادث" dates the rest of its paragraph with the crash's day
    text = ("سقطت أمس طائرة حربية تابعة للنظام السوري في سوق للخضار وسط مدينة أريحا.\n\n"
            "وبالتزامن مع هذا الحادث، شهد الوضع الميداني سخونة كبيرة. وأعلن المرصد السوري لحقوق "
            "الإنسان، أن قوات النظام قصفت أماكن في منطقتي سلمى وكباني في ريف اللاذقية الشمالي.")
    doc = pipe(Doc(text, published_on=date(2015, 8, 4)))
    shelled = sorted((c.place.pcode, c.time.on) for c in incidents(doc)
                     if c.event_type == "shelling" and c.place and c.time)
    assert shelled == [("C3704", date(2015, 8, 3)), ("C3751", date(2015, 8, 3))]


# -- tallies and past periods --------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    # a count over four days; the day after it dates another clause (snn-010)
    "وذكر أن القوات الجوية السورية قصفت المنطقة أكثر من 270 مرة في أربعة أيام وبحلول أمس السبت "
    "كانت القوات الحكومية قد استعادت السيطرة على عدد من القرى في مدينة حماة.",
    # last year's fighting (snn-004)
    "غير أن الهجوم الأخير يعيد إلى الأذهان هجمات شنتها جبهة النصرة ضد جبهة ثوار سوريا، وأدت إلى "
    "إقصاء التنظيم المعتدل عن المشهد الميداني في ريف إدلب، أواخر العام الماضي.",
    # "lately" (snn-007)
    "واشتد القتال في ادلب أخيرًا بين قوات الجيش السوري وجيش الفتح المعارض.",
    # deaths from a siege (snn-011)
    "واستطاع الفريق توثيق بيانات 63 طفلًا فلسطينيًا قضوا إثر القصف والحصار على مخيم اليرموك بدمشق.",
])
def test_tallies_and_past_periods_give_no_incident(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _gold(pipe, text, date(2015, 8, 2)) == []


def test_a_day_nearer_than_the_tally_keeps_the_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "وقتل خمسة مدنيين أمس في غارات على مدينة إدلب، ليرتفع عدد القتلى منذ بداية الشهر إلى 50."
    assert _gold(pipe, text, date(2015, 8, 2)) == [("air_strike", "SY07", "2015-08-01", "C3871")]


# -- places --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "place_text", "governorate"), [
    ("كذلك قصف الطيران الحربي مناطق في محيط مطار أبو الظهور العسكري.", "مطار أبو الظهور", "SY07"),
    ("وذكر ناشطون أن الطائرات الحربية ألقت براميل متفجرة على أحياء المدنيين في مخيم درعا للاجئين.",
     "مخيم درعا", "SY12"),
    ("كما دارت اشتباكات على أطراف حي الخالدية شمال حلب.", "حي الخالدية", "SY02"),
])
def test_sites_have_no_community_pcode(pipe, text: str, place_text: str, governorate: str) -> None:  # type: ignore[no-untyped-def]
    # ANNOTATION-GUIDE.md: airports, camps and neighbourhoods -> place_pcode null
    doc = pipe(Doc(text, published_on=date(2015, 8, 3)))
    (g,) = to_gold_v1(doc)["incidents"]
    assert (g["place_text"], g["place_pcode"], g["governorate"]) == (place_text, None, governorate)


def test_qualifier_overrides_a_namesake_elsewhere(pipe) -> None:  # type: ignore[no-untyped-def]
    # "الغارية" of the gazetteer is in As-Sweida; "بريف درعا" says this one is in Dar'a
    text = "وارتفعت حصيلة غارات الطيران الحربي السوري على بلدة الغارية الغربية بريف درعا الشرقي إلى 15 قتيلا."
    (c,) = incidents(pipe(Doc(text, published_on=date(2015, 7, 25))))
    assert c.place is not None and (c.place.pcode, c.place.admin1_pcode) == (None, "SY12")


def test_small_village_takes_its_sentences_governorate(pipe) -> None:  # type: ignore[no-untyped-def]
    # "الكوم" of the gazetteer is in Homs; the sentence is about rural Latakia
    text = ("وتعرضت أماكن في منطقتي الكوم وكتف الغدر وقرية غمام بريف اللاذقية الشمالي، لقصف من قبل "
            "قوات النظام.")
    doc = pipe(Doc(text, published_on=date(2015, 8, 4)))
    assert {(p.place.text, p.place.admin1_pcode) for p in doc["places"] if not p.qualifier} >= {
        ("الكوم", "SY06"), ("غمام", "SY06")}


def test_dual_cue_and_coordinated_names(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "وقصفت قوات النظام أماكن في منطقتي سلمى وكباني في ريف اللاذقية الشمالي."
    doc = pipe(Doc(text, published_on=date(2015, 8, 4)))
    assert {p.place.pcode for p in doc["places"]} >= {"C3704", "C3751"}


def test_countryside_is_not_its_capital(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-000: barrel bombs on Idlib city and raids on rural Idlib are two incidents
    text = ("والجدير بالذكر أن الطيران المروحي يستهدف بالبراميل المتفجرة أحياء مدينة إدلب تزامنا مع "
            "غارات يشنها الطيران الحربي على مدن وبلدات ريف إدلب.")
    got = set(_gold(pipe, text, date(2015, 8, 3)))
    assert got == {("air_strike", "SY07", None, None), ("air_strike", "SY07", None, "C3871")}


@pytest.mark.parametrize("text", [
    "خطفت جبهة النصرة ثمانية عناصر من فرقة سورية مقاتلة.",  # "فرقة" is no "ف" + "رقة" (Raqqa)
    "وربط التنظيم عبوات ناسفة في أرجل الماعز بهدف تفجيرها.",  # "أرجل" (legs) is a village name too
])
def test_common_words_are_no_places(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [p.place.text for p in pipe(Doc(text, published_on=date(2015, 7, 31)))["places"]] == []


@pytest.mark.parametrize(("text", "concept"), [
    ("سلمى", "negation.not"),  # not "س" + "لم" + "ى"
    ("أبي حسان", "time.month"),  # not "آب" (August) + "ي"
])
def test_short_forms_take_no_clitics(text: str, concept: str) -> None:
    assert concept not in {m.concept for m in get_matcher("ar").match(text)}


def test_short_forms_keep_their_conjunction() -> None:
    assert "negation.not" in {m.concept for m in get_matcher("ar").match("ولم تشن أي غارة")}


# -- clashes, crashes, roles ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "perpetrator", "target"), [
    # no side attacks: unknown, the side named is the other party (snn-014)
    ("بينما قتل قائد عسكري وأحد العناصر في فيلق الشام خلال اشتباكات مع قوات النظام في تل حمكي "
     "بريف جسر الشغور.", None, "syrian-government"),
    # an attack marked with its agent names the attacker (snn-009)
    ("وقد تجددت المعارك العنيفة الخميس في مدينة درعا بين قوات النظام ومقاتلي المعارضة إثر هجوم "
     "شنه مقاتلو المعارضة على احياء تابعة لقوات النظام.", "opposition", None),
])
def test_clash_perpetrator_is_the_attacker_or_unknown(pipe, text: str, perpetrator: str | None,  # type: ignore[no-untyped-def]
                                                       target: str | None) -> None:
    cs = [c for c in incidents(pipe(Doc(text, published_on=date(2015, 8, 4)))) if c.event_type == "armed_clash"]
    assert cs and cs[0].perpetrator == perpetrator
    if target is not None:
        assert cs[0].target == target


def test_crash_is_other_unless_the_aircraft_was_striking(pipe) -> None:  # type: ignore[no-untyped-def]
    crash = ("سقطت طائرة مقاتلة للنظام السوري في بلدة أريحا بريف أدلب وأسفر عن مقتل 20 على الأقل "
             "صباح هذا اليوم.")
    (c,) = incidents(pipe(Doc(crash, published_on=date(2015, 8, 3))))
    assert (c.event_type, c.perpetrator, c.casualties.killed_best) == ("other", "syrian-government", 20)
    striking = crash + " وقال المصدر إن «الطائرة كانت تنفّذ غارة على المدينة، لكن عطلاً فنيًا طرأ عليها مما أدى إلى سقوطها»."
    assert {c.event_type for c in incidents(pipe(Doc(striking, published_on=date(2015, 8, 3))))} == {"air_strike"}


def test_article_after_lam_is_matched() -> None:
    # "ل" + "النظام" is written "للنظام"
    ms = get_matcher("ar").match("طائرة مقاتلة للنظام السوري")
    assert [(m.text, m.concept) for m in ms if m.entry.family == "actor"] == [
        ("للنظام السوري", "actor.syrian-government")]


# -- pairing triggers and places -----------------------------------------------------------------


def test_accompanying_trigger_takes_the_sentence_place(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-010: the air raids and shelling "accompanied" the clashes in Aleppo
    text = ("كما شهدت الأطراف الغربية لمدينة حلب اشتباكات عنيفة منذ صباح أمس ترافقت مع قصف جوي على "
            "منطقة الاشتباكات وقصف مدفعي لقوات النظام.")
    got = {(c.event_type, c.place.admin1_pcode) for c in incidents(pipe(Doc(text, published_on=date(2015, 8, 2))))
           if c.place}
    assert got == {("armed_clash", "SY02"), ("air_strike", "SY02"), ("shelling", "SY02")}


def test_attack_apart_from_the_strikes_is_its_own_incident(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-002: "بينما" opens the rebels' attack on Daraa, apart from the air raids
    text = "وجاءت الغارات على بلدة الغارية بينما كانت المعارضة السورية تشن هجوما على المربع الأمني للنظام في مدينة درعا."
    got = {(c.event_type, c.place.text) for c in incidents(pipe(Doc(text, published_on=date(2015, 7, 25)))) if c.place}
    assert ("armed_clash", "درعا") in got


def test_attack_word_beside_the_weapon_is_the_same_event(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "وقتل عشرة أشخاص في غارات على مدينة أريحا في هجوم للطيران الحربي."
    assert {c.event_type for c in incidents(pipe(Doc(text, published_on=date(2015, 8, 3))))} == {"air_strike"}


def test_new_subject_clause_takes_its_own_place(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-014: Khan Shaykhun is the execution's place, not the air raids'
    text = ("كذلك قصف الطيران الحربي مناطق في محيط مطار أبو الظهور العسكري، في وقت أقدمت جبهة النصرة "
            "في مدينة خان شيخون بريف إدلب الجنوبي، على إعدام محامٍ.")
    got = {(c.event_type, c.place.text) for c in incidents(pipe(Doc(text, published_on=date(2015, 8, 4)))) if c.place}
    assert ("execution", "خان شيخون") in got
    assert ("air_strike", "خان شيخون") not in got


def test_region_alias_is_a_place_of_its_governorate(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "وتحولت مناطق سهل الغاب في ريف حماه الشمالي الغربي مسرحًا لاشتباكات عنيفة."
    (c,) = incidents(pipe(Doc(text, published_on=date(2015, 8, 4))))
    assert c.place is not None and (c.place.text, c.place.admin1_pcode, c.place.pcode) == ("سهل الغاب", "SY05", None)


def test_figure_after_a_time_is_not_part_of_it(pipe) -> None:  # type: ignore[no-untyped-def]
    # "حتى مساء أمس، 18 قتيلاً": 18 counts the dead, it is no day of the month
    text = ("سقطت طائرة حربية في سوق مدينة أريحا. وأفادت معلومات أن عدد قتلى سقوط الطائرة بلغ حتى "
            "مساء أمس، 18 قتيلاً وأكثر من 70 جريحًا.")
    cs = incidents(pipe(Doc(text, published_on=date(2015, 8, 4))))
    assert [c.casualties.killed_best for c in cs if c.casualties.killed_best] == [18]


# -- round 3, part 3 -------------------------------------------------------------------------------


def test_execution_by_shooting_is_one_execution(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("وأقدمت جبهة النصرة في مدينة خان شيخون بريف إدلب الجنوبي، على إعدام محامٍ بإطلاق النار "
            "عليه بعدما اتهمته بالتعامل مع قوات النظام.")
    assert {c.event_type for c in incidents(pipe(Doc(text, published_on=date(2015, 8, 4))))} == {"execution"}


def test_bare_bombardment_beside_air_bombardment_is_shelling(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-010: "قصف جوي ... وقصف لقوات النظام": the second is ground fire, by regime forces
    text = ("كما شهدت الأطراف الغربية لمدينة حلب اشتباكات عنيفة منذ صباح أمس ترافقت مع قصف جوي على "
            "منطقة الاشتباكات وقصف لقوات النظام.")
    cs = incidents(pipe(Doc(text, published_on=date(2015, 8, 2))))
    shelling = [c for c in cs if c.event_type == "shelling"]
    assert shelling and shelling[0].perpetrator == "syrian-government"


def test_clash_parties_are_not_the_strikes_perpetrators(pipe) -> None:  # type: ignore[no-untyped-def]
    # snn-014: the factions named as a party of the clash did not carry out the air raids
    text = ("سقطت طائرة حربية للنظام على سوق مدينة أريحا بعد غارات للطيران الحربي أمس. كما تحولت مناطق "
            "سهل الغاب مسرحًا لاشتباكات عنيفة دارت بين حزب الله وقوات النظام من جهة، والفصائل "
            "الإسلامية المعارضة من جهة ثانية، ترافقت مع قصف جوي على مناطق الاشتباك.")
    cs = incidents(pipe(Doc(text, published_on=date(2015, 8, 4))))
    strike = next(c for c in cs if c.event_type == "air_strike" and c.place and c.place.text == "سهل الغاب")
    assert strike.perpetrator == "syrian-government"


@pytest.mark.parametrize("text", [
    'وقال الخبير في حديث خاص لـ"اليوم"، إن القصف سيتواصل.',  # the newspaper «اليوم»
    "وقصفت المعارضة مدينة القرداحة لليوم السابع على التوالي.",  # "for the seventh day"
])
def test_today_that_is_no_day(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = pipe(Doc(text, published_on=date(2015, 8, 1)))
    assert all(t.text not in ("اليوم", "لليوم") for ts in doc["times"] for t in ts)


def test_a_days_total_at_the_governorate_gives_way_to_its_places(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("على الارض، أفاد المرصد بمقتل 19 مواطنا جراء غارات جوية نفذها الطيران التابع للنظام "
            "السوري على مناطق في محافظة ادلب أمس. وقتل 15 آخرون في قصف من طيران حربي على بلدة سراقب.")
    got = _gold(pipe, text, date(2015, 7, 30))
    assert got == [("air_strike", "SY07", "2015-07-29", "C3916")]


@pytest.mark.parametrize("text", [
    # a campaign named by the singular "معركة"
    'ولفت إلى أن معركة اليرموك "تعني شيئا جديدا لتنظيم داعش" في مخيم اليرموك.',
    # a comparison: "like barrel bombs and shelling"
    "كل ما يمكن أن يقوم به النظام هو اتباع السياسة ذاتها مع بلدات ريف دمشق مثل دوما كبراميل "
    "متفجرة وقصف مدفعي وصاروخي كثيف.",
    # a plan
    "لقد سبق للنظام أنه قرر وخطط القيام بهجوم مزدوج على مدينة القنيطرة.",
])
def test_campaigns_comparisons_and_plans_are_no_incidents(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _gold(pipe, text, date(2015, 8, 1)) == []


def test_countryside_of_a_town_is_inside_its_district(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "ودارت اشتباكات عنيفة في ريف جسر الشغور."
    doc = pipe(Doc(text, published_on=date(2015, 8, 4)))
    (p,) = [p for p in doc["places"] if not p.qualifier]
    assert (p.place.level, p.place.admin1_pcode, p.place.reason) == ("district", "SY07", "countryside")
