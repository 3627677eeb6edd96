"""Inputs and outputs of corroboration: incident claims as flat records, and who said what.

Corroboration works on :class:`ClaimRecord` values: one incident claim of one report, flattened
to what matching and grading need (type, days, place, actors, figures, who said it, a text
signature). :func:`record_from_payload` builds one from a stored claim (the JSON form of
:class:`hudna.domain.claim.IncidentClaim`) and its report.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from hudna.domain.report import Report
from hudna.text.normalize import match_key

__all__ = [
    "GENERIC_ORIGINATORS",
    "ClaimRecord",
    "Contest",
    "SourceView",
    "record_from_payload",
    "text_signature",
]

#: Originators that name nobody in particular: two reports quoting "activists" are not shown to
#: be independent, so each of these counts once at most.
GENERIC_ORIGINATORS = frozenset({"activists", "local-sources", "media-reports"})

_LEVEL_RANK = {
    "country": 0,
    "governorate": 1,
    "district": 2,
    "subdistrict": 3,
    "region": 3,
    "community": 4,
    "neighbourhood": 5,
    "point": 6,
}


def level_rank(level: str | None) -> int:
    """Rank of a place level, coarsest 0 (unknown levels count as governorate).

    Examples
    --------
    >>> level_rank("community") > level_rank("district")
    True
    """
    return _LEVEL_RANK.get(level or "governorate", 1)


@dataclass(slots=True)
class ClaimRecord:
    """One incident claim, flattened for corroboration.

    ``first_day``/``last_day`` bound the local day of the incident (ordinal days); ``pcode`` is
    the most precise P-code known and ``level`` its admin level; ``originator`` is who the
    report quotes, ``publisher`` who published it; ``signature`` is a set of hashed word
    shingles of the claim's sentence (for near-duplicate texts); ``at`` the incident's instant
    when the report gives a time of day; ``published`` the report's publication time.
    """

    claim_id: int
    report_id: str
    event_type: str
    first_day: int
    last_day: int
    admin1: str | None
    admin2: str | None = None
    pcode: str | None = None
    level: str | None = None
    place_text: str | None = None
    lat: float | None = None
    lon: float | None = None
    perpetrator: str | None = None
    target: str | None = None
    killed: int | None = None
    killed_low: int | None = None
    killed_high: int | None = None
    children: int | None = None
    injured: int | None = None
    originator: str | None = None
    publisher: str | None = None
    hedged: bool = False
    denied: bool = False
    negative: bool = False
    at: datetime | None = None
    tz: str = "Asia/Damascus"
    signature: frozenset[int] = field(default_factory=frozenset)
    evidence: tuple[tuple[int, int, str, str], ...] = ()
    published: datetime | None = None  # when the report came out (a later report may raise a toll)
    victims: str | None = None  # who was killed: civilians, combatants, mixed (None: not said)

    @property
    def voice(self) -> str:
        """Who the claim comes from: the originator, else the publisher, else the report."""
        return self.originator or self.publisher or f"report:{self.report_id}"

    @property
    def days(self) -> tuple[date, date]:
        return date.fromordinal(self.first_day), date.fromordinal(self.last_day)


@dataclass(frozen=True, slots=True)
class SourceView:
    """What grading needs to know of a source: kind, affiliation and camp (side)."""

    kind: str = "other"
    affiliation: str = "unknown"
    camp: str | None = None

    @property
    def neutral_monitor(self) -> bool:
        """A monitor with no affiliation: its own observation confirms (or refutes) an event."""
        return self.kind == "monitor" and self.affiliation == "independent"


@dataclass(frozen=True, slots=True)
class Contest:
    """A claim that disputes a finding without denying the facts (e.g. "counter-terrorism").

    ``kind`` is ``justification`` (the act is admitted but said to target an excluded group),
    ``denial`` or ``attribution`` (someone else is said to be responsible).
    """

    kind: str
    claimant: str | None
    text: str
    report_id: str
    start: int = 0
    end: int = 0
    concept: str | None = None

    def describe(self) -> str:
        """One line for the assessment's ``contest`` field.

        Examples
        --------
        >>> Contest("justification", "russia", "مكافحة الإرهاب", "r1",
        ...         concept="justification.counter_terrorism").describe()
        'justification by russia: counter_terrorism (“مكافحة الإرهاب”, report r1)'
        """
        what = (self.concept or self.kind).split(".", 1)[-1]
        who = self.claimant or "unknown"
        return f"{self.kind} by {who}: {what} (“{self.text}”, report {self.report_id[:12]})"


def text_signature(text: str, lang: str, *, width: int = 3) -> frozenset[int]:
    """Hashed word shingles of a text's match key (near-duplicate detection).

    Examples
    --------
    >>> a = text_signature("Ten people were killed in air strikes on Aleppo", "en")
    >>> b = text_signature("ten people were killed in air strikes on Aleppo.", "en")
    >>> a == b
    True
    """
    words = match_key(text, lang).split()
    if len(words) < width:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(
        zlib.crc32(" ".join(words[i : i + width]).encode()) for i in range(len(words) - width + 1)
    )


def _day(value: Any) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def record_from_payload(
    claim_id: int, report: Report, payload: Mapping[str, Any]
) -> ClaimRecord | None:
    """Flatten a stored incident claim (``kind`` ``incident`` or ``calm``); None for other kinds.

    The claim's day range comes from its ``time``; with no time, the report's publication day
    and the day before (news usually reports yesterday's or today's events). A claim with
    neither has no day and is skipped (None).

    Examples
    --------
    >>> from datetime import UTC, datetime
    >>> r = Report(id="r1", source_id="afp", text="x", content_hash="h",
    ...            published_at=datetime(2016, 5, 1, 8, tzinfo=UTC), language="en")
    >>> rec = record_from_payload(1, r, {"kind": "incident", "event_type": "air_strike",
    ...     "place": {"text": "Aleppo", "pcode": "C1007", "level": "community",
    ...               "admin1_pcode": "SY02", "admin2_pcode": "SY0200"},
    ...     "time": {"on": "2016-04-30", "precision": "day", "tz": "Asia/Damascus"},
    ...     "casualties": {"killed_best": 10}, "attribution": {"originator": "syrian-civil-defence"}})
    >>> rec.days, rec.pcode, rec.killed, rec.originator, rec.publisher
    ((datetime.date(2016, 4, 30), datetime.date(2016, 4, 30)), 'C1007', 10, 'syrian-civil-defence', 'afp')
    """
    kind = payload.get("kind")
    if kind not in ("incident", "calm"):
        return None
    time = payload.get("time") or {}
    first = _day(time.get("earliest_on")) or _day(time.get("on"))
    last = _day(time.get("latest_on")) or _day(time.get("on")) or first
    at = time.get("at")
    at_dt = datetime.fromisoformat(at) if isinstance(at, str) else None
    if first is None:
        if report.published_at is None:
            return None
        pub = report.published_at.date()
        first, last = pub - timedelta(days=1), pub
    assert last is not None
    if last < first:
        first, last = last, first
    place = payload.get("place") or {}
    level = place.get("level")
    pcode = place.get("pcode")
    admin1 = place.get("admin1_pcode") or (pcode if level == "governorate" else None)
    admin2 = place.get("admin2_pcode") or (pcode if level == "district" else None)
    cas = payload.get("casualties") or {}
    att = payload.get("attribution") or {}
    originator = att.get("originator") or att.get("source_id") or report.originator
    publisher = att.get("publisher") or report.source_id
    sent = payload.get("sentence")
    lang = report.language or "en"
    sig: frozenset[int] = frozenset()
    if sent:
        sig = text_signature(report.text[int(sent[0]) : int(sent[1])], lang)
    evidence = tuple(
        (int(e["start"]), int(e["end"]), str(e["text"]), str(e.get("role", "")))
        for e in payload.get("evidence") or ()
    )
    return ClaimRecord(
        claim_id=claim_id,
        report_id=report.id,
        event_type=str(payload.get("event_type") or "other"),
        first_day=first.toordinal(),
        last_day=last.toordinal(),
        admin1=admin1,
        admin2=admin2,
        pcode=pcode,
        level=level,
        place_text=place.get("text"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        perpetrator=payload.get("perpetrator"),
        target=payload.get("target"),
        killed=_int(cas.get("killed_best")),
        killed_low=_int(cas.get("killed_low")),
        killed_high=_int(cas.get("killed_high")),
        children=_int(cas.get("children")),
        injured=_int(cas.get("injured_best")),
        originator=originator,
        publisher=publisher,
        hedged=bool(att.get("hedged")),
        denied=bool(att.get("denied")),
        negative=bool(payload.get("negative")) or kind == "calm",
        at=at_dt,
        tz=str(time.get("tz") or "Asia/Damascus"),
        signature=sig,
        evidence=evidence,
        published=report.published_at,
        victims=cas.get("victims"),
    )
