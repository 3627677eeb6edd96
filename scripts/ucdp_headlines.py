"""How well the English places step finds the place of a UCDP GED event in its source headline
(issues #3 and #4): a recall check on press spellings that no hand-made list was fitted to.

UCDP GED codes each event with the headline of its source article (``source_headline``, mostly
SOHR, Syria Daily Report, Reuters ...) and its own coordinates and governorate (``adm_1``). For
every distinct (headline, event place) of events with ``where_prec`` 1–2, the headline is run
through the extraction pipeline (English, published on ``date_start``) and its place mentions
(foreign ones left out) are compared with the event:

* ``gov`` — some mention lies in the event's governorate (UCDP ``adm_1``, geocoded);
* ``5km`` — some mention with coordinates lies within 5 km of UCDP's point;
* ``mentions`` — mentions per headline, and the share of them with a P-code (a sanity check
  against noise: a rule that finds more places everywhere also raises the two recalls); then,
  for the press-spelling mentions and the others apart, the share lying in the event's
  governorate (a precision proxy).

Headlines often name other places than the event's (a daily report lists a dozen fronts), so
neither share reaches 1; the figures are for comparing two versions of the rules on the same
headlines. The names learned from UCDP GED 2016 (``hudna.gazetteer.learn``) are left out, as in
``bench/geocode.py``: they were learned from these very events.

Usage::

    python scripts/ucdp_headlines.py [--ucdp CSV] [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import html
import warnings
from datetime import date
from pathlib import Path

from pyproj import Geod

UCDP = Path("/work/shared/data/events/ucdp-ged-syria/ucdp_ged_syria_2016.csv")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ucdp", type=Path, default=UCDP)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N headlines")
    ap.add_argument("--show", type=int, default=0, help="print N headlines whose event place was missed")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from hudna.gazetteer import load_gazetteer
    from hudna.gazetteer.readers import read_coded_places
    from hudna.ingest.pipeline import Doc, build_pipeline

    full = load_gazetteer()
    gaz = full.excluding_records({c.record_id for c in read_coded_places(args.ucdp, kind="ucdp")})
    pipe = build_pipeline(gazetteer=gaz)
    seen: set[tuple[str, str]] = set()
    rows: list[tuple[str, str, float, float, str | None, date]] = []
    with args.ucdp.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            head = " ".join(html.unescape(r["source_headline"]).split())
            if r["where_prec"] not in ("1", "2") or not head or (head, r["where_coordinates"]) in seen:
                continue
            seen.add((head, r["where_coordinates"]))
            gov = gaz.geocode(r["adm_1"], lang="en")
            rows.append((head, r["where_coordinates"], float(r["longitude"]), float(r["latitude"]),
                         gov.pcode if gov.level == "governorate" else None,
                         date.fromisoformat(r["date_start"][:10])))
    if args.limit:
        rows = rows[: args.limit]
    geod = Geod(ellps="WGS84")
    n_gov = n_5km = n_mentions = n_coded = 0
    # mentions with a governorate, by how they were found: (in the event's governorate, all)
    agree: dict[str, list[int]] = {"spelling": [0, 0], "other": [0, 0]}
    missed: list[str] = []
    docs: dict[tuple[str, date], list] = {}
    for head, where, lon, lat, gov, day in rows:
        key = (head, day)
        if key not in docs:
            doc = pipe(Doc(head, published_on=day, lang_hint="en"))
            docs[key] = [p.place for p in doc["places"] if not p.foreign]
        places = docs[key]
        n_mentions += len(places)
        n_coded += sum(1 for p in places if p.pcode)
        if gov and any(p.admin1_pcode == gov for p in places):
            n_gov += 1
        for p in places:
            if gov and p.admin1_pcode:
                tally = agree["spelling" if p.reason == "spelling" else "other"]
                tally[0] += p.admin1_pcode == gov
                tally[1] += 1
        near = any(p.lat is not None and p.lon is not None
                   and geod.inv(lon, lat, p.lon, p.lat)[2] <= 5000 for p in places)
        if near:
            n_5km += 1
        elif len(missed) < args.show:
            found = ", ".join(f"{p.text}={p.pcode or p.admin1_pcode}" for p in places) or "-"
            missed.append(f"  {where!r:32} | {head[:110]} | found: {found}")
    n = max(len(rows), 1)
    print(f"headlines            {len(rows)} distinct (headline, event place) of where_prec 1-2 events; "
          f"{len(docs)} distinct headlines extracted")
    print(f"event governorate    {n_gov / n:.1%} (a mention in UCDP's adm_1)")
    print(f"event place <=5 km   {n_5km / n:.1%} (a mention within 5 km of UCDP's point)")
    print(f"mentions             {n_mentions / n:.2f} per headline, {n_coded / max(n_mentions, 1):.1%} with a P-code")
    for kind, (ok, total) in agree.items():
        print(f"  {kind + ' mentions':<18} {ok / max(total, 1):.1%} of {total} in the event's governorate "
              "(a precision proxy: headlines also name other fronts)")
    for line in missed:
        print(line)
    print(f"headline_gov={n_gov / n:.4f} headline_5km={n_5km / n:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
