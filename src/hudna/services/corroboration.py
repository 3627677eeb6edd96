"""Corroboration use cases: claims -> events with grades; show, explain, split, merge (issue #5).

``corroborate(store)`` reads the stored incident claims not yet part of an event, clusters them
with the events already formed (:mod:`hudna.corroborate.cluster`), grades every event
(``corroboration.v1``), stores events, links, grades and a log line per change, turns
regime-status claims into proposals (:mod:`hudna.services.proposals`), assesses, and puts each
news event's grade and contest on its assessments.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hudna.corroborate.cluster import DEFAULT_CLUSTERING, cluster_claims
from hudna.corroborate.contest import find_justifications
from hudna.corroborate.grading import CORROBORATION_V1
from hudna.corroborate.model import ClaimRecord, Contest, SourceView, record_from_payload
from hudna.corroborate.summary import Corroboration, build_event, event_id_for, summarise
from hudna.domain.report import Report
from hudna.errors import DataError, EventNotFound
from hudna.ingest.sources import SourceCatalog, load_justification_forms
from hudna.services.ports import EventFilter, Store, UnitOfWork
from hudna.services.sources import source_catalog

__all__ = [
    "CorroborateResult",
    "corroborate",
    "explain_event",
    "merge_events",
    "regrade_assessments",
    "show_event",
    "split_event",
]

log = logging.getLogger(__name__)
_INCIDENT_KINDS = ("incident", "calm")


@dataclass
class CorroborateResult:
    """What one ``corroborate`` run did."""

    claims: int = 0
    new_claims: int = 0
    events_formed: int = 0
    events_updated: int = 0
    event_ids: list[str] = field(default_factory=list)
    grades: Counter[str] = field(default_factory=Counter)
    calm: list[dict[str, Any]] = field(default_factory=list)
    proposals: Any = None
    regraded: int = 0


def _views(cat: SourceCatalog) -> dict[str, SourceView]:
    camps = cat.camp_of_affiliation()
    return {
        sid: SourceView(kind=s.kind, affiliation=s.affiliation, camp=camps.get(s.affiliation))
        for sid, s in cat.sources.items()
    }


def _contests_for(
    records: Sequence[ClaimRecord],
    members: Sequence[int],
    contests: Mapping[str, list[Contest]],
    actor_camps: Mapping[str, str],
) -> list[Contest]:
    """Justifications in the event's reports by the accused side (or the accused itself)."""
    perps = {records[i].perpetrator for i in members if records[i].perpetrator}
    camps = {actor_camps.get(p, p) for p in perps if p}
    out: list[Contest] = []
    for rid in sorted({records[i].report_id for i in members}):
        for c in contests.get(rid, ()):
            if c.claimant and (c.claimant in perps or actor_camps.get(c.claimant, c.claimant) in camps):
                out.append(c)
    return out


def _record_doc(c: Corroboration) -> dict[str, Any]:
    return {
        "grade": c.grade.value,
        "scorer": c.scorer,
        "reason": c.reason,
        "contest": c.contest_text,
        "originators": list(c.originators),
        "affiliations": list(c.affiliations),
        "accused": c.accused,
        "accused_confirms": c.accused_confirms,
        "denials": list(c.denials),
        "perpetrators": list(c.perpetrators),
        "contests": [dataclasses.asdict(x) for x in c.contests],
        "said": [dataclasses.asdict(s) for s in c.said],
        "killed": [c.killed.low, c.killed.best, c.killed.high],
        "injured": [c.injured.low, c.injured.best, c.injured.high],
    }


class _Loader:
    """Reports and records of one unit of work (reports read once)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.reports: dict[str, Report] = {}

    def report(self, report_id: str) -> Report:
        if report_id not in self.reports:
            r = self.uow.get_report(report_id)
            if r is None:  # pragma: no cover - claims reference reports by foreign key
                raise DataError(f"claim of unknown report {report_id!r}")
            self.reports[report_id] = r
        return self.reports[report_id]

    def records(self, rows: Sequence[tuple[int, str, dict[str, Any]]]) -> list[ClaimRecord]:
        out = []
        for cid, rid, payload in rows:
            rec = record_from_payload(cid, self.report(rid), payload)
            if rec is not None:
                out.append(rec)
        return out

    def contests(self, report_ids: Sequence[str]) -> dict[str, list[Contest]]:
        out: dict[str, list[Contest]] = {}
        for rid in report_ids:
            r = self.report(rid)
            lang = r.language or "en"
            if lang not in ("ar", "en"):
                continue
            found = find_justifications(r.text, lang, rid, load_justification_forms(lang))
            if found:
                out[rid] = found
        return out


def _store_event(
    uow: UnitOfWork,
    event_id: str,
    records: Sequence[ClaimRecord],
    members: Sequence[int],
    cat: SourceCatalog,
    contests: Mapping[str, list[Contest]],
    *,
    scorer: str,
) -> Corroboration:
    actor_camps = cat.camp_of_actor()
    corr = summarise(
        records, members, sources=_views(cat), actor_camps=actor_camps,
        contests=_contests_for(records, members, contests, actor_camps), scorer=scorer,
    )
    uow.put_event(build_event(event_id, records, members, corr))
    uow.put_corroboration(event_id, _record_doc(corr))
    return corr


def corroborate(
    store: Store,
    *,
    scorer: str = CORROBORATION_V1,
    clustering_rule: str = DEFAULT_CLUSTERING,
    assess: bool = True,
    proposals: bool = True,
) -> CorroborateResult:
    """Form and grade events from the stored incident claims; idempotent.

    New claims join the events already formed when they fit, else found new events; events are
    never re-split here (an analyst's ``split``/``merge`` stands). Regime-status claims become
    proposals. With ``assess``, events are assessed and each news event's assessments carry its
    corroboration grade and contest.
    """
    result = CorroborateResult()
    cat = source_catalog(store)
    with store.unit_of_work() as uow:
        rows = uow.iter_claim_rows(kinds=_INCIDENT_KINDS)
        linked = uow.linked_claims()
        loader = _Loader(uow)
        records = loader.records(rows)
        result.claims = len(records)
        index = {r.claim_id: i for i, r in enumerate(records)}
        seeds_map: dict[str, list[int]] = defaultdict(list)
        for cid, eid in linked.items():
            if cid in index:
                seeds_map[eid].append(index[cid])
        seeds = sorted((eid, sorted(m)) for eid, m in seeds_map.items())
        views = _views(cat)
        clustering = cluster_claims(
            records, seeds=seeds, rule=clustering_rule, actor_camps=cat.camp_of_actor(),
            voice_camps={sid: v.camp for sid, v in views.items() if v.camp},
        )
        decisions = {d.claim_index: d for d in clustering.decisions}
        touched = {d.cluster for d in clustering.decisions}
        result.new_claims = len(clustering.decisions)
        contests = loader.contests(sorted({r.report_id for r in records}))
        for ci, c in enumerate(clustering.clusters):
            if not c.members or ci not in touched:
                continue
            new = c.event_id is None
            event_id = c.event_id or event_id_for(records, c.members)
            fresh = [i for i in c.members if i in decisions]
            corr = _store_event(uow, event_id, records, c.members, cat, contests, scorer=scorer)
            uow.link_claims(
                event_id,
                [(records[i].claim_id, records[i].report_id, decisions[i].describe(records)) for i in fresh],
            )
            uow.add_corroboration_log(
                "formed" if new else "joined", [event_id], [records[i].claim_id for i in fresh],
                detail={"grade": corr.grade.value, "reason": corr.reason},
            )
            result.events_formed += int(new)
            result.events_updated += int(not new)
            result.event_ids.append(event_id)
            result.grades[corr.grade.value] += 1
        for i in clustering.calm:
            r = records[i]
            result.calm.append(
                {
                    "claim_id": r.claim_id, "report_id": r.report_id, "event_type": r.event_type,
                    "day": date.fromordinal(r.first_day).isoformat()
                    if r.first_day == r.last_day
                    else f"{date.fromordinal(r.first_day)}..{date.fromordinal(r.last_day)}",
                    "place": r.place_text or r.pcode, "pcode": r.pcode,
                    "originator": r.originator, "publisher": r.publisher,
                }
            )
    if proposals:
        from hudna.services.proposals import propose_from_claims

        result.proposals = propose_from_claims(store)
    if assess:
        from hudna.services.adjudication import assess_all

        assess_all(store)
        result.regraded = regrade_assessments(store)
    log.info(
        "corroborate claims=%d formed=%d updated=%d", result.claims, result.events_formed,
        result.events_updated,
    )
    return result


def regrade_assessments(store: Store) -> int:
    """Put each news event's corroboration grade and contest on its current assessments.

    The rule's verdict and evidence stay as they are; the grade annotation is updated in place
    (the corroboration log keeps grade changes). Returns the number of assessments changed.
    """
    changed = 0
    with store.unit_of_work() as uow:
        grades = dict(uow.iter_corroborations())
        if not grades:
            return 0
        ids = tuple(sorted(grades))
        pairs = [(s.assessment.event_id, s.assessment.regime_id)
                 for s in uow.iter_assessments(EventFilter(event_ids=ids))]
        for event_id, regime_id in pairs:
            doc = grades[event_id]
            changed += int(uow.set_current_grade(event_id, regime_id, doc["grade"], doc.get("contest")))
    return changed


# -- one event: show, explain, split, merge --------------------------------------------------


def show_event(store: Store, event_id: str) -> dict[str, Any]:
    """An event with its grade, who said what (with the words), and its current assessments."""
    with store.unit_of_work() as uow:
        event = uow.get_event(event_id)
        if event is None:
            raise EventNotFound(f"no event {event_id!r}")
        corr = uow.get_corroboration(event_id)
        links = uow.event_claim_links(event_id)
        reports = {rid: uow.get_report(rid) for _, rid, _ in links}
        claims = {cid: p for cid, _, p in uow.iter_claim_rows(report_ids=sorted(reports))}
        assessments = list(uow.iter_assessments(EventFilter(event_ids=(event_id,))))
    said = []
    for s in (corr or {}).get("said", []):
        report = reports.get(s["report_id"])
        payload = claims.get(s["claim_id"], {})
        sent = payload.get("sentence")
        words = report.text[sent[0] : sent[1]] if report is not None and sent else None
        said.append(
            s | {
                "source": report.source_id if report else None,
                "published_at": report.published_at.isoformat() if report and report.published_at else None,
                "words": words,
            }
        )
    p = event.place
    return {
        "event_id": event.id,
        "event_type": event.event_type,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "place": {"location": p.location, "pcode": p.location_pcode, "admin1_pcode": p.admin1_pcode,
                  "admin2_pcode": p.admin2_pcode, "level": p.level.value, "lat": p.lat, "lon": p.lon},
        "perpetrator": event.actor1_id,
        "target": event.actor2_id,
        "killed": [event.fatalities.low, event.fatalities.best, event.fatalities.high],
        "grade": (corr or {}).get("grade"),
        "reason": (corr or {}).get("reason"),
        "contest": (corr or {}).get("contest"),
        "originators": (corr or {}).get("originators", []),
        "affiliations": (corr or {}).get("affiliations", []),
        "accused_confirms": (corr or {}).get("accused_confirms"),
        "said": said,
        "assessments": [
            {"regime_id": s.assessment.regime_id, "verdict": s.assessment.verdict.value,
             "grade": s.assessment.grade.value if s.assessment.grade else None,
             "contest": s.assessment.contest, "rule": s.assessment.rule}
            for s in assessments
        ],
    }


def explain_event(store: Store, event_id: str) -> dict[str, Any]:
    """Why the event's claims are together: the decision per claim, the grade, the log."""
    with store.unit_of_work() as uow:
        if uow.get_event(event_id) is None:
            raise EventNotFound(f"no event {event_id!r}")
        links = uow.event_claim_links(event_id)
        corr = uow.get_corroboration(event_id) or {}
        history = uow.corroboration_log(event_id)
    return {
        "event_id": event_id,
        "claims": [{"claim_id": cid, "report_id": rid, "decision": d} for cid, rid, d in links],
        "grade": corr.get("grade"),
        "scorer": corr.get("scorer"),
        "reason": corr.get("reason"),
        "independence": {
            "originators": corr.get("originators", []),
            "republications": [
                {"claim_id": s["claim_id"], "voice": s["voice"], "repeats": s["republication_of"]}
                for s in corr.get("said", []) if s.get("republication_of") is not None
            ],
        },
        "log": history,
    }


def _refresh(
    uow: UnitOfWork, event_id: str, links: Sequence[tuple[int, str, str]], cat: SourceCatalog
) -> Corroboration:
    loader = _Loader(uow)
    ids = {cid for cid, _, _ in links}
    rows = [r for r in uow.iter_claim_rows(report_ids=sorted({rid for _, rid, _ in links})) if r[0] in ids]
    records = loader.records(rows)
    contests = loader.contests(sorted({r.report_id for r in records}))
    return _store_event(
        uow, event_id, records, list(range(len(records))), cat, contests, scorer=CORROBORATION_V1
    )


def split_event(
    store: Store, event_id: str, claim_ids: Sequence[int], *, analyst: str, reason: str,
    assess: bool = True,
) -> str:
    """Move claims out of an event into a new event; recorded with who and why. Returns its id."""
    if not analyst.strip() or not reason.strip():
        raise DataError("a split needs --analyst and --reason")
    cat = source_catalog(store)
    with store.unit_of_work() as uow:
        if uow.get_event(event_id) is None:
            raise EventNotFound(f"no event {event_id!r}")
        links = uow.event_claim_links(event_id)
        moving = [link for link in links if link[0] in set(claim_ids)]
        staying = [link for link in links if link[0] not in set(claim_ids)]
        if len(moving) != len(set(claim_ids)):
            known = ", ".join(str(c) for c, _, _ in links)
            raise DataError(f"claims must belong to {event_id} (its claims: {known})", field="--claims")
        if not staying:
            raise DataError("a split must leave at least one claim in the event", field="--claims")
        from hudna.domain.ids import content_hash

        new_id = "news-" + content_hash("split", event_id, *(str(c) for c, _, _ in moving), length=16)
        note = f"split from {event_id} by {analyst}: {reason}"
        _refresh(uow, new_id, moving, cat)
        uow.link_claims(new_id, [(c, r, note) for c, r, _ in moving])
        _refresh(uow, event_id, staying, cat)
        uow.add_corroboration_log(
            "split", [event_id, new_id], [c for c, _, _ in moving], analyst=analyst, reason=reason
        )
    if assess:
        _reassess(store)
    return new_id


def merge_events(
    store: Store, event_ids: Sequence[str], *, analyst: str, reason: str, assess: bool = True
) -> str:
    """Merge events into the first one; the others are removed (recorded with who and why)."""
    if len(event_ids) < 2:
        raise DataError("a merge needs two or more events")
    if not analyst.strip() or not reason.strip():
        raise DataError("a merge needs --analyst and --reason")
    cat = source_catalog(store)
    target = event_ids[0]
    with store.unit_of_work() as uow:
        all_links: list[tuple[int, str, str]] = []
        for eid in event_ids:
            if uow.get_event(eid) is None:
                raise EventNotFound(f"no event {eid!r}")
            all_links.extend(uow.event_claim_links(eid))
        note = f"merged into {target} by {analyst}: {reason}"
        for eid in event_ids[1:]:
            moved = uow.event_claim_links(eid)
            uow.delete_event(eid)
            uow.link_claims(target, [(c, r, note) for c, r, _ in moved])
        _refresh(uow, target, all_links, cat)
        uow.add_corroboration_log(
            "merge", list(event_ids), [c for c, _, _ in all_links], analyst=analyst, reason=reason
        )
    if assess:
        _reassess(store)
    return target


def _reassess(store: Store) -> None:
    from hudna.services.adjudication import assess_all

    assess_all(store)
    regrade_assessments(store)
