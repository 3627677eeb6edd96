"""Adjudication use cases: assess every event against every regime, list, override, history."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hudna.adjudicate import populate
from hudna.adjudicate.builtin import CESSATION_V1
from hudna.adjudicate.context import AdjudicationContext
from hudna.adjudicate.screen import EventArrays, events_touching, to_epoch_s
from hudna.corroborate.grading import grade_originators_v1
from hudna.domain.assessment import Assessment, Evidence, Grade, Verdict
from hudna.domain.event import Event
from hudna.errors import DataError, EventNotFound, NotFound, RegimeNotFound
from hudna.services.context import adjudication_context
from hudna.services.ports import EventFilter, Store, StoredAssessment

log = logging.getLogger(__name__)


@dataclass
class AssessResult:
    rule: str
    events: int = 0
    regimes: int = 0
    pairs: int = 0
    written: int = 0
    by_regime: dict[str, Counter[str]] = field(default_factory=dict)


def assess_all(
    store: Store,
    *,
    rule: str = CESSATION_V1,
    ctx: AdjudicationContext | None = None,
    progress: Callable[[int], None] | None = None,
) -> AssessResult:
    """Assess every stored event against every regime whose windows may cover it.

    Pairs whose event lies wholly outside a regime's validity periods are not assessed (the
    regime was not in force); the others get an assessment — ``outside_scope`` when the event is
    outside the zone. Re-running writes nothing when nothing changed; analyst overrides stay.
    """
    rule_fn = populate().get(rule)
    ctx = ctx or adjudication_context()
    with store.unit_of_work() as uow:
        regimes = uow.list_regimes()
        events = list(uow.iter_events())
        # issue #5: events formed by corroboration carry its grade and contest (corroboration.v1)
        corroborated = {
            eid: (Grade(d["grade"]), d.get("contest")) for eid, d in uow.iter_corroborations()
        }
    result = AssessResult(rule=rule, events=len(events), regimes=len(regimes))
    if not events or not regimes:
        return result
    arrays = EventArrays(
        earliest_s=to_epoch_s([e.when.earliest for e in events]),
        latest_s=to_epoch_s([e.when.latest for e in events]),
        lon=_floats([e.place.lon for e in events]),
        lat=_floats([e.place.lat for e in events]),
    )
    out: list[Assessment] = []
    for regime in regimes:
        counts: Counter[str] = Counter()
        for i in events_touching(arrays, regime.intervals_utc()):
            event = events[int(i)]
            a = rule_fn(event, regime, ctx)
            if event.id in corroborated:
                grade, contest = corroborated[event.id]
                a = dataclasses.replace(a, grade=grade, contest=contest)
            else:
                a = dataclasses.replace(a, grade=grade_originators_v1(event))
            out.append(a)
            counts[a.verdict.value] += 1
            if progress is not None:
                progress(1)
        result.by_regime[regime.id] = counts
    result.pairs = len(out)
    with store.unit_of_work() as uow:
        result.written = uow.replace_rule_assessments(out)
    log.info("assess rule=%s pairs=%d written=%d", rule, result.pairs, result.written)
    return result


def _floats(values: list[float | None]) -> Any:
    import numpy as np

    return np.array([np.nan if v is None else v for v in values], dtype=float)


def iter_assessment_rows(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Current assessments joined with their events, as flat rows (the ``jsonl`` format)."""
    with store.unit_of_work() as uow:
        stored = list(uow.iter_assessments(flt))
        ids = sorted({s.assessment.event_id for s in stored})
        events: dict[str, Event] = {}
        # Chunked: SQLite allows at most 32,766 bound parameters in one statement.
        for i in range(0, len(ids), 5_000):
            chunk = tuple(ids[i : i + 5_000])
            events.update((e.id, e) for e in uow.iter_events(EventFilter(event_ids=chunk)))
    for s in stored:
        e = events.get(s.assessment.event_id)
        yield assessment_row(s, e)


def assessment_row(s: StoredAssessment, e: Event | None) -> dict[str, Any]:
    a = s.assessment
    return {
        "assessment_id": s.id,
        "event_id": a.event_id,
        "regime_id": a.regime_id,
        "verdict": a.verdict.value,
        "grade": a.grade.value if a.grade else None,
        "rule": a.rule,
        "event_date": e.date_start.isoformat() if e else None,
        "event_date_end": e.date_end.isoformat() if e else None,
        "event_type": e.event_type if e else None,
        "admin1_pcode": e.place.admin1_pcode if e else None,
        "admin2_pcode": e.place.admin2_pcode if e else None,
        "location": e.place.location if e else None,
        "actor1": e.actor1 if e else None,
        "actor2": e.actor2 if e else None,
        "perpetrator_id": a.perpetrator_id,
        "in_zone": a.in_zone,
        "zone_distance_m": a.zone_distance_m,
        "in_window": a.in_window,
        "perpetrator_bound": a.perpetrator_bound,
        "target_excluded": a.target_excluded,
        "prohibited_act": a.prohibited_act,
        "contest": a.contest,
        "reviewer": a.reviewer,
        "reason": a.reason,
        "supersedes": a.supersedes,
        "assessed_at": s.assessed_at.isoformat(),
        "gazetteer_version": a.gazetteer_version,
        "evidence": [
            {"check": ev.check, "result": ev.result, "detail": ev.detail, "ref": ev.ref} for ev in a.evidence
        ],
    }


def override_assessment(
    store: Store,
    event_id: str,
    regime_id: str,
    *,
    verdict: str,
    reason: str,
    reviewer: str,
    grade: str | None = None,
) -> StoredAssessment:
    """Record an analyst's verdict with who, when and why; the previous one stays in the history."""
    try:
        v = Verdict(verdict)
    except ValueError:
        raise DataError(
            f"unknown verdict {verdict!r} ({', '.join(x.value for x in Verdict)})", field="--verdict"
        ) from None
    g: Grade | None = None
    if grade is not None:
        try:
            g = Grade(grade)
        except ValueError:
            raise DataError(f"unknown grade {grade!r}", field="--grade") from None
    if not reason.strip():
        raise DataError("an override needs a reason", field="--reason")
    if not reviewer.strip():
        raise DataError("an override needs a reviewer", field="--reviewer")
    with store.unit_of_work() as uow:
        if uow.get_event(event_id) is None:
            raise EventNotFound(f"no event {event_id!r}")
        if uow.get_regime(regime_id) is None:
            raise RegimeNotFound(f"no regime {regime_id!r}")
        prev = uow.current_assessment(event_id, regime_id)
        base_evidence: tuple[Evidence, ...] = prev.assessment.evidence if prev else ()
        now = datetime.now(UTC)
        a = Assessment(
            event_id=event_id,
            regime_id=regime_id,
            verdict=v,
            rule=prev.assessment.rule if prev else CESSATION_V1,
            evidence=(
                Evidence(
                    "override",
                    v.value,
                    f"analyst {reviewer}: {reason}",
                    f"supersedes #{prev.id}" if prev else None,
                ),
                *base_evidence,
            ),
            in_zone=prev.assessment.in_zone if prev else None,
            zone_distance_m=prev.assessment.zone_distance_m if prev else None,
            in_window=prev.assessment.in_window if prev else None,
            perpetrator_bound=prev.assessment.perpetrator_bound if prev else None,
            target_excluded=prev.assessment.target_excluded if prev else None,
            prohibited_act=prev.assessment.prohibited_act if prev else None,
            perpetrator_id=prev.assessment.perpetrator_id if prev else None,
            grade=g or (prev.assessment.grade if prev else None),
            contest=prev.assessment.contest if prev else None,
            reviewer=reviewer,
            reason=reason,
            assessed_at=now,
            gazetteer_version=prev.assessment.gazetteer_version if prev else None,
        )
        new_id = uow.add_assessment(a, supersede_current=True)
        stored = uow.current_assessment(event_id, regime_id)
    if stored is None or stored.id != new_id:  # pragma: no cover - defensive
        raise NotFound("override was not stored")
    return stored


def assessment_history(store: Store, event_id: str, regime_id: str) -> list[dict[str, Any]]:
    with store.unit_of_work() as uow:
        history = uow.assessment_history(event_id, regime_id)
        event = uow.get_event(event_id)
    if not history:
        raise NotFound(f"no assessment of {event_id!r} against {regime_id!r}")
    return [assessment_row(s, event) | {"current": s.current} for s in history]
