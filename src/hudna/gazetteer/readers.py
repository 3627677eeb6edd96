"""Readers of other gazetteers into the same schema: OCHA COD-AB folders and GeoNames dumps.

* COD-AB: a folder with one GeoJSON (or shapefile, with the optional ``pyogrio``) per admin
  level; file names contain ``adm0``…``adm4`` (or ``admin1``…). Properties follow the current
  COD-AB convention (``ADM1_PCODE``, ``ADM1_EN``, ``ADM1_AR``, parents ``ADM0_PCODE``…) or the
  2015 Syria one (``PCODE``, ``NAME_EN``, ``NAME_ARA``, ``ADMIN1_COD``…). Point layers are
  communities; polygon layers are admin areas (their polygons are kept).
* GeoNames: a country dump (``SY.txt``, tab-separated, 19 columns); populated places (feature
  class P) become communities and ADM1/ADM2 features governorates and districts; alternate names
  in Arabic script are indexed as Arabic names.
* Coded places of event files (UCDP GED, ACLED CSV) for :mod:`hudna.gazetteer.learn`.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from hudna.domain.place import Level
from hudna.errors import DataError
from hudna.gazetteer.build import BuiltGazetteer, finish, make_names
from hudna.gazetteer.learn import CodedPlace
from hudna.gazetteer.model import BuildIssue, Place, PlaceName
from hudna.geo.admin import read_geojson_features
from hudna.text.normalize import script_of

__all__ = ["read_coded_places", "read_cod_ab_folder", "read_geonames_dump"]

_LEVEL_OF = {0: Level.COUNTRY, 1: Level.GOVERNORATE, 2: Level.DISTRICT, 3: Level.SUBDISTRICT, 4: Level.COMMUNITY, 5: Level.NEIGHBOURHOOD}
_ADM = re.compile(r"adm(?:in)?(\d)", re.IGNORECASE)


def _read_layer(path: Path) -> list[dict[str, Any]]:
    if path.suffix.lower() == ".shp":
        try:
            import pyogrio  # optional dependency for shapefiles
        except ImportError as exc:
            raise DataError("reading shapefiles needs the optional package pyogrio (pip install pyogrio)", path=str(path)) from exc
        import json

        df = pyogrio.read_dataframe(path)
        return list(json.loads(df.to_json())["features"])
    return read_geojson_features(path.read_bytes(), path=str(path))


def _prop(p: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        for cand in (k, k.upper(), k.lower()):
            v = p.get(cand)
            if v not in (None, ""):
                return v
    return None


def read_cod_ab_folder(folder: Path, *, name: str, source_version: str = "", licence: str = "") -> BuiltGazetteer:
    """Read an OCHA COD-AB folder (one GeoJSON/shapefile per admin level) into a gazetteer."""
    if not folder.is_dir():
        raise DataError("not a folder", path=str(folder))
    layers: dict[int, Path] = {}
    for fp in sorted(folder.iterdir()):
        if not re.search(r"\.(geo)?json(\.gz)?$|\.shp$", fp.name, re.IGNORECASE):
            continue
        m = _ADM.search(fp.name)
        if m and int(m.group(1)) not in layers:
            layers[int(m.group(1))] = fp
    if not layers:
        raise DataError("no admN GeoJSON or shapefile found", path=str(folder))
    places: list[Place] = []
    names: list[PlaceName] = []
    issues: list[BuildIssue] = []
    geoms: dict[str, BaseGeometry] = {}
    src = f"cod-ab:{name}"
    for lvl in sorted(layers):
        layer = layers[lvl]
        for i, f in enumerate(_read_layer(layer), start=1):
            p = f.get("properties") or {}
            pid = _prop(p, f"ADM{lvl}_PCODE", "PCODE", "HAY_PCODE")
            if not pid:
                raise DataError("feature without a P-code", path=str(layer), line=i, field=f"ADM{lvl}_PCODE")
            en = _prop(p, f"ADM{lvl}_EN", "NAME_EN", "HAY_EN", f"ADM{lvl}_NAME") or pid
            ar = _prop(p, f"ADM{lvl}_AR", "NAME_ARA", "NAME_AR")
            parents = {k: _prop(p, f"ADM{k}_PCODE", f"ADMIN{k}_COD") for k in (1, 2, 3)}
            geom = shape(f["geometry"]) if f.get("geometry") else None
            is_point = geom is not None and geom.geom_type in ("Point", "MultiPoint")
            level = Level.COMMUNITY if is_point else _LEVEL_OF.get(lvl, Level.POINT)
            a = {k: (pid if k == lvl and not is_point else parents[k]) for k in (1, 2, 3)}
            pt = None if geom is None else (geom.centroid if is_point else geom.representative_point())
            lat = _prop(p, "LATITUDE", "lat")
            lon = _prop(p, "LONGITUDE", "lon")
            if lat is None and pt is not None:
                lat, lon = pt.y, pt.x
            parent = next((a[k] for k in (3, 2, 1) if a[k] and a[k] != pid), None)
            places.append(Place(str(pid), level, str(en), ar, a[1], a[2], a[3], parent, None if lat is None else float(lat), None if lon is None else float(lon), 0, None, src))
            if geom is not None and not is_point:
                geoms[str(pid)] = geom
            names.extend(make_names(str(pid), str(en), "en", kind="official", source=src, issues=issues))
            names.extend(make_names(str(pid), ar, "ar", kind="official", source=src, issues=issues))
    meta = {"name": name, "source": f"OCHA COD-AB folder {folder.name}", "source_version": source_version or folder.name, "licence": licence or "see source"}
    return finish(meta, places, names, issues, geoms)


_GEONAMES_COLS = 19


def read_geonames_dump(path: Path, *, name: str, source_version: str = "", min_population: int = 0) -> BuiltGazetteer:
    """Read a GeoNames country dump (tab-separated, 19 columns) into a gazetteer."""
    places: list[Place] = []
    names: list[PlaceName] = []
    issues: list[BuildIssue] = []
    src = f"geonames:{path.name}"
    adm1: dict[str, str] = {}
    rows: list[list[str]] = []
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row:
                continue
            if len(row) != _GEONAMES_COLS:
                raise DataError(f"expected {_GEONAMES_COLS} tab-separated columns, got {len(row)}", path=str(path), line=i)
            rows.append(row)
            if row[7] == "ADM1":
                adm1[row[10]] = f"geonames:{row[0]}"
    for row in rows:
        gid, nm, _ascii, alts, lat, lon, fclass, fcode, cc, _cc2, a1, a2 = row[:12]
        pop = int(row[14] or 0)
        if fcode == "ADM1":
            level = Level.GOVERNORATE
        elif fcode == "ADM2":
            level = Level.DISTRICT
        elif fcode == "PCLI":
            level = Level.COUNTRY
        elif fclass == "P" and pop >= min_population:
            level = Level.COMMUNITY
        else:
            continue
        pid = f"geonames:{gid}"
        a1p = adm1.get(a1)
        importance = 0 if pop <= 0 else min(5, len(str(pop)) - 3)
        places.append(Place(pid, level, nm, None, a1p if level != Level.GOVERNORATE else pid, None, None, a1p, float(lat), float(lon), max(importance, 0), pop or None, src))
        names.extend(make_names(pid, nm, "en", kind="official", source=src, issues=issues))
        for alt in alts.split(","):
            alt = alt.strip()
            if not alt or alt == nm:
                continue
            if script_of(alt) == "Arab":
                names.extend(make_names(pid, alt, "ar", kind="alternate", source=src, issues=issues))
            elif alt.isascii():
                names.extend(make_names(pid, alt, "en", kind="alternate", source=src, issues=issues))
    if not places:
        raise DataError("no populated places or admin areas found", path=str(path))
    meta = {"name": name, "source": f"GeoNames dump {path.name}", "source_version": source_version or path.name, "licence": "CC BY 4.0; attribute: GeoNames"}
    return finish(meta, places, names, issues, {})


#: Columns of the coded-place readers: (record id, place string, lat, lon, precision, admin 1,
#: admin 2, date) per event format.
_CODED_COLUMNS = {
    "ucdp": ("id", "where_coordinates", "latitude", "longitude", "where_prec", "adm_1", "adm_2", "date_start"),
    "acled": ("event_id_cnty", "location", "latitude", "longitude", "geo_precision", "admin1", "admin2", "event_date"),
}
#: ACLED geo_precision → UCDP where_prec (1 the place itself, 2 near it, 3 a larger region).
_ACLED_TO_WHERE_PREC = {1: 1, 2: 2, 3: 4}


def read_coded_places(path: Path, *, kind: str = "auto") -> list[CodedPlace]:
    """The coded places of an event file for :func:`hudna.gazetteer.learn.learn_layer`.

    Reads a UCDP GED CSV (``where_coordinates``, ``where_prec``) or an ACLED CSV (``location``,
    ``geo_precision``, mapped to UCDP's scale), gzip'd or not; ``kind`` is ``"ucdp"``,
    ``"acled"`` or ``"auto"`` (by the header).

    Rows without a place string or without coordinates are skipped (they teach nothing).

    Raises
    ------
    DataError
        Naming the file, line and field of a missing column or a value that is not a number.
    """
    import gzip
    import io

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read: {exc}", path=str(path)) from exc
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8: {exc}", path=str(path)) from exc
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if kind == "auto":
        kind = "ucdp" if "where_coordinates" in header else "acled" if "geo_precision" in header else ""
        if not kind:
            raise DataError("not a UCDP GED or ACLED file (no where_coordinates or geo_precision column)", path=str(path), line=1)
    if kind not in _CODED_COLUMNS:
        raise DataError(f"unknown event format {kind!r}; expected ucdp, acled or auto", path=str(path))
    cols = _CODED_COLUMNS[kind]
    for c in cols[:5]:
        if c not in header:
            raise DataError("missing column", path=str(path), line=1, field=c)
    rid_c, text_c, lat_c, lon_c, prec_c, a1_c, a2_c, date_c = cols
    out: list[CodedPlace] = []
    for row in reader:
        line = reader.line_num
        place = (row.get(text_c) or "").strip()
        if not place or not ((row.get(lat_c) or "").strip() or (row.get(lon_c) or "").strip()):
            continue  # no place string, or no coordinates at all: nothing to learn
        try:
            lat, lon = float(row[lat_c]), float(row[lon_c])
        except (TypeError, ValueError):
            bad = lat_c if not _is_number(row.get(lat_c)) else lon_c
            raise DataError(f"not a number: {row.get(bad)!r}", path=str(path), line=line, field=bad) from None
        try:
            prec = int(float(row[prec_c]))
        except (TypeError, ValueError):
            raise DataError(f"not a precision code: {row.get(prec_c)!r}", path=str(path), line=line, field=prec_c) from None
        if kind == "acled":
            prec = _ACLED_TO_WHERE_PREC.get(prec, 6)
        ctx = ", ".join(x for x in ((row.get(a2_c) or "").strip(), (row.get(a1_c) or "").strip()) if x)
        out.append(CodedPlace(str(row[rid_c]).strip(), place, lon, lat, prec, ctx, (row.get(date_c) or "").strip()))
    return out


def _is_number(v: object) -> bool:
    try:
        float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True
