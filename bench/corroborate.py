"""Corroboration benchmark: clustering and grading synthetic claims with known truth (issue #5).

The generator draws incidents from the real UCDP GED Syria 2016 events
(``../shared/data/events/ucdp-ged-syria/ucdp_ged_syria_2016.csv`` by default): each synthetic
incident copies one UCDP event's place (governorate, district, named location and coordinates),
day of year, precision, perpetrator and deaths; its event type is drawn from the UCDP type of
violence. To keep the density of incidents per place and day as in the real data, incident ``k``
is shifted by ``k // n_ucdp`` whole years (so 400,000 incidents span about 65 "years" of 2016s).
Each incident gets 1-4 reports (40/30/20/10 %); a report quotes an originator from a realistic
pool, is published by an outlet, and with 25 % probability is a republication (same originator,
another outlet). Per claim noise: 15 % give only the district or governorate, 10 % a two-day
range, 20 % no perpetrator, casualty figures vary by up to +-30 %.

Changed for ``clustering.v2`` (documented in docs/corroboration.md): the first generator gave
distinct incidents at the same place, day and type nothing but the toll to tell them apart,
while real reports also name the side hit and who died. Each claim now also carries, from the
same UCDP row: the **target** (``side_b``; omitted in 40 % of claims), **who died**
(``civilians``/``combatants``/``mixed`` from ``deaths_civilians`` vs ``deaths_a + deaths_b``;
omitted in 30 % of claims with a toll) and a **publication time** (4-40 h after the incident day
starts, independent of the figures, so the "later report may raise the toll" allowance only
ever costs precision here). Actors are grouped into camps (``ucdp_camp``). The figure noise, the
coarse places, the day ranges and the republications are unchanged.

Timed: building the claim records is not timed; ``cluster_claims`` and grading every event
(``summarise`` with ``corroboration.v1``) are. Pairwise precision/recall compare the clustering
with the generator's truth (pairs of claims placed together).

Run: ``python bench/corroborate.py`` (sizes 100k, 300k, 1M). Last lines ``seconds_1m=<s>`` and
``pairwise_f1=<f>`` (F1 at the largest size).
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hudna.corroborate.cluster import CLUSTERINGS, DEFAULT_CLUSTERING, cluster_claims
from hudna.corroborate.model import ClaimRecord, SourceView
from hudna.corroborate.summary import summarise

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared/data/events/ucdp-ged-syria/ucdp_ged_syria_2016.csv"

ORIGINATORS = [
    ("sohr", 30), ("syrian-civil-defence", 12), ("sana", 12), ("activists", 10), ("lcc", 5),
    ("snhr", 5), ("russian-mod", 5), ("local-sources", 6), ("amaq", 3), ("hawar-anha", 3),
    ("vdc", 3), ("afp", 6),
]
PUBLISHERS = ["afp", "reuters", "ap", "al-jazeera", "al-arabiya", "asharq-al-awsat", "enab-baladi",
              "orient-news", "sana", "syrian-state-tv", "tass", "ria-novosti", "sputnik"]
TYPES_BY_VIOLENCE = {
    1: (["armed_clash", "air_strike", "shelling", "explosion"], [45, 30, 20, 5]),
    2: (["armed_clash", "explosion", "shelling"], [70, 20, 10]),
    3: (["air_strike", "shooting", "execution", "explosion"], [45, 25, 15, 15]),
}
SOURCES = {
    "sohr": SourceView("hr_observatory", "opposition", "opposition"),
    "syrian-civil-defence": SourceView("civil_defence", "opposition", "opposition"),
    "sana": SourceView("state_media", "government", "pro-government"),
    "russian-mod": SourceView("party_military", "russia", "pro-government"),
    "afp": SourceView("news_agency", "independent"),
}
CAMPS = {"syrian-government": "pro-government", "russia": "pro-government"}
#: Share of claims that do not name the side hit (an assumption: reports name the attacker more
#: often than the target, e.g. "regime warplanes struck Douma").
TARGET_OMITTED = 0.4
#: Share of claims with a toll that do not say who died ("5 people were killed").
VICTIMS_OMITTED = 0.3


def ucdp_camp(actor: str) -> str:
    """The side of a UCDP actor (side_a/side_b), as hudna's camps group actors."""
    if actor in ("Government of Syria", "NDF (Syria)", "Hezbollah"):
        return "pro-government"
    if actor == "IS":
        return "isis"
    if actor in ("SDF", "PKK"):
        return "kurdish-administration"
    if actor == "Jabhat Fateh al-Sham":
        return "nusra"
    if actor.startswith("Government of") or actor == "Civilians":
        return actor
    return "opposition"  # Syrian insurgents and the named rebel groups and operations rooms


@dataclass(frozen=True, slots=True)
class Seed:
    day: int  # day of year 0..365
    admin1: str
    admin2: str
    pcode: str
    level: str
    lat: float
    lon: float
    violence: int
    perpetrator: str
    target: str
    best: int
    victims: str | None  # from UCDP's deaths_civilians vs deaths_a + deaths_b


def victims_of(row: dict[str, str]) -> str | None:
    """Who UCDP says died: civilians, combatants (deaths_a + deaths_b), mixed, or None."""
    civ = int(row["deaths_civilians"] or 0)
    comb = int(row["deaths_a"] or 0) + int(row["deaths_b"] or 0)
    if civ and comb:
        return "mixed"
    return "civilians" if civ else ("combatants" if comb else None)


def load_seeds(path: Path) -> list[Seed]:
    admin1: dict[str, str] = {}
    admin2: dict[str, str] = {}
    places: dict[str, str] = {}
    seeds = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            a1 = admin1.setdefault(row["adm_1"], f"SY{len(admin1) + 1:02d}")
            a2 = admin2.setdefault(row["adm_2"], f"{a1}{len(admin2):02d}")
            prec = int(row["where_prec"] or 1)
            if prec <= 2:
                level, pcode = "community", places.setdefault(row["where_coordinates"], f"C{len(places):05d}")
            elif prec == 3:
                level, pcode = "district", a2
            else:
                level, pcode = "governorate", a1
            d = date.fromisoformat(row["date_start"])
            seeds.append(Seed(
                day=d.timetuple().tm_yday - 1, admin1=a1, admin2=a2 if level != "governorate" else "",
                pcode=pcode, level=level, lat=float(row["latitude"]), lon=float(row["longitude"]),
                violence=int(row["type_of_violence"]), perpetrator=row["side_a"], target=row["side_b"],
                best=int(row["best"] or 0), victims=victims_of(row),
            ))
    return seeds


def generate(seeds: list[Seed], n_claims: int, rng: random.Random) -> tuple[list[ClaimRecord], list[int]]:
    """Claims and the true incident of each."""
    origins = [o for o, _ in ORIGINATORS]
    oweights = [w for _, w in ORIGINATORS]
    base = date(1900, 1, 1).toordinal()
    records: list[ClaimRecord] = []
    truth: list[int] = []
    incident = 0
    cid = 0
    n_seeds = len(seeds)
    while cid < n_claims:
        s = seeds[incident % n_seeds]
        day = base + (incident // n_seeds) * 366 + s.day
        types, tw = TYPES_BY_VIOLENCE.get(s.violence, TYPES_BY_VIOLENCE[1])
        etype = rng.choices(types, tw)[0]
        n_reports = rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0]
        originator = None
        for k in range(n_reports):
            if cid >= n_claims:
                break
            if k == 0 or rng.random() >= 0.25:
                originator = rng.choices(origins, oweights)[0]
            publisher = rng.choice(PUBLISHERS)
            level, pcode, admin2 = s.level, s.pcode, s.admin2 or None
            r = rng.random()
            if level == "community" and r < 0.10:
                level, pcode = "district", s.admin2
            elif r < 0.15:
                level, pcode, admin2 = "governorate", s.admin1, None
            first = day - 1 if rng.random() < 0.10 else day
            killed = max(0, round(s.best * rng.uniform(0.7, 1.3))) if s.best else None
            published = datetime.fromordinal(day).replace(tzinfo=UTC) + timedelta(hours=rng.uniform(4, 40))
            records.append(ClaimRecord(
                claim_id=cid, report_id=f"r{cid}", event_type=etype, first_day=first, last_day=day,
                admin1=s.admin1, admin2=admin2, pcode=pcode, level=level,
                lat=s.lat, lon=s.lon, perpetrator=None if rng.random() < 0.2 else s.perpetrator,
                target=None if rng.random() < TARGET_OMITTED else s.target,
                victims=None if killed is None or rng.random() < VICTIMS_OMITTED else s.victims,
                killed=killed, originator=originator, publisher=publisher, published=published,
            ))
            truth.append(incident)
            cid += 1
        incident += 1
    return records, truth


def pairwise(pred: list[int], truth: list[int]) -> tuple[float, float, float]:
    def pairs(counter: Counter[int] | Counter[tuple[int, int]]) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp = pairs(Counter(zip(pred, truth, strict=True)))
    pp, tt = pairs(Counter(pred)), pairs(Counter(truth))
    p = tp / pp if pp else 1.0
    r = tp / tt if tt else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(seeds: list[Seed], n: int, seed: int, rule: str = DEFAULT_CLUSTERING) -> dict[str, float]:
    records, truth = generate(seeds, n, random.Random(seed))
    camps = CAMPS | {a: ucdp_camp(a) for s in seeds for a in (s.perpetrator, s.target)}
    voice_camps = {sid: v.camp for sid, v in SOURCES.items() if v.camp}
    gc.collect()
    gc.disable()
    t0 = time.perf_counter()
    result = cluster_claims(records, rule=rule, actor_camps=camps, voice_camps=voice_camps)
    t1 = time.perf_counter()
    grades: Counter[str] = Counter()
    for c in result.live():
        grades[summarise(records, c.members, sources=SOURCES, actor_camps=camps).grade.value] += 1
    t2 = time.perf_counter()
    gc.enable()
    pred = [0] * len(records)
    for ci, c in enumerate(result.clusters):
        for i in c.members:
            pred[i] = ci
    p, r, f1 = pairwise(pred, truth)
    return {
        "claims": n, "incidents": len(set(truth)), "events": len(result.live()),
        "cluster_s": t1 - t0, "grade_s": t2 - t1, "seconds": t2 - t0,
        "claims_per_s": n / (t2 - t0), "precision": p, "recall": r, "f1": f1,
        "fair_share": grades["fair"] / max(1, sum(grades.values())),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--sizes", default="100000,300000,1000000")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--rule", default=DEFAULT_CLUSTERING, choices=CLUSTERINGS)
    args = ap.parse_args(argv)
    seeds = load_seeds(args.csv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"seed events: {len(seeds)} UCDP GED Syria 2016 rows from {args.csv.name}; rule {args.rule}")
    print(f"generator: v2 (adds UCDP side_b as target, {1 - TARGET_OMITTED:.0%} named; who died from "
          f"deaths_*, {1 - VICTIMS_OMITTED:.0%} said; publication times independent of figures)")
    print(f"{'claims':>9} {'incidents':>9} {'events':>9} {'cluster_s':>9} {'grade_s':>8} {'total_s':>8} "
          f"{'claims/s':>9} {'prec':>6} {'recall':>6} {'f1':>6} {'fair%':>6}")
    rows = []
    for n in sizes:
        row = run(seeds, n, args.seed, args.rule)
        rows.append(row)
        print(f"{n:>9,} {row['incidents']:>9,.0f} {row['events']:>9,.0f} {row['cluster_s']:>9.2f} "
              f"{row['grade_s']:>8.2f} {row['seconds']:>8.2f} {row['claims_per_s']:>9,.0f} "
              f"{row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} {100 * row['fair_share']:>6.1f}")
        sys.stdout.flush()
    if len(rows) >= 2:
        per = [r["seconds"] / r["claims"] * 1e6 for r in rows]
        print("microseconds per claim: " + ", ".join(f"{x:.1f}" for x in per)
              + f" (growth {per[-1] / per[0]:.2f}x from smallest to largest)")
    last = rows[-1]
    one_m = next((r for r in rows if r["claims"] == 1_000_000), None)
    print(f"seconds_1m={(one_m or last)['seconds'] * (1 if one_m else 1_000_000 / last['claims']):.2f}")
    print(f"pairwise_f1={last['f1']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
