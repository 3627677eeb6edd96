"""Smoke test of bench/adjudicate.py: hudna's screening and the GeoPandas baseline agree."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "adjudicate.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    pytest.importorskip("geopandas")
    name = "hudna_bench_adjudicate"
    spec = importlib.util.spec_from_file_location(name, BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def test_hudna_and_geopandas_give_identical_pairs(bench: ModuleType) -> None:
    data = bench.make_data(2_000, 5, seed=7)
    (h_ev, h_rg), _ = bench.run_hudna(data)
    (g_ev, g_rg), _ = bench.run_geopandas(bench.geopandas_frames(data), data)
    assert h_ev.size > 0  # the check is not vacuous
    n, only_h, only_g = bench.compare_pairs((h_ev, h_rg), (g_ev, g_rg), 5)
    assert (n, only_h, only_g) == (h_ev.size, 0, 0)
    # Brute force on the same data: window start <= t < end and point in the union polygon.
    import shapely

    want = set()
    for r, reg in enumerate(data.regimes):
        in_time = (data.t_s >= int(reg.start.timestamp())) & (data.t_s < int(reg.end.timestamp()))
        in_zone = shapely.intersects_xy(reg.geometry, data.lon, data.lat)
        want |= {(int(e), r) for e in np.flatnonzero(in_time & in_zone)}
    assert set(zip(h_ev.tolist(), h_rg.tolist(), strict=True)) == want


def test_data_is_deterministic(bench: ModuleType) -> None:
    a, b = bench.make_data(300, 3, seed=1), bench.make_data(300, 3, seed=1)
    assert np.array_equal(a.t_s, b.t_s) and np.array_equal(a.lon, b.lon)
    assert [(r.pcodes, r.start, r.end) for r in a.regimes] == [
        (r.pcodes, r.start, r.end) for r in b.regimes
    ]
    assert all(1 <= len(r.pcodes) <= 5 for r in a.regimes)
    assert all(1 <= (r.end - r.start).days <= 60 for r in a.regimes)


def test_compare_pairs_reports_differences(bench: ModuleType) -> None:
    a = (np.array([1, 2, 3]), np.array([0, 0, 1]))
    b = (np.array([1, 3, 4]), np.array([0, 1, 1]))
    assert bench.compare_pairs(a, b, 2) == (3, 1, 1)


def test_main_prints_table_and_ratio_last(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = bench.main(
        ["--events", "1000", "--regimes", "4", "--repeat", "1", "--seed", "3", "--also-time-first"]
    )
    out = capsys.readouterr().out.strip().splitlines()
    assert rc == 0
    assert any(line.startswith("same pairs") and line.endswith("yes") for line in out)
    assert out[-1].startswith("ratio_vs_geopandas=")
    float(out[-1].split("=", 1)[1])
