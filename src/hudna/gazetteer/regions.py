"""Named regions (issue #3): places like "الغوطة الشرقية", "Qalamoun" or "Jabal al-Zawiya".

Reports name regions as often as towns, and the OCHA COD-AB gazetteer has no entry for them: a
name matcher then lands "القلمون" on the village Qalmun in Lattakia, "Houla" on Hole in
Al-Hasakeh and "الجولان" on a half of a joined village name in Aleppo, each with a high score. A
regions file (``hudna/data/syria_regions.yaml``, curated data with its provenance) defines each
region by the OCHA P-codes that lie in it — communities, or admin areas standing for all their
communities — and :func:`regions_layer` turns it into a gazetteer layer
(:func:`hudna.gazetteer.build.apply_layer`) over the gazetteer those P-codes belong to:

* one place of level ``region`` per entry, at the mean point of its member communities, with
  the governorate (checked against every member), district and sub-district its members share;
* UCDP ``where_prec`` 2 ("around a location") when every member community lies within
  :data:`AROUND_M` of that point, else 3; ACLED ``geo_precision`` 2 ("part of a region");
* every name of the entry, Arabic and English, as a name of kind ``region`` (geocoded, not
  scanned in text: the extraction step reads regions through its ``place_aliases`` lexicon).

A bad entry (unknown P-code, a member outside the region's governorate, a missing field) is
refused with a :class:`~hudna.errors.DataError` naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hudna.domain.place import Level
from hudna.errors import DataError
from hudna.gazetteer.build import BuiltGazetteer
from hudna.gazetteer.curated import bundled_text, curated_layer, read_curated
from hudna.gazetteer.model import Place, PlaceName
from hudna.geo.admin import distance_m
from hudna.text.normalize import match_key, script_of

__all__ = ["AROUND_M", "LAYER_NAME", "REGION_IMPORTANCE", "RegionDef", "bundled_regions", "read_regions", "regions_layer"]

#: Name of the bundled regions layer (in ``Gazetteer.version`` and ``hudna gazetteer info``).
LAYER_NAME = "syria-regions"
#: A region whose member communities all lie within this distance (metres) of its point is
#: coded UCDP ``where_prec`` 2, a larger one 3.
AROUND_M = 25_000.0
#: Importance of a region (0–5; ranks it above a village of the same name, below a town with
#: a sub-district seat, which is what a reader of "الحولة" or "Ghab" means).
REGION_IMPORTANCE = 4
_FILE = "syria_regions.yaml"
_ADMIN = {Level.COUNTRY, Level.GOVERNORATE, Level.DISTRICT, Level.SUBDISTRICT}


@dataclass(frozen=True, slots=True)
class RegionDef:
    """One entry of a regions file."""

    region_id: str
    name_en: str
    name_ar: str | None
    names: Mapping[str, tuple[str, ...]]
    admin1: str
    members: tuple[str, ...]


def read_regions(text: str, *, path: str) -> tuple[dict[str, str], list[RegionDef]]:
    """The ``meta`` block and the entries of a regions file (YAML text read from ``path``)."""
    meta, rows = read_curated(text, path=path, key="regions")
    defs: list[RegionDef] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"regions[{i}]"
        if not isinstance(row, dict):
            raise DataError("expected a mapping", path=path, field=where)
        rid = _text(row, "id", path, where)
        if rid in seen:
            raise DataError(f"duplicate region id {rid!r}", path=path, field=f"{where}.id")
        seen.add(rid)
        names_in = row.get("names") or {}
        if not isinstance(names_in, dict) or not all(isinstance(v, list) for v in names_in.values()):
            raise DataError("'names' must map a language to a list of names", path=path, field=f"{where}.names")
        members = row.get("members")
        if not isinstance(members, list) or not members:
            raise DataError("'members' must be a non-empty list of P-codes", path=path, field=f"{where}.members")
        name_ar = row.get("name_ar")
        defs.append(
            RegionDef(
                rid,
                _text(row, "name_en", path, where),
                str(name_ar) if name_ar else None,
                {str(lang): tuple(str(n) for n in ns) for lang, ns in names_in.items()},
                _text(row, "admin1", path, where),
                tuple(str(m) for m in members),
            )
        )
    return meta, defs


def _text(row: Mapping[str, Any], key: str, path: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"missing or empty {key!r}", path=path, field=f"{where}.{key}")
    return value.strip()


def bundled_regions() -> tuple[dict[str, str], list[RegionDef], str]:
    """The bundled Syria regions file: meta, entries and its resource name."""
    meta, defs = read_regions(bundled_text(_FILE), path=_FILE)
    return meta, defs, _FILE


def regions_layer(
    base: BuiltGazetteer, defs: Sequence[RegionDef], *, meta: Mapping[str, str] | None = None, path: str = _FILE
) -> BuiltGazetteer:
    """A layer of one ``region`` place per entry of ``defs`` over ``base`` (see the module doc).

    Raises
    ------
    DataError
        If a member P-code is not in ``base``, has no community, or lies outside the entry's
        governorate.
    """
    meta = dict(meta or {})
    places_by_id = {p.place_id: p for p in base.places}
    communities: dict[str, list[Place]] = {}  # admin P-code → its communities
    for p in base.places:
        if p.level == Level.COMMUNITY and p.lat is not None and p.lon is not None:
            for code in (p.admin1_pcode, p.admin2_pcode, p.admin3_pcode):
                if code:
                    communities.setdefault(code, []).append(p)
    source = f"{LAYER_NAME} {meta.get('version', '')}".strip()
    places: list[Place] = []
    names: list[PlaceName] = []
    for d in defs:
        where = f"region {d.region_id}"
        if d.region_id in places_by_id:
            raise DataError(f"region id {d.region_id!r} is already a place of the gazetteer", path=path, field=where)
        if d.admin1 not in places_by_id or places_by_id[d.admin1].level != Level.GOVERNORATE:
            raise DataError(f"admin1 {d.admin1!r} is not a governorate of the gazetteer", path=path, field=where)
        members: dict[str, Place] = {}
        for code in d.members:
            member = places_by_id.get(code)
            if member is None:
                raise DataError(f"member {code!r} is not in the gazetteer", path=path, field=where)
            found = communities.get(code, []) if member.level in _ADMIN else [member]
            if not found or any(c.lat is None or c.lon is None for c in found):
                raise DataError(f"member {code!r} has no located community", path=path, field=where)
            for c in found:
                if c.admin1_pcode != d.admin1:
                    raise DataError(
                        f"member {code!r} ({c.place_id} {c.name_en}) lies in {c.admin1_pcode}, not in {d.admin1}",
                        path=path,
                        field=where,
                    )
                members[c.place_id] = c
        pts = [(c.lon, c.lat) for c in members.values() if c.lon is not None and c.lat is not None]
        lon = round(sum(x for x, _ in pts) / len(pts), 5)
        lat = round(sum(y for _, y in pts) / len(pts), 5)
        reach = max(distance_m(lon1=lon, lat1=lat, lon2=x, lat2=y) for x, y in pts)
        admin2 = _shared(c.admin2_pcode for c in members.values())
        admin3 = _shared(c.admin3_pcode for c in members.values())
        places.append(
            Place(
                d.region_id, Level.REGION, d.name_en, d.name_ar, d.admin1, admin2, admin3,
                admin3 or admin2 or d.admin1, lat, lon, REGION_IMPORTANCE, None, source,
                where_prec=2 if reach <= AROUND_M else 3,
            )
        )
        keys: set[tuple[str, str]] = set()
        listed = [(n, lang) for lang, ns in sorted(d.names.items()) for n in ns]
        for name, lang in [(d.name_en, "en"), *([(d.name_ar, "ar")] if d.name_ar else []), *listed]:
            key = match_key(name, lang)
            if key and (lang, key) not in keys:
                keys.add((lang, key))
                names.append(PlaceName(d.region_id, name, lang, script_of(name), "region", key, source))
    return curated_layer(LAYER_NAME, base, meta, places, names)


def _shared(codes: Any) -> str | None:
    """The one value of ``codes`` when all are equal and set, else ``None``."""
    values = set(codes)
    return values.pop() if len(values) == 1 and None not in values else None

