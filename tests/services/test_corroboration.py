"""Corroboration, grading and proposals through the store (SQLite and PostgreSQL; issue #5)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from hudna.domain.ids import content_hash
from hudna.domain.report import Report
from hudna.errors import Conflict, DataError
from hudna.services.corroboration import (
    corroborate,
    explain_event,
    merge_events,
    show_event,
    split_event,
)
from hudna.services.proposals import accept_proposal, list_proposals, reject_proposal
from hudna.services.sources import add_source, edit_source, list_sources, source_catalog
from tests.factories import make_regime

PUB = datetime(2016, 5, 1, 8, 0, tzinfo=UTC)


def add_report(store: Any, source: str, text: str, claims: list[dict[str, Any]], lang: str = "en") -> str:
    rid = content_hash(source, text)
    with store.unit_of_work() as uow:
        uow.add_report(Report(id=rid, source_id=source, text=text, content_hash=content_hash(text),
                              language=lang, published_at=PUB, channel="news"))
        uow.add_claims(rid, claims)
    return rid


def strike(text: str, *, originator: str | None, publisher: str | None = None, killed: int | None = 10,
           denied: bool = False, perpetrator: str = "syrian-government") -> dict[str, Any]:
    return {
        "kind": "incident", "event_type": "air_strike", "perpetrator": perpetrator, "target": "opposition",
        "place": {"text": "Aleppo", "start": 0, "end": 6, "pcode": "C1007", "level": "community",
                  "admin1_pcode": "SY02", "admin2_pcode": "SY0200", "lat": 36.2, "lon": 37.14},
        "time": {"on": "2016-04-30", "earliest_on": None, "latest_on": None, "precision": "day",
                 "tz": "Asia/Damascus", "at": None},
        "casualties": {"killed_low": killed, "killed_best": killed, "killed_high": killed, "children": 2},
        "attribution": {"source_id": originator, "originator": originator, "publisher": publisher,
                        "sources": [], "hedged": False, "denied": denied},
        "negative": False, "sentence": [0, len(text)],
        "evidence": [{"start": 0, "end": 6, "text": text[:6], "role": "place"}],
    }


AFP = "Aleppo: about thirty air strikes killed 10 people including two children, Civil Defence said."
SOHR = "Aleppo: regime warplanes killed 12 civilians in the eastern districts on Saturday, SOHR said."


def only_event(store: Any) -> str:
    with store.unit_of_work() as uow:
        ids = [e.id for e in uow.iter_events()]
    assert len(ids) == 1, ids
    return ids[0]


def test_two_reports_of_one_strike_make_one_fair_event(store: Any) -> None:
    add_report(store, "afp", AFP, [strike(AFP, originator="syrian-civil-defence", publisher="afp")])
    add_report(store, "sohr", SOHR, [strike(SOHR, originator="sohr", killed=12)])
    result = corroborate(store, assess=False)
    assert result.events_formed == 1
    d = show_event(store, only_event(store))
    assert d["grade"] == "fair"
    assert d["originators"] == ["sohr", "syrian-civil-defence"]
    assert d["killed"] == [10, 10, 12]
    who = {(s["originator"], s["publisher"], s["killed"]) for s in d["said"]}
    assert who == {("syrian-civil-defence", "afp", 10), ("sohr", "sohr", 12)}
    assert all(s["words"] for s in d["said"])
    # idempotent
    again = corroborate(store, assess=False)
    assert again.events_formed == again.events_updated == 0


def test_one_story_republished_by_three_outlets_stays_weak(store: Any) -> None:
    for outlet in ("afp", "al-arabiya", "asharq-al-awsat"):
        text = f"{SOHR} ({outlet})"
        add_report(store, outlet, text, [strike(text, originator="sohr", publisher=outlet, killed=12)])
    corroborate(store, assess=False)
    d = show_event(store, only_event(store))
    assert d["grade"] == "weak" and d["originators"] == ["sohr"]
    assert sorted(s["republication_of"] is not None for s in d["said"]) == [False, True, True]


def test_state_media_denial_makes_it_contested_and_is_visible(store: Any, capsys: Any) -> None:
    add_report(store, "afp", AFP, [strike(AFP, originator="syrian-civil-defence", publisher="afp")])
    add_report(store, "sohr", SOHR, [strike(SOHR, originator="sohr", killed=12)])
    denial = "SANA denied that the air force struck residential areas of Aleppo."
    add_report(store, "sana", denial, [strike(denial, originator="sana", killed=None, denied=True)])
    corroborate(store, assess=False)
    event_id = only_event(store)
    d = show_event(store, event_id)
    assert d["grade"] == "contested"
    assert "denied by sana" in d["reason"] and d["accused_confirms"] is False
    assert any(s["denied"] and s["originator"] == "sana" for s in d["said"])


def test_verdict_keeps_its_grade_and_contest(store: Any) -> None:
    with store.unit_of_work() as uow:
        uow.put_regime(make_regime("coh", prohibited=frozenset({"air_strike"})))
    add_report(store, "sohr", SOHR, [strike(SOHR, originator="sohr", killed=12)])
    denial = "SANA denied that the air force struck residential areas of Aleppo."
    add_report(store, "sana", denial, [strike(denial, originator="sana", killed=None, denied=True)])
    corroborate(store)
    d = show_event(store, only_event(store))
    (a,) = d["assessments"]
    assert a["verdict"] == "violation"  # the contest does not flip the verdict
    assert a["grade"] == "contested" and "denial by sana" in a["contest"]


def test_split_and_merge_are_recorded_and_reversible(store: Any) -> None:
    add_report(store, "afp", AFP, [strike(AFP, originator="syrian-civil-defence", publisher="afp")])
    add_report(store, "sohr", SOHR, [strike(SOHR, originator="sohr", killed=12)])
    corroborate(store, assess=False)
    event_id = only_event(store)
    claims = [c["claim_id"] for c in explain_event(store, event_id)["claims"]]
    new_id = split_event(store, event_id, [claims[1]], analyst="ana", reason="different street", assess=False)
    assert show_event(store, event_id)["grade"] == "weak" == show_event(store, new_id)["grade"]
    assert corroborate(store, assess=False).events_formed == 0  # the split stands
    merge_events(store, [event_id, new_id], analyst="ana", reason="same strike after all", assess=False)
    assert only_event(store) == event_id and show_event(store, event_id)["grade"] == "fair"
    actions = [e["action"] for e in explain_event(store, event_id)["log"]]
    assert actions == ["formed", "split", "merge"]
    with pytest.raises(DataError):
        split_event(store, event_id, claims, analyst="ana", reason="all", assess=False)


def test_sources_registry_add_edit(store: Any) -> None:
    ids = {r["id"] for r in list_sources(store)}
    assert {"afp", "sohr", "sana", "syrian-civil-defence", "russian-mod", "amaq"} <= ids
    add_source(store, "syria-direct", name="Syria Direct", kind="media", scale="national",
               affiliation="independent", languages=("ar", "en"), aliases=("Syria Direct",))
    with pytest.raises(Conflict):
        add_source(store, "syria-direct", name="again")
    edit_source(store, "sohr", affiliation="independent", add_aliases=("المرصد",))
    cat = source_catalog(store)
    assert cat.sources["sohr"].affiliation == "independent" and "المرصد" in cat.sources["sohr"].aliases
    with pytest.raises(DataError):
        edit_source(store, "sohr", kind="tabloid")


def regime_claim(text: str, status: str, *, zone: dict[str, Any] | None, until: str | None,
                 originator: str | None, publisher: str | None = None) -> dict[str, Any]:
    return {
        "kind": "regime_status", "status": status, "zone": zone, "until": until, "parties": [],
        "attribution": {"source_id": originator, "originator": originator, "publisher": publisher,
                        "sources": [], "hedged": False, "denied": False},
        "sentence": [0, len(text)],
        "evidence": [{"start": 0, "end": 8, "text": text[:8], "role": "status"}],
    }


DAMASCUS = {"text": "Damascus", "pcode": "C1001", "level": "community", "admin1_pcode": "SY01",
            "admin2_pcode": "SY0100"}


def calm_regime() -> Any:
    import dataclasses

    from hudna.domain.regime import Party, PartyRole, Zone

    r = make_regime(
        "calm-damascus", zones=(Zone(pcodes=("SY01",)),),
        start=datetime(2016, 4, 29, 21, 1, tzinfo=UTC), end=datetime(2016, 4, 30, 21, 1, tzinfo=UTC),
        parties=("syrian-government",),
    )
    return dataclasses.replace(r, parties=(*r.parties, Party("russia", PartyRole.GUARANTOR)))


def test_extension_from_a_guarantor_is_applied_with_its_report(store: Any) -> None:
    with store.unit_of_work() as uow:
        uow.put_regime(calm_regime())
    text = "The calm around Damascus was extended until 09:00 GMT on Monday, the Russian centre said."
    rid = add_report(store, "afp", text, [regime_claim(
        text, "extended", zone=DAMASCUS, until="2016-05-02T09:00:00+00:00",
        originator="russian-reconciliation-centre", publisher="afp")])
    result = corroborate(store, assess=False)
    assert len(result.proposals.applied) == 1
    with store.unit_of_work() as uow:
        regime = uow.get_regime("calm-damascus")
        history = uow.regime_history("calm-damascus")
    assert regime is not None and regime.window_end_at(datetime(2016, 5, 1, 12, tzinfo=UTC)) == datetime(2016, 5, 2, 9, tzinfo=UTC)
    assert history[-1].report_id == rid and history[-1].change == "proposal.extend"


def test_extension_given_as_a_length_runs_from_the_regimes_end(store: Any) -> None:
    # "extended for 24 hours" (no end time): the window's end plus the length, once
    import dataclasses

    from hudna.domain.regime import Window

    # in force when the report is published (08:00 UTC on 1 May) until 21:01 that day
    regime = calm_regime()
    regime = dataclasses.replace(regime, windows=(Window(regime.windows[0].start, datetime(2016, 5, 1, 21, 1, tzinfo=UTC)),))
    with store.unit_of_work() as uow:
        uow.put_regime(regime)
    text = "تم تمديد نظام التهدئة في دمشق لمدة 24 ساعة، بحسب المركز الروسي."
    claim = regime_claim(text, "extended", zone=DAMASCUS, until=None,
                         originator="russian-reconciliation-centre", publisher="afp")
    claim["duration_hours"] = 24.0
    add_report(store, "afp", text, [claim])
    result = corroborate(store, assess=False)
    assert len(result.proposals.applied) == 1
    (p,) = list_proposals(store)
    assert p.duration_hours == 24.0 and p.until is None and "until 2016-05-02T21:01:00+00:00" in p.decision
    with store.unit_of_work() as uow:
        regime = uow.get_regime("calm-damascus")
    assert regime is not None
    assert regime.window_end_at(datetime(2016, 5, 2, 12, tzinfo=UTC)) == datetime(2016, 5, 2, 21, 1, tzinfo=UTC)
    corroborate(store, assess=False)  # nothing new: the regime is not extended twice
    with store.unit_of_work() as uow:
        again = uow.get_regime("calm-damascus")
    assert again is not None and len(again.windows) == len(regime.windows)


def test_a_length_said_after_the_recorded_end_runs_from_the_statement() -> None:
    from hudna.corroborate.proposals import apply_proposal, propose

    regime = calm_regime()  # its recorded window ended at 21:01 UTC on 30 April
    text = "The calm around Damascus was extended for 24 hours."
    claim = regime_claim(text, "extended", zone=DAMASCUS, until=None, originator="russia")
    claim["duration_hours"] = 24
    p = propose(1, "r1", claim, [regime], published_at=PUB, publisher="afp")
    assert p is not None and p.duration_hours == 24.0
    new, what = apply_proposal(p, regime)
    assert new is not None and what == "extended until 2016-05-02T08:00:00+00:00"
    # no recorded end (an open-ended regime): nothing to count from
    import dataclasses

    from hudna.domain.regime import Window

    open_ended = dataclasses.replace(regime, windows=(Window(regime.windows[0].start, None),))
    assert apply_proposal(p, open_ended) == (None, "extension without an end time: recorded only")


def test_an_earlier_statement_does_not_hold_back_a_later_one() -> None:
    from hudna.corroborate.proposals import ProposalPolicy, decide, propose, superseded

    regime = calm_regime()
    pub = datetime(2016, 5, 1, 8, tzinfo=UTC)
    t1 = "Russia said on Saturday it would not ask for the calm to be extended."
    old = regime_claim(t1, "rejected", zone=DAMASCUS, until=None, originator="russia")
    old["stated_on"] = "2016-04-30"
    t2 = "Russia said talks on the calm were under way."
    new = regime_claim(t2, "negotiating", zone=DAMASCUS, until=None, originator="russia")
    p_old = propose(1, "r1", old, [regime], published_at=pub, publisher="afp")
    p_new = propose(2, "r1", new, [regime], published_at=pub, publisher="afp")
    assert p_old is not None and p_new is not None
    assert p_old.at == datetime(2016, 4, 30, tzinfo=UTC) and p_new.at == pub
    assert superseded(p_old, p_new) and not superseded(p_new, p_old)
    aff = {"russia": "russia"}
    ok, why = decide(p_new, regime, [p_old, p_new], ProposalPolicy(), aff)
    assert ok, why
    ok, why = decide(p_old, regime, [p_old, p_new], ProposalPolicy(changes=("reject", "negotiate")), aff)
    assert not ok and "contradicted" in why
    # a day on or after publication is the publication time
    same = dict(old, stated_on="2016-05-01")
    p_same = propose(3, "r1", same, [regime], published_at=pub, publisher="afp")
    assert p_same is not None and p_same.at == pub


def test_unattributed_or_contradicted_proposals_wait_for_review(store: Any) -> None:
    with store.unit_of_work() as uow:
        uow.put_regime(calm_regime())
    t1 = "Activists said the calm around Damascus was holding."
    t2 = "Opposition activists said the calm around Damascus was violated by shelling."
    add_report(store, "afp", t1, [regime_claim(t1, "holding", zone=DAMASCUS, until=None, originator="activists")])
    add_report(store, "orient-news", t2, [regime_claim(t2, "violated", zone=DAMASCUS, until=None, originator="russian-mod")])
    corroborate(store, assess=False)
    pending = list_proposals(store, state="pending")
    assert {p.change for p in pending} == {"holding", "violated"}
    assert any("contradicted" in p.decision or "not a party" in p.decision for p in pending)
    holding = next(p for p in pending if p.change == "holding")
    accepted = accept_proposal(store, holding.id, reviewer="ana", reason="confirmed by our observers")
    assert accepted.state.value == "applied"
    violated = next(p for p in pending if p.change == "violated")
    rejected = reject_proposal(store, violated.id, reviewer="ana", reason="not confirmed")
    assert rejected.state.value == "rejected"
    with pytest.raises(Conflict):
        reject_proposal(store, violated.id, reviewer="ana", reason="again")
    with store.unit_of_work() as uow:
        changes = [(c.change, c.actor) for c in uow.regime_history("calm-damascus")]
    assert ("proposal.holding", "ana") in changes and ("proposal.rejected", "ana") in changes
