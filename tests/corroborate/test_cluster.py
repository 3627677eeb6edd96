"""Clustering and grading of claims (pure; issue #5)."""

from __future__ import annotations

from datetime import date

import pytest

from hudna.corroborate.cluster import cluster_claims
from hudna.corroborate.grading import GradeFacts, get_scorer, grade_corroboration_v1
from hudna.corroborate.model import ClaimRecord, SourceView, text_signature
from hudna.corroborate.summary import summarise
from hudna.domain.assessment import Grade
from hudna.errors import RuleNotFound

D = date(2016, 4, 30).toordinal()
SOURCES = {
    "sohr": SourceView("hr_observatory", "opposition", "opposition"),
    "syrian-civil-defence": SourceView("civil_defence", "opposition", "opposition"),
    "sana": SourceView("state_media", "government", "pro-government"),
    "afp": SourceView("news_agency", "independent"),
    "un": SourceView("monitor", "independent"),
}
CAMPS = {"syrian-government": "pro-government", "russia": "pro-government", "opposition": "opposition"}


def rec(cid: int, report: str, **kw: object) -> ClaimRecord:
    base: dict[str, object] = dict(
        event_type="air_strike", first_day=D, last_day=D, admin1="SY02", admin2="SY0200",
        pcode="C1007", level="community", perpetrator="syrian-government",
    )
    base.update(kw)
    return ClaimRecord(cid, report, **base)  # type: ignore[arg-type]


def test_same_incident_from_two_reports_is_one_event() -> None:
    recs = [rec(1, "r1", originator="syrian-civil-defence", publisher="afp", killed=10),
            rec(2, "r2", originator="sohr", publisher="sohr", killed=12)]
    live = cluster_claims(recs).live()
    assert [sorted(c.members) for c in live] == [[0, 1]]


@pytest.mark.parametrize(
    "change",
    [
        {"event_type": "shelling"},
        {"first_day": D + 2, "last_day": D + 2},
        {"pcode": "C1010"},
        {"admin1": "SY07", "admin2": "SY0700", "pcode": "C4000"},
        {"killed": 200},
    ],
)
def test_claims_that_do_not_fit_stay_separate(change: dict[str, object]) -> None:
    recs = [rec(1, "r1", killed=10), rec(2, "r2", **change)]
    assert len(cluster_claims(recs).live()) == 2


def test_two_claims_of_one_report_are_two_incidents() -> None:
    recs = [rec(1, "r1"), rec(2, "r1")]
    assert len(cluster_claims(recs).live()) == 2


def test_coarse_claim_merges_into_the_most_precise_place() -> None:
    recs = [rec(1, "r1", admin2=None, pcode="SY02", level="governorate"), rec(2, "r2")]
    (c,) = cluster_claims(recs).live()
    assert c.pcode == "C1007" and c.rank == 4


def test_ambiguous_coarse_claim_is_not_forced() -> None:
    recs = [rec(1, "r1"), rec(2, "r2", pcode="C1010"),
            rec(3, "r3", admin2=None, pcode="SY02", level="governorate")]
    result = cluster_claims(recs)
    assert len(result.live()) == 3
    assert any("ambiguous" in d.note for d in result.decisions)


def test_calm_observations_never_join_incidents() -> None:
    recs = [rec(1, "r1"), rec(2, "r2", negative=True)]
    result = cluster_claims(recs)
    assert len(result.live()) == 1 and result.calm == [1]


def test_seeded_events_take_new_claims() -> None:
    recs = [rec(1, "r1"), rec(2, "r2")]
    result = cluster_claims(recs, seeds=[("news-x", [0])])
    (c,) = result.live()
    assert c.event_id == "news-x" and sorted(c.members) == [0, 1]
    assert [d.kind for d in result.decisions] == ["joined"]


def _grade(recs: list[ClaimRecord]) -> tuple[Grade, object]:
    c = summarise(recs, list(range(len(recs))), sources=SOURCES, actor_camps=CAMPS)
    return c.grade, c


def test_afp_quoting_civil_defence_and_sohr_is_fair() -> None:
    grade, c = _grade([rec(1, "r1", originator="syrian-civil-defence", publisher="afp", killed=10),
                       rec(2, "r2", originator="sohr", publisher="sohr", killed=12)])
    assert grade == Grade.FAIR
    assert c.originators == ("sohr", "syrian-civil-defence")  # type: ignore[attr-defined]
    assert c.affiliations == ("opposition",)  # type: ignore[attr-defined]
    assert c.killed.low == 10 and c.killed.high == 12  # type: ignore[attr-defined]


def test_republications_of_one_originator_stay_weak() -> None:
    grade, c = _grade([rec(i, f"r{i}", originator="sohr", publisher=p)
                       for i, p in enumerate(("afp", "al-arabiya", "al-jazeera"), 1)])
    assert grade == Grade.WEAK
    assert [s.republication_of for s in c.said] == [None, 1, 1]  # type: ignore[attr-defined]


def test_near_duplicate_texts_without_originator_are_one_voice() -> None:
    sig = text_signature("Ten people were killed in thirty air strikes on Aleppo on Saturday", "en")
    grade, _ = _grade([rec(1, "r1", publisher="afp", signature=sig),
                       rec(2, "r2", publisher="al-arabiya", signature=sig)])
    assert grade == Grade.WEAK


def test_state_media_denial_makes_it_contested() -> None:
    grade, c = _grade([rec(1, "r1", originator="sohr"), rec(2, "r2", originator="sana", denied=True)])
    assert grade == Grade.CONTESTED
    assert c.accused_confirms is False  # type: ignore[attr-defined]
    assert "denial by sana" in c.contest_text  # type: ignore[attr-defined]


def test_acknowledgement_by_the_accused_side_confirms() -> None:
    grade, c = _grade([rec(1, "r1", originator="sohr"), rec(2, "r2", originator="sana")])
    assert grade == Grade.CONFIRMED and c.accused_confirms is True  # type: ignore[attr-defined]


def test_neutral_monitor_confirms_or_discounts() -> None:
    assert _grade([rec(1, "r1", originator="un")])[0] == Grade.CONFIRMED
    assert _grade([rec(1, "r1", originator="sohr"), rec(2, "r2", originator="un", denied=True)])[0] == Grade.DISCOUNTED


def test_competing_attribution_is_contested() -> None:
    grade, _ = _grade([rec(1, "r1", originator="sohr"),
                       rec(2, "r2", originator="sana", perpetrator="opposition")])
    assert grade == Grade.CONTESTED


def test_scorer_registry() -> None:
    assert get_scorer("corroboration.v1") is grade_corroboration_v1
    assert grade_corroboration_v1(GradeFacts(duplicate_of="news-1"))[0] == Grade.DISCOUNTED
    with pytest.raises(RuleNotFound):
        get_scorer("corroboration.v9")
