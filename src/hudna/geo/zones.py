"""Zone geometry in metres: buffers and distances to the edge, vectorised point-in-zone tests.

Geometry is stored in EPSG:4326 (lon, lat). Buffers and distances are computed in an azimuthal
equidistant projection centred on the zone, so a ``buffer_m`` of 500 is 500 metres on the ground
(distortion stays below 1% within a few hundred kilometres of the centre, i.e. across Syria).
"""

from __future__ import annotations

import functools

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from hudna.errors import ValidationError


class ZoneShape:
    """A zone polygon (optionally buffered by ``buffer_m`` metres), ready for fast tests."""

    def __init__(self, geometry: BaseGeometry, *, buffer_m: float = 0.0) -> None:
        if geometry.is_empty:
            raise ValidationError("zone geometry is empty", field="geometry")
        minx, miny, maxx, maxy = geometry.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise ValidationError("zone geometry is not in lon/lat (EPSG:4326)", field="geometry")
        c = geometry.centroid
        self._proj = (
            f"+proj=aeqd +lat_0={c.y:.6f} +lon_0={c.x:.6f} +datum=WGS84 +units=m +no_defs"
        )
        self._source = geometry
        self.buffer_m = buffer_m
        # The projection (two pyproj Transformers, ~6 ms each to build, plus projecting every
        # vertex) is only needed for buffers and distances, so it is built lazily: a zone without
        # a buffer that is only used for point-in-zone tests never pays for it.
        self.geometry = (
            shapely.transform(self.projected, self._unproject, interleaved=False) if buffer_m > 0 else geometry
        )
        shapely.prepare(self.geometry)
        self.bounds = self.geometry.bounds

    @functools.cached_property
    def _fwd(self) -> Transformer:
        return Transformer.from_crs("EPSG:4326", self._proj, always_xy=True)

    @functools.cached_property
    def _inv(self) -> Transformer:
        return Transformer.from_crs(self._proj, "EPSG:4326", always_xy=True)

    @functools.cached_property
    def projected(self) -> BaseGeometry:
        """The zone (with its buffer) in the local azimuthal equidistant projection, metres."""
        projected = shapely.transform(self._source, self._project, interleaved=False)
        if self.buffer_m > 0:
            projected = projected.buffer(self.buffer_m)
        shapely.prepare(projected)
        return projected

    @functools.cached_property
    def boundary_m(self) -> BaseGeometry:
        """Edge of :attr:`projected` (metres)."""
        return self.projected.boundary

    def _project(self, x: NDArray[np.float64], y: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        return self._fwd.transform(x, y)

    def _unproject(self, x: NDArray[np.float64], y: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        return self._inv.transform(x, y)

    def contains_xy(self, lons: NDArray[np.float64], lats: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Vectorised point-in-zone (boundary counts as inside), with a bounding-box prefilter."""
        lons = np.asarray(lons, dtype=float)
        lats = np.asarray(lats, dtype=float)
        minx, miny, maxx, maxy = self.bounds
        out = np.zeros(lons.shape, dtype=bool)
        cand = (lons >= minx) & (lons <= maxx) & (lats >= miny) & (lats <= maxy)
        idx = np.nonzero(cand)[0]
        if idx.size:
            out[idx] = shapely.intersects_xy(self.geometry, lons[idx], lats[idx])
        return out

    def signed_distance_m(self, *, lon: float, lat: float) -> float:
        """Distance in metres from the point to the zone edge: positive inside, negative outside."""
        x, y = self._fwd.transform(lon, lat)
        point = shapely.Point(x, y)
        d = float(self.boundary_m.distance(point))
        return d if self.projected.covers(point) else -d

    def relate_area(self, area: BaseGeometry) -> bool | None:
        """True when ``area`` (lon/lat) lies inside the zone, False when disjoint, None when it straddles."""
        if self.geometry.covers(area):
            return True
        if not self.geometry.intersects(area):
            return False
        # Slivers along shared admin borders: treat overlaps under 0.1% of the area as touching.
        inter = self.geometry.intersection(area).area
        if area.area > 0 and inter / area.area > 0.999:
            return True
        if area.area > 0 and inter / area.area < 0.001:
            return False
        return None
