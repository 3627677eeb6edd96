"""/api/regimes: list, show, status at an instant, history, zones; create, edit, extend (admin)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Query

from hudna.errors import DataError
from hudna.ingest.readers.regimes import regime_to_mapping
from hudna.services import regimes as svc
from hudna.web import usecases
from hudna.web.deps import Admin, Reader, StoreDep
from hudna.web.schemas.regimes import RegimeDoc, SavedRegimes, WindowIn

router = APIRouter(prefix="/api/regimes", tags=["regimes"])


@router.get("")
def list_regimes(store: StoreDep, _: Reader) -> list[dict[str, Any]]:
    """Every registered regime, in the regime-file format."""
    return [regime_to_mapping(r) for r in svc.list_regimes(store)]


@router.get("/status")
def status_at(store: StoreDep, _: Reader, at: datetime | None = Query(None, description="Aware instant; default now.")) -> list[dict[str, Any]]:
    """Status of every regime at ``at``."""
    when = at or datetime.now(UTC)
    if when.tzinfo is None:
        raise DataError("give a time zone offset, e.g. 2016-05-01T12:00+03:00", field="at")
    return svc.regime_status_at(store, when)


@router.post("", status_code=201)
def create_regime(store: StoreDep, _: Admin, doc: RegimeDoc) -> SavedRegimes:
    """Register a regime (validated like a regime file)."""
    return SavedRegimes(regime_ids=usecases.save_regime(store, doc.model_dump()))


@router.get("/{regime_id}")
def show_regime(store: StoreDep, _: Reader, regime_id: str) -> dict[str, Any]:
    return regime_to_mapping(svc.get_regime(store, regime_id))


@router.put("/{regime_id}")
def edit_regime(store: StoreDep, _: Admin, regime_id: str, doc: RegimeDoc) -> SavedRegimes:
    """Replace a regime's document (its id must stay the same)."""
    return SavedRegimes(regime_ids=usecases.save_regime(store, doc.model_dump(), regime_id=regime_id))


@router.post("/{regime_id}/windows", status_code=201)
def extend_regime(store: StoreDep, _: Admin, regime_id: str, window: WindowIn) -> SavedRegimes:
    """Add an extension or suspension window."""
    return SavedRegimes(regime_ids=usecases.extend_regime(store, regime_id, window.as_mapping()))


@router.get("/{regime_id}/history")
def regime_history(store: StoreDep, _: Reader, regime_id: str) -> dict[str, Any]:
    return svc.regime_history(store, regime_id)


@router.get("/{regime_id}/zones")
def regime_zones(store: StoreDep, _: Reader, regime_id: str) -> dict[str, Any]:
    """The regime's zones as GeoJSON."""
    return usecases.zones_geojson(store, regime_id)
