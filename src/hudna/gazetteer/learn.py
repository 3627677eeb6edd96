"""Names learned from coded events (issue #3): a gazetteer layer of the places that event
datasets locate precisely under names the gazetteer does not know.

UCDP GED and ACLED code each event's place with a name and coordinates ("Handarat village",
36.2, 37.2, ``where_prec`` 1). Many such names are missing from the OCHA 2015 gazetteer under
any spelling (camps, bases, new settlements, villages OCHA lists under another name), and they
recur: events of the first half of 2016 give a close name within 5 km for 45 % of the place
strings of the second half. :func:`learn_layer` turns those records into a *layer* over a
gazetteer (:func:`hudna.gazetteer.build.apply_layer`):

* a string the gazetteer already geocodes to within :data:`KNOWN_M` of the coded point teaches
  nothing and is skipped;
* a string whose point is within :data:`ALIAS_M` of a community with a similar name
  (phonetic similarity ≥ :data:`ALIAS_SIMILARITY`) becomes a new name of that community (kind
  ``learned``), so it answers with the community's P-code;
* any other string becomes a new place of level ``point`` at the coded point (the most frequent
  coordinates among its events), with its admin P-codes from reverse geocoding, id
  ``<PREFIX>-<smallest record id>``; a point coded "around a location" (``where_prec`` 2) keeps
  that precision.

The name learned is the string without its qualifiers ("village", "town", "area"); a string with
a facility word ("Hamah Military Airport", "Tabqa Oil Fields") is learned whole, so that "Hamah"
keeps meaning the city. Alternatives ("Kobane/Ayn al Arab", "Al-Rai (Choban Bey)") are each
learned for the same place; compounds ("road between A and B") and admin areas ("Eastern Hamah
Governorate") are skipped. Every learned name records the ids of the events it came from
(``name_records``), so a measurement can leave out what was learned from the events it scores
(:func:`hudna.gazetteer.build.exclude_records`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from hudna.domain.place import Level
from hudna.errors import DataError
from hudna.gazetteer.build import BuiltGazetteer, finish
from hudna.gazetteer.core import Gazetteer
from hudna.gazetteer.model import GeocodeResult, Place, PlaceName
from hudna.geo.admin import distance_m
from hudna.text.normalize import match_key, script_of

__all__ = ["ALIAS_M", "ALIAS_SIMILARITY", "KNOWN_M", "KNOWN_NAME_SCORE", "NEAR_KNOWN_M", "CodedPlace", "LearnReport", "learn_layer"]

#: A string already geocoded within this distance (metres) of its coded point is known.
KNOWN_M = 2000.0
#: A community within this distance with a similar name takes the learned name as an alias.
ALIAS_M = 1500.0
#: Lowest phonetic similarity (0–100) of a learned name and a community name for an alias.
ALIAS_SIMILARITY = 70.0
#: Coded points of one string farther than this from its most frequent point are ignored.
SPREAD_M = 2000.0
#: Learned names shorter than this many letters say too little.
MIN_LETTERS = 3
#: A part the gazetteer already answers this surely (0–100) with a place of its own (a
#: community, a region or an admin area; not "near" one, as a facility is) within
#: :data:`NEAR_KNOWN_M` of the coded point names that place and is not learned ("Tadmur" of
#: "Silos east of Palmyra (Tadmur)", 13 km from Tadmor; "Latakia" coded off the city's point;
#: "Wadi Barada"): learned for another point it would take the town's name from every later
#: text. A facility ("Adra Prison Complex") is still learned whole.
KNOWN_NAME_SCORE = 95.0
#: See :data:`KNOWN_NAME_SCORE` (metres): farther, a same-named place is another place.
NEAR_KNOWN_M = 15_000.0

@dataclass(frozen=True, slots=True)
class CodedPlace:
    """One event's coded place: its record id, place string, point and precision.

    ``where_prec`` is on UCDP's scale (1 exact, 2 around a location, 3+ admin areas);
    ``context`` holds the record's admin names ("Jabal Saman district, Aleppo Governorate"),
    used to check what the gazetteer already knows.
    """

    record_id: str
    text: str
    lon: float
    lat: float
    where_prec: int
    context: str = ""
    date: str = ""


@dataclass
class LearnReport:
    """What :func:`learn_layer` did with each distinct place string."""

    strings: int = 0
    known: int = 0
    aliases: int = 0
    points: int = 0
    names: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass
class _Group:
    text: str
    context: str
    points: Counter[tuple[float, float]] = field(default_factory=Counter)
    coded: list[tuple[float, float, str, int]] = field(default_factory=list)


def _id_key(record_id: str) -> tuple[int, int, str]:
    """Numeric ids in numeric order, then the others."""
    return (0, int(record_id), "") if record_id.isdigit() else (1, 0, record_id)


def learn_layer(
    gaz: Gazetteer,
    records: Iterable[CodedPlace],
    *,
    name: str,
    source: str,
    licence: str,
    source_version: str = "",
    id_prefix: str = "LRN",
    max_prec: int = 2,
) -> tuple[BuiltGazetteer, LearnReport]:
    """Learn the place names of coded events that ``gaz`` does not know (see the module doc).

    Parameters
    ----------
    gaz
        The gazetteer to extend (the layer's ``layer_of``).
    records
        Coded places; those with ``where_prec`` above ``max_prec`` (admin areas) are skipped.
    name, source, licence, source_version
        Recorded in the layer's meta (and each learned name's ``source``).
    id_prefix
        Prefix of the ids of new points ("UCDP" gives "UCDP-317832").

    Returns
    -------
    (BuiltGazetteer, LearnReport)
        The layer (apply it with :func:`hudna.gazetteer.build.apply_layer`) and its report.
    """
    report = LearnReport()
    groups: dict[str, _Group] = {}
    for r in records:
        text = " ".join(r.text.split())
        if not text:
            continue
        if not (math.isfinite(r.lon) and math.isfinite(r.lat)) or not (-180 <= r.lon <= 180 and -90 <= r.lat <= 90):
            raise DataError(f"coordinates out of range: {r.lon}, {r.lat}", field=f"record {r.record_id}")
        if r.where_prec > max_prec:
            continue
        g = groups.get(text)
        if g is None:
            g = groups[text] = _Group(text, r.context)
        g.points[(round(r.lon, 4), round(r.lat, 4))] += 1
        g.coded.append((r.lon, r.lat, r.record_id, r.where_prec))
    places: list[Place] = []
    names: list[PlaceName] = []
    recs: dict[tuple[str, str, str], None] = {}  # ordered set
    by_key: dict[str, list[tuple[str, float, float]]] = {}  # learned key → (place id, lon, lat)
    taken: set[tuple[str, str]] = set()
    ids_taken = {p for p in gaz.places}
    for text in sorted(groups):
        g = groups[text]
        report.strings += 1
        (lon, lat), _ = max(g.points.items(), key=lambda kv: (kv[1], kv[0]))
        near = [(rid, prec) for x, y, rid, prec in g.coded if distance_m(lon1=lon, lat1=lat, lon2=x, lat2=y) <= SPREAD_M]
        ids = sorted({rid for rid, _ in near}, key=_id_key)
        prec = min(p for _, p in near)
        parts = gaz.learnable_names(text)
        if not parts:
            report.skipped["not a place name"] += 1
            continue
        res = _geocode_quietly(gaz, text, g.context)
        known = (res.pcode is not None and res.lon is not None and res.lat is not None
                 and distance_m(lon1=lon, lat1=lat, lon2=res.lon, lat2=res.lat) <= KNOWN_M)
        if known and (len(parts) < 2 or res.level not in _ALIAS_LEVELS):
            report.known += 1
            continue
        parts = [p for p in parts if sum(ch.isalpha() for ch in p) >= MIN_LETTERS]
        if not parts:
            report.skipped["name too short"] += 1
            continue
        if known:
            # "Tadmur/Palmyra town" is Tadmor: the alternatives the gazetteer does not answer
            # so become its names ("Palmyra")
            assert res.pcode is not None
            parts = [p for p in parts if (ans := _geocode_quietly(gaz, p, g.context)).pcode != res.pcode
                     and not _names_known_place(ans, lon, lat)]
            if not parts:
                report.known += 1
                continue
            target: str | None = res.pcode
        else:
            parts = [p for p in parts if not _names_known_place(_geocode_quietly(gaz, p, g.context), lon, lat)]
            if not parts:
                report.skipped["names a known place nearby"] += 1
                continue
            target = _alias_target(gaz, parts, lon, lat)
        if target is None:
            # one place per learned name and point: a second string of the same name within
            # SPREAD_M ("Tall Hamis town" / "Tall Hamis village") is the same place
            key0 = match_key(parts[0], "en")
            target = next(
                (pid for pid, x, y in by_key.get(key0, ()) if distance_m(lon1=lon, lat1=lat, lon2=x, lat2=y) <= SPREAD_M), None
            )
            if target is None:
                loc = gaz.reverse(lon=lon, lat=lat)
                target = f"{id_prefix}-{ids[0]}"
                while target in ids_taken:
                    target += "x"
                ids_taken.add(target)
                places.append(
                    Place(
                        target, Level.POINT, parts[0], None, loc.admin1_pcode, loc.admin2_pcode, loc.admin3_pcode,
                        loc.admin3_pcode or loc.admin2_pcode or loc.admin1_pcode, lat, lon, 0, None, source,
                        where_prec=prec if prec > 1 else None,
                    )
                )
                report.points += 1
            else:
                report.skipped["same name, same place"] += 1
        else:
            report.aliases += 1
        for part in parts:
            key = match_key(part, "en")
            if (target, key) not in taken:
                taken.add((target, key))
                names.append(PlaceName(target, part, "en", script_of(part), "learned", key, source))
                report.names += 1
                by_key.setdefault(key, []).append((target, lon, lat))
            recs.update(dict.fromkeys((target, key, rid) for rid in ids))
    meta = {
        "name": name,
        "source": source,
        "source_version": source_version,
        "licence": licence,
        "layer_of": gaz.name,
        "country_pcode": gaz.meta.get("country_pcode", ""),
        "country_iso3": gaz.meta.get("country_iso3", ""),
    }
    built = finish(meta, places, names, [], {})
    built.records = list(recs)
    return built, report


#: Levels of a known answer whose unknown alternative names are learned as its names.
_ALIAS_LEVELS = (Level.COMMUNITY, Level.NEIGHBOURHOOD, Level.POINT)


def _geocode_quietly(gaz: Gazetteer, name: str, context: str) -> GeocodeResult:
    """``gaz.geocode`` of a coded string or part with the record's admin context; ties are
    expected here (the learned name settles them) and not warned of."""
    return gaz.geocode(name, lang="en", context=context or None, warn=False)


def _names_known_place(res: GeocodeResult, lon: float, lat: float) -> bool:
    """Whether a part's answer ``res`` is sure and a place of its own near the point (see
    :data:`KNOWN_NAME_SCORE`)."""
    return (
        res.pcode is not None and res.score >= KNOWN_NAME_SCORE and res.level not in (Level.POINT, Level.COUNTRY)
        and not (res.level == Level.COMMUNITY and (res.where_prec or 1) >= 2)
        and res.lon is not None and res.lat is not None
        and distance_m(lon1=lon, lat1=lat, lon2=res.lon, lat2=res.lat) <= NEAR_KNOWN_M
    )


def _alias_target(gaz: Gazetteer, parts: list[str], lon: float, lat: float) -> str | None:
    """The community near the point whose name is like one of ``parts``, else ``None``."""
    best: tuple[float, str] | None = None
    for pid, _ in gaz.communities_near(lon=lon, lat=lat, radius_m=ALIAS_M):
        sim = max(gaz.name_similarity(part, pid) for part in parts)
        if sim >= ALIAS_SIMILARITY and (best is None or sim > best[0]):
            best = (sim, pid)
    return best[1] if best else None
