"""Clustering incident claims into events: blocking, compatibility, explainable merges.

Clustering rules are named and versioned like grading scorers (:data:`CLUSTERINGS`); the name
is recorded on every :class:`Decision`.

Both rules block by event type, day and admin area: a claim joins an event when it has the same
event type, overlapping days, a compatible place (same admin area; a community and the district
or governorate around it are compatible and the event keeps the most precise; two different
places at the same precision are two incidents), and comes from a report not already in the
event. When a coarse claim ("in Aleppo governorate") fits several events at different places it
stays separate: claims are never forced together.

``clustering.v1`` then compares the claim's toll with the event's median (far: more than half
apart and more than 2) and accepts a different perpetrator only at the same place with
matching figures.

``clustering.v2`` (the default) asks the claim to agree with **every** claim already in the
event (complete linkage, so an event cannot drift from 5 to 9 to 16 killed):

- **actors**: perpetrator and target each the same, of the same side (camp), or unknown on
  either part; a perpetrator of another side is accepted only as a *counter-accusation* at the
  same place (the claim comes from the side the event accuses, or accuses the side the event's
  sources belong to), which grading then marks contested;
- **figures**: the tolls' ranges overlap, or the higher is at most ``TOLL_RATIO`` times the lower
  plus ``TOLL_SLACK`` (sources disagree), or, when the higher comes from a report published
  later, at most ``GROWTH_RATIO`` times plus the slack (a toll rises as the wounded die and the
  rubble is cleared); beyond that the claims describe different incidents (an analyst who knows
  better merges them, recorded);
- **time of day**: when both give one, within ``MAX_HOURS_APART`` hours.

Every assignment records a :class:`Decision` that says why (``hudna events explain``).
Calm observations (``negative`` claims) never join incident events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from hudna.corroborate.model import ClaimRecord, level_rank
from hudna.errors import RuleNotFound

__all__ = [
    "CLUSTERINGS",
    "CLUSTERING_V1",
    "CLUSTERING_V2",
    "DEFAULT_CLUSTERING",
    "GROWTH_RATIO",
    "MAX_HOURS_APART",
    "MAX_SPAN_DAYS",
    "TOLL_RATIO",
    "TOLL_SLACK",
    "Clustering",
    "Decision",
    "EventCluster",
    "cluster_claims",
    "figures_fit",
]

CLUSTERING_V1 = "clustering.v1"
CLUSTERING_V2 = "clustering.v2"
DEFAULT_CLUSTERING = CLUSTERING_V2
#: The registered clustering rules (a semantic change is a new name; old names stay available).
CLUSTERINGS = (CLUSTERING_V1, CLUSTERING_V2)

#: A claim whose day range is wider than this is too vague to corroborate anything.
MAX_SPAN_DAYS = 3
#: Sources disagree on tolls: the higher may be this many times the lower, plus ``TOLL_SLACK``.
TOLL_RATIO = 1.5
TOLL_SLACK = 2
#: A report published later may raise the toll this many times (plus ``TOLL_SLACK``).
GROWTH_RATIO = 3.0
#: Two claims that both give a time of day further apart than this are two incidents.
MAX_HOURS_APART = 3.0
_PRECISE = 4  # level rank of a community


@dataclass(slots=True)
class EventCluster:
    """A group of claims believed to describe one incident (indexes into the record list)."""

    members: list[int]
    event_type: str
    admin1: str | None
    admin2: str | None
    pcode: str | None
    rank: int
    first_day: int
    last_day: int
    reports: set[str]
    perpetrators: set[str]
    killed: list[int]
    lat: float | None = None
    lon: float | None = None
    event_id: str | None = None  # set for clusters seeded from stored events
    alive: bool = True
    targets: set[str] = field(default_factory=set)
    #: clustering.v2: each member's toll range and publication time (complete linkage)
    tolls: list[tuple[int, int, datetime | None]] = field(default_factory=list)
    instants: list[datetime] = field(default_factory=list)
    voice_camps: set[str] = field(default_factory=set)
    victims: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a claim went where it went: ``new`` (founded an event) or ``joined``.

    ``place`` is ``same``, ``finer`` (the claim is more precise than the event),
    ``coarser`` or ``near``; ``perpetrator`` is ``same``, ``same side``, ``unknown``,
    ``differs`` (v1) or ``disputed`` (v2: a counter-accusation); ``target`` likewise (v2);
    ``figures`` is ``same``, ``unknown``, ``differ`` (within what sources disagree by) or
    ``grown`` (v2: a later report raised the toll); ``note`` explains a ``new`` decision
    (with v2, also which nearby events were refused and why); ``rule`` is the clustering rule.
    """

    claim_index: int
    cluster: int
    kind: str
    place: str = ""
    perpetrator: str = ""
    figures: str = ""
    note: str = ""
    target: str = ""
    rule: str = CLUSTERING_V1

    def describe(self, records: Sequence[ClaimRecord]) -> str:
        """A sentence for analysts.

        Examples
        --------
        >>> r = ClaimRecord(1, "r1", "air_strike", 736084, 736084, "SY02", pcode="C1007")
        >>> Decision(0, 0, "new", note="no compatible event").describe([r])
        'claim 1 (report r1): new event — no compatible event (air_strike, C1007, 2016-04-30) [clustering.v1]'
        """
        r = records[self.claim_index]
        head = f"claim {r.claim_id} (report {r.report_id})"
        where = f"{r.event_type}, {r.pcode or r.admin1 or '?'}, {date.fromordinal(r.first_day)}"
        if self.kind == "new":
            return f"{head}: new event — {self.note} ({where}) [{self.rule}]"
        target = f", target {self.target}" if self.target else ""
        return (
            f"{head}: joined — same type, overlapping days, place {self.place}, "
            f"perpetrator {self.perpetrator}{target}, figures {self.figures} ({where}) [{self.rule}]"
        )


@dataclass
class Clustering:
    """The result: clusters (dead ones are merged away), a decision per claim, calm claims."""

    records: Sequence[ClaimRecord]
    clusters: list[EventCluster]
    decisions: list[Decision] = field(default_factory=list)
    calm: list[int] = field(default_factory=list)
    rule: str = DEFAULT_CLUSTERING

    def live(self) -> list[EventCluster]:
        return [c for c in self.clusters if c.alive and c.members]


def _figures_fit(a: int | None, killed: list[int]) -> str:
    if a is None or not killed:
        return "unknown"
    ref = sorted(killed)[len(killed) // 2]
    if a == ref:
        return "same"
    # Tolls differ between sources (and grow over a day); beyond this they are two incidents.
    return "far" if abs(a - ref) > max(2, 0.5 * max(a, ref)) else "differ"


def _near(c: EventCluster, r: ClaimRecord) -> bool:
    if c.lat is None or c.lon is None or r.lat is None or r.lon is None:
        return False
    # about 5 km: a neighbourhood and the town it lies in
    return abs(c.lat - r.lat) < 0.045 and abs(c.lon - r.lon) < 0.055


def _place_fit(c: EventCluster, r: ClaimRecord, rr: int) -> str | None:
    if c.admin1 != r.admin1:
        return None
    if c.admin2 and r.admin2 and c.admin2 != r.admin2:
        return None
    if rr >= _PRECISE and c.rank >= _PRECISE:
        if c.pcode == r.pcode:
            return "same"
        if rr != c.rank and _near(c, r):
            return "near"
        return None
    if rr == c.rank:
        return "same" if c.pcode == r.pcode or r.pcode is None else None
    return "finer" if rr > c.rank else "coarser"


_FIGURE_RANK = {"same": 0, "differ": 1, "grown": 2}
#: "12 civilians killed" and "12 fighters killed" are two incidents; "mixed" fits either.
_PURE_VICTIMS = frozenset({"civilians", "combatants"})
_PLACE_SCORE = {"same": 3, "finer": 2, "near": 2, "coarser": 1}
_ACTOR_SCORE = {"same": 2, "same side": 1, "unknown": 1, "differs": 0, "disputed": 0, "": 0}
_FIGURE_SCORE = {"same": 1, "unknown": 0, "differ": 0, "grown": 0}


def claim_toll(r: ClaimRecord) -> tuple[int, int] | None:
    """The range of the claim's death toll (low, high), or None when it gives none.

    Examples
    --------
    >>> claim_toll(ClaimRecord(1, "r1", "air_strike", 1, 1, "SY02", killed=10, killed_high=12))
    (10, 12)
    """
    vals = [v for v in (r.killed_low, r.killed, r.killed_high) if v is not None]
    return (min(vals), max(vals)) if vals else None


def figures_fit(
    a: tuple[int, int, datetime | None], b: tuple[int, int, datetime | None]
) -> str:
    """Whether two tolls (low, high, published) can describe one incident.

    ``same`` when the ranges overlap; ``differ`` when the higher is at most ``TOLL_RATIO`` times
    the lower plus ``TOLL_SLACK`` (sources disagree); ``grown`` when the higher comes from a
    report published later and is at most ``GROWTH_RATIO`` times the lower plus the slack; else
    ``far`` (two incidents).

    Examples
    --------
    >>> from datetime import UTC, datetime
    >>> t1, t2 = datetime(2016, 5, 1, 8, tzinfo=UTC), datetime(2016, 5, 1, 20, tzinfo=UTC)
    >>> figures_fit((10, 10, t1), (12, 12, t1)), figures_fit((10, 10, t1), (45, 45, t2))
    ('differ', 'far')
    >>> figures_fit((10, 10, t1), (25, 25, t2)), figures_fit((25, 25, t1), (10, 10, t2))
    ('grown', 'far')
    """
    alo, ahi, apub = a
    blo, bhi, bpub = b
    if ahi < blo:
        low, high, low_pub, high_pub = ahi, blo, apub, bpub
    elif bhi < alo:
        low, high, low_pub, high_pub = bhi, alo, bpub, apub
    else:
        return "same"
    if high <= TOLL_RATIO * low + TOLL_SLACK:
        return "differ"
    if (
        low_pub is not None and high_pub is not None and high_pub > low_pub
        and high <= GROWTH_RATIO * low + TOLL_SLACK
    ):
        return "grown"
    return "far"


def _side(x: str | None, xs: set[str], camps: Mapping[str, str]) -> str:
    if not x or not xs:
        return "unknown"
    if x in xs:
        return "same"
    cx = camps.get(x, x)
    return "same side" if any(camps.get(y, y) == cx for y in xs) else "differs"


def _fit_v2(
    c: EventCluster,
    r: ClaimRecord,
    place: str,
    toll: tuple[int, int] | None,
    actor_camps: Mapping[str, str],
    voice_camps: Mapping[str, str],
) -> tuple[str, str, str, float] | str:
    """(perpetrator, target, figures, gap) when the claim fits the event, else why it does not.

    ``gap`` is the largest ratio between the claim's toll and a member's (1.0: the same, or
    no figures), which prefers the closest event when several fit.
    """
    perp = _side(r.perpetrator, c.perpetrators, actor_camps)
    target = _side(r.target, c.targets, actor_camps)
    if perp == "differs":
        # Each side blaming the other for one incident is a competing attribution, not two
        # incidents: accepted at the same place, from the side the event accuses (or accusing
        # the side the event's sources belong to).
        voice = voice_camps.get(r.originator or r.publisher or "")
        accused = {actor_camps.get(p, p) for p in c.perpetrators}
        if place != "same" or not (
            (voice is not None and voice in accused)
            or actor_camps.get(r.perpetrator or "", r.perpetrator) in c.voice_camps
        ):
            return f"perpetrator {r.perpetrator} vs {', '.join(sorted(c.perpetrators))}"
        perp, target = "disputed", "unknown" if target == "differs" else target
    if target == "differs":
        return f"target {r.target} vs {', '.join(sorted(c.targets))}"
    if r.victims in _PURE_VICTIMS and (c.victims & _PURE_VICTIMS) - {r.victims}:
        return f"victims {r.victims} vs {', '.join(sorted(c.victims))}"
    figures = "unknown"
    gap = 1.0
    if toll is not None and c.tolls:
        mine = (toll[0], toll[1], r.published)
        figures = "same"
        for other in c.tolls:
            f = figures_fit(mine, other)
            if f == "far":
                return f"toll {_toll_text(toll)} vs {_toll_text(other)}"
            if _FIGURE_RANK[f] > _FIGURE_RANK[figures]:
                figures = f
            if f != "same":
                lo, hi = (toll[1], other[0]) if toll[1] < other[0] else (other[1], toll[0])
                gap = max(gap, (hi + 1) / (lo + 1))
    if r.at is not None and c.instants:
        hours = max(abs((r.at - t).total_seconds()) for t in c.instants) / 3600
        if hours > MAX_HOURS_APART:
            return f"times of day {hours:.0f} h apart"
    return perp, target, figures, gap


def _toll_text(t: tuple[int, int] | tuple[int, int, datetime | None]) -> str:
    return str(t[0]) if t[0] == t[1] else f"{t[0]}-{t[1]}"


def _add(
    c: EventCluster, i: int, r: ClaimRecord, rr: int, voice_camps: Mapping[str, str] | None = None
) -> None:
    c.members.append(i)
    c.reports.add(r.report_id)
    if r.perpetrator and not r.denied:
        c.perpetrators.add(r.perpetrator)
    if r.target and not r.denied:
        c.targets.add(r.target)
    if r.killed is not None:
        c.killed.append(r.killed)
    if not r.denied:
        toll = claim_toll(r)
        if toll is not None:
            c.tolls.append((toll[0], toll[1], r.published))
        if r.at is not None:
            c.instants.append(r.at)
        if r.victims:
            c.victims.add(r.victims)
        if voice_camps:
            camp = voice_camps.get(r.originator or r.publisher or "")
            if camp:
                c.voice_camps.add(camp)
    c.first_day = max(c.first_day, r.first_day)
    c.last_day = min(c.last_day, r.last_day)
    if rr > c.rank:
        c.rank, c.pcode = rr, r.pcode
        c.admin2 = r.admin2 or c.admin2
        c.lat, c.lon = r.lat, r.lon


def cluster_claims(
    records: Sequence[ClaimRecord],
    *,
    seeds: Sequence[tuple[str, Sequence[int]]] = (),
    rule: str = DEFAULT_CLUSTERING,
    actor_camps: Mapping[str, str] | None = None,
    voice_camps: Mapping[str, str] | None = None,
) -> Clustering:
    """Group incident claims into events.

    Parameters
    ----------
    records
        The claims (incident and calm).
    seeds
        Stored events as ``(event_id, record indexes)``: new claims may join them; they are
        never split or merged here (that is the analyst's ``split``/``merge``).
    rule
        The clustering rule, one of :data:`CLUSTERINGS` (recorded on every decision).
    actor_camps, voice_camps
        Actor id -> camp and source id -> camp (``clustering.v2``: perpetrators or targets of
        one camp are compatible; a counter-accusation needs the sources' camps).

    Returns
    -------
    Clustering
        Clusters with their members, one :class:`Decision` per clustered claim.

    Examples
    --------
    >>> d = 736084  # 2016-04-30
    >>> recs = [ClaimRecord(1, "r1", "air_strike", d, d, "SY02", "SY0200", "C1007", "community",
    ...                     originator="syrian-civil-defence", publisher="afp", killed=10),
    ...         ClaimRecord(2, "r2", "air_strike", d, d, "SY02", None, "SY02", "governorate",
    ...                     originator="sohr", killed=12),
    ...         ClaimRecord(3, "r3", "shelling", d, d, "SY02", "SY0200", "C1007", "community")]
    >>> result = cluster_claims(recs)
    >>> sorted(len(c.members) for c in result.live())
    [1, 2]
    """
    if rule not in CLUSTERINGS:
        raise RuleNotFound(f"no clustering rule {rule!r}; known: {', '.join(CLUSTERINGS)}")
    v2 = rule == CLUSTERING_V2
    acamps: Mapping[str, str] = actor_camps or {}
    vcamps: Mapping[str, str] = voice_camps or {}
    clusters: list[EventCluster] = []
    decisions: list[Decision] = []
    calm: list[int] = []
    precise: dict[tuple[str, int, str | None], list[int]] = {}
    by_admin2: dict[tuple[str, int, str | None], list[int]] = {}
    by_admin1: dict[tuple[str, int, str | None], list[int]] = {}

    def index(ci: int) -> None:
        c = clusters[ci]
        for day in range(c.first_day, c.last_day + 1):
            by_admin1.setdefault((c.event_type, day, c.admin1), []).append(ci)
            if c.admin2:
                by_admin2.setdefault((c.event_type, day, c.admin2), []).append(ci)
            if c.rank >= _PRECISE:
                precise.setdefault((c.event_type, day, c.pcode), []).append(ci)

    def found(i: int, r: ClaimRecord, rr: int, event_id: str | None = None) -> int:
        c = EventCluster(
            members=[], event_type=r.event_type, admin1=r.admin1, admin2=r.admin2,
            pcode=r.pcode, rank=rr, first_day=r.first_day, last_day=r.last_day,
            reports=set(), perpetrators=set(), killed=[], lat=r.lat, lon=r.lon, event_id=event_id,
        )
        _add(c, i, r, rr, vcamps)
        clusters.append(c)
        return len(clusters) - 1

    def new(i: int, r: ClaimRecord, rr: int, note: str) -> None:
        decisions.append(Decision(i, found(i, r, rr), "new", note=note, rule=rule))
        index(len(clusters) - 1)

    seeded: set[int] = set()
    for event_id, members in seeds:
        if not members:
            continue
        first = records[members[0]]
        ci = found(members[0], first, level_rank(first.level), event_id)
        for i in members[1:]:
            _add(clusters[ci], i, records[i], level_rank(records[i].level), vcamps)
        if clusters[ci].last_day < clusters[ci].first_day:  # analyst-made: keep the union
            clusters[ci].first_day = min(records[i].first_day for i in members)
            clusters[ci].last_day = max(records[i].last_day for i in members)
        seeded.update(members)
        index(ci)

    order = sorted(
        (i for i in range(len(records)) if i not in seeded),
        key=lambda i: (records[i].first_day, -level_rank(records[i].level), records[i].claim_id),
    )
    for i in order:
        r = records[i]
        if r.negative:
            calm.append(i)
            continue
        rr = level_rank(r.level)
        if r.admin1 is None:
            new(i, r, rr, "no admin area: not corroborated")
            continue
        if r.last_day - r.first_day >= MAX_SPAN_DAYS:
            new(i, r, rr, "day range too wide to match")
            continue
        seen: set[int] = set()
        best: tuple[int, int, str, str, str, str] | None = None
        fits: list[tuple[int, int, str, str, str, str]] = []
        refused: list[str] = []
        best_closeness = 0.0
        toll = claim_toll(r) if v2 and not r.denied else None
        for day in range(r.first_day, r.last_day + 1):
            if rr >= _PRECISE:
                cands = precise.get((r.event_type, day, r.pcode), [])
                cands = cands + [
                    ci for ci in by_admin2.get((r.event_type, day, r.admin2), ())
                    if clusters[ci].rank < _PRECISE
                ] + [
                    ci for ci in by_admin1.get((r.event_type, day, r.admin1), ())
                    if clusters[ci].admin2 is None or clusters[ci].admin2 == r.admin2
                    and clusters[ci].rank < _PRECISE
                ]
                if r.lat is not None:  # a neighbourhood vs its town
                    cands = cands + [
                        ci for ci in by_admin2.get((r.event_type, day, r.admin2), ())
                        if clusters[ci].rank >= _PRECISE and clusters[ci].rank != rr
                    ]
            elif r.admin2:
                cands = by_admin2.get((r.event_type, day, r.admin2), []) + [
                    ci for ci in by_admin1.get((r.event_type, day, r.admin1), ())
                    if clusters[ci].admin2 is None
                ]
            else:
                cands = by_admin1.get((r.event_type, day, r.admin1), [])
            for ci in cands:
                if ci in seen:
                    continue
                seen.add(ci)
                c = clusters[ci]
                if not c.alive or r.report_id in c.reports:
                    continue
                if c.last_day < r.first_day or r.last_day < c.first_day:
                    continue
                place = _place_fit(c, r, rr)
                if place is None:
                    continue
                target = ""
                closeness = 0.0
                if v2:
                    got = _fit_v2(c, r, place, toll, acamps, vcamps)
                    if isinstance(got, str):
                        refused.append(got)
                        continue
                    perp, target, figures, gap = got
                    closeness = -gap
                else:
                    figures = _figures_fit(r.killed, c.killed)
                    if figures == "far":
                        continue
                    if not r.perpetrator or not c.perpetrators:
                        perp = "unknown"
                    elif r.perpetrator in c.perpetrators:
                        perp = "same"
                    else:
                        perp = "differs"
                        if place != "same" or figures == "differ":
                            continue  # competing attribution only for the same place and figures
                score = (
                    _PLACE_SCORE[place] + _ACTOR_SCORE[perp] + _ACTOR_SCORE.get(target, 0)
                    + _FIGURE_SCORE[figures]
                    + (1 if (c.first_day, c.last_day) == (r.first_day, r.last_day) else 0)
                )
                fit = (score, ci, place, perp, figures, target)
                fits.append(fit)
                if best is None or (fit[0], closeness) > (best[0], best_closeness):
                    best, best_closeness = fit, closeness
        if best is not None and rr < _PRECISE:
            # A coarse claim that fits events at different precise places is ambiguous.
            places = {clusters[f[1]].pcode for f in fits if clusters[f[1]].rank >= _PRECISE}
            if len(places) > 1:
                new(i, r, rr, f"ambiguous: fits events at {len(places)} places")
                continue
        if best is None:
            note = "no compatible event"
            if refused:
                note += f" (refused {len(refused)} in the block: {'; '.join(refused[:3])})"
            new(i, r, rr, note)
            continue
        _, ci, place, perp, figures, target = best
        c = clusters[ci]
        was_rank, was_span = c.rank, (c.first_day, c.last_day)
        _add(c, i, r, rr, vcamps)
        if c.rank != was_rank and c.rank >= _PRECISE:
            for day in range(c.first_day, c.last_day + 1):
                precise.setdefault((c.event_type, day, c.pcode), []).append(ci)
        if c.admin2 and was_rank < 2 and c.rank >= 2:
            for day in range(c.first_day, c.last_day + 1):
                by_admin2.setdefault((c.event_type, day, c.admin2), []).append(ci)
        del was_span
        decisions.append(Decision(i, ci, "joined", place, perp, figures, target=target, rule=rule))
    return Clustering(records=records, clusters=clusters, decisions=decisions, calm=calm, rule=rule)
