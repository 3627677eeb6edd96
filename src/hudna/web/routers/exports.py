"""/api/exports/{format}: ACLED, UCDP, HXL CSV, GeoJSON and zones as downloads."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from hudna.services.exports import export
from hudna.web.deps import Reader, StoreDep

router = APIRouter(prefix="/api/exports", tags=["exports"])
SUFFIX = {"acled": "csv", "ucdp": "csv", "hxl": "csv", "geojson": "geojson", "zones": "geojson"}


@router.get("/{fmt}")
def download(
    store: StoreDep, _: Reader, fmt: Literal["acled", "ucdp", "hxl", "geojson", "zones"],
    regime: str | None = Query(None, max_length=128),
) -> FileResponse:
    """Write the export to a temporary file and send it as an attachment."""
    tmp = Path(tempfile.mkdtemp(prefix="hudna-export-"))
    name = f"hudna-{fmt}{'-' + regime if regime else ''}.{SUFFIX[fmt]}"
    export(store, fmt, tmp / name, regime_id=regime)
    media = "text/csv" if SUFFIX[fmt] == "csv" else "application/geo+json"
    cleanup = BackgroundTask(shutil.rmtree, tmp, ignore_errors=True)
    return FileResponse(tmp / name, media_type=media, filename=name, background=cleanup)
