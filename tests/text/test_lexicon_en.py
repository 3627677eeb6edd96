"""Lexicon matcher, English (FA-KES style sentences, CC BY 4.0)."""

import pytest

from hudna.text.lexicon import get_matcher

CASES = [
    ("Six civilians including a child were among at least 22 people killed in U.S. air strikes",
     {"person.civilian", "casualty.among", "approx.at_least", "casualty.killed", "actor.united-states", "incident.air_strike"}),
    ("A bomb blast killed six people and injured 32, Syrian state television reported",
     {"incident.explosion", "casualty.killed", "casualty.injured", "source.syrian-state-tv"}),
    ("according to the Syrian Observatory for Human Rights", {"attribution.according_to", "source.sohr"}),
    ("the ceasefire was extended until 09:00 GMT", {"regime.truce", "status.extended", "time.until", "time.gmt"}),
    ("Islamic State militants executed 12 men", {"actor.isis", "incident.execution"}),
    ("Russia denied the reports", {"actor.russia", "negation.denied", "source.media-reports"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_concepts_found(text: str, expected: set[str]) -> None:
    assert expected <= {m.concept for m in get_matcher("en").match(text)}


def test_case_and_plural_suffix() -> None:
    ms = get_matcher("en").match("AIRSTRIKES and Clashes")
    assert [(m.text, m.concept) for m in ms] == [
        ("AIRSTRIKES", "incident.air_strike"),
        ("Clashes", "incident.armed_clash"),
    ] or {m.concept for m in ms} >= {"incident.air_strike", "incident.armed_clash"}
