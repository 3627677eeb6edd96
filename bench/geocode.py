"""Benchmark of the geocoder and the text scanner (issue #3, item 9).

Geocodes the distinct ``where_coordinates`` strings of UCDP GED events with ``where_prec`` 1–2
and compares each answer with UCDP's own coordinates (geodesic distance). Each string is
geocoded twice: by name only, and with the event's admin names (UCDP ``adm_2, adm_1``, e.g.
"Ar Rastan district, Homs Governorate") as ``context``, which is how an import calls the
geocoder; the table and the last line (``within_5km=``, the headline) report the second, the
"name only" row the first; both use the batched ``geocode_many``. Prints a table, the
speed in names per second, the text-scanning speed beside a bare automaton scan of the same
text, and ends with ``within_5km=<share>``.

Usage::

    python bench/geocode.py [--ucdp CSV ...] [--gazetteer NAME_OR_PATH] [--scan-mb 8] [--misses N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

from pyproj import Geod

from hudna.errors import AmbiguousPlaceWarning
from hudna.gazetteer import GeocodeResult, load_gazetteer
from hudna.text.normalize import keyed_text

DEFAULT_UCDP = Path("/work/shared/data/events/ucdp-ged-syria/ucdp_ged_syria_2016.csv")
SEED_AR = Path("/work/shared/data/corpora/seed/aleppo-2016-05-01.ar.txt")
FAKES_EN = Path("/work/shared/data/corpora/fakes-en/fakes_dev.csv")


def load_strings(paths: list[Path]) -> dict[str, list[tuple[float, float, str]]]:
    """Distinct place string → UCDP (lon, lat, "adm_2, adm_1") of its events with where_prec 1–2."""
    out: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    csv.field_size_limit(sys.maxsize)
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["where_prec"] in ("1", "2") and row["where_coordinates"].strip():
                    ctx = ", ".join(x for x in (row["adm_2"], row["adm_1"]) if x)
                    out[row["where_coordinates"].strip()].append((float(row["longitude"]), float(row["latitude"]), ctx))
    return out


def scan_corpus(target_mb: float) -> str:
    parts: list[str] = []
    if SEED_AR.exists():
        parts.append(SEED_AR.read_text(encoding="utf-8"))
    if FAKES_EN.exists():
        with FAKES_EN.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                parts.append(row.get("article_content", ""))
                if i > 60:
                    break
    base = "\n\n".join(parts) or "Shelling on Aleppo countryside and حلب."
    reps = max(1, int(target_mb * 1e6 / len(base.encode("utf-8"))))
    return "\n\n".join([base] * reps)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ucdp", type=Path, nargs="*", default=[DEFAULT_UCDP])
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--scan-mb", type=float, default=8.0)
    ap.add_argument("--misses", type=int, default=0, help="print this many of the worst answers")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each geocoding pass (median reported)")
    args = ap.parse_args()
    warnings.simplefilter("ignore", AmbiguousPlaceWarning)

    t0 = time.perf_counter()
    gaz = load_gazetteer(args.gazetteer)
    load_s = time.perf_counter() - t0
    strings = load_strings(args.ucdp)
    names = sorted(strings)
    contexts = [strings[n][0][2] or None for n in names]
    # Warm-up: one-time loading work (the scan automaton used to read contexts), not names.
    gaz.geocode_many(["warm-up"], lang="en", contexts=["Homs Governorate"])
    # Each pass is timed --repeat times (median; the machine is shared). Nothing of a pass is
    # kept for the next but the loaded indexes: the contexts resolved by the previous pass are
    # forgotten, so every with-context pass resolves its 60-odd contexts again.
    plain_ts: list[float] = []
    ctx_ts: list[float] = []
    for _ in range(max(1, args.repeat)):
        gaz._context_cache.clear()
        t0 = time.perf_counter()
        plain = gaz.geocode_many(names, lang="en")
        plain_ts.append(time.perf_counter() - t0)
        gaz._context_cache.clear()
        t0 = time.perf_counter()
        with_ctx = gaz.geocode_many(names, lang="en", contexts=contexts)
        ctx_ts.append(time.perf_counter() - t0)
    plain_s, ctx_s = statistics.median(plain_ts), statistics.median(ctx_ts)
    geod = Geod(ellps="WGS84")

    def distances(results: list[GeocodeResult]) -> list[float | None]:
        out: list[float | None] = []
        for name, res in zip(names, results, strict=True):
            if res.pcode is None or res.lon is None or res.lat is None:
                out.append(None)
                continue
            lon, lat, _ = strings[name][0]
            out.append(float(geod.inv(lon, lat, res.lon, res.lat)[2]))
        return out

    n = len(names)
    d_plain, d_ctx = distances(plain), distances(with_ctx)

    def shares(ds: list[float | None]) -> list[float]:
        return [sum(1 for d in ds if d is not None and d <= km * 1000) / max(len(ds), 1) for km in (1, 5, 25)]

    results, dists = with_ctx, d_ctx
    share = dict(zip((1, 5, 25), shares(d_ctx), strict=True))
    not_found = sum(1 for d in dists if d is None) / n
    found = [d for d in dists if d is not None]
    by_method: dict[str, list[float | None]] = defaultdict(list)
    for res, d in zip(results, dists, strict=True):
        by_method[(res.method or "not found").split("+")[0]].append(d)

    # Text scanning: our scanner vs a bare automaton over the same (already keyed) text.
    text = scan_corpus(args.scan_mb)
    mb = len(text.encode("utf-8")) / 1e6
    gaz.scan("warm-up حلب")
    scan_s = bare_s = float("inf")
    auto = gaz._automaton
    for _ in range(3):  # best of three runs, for the scanner and the bare automaton alike
        t0 = time.perf_counter()
        hits = gaz.scan(text)
        scan_s = min(scan_s, time.perf_counter() - t0)
        key = " " + keyed_text(text, "auto").key + " "
        t0 = time.perf_counter()
        bare = sum(1 for _ in auto.iter(key))
        bare_s = min(bare_s, time.perf_counter() - t0)

    print(f"gazetteer            {gaz.version} (loaded in {load_s:.2f} s)")
    print(f"UCDP files           {', '.join(p.name for p in args.ucdp)}")
    print(f"distinct strings     {n} (events with where_prec 1-2)")
    print()
    print(f"{'method':<12} {'n':>6} {'<=1km':>7} {'<=5km':>7} {'<=25km':>7}")
    for m, ds in sorted(by_method.items(), key=lambda kv: -len(kv[1])):
        f = [d for d in ds if d is not None]
        row = [sum(1 for d in f if d <= km * 1000) / len(ds) for km in (1, 5, 25)]
        print(f"{m:<12} {len(ds):>6} {row[0]:>7.1%} {row[1]:>7.1%} {row[2]:>7.1%}")
    print(f"{'with context':<12} {n:>6} {share[1]:>7.1%} {share[5]:>7.1%} {share[25]:>7.1%}   <- headline: context = UCDP adm_2, adm_1")
    sp = shares(d_plain)
    print(f"{'name only':<12} {n:>6} {sp[0]:>7.1%} {sp[1]:>7.1%} {sp[2]:>7.1%}   <- no context")
    print()
    print(f"not found            {not_found:.1%} with context; {sum(1 for d in d_plain if d is None) / n:.1%} name only")
    if found:
        print(f"median distance      {statistics.median(found) / 1000:.2f} km (found only)")
    print(
        f"geocoding speed      {n / ctx_s:,.0f} names/s with context ({ctx_s * 1000:.0f} ms for {n}, geocode_many); "
        f"{n / plain_s:,.0f} names/s name only (median of {len(ctx_ts)} runs)"
    )
    print(f"text scanning        {mb / scan_s:.1f} MB/s ({mb:.1f} MB, {len(hits):,} hits; best of 3, keying included)")
    print(f"bare automaton       {mb / bare_s:.1f} MB/s ({bare:,} raw hits; ceiling: automaton only, on keyed text)")
    if args.misses:
        print()
        worst = sorted(
            ((d if d is not None else float("inf"), nm, r) for nm, r, d in zip(names, results, dists, strict=True)),
            key=lambda x: -x[0],
        )[: args.misses]
        for d, nm, r in worst:
            print(f"  {d / 1000:8.1f} km  {nm!r} -> {r.pcode} {r.name_en} ({r.method}, {r.score})")
    print(f"within_5km (with context)={share[5]:.4f}; name only={sp[1]:.4f}")
    print(f"within_5km={share[5]:.4f}")


if __name__ == "__main__":
    main()
