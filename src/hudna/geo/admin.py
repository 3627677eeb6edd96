"""Administrative areas: point → governorate/district (polygons) and nearest community.

Used by imports whose events have coordinates but no P-codes (issue #3, "fill them in on
import") and by adjudication for zone polygons (:meth:`AdminAreas.geometry`). The bundled areas
are the OCHA Syria 2015 COD-AB files in ``hudna/data/ocha_syria_2015`` (CC BY-IGO, "OCHA").

Distances are metres on the WGS84 ellipsoid (pyproj ``Geod``); the nearest-community search runs
in a local azimuthal equidistant projection centred on the data, never in degrees.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from hudna.domain.place import Level
from hudna.errors import DataError, NotFound

__all__ = [
    "AdminArea",
    "AdminAreas",
    "Community",
    "LocatedPoints",
    "Location",
    "load_admin_areas",
    "read_geojson_features",
]

log = logging.getLogger(__name__)
_GEOD = Geod(ellps="WGS84")
BUNDLED_PACKAGE = "hudna.data"
BUNDLED_DIR = "ocha_syria_2015"


@dataclass(frozen=True, slots=True)
class AdminArea:
    """An administrative area: P-code, level, names, parent P-code and (optional) polygon."""

    pcode: str
    level: Level
    name_en: str
    name_ar: str | None = None
    parent_pcode: str | None = None
    geometry: BaseGeometry | None = None


@dataclass(frozen=True, slots=True)
class Community:
    """A populated place used for nearest-community lookups."""

    pcode: str
    lon: float
    lat: float
    admin3_pcode: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where one point lies: admin P-codes and the nearest community with its distance."""

    lon: float
    lat: float
    admin1_pcode: str | None
    admin2_pcode: str | None
    admin3_pcode: str | None
    community_pcode: str | None
    distance_m: float | None


@dataclass(frozen=True)
class LocatedPoints:
    """Result of :meth:`AdminAreas.locate_many`: one array per field, aligned with the input.

    String arrays are ``object`` arrays holding ``None`` where the point is in no area.
    """

    lon: npt.NDArray[np.float64]
    lat: npt.NDArray[np.float64]
    admin1_pcode: npt.NDArray[np.object_]
    admin2_pcode: npt.NDArray[np.object_]
    admin3_pcode: npt.NDArray[np.object_]
    community_pcode: npt.NDArray[np.object_]
    distance_m: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.lon)

    def records(self) -> list[Location]:
        """The same result as one :class:`Location` per point."""
        return [
            Location(
                lon=float(self.lon[i]),
                lat=float(self.lat[i]),
                admin1_pcode=self.admin1_pcode[i],
                admin2_pcode=self.admin2_pcode[i],
                admin3_pcode=self.admin3_pcode[i],
                community_pcode=self.community_pcode[i],
                distance_m=None if np.isnan(self.distance_m[i]) else float(self.distance_m[i]),
            )
            for i in range(len(self.lon))
        ]


@dataclass
class AdminAreas:
    """Admin polygons (levels 1 and 2), admin3 names and community points of one country.

    Build it from values (any gazetteer) or use :func:`load_admin_areas` for the bundled Syria
    areas.

    Examples
    --------
    >>> areas = load_admin_areas()
    >>> loc = areas.locate(lon=37.16, lat=36.20)
    >>> loc.admin1_pcode, loc.admin2_pcode, loc.community_pcode
    ('SY02', 'SY0200', 'C1007')
    >>> areas.name("SY07", "en"), areas.name("SY07", "ar")
    ('Idleb', 'إدلب')
    """

    country_pcode: str
    areas: Sequence[AdminArea]
    communities: Sequence[Community]
    country_name_en: str = ""
    country_name_ar: str | None = None
    _by_pcode: dict[str, AdminArea] = field(init=False, repr=False)
    _polys: dict[Level, tuple[list[str], list[BaseGeometry], list[tuple[float, ...]]]] = field(
        init=False, repr=False
    )
    _bounds: dict[str, tuple[float, ...]] = field(init=False, repr=False)
    _boundaries: dict[str, BaseGeometry] = field(init=False, repr=False)
    _far_grids: dict[tuple[str, float], _FarGrid] = field(init=False, repr=False)
    _measured: dict[tuple[str, float], int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_pcode = {a.pcode: a for a in self.areas}
        self._bounds = {}  # bounding boxes of the polygons near_area was asked about
        self._boundaries = {}  # prepared boundaries of the polygons distances were measured to
        self._far_grids = {}  # grids of near_area by (polygon, radius) asked about often
        self._measured = {}  # distances near_area measured, by (polygon, radius), until a grid
        self._polys = {}
        for level in (Level.GOVERNORATE, Level.DISTRICT):
            items = [a for a in self.areas if a.level == level and a.geometry is not None]
            geoms = [a.geometry for a in items if a.geometry is not None]
            for g in geoms:
                shapely.prepare(g)
            self._polys[level] = ([a.pcode for a in items], geoms, [g.bounds for g in geoms])
        lons = np.array([c.lon for c in self.communities], dtype=np.float64)
        lats = np.array([c.lat for c in self.communities], dtype=np.float64)
        self._c_lon, self._c_lat = lons, lats
        self._c_pcode = np.array([c.pcode for c in self.communities], dtype=object)
        self._c_admin3 = np.array([c.admin3_pcode for c in self.communities], dtype=object)
        lon0 = float(np.mean(lons)) if len(lons) else 0.0
        lat0 = float(np.mean(lats)) if len(lats) else 0.0
        self._to_local = Transformer.from_crs(
            "EPSG:4326", f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m", always_xy=True
        )
        x, y = self._to_local.transform(lons, lats)
        self._c_tree = shapely.STRtree(shapely.points(x, y)) if len(lons) else None

    # -- lookups -------------------------------------------------------------------------------
    def area(self, pcode: str) -> AdminArea | None:
        """The admin area with this P-code, or ``None``."""
        return self._by_pcode.get(pcode)

    def name(self, pcode: str, lang: str = "en") -> str | None:
        """English or Arabic name of an admin area (country, admin1, admin2 or admin3 P-code)."""
        if pcode == self.country_pcode:
            return self.country_name_ar if lang == "ar" else self.country_name_en
        a = self._by_pcode.get(pcode)
        if a is None:
            return None
        return a.name_ar if lang == "ar" else a.name_en

    def geometry(self, pcode: str) -> BaseGeometry | None:
        """Polygon of the country (e.g. ``'SY'``), a governorate or a district; else ``None``.

        Examples
        --------
        >>> areas = load_admin_areas()
        >>> areas.geometry("SY07").geom_type in ("Polygon", "MultiPolygon")
        True
        >>> areas.geometry("SY").contains(shapely.Point(36.63, 35.93))
        True
        >>> areas.geometry("C1007") is None
        True
        """
        if pcode == self.country_pcode:
            return self._country_geometry()
        a = self._by_pcode.get(pcode)
        return None if a is None else a.geometry

    def get_geometry(self, pcode: str) -> BaseGeometry:
        """Like :meth:`geometry` but raises :class:`~hudna.errors.NotFound`."""
        geom = self.geometry(pcode)
        if geom is None:
            raise NotFound(f"no polygon for P-code {pcode!r} in the admin areas of {self.country_pcode}")
        return geom

    @functools.cached_property
    def _country(self) -> BaseGeometry:
        polys = [a.geometry for a in self.areas if a.level == Level.GOVERNORATE and a.geometry is not None]
        return shapely.union_all(polys)

    def _country_geometry(self) -> BaseGeometry | None:
        has = any(a.level == Level.GOVERNORATE and a.geometry is not None for a in self.areas)
        return self._country if has else None

    # -- point location ------------------------------------------------------------------------
    def _in_polygons(
        self, level: Level, lons: npt.NDArray[np.float64], lats: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.object_]:
        pcodes, geoms, bounds = self._polys[level]
        out = np.full(len(lons), None, dtype=object)
        todo = np.ones(len(lons), dtype=bool)
        for pcode, geom, (x0, y0, x1, y1) in zip(pcodes, geoms, bounds, strict=True):
            cand = np.flatnonzero(todo & (lons >= x0) & (lons <= x1) & (lats >= y0) & (lats <= y1))
            if not len(cand):
                continue
            inside = cand[shapely.contains_xy(geom, lons[cand], lats[cand])]
            out[inside] = pcode
            todo[inside] = False
        return out

    def locate_many(self, lons: npt.ArrayLike, lats: npt.ArrayLike) -> LocatedPoints:
        """Admin1/admin2 P-codes (point in polygon) and the nearest community of many points.

        Parameters
        ----------
        lons, lats
            Longitudes and latitudes in EPSG:4326 degrees, same length.

        Returns
        -------
        LocatedPoints
            Arrays aligned with the input; ``distance_m`` is the geodesic distance in metres to
            the nearest community (NaN when there are no communities or the point is NaN).

        Examples
        --------
        >>> areas = load_admin_areas()
        >>> res = areas.locate_many([36.707602, 40.0], [34.802462, 20.0])
        >>> list(res.admin1_pcode), list(res.admin2_pcode)
        (['SY04', None], ['SY0401', None])
        >>> bool(res.distance_m[0] < 1000), bool(res.distance_m[1] > 1_000_000)
        (True, True)
        """
        lon = np.asarray(lons, dtype=np.float64).ravel()
        lat = np.asarray(lats, dtype=np.float64).ravel()
        if lon.shape != lat.shape:
            raise DataError(f"lons and lats differ in length ({len(lon)} != {len(lat)})")
        n = len(lon)
        valid = np.isfinite(lon) & np.isfinite(lat)
        admin1 = np.full(n, None, dtype=object)
        admin2 = np.full(n, None, dtype=object)
        if valid.any():
            admin1[valid] = self._in_polygons(Level.GOVERNORATE, lon[valid], lat[valid])
            admin2[valid] = self._in_polygons(Level.DISTRICT, lon[valid], lat[valid])
        comm = np.full(n, None, dtype=object)
        admin3 = np.full(n, None, dtype=object)
        dist = np.full(n, np.nan)
        if self._c_tree is not None and valid.any():
            vi = np.flatnonzero(valid)
            x, y = self._to_local.transform(lon[vi], lat[vi])
            src, hit = self._c_tree.query_nearest(shapely.points(x, y), all_matches=False)
            rows = vi[src]
            comm[rows] = self._c_pcode[hit]
            admin3[rows] = self._c_admin3[hit]
            _, _, d = _GEOD.inv(lon[rows], lat[rows], self._c_lon[hit], self._c_lat[hit])
            dist[rows] = d
        return LocatedPoints(lon, lat, admin1, admin2, admin3, comm, dist)

    def locate(self, *, lon: float, lat: float) -> Location:
        """:meth:`locate_many` for one point."""
        return self.locate_many(np.array([lon]), np.array([lat])).records()[0]

    def communities_within(self, *, lon: float, lat: float, radius_m: float) -> list[tuple[str, float]]:
        """P-codes of the communities within ``radius_m`` metres of a point, nearest first, with
        their geodesic distances (candidates from the community tree in the local projection,
        then checked on WGS84).

        Examples
        --------
        >>> [p for p, _ in load_admin_areas().communities_within(lon=37.1409, lat=36.2031, radius_m=500)]
        ['C1007']
        """
        if self._c_tree is None:
            return []
        x, y = self._to_local.transform(lon, lat)
        # a little slack: the local projection's scale error grows away from its centre
        hits = self._c_tree.query(shapely.Point(x, y), predicate="dwithin", distance=radius_m * 1.05)
        out = []
        for i in hits.tolist():
            d = distance_m(lon1=lon, lat1=lat, lon2=float(self._c_lon[i]), lat2=float(self._c_lat[i]))
            if d <= radius_m:
                out.append((str(self._c_pcode[i]), d))
        return sorted(out, key=lambda t: t[1])


    def distance_to_area_m(self, pcode: str, *, lon: float, lat: float) -> float | None:
        """Geodesic distance in metres from a point to an admin polygon (0 inside it; ``None``
        when the area has no polygon): to the nearest point of its boundary.

        Examples
        --------
        >>> areas = load_admin_areas()
        >>> areas.distance_to_area_m("SY02", lon=37.16, lat=36.20)
        0.0
        >>> round(areas.distance_to_area_m("SY02", lon=36.29, lat=33.51) / 1000) > 150
        True
        """
        geom = self.geometry(pcode)
        if geom is None:
            return None
        if shapely.contains_xy(geom, lon, lat):
            return 0.0
        boundary = self._boundaries.get(pcode)
        if boundary is None:  # prepared once: GEOS then finds the nearest segment by an index
            boundary = self._boundaries[pcode] = geom.boundary
            shapely.prepare(boundary)
        # the vectorised functions on one point (shapely.Point and .coords cost more)
        line = shapely.shortest_line(boundary, shapely.points((lon, lat)))
        x, y = shapely.get_coordinates(line)[0].tolist()
        return float(_GEOD.inv(lon, lat, x, y)[2])


    def near_any(self, pcodes: Iterable[str], *, lon: float, lat: float, radius_m: float) -> bool:
        """Whether the point lies within ``radius_m`` of any of the areas (:meth:`near_area`)."""
        bounds = self._bounds
        for pcode in pcodes:
            # the bounding-box test of near_area first, without its call (most points asked
            # about are far)
            box = bounds.get(pcode)
            if box is not None and _surely_farther(box, lon, lat, radius_m):
                continue
            if self.near_area(pcode, lon=lon, lat=lat, radius_m=radius_m):
                return True
        return False

    def near_area(self, pcode: str, *, lon: float, lat: float, radius_m: float) -> bool:
        """Whether ``distance_to_area_m(pcode, lon=lon, lat=lat)`` is at most ``radius_m``
        (``False`` when the area has no polygon).

        Most points asked about are far from the area: a bound of their geodesic distance to the
        area's bounding box (:func:`_surely_farther`) settles most of them without the polygon,
        a grid of the cells surely farther from the polygon (:func:`_far_grid`) most others;
        only the rest are measured. The grid of a polygon and radius is made once
        :data:`_GRID_AFTER` points have been measured against them: it costs about as much as
        that many measurements, so a few questions (a geocoding call) are answered at once and a
        long run of them pays for it. The answers are the same either way.

        Examples
        --------
        >>> areas = load_admin_areas()
        >>> areas.near_area("SY02", lon=37.16, lat=36.20, radius_m=10_000)
        True
        >>> areas.near_area("SY02", lon=36.29, lat=33.51, radius_m=10_000)
        False
        """
        bounds = self._bounds.get(pcode)
        if bounds is None:
            geom = self.geometry(pcode)
            if geom is None:
                return False
            bounds = self._bounds[pcode] = geom.bounds
        if _surely_farther(bounds, lon, lat, radius_m):
            return False
        key = (pcode, radius_m)
        grid = self._far_grids.get(key)
        if grid is None:
            n = self._measured.get(key, 0) + 1
            self._measured[key] = n
            if n >= _GRID_AFTER:
                geom = self.geometry(pcode)
                assert geom is not None  # it has bounds
                grid = self._far_grids[key] = _far_grid(geom, radius_m)
        if grid is not None and grid.surely_farther(lon, lat):
            return False
        d = self.distance_to_area_m(pcode, lon=lon, lat=lat)
        return d is not None and d <= radius_m


#: Lower bounds of the lengths of one degree on WGS84, in metres, a little below the true ones:
#: of latitude (the meridian's radius of curvature is smallest at the equator, 110,574 m per
#: degree) and of longitude at the equator (the prime vertical's radius is at least the
#: semi-major axis, 111,319 m per degree, times the cosine of the latitude).
_M_PER_DEG_LAT = 110_500.0
_M_PER_DEG_LON = 111_000.0


def _surely_farther(bounds: tuple[float, ...], lon: float, lat: float, radius_m: float) -> bool:
    """Whether every point of a bounding box (``(minx, miny, maxx, maxy)``, degrees) is more
    than ``radius_m`` metres (geodesic) from a point; ``False`` when unsure.

    On an ellipsoid of revolution a curve is at least as long as the meridian arc between its
    extreme latitudes, so a path of length ``L`` stays within ``L / M`` degrees of latitude of
    its start; and it is at least as long as its longitude span times the smallest parallel
    radius along it. Either bound above ``radius_m`` proves the point farther.
    """
    minx, miny, maxx, maxy = bounds
    # max(miny - lat, lat - maxy, 0.0) and the same of longitudes, without max()'s calls (the
    # box's two sides cannot both be beyond the point)
    dlat = miny - lat if lat < miny else (lat - maxy if lat > maxy else 0.0)
    if dlat * _M_PER_DEG_LAT > radius_m:
        return True
    dlon = minx - lon if lon < minx else (lon - maxx if lon > maxx else 0.0)
    if dlon == 0.0 or 2.0 * dlon + (maxx - minx) > 360.0:  # the other way round may be shorter
        return False
    phi = abs(lat) + radius_m / _M_PER_DEG_LAT  # the highest latitude a short enough path reaches
    if phi >= 90.0:
        return False
    return dlon * _M_PER_DEG_LON * math.cos(math.radians(phi)) > radius_m


@dataclass(frozen=True, slots=True)
class _FarGrid:
    """Square cells of ``step`` degrees from ``(x0, y0)`` (``nx`` by ``ny``) around a polygon:
    ``far[i * ny + j]`` is 1 when every point of cell ``(i, j)`` is surely more than a radius
    from the polygon (:func:`_far_grid`)."""

    x0: float
    y0: float
    step: float
    nx: int
    ny: int
    far: bytes

    def surely_farther(self, lon: float, lat: float) -> bool:
        """Whether the point's cell is surely farther (``False`` outside the grid)."""
        fi = (lon - self.x0) / self.step
        fj = (lat - self.y0) / self.step
        if 0.0 <= fi < self.nx and 0.0 <= fj < self.ny:
            return self.far[int(fi) * self.ny + int(fj)] == 1
        return False


#: Points :meth:`AdminAreas.near_area` measures against a polygon and radius before it makes
#: their grid (:func:`_far_grid`, ~15 ms for a governorate: some 700 measurements of ~20 µs)
_GRID_AFTER = 500

#: Side of the cells of :func:`_far_grid`, in degrees (~2.8 km: points a few km beyond the
#: radius are settled; a Syrian governorate has ~10,000 cells, classified in ~20 ms)
_GRID_STEP = 0.025


def _far_grid(geom: BaseGeometry, radius_m: float) -> _FarGrid:
    """The cells around a polygon whose every point is surely more than ``radius_m`` metres
    (geodesic) from it (an empty grid near a pole or the antimeridian).

    Along a path that stays below latitude ``phi``, a degree of latitude is at least
    :data:`_M_PER_DEG_LAT` metres and one of longitude at least :data:`_M_PER_DEG_LON` times
    ``cos(phi)`` (see :func:`_surely_farther`): in the plane of the degrees scaled by these two
    lengths, no path is longer than on the ellipsoid. A path of at most ``radius_m`` from a
    cell stays within ``radius_m / _M_PER_DEG_LAT`` degrees of latitude of it, so ``phi`` is
    the grid's highest latitude plus that; a cell farther than the radius (with 0.1 % to
    spare for rounding) from the scaled polygon is farther on the ellipsoid too. As
    :meth:`AdminAreas.distance_to_area_m` measures to a point of the polygon's boundary
    (never nearer than the polygon), it is more than ``radius_m`` for the points of these cells.
    """
    minx, miny, maxx, maxy = geom.bounds
    dlat = radius_m / _M_PER_DEG_LAT
    phi = max(abs(miny), abs(maxy)) + 2.0 * dlat + _GRID_STEP  # the grid's extent and the path's
    if phi >= 89.0:
        return _FarGrid(0.0, 0.0, _GRID_STEP, 0, 0, b"")
    fx, fy = _M_PER_DEG_LON * math.cos(math.radians(phi)), _M_PER_DEG_LAT
    dlon = radius_m / fx
    x0, y0 = minx - dlon, miny - dlat
    if x0 <= -180.0 or maxx + dlon >= 180.0:  # a path across the antimeridian: degrees jump
        return _FarGrid(0.0, 0.0, _GRID_STEP, 0, 0, b"")
    nx = math.ceil((maxx + dlon - x0) / _GRID_STEP)
    ny = math.ceil((maxy + dlat - y0) / _GRID_STEP)
    i, j = np.meshgrid(np.arange(nx), np.arange(ny), indexing="ij")  # row i * ny + j: cell (i, j)
    eps = 1e-9  # cells overlap a little: a point rounded into a neighbouring cell is in it
    cells = shapely.box(
        (x0 + i * _GRID_STEP - eps) * fx,
        (y0 + j * _GRID_STEP - eps) * fy,
        (x0 + (i + 1) * _GRID_STEP + eps) * fx,
        (y0 + (j + 1) * _GRID_STEP + eps) * fy,
    ).ravel()
    scaled = shapely.transform(geom, lambda xy: xy * (fx, fy))
    shapely.prepare(scaled)
    far = ~shapely.dwithin(scaled, cells, radius_m * 1.001)
    return _FarGrid(x0, y0, _GRID_STEP, nx, ny, far.astype(np.uint8).tobytes())


def distance_m(*, lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in metres on WGS84.

    Examples
    --------
    >>> round(distance_m(lon1=37.16, lat1=36.20, lon2=36.29, lat2=33.51) / 1000)
    309
    """
    _, _, d = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(d)


def read_geojson_features(data: bytes, *, path: str) -> list[dict[str, Any]]:
    """Features of a GeoJSON document (bytes, gzip or not), decoding bad UTF-8 as U+FFFD.

    The OCHA admin4 file has six Arabic names cut mid-character; they are kept (with U+FFFD)
    so that the gazetteer build can report them.
    """
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list):
        raise DataError("not a GeoJSON FeatureCollection", path=path)
    return feats


def _bundled_features(name: str) -> list[dict[str, Any]]:
    res = resources.files(BUNDLED_PACKAGE).joinpath(BUNDLED_DIR, name)
    return read_geojson_features(res.read_bytes(), path=f"{BUNDLED_DIR}/{name}")


def _areas_from_ocha(
    admin1: Iterable[dict[str, Any]], admin2: Iterable[dict[str, Any]], admin4: Iterable[dict[str, Any]]
) -> tuple[list[AdminArea], list[Community]]:
    areas: list[AdminArea] = []
    for f in admin1:
        p = f["properties"]
        areas.append(AdminArea(p["PCODE"], Level.GOVERNORATE, p["NAME_EN"], p.get("NAME_ARA"), None, shape(f["geometry"])))
    for f in admin2:
        p = f["properties"]
        areas.append(
            AdminArea(p["PCODE"], Level.DISTRICT, p["NAME_EN"], p.get("NAME_ARA"), p.get("ADMIN1_COD"), shape(f["geometry"]))
        )
    communities: list[Community] = []
    seen3: set[str] = set()
    for f in admin4:
        p = f["properties"]
        a3 = p.get("ADMIN3_COD")
        if a3 and a3 not in seen3:
            seen3.add(a3)
            areas.append(AdminArea(a3, Level.SUBDISTRICT, p.get("ADMIN3_EN") or a3, p.get("ADMIN3_ARA"), p.get("ADMIN2_COD")))
        communities.append(Community(p["PCODE"], float(p["LONGITUDE"]), float(p["LATITUDE"]), a3))
    return areas, communities


@functools.cache
def load_admin_areas() -> AdminAreas:
    """The bundled OCHA Syria 2015 admin areas (loaded once per process).

    Examples
    --------
    >>> load_admin_areas() is load_admin_areas()
    True
    """
    areas, communities = _areas_from_ocha(
        _bundled_features("syr_admin1.geojson.gz"),
        _bundled_features("syr_admin2.geojson.gz"),
        _bundled_features("syr_admin4_point.geojson.gz"),
    )
    log.debug("loaded %d admin areas and %d communities", len(areas), len(communities))
    return AdminAreas("SY", areas, communities, country_name_en="Syria", country_name_ar="سوريا")
