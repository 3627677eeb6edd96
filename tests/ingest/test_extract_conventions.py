"""Rules of issue #4, round 6: annotation-guide conventions (who did it when the text says nobody
knows, single victims, "and N others", places given only as reference points ...). English
sentences are excerpts of FA-KES articles (CC BY 4.0) or written like them; Arabic ones are written
like the snn-ar articles. See tests/data/README.md.
"""

from datetime import date

import pytest

from hudna.ingest.evaluate import fakes_prediction
from hudna.ingest.pipeline import Doc
from tests.extraction import incidents


def _doc(pipe, text: str, lang: str = "en", on: date = date(2016, 8, 6)):  # type: ignore[no-untyped-def]
    return pipe(Doc(text, published_on=on, lang_hint=lang))


# -- who did it -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    # the text says nobody knows which aircraft: not the planes it names as operating there
    ("An airstrike on a hospital in the town of Meles in Idlib province on Saturday killed 10 people "
     "the Syrian Observatory for Human Rights said. Syrian regime and allied Russian military planes "
     "operate in Syria but it is not known which aircraft carried out the strike the Observatory said."),
])
def test_unknown_perpetrator_stated(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    assert fakes_prediction(_doc(pipe, text))["actor"] == "unknown"


def test_unidentified_drone_strikes(pipe) -> None:  # type: ignore[no-untyped-def]
    # a drone is an aircraft ("hit" is an air strike), and an unidentified one can strike (kind
    # "unknown" flies): the strike is not given to the Russian jets of the next sentence
    text = ("An unidentified drone hit a Hezbollah position near the town of Sukhna in Homs province on "
            "Monday killing at least eight fighters. Russian jets also bombed Daesh positions near Palmyra.")
    first = incidents(_doc(pipe, text))[0]
    assert (first.event_type, first.perpetrator) == ("air_strike", "unknown")


def test_no_claim_of_responsibility_gives_unknown(pipe) -> None:  # type: ignore[no-untyped-def]
    # "gunmen" alone would be read as rebels
    text = ("Gunmen opened fire on a checkpoint in the town of Nawa in Daraa on Wednesday killing four "
            "soldiers and no group has claimed the attack.")
    doc = _doc(pipe, text)
    shots = [c for c in incidents(doc) if c.event_type == "shooting"]
    assert fakes_prediction(doc)["actor"] == "unknown"
    assert shots and all(c.perpetrator == "unknown" for c in shots)


def test_sponsor_is_no_agent(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("Air strike struck a Hezbollah position in eastern Homs province on Monday where the "
            "Iran-backed Lebanese group is fighting.")
    strikes = [c for c in incidents(_doc(pipe, text)) if c.event_type == "air_strike"]
    assert strikes and all(c.perpetrator != "iran" for c in strikes)


def test_arabic_no_party_claimed(pipe) -> None:  # type: ignore[no-untyped-def]
    text = ("قتل خمسة مدنيين بانفجار سيارة مفخخة في مدينة إعزاز بريف حلب الشمالي اليوم، "
            "ولم تتبن أي جهة التفجير حتى الآن، في حين قصفت قوات النظام مدينة الباب.")
    doc = _doc(pipe, text, "ar", date(2015, 8, 1))
    bomb = [c for c in incidents(doc) if c.event_type == "explosion"]
    assert bomb and all(c.perpetrator == "unknown" for c in bomb)


def test_attack_spelled_out_as_bombing_takes_no_other_author(pipe) -> None:  # type: ignore[no-untyped-def]
    # the lead's "attack" is the blast of the next sentence: a bomb takes no author from the
    # article's other incidents (the government strikes of the last sentence)
    text = ("Militants Attack Syrias Idlib Kill 3 Including Journalist. A bomb attack in northwest Syria "
            "killed three people on Sunday. He was killed along with two other people by a blast that "
            "hit their bus on a road in the northwestern province of Idlib. Syrian government forces "
            "shelled rebel areas in Aleppo.")
    pred = fakes_prediction(_doc(pipe, text))
    assert (pred["cause_of_death"], pred["actor"]) == ("explosion", "unknown")


# -- places -----------------------------------------------------------------------------------


def test_alias_wins_over_a_namesake_of_another_governorate(pipe) -> None:  # type: ignore[no-untyped-def]
    # "Golan" (place.in.sy14, Quneitra) is also half of a joined village name in Aleppo ("Golan -
    # Qurret Qawaqez"): the scanner's hit of the same span gives way to the alias
    text = ("At least 10 Syrian soldiers were killed in Israeli overnight air raids on positions near the "
            "Israeli-held Golan Heights the Syrian Observatory for Human Rights monitoring group said on Monday.")
    doc = _doc(pipe, text, on=date(2014, 6, 23))
    golan = [m for m in doc["places"] if m.place.text == "Golan"]
    assert golan and golan[0].place.admin1_pcode == "SY14" and golan[0].place.reason == "alias"
    assert fakes_prediction(doc)["location"] == "quneitra"


def test_gazetteer_hit_in_the_aliass_governorate_keeps_its_pcode(pipe) -> None:  # type: ignore[no-untyped-def]
    # "Afrin" is an alias of Aleppo governorate and a community of Aleppo: the community stays
    doc = _doc(pipe, "Turkish shelling killed 15 civilians in the town of Afrin on Monday.")
    afrin = [m for m in doc["places"] if m.place.text.endswith("Afrin")]
    assert afrin and afrin[0].place.pcode is not None and afrin[0].place.admin1_pcode == "SY02"
