"""Events as the API shows them (JSON rows or GeoJSON features)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from hudna.services.ports import EventRow


class FatalitiesRead(BaseModel):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class EventRead(BaseModel):
    id: str
    date_start: date
    date_end: date
    date_prec: int
    event_type: str
    actor1: str | None = None
    actor2: str | None = None
    admin1_pcode: str | None = None
    admin1: str | None = None
    admin2_pcode: str | None = None
    location: str | None = None
    lon: float | None = None
    lat: float | None = None
    level: str
    fatalities: FatalitiesRead
    origin: str | None = None
    origin_id: str | None = None
    sources: list[str] = Field(default_factory=list)
    verdict: str | None = Field(None, description="Current verdict for the queried regime.")
    grade: str | None = Field(None, description="Current grade for the queried regime.")

    @classmethod
    def from_row(cls, row: EventRow) -> EventRead:
        e, p = row.event, row.event.place
        return cls(
            id=e.id,
            date_start=e.date_start,
            date_end=e.date_end,
            date_prec=e.date_prec,
            event_type=e.event_type,
            actor1=e.actor1,
            actor2=e.actor2,
            admin1_pcode=p.admin1_pcode,
            admin1=p.admin1,
            admin2_pcode=p.admin2_pcode,
            location=p.location,
            lon=p.lon,
            lat=p.lat,
            level=p.level.value,
            fatalities=FatalitiesRead(low=e.fatalities.low, best=e.fatalities.best, high=e.fatalities.high),
            origin=e.origin,
            origin_id=e.origin_id,
            sources=list(e.sources),
            verdict=row.verdict,
            grade=row.grade,
        )


class EventPage(BaseModel):
    items: list[EventRead]
    next: str | None = Field(None, description="Cursor of the next page; absent on the last page.")


def geojson_page(rows: list[EventRead], nxt: str | None) -> dict[str, Any]:
    """A FeatureCollection; ``next`` is a foreign member carrying the cursor."""
    features = [
        {
            "type": "Feature",
            "id": r.id,
            "geometry": None if r.lon is None or r.lat is None else {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": r.model_dump(mode="json", exclude={"lon", "lat"}),
        }
        for r in rows
    ]
    return {"type": "FeatureCollection", "features": features, "next": nxt}
