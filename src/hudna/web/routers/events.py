"""/api/events (filters, keyset cursor, JSON or GeoJSON), one event, and the timeline."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from hudna.domain.assessment import Grade, Verdict
from hudna.errors import DataError
from hudna.services.ports import EventQuery, EventRow
from hudna.web import usecases
from hudna.web.deps import Reader, StoreDep
from hudna.web.schemas.events import EventPage, EventRead, geojson_page

router = APIRouter(prefix="/api", tags=["events"])


def event_query(
    request: Request,
    bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat (EPSG:4326)"),
    start: date | None = Query(None, description="First day (events starting on or after)."),
    end: date | None = Query(None, description="Last day (events starting on or before)."),
    regime: str | None = Query(None, max_length=128),
    verdict: Verdict | None = None,
    grade: Grade | None = None,
    actor: str | None = Query(None, max_length=200, description="Actor id or part of a name."),
    pcode: str | None = Query(None, max_length=16, description="Admin P-code (governorate, district, sub-district, community)."),
    cursor: str | None = Query(None, max_length=1000),
    limit: int = Query(100, ge=1),
) -> EventQuery:
    """Validate the query string into an :class:`EventQuery`."""
    if limit > request.app.state.settings.max_page_size:
        raise DataError(f"limit is at most {request.app.state.settings.max_page_size}", field="limit")
    box = None
    if bbox:
        try:
            parts = tuple(float(x) for x in bbox.split(","))
        except ValueError:
            parts = ()
        if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
            raise DataError("bbox is min_lon,min_lat,max_lon,max_lat", field="bbox")
        box = (parts[0], parts[1], parts[2], parts[3])
    return EventQuery(
        bbox=box, date_from=start, date_to=end, regime_id=regime,
        verdict=verdict.value if verdict else None, grade=grade.value if grade else None,
        actor=actor, pcode=pcode, after=usecases.decode_cursor(cursor) if cursor else None, limit=limit,
    )


@router.get("/events", response_model=EventPage)
def list_events(
    store: StoreDep, _: Reader, query: Annotated[EventQuery, Depends(event_query)],
    format: Literal["json", "geojson"] = "json",
) -> Any:
    """A page of events in (date_start, id) order; follow ``next`` for the following page."""
    rows, nxt = usecases.events_page(store, query)
    items = [EventRead.from_row(r) for r in rows]
    if format == "geojson":
        return JSONResponse(geojson_page(items, nxt), media_type="application/geo+json")
    return EventPage(items=items, next=nxt)


@router.get("/events/{event_id}")
def show_event(store: StoreDep, _: Reader, event_id: str) -> dict[str, Any]:
    """An event with its current assessments (per regime), their history, its claims, who said
    what (news events) and its sources with kind and affiliation from the source registry."""
    d = usecases.event_detail(store, event_id)
    corr = d.corroboration or {}
    return {
        "event": EventRead.from_row(EventRow(d.event)).model_dump(mode="json"),
        "assessments": d.assessments,
        "history": d.history,
        "claims": [{"report_id": c.report.id, "claim_id": c.claim_id, **c.claim} for c in d.claims],
        "sources": [
            {"id": s.id, "name": s.name, "kind": s.kind, "affiliation": s.affiliation, "roles": list(s.roles)}
            for s in d.sources
        ],
        "said": d.said,
        "corroboration": {k: corr.get(k) for k in ("grade", "reason", "contest", "originators", "affiliations")}
        if d.corroboration else None,
    }


@router.get("/timeline")
def timeline(
    store: StoreDep, _: Reader, regime: str | None = Query(None, max_length=128),
    start: date | None = None, end: date | None = None,
) -> dict[str, Any]:
    """Violations per day per regime (current assessments)."""
    return usecases.timeline(store, regime, start, end)
