"""Gazetteer and geocoding (issue #3): Syrian places in Arabic and English.

Public API::

    load_gazetteer(name_or_path=None) -> Gazetteer     # cached; default: bundled Syria (OCHA 2015)
    Gazetteer.version / .get(pcode) / .find(pcode)
    Gazetteer.geocode(name, lang="auto", context=None) -> GeocodeResult
    Gazetteer.reverse(lon=, lat=) -> ReverseResult
    Gazetteer.scan(text, lang="auto") -> list[ScanHit]
"""

from __future__ import annotations

from hudna.gazetteer.core import FUZZY_THRESHOLD, Gazetteer, PlaceNotFound
from hudna.gazetteer.load import BUNDLED_NAME, bundled_path, clear_cache, load_gazetteer
from hudna.gazetteer.model import (
    Alternative,
    BuildIssue,
    GeocodeResult,
    Place,
    PlaceName,
    ReverseResult,
    ScanHit,
    precision_codes,
)

__all__ = [
    "BUNDLED_NAME",
    "FUZZY_THRESHOLD",
    "Alternative",
    "BuildIssue",
    "Gazetteer",
    "GeocodeResult",
    "Place",
    "PlaceName",
    "PlaceNotFound",
    "ReverseResult",
    "ScanHit",
    "bundled_path",
    "clear_cache",
    "load_gazetteer",
    "precision_codes",
]
