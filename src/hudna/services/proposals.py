"""Regime-status proposals: from claims to the registry, by policy or by review (issue #5).

Each stored regime-status claim becomes one proposal (idempotent: the id is a hash of report
and claim). The :class:`~hudna.corroborate.proposals.ProposalPolicy` applies it when its
speaker is a party or guarantor of the regime and no other proposal contradicts it; the rest wait
for ``hudna proposals accept|reject``. Every applied proposal writes the regime's history with
the report it came from.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from hudna.corroborate.proposals import (
    ProposalPolicy,
    apply_proposal,
    decide,
    mark,
    propose,
    speaker_role,
)
from hudna.domain.proposal import Proposal, ProposalState
from hudna.domain.regime import Regime
from hudna.errors import Conflict, DataError, NotFound, RegimeNotFound
from hudna.services.ports import RegimeChange, Store, UnitOfWork
from hudna.services.sources import source_catalog

__all__ = [
    "ProposalResult",
    "accept_proposal",
    "list_proposals",
    "propose_from_claims",
    "proposal_row",
    "reject_proposal",
]

log = logging.getLogger(__name__)


@dataclass
class ProposalResult:
    """What one run did: proposals made, applied by policy, queued for review."""

    proposed: int = 0
    applied: list[str] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)
    items: list[Proposal] = field(default_factory=list)


def _affiliation_actors(store: Store) -> dict[str, str | None]:
    cat = source_catalog(store)
    return {sid: cat.affiliation_actors.get(s.affiliation) for sid, s in cat.sources.items()}


def _apply(
    uow: UnitOfWork, p: Proposal, regime: Regime, *, actor: str | None, decision: str
) -> tuple[Proposal, Regime]:
    new_regime, what = apply_proposal(p, regime)
    if new_regime is not None:
        uow.put_regime(new_regime)
        regime = new_regime
    uow.add_regime_change(
        RegimeChange(
            regime_id=regime.id,
            at=datetime.now(UTC),
            change=f"proposal.{p.change}",
            detail={
                "proposal_id": p.id, "result": what, "status": p.status,
                "until": p.until.isoformat() if p.until else None,
                "duration_hours": p.duration_hours,
                "zone": p.zone_text, "originator": p.originator, "publisher": p.publisher,
                "words": [e.text for e in p.evidence if e.role in ("status", "truce", "zone")],
            },
            report_id=p.report_id,
            actor=actor,
        )
    )
    return mark(p, ProposalState.APPLIED, f"{decision} -> {what}", by=actor, at=datetime.now(UTC)), regime


def propose_from_claims(store: Store, *, policy: ProposalPolicy | None = None) -> ProposalResult:
    """Make proposals from stored regime-status claims that have none yet; apply by policy."""
    policy = policy or ProposalPolicy()
    aff = _affiliation_actors(store)
    result = ProposalResult()
    with store.unit_of_work() as uow:
        regimes = {r.id: r for r in uow.list_regimes()}
        known = {p.id: p for p in uow.list_proposals()}
        rows = uow.iter_claim_rows(kinds=("regime_status",))
        by_report: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for cid, rid, payload in rows:
            by_report[rid].append((cid, payload))
        fresh: list[Proposal] = []
        for rid in sorted(by_report):
            report = uow.get_report(rid)
            inherit: dict[str, Proposal] = {}
            for cid, payload in by_report[rid]:
                prev = inherit.get(str(payload.get("status")))
                p = propose(
                    cid, rid, payload, list(regimes.values()),
                    published_at=report.published_at if report else None,
                    publisher=report.source_id if report else None,
                    inherit=prev.regime_id if prev else None,
                )
                if p is None:
                    continue
                if (prev is not None and not p.zone_pcodes and p.until is None and p.duration_hours is None
                        and (prev.until or prev.duration_hours)):
                    # "the army confirmed the extension": same statement, same end time
                    p = replace(p, until=prev.until, duration_hours=prev.duration_hours)
                if p.regime_id and p.zone_pcodes:
                    inherit[p.status] = p
                if p.id not in known:
                    fresh.append(p)
        everyone = [*known.values(), *fresh]
        for p in fresh:
            regime = regimes.get(p.regime_id or "")
            others = [o for o in everyone if o.state != ProposalState.REJECTED]
            ok, why = decide(p, regime, others, policy, aff)
            if ok and regime is not None:
                speaker, _ = speaker_role(p, regime, aff)
                p, regimes[regime.id] = _apply(uow, p, regime, actor=speaker or "policy", decision=why)
                result.applied.append(p.id)
            else:
                p = mark(p, ProposalState.PENDING, why, by=None, at=datetime.now(UTC))
                result.queued.append(p.id)
            uow.put_proposal(p)
            result.items.append(p)
        result.proposed = len(fresh)
    log.info("proposals new=%d applied=%d queued=%d", result.proposed, len(result.applied), len(result.queued))
    return result


def list_proposals(store: Store, *, state: str | None = None, regime_id: str | None = None) -> list[Proposal]:
    """Proposals, optionally of one state (``pending``, ``applied``, ``rejected``) or regime."""
    if state is not None and state not in {s.value for s in ProposalState}:
        raise DataError(f"unknown state {state!r} (pending, applied, rejected)", field="--state")
    with store.unit_of_work() as uow:
        return uow.list_proposals(state=state, regime_id=regime_id)


def _pending(uow: UnitOfWork, proposal_id: str) -> Proposal:
    p = uow.get_proposal(proposal_id)
    if p is None:
        raise NotFound(f"no proposal {proposal_id!r}")
    if p.state != ProposalState.PENDING:
        raise Conflict(f"proposal {proposal_id} is already {p.state.value}")
    return p


def accept_proposal(
    store: Store, proposal_id: str, *, reviewer: str, reason: str = "", regime_id: str | None = None
) -> Proposal:
    """Apply a pending proposal as an analyst (optionally to a regime the analyst names)."""
    if not reviewer.strip():
        raise DataError("accepting needs a reviewer", field="--reviewer")
    with store.unit_of_work() as uow:
        p = _pending(uow, proposal_id)
        rid = regime_id or p.regime_id
        if rid is None:
            raise DataError("the proposal matched no regime: name one with --regime", field="--regime")
        regime = uow.get_regime(rid)
        if regime is None:
            raise RegimeNotFound(f"no regime {rid!r}")
        if rid != p.regime_id:
            p = replace(p, regime_id=rid)
        p, _ = _apply(uow, p, regime, actor=reviewer, decision=f"accepted by {reviewer}: {reason}".rstrip(": "))
        uow.put_proposal(p)
    return p


def reject_proposal(store: Store, proposal_id: str, *, reviewer: str, reason: str) -> Proposal:
    """Reject a pending proposal with who and why."""
    if not reviewer.strip() or not reason.strip():
        raise DataError("rejecting needs --reviewer and --reason")
    with store.unit_of_work() as uow:
        p = _pending(uow, proposal_id)
        p = mark(p, ProposalState.REJECTED, f"rejected by {reviewer}: {reason}", by=reviewer, at=datetime.now(UTC))
        uow.put_proposal(p)
        if p.regime_id and uow.get_regime(p.regime_id) is not None:
            uow.add_regime_change(
                RegimeChange(
                    regime_id=p.regime_id, at=datetime.now(UTC), change="proposal.rejected",
                    detail={"proposal_id": p.id, "reason": reason}, report_id=p.report_id,
                    actor=reviewer,
                )
            )
    return p


def proposal_row(p: Proposal) -> dict[str, Any]:
    """A proposal as a flat row (CLI tables and JSON)."""
    return {
        "id": p.id, "state": p.state.value, "regime_id": p.regime_id, "change": p.change,
        "status": p.status, "until": p.until.isoformat() if p.until else None,
        "duration_hours": p.duration_hours,
        "zone": p.zone_text, "originator": p.originator, "publisher": p.publisher,
        "report_id": p.report_id, "decision": p.decision,
        "evidence": [{"start": e.start, "end": e.end, "text": e.text, "role": e.role} for e in p.evidence],
    }
