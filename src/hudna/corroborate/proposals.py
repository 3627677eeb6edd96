"""Regime-status claims -> proposals -> regime changes (issue #5), as pure functions.

1. :func:`propose` turns a stored regime-status claim into a :class:`Proposal`, finding the
   regime whose zone the claim names (a claim that names no zone inherits the regime of the
   previous claim with the same status in the same report), at the time the text dates the
   statement to (else the report's publication).
2. :func:`decide` applies the :class:`ProposalPolicy`: a proposal is applied when its speaker
   (the originator's affiliation, else the parties the claim names) is a party or guarantor of
   the regime and no other proposal contradicts it (a statement made earlier does not hold back
   a later one); otherwise it waits for review.
3. :func:`apply_proposal` returns the regime with the change made (an extension window, a
   status, a negotiation step), or None when the registry already says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from hudna.domain.ids import content_hash
from hudna.domain.proposal import Proposal, ProposalEvidence, ProposalState
from hudna.domain.regime import (
    Negotiation,
    PartyRole,
    Regime,
    RegimeStatus,
    StatusChange,
    Window,
    WindowKind,
)
from hudna.domain.time import to_utc

__all__ = [
    "CHANGE_OF_STATUS",
    "ProposalPolicy",
    "apply_proposal",
    "contradicts",
    "decide",
    "match_regime",
    "propose",
    "superseded",
]

#: Regime-status claim status -> proposal change.
CHANGE_OF_STATUS = {
    "extended": "extend",
    "holding": "holding",
    "violated": "violated",
    "negotiating": "negotiate",
    "proposed": "negotiate",
    "announced": "announce",
    "in_force": "announce",
    "collapsed": "collapse",
    "ended": "end",
    "rejected": "reject",
}
_OPPOSITE = {
    "holding": {"violated", "collapse"},
    "violated": {"holding"},
    "collapse": {"holding", "extend"},
    "extend": {"collapse", "end"},
    "end": {"extend"},
    "negotiate": {"reject"},
    "reject": {"negotiate"},
}


@dataclass(frozen=True, slots=True)
class ProposalPolicy:
    """When a proposal is applied without review.

    ``roles``: the speaker must hold one of these roles in the regime; ``changes``: the kinds of
    change that may be applied automatically; ``enabled=False`` queues everything.
    """

    enabled: bool = True
    roles: tuple[str, ...] = ("party", "guarantor")
    changes: tuple[str, ...] = ("extend", "holding", "violated", "negotiate", "announce")


def _zone_codes(zone: Mapping[str, Any] | None) -> tuple[str, ...]:
    if not zone:
        return ()
    return tuple(
        p for p in (zone.get("pcode"), zone.get("admin2_pcode"), zone.get("admin1_pcode")) if p
    )


def match_regime(zone_codes: Sequence[str], regimes: Iterable[Regime]) -> Regime | None:
    """The regime a zone refers to: the most specific regime whose zones cover it.

    A zone P-code equal to the claim's place scores highest, then its district or governorate,
    then a zone inside the claim's governorate; nested regimes beat their parent; a nationwide
    zone (``SY``) matches anything, last.

    Examples
    --------
    >>> from hudna.domain.regime import Zone
    >>> coh = Regime(id="coh", name_en="CoH", zones=(Zone(pcodes=("SY",)),))
    >>> calm = Regime(id="calm", name_en="Calm", parent_id="coh", zones=(Zone(pcodes=("SY01",)),))
    >>> match_regime(("C1001", "SY0100", "SY01"), [coh, calm]).id
    'calm'
    """
    if not zone_codes:
        return None
    best: tuple[float, str, Regime] | None = None
    admin1 = zone_codes[-1]
    for r in regimes:
        score = 0.0
        for z in r.zones:
            if z.exclude:
                continue
            for p in z.pcodes:
                if p == zone_codes[0]:
                    score = max(score, 4)
                elif p in zone_codes:
                    score = max(score, 3)
                elif p.startswith(admin1) and len(admin1) >= 4:
                    score = max(score, 2)
                elif len(p) == 2 and admin1.startswith(p):
                    score = max(score, 0.5)
        if score == 0:
            continue
        score += 0.1 if r.parent_id else 0
        if best is None or (score, r.id) > (best[0], best[1]):
            best = (score, r.id, r)
    return best[2] if best else None


def propose(
    claim_id: int,
    report_id: str,
    payload: Mapping[str, Any],
    regimes: Sequence[Regime],
    *,
    published_at: datetime | None,
    publisher: str | None,
    inherit: str | None = None,
) -> Proposal | None:
    """A proposal from a stored regime-status claim (None for other kinds or unknown statuses).

    ``inherit`` is the regime of the previous claim with the same status in the report, used
    when this claim names no zone.
    """
    if payload.get("kind") != "regime_status":
        return None
    change = CHANGE_OF_STATUS.get(str(payload.get("status")))
    if change is None:
        return None
    zone = payload.get("zone")
    codes = _zone_codes(zone)
    regime = match_regime(codes, regimes)
    regime_id = regime.id if regime is not None else (inherit if not codes else None)
    until = payload.get("until")
    hours = payload.get("duration_hours")
    att = payload.get("attribution") or {}
    at = _stated_at(payload.get("stated_on"), published_at)
    evidence = tuple(
        ProposalEvidence(int(e["start"]), int(e["end"]), str(e["text"]), str(e.get("role", "")))
        for e in payload.get("evidence") or ()
    )
    return Proposal(
        id="prop-" + content_hash(report_id, str(claim_id), length=16),
        change=change,
        status=str(payload.get("status")),
        report_id=report_id,
        evidence=evidence,
        regime_id=regime_id,
        until=datetime.fromisoformat(until) if isinstance(until, str) else None,
        at=at,
        duration_hours=float(hours) if isinstance(hours, int | float) and hours > 0 else None,
        zone_text=(zone or {}).get("text"),
        zone_pcodes=codes,
        parties=tuple(payload.get("parties") or ()),
        originator=att.get("originator") or att.get("source_id"),
        publisher=att.get("publisher") or publisher,
        claim_id=claim_id,
    )


def _stated_at(stated_on: Any, published_at: datetime | None) -> datetime | None:
    """When a statement was made: the start of the day the text dates it to (in the report's
    time zone) when that day precedes publication, else the publication time."""
    if not isinstance(stated_on, str | date) or published_at is None:
        return published_at
    day = date.fromisoformat(stated_on) if isinstance(stated_on, str) else stated_on
    if day >= published_at.date():
        return published_at
    return datetime.combine(day, time(), tzinfo=published_at.tzinfo or UTC)


def superseded(a: Proposal, b: Proposal) -> bool:
    """Whether statement ``a`` was made before ``b`` (a later statement is not held back by an
    earlier one it contradicts: "Russia said on Saturday it would not ask ..." and "talks are
    under way", said on Sunday)."""
    return a.at is not None and b.at is not None and to_utc(a.at) < to_utc(b.at)


def contradicts(a: Proposal, b: Proposal) -> bool:
    """Whether two proposals about one regime disagree (holding vs violated, different ends...).

    Examples
    --------
    >>> from datetime import UTC, datetime
    >>> ev = (ProposalEvidence(0, 1, "x"),)
    >>> p = Proposal("a", "holding", "holding", "r1", ev, regime_id="x")
    >>> q = Proposal("b", "violated", "violated", "r2", ev, regime_id="x")
    >>> contradicts(p, q)
    True
    """
    if a.regime_id is None or a.regime_id != b.regime_id or a.id == b.id:
        return False
    if b.change in _OPPOSITE.get(a.change, set()):
        return True
    return (
        a.change == b.change == "extend"
        and a.until is not None
        and b.until is not None
        and to_utc(a.until) != to_utc(b.until)
    )


def speaker_role(
    proposal: Proposal, regime: Regime, affiliation_actor: Mapping[str, str | None]
) -> tuple[str | None, str | None]:
    """Who speaks (an actor id) and their role in the regime, or (speaker, None)."""
    speakers: list[str] = []
    for sid in (proposal.originator, proposal.publisher):
        actor = affiliation_actor.get(sid or "")
        if actor:
            speakers.append(actor)
            break
    if not speakers and proposal.originator is None:
        speakers.extend(proposal.parties)
    for actor in speakers:
        roles = {p.role for p in regime.parties if p.actor_id == actor}
        for role in (PartyRole.GUARANTOR, PartyRole.PARTY):
            if role in roles:
                return actor, role.value
    return (speakers[0] if speakers else None), None


def decide(
    proposal: Proposal,
    regime: Regime | None,
    others: Sequence[Proposal],
    policy: ProposalPolicy,
    affiliation_actor: Mapping[str, str | None],
) -> tuple[bool, str]:
    """Whether the policy applies ``proposal`` now, and why (or why it waits for review)."""
    if regime is None:
        return False, "no registered regime matches the zone"
    if not policy.enabled:
        return False, "automatic application is off"
    if proposal.change not in policy.changes:
        return False, f"a '{proposal.change}' change always needs review"
    against = [o for o in others if contradicts(proposal, o) and not superseded(o, proposal)]
    if against:
        return False, "contradicted by " + ", ".join(f"{o.id} ({o.change})" for o in against)
    speaker, role = speaker_role(proposal, regime, affiliation_actor)
    if role is None or role not in policy.roles:
        who = speaker or proposal.originator or proposal.publisher or "an unknown speaker"
        return False, f"{who} is not a party or guarantor of {regime.id}"
    return True, f"from {speaker}, {role} of {regime.id}; nothing contradicts it"


def apply_proposal(proposal: Proposal, regime: Regime) -> tuple[Regime | None, str]:
    """The regime with the proposal's change made, or None when it is already recorded.

    ``holding``, ``violated``, ``announce`` and ``reject`` change nothing in the regime itself:
    they are recorded in its history (which report said what) by the service. An extension
    given as a length only ("extended for 48 hours") runs from the regime's current end.

    Examples
    --------
    >>> from datetime import UTC, datetime
    >>> from hudna.domain.regime import Zone
    >>> r = Regime(id="calm", name_en="Calm", zones=(Zone(pcodes=("SY01",)),),
    ...            windows=(Window(datetime(2016, 4, 30, tzinfo=UTC), datetime(2016, 5, 1, tzinfo=UTC)),))
    >>> p = Proposal("p", "extend", "extended", "rep1", (ProposalEvidence(0, 1, "x"),),
    ...              regime_id="calm", until=datetime(2016, 5, 2, 9, tzinfo=UTC),
    ...              at=datetime(2016, 5, 1, 8, tzinfo=UTC))
    >>> new, what = apply_proposal(p, r)
    >>> new.windows[-1].end.isoformat(), what
    ('2016-05-02T09:00:00+00:00', 'extended until 2016-05-02T09:00:00+00:00')
    >>> apply_proposal(p, new)[0] is None
    True
    >>> q = Proposal("q", "extend", "extended", "rep2", (ProposalEvidence(0, 1, "x"),),
    ...              regime_id="calm", duration_hours=48.0, at=datetime(2016, 5, 2, 6, tzinfo=UTC))
    >>> newer, what = apply_proposal(q, new)
    >>> what, apply_proposal(q, newer)[0] is None
    ('extended until 2016-05-04T09:00:00+00:00', True)
    """
    src = f"report {proposal.report_id}"
    at = proposal.at
    if proposal.change == "extend":
        if proposal.until is None and any(
            w.kind == WindowKind.EXTENSION and w.source == src for w in regime.windows
        ):
            # a length counts from the current end: once this report extended the regime,
            # counting again would extend it twice
            return None, f"already extended by {src}"
        until_or_none = _extended_until(proposal, regime)
        if until_or_none is None:
            return None, "extension without an end time: recorded only"
        until = until_or_none
        if any(w.end is not None and to_utc(w.end) == until for w in regime.validity_windows()):
            return None, f"already extended until {until.isoformat()}"
        ends = [to_utc(w.end) for w in regime.validity_windows() if w.end is not None]
        start = max((e for e in ends if e < until), default=to_utc(at) if at else None)
        if start is None or start >= until:
            return None, "extension ends before the regime's window: recorded only"
        window = Window(start=start, end=until, kind=WindowKind.EXTENSION, source=src)
        change = StatusChange(RegimeStatus.EXTENDED, at=start, source=src)
        return (
            dataclasses.replace(
                regime,
                windows=(*regime.windows, window),
                status_history=(*regime.status_history, change),
            ),
            f"extended until {until.isoformat()}",
        )
    if proposal.change == "negotiate":
        when = at or (regime.status_history[-1].at if regime.status_history else None)
        if when is None:
            return None, "negotiation without a date: recorded only"
        if any(to_utc(n.at).date() == to_utc(when).date() for n in regime.negotiations):
            return None, "negotiation already recorded"
        subject = f"Include {proposal.zone_text or 'the zone'} ({', '.join(proposal.zone_pcodes)})"
        step = Negotiation(at=when, subject=subject, state="under_way", source=src)
        return dataclasses.replace(regime, negotiations=(*regime.negotiations, step)), "negotiation recorded"
    if proposal.change in ("collapse", "end"):
        if at is None:
            return None, "no date: recorded only"
        status = RegimeStatus.COLLAPSED if proposal.change == "collapse" else RegimeStatus.LAPSED
        if regime.recorded_status_at(at) is not None and regime.recorded_status_at(at).status == status:  # type: ignore[union-attr]
            return None, f"already {status.value}"
        change = StatusChange(status, at=at, source=src)
        return dataclasses.replace(regime, status_history=(*regime.status_history, change)), status.value
    return None, f"{proposal.change} recorded in the history"


def _extended_until(proposal: Proposal, regime: Regime) -> datetime | None:
    """The end of an extension (UTC): the end the statement gives, else its length from the
    regime's current end ("extended for 48 hours"; from the statement, when the regime had
    already lapsed by then), else None (no current end: an open-ended regime, or none
    recorded)."""
    if proposal.until is not None:
        return to_utc(proposal.until)
    if proposal.duration_hours is None:
        return None
    ends = [to_utc(w.end) for w in regime.validity_windows() if w.end is not None]
    if not ends:
        return None
    base = max(ends)
    if proposal.at is not None and to_utc(proposal.at) > base:
        base = to_utc(proposal.at)
    return base + timedelta(hours=proposal.duration_hours)


def mark(proposal: Proposal, state: ProposalState, decision: str, *, by: str | None, at: datetime) -> Proposal:
    """The proposal with its decision recorded."""
    return dataclasses.replace(proposal, state=state, decision=decision, decided_by=by, decided_at=at)
