"""The Store contract: every test runs on SQLite and (marker ``postgres``) on PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import date

from hudna.domain.assessment import Assessment, Evidence, Grade, Verdict
from hudna.domain.ids import content_hash
from hudna.domain.report import Report
from hudna.ingest.readers.regimes import read_regime_file
from hudna.services.ports import EventFilter, RegimeChange
from hudna.storage import SqlStore
from tests.conftest import EXAMPLE_REGIMES
from tests.factories import make_event, utc


def _assessment(event_id: str, regime_id: str, verdict: Verdict = Verdict.VIOLATION, **kw) -> Assessment:  # type: ignore[no-untyped-def]
    return Assessment(
        event_id=event_id,
        regime_id=regime_id,
        verdict=verdict,
        rule="cessation.v1",
        evidence=(Evidence("zone", "inside", "test", "SY02"),),
        grade=Grade.WEAK,
        **kw,
    )


def test_regimes_round_trip_and_versioning(store: SqlStore) -> None:
    regimes = read_regime_file(EXAMPLE_REGIMES)
    with store.unit_of_work() as uow:
        assert all(uow.put_regime(r) for r in regimes)
    with store.unit_of_work() as uow:
        assert [r.id for r in uow.list_regimes()] == sorted(r.id for r in regimes)
        for r in regimes:
            assert uow.get_regime(r.id) == r
            assert uow.put_regime(r) is False  # unchanged
        changed = dataclasses.replace(regimes[0], notes="edited")
        assert uow.put_regime(changed) is True
        uow.add_regime_change(RegimeChange(changed.id, utc(2016, 5, 1), "updated", {"why": "test"}, report_id="r1"))
    with store.unit_of_work() as uow:
        assert uow.get_regime(changed.id).notes == "edited"  # type: ignore[union-attr]
        hist = uow.regime_history(changed.id)
        assert [(h.change, h.report_id, h.at) for h in hist] == [("updated", "r1", utc(2016, 5, 1))]
        assert uow.get_regime("nope") is None


def test_events_are_idempotent_and_filterable(store: SqlStore) -> None:
    events = [
        make_event("e1", day=date(2016, 4, 1)),
        make_event("e2", day=date(2016, 4, 20), admin1="SY07", admin2=None, lon=36.6, lat=35.9),
        make_event("e3", day=date(2016, 5, 3), lon=None, lat=None),
    ]
    with store.unit_of_work() as uow:
        assert uow.add_events(events) == 3
    with store.unit_of_work() as uow:
        assert uow.add_events(events + [events[0]]) == 0
        assert uow.count_events() == 3
        assert uow.get_event("e2") == events[1]
        assert uow.get_event("e3") == events[2]
        assert [e.id for e in uow.iter_events(EventFilter(admin1_pcode="SY07"))] == ["e2"]
        april = EventFilter(date_from=date(2016, 4, 10), date_to=date(2016, 4, 30))
        assert [e.id for e in uow.iter_events(april)] == ["e2"]
        bbox = EventFilter(bbox=(37.0, 36.0, 37.3, 36.3))
        assert [e.id for e in uow.iter_events(bbox)] == ["e1"]
        assert uow.existing_event_ids(["e1", "zz"]) == {"e1"}


def test_failed_unit_of_work_leaves_nothing(store: SqlStore) -> None:
    try:
        with store.unit_of_work() as uow:
            uow.add_events([make_event("e1")])
            raise RuntimeError("killed half-way")
    except RuntimeError:
        pass
    with store.unit_of_work() as uow:
        assert uow.count_events() == 0


def test_assessments_rerun_override_and_history(store: SqlStore) -> None:
    regime = read_regime_file(EXAMPLE_REGIMES)[0]
    with store.unit_of_work() as uow:
        uow.put_regime(regime)
        uow.add_events([make_event("e1"), make_event("e2")])
    auto = [_assessment("e1", regime.id), _assessment("e2", regime.id, Verdict.EXCLUDED_TARGET)]
    with store.unit_of_work() as uow:
        assert uow.replace_rule_assessments(auto) == 2
    with store.unit_of_work() as uow:
        assert uow.replace_rule_assessments(auto) == 0  # idempotent
        override = dataclasses.replace(
            auto[0], verdict=Verdict.NOT_VIOLATION, reviewer="ana", reason="video shows ISIS position"
        )
        new_id = uow.add_assessment(override, supersede_current=True)
    with store.unit_of_work() as uow:
        # A re-run with a changed automatic verdict does not overturn the analyst.
        changed = [dataclasses.replace(auto[0], grade=Grade.FAIR), dataclasses.replace(auto[1], verdict=Verdict.VIOLATION)]
        assert uow.replace_rule_assessments(changed) == 1
        cur = uow.current_assessment("e1", regime.id)
        assert cur is not None and cur.id == new_id and cur.assessment.reviewer == "ana"
        hist = uow.assessment_history("e1", regime.id)
        assert [h.assessment.verdict for h in hist] == [Verdict.VIOLATION, Verdict.NOT_VIOLATION]
        assert [h.current for h in hist] == [False, True]
        assert hist[1].assessment.supersedes == hist[0].id
        e2 = uow.assessment_history("e2", regime.id)
        assert [h.assessment.verdict for h in e2] == [Verdict.EXCLUDED_TARGET, Verdict.VIOLATION]
        rows = list(uow.iter_assessments(EventFilter(regime_id=regime.id, verdict="violation")))
        assert [r.assessment.event_id for r in rows] == ["e2"]
        assert [e.id for e in uow.iter_events(EventFilter(regime_id=regime.id, verdict="not_violation"))] == ["e1"]


def test_imports_and_quarantine(store: SqlStore) -> None:
    with store.unit_of_work() as uow:
        assert not uow.import_seen("ucdp", "abc")
        import_id = uow.record_import("ucdp", "f.csv", "abc", 10, 9, 1)
        uow.quarantine(import_id, 7, "f.csv:7: best: not a number", "x,y")
    with store.unit_of_work() as uow:
        assert uow.import_seen("ucdp", "abc")


def test_reports_are_kept_verbatim_once(store: SqlStore) -> None:
    text = "ولم تشن صباح الأحد أي غارة على أحياء المعارضة في حلب"
    h = content_hash(text)
    report = Report(id=h[:32], source_id="afp", text=text, content_hash=h, language="ar", published_at=utc(2016, 5, 1))
    with store.unit_of_work() as uow:
        assert uow.add_report(report) is True
        assert uow.add_claims(report.id, [{"kind": "calm", "spans": [[0, 5]]}]) == 1
    with store.unit_of_work() as uow:
        assert uow.add_report(report) is False
        assert uow.get_report(report.id) == report
        assert uow.claims_for_report(report.id) == [{"kind": "calm", "spans": [[0, 5]]}]
        assert [r.id for r in uow.list_reports()] == [report.id]
