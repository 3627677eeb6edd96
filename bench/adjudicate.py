"""Adjudication screening benchmark: hudna's engine against a GeoPandas baseline (issue #2, item 10).

The job: find every (event, regime) pair where the event (an instant ``t``) lies inside one of the
regime's windows (``start <= t < end``) and inside the regime's zone (the union of 1-5 OCHA
district polygons). Synthetic data: events uniform over Syria's bounding box with times uniform
over 2016; each regime has one window starting uniformly in 2016 and lasting 1-60 whole days.

Timed sections (data generation, polygon unions and GeoDataFrame construction are NOT timed):

* hudna: building ``EventArrays`` + building one ``ZoneShape`` per regime + ``pairs_in_zone_and_window``.
* GeoPandas: ``geopandas.sjoin(events, zones, predicate="within")`` + merging the regime windows
  onto the joined pairs + a vectorised pandas time filter. For ``within``, GeoPandas queries the
  R-tree of the event points with the zone polygons (``contains``); that tree is built before the
  clock starts, which favours the baseline slightly (~0.3 s at 1M points).

Each repeat gets fresh, unprepared copies of the zone polygons (made outside the clock) so that
preparing them is paid on every run by both sides. ``--also-time-first`` adds an informative
GeoPandas variant (time filter first, then ``GeoSeries.within`` per regime); it is not the
issue's baseline and does not change the last line.

Both results are compared as sets of (event index, regime index) pairs; the script exits with
status 1 when they differ. The last line printed is ``ratio_vs_geopandas=<baseline_s/hudna_s>``.

Run: ``python bench/adjudicate.py`` (defaults: 1,000,000 events x 100 regimes, 3 repeats).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from hudna.adjudicate.screen import EventArrays, pairs_in_zone_and_window
from hudna.domain.place import Level
from hudna.geo.admin import load_admin_areas
from hudna.geo.zones import ZoneShape

YEAR_START = datetime(2016, 1, 1, tzinfo=UTC)
YEAR_END = datetime(2017, 1, 1, tzinfo=UTC)
DAY_S = 86_400


@dataclass(frozen=True)
class Regime:
    pcodes: tuple[str, ...]
    geometry: BaseGeometry  # union of the district polygons, EPSG:4326
    start: datetime  # aware UTC
    end: datetime  # aware UTC, exclusive


@dataclass(frozen=True)
class BenchData:
    t_s: NDArray[np.int64]  # event instants, UTC epoch seconds
    lon: NDArray[np.float64]
    lat: NDArray[np.float64]
    regimes: list[Regime]

    @property
    def n_events(self) -> int:
        return int(self.t_s.size)


def make_data(n_events: int, n_regimes: int, seed: int) -> BenchData:
    """Synthetic events and regimes, deterministic for a given seed."""
    rng = np.random.default_rng(seed)
    areas = load_admin_areas()
    districts = sorted(
        (a.pcode, a.geometry)
        for a in areas.areas
        if a.level == Level.DISTRICT and a.geometry is not None
    )
    minx, miny, maxx, maxy = areas.get_geometry(areas.country_pcode).bounds
    y0, y1 = int(YEAR_START.timestamp()), int(YEAR_END.timestamp())
    t_s = rng.integers(y0, y1, size=n_events, dtype=np.int64)
    lon = rng.uniform(minx, maxx, size=n_events)
    lat = rng.uniform(miny, maxy, size=n_events)
    regimes: list[Regime] = []
    for _ in range(n_regimes):
        k = int(rng.integers(1, 6))
        picks = sorted(int(i) for i in rng.choice(len(districts), size=k, replace=False))
        geom = shapely.union_all([districts[i][1] for i in picks])
        start = YEAR_START + timedelta(seconds=int(rng.integers(0, y1 - y0)))
        end = start + timedelta(days=int(rng.integers(1, 61)))
        regimes.append(Regime(tuple(districts[i][0] for i in picks), geom, start, end))
    return BenchData(t_s, lon, lat, regimes)


def fresh_geometries(data: BenchData) -> list[BaseGeometry]:
    """Unprepared copies of the zone unions (exact WKB round trip), made outside the clock.

    ``ZoneShape`` and shapely's tree queries prepare geometries in place; without fresh copies the
    second and later repeats would get that work for free.
    """
    return list(shapely.from_wkb(shapely.to_wkb([r.geometry for r in data.regimes])))


# -- hudna -------------------------------------------------------------------------------------


def run_hudna(data: BenchData) -> tuple[tuple[NDArray[np.intp], NDArray[np.intp]], float]:
    """hudna's screening; returns ((event idx, regime idx), seconds).

    Timed: EventArrays (sort index) + one ZoneShape per regime + pairs_in_zone_and_window.
    """
    intervals = [[(r.start, r.end)] for r in data.regimes]  # datetimes built outside the clock
    geoms = fresh_geometries(data)
    t0 = time.perf_counter()
    events = EventArrays(data.t_s, data.t_s, data.lon, data.lat)
    regimes = [(iv, ZoneShape(g)) for iv, g in zip(intervals, geoms, strict=True)]
    pairs = pairs_in_zone_and_window(events, regimes)
    return pairs, time.perf_counter() - t0


# -- GeoPandas baseline --------------------------------------------------------------------------


def geopandas_frames(data: BenchData):  # type: ignore[no-untyped-def]
    """Events GeoDataFrame (with its spatial index built) and the regime windows (not timed).

    ``sjoin(predicate="within")`` queries the R-tree of the *left* frame (the event points) with
    the zone polygons and the ``contains`` predicate; that tree is built here, outside the clock,
    like an indexed layer loaded once (this favours the baseline by the tree build time).
    """
    import geopandas as gpd
    import pandas as pd

    events = gpd.GeoDataFrame(
        {"time": pd.to_datetime(data.t_s, unit="s", utc=True)},
        geometry=gpd.points_from_xy(data.lon, data.lat),
        crs="EPSG:4326",
    )
    _ = events.sindex
    windows = pd.DataFrame(
        {
            "regime": np.arange(len(data.regimes)),
            "start": pd.to_datetime([r.start for r in data.regimes], utc=True),
            "end": pd.to_datetime([r.end for r in data.regimes], utc=True),
        }
    )
    return events, windows


def zones_frame(data: BenchData):  # type: ignore[no-untyped-def]
    """Zones GeoDataFrame on fresh (unprepared) polygon copies (not timed)."""
    import geopandas as gpd

    return gpd.GeoDataFrame(
        {"regime": np.arange(len(data.regimes))}, geometry=fresh_geometries(data), crs="EPSG:4326"
    )


def run_geopandas(
    frames, data: BenchData
) -> tuple[tuple[NDArray[np.intp], NDArray[np.intp]], float]:  # type: ignore[no-untyped-def]
    """The same job as a competent GeoPandas user writes it; returns ((event idx, regime idx), s).

    Timed: sjoin(predicate="within") on the events' R-tree + merge of the windows + time filter.
    """
    import geopandas as gpd

    events, windows = frames
    zones = zones_frame(data)
    t0 = time.perf_counter()
    joined = gpd.sjoin(events, zones, how="inner", predicate="within")
    cand = (
        joined[["time", "regime"]]
        .reset_index(names="event")
        .merge(windows, on="regime", how="inner")
    )
    hit = cand[(cand["start"] <= cand["time"]) & (cand["time"] < cand["end"])]
    ev = hit["event"].to_numpy(dtype=np.intp)
    rg = hit["regime"].to_numpy(dtype=np.intp)
    return (ev, rg), time.perf_counter() - t0


def run_geopandas_time_first(
    frames, data: BenchData
) -> tuple[tuple[NDArray[np.intp], NDArray[np.intp]], float]:  # type: ignore[no-untyped-def]
    """Informative variant (not the issue's baseline): per regime, time filter first, then
    ``GeoSeries.within`` on a prepared zone polygon. Timed: the whole loop including preparing."""
    events, windows = frames
    zones = zones_frame(data)
    t0 = time.perf_counter()
    times = events["time"]
    points = events.geometry
    ev_out, rg_out = [], []
    for r, geom, start, end in zip(
        windows["regime"], zones.geometry, windows["start"], windows["end"], strict=True
    ):
        shapely.prepare(geom)
        sub = points[(times >= start) & (times < end)]
        idx = sub.index[sub.within(geom)].to_numpy(dtype=np.intp)
        ev_out.append(idx)
        rg_out.append(np.full(idx.size, r, dtype=np.intp))
    pairs = (np.concatenate(ev_out), np.concatenate(rg_out))
    return pairs, time.perf_counter() - t0


# -- comparison -------------------------------------------------------------------------------


def pair_keys(
    pairs: tuple[NDArray[np.intp], NDArray[np.intp]], n_regimes: int
) -> NDArray[np.int64]:
    """Sorted unique int64 keys ``event * n_regimes + regime`` of a pair list."""
    ev, rg = pairs
    return np.unique(ev.astype(np.int64) * n_regimes + rg.astype(np.int64))


def compare_pairs(
    a: tuple[NDArray[np.intp], NDArray[np.intp]],
    b: tuple[NDArray[np.intp], NDArray[np.intp]],
    n_regimes: int,
) -> tuple[int, int, int]:
    """(pairs in a, pairs only in a, pairs only in b); also checks neither side repeats a pair."""
    ka, kb = pair_keys(a, n_regimes), pair_keys(b, n_regimes)
    if ka.size != a[0].size or kb.size != b[0].size:
        raise AssertionError("a method returned the same (event, regime) pair twice")
    return int(ka.size), int(np.setdiff1d(ka, kb).size), int(np.setdiff1d(kb, ka).size)


# -- main -------------------------------------------------------------------------------------


def _fmt_rate(checks: int, seconds: float) -> str:
    return f"{checks / seconds:,.0f}" if seconds > 0 else "inf"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--regimes", type=int, default=100)
    p.add_argument("--seed", type=int, default=2016)
    p.add_argument("--repeat", type=int, default=3, help="timed runs of hudna (median reported)")
    p.add_argument(
        "--baseline-repeat",
        type=int,
        default=None,
        help="timed runs of GeoPandas (default: --repeat)",
    )
    p.add_argument("--skip-baseline", action="store_true")
    p.add_argument(
        "--also-time-first",
        action="store_true",
        help="also time an informative GeoPandas variant that filters by time before the geometry",
    )
    args = p.parse_args(argv)
    b_repeat = args.repeat if args.baseline_repeat is None else args.baseline_repeat

    t0 = time.perf_counter()
    data = make_data(args.events, args.regimes, args.seed)
    print(
        f"data: {args.events:,} events x {args.regimes} regimes, seed {args.seed} "
        f"(built in {time.perf_counter() - t0:.1f} s, not timed)",
        flush=True,
    )

    h_times: list[float] = []
    h_pairs = None
    for i in range(args.repeat):
        h_pairs, s = run_hudna(data)
        h_times.append(s)
        print(f"hudna run {i + 1}/{args.repeat}: {s:.3f} s", flush=True)
    assert h_pairs is not None
    h_med = statistics.median(h_times)
    checks = args.events * args.regimes

    g_med: float | None = None
    tf_med: float | None = None
    g_pairs = None
    same: bool | None = None
    if not args.skip_baseline:
        frames = geopandas_frames(data)
        g_times: list[float] = []
        for i in range(b_repeat):
            g_pairs, s = run_geopandas(frames, data)
            g_times.append(s)
            print(f"geopandas run {i + 1}/{b_repeat}: {s:.3f} s", flush=True)
        assert g_pairs is not None
        g_med = statistics.median(g_times)
        n_h, only_h, only_g = compare_pairs(h_pairs, g_pairs, args.regimes)
        same = only_h == 0 and only_g == 0
        print(
            f"pair check: hudna {n_h:,} pairs, geopandas {g_pairs[0].size:,} pairs, "
            f"only in hudna {only_h}, only in geopandas {only_g} -> "
            f"{'IDENTICAL' if same else 'DIFFERENT'}"
        )
        if args.also_time_first:
            tf_times: list[float] = []
            for i in range(b_repeat):
                tf_pairs, s = run_geopandas_time_first(frames, data)
                tf_times.append(s)
                print(f"geopandas time-first variant run {i + 1}/{b_repeat}: {s:.3f} s", flush=True)
            tf_med = statistics.median(tf_times)
            _, a, b = compare_pairs(h_pairs, tf_pairs, args.regimes)
            tf_same = a == 0 and b == 0
            same = same and tf_same
            print(
                f"pair check (time-first variant): only in hudna {a}, only in variant {b} -> "
                f"{'IDENTICAL' if tf_same else 'DIFFERENT'}"
            )

    rows = [
        ("events", f"{args.events:,}"),
        ("regimes", f"{args.regimes:,}"),
        ("candidate checks (events x regimes)", f"{checks:,}"),
        ("pairs found (hudna)", f"{h_pairs[0].size:,}"),
        (f"hudna seconds (median of {args.repeat})", f"{h_med:.3f}"),
        ("hudna checks per second", _fmt_rate(checks, h_med)),
    ]
    if g_med is not None:
        rows += [
            (f"geopandas seconds (median of {b_repeat})", f"{g_med:.3f}"),
            ("geopandas checks per second", _fmt_rate(checks, g_med)),
            ("same pairs", "yes" if same else "NO"),
        ]
    if tf_med is not None:
        rows += [
            (f"geopandas time-first variant seconds (median of {b_repeat})", f"{tf_med:.3f}"),
            ("  (informative only) ratio vs time-first variant", f"{tf_med / h_med:.2f}"),
        ]
    width = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{width}}  {v:>16}")
    if g_med is not None:
        print(f"ratio_vs_geopandas={g_med / h_med:.2f}")
    return 0 if same in (True, None) else 1


if __name__ == "__main__":
    sys.exit(main())
