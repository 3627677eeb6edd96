"""Places, admin levels and precision codes (ACLED geo_precision, UCDP where_prec)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """Administrative level of a place, coarsest first."""

    COUNTRY = "country"
    GOVERNORATE = "governorate"
    DISTRICT = "district"
    SUBDISTRICT = "subdistrict"
    #: a named region ("Eastern Ghouta", "Qalamoun"): not an admin area, coarser than a community
    REGION = "region"
    COMMUNITY = "community"
    NEIGHBOURHOOD = "neighbourhood"
    POINT = "point"


LEVEL_RANK = {lvl: i for i, lvl in enumerate(Level)}

# ACLED geo_precision: 1 town, 2 near a town/part of a region, 3 larger region.
ACLED_GEO_PRECISION = {
    Level.COUNTRY: 3,
    Level.GOVERNORATE: 3,
    Level.DISTRICT: 2,
    Level.SUBDISTRICT: 2,
    Level.REGION: 2,
    Level.COMMUNITY: 1,
    Level.NEIGHBOURHOOD: 1,
    Level.POINT: 1,
}
# UCDP where_prec: 1 exact, 2 around a location, 3 ADM2, 4 ADM1, 6 country.
UCDP_WHERE_PREC = {
    Level.COUNTRY: 6,
    Level.GOVERNORATE: 4,
    Level.DISTRICT: 3,
    Level.SUBDISTRICT: 2,
    Level.REGION: 2,
    Level.COMMUNITY: 1,
    Level.NEIGHBOURHOOD: 1,
    Level.POINT: 1,
}


def level_from_where_prec(where_prec: int | None) -> Level:
    """Admin level implied by a UCDP ``where_prec`` code.

    Examples
    --------
    >>> level_from_where_prec(4)
    <Level.GOVERNORATE: 'governorate'>
    """
    return {
        1: Level.COMMUNITY,
        2: Level.SUBDISTRICT,
        3: Level.DISTRICT,
        4: Level.GOVERNORATE,
        5: Level.GOVERNORATE,
        6: Level.COUNTRY,
        7: Level.COUNTRY,
    }.get(where_prec or 1, Level.COMMUNITY)


def level_from_geo_precision(geo_precision: int | None) -> Level:
    return {1: Level.COMMUNITY, 2: Level.DISTRICT, 3: Level.GOVERNORATE}.get(
        geo_precision or 1, Level.COMMUNITY
    )


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """Where an event happened, with the admin chain of P-codes and the precision known."""

    country_iso3: str = "SYR"
    admin1_pcode: str | None = None
    admin1: str | None = None
    admin2_pcode: str | None = None
    admin2: str | None = None
    admin3_pcode: str | None = None
    admin3: str | None = None
    location: str | None = None
    location_pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    level: Level = Level.COMMUNITY

    @property
    def pcodes(self) -> tuple[str, ...]:
        """Every P-code this place is known to lie in, coarsest first."""
        return tuple(
            p
            for p in (self.admin1_pcode, self.admin2_pcode, self.admin3_pcode, self.location_pcode)
            if p
        )

    @property
    def geo_precision(self) -> int:
        return ACLED_GEO_PRECISION[self.level]

    @property
    def where_prec(self) -> int:
        return UCDP_WHERE_PREC[self.level]
