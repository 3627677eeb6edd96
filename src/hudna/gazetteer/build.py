"""Building a gazetteer: source rows → places + names (+ defect report) → a SQLite file.

A built gazetteer is one SQLite database (optionally gzip'd, as the bundled one is) with the
tables ``meta``, ``places``, ``place_names`` and ``build_issues`` (DESIGN.md §4). ``meta`` holds
``name``, ``source``, ``source_version``, ``licence``, ``built_at`` and ``content_hash`` (SHA-256
of the places and names, independent of ``built_at``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from hudna.domain.place import Level
from hudna.errors import DataError
from hudna.gazetteer.model import BuildIssue, Place, PlaceName
from hudna.geo.admin import read_geojson_features
from hudna.text.normalize import lang_module, match_key, script_of

__all__ = [
    "BuiltGazetteer",
    "admin_qualified_names",
    "apply_layer",
    "build_ocha_syria",
    "exclude_records",
    "content_hash",
    "make_names",
    "read_gazetteer_db",
    "split_joined",
    "write_gazetteer_db",
]

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
  place_id TEXT PRIMARY KEY, level TEXT NOT NULL, name_en TEXT NOT NULL, name_ar TEXT,
  admin1_pcode TEXT, admin2_pcode TEXT, admin3_pcode TEXT, parent_id TEXT,
  lat REAL, lon REAL, importance INTEGER NOT NULL DEFAULT 0, population INTEGER,
  source TEXT NOT NULL, geometry BLOB
);
CREATE TABLE place_names (
  place_id TEXT NOT NULL REFERENCES places(place_id), name TEXT NOT NULL, lang TEXT NOT NULL,
  script TEXT NOT NULL, kind TEXT NOT NULL, match_key TEXT NOT NULL, source TEXT NOT NULL
);
CREATE INDEX place_names_key ON place_names(match_key);
CREATE TABLE build_issues (place_id TEXT, field TEXT, problem TEXT, value TEXT);
CREATE TABLE name_records (place_id TEXT NOT NULL, match_key TEXT NOT NULL, record_id TEXT NOT NULL);
"""
#: Columns added after the first schema (read when present).
_PLACES_EXTRA = "ALTER TABLE places ADD COLUMN where_prec INTEGER"

_CUT = "\ufffd"


@dataclass
class BuiltGazetteer:
    """Everything a gazetteer file holds, in memory."""

    meta: dict[str, str]
    places: list[Place]
    names: list[PlaceName]
    issues: list[BuildIssue] = field(default_factory=list)
    geometries: dict[str, BaseGeometry] = field(default_factory=dict)
    #: (place_id, match_key, record_id): the source records a name was learned from
    #: (:mod:`hudna.gazetteer.learn`); empty for gazetteers built from a gazetteer source.
    records: list[tuple[str, str, str]] = field(default_factory=list)


def split_joined(name: str, lang: str) -> list[str]:
    """Halves of a name that joins two places (``A_B``, ``A - B``, ``A/B``); ``[]`` if not joined.

    In English a hyphen without spaces is part of a name (``Jisr-Ash-Shugur``).

    Examples
    --------
    >>> split_joined("Ora Qabli - Edwan", "en")
    ['Ora Qabli', 'Edwan']
    >>> split_joined("عرى القبلي_عدوان", "ar")
    ['عرى القبلي', 'عدوان']
    >>> split_joined("Jisr-Ash-Shugur", "en")
    []
    """
    pattern = lang_module(lang).JOINED_NAME_PATTERN
    parts = [p.strip() for p in pattern.split(name) if p.strip()]
    return parts if len(parts) > 1 else []


def make_names(
    place_id: str, name: str | None, lang: str, *, kind: str, source: str, issues: list[BuildIssue]
) -> list[PlaceName]:
    """Names to index for one source name: itself, its halves if joined, minus cut characters.

    A name cut mid-character (U+FFFD from bad UTF-8) is reported in ``issues``; its complete
    halves are indexed normally and the cut part as ``kind="truncated"`` (fuzzy matching only).
    """
    if not name or not name.strip():
        return []
    name = " ".join(name.split())
    out: list[PlaceName] = []
    cut = _CUT in name
    if cut:
        issues.append(BuildIssue(place_id, f"name_{lang}", "cut mid-character (invalid UTF-8)", name))
        name = name.replace(_CUT, "").strip()
    halves = split_joined(name, lang)
    if halves:
        issues.append(BuildIssue(place_id, f"name_{lang}", "joins several names", name))
    cut_part = halves[-1] if (cut and halves) else (name if cut else None)

    def add(text: str, k: str) -> None:
        key = match_key(text, lang)
        if key:
            out.append(PlaceName(place_id, text, lang, script_of(text), k, key, source))

    add(name, "truncated" if cut and not halves else kind)
    for h in halves:
        add(h, "truncated" if h == cut_part else "part")
    return out


def admin_qualified_names(places: list[Place], names: list[PlaceName]) -> list[PlaceName]:
    """Shortened names of places whose name ends with the name of one of their admin areas.

    OCHA tells same-named villages apart by appending the name of their sub-district,
    district or governorate ("Kafraya Maar Tamsarin", "كفريا المعرة", "Abu Rasin Qameshli",
    "Matleh Ariha"); the press writes the village's own name ("كفريا"). When a name's last
    words are, after the gazetteer fold, the whole name of one of the place's admin areas,
    what comes before them is indexed as an alternate name of the place (kind ``alternate``),
    unless it is only generic first words ("Tal", "عين": ``lexicons/<lang>/
    gazetteer_name_heads.yaml``) or the whole name is the area's own ("Kafr Takharim" in the
    sub-district of Kafr Takharim).
    """
    from hudna.gazetteer.words import load_name_heads

    by_id = {p.place_id: p for p in places}
    area_keys: dict[tuple[str, str], list[list[str]]] = {}
    for n in names:
        p = by_id.get(n.place_id)
        if p is None or p.level not in (Level.GOVERNORATE, Level.DISTRICT, Level.SUBDISTRICT) or n.kind == "truncated":
            continue
        toks = lang_module(n.lang).fold_name(n.match_key).split()
        prefixes = load_name_heads(n.lang, "gazetteer.area_prefix")
        while len(toks) > 1 and toks[0] in prefixes:
            toks = toks[1:]  # "مركز ريف دمشق" is cited as "ريف دمشق"
        if toks:
            area_keys.setdefault((n.place_id, n.lang), []).append(toks)
    out: list[PlaceName] = []
    seen: set[tuple[str, str]] = {(n.place_id, n.match_key) for n in names}
    for n in names:
        p = by_id.get(n.place_id)
        if p is None or p.level != Level.COMMUNITY or n.kind in ("truncated", "alternate") or n.lang not in ("ar", "en"):
            continue
        mod = lang_module(n.lang)
        words = n.name.split()
        toks = mod.fold_name(n.match_key).split()
        heads = load_name_heads(n.lang)
        for area in (p.admin3_pcode, p.admin2_pcode, p.admin1_pcode):
            for atoks in area_keys.get((area or "", n.lang), ()):
                k = len(atoks)
                if len(toks) <= k or toks[-k:] != atoks:
                    continue
                prefix = toks[:-k]
                if all(t in heads for t in prefix) or len("".join(prefix)) < 3:
                    continue
                # the display form: the name's own words without the area's (same count when
                # the fold removed no word; else the folded words themselves)
                short = " ".join(words[: len(words) - k]) if len(words) == len(toks) else " ".join(prefix)
                key = match_key(short, n.lang)
                if key and (n.place_id, key) not in seen:
                    seen.add((n.place_id, key))
                    out.append(PlaceName(n.place_id, short, n.lang, script_of(short), "alternate", key, f"{n.source}:without-admin-qualifier"))
    return out


def content_hash(places: Iterable[Place], names: Iterable[PlaceName]) -> str:
    """SHA-256 over the sorted places and names (the identity of a gazetteer's content)."""
    h = hashlib.sha256()
    for p in sorted(places, key=lambda p: p.place_id):
        t = astuple(p)
        if t[-1] is None:  # where_prec unset: hashed as before the field existed
            t = t[:-1]
        h.update(json.dumps(t, ensure_ascii=False, default=str).encode())
    for n in sorted(names, key=lambda n: (n.place_id, n.lang, n.kind, n.name)):
        h.update(json.dumps(astuple(n), ensure_ascii=False).encode())
    return h.hexdigest()


def _f(props: Mapping[str, Any], *keys: str) -> Any:
    for k in keys:
        v = props.get(k)
        if v not in (None, ""):
            return v
    return None


def build_ocha_syria(
    admin1: list[dict[str, Any]],
    admin2: list[dict[str, Any]],
    admin4: list[dict[str, Any]],
    admin5: list[dict[str, Any]] | None = None,
    *,
    source_version: str = "2015",
    store_polygons: bool = False,
) -> BuiltGazetteer:
    """Build the Syria gazetteer from the OCHA 2015 COD-AB features (issue #3).

    Governorates and districts get their polygons' representative point as coordinates;
    sub-districts the mean of their communities; communities their own point; the Damascus
    neighbourhoods (admin5) their polygon's representative point. The governorate and district
    polygons stay in the bundled GeoJSON (:func:`hudna.geo.admin.load_admin_areas`) unless
    ``store_polygons`` copies them into the gazetteer file.
    """
    src = "ocha-cod-ab-syria-2015"
    places: list[Place] = []
    names: list[PlaceName] = []
    issues: list[BuildIssue] = []
    geoms: dict[str, BaseGeometry] = {}
    places.append(Place("SY", Level.COUNTRY, "Syria", "سوريا", None, None, None, None, 35.0, 38.5, 5, None, src))
    for text, lang, kind in (
        ("Syria", "en", "official"), ("Syrian Arab Republic", "en", "alternate"),
        ("سوريا", "ar", "official"), ("سورية", "ar", "alternate"),
    ):
        names += make_names("SY", text, lang, kind=kind, source=src, issues=issues)

    def add_area(feats: list[dict[str, Any]], level: Level) -> None:
        for f in feats:
            p = f["properties"]
            pid = p["PCODE"]
            geom = shape(f["geometry"])
            pt = geom.representative_point()
            a1 = pid if level == Level.GOVERNORATE else p.get("ADMIN1_COD")
            a2 = pid if level == Level.DISTRICT else None
            parent = "SY" if level == Level.GOVERNORATE else a1
            places.append(Place(pid, level, p["NAME_EN"], p.get("NAME_ARA"), a1, a2, None, parent, pt.y, pt.x, 0, None, src))
            if store_polygons:
                geoms[pid] = geom
            names.extend(make_names(pid, p["NAME_EN"], "en", kind="official", source=src, issues=issues))
            if p.get("NAM_EN_REF") and p["NAM_EN_REF"] != p["NAME_EN"]:
                names.extend(make_names(pid, p["NAM_EN_REF"], "en", kind="alternate", source=src, issues=issues))
            names.extend(make_names(pid, p.get("NAME_ARA"), "ar", kind="official", source=src, issues=issues))

    add_area(admin1, Level.GOVERNORATE)
    add_area(admin2, Level.DISTRICT)

    capital = {0: 5, 1: 4, 2: 3, 3: 2}
    sub: dict[str, dict[str, Any]] = {}
    for f in admin4:
        p = f["properties"]
        pid = p["PCODE"]
        lat, lon = float(p["LATITUDE"]), float(p["LONGITUDE"])
        a3 = p.get("ADMIN3_COD")
        imp = capital.get(p.get("CAPIT_LVL"), 0) if p.get("CAPIT_LVL") is not None else 0
        places.append(
            Place(pid, Level.COMMUNITY, p["NAME_EN"], p.get("NAME_ARA"), p.get("ADMIN1_COD"), p.get("ADMIN2_COD"), a3, a3, lat, lon, imp, None, src)
        )
        names.extend(make_names(pid, p["NAME_EN"], "en", kind="official", source=src, issues=issues))
        if p.get("NAM_EN_REF") and p["NAM_EN_REF"] != p["NAME_EN"]:
            names.extend(make_names(pid, p["NAM_EN_REF"], "en", kind="alternate", source=src, issues=issues))
        names.extend(make_names(pid, p.get("NAME_ARA"), "ar", kind="official", source=src, issues=issues))
        if a3:
            s = sub.setdefault(a3, {"en": p.get("ADMIN3_EN"), "ar": p.get("ADMIN3_ARA"), "a1": p.get("ADMIN1_COD"), "a2": p.get("ADMIN2_COD"), "pts": []})
            s["pts"].append((lat, lon))
    for a3, s in sorted(sub.items()):
        lat = sum(x for x, _ in s["pts"]) / len(s["pts"])
        lon = sum(y for _, y in s["pts"]) / len(s["pts"])
        places.append(Place(a3, Level.SUBDISTRICT, s["en"] or a3, s["ar"], s["a1"], s["a2"], a3, s["a2"], lat, lon, 0, None, src))
        names.extend(make_names(a3, s["en"], "en", kind="official", source=src, issues=issues))
        names.extend(make_names(a3, s["ar"], "ar", kind="official", source=src, issues=issues))
    by_id = {p.place_id: p for p in places}
    for f in admin5 or []:
        p = f["properties"]
        pid = p["HAY_PCODE"]
        city = by_id.get(p.get("CITY_PCODE") or "")
        geom = shape(f["geometry"])
        pt = geom.representative_point()
        places.append(
            Place(pid, Level.NEIGHBOURHOOD, p["HAY_EN"], None, city.admin1_pcode if city else None, city.admin2_pcode if city else None,
                  city.admin3_pcode if city else None, p.get("CITY_PCODE"), pt.y, pt.x, 0, None, src)
        )
        geoms[pid] = geom
        names.extend(make_names(pid, p["HAY_EN"], "en", kind="official", source=src, issues=issues))
    meta = {
        "name": "syria-ocha-2015",
        "source": "OCHA Common Operational Dataset, Syria administrative boundaries and populated places (HDX)",
        "source_version": source_version,
        "licence": "CC BY-IGO 3.0; attribute: OCHA",
        "country_pcode": "SY",
        "country_iso3": "SYR",
    }
    names += admin_qualified_names(places, names)
    return finish(meta, places, names, issues, geoms)


def finish(
    meta: dict[str, str],
    places: list[Place],
    names: list[PlaceName],
    issues: list[BuildIssue],
    geoms: dict[str, BaseGeometry],
) -> BuiltGazetteer:
    """Check ids, add ``built_at``/``content_hash`` and return the built gazetteer."""
    seen: set[str] = set()
    for p in places:
        if p.place_id in seen:
            raise DataError(f"duplicate place id {p.place_id!r}", field="place_id")
        seen.add(p.place_id)
    meta = dict(meta)
    meta["built_at"] = datetime.now(UTC).replace(microsecond=0).isoformat()
    meta["content_hash"] = content_hash(places, names)
    meta["counts"] = json.dumps(_counts(places), sort_keys=True)
    for i in issues:
        log.info("build issue place_id=%s %s: %s (%r)", i.place_id, i.field, i.problem, i.value)
    return BuiltGazetteer(meta, places, names, issues, geoms)


def _counts(places: list[Place]) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in places:
        out[p.level.value] = out.get(p.level.value, 0) + 1
    return out


def write_gazetteer_db(built: BuiltGazetteer, path: Path) -> None:
    """Write a built gazetteer as SQLite (``.sqlite``) or gzip'd SQLite (``.sqlite.gz``)."""
    con = sqlite3.connect(":memory:")
    con.executescript(_SCHEMA)
    con.execute(_PLACES_EXTRA)
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(built.meta.items()))
    con.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (p.place_id, p.level.value, p.name_en, p.name_ar, p.admin1_pcode, p.admin2_pcode, p.admin3_pcode,
             p.parent_id, p.lat, p.lon, p.importance, p.population, p.source,
             shapely.to_wkb(built.geometries[p.place_id]) if p.place_id in built.geometries else None,
             p.where_prec)
            for p in built.places
        ],
    )
    con.executemany("INSERT INTO name_records VALUES (?,?,?)", built.records)
    con.executemany(
        "INSERT INTO place_names VALUES (?,?,?,?,?,?,?)",
        [(n.place_id, n.name, n.lang, n.script, n.kind, n.match_key, n.source) for n in built.names],
    )
    con.executemany("INSERT INTO build_issues VALUES (?,?,?,?)", [astuple(i) for i in built.issues])
    con.commit()
    data = con.serialize()
    con.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    else:
        path.write_bytes(data)


def read_gazetteer_db(data: bytes, *, path: str) -> BuiltGazetteer:
    """Read a gazetteer written by :func:`write_gazetteer_db` from its bytes."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if not data.startswith(b"SQLite format 3"):
        raise DataError("not a hudna gazetteer (expected SQLite, optionally gzip'd)", path=path)
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(data)
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        places: list[Place] = []
        geoms: dict[str, BaseGeometry] = {}
        for row in con.execute("SELECT * FROM places"):
            extra = row[14] if len(row) > 14 else None  # where_prec (files written before it: absent)
            places.append(
                Place(row[0], Level(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9],
                      row[10], row[11], row[12], extra)
            )
            if row[13] is not None:
                geoms[row[0]] = shapely.from_wkb(row[13])
        names = [PlaceName(*r) for r in con.execute("SELECT * FROM place_names")]
        issues = [BuildIssue(*r) for r in con.execute("SELECT * FROM build_issues")]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        records: list[tuple[str, str, str]] = (
            [(str(a), str(b), str(c)) for a, b, c in con.execute("SELECT * FROM name_records")]
            if "name_records" in tables
            else []
        )
    except sqlite3.DatabaseError as exc:
        raise DataError(f"not a hudna gazetteer: {exc}", path=path) from exc
    finally:
        con.close()
    return BuiltGazetteer(meta, places, names, issues, geoms, records)


def apply_layer(base: BuiltGazetteer, layer: BuiltGazetteer) -> BuiltGazetteer:
    """A gazetteer with a layer's places and names added to a base (both kept unchanged).

    A layer (``meta["layer_of"]``, e.g. names learned from coded events by
    :func:`hudna.gazetteer.learn.learn_layer`) adds new places and new names of the base's
    places. The result keeps the base's meta and lists the layers in ``meta["layers"]``.

    Raises
    ------
    DataError
        If the layer redefines a place of the base or names a place that neither has.
    """
    ids = {p.place_id for p in base.places}
    for p in layer.places:
        if p.place_id in ids:
            raise DataError(f"layer {layer.meta.get('name')!r} redefines place {p.place_id!r}", field="place_id")
    known = ids | {p.place_id for p in layer.places}
    for n in layer.names:
        if n.place_id not in known:
            raise DataError(f"layer {layer.meta.get('name')!r} names unknown place {n.place_id!r}", field="place_id")
    meta = dict(base.meta)
    layers = json.loads(meta.get("layers", "[]"))
    layers.append({k: layer.meta.get(k, "") for k in ("name", "source", "source_version", "licence", "built_at", "content_hash")})
    meta["layers"] = json.dumps(layers, ensure_ascii=False)
    return BuiltGazetteer(
        meta,
        base.places + layer.places,
        base.names + layer.names,
        base.issues + layer.issues,
        {**base.geometries, **layer.geometries},
        base.records + layer.records,
    )


def exclude_records(built: BuiltGazetteer, record_ids: Iterable[str]) -> tuple[BuiltGazetteer, int]:
    """``built`` without the names learned only from ``record_ids`` (and without the learned
    places left nameless); also returns how many names were dropped.

    Used to measure a learned gazetteer on the very events it could have learned from
    (``bench/geocode.py``): every name whose records are all among them is left out.
    """
    drop = set(record_ids)
    by_name: dict[tuple[str, str], list[str]] = {}
    for pid, key, rid in built.records:
        by_name.setdefault((pid, key), []).append(rid)
    gone = {k for k, rids in by_name.items() if all(r in drop for r in rids)}
    if not gone:
        return built, 0
    names = [n for n in built.names if (n.place_id, n.match_key) not in gone]
    learned_places = {pid for pid, _ in by_name}
    named = {n.place_id for n in names}
    places = [p for p in built.places if p.place_id in named or p.place_id not in learned_places or p.level != Level.POINT]
    kept = {p.place_id for p in places}
    records = [r for r in built.records if (r[0], r[1]) not in gone]
    meta = dict(built.meta)
    meta["excluded_names"] = str(len(built.names) - len(names))
    return (
        BuiltGazetteer(meta, places, [n for n in names if n.place_id in kept], built.issues, built.geometries, records),
        len(built.names) - len(names),
    )


def load_ocha_syria_features(folder: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """The four OCHA Syria 2015 files as feature lists (bundled copies when ``folder`` is None)."""
    from importlib import resources

    out: dict[str, list[dict[str, Any]]] = {}
    for key, stem in (("admin1", "syr_admin1"), ("admin2", "syr_admin2"), ("admin4", "syr_admin4_point"), ("admin5", "syr_admin5")):
        if folder is None:
            res = resources.files("hudna.data").joinpath("ocha_syria_2015", f"{stem}.geojson.gz")
            out[key] = read_geojson_features(res.read_bytes(), path=f"{stem}.geojson.gz")
        else:
            cands = [folder / f"{stem}.geojson", folder / f"{stem}.geojson.gz"]
            p = next((c for c in cands if c.exists()), None)
            if p is None:
                raise DataError(f"missing {stem}.geojson", path=str(folder))
            out[key] = read_geojson_features(p.read_bytes(), path=str(p))
    return out
