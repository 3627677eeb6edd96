"""``clustering.v2``: actors, figures and times must agree with every claim of the event."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hudna.corroborate.cluster import (
    CLUSTERING_V1,
    CLUSTERING_V2,
    cluster_claims,
    figures_fit,
)
from hudna.corroborate.model import ClaimRecord, SourceView
from hudna.corroborate.summary import summarise
from hudna.errors import RuleNotFound

D = date(2016, 4, 30).toordinal()
T1 = datetime(2016, 4, 30, 9, tzinfo=UTC)
T2 = datetime(2016, 4, 30, 21, tzinfo=UTC)
CAMPS = {"syrian-government": "pro-government", "russia": "pro-government", "isis": "isis",
         "opposition": "opposition", "sdf": "kurdish-administration"}
VOICES = {"sana": "pro-government", "sohr": "opposition", "syrian-civil-defence": "opposition"}
SOURCES = {"sohr": SourceView("hr_observatory", "opposition", "opposition"),
           "syrian-civil-defence": SourceView("civil_defence", "opposition", "opposition")}


def rec(cid: int, report: str, **kw: object) -> ClaimRecord:
    base: dict[str, object] = dict(
        event_type="air_strike", first_day=D, last_day=D, admin1="SY02", admin2="SY0200",
        pcode="C1007", level="community", perpetrator="syrian-government", published=T1,
    )
    base.update(kw)
    return ClaimRecord(cid, report, **base)  # type: ignore[arg-type]


def clusters(recs: list[ClaimRecord]) -> list[list[int]]:
    result = cluster_claims(recs, actor_camps=CAMPS, voice_camps=VOICES)
    return sorted(sorted(c.members) for c in result.live())


def test_different_perpetrators_at_the_same_place_and_day_are_two_events() -> None:
    recs = [rec(1, "r1", originator="sohr", killed=10),
            rec(2, "r2", originator="syrian-civil-defence", perpetrator="isis", killed=10)]
    result = cluster_claims(recs, actor_camps=CAMPS, voice_camps=VOICES)
    assert len(result.live()) == 2
    assert "perpetrator isis vs syrian-government" in result.decisions[1].note
    # v1 took them for a competing attribution (same place, same figures)
    assert len(cluster_claims(recs, rule=CLUSTERING_V1).live()) == 1


def test_perpetrators_of_one_side_or_unknown_are_compatible() -> None:
    recs = [rec(1, "r1", originator="sohr", killed=10),
            rec(2, "r2", originator="syrian-civil-defence", perpetrator="russia", killed=10),
            rec(3, "r3", originator="activists", perpetrator=None, killed=11)]
    assert clusters(recs) == [[0, 1, 2]]


def test_different_targets_are_two_events() -> None:
    recs = [rec(1, "r1", target="opposition", killed=4), rec(2, "r2", target="isis", killed=4)]
    assert clusters(recs) == [[0], [1]]


def test_counter_accusation_is_one_contested_event() -> None:
    # SOHR blames the government; SANA (the accused side) blames the opposition.
    recs = [rec(1, "r1", originator="sohr", killed=10),
            rec(2, "r2", originator="sana", perpetrator="opposition", killed=9)]
    result = cluster_claims(recs, actor_camps=CAMPS, voice_camps=VOICES)
    (c,) = result.live()
    assert result.decisions[1].perpetrator == "disputed"


def test_figures_10_and_12_from_two_sources_are_one_event_with_who_said_what() -> None:
    recs = [rec(1, "r1", originator="syrian-civil-defence", publisher="afp", killed=10),
            rec(2, "r2", originator="sohr", publisher="sohr", killed=12)]
    result = cluster_claims(recs, actor_camps=CAMPS, voice_camps=VOICES)
    (c,) = result.live()
    assert result.decisions[1].figures == "differ" and result.decisions[1].rule == CLUSTERING_V2
    corr = summarise(recs, c.members, sources=SOURCES, actor_camps=CAMPS)
    assert (corr.killed.low, corr.killed.best, corr.killed.high) == (10, 10, 12)
    assert {(s.voice, s.killed) for s in corr.said} == {("syrian-civil-defence", 10), ("sohr", 12)}
    assert corr.grade.value == "fair"


def test_10_vs_45_at_the_same_place_and_day_are_two_events() -> None:
    # Too far apart for sources that disagree, and more than a later report's rise allows:
    # two incidents, each explained; an analyst who knows the toll rose merges them (recorded).
    recs = [rec(1, "r1", originator="sohr", killed=10),
            rec(2, "r2", originator="syrian-civil-defence", killed=45, published=T2)]
    result = cluster_claims(recs, actor_camps=CAMPS, voice_camps=VOICES)
    assert len(result.live()) == 2
    assert "toll 45 vs 10" in result.decisions[1].describe(recs)


def test_a_later_report_may_raise_the_toll() -> None:
    later = [rec(1, "r1", originator="sohr", killed=10),
             rec(2, "r2", originator="syrian-civil-defence", killed=25, published=T2)]
    result = cluster_claims(later, actor_camps=CAMPS, voice_camps=VOICES)
    assert len(result.live()) == 1 and result.decisions[1].figures == "grown"
    earlier = [rec(1, "r1", originator="sohr", killed=10, published=T2),
               rec(2, "r2", originator="syrian-civil-defence", killed=25, published=T1)]
    assert len(cluster_claims(earlier).live()) == 2  # a toll does not fall that much later


def test_figures_must_agree_with_every_claim_of_the_event() -> None:
    # 5 -> 9 -> 16: each step is within what sources disagree by, but 5 and 16 are not.
    recs = [rec(1, "r1", killed=5), rec(2, "r2", killed=9), rec(3, "r3", killed=16)]
    assert clusters(recs) == [[0, 1], [2]]


def test_civilians_and_fighters_killed_are_two_events() -> None:
    recs = [rec(1, "r1", killed=4, victims="civilians"), rec(2, "r2", killed=4, victims="combatants"),
            rec(3, "r3", killed=4, victims="mixed")]
    assert len(clusters(recs)) == 2


def test_times_of_day_far_apart_are_two_events() -> None:
    recs = [rec(1, "r1", at=datetime(2016, 4, 30, 5, tzinfo=UTC)),
            rec(2, "r2", at=datetime(2016, 4, 30, 16, tzinfo=UTC)),
            rec(3, "r3", at=datetime(2016, 4, 30, 6, tzinfo=UTC))]
    assert clusters(recs) == [[0, 2], [1]]


@pytest.mark.parametrize(("level", "pcode", "admin2"), [("district", "SY0200", "SY0200"),
                                                        ("governorate", "SY02", None)])
def test_a_coarser_place_joins_a_precise_one(level: str, pcode: str, admin2: str | None) -> None:
    recs = [rec(1, "r1", originator="sohr", killed=10),
            rec(2, "r2", originator="syrian-civil-defence", level=level, pcode=pcode, admin2=admin2,
                killed=11)]
    result = cluster_claims(recs, actor_camps=CAMPS, voice_camps=VOICES)
    (c,) = result.live()
    assert c.pcode == "C1007" and c.rank == 4
    assert result.decisions[1].place == "coarser"


def test_another_place_at_the_same_precision_is_another_incident() -> None:
    assert clusters([rec(1, "r1", killed=10), rec(2, "r2", pcode="C1010", killed=10)]) == [[0], [1]]


def test_figures_fit() -> None:
    assert figures_fit((10, 12, T1), (11, 11, T1)) == "same"
    assert figures_fit((1, 1, None), (3, 3, None)) == "differ"
    assert figures_fit((1, 1, None), (4, 4, None)) == "far"


def test_rules_are_named_and_v1_stays_available() -> None:
    recs = [rec(1, "r1", killed=10), rec(2, "r2", killed=12)]
    assert cluster_claims(recs, rule=CLUSTERING_V1).decisions[1].rule == CLUSTERING_V1
    assert "[clustering.v2]" in cluster_claims(recs).decisions[1].describe(recs)
    with pytest.raises(RuleNotFound):
        cluster_claims(recs, rule="clustering.v9")
