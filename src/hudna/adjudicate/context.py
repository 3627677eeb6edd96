"""What a rule needs besides the event and the regime: actor lookup and resolved zones."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from shapely.geometry.base import BaseGeometry

from hudna.domain.actor import Actor
from hudna.domain.event import Event
from hudna.domain.place import LEVEL_RANK, Level
from hudna.domain.regime import Regime, Zone
from hudna.geo.zones import ZoneShape


class ActorLookup(Protocol):
    def find(self, actor_id: str) -> Actor | None: ...


class AreaLookup(Protocol):
    """Admin areas of the gazetteer in use: geometry and ancestors of a P-code."""

    def geometry(self, pcode: str) -> BaseGeometry | None: ...


def ancestors(pcode: str) -> tuple[str, ...]:
    """P-codes containing ``pcode`` (itself included), by the OCHA prefix convention.

    Examples
    --------
    >>> ancestors("SY030200")
    ('SY030200', 'SY0302', 'SY03', 'SY')
    >>> ancestors("C1007")
    ('C1007',)
    """
    if not pcode.startswith("SY"):
        return (pcode,)
    out = [pcode]
    p = pcode
    while len(p) > 2:
        p = p[:-2]
        out.append(p)
    return tuple(out)


def event_pcodes(event: Event) -> set[str]:
    """Every P-code the event is known to lie in, with its ancestors (and 'SY' for Syria)."""
    codes: set[str] = set()
    for p in event.place.pcodes:
        codes.update(ancestors(p))
    if event.place.country_iso3 == "SYR":
        codes.add("SY")
    return codes


@dataclass
class ResolvedZone:
    """One zone of a regime with its P-codes and (when known) its geometry in metres."""

    pcodes: frozenset[str]
    shape: ZoneShape | None
    exclude: bool
    label: str | None = None


@dataclass
class ZoneCheck:
    inside: bool | None
    distance_m: float | None
    detail: str
    ref: str | None = None


@dataclass
class AdjudicationContext:
    actors: ActorLookup
    areas: AreaLookup | None = None
    gazetteer_version: str | None = None
    _zones: dict[tuple[Zone, ...], list[ResolvedZone]] = field(default_factory=dict)

    def zones_for(self, regime: Regime) -> list[ResolvedZone]:
        cached = self._zones.get(regime.zones)
        if cached is None:
            cached = [self._resolve(z.pcodes, z.geometry, z.buffer_m, z.exclude, z.label) for z in regime.zones]
            self._zones[regime.zones] = cached
        return cached

    def _resolve(
        self,
        pcodes: tuple[str, ...],
        geometry: BaseGeometry | None,
        buffer_m: float,
        exclude: bool,
        label: str | None,
    ) -> ResolvedZone:
        geom = geometry
        if geom is None and pcodes and self.areas is not None:
            parts = [self.areas.geometry(p) for p in pcodes]
            if parts and all(g is not None for g in parts):
                from shapely import union_all

                geom = union_all([g for g in parts if g is not None])
        shape = ZoneShape(geom, buffer_m=buffer_m) if geom is not None else None
        return ResolvedZone(frozenset(pcodes), shape, exclude, label)

    def lineage(self, actor_id: str | None) -> Iterator[Actor]:
        """The actor and its parents, nearest first."""
        seen: set[str] = set()
        while actor_id and actor_id not in seen:
            seen.add(actor_id)
            actor = self.actors.find(actor_id)
            if actor is None:
                return
            yield actor
            actor_id = actor.parent_id


def check_zone(zone: ResolvedZone, event: Event, areas: AreaLookup | None) -> ZoneCheck:
    """Is the event inside one zone? True, False or None (its precision does not tell).

    P-code zones use the admin hierarchy (the event's P-codes and their ancestors); polygon zones
    use a geometric test with the buffer in metres. The distance to the zone edge is given for
    point events whenever the zone has a geometry.
    """
    level = event.place.level
    precise = LEVEL_RANK[level] >= LEVEL_RANK[Level.COMMUNITY]
    lon, lat = event.place.lon, event.place.lat
    distance: float | None = None
    if zone.shape is not None and lon is not None and lat is not None and precise:
        distance = round(zone.shape.signed_distance_m(lon=lon, lat=lat), 1)
    codes = event_pcodes(event)
    finest = max(event.place.pcodes, key=len) if event.place.pcodes else None
    if zone.pcodes:
        hit = codes & zone.pcodes
        if hit:
            return ZoneCheck(True, distance, f"event lies in {', '.join(sorted(hit))}", ",".join(sorted(hit)))
        if finest is not None:
            if any(finest in ancestors(z) and z != finest for z in zone.pcodes):
                return ZoneCheck(
                    None, None, f"event known only to {finest}; the zone covers part of it", finest
                )
            return ZoneCheck(
                False, distance, f"event lies in {finest}, outside {', '.join(sorted(zone.pcodes))}", finest
            )
        if distance is not None:
            inside = distance >= 0
            return ZoneCheck(inside, distance, f"point {'inside' if inside else 'outside'} the zone polygons", zone.label)
        return ZoneCheck(None, None, "event has no P-code and no precise point", None)
    # Polygon zone.
    assert zone.shape is not None
    if distance is not None:
        inside = distance >= 0
        return ZoneCheck(
            inside, distance, f"point {'inside' if inside else 'outside'} the zone, {abs(distance):.0f} m from its edge", zone.label
        )
    if finest is not None and areas is not None:
        area = areas.geometry(finest)
        if area is not None:
            rel = zone.shape.relate_area(area)
            what = {True: "inside", False: "outside", None: "straddling"}[rel]
            return ZoneCheck(rel, None, f"event area {finest} is {what} the zone", finest)
    return ZoneCheck(None, None, "event location too imprecise for this zone", finest)
