"""Regimes (truces, cessations, regimes of calm): zones, windows, parties, status history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from shapely.geometry.base import BaseGeometry

from hudna.domain.time import get_zone, require_aware, to_utc
from hudna.errors import ValidationError


class RegimeStatus(StrEnum):
    PROPOSED = "proposed"
    NEGOTIATING = "negotiating"
    IN_FORCE = "in_force"
    EXTENDED = "extended"
    SUSPENDED = "suspended"
    LAPSED = "lapsed"
    COLLAPSED = "collapsed"


class RegimeKind(StrEnum):
    CESSATION = "cessation"
    CESSATION_WITH_COMPLIANCE = "cessation_with_compliance"
    DEFINITIVE = "definitive"
    REGIME_OF_CALM = "regime_of_calm"
    HUMANITARIAN_PAUSE = "humanitarian_pause"
    LOCAL_TRUCE = "local_truce"


class PartyRole(StrEnum):
    PARTY = "party"
    GUARANTOR = "guarantor"
    MONITOR = "monitor"


class WindowKind(StrEnum):
    INITIAL = "initial"
    EXTENSION = "extension"
    SUSPENSION = "suspension"


# Acts a regime may prohibit; the event types of hudna (ACLED-compatible, see docs/regime-file.md).
EVENT_TYPES = (
    "air_strike",
    "shelling",
    "armed_clash",
    "explosion",
    "chemical",
    "shooting",
    "execution",
    "abduction",
    "ground_advance",
    "other",
)


@dataclass(frozen=True, slots=True)
class Zone:
    """Where a regime applies: admin areas by P-code and/or a polygon, with an optional buffer."""

    pcodes: tuple[str, ...] = ()
    geometry: BaseGeometry | None = None
    buffer_m: float = 0.0
    exclude: bool = False
    label: str | None = None

    def __post_init__(self) -> None:
        if not self.pcodes and self.geometry is None:
            raise ValidationError("a zone needs P-codes or a geometry", field="zones")
        if self.buffer_m < 0:
            raise ValidationError("buffer_m must be >= 0", field="buffer_m")
        if self.geometry is not None and self.geometry.is_empty:
            raise ValidationError("zone geometry is empty", field="geometry")


@dataclass(frozen=True, slots=True)
class Window:
    """A period of validity (or suspension) in the regime's time zone; ``end`` None = open-ended."""

    start: datetime
    end: datetime | None = None
    kind: WindowKind = WindowKind.INITIAL
    source: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        require_aware(self.start, field="windows.start")
        if self.end is not None:
            require_aware(self.end, field="windows.end")
            if self.end <= self.start:
                raise ValidationError("window end must be after its start", field="windows.end")

    def contains(self, at: datetime) -> bool:
        at = to_utc(at)
        return to_utc(self.start) <= at and (self.end is None or at < to_utc(self.end))


@dataclass(frozen=True, slots=True)
class Party:
    actor_id: str
    role: PartyRole = PartyRole.PARTY
    committed_at: datetime | None = None
    channel: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if self.committed_at is not None:
            require_aware(self.committed_at, field="parties.committed_at")

    def bound_at(self, at: datetime) -> bool:
        """A party is bound from its commitment on (or from the start when no time is recorded)."""
        return self.committed_at is None or to_utc(self.committed_at) <= to_utc(at)


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: RegimeStatus
    at: datetime
    source: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        require_aware(self.at, field="status_history.at")


@dataclass(frozen=True, slots=True)
class Negotiation:
    """A recorded negotiation step (e.g. talks to add Aleppo)."""

    at: datetime
    subject: str
    state: str = "under_way"
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Regime:
    id: str
    name_en: str
    name_ar: str | None = None
    kind: RegimeKind = RegimeKind.CESSATION
    parent_id: str | None = None
    purpose: tuple[str, ...] = ()
    timezone: str = "UTC"
    zones: tuple[Zone, ...] = ()
    windows: tuple[Window, ...] = ()
    status_history: tuple[StatusChange, ...] = ()
    parties: tuple[Party, ...] = ()
    excluded_actors: tuple[str, ...] = ()
    excluded_designations: tuple[str, ...] = ()
    prohibited_acts: frozenset[str] = field(default_factory=frozenset)
    negotiations: tuple[Negotiation, ...] = ()
    legal_refs: tuple[str, ...] = ()
    declared_at: datetime | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        if not self.id or not all(c.isalnum() or c in "-_." for c in self.id):
            raise ValidationError(f"invalid regime id {self.id!r}", field="id")
        get_zone(self.timezone)
        unknown = set(self.prohibited_acts) - set(EVENT_TYPES)
        if unknown:
            raise ValidationError(
                f"unknown prohibited act(s) {sorted(unknown)}; known: {', '.join(EVENT_TYPES)}",
                field="prohibited_acts",
            )

    # -- time ---------------------------------------------------------------------------------
    def validity_windows(self) -> tuple[Window, ...]:
        return tuple(w for w in self.windows if w.kind != WindowKind.SUSPENSION)

    def suspensions(self) -> tuple[Window, ...]:
        return tuple(w for w in self.windows if w.kind == WindowKind.SUSPENSION)

    def intervals_utc(self) -> list[tuple[datetime, datetime | None]]:
        """Periods (UTC, half-open) in which the regime applies: union of windows minus suspensions."""
        spans = sorted(
            (to_utc(w.start), None if w.end is None else to_utc(w.end))
            for w in self.validity_windows()
        )
        merged: list[tuple[datetime, datetime | None]] = []
        for start, end in spans:
            if merged:
                last_start, last_end = merged[-1]
                if last_end is None or start <= last_end:
                    new_end = None if (last_end is None or end is None) else max(last_end, end)
                    merged[-1] = (last_start, new_end)
                    continue
            merged.append((start, end))
        for sus in self.suspensions():
            merged = _subtract(merged, to_utc(sus.start), None if sus.end is None else to_utc(sus.end))
        # A recorded collapse, lapse or suspension ends validity until the regime is back in force.
        changes = sorted(self.status_history, key=lambda c: to_utc(c.at))
        for i, change in enumerate(changes):
            if change.status in (RegimeStatus.COLLAPSED, RegimeStatus.LAPSED, RegimeStatus.SUSPENDED):
                resume = next(
                    (
                        to_utc(c.at)
                        for c in changes[i + 1 :]
                        if c.status in (RegimeStatus.IN_FORCE, RegimeStatus.EXTENDED)
                    ),
                    None,
                )
                merged = _subtract(merged, to_utc(change.at), resume)
        return merged

    def in_window(self, at: datetime) -> bool:
        at = to_utc(at)
        return any(s <= at and (e is None or at < e) for s, e in self.intervals_utc())

    def window_end_at(self, at: datetime) -> datetime | None:
        """End of the interval containing ``at`` (None when open-ended or not in force)."""
        at = to_utc(at)
        for s, e in self.intervals_utc():
            if s <= at and (e is None or at < e):
                return e
        return None

    def recorded_status_at(self, at: datetime) -> StatusChange | None:
        at = to_utc(at)
        past = [c for c in self.status_history if to_utc(c.at) <= at]
        return max(past, key=lambda c: to_utc(c.at)) if past else None

    def status_at(self, at: datetime) -> RegimeStatus | None:
        """The status at an instant: recorded statuses, refined by the windows.

        A regime whose recorded status says it is in force but whose windows have all closed is
        ``lapsed``; one inside a window after an extension is ``extended``.
        """
        recorded = self.recorded_status_at(at)
        inside = self.in_window(at)
        if recorded is None:
            return RegimeStatus.IN_FORCE if inside else None
        status = recorded.status
        if status in (RegimeStatus.IN_FORCE, RegimeStatus.EXTENDED):
            if not inside:
                return RegimeStatus.LAPSED if self._started_before(at) else RegimeStatus.PROPOSED
            if any(
                w.kind == WindowKind.EXTENSION and w.contains(at) for w in self.validity_windows()
            ):
                return RegimeStatus.EXTENDED
            return RegimeStatus.IN_FORCE
        if status == RegimeStatus.SUSPENDED and not any(w.contains(at) for w in self.suspensions()):
            return RegimeStatus.IN_FORCE if inside else status
        return status

    def in_force_at(self, at: datetime) -> bool:
        return self.status_at(at) in (RegimeStatus.IN_FORCE, RegimeStatus.EXTENDED)

    def _started_before(self, at: datetime) -> bool:
        at = to_utc(at)
        return any(to_utc(w.start) <= at for w in self.validity_windows())

    # -- actors -------------------------------------------------------------------------------
    def party(self, actor_id: str) -> Party | None:
        for p in self.parties:
            if p.actor_id == actor_id and p.role == PartyRole.PARTY:
                return p
        return None

    def guarantors(self) -> tuple[str, ...]:
        return tuple(p.actor_id for p in self.parties if p.role == PartyRole.GUARANTOR)

    def is_excluded(self, actor_id: str, designations: Iterable[str] = ()) -> bool:
        return actor_id in self.excluded_actors or bool(
            set(designations) & set(self.excluded_designations)
        )


def _subtract(
    spans: list[tuple[datetime, datetime | None]], cut_start: datetime, cut_end: datetime | None
) -> list[tuple[datetime, datetime | None]]:
    out: list[tuple[datetime, datetime | None]] = []
    for s, e in spans:
        # no overlap
        if (e is not None and e <= cut_start) or (cut_end is not None and cut_end <= s):
            out.append((s, e))
            continue
        if s < cut_start:
            out.append((s, cut_start))
        if cut_end is not None and (e is None or cut_end < e):
            out.append((cut_end, e))
    return out
