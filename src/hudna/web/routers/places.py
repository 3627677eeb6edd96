"""/api/gazetteer: geocode a name; governorate outlines for the map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from hudna.services.gazetteer import geocode_names
from hudna.web import usecases
from hudna.web.deps import Reader

router = APIRouter(prefix="/api/gazetteer", tags=["gazetteer"])


@router.get("/geocode")
def geocode(
    _: Reader, name: str = Query(..., min_length=1, max_length=200),
    lang: str = Query("auto", pattern="^(auto|ar|en)$"), context: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    """Geocode one place name against the configured gazetteer."""
    result = next(iter(geocode_names([name], lang=lang, context=context)))
    return result.as_dict()


@router.get("/admin1")
def admin1(_: Reader) -> dict[str, Any]:
    """Governorate outlines (simplified) as GeoJSON."""
    return usecases.admin1_geojson()
