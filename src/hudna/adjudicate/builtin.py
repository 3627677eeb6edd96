"""Built-in adjudication rules.

``cessation.v1`` — the general rule of a cessation of hostilities or regime of calm:
an event is a **violation** when it happened inside the regime's zones and windows, is a
prohibited act, and was committed by an actor bound by the regime (a party, or a unit of one, that
had committed by then) against a target that is not excluded from the regime.
"""

from __future__ import annotations

from datetime import datetime

from hudna.adjudicate.context import AdjudicationContext, ZoneCheck, check_zone
from hudna.adjudicate.registry import Registry
from hudna.domain.assessment import Assessment, Evidence, Verdict
from hudna.domain.event import Event
from hudna.domain.regime import Regime

CESSATION_V1 = "cessation.v1"
UNKNOWN_ACTORS = {None, "", "unknown"}


def register_builtin(registry: Registry) -> None:
    registry.register(CESSATION_V1)(cessation_v1)


def check_window(regime: Regime, event: Event) -> tuple[bool | None, Evidence]:
    """Inside a validity window for the whole of the event's time span, partly, or not at all."""
    earliest, latest = event.when.earliest, event.when.latest
    intervals = regime.intervals_utc()
    for start, end in intervals:
        if start <= earliest and (end is None or latest < end):
            return True, Evidence("window", "inside", _span(start, end), _span(start, end))
    for start, end in intervals:
        if (end is None or earliest < end) and start <= latest:
            return None, Evidence(
                "window",
                "straddles",
                f"event time {earliest:%Y-%m-%d %H:%M}–{latest:%Y-%m-%d %H:%M} UTC crosses the edge of {_span(start, end)}",
                _span(start, end),
            )
    detail = "; ".join(_span(s, e) for s, e in intervals) or "no validity window"
    return False, Evidence("window", "outside", f"event outside {detail}")


def _span(start: datetime, end: datetime | None) -> str:
    return f"{start.isoformat()}/{end.isoformat() if end else '..'}"


def check_zones(regime: Regime, event: Event, ctx: AdjudicationContext) -> ZoneCheck:
    zones = ctx.zones_for(regime)
    includes = [z for z in zones if not z.exclude]
    excludes = [z for z in zones if z.exclude]
    if not includes:
        return ZoneCheck(False, None, "regime has no zone")
    checks = [check_zone(z, event, ctx.areas) for z in includes]
    inside = [c for c in checks if c.inside]
    result: ZoneCheck
    if inside:
        result = max(inside, key=lambda c: c.distance_m if c.distance_m is not None else float("inf"))
    elif any(c.inside is None for c in checks):
        result = next(c for c in checks if c.inside is None)
    else:
        result = max(checks, key=lambda c: c.distance_m if c.distance_m is not None else float("-inf"))
    if result.inside is not False:
        for z in excludes:
            c = check_zone(z, event, ctx.areas)
            if c.inside:
                return ZoneCheck(False, None, f"event in an excluded area: {c.detail}", c.ref)
            if c.inside is None and result.inside:
                return ZoneCheck(None, None, f"may lie in an excluded area: {c.detail}", c.ref)
    return result


def cessation_v1(event: Event, regime: Regime, ctx: AdjudicationContext) -> Assessment:
    evidence: list[Evidence] = []
    in_window, ev = check_window(regime, event)
    evidence.append(ev)
    zone = check_zones(regime, event, ctx)
    evidence.append(
        Evidence("zone", {True: "inside", False: "outside", None: "undetermined"}[zone.inside], zone.detail, zone.ref)
    )
    prohibited = not regime.prohibited_acts or event.event_type in regime.prohibited_acts
    evidence.append(
        Evidence(
            "act",
            "prohibited" if prohibited else "not_prohibited",
            f"{event.event_type} {'is' if prohibited else 'is not'} among the prohibited acts",
            event.event_type,
        )
    )

    at = event.when.earliest
    sides = [(event.actor1_id, event.actor2_id)]
    if not event.directed:
        sides.append((event.actor2_id, event.actor1_id))
    bound_any = False
    unknown_perpetrator = False
    violation_by: str | None = None
    excluded_by: str | None = None
    for perp, target in sides:
        if perp in UNKNOWN_ACTORS:
            unknown_perpetrator = True
            continue
        party = _bound_party(regime, ctx, perp, at)
        if party is None:
            evidence.append(Evidence("perpetrator", "not_bound", f"{perp} is not a party bound at {at:%Y-%m-%d}", perp))
            continue
        bound_any = True
        evidence.append(Evidence("perpetrator", "bound", f"{perp} is bound as {party}", perp))
        excl = _excluded(regime, ctx, target)
        if excl:
            evidence.append(Evidence("target", "excluded", f"{target} is excluded ({excl})", target))
            excluded_by = excluded_by or perp
        else:
            evidence.append(Evidence("target", "protected", f"{target or 'unknown'} is not excluded", target))
            violation_by = violation_by or perp

    def make(verdict: Verdict, *, perpetrator: str | None = None, target_excluded: bool | None = None) -> Assessment:
        return Assessment(
            event_id=event.id,
            regime_id=regime.id,
            verdict=verdict,
            rule=CESSATION_V1,
            evidence=tuple(evidence),
            in_zone=zone.inside,
            zone_distance_m=zone.distance_m,
            in_window=in_window,
            perpetrator_bound=bound_any if (bound_any or not unknown_perpetrator) else None,
            target_excluded=target_excluded,
            prohibited_act=prohibited,
            perpetrator_id=perpetrator,
            gazetteer_version=ctx.gazetteer_version,
        )

    if in_window is False or zone.inside is False:
        return make(Verdict.OUTSIDE_SCOPE)
    if not prohibited:
        return make(Verdict.NOT_VIOLATION)
    if violation_by is not None:
        if in_window is None or zone.inside is None:
            return make(Verdict.UNDETERMINED, perpetrator=violation_by, target_excluded=False)
        return make(Verdict.VIOLATION, perpetrator=violation_by, target_excluded=False)
    if excluded_by is not None:
        return make(Verdict.EXCLUDED_TARGET, perpetrator=excluded_by, target_excluded=True)
    if unknown_perpetrator:
        return make(Verdict.UNDETERMINED)
    return make(Verdict.NOT_VIOLATION)


def _bound_party(regime: Regime, ctx: AdjudicationContext, actor_id: str | None, at: datetime) -> str | None:
    """The regime party (the actor or one of its parents) that binds ``actor_id`` at ``at``."""
    ids = [a.id for a in ctx.lineage(actor_id)] or ([actor_id] if actor_id else [])
    for aid in ids:
        party = regime.party(aid)
        if party is not None and party.bound_at(at):
            return f"party {aid}" + (f" (committed {party.committed_at:%Y-%m-%d %H:%M %Z})" if party.committed_at else "")
    return None


def _excluded(regime: Regime, ctx: AdjudicationContext, actor_id: str | None) -> str | None:
    if actor_id in UNKNOWN_ACTORS:
        return None
    lineage = list(ctx.lineage(actor_id))
    if not lineage:
        return "listed" if regime.is_excluded(str(actor_id)) else None
    for actor in lineage:
        if actor.id in regime.excluded_actors:
            return f"listed as {actor.id}"
        hit = set(actor.designations) & set(regime.excluded_designations)
        if hit:
            return f"designated {', '.join(sorted(hit))}"
    return None
