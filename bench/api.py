"""Benchmark of /api/events over 1,000,000 synthetic events (issue #6, PRODUCT.md: p95 < 50 ms).

For each backend (SQLite file; PostgreSQL when reachable):
1. create a fresh store (migrated) and bulk-load N synthetic events in big transactions,
2. start ``uvicorn --factory hudna.web.app:create_app`` on 127.0.0.1 (one worker),
3. drive ``/api/events`` with random bounding box (about 1 x 1 degree) + 30-day range queries
   (limit 100, Bearer token) from a separate load-generator process for a bounded time,
4. report p50/p95/p99 latency and requests per second.

The last line is ``sqlite_p95_ms=<x>``.

Usage: python bench/api.py [--events 1000000] [--seconds 20] [--concurrency 2] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

PG_URL = os.environ.get("HUDNA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LON = (35.7, 42.4)
LAT = (32.3, 37.3)
DAY0 = date(2012, 1, 1)
DAYS = 3653
TYPES = ("air_strike", "shelling", "armed_clash", "explosion", "shooting")
BATCH = 50_000


def synthetic_rows(n: int, seed: int = 7):
    """Yield batches of event rows (the shape of ``storage.codec.event_to_row``)."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    batch = []
    for i in range(n):
        d = DAY0 + timedelta(days=rng.randrange(DAYS))
        start = datetime(d.year, d.month, d.day, tzinfo=UTC)
        lon = round(rng.uniform(*LON), 5)
        lat = round(rng.uniform(*LAT), 5)
        best = rng.randrange(0, 20)
        batch.append(
            {
                "id": f"syn-{i:07d}",
                "origin": "synthetic",
                "origin_id": str(i),
                "date_start": d,
                "date_end": d,
                "date_prec": 1,
                "earliest_at": start,
                "latest_at": start + timedelta(hours=23, minutes=59),
                "event_type": TYPES[i % len(TYPES)],
                "actor1": "Side A",
                "actor2": "Side B",
                "actor1_id": None,
                "actor2_id": None,
                "directed": False,
                "type_of_violence": 1,
                "country_iso3": "SYR",
                "admin1_pcode": f"SY{1 + i % 14:02d}",
                "admin1": None,
                "admin2_pcode": None,
                "admin2": None,
                "admin3_pcode": None,
                "admin3": None,
                "location": f"place {i % 5000}",
                "location_pcode": None,
                "lat": lat,
                "lon": lon,
                "level": "community",
                "fatalities_low": best,
                "fatalities_best": best,
                "fatalities_high": best,
                "doc": {"sources": ["synthetic"]},
                "created_at": now,
            }
        )
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load(url: str, n: int) -> float:
    from hudna.services import users
    from hudna.storage import open_store

    store = open_store(url)
    t0 = time.perf_counter()
    for rows in synthetic_rows(n):
        with store.unit_of_work() as uow:
            uow.bulk_insert_event_rows(rows)
    elapsed = time.perf_counter() - t0
    if url.startswith("postgresql"):
        with store.engine.begin() as conn:  # type: ignore[attr-defined]
            conn.exec_driver_sql("ANALYZE events")
    else:
        with store.engine.begin() as conn:  # type: ignore[attr-defined]
            conn.exec_driver_sql("ANALYZE")
    users.add_user(store, "bench", "viewer", None)
    token = users.create_token(store, "bench", "bench")
    store.close()
    print(f"  loaded {n:,} events in {elapsed:.1f} s ({n / elapsed:,.0f}/s)", flush=True)
    return token


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = dict(os.environ, HUDNA_DATABASE_URL=url, HUDNA_MAX_PAGE_SIZE="5000")
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "hudna.web.app:create_app",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, env=env)
    import httpx

    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=1)
            return proc, port
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def generate(port: int, token: str, seconds: float, concurrency: int) -> dict[str, float]:
    """The load generator (run in its own process): closed loop, ``concurrency`` threads."""
    import httpx

    latencies: list[float] = []
    errors = 0
    rows = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        nonlocal errors, rows
        rng = random.Random(seed)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"},
                          timeout=10) as client:
            while time.perf_counter() < deadline:
                lon = rng.uniform(LON[0], LON[1] - 1)
                lat = rng.uniform(LAT[0], LAT[1] - 1)
                d = DAY0 + timedelta(days=rng.randrange(DAYS - 30))
                params = {"bbox": f"{lon:.3f},{lat:.3f},{lon + 1:.3f},{lat + 1:.3f}",
                          "start": d.isoformat(), "end": (d + timedelta(days=30)).isoformat(), "limit": "100"}
                t0 = time.perf_counter()
                r = client.get("/api/events", params=params)
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    if r.status_code != 200:
                        errors += 1
                    else:
                        rows += len(r.json()["items"])

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat_ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(lat_ms, n=100)
    return {"requests": len(lat_ms), "errors": errors, "rps": len(lat_ms) / wall, "p50": q[49], "p95": q[94],
            "p99": q[98], "mean_rows": rows / max(1, len(lat_ms))}


def run_backend(name: str, url: str, args: argparse.Namespace) -> dict[str, float]:
    print(f"{name}: {url.split('@')[-1]}", flush=True)
    token = load(url, args.events)
    proc, port = serve(url)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--generate", str(port), token, str(args.seconds), str(args.concurrency)],
            check=True, capture_output=True, text=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"  {result['requests']:,} requests in {args.seconds:.0f} s, concurrency {args.concurrency}: "
          f"{result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, "
          f"p99 {result['p99']:.1f} ms, {result['mean_rows']:.0f} rows/page, errors {result['errors']}", flush=True)
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--generate":
        port, token, seconds, concurrency = sys.argv[2:6]
        print(json.dumps(generate(int(port), token, float(seconds), int(concurrency))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hudna-bench-") as tmp:
        sqlite = run_backend("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", args)
    if not args.no_postgres:
        try:
            import psycopg

            raw = PG_URL.replace("postgresql+psycopg", "postgresql")
            schema = f"hudna_bench_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(raw, autocommit=True, connect_timeout=3) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            try:
                sep = "&" if "?" in PG_URL else "?"
                run_backend("postgresql", f"{PG_URL}{sep}options=-csearch_path%3D{schema}", args)
            finally:
                with psycopg.connect(raw, autocommit=True) as conn:
                    conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        except (ImportError, OSError, psycopg.OperationalError) as exc:  # type: ignore[name-defined]
            print(f"postgresql: skipped ({exc.__class__.__name__}: {exc})")
    print(f"sqlite_p95_ms={sqlite['p95']:.1f}")


if __name__ == "__main__":
    main()
