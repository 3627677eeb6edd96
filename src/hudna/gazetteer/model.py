"""Values of the gazetteer: places, names, geocoding results, scan hits, build issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hudna.domain.place import ACLED_GEO_PRECISION, UCDP_WHERE_PREC, Level

__all__ = [
    "Alternative",
    "BuildIssue",
    "GeocodeResult",
    "Place",
    "PlaceName",
    "ReverseResult",
    "ScanHit",
]


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (country, admin area, community or neighbourhood)."""

    place_id: str
    level: Level
    name_en: str
    name_ar: str | None
    admin1_pcode: str | None
    admin2_pcode: str | None
    admin3_pcode: str | None
    parent_id: str | None
    lat: float | None
    lon: float | None
    importance: int = 0
    population: int | None = None
    source: str = ""
    #: UCDP precision of the coordinates when coarser than the level says (a point learned
    #: from events coded "around a location" has 2); ``None``: as the level says.
    where_prec: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A name of a place: ``kind`` is official, alternate, part (half of a joined name),
    truncated (a name cut in the source), transliteration or learned (read from coded events
    by :mod:`hudna.gazetteer.learn`)."""

    place_id: str
    name: str
    lang: str
    script: str
    kind: str
    match_key: str
    source: str


@dataclass(frozen=True, slots=True)
class BuildIssue:
    """A defect of a source row found by a build; the row is kept."""

    place_id: str
    field: str
    problem: str
    value: str


@dataclass(frozen=True, slots=True)
class Alternative:
    """A runner-up candidate of a geocoding answer."""

    pcode: str
    name_en: str
    level: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {"pcode": self.pcode, "name_en": self.name_en, "level": self.level, "score": self.score}


@dataclass(frozen=True, slots=True)
class GeocodeResult:
    """Answer of :meth:`hudna.gazetteer.Gazetteer.geocode`.

    ``pcode`` is ``None`` when nothing scored above the threshold; ``reason`` then says why.
    ``geo_precision`` is ACLED's code (1–3) and ``where_prec`` UCDP's (1–7).
    """

    query: str
    pcode: str | None
    name_en: str | None = None
    name_ar: str | None = None
    level: Level | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin3_pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    where_prec: int | None = None
    score: float = 0.0
    alternatives: tuple[Alternative, ...] = ()
    reason: str | None = None
    matched: str | None = None
    method: str | None = None
    gazetteer_version: str = ""

    @property
    def found(self) -> bool:
        return self.pcode is not None

    def as_dict(self) -> dict[str, Any]:
        """The jsonl row of ``hudna geocode`` (issue #3 lists the fields)."""
        row: dict[str, Any] = {
            "query": self.query,
            "pcode": self.pcode,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "level": None if self.level is None else self.level.value,
            "admin1_pcode": self.admin1_pcode,
            "admin2_pcode": self.admin2_pcode,
            "admin3_pcode": self.admin3_pcode,
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": self.geo_precision,
            "where_prec": self.where_prec,
            "score": self.score,
            "alternatives": [a.as_dict() for a in self.alternatives[:3]],
        }
        if self.pcode is None:
            row["reason"] = self.reason
        return row


def precision_codes(level: Level, *, near: bool = False) -> tuple[int, int]:
    """ACLED ``geo_precision`` and UCDP ``where_prec`` of an answer at ``level``.

    ``near`` (a facility or the outskirts of a place) lowers a community answer to
    "near a town" (ACLED 2) / "around a location" (UCDP 2).

    Examples
    --------
    >>> precision_codes(Level.COMMUNITY), precision_codes(Level.COMMUNITY, near=True)
    ((1, 1), (2, 2))
    >>> precision_codes(Level.GOVERNORATE)
    (3, 4)
    """
    geo, where = ACLED_GEO_PRECISION[level], UCDP_WHERE_PREC[level]
    if near and level in (Level.COMMUNITY, Level.NEIGHBOURHOOD, Level.POINT):
        geo, where = 2, 2
    return geo, where


@dataclass(frozen=True, slots=True)
class ReverseResult:
    """Answer of :meth:`hudna.gazetteer.Gazetteer.reverse`."""

    lon: float
    lat: float
    admin1_pcode: str | None
    admin2_pcode: str | None
    admin3_pcode: str | None
    community_pcode: str | None
    community_name_en: str | None
    community_name_ar: str | None
    distance_m: float | None


@dataclass(frozen=True, slots=True)
class ScanHit:
    """A gazetteer name found in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    key: str
    lang: str
    place_ids: tuple[str, ...] = field(default_factory=tuple)
