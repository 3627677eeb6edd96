"""From a cluster of claims to an event: who said what, independence, figures, grade.

Independence counts **originators**, not publishers: AFP and Al Arabiya both quoting SOHR are one
voice (SOHR). A claim that names no originator but whose sentence is a near-duplicate of another
claim's (Jaccard of word shingles >= ``DUPLICATE_JACCARD``) is a republication of it, not a new
voice. Generic originators ("activists", "local sources") count once at most.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from hudna.corroborate.grading import CORROBORATION_V1, GradeFacts, get_scorer
from hudna.corroborate.model import (
    GENERIC_ORIGINATORS,
    ClaimRecord,
    Contest,
    SourceView,
    level_rank,
)
from hudna.domain.assessment import Grade
from hudna.domain.event import Event, Fatalities
from hudna.domain.ids import content_hash
from hudna.domain.place import Level, PlaceRef
from hudna.domain.time import TimeWindow

__all__ = [
    "DUPLICATE_JACCARD",
    "Corroboration",
    "Say",
    "build_event",
    "event_id_for",
    "jaccard",
    "summarise",
]

DUPLICATE_JACCARD = 0.8


@dataclass(frozen=True, slots=True)
class Say:
    """Who said what: one claim of the event, its voice and figures."""

    claim_id: int
    report_id: str
    originator: str | None
    publisher: str | None
    voice: str
    affiliation: str
    killed: int | None = None
    children: int | None = None
    injured: int | None = None
    perpetrator: str | None = None
    place: str | None = None
    denied: bool = False
    hedged: bool = False
    republication_of: int | None = None  # claim id this one repeats (same originator or same text)


@dataclass(frozen=True, slots=True)
class Corroboration:
    """The corroboration of one event: grade with its reason, and everything it rests on."""

    grade: Grade
    reason: str
    scorer: str
    originators: tuple[str, ...]
    affiliations: tuple[str, ...]
    accused: str | None
    accused_confirms: bool | None
    denials: tuple[str, ...]
    perpetrators: tuple[str, ...]
    contests: tuple[Contest, ...]
    said: tuple[Say, ...]
    killed: Fatalities = field(default_factory=Fatalities)
    injured: Fatalities = field(default_factory=Fatalities)

    @property
    def contest_text(self) -> str | None:
        """What goes beside the verdict (``Assessment.contest``), or None."""
        parts = [c.describe() for c in self.contests]
        parts += [f"denial by {d}" for d in self.denials]
        if len(self.perpetrators) > 1:
            parts.append(f"competing attribution: {', '.join(self.perpetrators)}")
        return "; ".join(parts) or None


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets (0 when either is empty).

    Examples
    --------
    >>> jaccard(frozenset({1, 2, 3}), frozenset({2, 3, 4}))
    0.5
    """
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _figures(values: Sequence[int]) -> Fatalities:
    if not values:
        return Fatalities()
    ordered = sorted(values)
    return Fatalities(ordered[0], int(statistics.median_low(ordered)), ordered[-1])


def summarise(
    records: Sequence[ClaimRecord],
    members: Sequence[int],
    *,
    sources: Mapping[str, SourceView],
    actor_camps: Mapping[str, str],
    contests: Sequence[Contest] = (),
    duplicate_of: str | None = None,
    scorer: str = CORROBORATION_V1,
) -> Corroboration:
    """Who said what, the independent originators and the grade of one cluster of claims.

    Parameters
    ----------
    records, members
        The claims and the indexes of this event's claims.
    sources
        Source id -> :class:`SourceView` (kind, affiliation, camp).
    actor_camps
        Actor id -> camp (side), to decide whether the accused side confirms.
    contests
        Exclusion claims (justifications) that concern this event.

    Examples
    --------
    >>> d = 736084
    >>> recs = [ClaimRecord(1, "r1", "air_strike", d, d, "SY02", originator="syrian-civil-defence",
    ...                     publisher="afp", perpetrator="syrian-government", killed=10),
    ...         ClaimRecord(2, "r2", "air_strike", d, d, "SY02", originator="sohr", killed=12)]
    >>> srcs = {"sohr": SourceView("hr_observatory", "opposition", "opposition"),
    ...         "syrian-civil-defence": SourceView("civil_defence", "opposition", "opposition")}
    >>> c = summarise(recs, [0, 1], sources=srcs, actor_camps={"syrian-government": "pro-government"})
    >>> c.grade.value, c.originators, c.killed
    ('fair', ('sohr', 'syrian-civil-defence'), Fatalities(low=10, best=10, high=12))
    """
    ordered = sorted(members, key=lambda i: records[i].claim_id)
    voices: dict[str, int] = {}  # voice -> first claim id
    said: list[Say] = []
    sigs: list[tuple[int, str, ClaimRecord]] = []
    for i in ordered:
        r = records[i]
        rep_of: int | None = None
        if r.originator:
            voice = r.originator
        else:
            voice = r.publisher or f"report:{r.report_id}"
            for cid, v, other in sigs:
                if other.denied == r.denied and jaccard(other.signature, r.signature) >= DUPLICATE_JACCARD:
                    voice, rep_of = v, cid
                    break
        if r.denied:
            voice = f"{voice} (denial)"
        if rep_of is None and voice in voices:
            rep_of = voices[voice]
        voices.setdefault(voice, r.claim_id)
        sigs.append((r.claim_id, voice, r))
        src = sources.get((r.originator or r.publisher or ""), SourceView())
        said.append(
            Say(
                claim_id=r.claim_id, report_id=r.report_id, originator=r.originator,
                publisher=r.publisher, voice=voice, affiliation=src.affiliation, killed=r.killed,
                children=r.children, injured=r.injured, perpetrator=r.perpetrator,
                place=r.place_text or r.pcode, denied=r.denied, hedged=r.hedged,
                republication_of=rep_of,
            )
        )
    affirming = [s for s in said if not s.denied]
    originators: list[str] = []
    generic_seen = False
    for s in affirming:
        v = s.voice
        if v in originators:
            continue
        if v in GENERIC_ORIGINATORS:
            if generic_seen:
                continue
            generic_seen = True
        originators.append(v)
    originators.sort()
    denials = sorted({(s.originator or s.publisher or "?") for s in said if s.denied})
    perps = sorted({s.perpetrator for s in affirming if s.perpetrator})
    camps_of_perps = {actor_camps.get(p, p) for p in perps}
    accused = perps[0] if perps else None
    accused_camp = actor_camps.get(accused, accused) if accused else None
    views = {v: sources.get(v, SourceView()) for v in originators}
    affiliations = sorted({v.affiliation for v in views.values()})
    accused_confirms: bool | None = None
    if accused_camp is not None:
        if any(v.camp == accused_camp for v in views.values()):
            accused_confirms = True
        elif any(sources.get(d, SourceView()).camp == accused_camp for d in denials):
            accused_confirms = False
    monitors_seen = tuple(v for v, sv in views.items() if sv.neutral_monitor)
    monitors_refute = tuple(d for d in denials if sources.get(d, SourceView()).neutral_monitor)
    party_denials = tuple(d for d in denials if d not in monitors_refute)
    facts = GradeFacts(
        originators=tuple(originators),
        denials=party_denials,
        perpetrators=tuple(perps) if len(camps_of_perps) > 1 else (),
        contests=tuple(
            f"{c.claimant or '?'}: {(c.concept or c.kind).split('.', 1)[-1]}" for c in contests
        ),
        accused_confirms=accused_confirms,
        monitor_observed=monitors_seen,
        monitor_refutes=monitors_refute,
        duplicate_of=duplicate_of,
    )
    grade, reason = get_scorer(scorer)(facts)
    return Corroboration(
        grade=grade,
        reason=reason,
        scorer=scorer,
        originators=tuple(originators),
        affiliations=tuple(affiliations),
        accused=accused,
        accused_confirms=accused_confirms,
        denials=tuple(denials),
        perpetrators=tuple(perps) if len(camps_of_perps) > 1 else (),
        contests=tuple(contests),
        said=tuple(said),
        killed=_figures([s.killed for s in affirming if s.killed is not None]),
        injured=_figures([s.injured for s in affirming if s.injured is not None]),
    )


def event_id_for(records: Sequence[ClaimRecord], members: Sequence[int]) -> str:
    """A stable id for a new event: a hash of its founding claim (idempotent re-runs).

    Examples
    --------
    >>> r = ClaimRecord(7, "r1", "air_strike", 736084, 736084, "SY02")
    >>> event_id_for([r], [0]).startswith("news-"), len(event_id_for([r], [0]))
    (True, 21)
    """
    first = min((records[i] for i in members), key=lambda r: r.claim_id)
    return "news-" + content_hash("claim", first.report_id, str(first.claim_id), length=16)


_LEVELS = {lvl.value: lvl for lvl in Level}


def build_event(
    event_id: str,
    records: Sequence[ClaimRecord],
    members: Sequence[int],
    corroboration: Corroboration,
) -> Event:
    """The event a cluster describes: the most precise place, the common days, the figures.

    The actor is the most-named perpetrator among the affirming claims; ``source_original``
    lists the independent originators and ``sources`` the publishers.
    """
    rs = [records[i] for i in members]
    first = max(r.first_day for r in rs)
    last = min(r.last_day for r in rs)
    if last < first:  # an analyst merged claims whose days do not overlap: keep the union
        first, last = min(r.first_day for r in rs), max(r.last_day for r in rs)
    best = max(rs, key=lambda r: (level_rank(r.level), -r.claim_id))
    tz = ZoneInfo(best.tz)
    instants = sorted(r.at for r in rs if r.at is not None)
    when = (
        TimeWindow(instants[0], instants[-1])
        if instants and len({i.date() for i in instants}) == 1
        else TimeWindow.for_local_days(date.fromordinal(first), date.fromordinal(last), tz)
    )
    perps = [r.perpetrator for r in rs if r.perpetrator and not r.denied]
    actor = max(set(perps), key=lambda p: (perps.count(p), p)) if perps else None
    targets = [r.target for r in rs if r.target]
    target = max(set(targets), key=lambda t: (targets.count(t), t)) if targets else None
    level = _LEVELS.get(best.level or "", Level.GOVERNORATE)
    place = PlaceRef(
        admin1_pcode=best.admin1,
        admin2_pcode=best.admin2,
        location=best.place_text,
        location_pcode=best.pcode if level_rank(best.level) >= 3 else None,
        lat=best.lat,
        lon=best.lon,
        level=level,
    )
    publishers = sorted({r.publisher for r in rs if r.publisher})
    span = last - first
    return Event(
        id=event_id,
        date_start=date.fromordinal(first),
        date_end=date.fromordinal(last),
        when=when,
        place=place,
        event_type=best.event_type if best.event_type in _EVENT_TYPES else "other",
        date_prec=1 if span == 0 else (2 if span <= 6 else 3),
        actor1=actor,
        actor2=target,
        actor1_id=actor,
        actor2_id=target,
        directed=actor is not None,
        fatalities=corroboration.killed,
        injured=corroboration.injured,
        sources=tuple(publishers),
        source_original="; ".join(corroboration.originators) or None,
        number_of_sources=len(corroboration.originators),
        origin="news",
        origin_id=event_id,
        notes=f"{corroboration.grade.value}: {corroboration.reason}",
    )


_EVENT_TYPES = frozenset(
    {"air_strike", "shelling", "armed_clash", "explosion", "chemical", "shooting", "execution",
     "abduction", "ground_advance", "other"}
)

