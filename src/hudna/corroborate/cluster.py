"""Clustering incident claims into events: blocking, compatibility, explainable merges.

A claim joins an event when it has the same event type, overlapping days (blocking by day),
a compatible place (same admin area; a community and the district or governorate around it are
compatible and the event keeps the most precise), comes from a report not already in the event,
and its casualty figure is not wildly different. When a coarse claim ("in Aleppo governorate")
fits several events at different places it stays separate: claims are never forced together.

Every assignment records a :class:`Decision` that says why (``hudna events explain``).
Calm observations (``negative`` claims) never join incident events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from hudna.corroborate.model import ClaimRecord, level_rank

__all__ = ["MAX_SPAN_DAYS", "Clustering", "Decision", "EventCluster", "cluster_claims"]

#: A claim whose day range is wider than this is too vague to corroborate anything.
MAX_SPAN_DAYS = 3
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


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a claim went where it went: ``new`` (founded an event) or ``joined``.

    ``place`` is ``same``, ``finer`` (the claim is more precise than the event),
    ``coarser`` or ``near``; ``perpetrator`` is ``same``, ``unknown`` or ``differs``;
    ``figures`` is ``same``, ``unknown`` or ``differ``; ``note`` explains a ``new`` decision.
    """

    claim_index: int
    cluster: int
    kind: str
    place: str = ""
    perpetrator: str = ""
    figures: str = ""
    note: str = ""

    def describe(self, records: Sequence[ClaimRecord]) -> str:
        """A sentence for analysts.

        Examples
        --------
        >>> r = ClaimRecord(1, "r1", "air_strike", 736084, 736084, "SY02", pcode="C1007")
        >>> Decision(0, 0, "new", note="no compatible event").describe([r])
        'claim 1 (report r1): new event — no compatible event (air_strike, C1007, 2016-04-30)'
        """
        r = records[self.claim_index]
        head = f"claim {r.claim_id} (report {r.report_id})"
        where = f"{r.event_type}, {r.pcode or r.admin1 or '?'}, {date.fromordinal(r.first_day)}"
        if self.kind == "new":
            return f"{head}: new event — {self.note} ({where})"
        return (
            f"{head}: joined — same type, overlapping days, place {self.place}, "
            f"perpetrator {self.perpetrator}, figures {self.figures} ({where})"
        )


@dataclass
class Clustering:
    """The result: clusters (dead ones are merged away), a decision per claim, calm claims."""

    records: Sequence[ClaimRecord]
    clusters: list[EventCluster]
    decisions: list[Decision] = field(default_factory=list)
    calm: list[int] = field(default_factory=list)

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


def _add(c: EventCluster, i: int, r: ClaimRecord, rr: int) -> None:
    c.members.append(i)
    c.reports.add(r.report_id)
    if r.perpetrator and not r.denied:
        c.perpetrators.add(r.perpetrator)
    if r.killed is not None:
        c.killed.append(r.killed)
    c.first_day = max(c.first_day, r.first_day)
    c.last_day = min(c.last_day, r.last_day)
    if rr > c.rank:
        c.rank, c.pcode = rr, r.pcode
        c.admin2 = r.admin2 or c.admin2
        c.lat, c.lon = r.lat, r.lon


def cluster_claims(
    records: Sequence[ClaimRecord], *, seeds: Sequence[tuple[str, Sequence[int]]] = ()
) -> Clustering:
    """Group incident claims into events.

    Parameters
    ----------
    records
        The claims (incident and calm).
    seeds
        Stored events as ``(event_id, record indexes)``: new claims may join them; they are
        never split or merged here (that is the analyst's ``split``/``merge``).

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
        clusters.append(
            EventCluster(
                members=[i], event_type=r.event_type, admin1=r.admin1, admin2=r.admin2,
                pcode=r.pcode, rank=rr, first_day=r.first_day, last_day=r.last_day,
                reports={r.report_id},
                perpetrators={r.perpetrator} if r.perpetrator and not r.denied else set(),
                killed=[r.killed] if r.killed is not None else [],
                lat=r.lat, lon=r.lon, event_id=event_id,
            )
        )
        return len(clusters) - 1

    seeded: set[int] = set()
    for event_id, members in seeds:
        if not members:
            continue
        first = records[members[0]]
        ci = found(members[0], first, level_rank(first.level), event_id)
        for i in members[1:]:
            _add(clusters[ci], i, records[i], level_rank(records[i].level))
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
            decisions.append(Decision(i, found(i, r, rr), "new", note="no admin area: not corroborated"))
            index(len(clusters) - 1)
            continue
        if r.last_day - r.first_day >= MAX_SPAN_DAYS:
            decisions.append(Decision(i, found(i, r, rr), "new", note="day range too wide to match"))
            index(len(clusters) - 1)
            continue
        seen: set[int] = set()
        best: tuple[int, int, str, str, str] | None = None
        fits: list[tuple[int, int, str, str, str]] = []
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
                    {"same": 3, "finer": 2, "near": 2, "coarser": 1}[place]
                    + {"same": 2, "unknown": 1, "differs": 0}[perp]
                    + {"same": 1, "unknown": 0, "differ": 0}[figures]
                    + (1 if (c.first_day, c.last_day) == (r.first_day, r.last_day) else 0)
                )
                fit = (score, ci, place, perp, figures)
                fits.append(fit)
                if best is None or fit[0] > best[0]:
                    best = fit
        if best is not None and rr < _PRECISE:
            # A coarse claim that fits events at different precise places is ambiguous.
            places = {clusters[f[1]].pcode for f in fits if clusters[f[1]].rank >= _PRECISE}
            if len(places) > 1:
                decisions.append(
                    Decision(i, found(i, r, rr), "new",
                             note=f"ambiguous: fits events at {len(places)} places")
                )
                index(len(clusters) - 1)
                continue
        if best is None:
            decisions.append(Decision(i, found(i, r, rr), "new", note="no compatible event"))
            index(len(clusters) - 1)
            continue
        _, ci, place, perp, figures = best
        c = clusters[ci]
        was_rank, was_span = c.rank, (c.first_day, c.last_day)
        _add(c, i, r, rr)
        if c.rank != was_rank and c.rank >= _PRECISE:
            for day in range(c.first_day, c.last_day + 1):
                precise.setdefault((c.event_type, day, c.pcode), []).append(ci)
        if c.admin2 and was_rank < 2 and c.rank >= 2:
            for day in range(c.first_day, c.last_day + 1):
                by_admin2.setdefault((c.event_type, day, c.admin2), []).append(ci)
        del was_span
        decisions.append(Decision(i, ci, "joined", place, perp, figures))
    return Clustering(records=records, clusters=clusters, decisions=decisions, calm=calm)
