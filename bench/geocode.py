"""Benchmark of the geocoder and the text scanner (issue #3, item 9).

Geocodes the distinct ``where_coordinates`` strings of UCDP GED events with ``where_prec`` 1–2
and compares each answer with UCDP's own coordinates (geodesic distance). Each string is
geocoded twice: by name only, and with the event's admin names (UCDP ``adm_2, adm_1``, e.g.
"Ar Rastan district, Homs Governorate") as ``context``, which is how an import calls the
geocoder; the table and the last line (``within_5km=``, the headline) report the second, the
"name only" row the first; both use the batched ``geocode_many``. Prints a table, the
speed in names per second, the text-scanning speed beside a bare automaton scan of the same
text, and ends with ``within_5km=<share>``.

The default gazetteer has names learned from coded events (UCDP GED 2016,
:mod:`hudna.gazetteer.learn`). Names learned from any of the events being scored are left out
first (``Gazetteer.excluding_records``), so a file is never scored against what was learned from
it: on UCDP 2016 itself the headline is the OCHA gazetteer's. The "time split" rows estimate
what learning brings to unseen events: names learned from the scored file's events before its
median date, scored on the strings of the later events, beside the same strings without them.

Usage::

    python bench/geocode.py [--ucdp CSV ...] [--gazetteer NAME_OR_PATH] [--scan-mb 8] [--misses N] [--repeat 3] [--split-date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
import warnings
from collections import defaultdict
from pathlib import Path

from pyproj import Geod

from hudna.errors import AmbiguousPlaceWarning
from hudna.gazetteer import Gazetteer, GeocodeResult, load_gazetteer
from hudna.gazetteer.learn import CodedPlace, learn_layer
from hudna.gazetteer.readers import read_coded_places
from hudna.text.normalize import keyed_text

DEFAULT_UCDP = Path("/work/shared/data/events/ucdp-ged-syria/ucdp_ged_syria_2016.csv")
SEED_AR = Path("/work/shared/data/corpora/seed/aleppo-2016-05-01.ar.txt")
FAKES_EN = Path("/work/shared/data/corpora/fakes-en/fakes_dev.csv")


def load_strings(coded: list[CodedPlace]) -> dict[str, list[tuple[float, float, str]]]:
    """Distinct place string → UCDP (lon, lat, "adm_2, adm_1") of its events with where_prec 1–2."""
    out: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for c in coded:
        if c.where_prec in (1, 2) and c.text.strip():
            out[c.text.strip()].append((c.lon, c.lat, c.context))
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
    ap.add_argument("--split-date", default=None, help="date of the time split (default: median event date)")
    args = ap.parse_args()
    warnings.simplefilter("ignore", AmbiguousPlaceWarning)

    t0 = time.perf_counter()
    full = load_gazetteer(args.gazetteer)
    load_s = time.perf_counter() - t0
    coded = [c for path in args.ucdp for c in read_coded_places(path, kind="ucdp")]
    # never score events against names learned from them
    gaz = full.excluding_records({c.record_id for c in coded})
    strings = load_strings(coded)
    names = sorted(strings)
    contexts = [strings[n][0][2] or None for n in names]
    # Warm-up: one-time loading work (the scan automaton used to read contexts), not names.
    gaz.geocode_many(["warm-up"], lang="en", contexts=["Homs Governorate"])
    # Each pass is timed --repeat times (median; the machine is shared). Nothing of a pass is
    # kept for the next but the loaded indexes: the contexts resolved by the previous pass and
    # the memoised keys of query words are forgotten (Gazetteer.clear_caches), so every pass
    # meets its names and its 60-odd contexts for the first time.
    plain_ts: list[float] = []
    ctx_ts: list[float] = []
    for _ in range(max(1, args.repeat)):
        gaz.clear_caches()
        t0 = time.perf_counter()
        plain = gaz.geocode_many(names, lang="en")
        plain_ts.append(time.perf_counter() - t0)
        gaz.clear_caches()
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
    print(f"learned names        {full.learned_name_count()} in the gazetteer; "
          f"{full.learned_name_count() - gaz.learned_name_count()} left out (learned from the scored events)")
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
    split = time_split(gaz, coded, args.split_date, geod)
    if split:
        day, n_learn, n_names, n_later, before, after = split
        print(f"{'time split':<12} {n_later:>6} {'':>7} {before:>7.1%} {'':>7}   <- strings of events from {day} on, without learning")
        print(f"{'  + learned':<12} {n_later:>6} {'':>7} {after:>7.1%} {'':>7}   <- with {n_names} names learned from {n_learn} earlier events")
    print()
    print(f"not found            {not_found:.1%} with context; {sum(1 for d in d_plain if d is None) / n:.1%} name only")
    far = sum(1 for d in found if d > 25_000) / n
    print(f"farther than 25 km   {far:.1%} with context (answers in the wrong place; not found is better)")
    if found:
        print(f"median distance      {statistics.median(found) / 1000:.2f} km (found only)")
    print(
        f"geocoding speed      {n / ctx_s:,.0f} names/s with context ({ctx_s * 1000:.0f} ms for {n}, geocode_many); "
        f"{n / plain_s:,.0f} names/s name only (median of {len(ctx_ts)} runs; the first with "
        f"context: {n / ctx_ts[0]:,.0f} names/s)"
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


def time_split(
    gaz: Gazetteer, coded: list[CodedPlace], split_date: str | None, geod: Geod
) -> tuple[str, int, int, int, float, float] | None:
    """Learn from the events before ``split_date`` (default: the median date), score the
    distinct strings of the later events (where_prec 1–2, context as above) without and with
    the learned names: (date, events learned from, names learned, strings scored, share
    within 5 km before, after)."""
    dated = sorted(c.date for c in coded if c.date)
    if len(dated) < 10:
        return None
    day = split_date or dated[len(dated) // 2]
    early = [c for c in coded if c.date and c.date < day]
    later: dict[str, CodedPlace] = {}
    for c in coded:
        if c.date and c.date >= day and c.where_prec <= 2:
            later.setdefault(" ".join(c.text.split()), c)
    if not early or not later:
        return None
    layer, _ = learn_layer(gaz, early, name="time-split", source="bench", licence="", id_prefix="SPLIT")
    learned = gaz.with_layer(layer)
    names = sorted(later)
    ctxs = [later[nm].context or None for nm in names]

    def share(g: Gazetteer) -> float:
        ok = 0
        for nm, r in zip(names, g.geocode_many(names, lang="en", contexts=ctxs), strict=True):
            c = later[nm]
            if r.pcode is not None and r.lon is not None and r.lat is not None and geod.inv(c.lon, c.lat, r.lon, r.lat)[2] <= 5000:
                ok += 1
        return ok / len(names)

    return day, len(early), len(layer.names), len(names), share(gaz), share(learned)


if __name__ == "__main__":
    main()
