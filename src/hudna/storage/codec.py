"""Conversions between domain values and table rows (explicit, both ways)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hudna.domain.assessment import Assessment, Evidence, Grade, Verdict
from hudna.domain.event import Event, Fatalities
from hudna.domain.place import Level, PlaceRef
from hudna.domain.report import Report
from hudna.domain.time import TimeWindow


def _aware(dt: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes for DateTime(timezone=True): we only ever store UTC.
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def event_to_row(event: Event, *, now: datetime) -> dict[str, Any]:
    p = event.place
    return {
        "id": event.id,
        "origin": event.origin,
        "origin_id": event.origin_id,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "date_prec": event.date_prec,
        "earliest_at": event.when.earliest,
        "latest_at": event.when.latest,
        "event_type": event.event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "actor1_id": event.actor1_id,
        "actor2_id": event.actor2_id,
        "directed": event.directed,
        "type_of_violence": event.type_of_violence,
        "country_iso3": p.country_iso3,
        "admin1_pcode": p.admin1_pcode,
        "admin1": p.admin1,
        "admin2_pcode": p.admin2_pcode,
        "admin2": p.admin2,
        "admin3_pcode": p.admin3_pcode,
        "admin3": p.admin3,
        "location": p.location,
        "location_pcode": p.location_pcode,
        "lat": p.lat,
        "lon": p.lon,
        "level": p.level.value,
        "fatalities_low": event.fatalities.low,
        "fatalities_best": event.fatalities.best,
        "fatalities_high": event.fatalities.high,
        "doc": {
            "assoc_actor1": list(event.assoc_actor1),
            "assoc_actor2": list(event.assoc_actor2),
            "civilian_targeting": event.civilian_targeting,
            "deaths_a": event.deaths_a,
            "deaths_b": event.deaths_b,
            "deaths_civilians": event.deaths_civilians,
            "deaths_unknown": event.deaths_unknown,
            "injured": [event.injured.low, event.injured.best, event.injured.high],
            "sources": list(event.sources),
            "source_original": event.source_original,
            "source_headline": event.source_headline,
            "number_of_sources": event.number_of_sources,
            "notes": event.notes,
            "event_clarity": event.event_clarity,
        },
        "created_at": now,
    }


def event_from_row(row: Any) -> Event:
    m = row._mapping
    doc = m["doc"] or {}
    injured = doc.get("injured") or [None, None, None]
    return Event(
        id=m["id"],
        date_start=_as_date(m["date_start"]),
        date_end=_as_date(m["date_end"]),
        when=TimeWindow(_aware(m["earliest_at"]), _aware(m["latest_at"])),  # type: ignore[arg-type]
        place=PlaceRef(
            country_iso3=m["country_iso3"] or "SYR",
            admin1_pcode=m["admin1_pcode"],
            admin1=m["admin1"],
            admin2_pcode=m["admin2_pcode"],
            admin2=m["admin2"],
            admin3_pcode=m["admin3_pcode"],
            admin3=m["admin3"],
            location=m["location"],
            location_pcode=m["location_pcode"],
            lat=m["lat"],
            lon=m["lon"],
            level=Level(m["level"]),
        ),
        event_type=m["event_type"],
        date_prec=m["date_prec"],
        actor1=m["actor1"],
        actor2=m["actor2"],
        actor1_id=m["actor1_id"],
        actor2_id=m["actor2_id"],
        assoc_actor1=tuple(doc.get("assoc_actor1", ())),
        assoc_actor2=tuple(doc.get("assoc_actor2", ())),
        directed=bool(m["directed"]),
        type_of_violence=m["type_of_violence"],
        civilian_targeting=bool(doc.get("civilian_targeting", False)),
        fatalities=Fatalities(m["fatalities_low"], m["fatalities_best"], m["fatalities_high"]),
        deaths_a=doc.get("deaths_a"),
        deaths_b=doc.get("deaths_b"),
        deaths_civilians=doc.get("deaths_civilians"),
        deaths_unknown=doc.get("deaths_unknown"),
        injured=Fatalities(*injured),
        sources=tuple(doc.get("sources", ())),
        source_original=doc.get("source_original"),
        source_headline=doc.get("source_headline"),
        number_of_sources=doc.get("number_of_sources"),
        notes=doc.get("notes"),
        origin=m["origin"],
        origin_id=m["origin_id"],
        event_clarity=doc.get("event_clarity"),
    )


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def assessment_to_row(a: Assessment, *, now: datetime, current: bool) -> dict[str, Any]:
    return {
        "event_id": a.event_id,
        "regime_id": a.regime_id,
        "verdict": a.verdict.value,
        "grade": a.grade.value if a.grade else None,
        "rule": a.rule,
        "in_zone": a.in_zone,
        "zone_distance_m": a.zone_distance_m,
        "in_window": a.in_window,
        "perpetrator_bound": a.perpetrator_bound,
        "target_excluded": a.target_excluded,
        "prohibited_act": a.prohibited_act,
        "perpetrator_id": a.perpetrator_id,
        "contest": a.contest,
        "evidence": [
            {"check": e.check, "result": e.result, "detail": e.detail, "ref": e.ref}
            for e in a.evidence
        ],
        "reviewer": a.reviewer,
        "reason": a.reason,
        "supersedes": a.supersedes,
        "is_current": current,
        "assessed_at": a.assessed_at or now,
        "gazetteer_version": a.gazetteer_version,
    }


def assessment_from_row(row: Any) -> Assessment:
    m = row._mapping
    return Assessment(
        event_id=m["event_id"],
        regime_id=m["regime_id"],
        verdict=Verdict(m["verdict"]),
        rule=m["rule"],
        evidence=tuple(
            Evidence(check=e["check"], result=e["result"], detail=e.get("detail", ""), ref=e.get("ref"))
            for e in m["evidence"]
        ),
        in_zone=m["in_zone"],
        zone_distance_m=m["zone_distance_m"],
        in_window=m["in_window"],
        perpetrator_bound=m["perpetrator_bound"],
        target_excluded=m["target_excluded"],
        prohibited_act=m["prohibited_act"],
        perpetrator_id=m["perpetrator_id"],
        grade=Grade(m["grade"]) if m["grade"] else None,
        contest=m["contest"],
        reviewer=m["reviewer"],
        reason=m["reason"],
        supersedes=m["supersedes"],
        assessed_at=_aware(m["assessed_at"]),
        gazetteer_version=m["gazetteer_version"],
    )


def report_to_row(r: Report) -> dict[str, Any]:
    return {
        "id": r.id,
        "source_id": r.source_id,
        "originator": r.originator,
        "url": r.url,
        "title": r.title,
        "language": r.language,
        "published_at": r.published_at,
        "received_at": r.received_at,
        "content_hash": r.content_hash,
        "text": r.text,
        "channel": r.channel,
        "warnings": list(r.warnings),
    }


def report_from_row(row: Any) -> Report:
    m = row._mapping
    return Report(
        id=m["id"],
        source_id=m["source_id"],
        text=m["text"],
        content_hash=m["content_hash"],
        language=m["language"],
        title=m["title"],
        url=m["url"],
        originator=m["originator"],
        published_at=_aware(m["published_at"]),
        received_at=_aware(m["received_at"]),
        channel=m["channel"],
        warnings=tuple(m["warnings"] or ()),
    )
