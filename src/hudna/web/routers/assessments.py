"""/api/assessments: list, override (analyst) and history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from hudna.domain.assessment import Verdict
from hudna.errors import DataError
from hudna.services import adjudication as svc
from hudna.services.ports import EventFilter
from hudna.web.deps import Analyst, Reader, StoreDep
from hudna.web.schemas.assessments import OverrideIn

router = APIRouter(prefix="/api/assessments", tags=["assessments"])


@router.get("")
def list_assessments(
    request: Request, store: StoreDep, _: Reader,
    regime: str | None = Query(None, max_length=128), verdict: Verdict | None = None,
    pcode: str | None = Query(None, max_length=16), limit: int = Query(100, ge=1),
) -> list[dict[str, Any]]:
    """Current assessments joined with their events."""
    if limit > request.app.state.settings.max_page_size:
        raise DataError(f"limit is at most {request.app.state.settings.max_page_size}", field="limit")
    flt = EventFilter(regime_id=regime, verdict=verdict.value if verdict else None, admin1_pcode=pcode, limit=limit)
    return list(svc.iter_assessment_rows(store, flt))


@router.post("/{event_id}/{regime_id}/override", status_code=201)
def override(store: StoreDep, who: Analyst, event_id: str, regime_id: str, body: OverrideIn) -> dict[str, Any]:
    """Record an analyst's verdict with a reason; the previous one stays in the history."""
    stored = svc.override_assessment(
        store, event_id, regime_id, verdict=body.verdict.value, reason=body.reason,
        reviewer=who.username, grade=body.grade.value if body.grade else None,
    )
    return svc.assessment_row(stored, None)


@router.get("/{event_id}/{regime_id}/history")
def history(store: StoreDep, _: Reader, event_id: str, regime_id: str) -> list[dict[str, Any]]:
    return svc.assessment_history(store, event_id, regime_id)
