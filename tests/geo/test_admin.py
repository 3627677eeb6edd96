"""Admin areas: point in polygon, nearest community in metres, geometries and names."""

from __future__ import annotations

import csv
import dataclasses
import time
from pathlib import Path

import numpy as np
import pytest
import shapely

from hudna.errors import NotFound
from hudna.geo.admin import distance_m, load_admin_areas

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def areas():
    return load_admin_areas()


def test_locate_ucdp_points_fills_pcodes_fast(areas):
    with (DATA / "ucdp_ged_syria_2016_sample.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    lons = np.array([float(r["longitude"]) for r in rows])
    lats = np.array([float(r["latitude"]) for r in rows])
    lons, lats = np.tile(lons, 21), np.tile(lats, 21)  # ~6,300 points, the size of UCDP 2016
    t0 = time.perf_counter()
    res = areas.locate_many(lons, lats)
    assert time.perf_counter() - t0 < 0.5
    assert len(res) == len(lons)
    assert np.mean([p is not None for p in res.admin1_pcode]) > 0.97
    assert np.nanmedian(res.distance_m) < 2000


@pytest.mark.parametrize(
    ("lon", "lat", "admin1", "admin2"),
    [
        (37.16, 36.20, "SY02", "SY0200"),  # Aleppo city
        (36.707602, 34.802462, "SY04", "SY0401"),  # UCDP point of Teir Maaleh
        (36.2913, 33.5138, "SY01", "SY0100"),  # Damascus
        (35.0, 20.0, None, None),  # outside Syria
    ],
)
def test_point_in_polygon(areas, lon, lat, admin1, admin2):
    loc = areas.locate(lon=lon, lat=lat)
    assert (loc.admin1_pcode, loc.admin2_pcode) == (admin1, admin2)


def test_nearest_community_distance_in_metres(areas):
    loc = areas.locate(lon=37.16, lat=36.20)
    assert loc.community_pcode == "C1007"
    assert 1000 < loc.distance_m < 3000


def test_nan_points_are_skipped(areas):
    res = areas.locate_many([np.nan], [np.nan])
    assert res.admin1_pcode[0] is None and np.isnan(res.distance_m[0])


def test_far_grid_settles_only_farther_points(areas):
    # the cells near_area skips the distance for: every point in them is farther than the radius
    from hudna.geo.admin import _far_grid

    rng = np.random.default_rng(5)
    for pcode, radius in (("SY04", 10_000.0), ("SY07", 10_000.0), ("SY0200", 2_000.0)):
        grid = _far_grid(areas.get_geometry(pcode), radius)
        minx, miny, maxx, maxy = areas.get_geometry(pcode).bounds
        settled = 0
        for lon, lat in zip(rng.uniform(minx - 0.3, maxx + 0.3, 400), rng.uniform(miny - 0.3, maxy + 0.3, 400), strict=True):
            if grid.surely_farther(float(lon), float(lat)):
                settled += 1
                assert areas.distance_to_area_m(pcode, lon=float(lon), lat=float(lat)) > radius
        assert settled > 40
    assert not _far_grid(shapely.box(179.5, 10.0, 180.0, 11.0), 10_000.0).surely_farther(170.0, 10.0)


def test_geometry_and_names(areas):
    assert areas.geometry("SY").contains(shapely.Point(36.63, 35.93))
    assert areas.geometry("SY0705").geom_type in ("Polygon", "MultiPolygon")
    assert areas.geometry("C1007") is None
    with pytest.raises(NotFound):
        areas.get_geometry("SY99")
    assert areas.name("SY07", "ar") == "إدلب"
    assert areas.name("SY070500", "en") == "Ariha"


def test_distance_is_geodesic():
    assert round(distance_m(lon1=37.16, lat1=36.20, lon2=36.29, lat2=33.51) / 1000) == 309


@pytest.mark.parametrize("grid_after", [1, None])
def test_near_area_agrees_with_the_distance(areas, grid_after, monkeypatch):
    # the bounding-box shortcut and the far grids only settle points that are surely farther:
    # on points around and across Syria (and at high latitudes, where degrees of longitude are
    # short) near_area answers as the measured distance does, with the grids made at once
    # (grid_after=1) or after the usual number of measurements
    from hudna.geo import admin
    from hudna.geo.admin import _surely_farther

    if grid_after is not None:
        monkeypatch.setattr(admin, "_GRID_AFTER", grid_after)
    areas = dataclasses.replace(areas)  # no grid of another test's
    rng = np.random.default_rng(3)
    for pcode in ("SY02", "SY04", "SY07", "SY0200"):
        for lon, lat in zip(rng.uniform(35.0, 42.5, 120), rng.uniform(32.0, 37.5, 120), strict=True):
            for radius in (1_000.0, 10_000.0, 60_000.0):
                d = areas.distance_to_area_m(pcode, lon=float(lon), lat=float(lat))
                assert areas.near_area(pcode, lon=float(lon), lat=float(lat), radius_m=radius) == (d <= radius)
    assert areas.near_area("C1007", lon=37.16, lat=36.20, radius_m=10_000) is False  # no polygon
    # the bound itself: never "farther" for a point whose distance to the box is within the radius
    for lat in (0.0, 45.0, 80.0, -85.0):
        box = (10.0, lat - 0.5, 11.0, lat + 0.5) if lat < 80 else (10.0, 79.0, 11.0, 79.5)
        for dlon in (0.01, 0.05, 0.2, 1.0, 5.0):
            qlon, qlat = 11.0 + dlon, min(box[3], max(box[1], lat))
            d = distance_m(lon1=qlon, lat1=qlat, lon2=11.0, lat2=qlat)
            assert not _surely_farther(box, qlon, qlat, d * 1.0001)
    if grid_after == 1:
        assert (("SY02", 10_000.0)) in areas._far_grids


def test_far_grid_is_made_once_it_pays(areas, monkeypatch):
    # a few questions are measured; the grid of a polygon and radius comes after _GRID_AFTER
    from hudna.geo import admin

    monkeypatch.setattr(admin, "_GRID_AFTER", 5)
    fresh = dataclasses.replace(areas)
    near = (36.9, 36.6)  # by Aleppo's governorate, inside its bounding box
    for _ in range(4):
        fresh.near_area("SY02", lon=near[0], lat=near[1], radius_m=10_000.0)
    assert ("SY02", 10_000.0) not in fresh._far_grids
    fresh.near_area("SY02", lon=near[0], lat=near[1], radius_m=10_000.0)
    assert ("SY02", 10_000.0) in fresh._far_grids
