"""Error analysis for news extraction (issue #4): gold vs predicted, per article, with reasons.

Usage::

    python scripts/extract_errors.py ar [--half a|b|all] [--quiet]
    python scripts/extract_errors.py fakes [--half a|b|all] [--quiet] [--field cause]

``ar`` runs the seed article and snn-ar; ``fakes`` the FA-KES dev CSV. Halves are a fixed split
(articles / rows alternately by position) so rules can be tuned on one half and checked on the
other. Prints scores per half at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import warnings
from datetime import date
from pathlib import Path

CORPORA = Path("/work/shared/data/corpora")


def _half(i: int) -> str:
    return "a" if i % 2 == 0 else "b"


def _fmt(inc: dict) -> str:
    keys = ("event_type", "date", "governorate", "place_text", "place_pcode", "actor", "actor2",
            "killed", "killed_children")
    return " ".join(f"{k}={json.dumps(inc.get(k), ensure_ascii=False)}" for k in keys)


def run_ar(half: str, quiet: bool) -> None:
    from hudna.ingest.evaluate import _inc_match, _ok, extract_article, score_extraction, to_gold_v1
    from hudna.ingest.news import Article, iter_articles
    from hudna.ingest.pipeline import build_pipeline

    pipe = build_pipeline()
    seed_text = (CORPORA / "seed" / "aleppo-2016-05-01.ar.txt").read_text(encoding="utf-8")
    arts = [Article("seed-aleppo-2016-05-01", seed_text, published_on=date(2016, 5, 1), source="afp")]
    arts += list(iter_articles(CORPORA / "snn-ar" / "articles.jsonl"))
    golds = {}
    for f in (CORPORA / "seed" / "aleppo-2016-05-01.gold.jsonl", CORPORA / "snn-ar" / "gold.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                golds[g["doc_id"]] = g
    by_half: dict[str, tuple[list, list]] = {"a": ([], []), "b": ([], []), "all": ([], [])}
    for i, art in enumerate(arts):
        h = _half(i)
        if half != "all" and h != half:
            continue
        pred = to_gold_v1(extract_article(art, pipe))
        gold = golds[art.doc_id]
        for k in (h, "all"):
            by_half[k][0].append(gold)
            by_half[k][1].append(pred)
        if quiet:
            continue
        print(f"\n=== {art.doc_id} [{h}] published {art.published_on}  {art.title or ''}")
        used: set[int] = set()
        for p in pred["incidents"]:
            cands = [j for j, g in enumerate(gold["incidents"]) if j not in used and _inc_match(g, p)]
            if cands:
                # the scorer's choice: the gold item agreeing on most scored fields
                j = max(cands, key=lambda j: sum(_ok(gold["incidents"][j].get(f), p.get(f))
                                                 for f in ("place_pcode", "actor", "killed", "killed_children")))
                used.add(j)
                g = gold["incidents"][j]
                bad = [f for f in ("place_pcode", "actor", "killed", "killed_children")
                       if not _ok(g.get(f), p.get(f))]
                print(f"  TP  {_fmt(p)}" + (f"   WRONG {bad} gold: {_fmt(g)}" if bad else ""))
            elif any(_inc_match(o, p) for o in gold.get("incidents_optional", [])):
                print(f"  opt {_fmt(p)}")
            elif any(_inc_match(gold["incidents"][j], p) for j in used):
                print(f"  dup {_fmt(p)}")
            else:
                print(f"  FP  {_fmt(p)}")
        for j, g in enumerate(gold["incidents"]):
            if j not in used:
                print(f"  FN  {_fmt(g)}")
        for t in pred["truce_statements"]:
            print(f"  truce pred {t['status']} {t['zone_governorate']} until={t['until']}")
        for t in gold.get("truce_statements", []):
            print(f"  truce gold {t['status']} {t['zone_governorate']} until={t.get('until')}")
    for k in ("a", "b", "all"):
        gs, ps = by_half[k]
        if not gs:
            continue
        s = score_extraction(gs, ps)
        s.pop("documents")
        print(f"half {k}: {json.dumps(s)}")


def run_fakes(half: str, quiet: bool, field: str | None) -> None:
    from hudna.ingest.evaluate import _fakes_date, fakes_prediction
    from hudna.ingest.pipeline import Doc, build_pipeline

    pipe = build_pipeline()
    rows = list(csv.DictReader((CORPORA / "fakes-en" / "fakes_dev.csv").open(encoding="utf-8")))
    stats: dict[str, dict[str, int]] = {}
    for i, row in enumerate(rows):
        h = _half(i)
        if half != "all" and h != half:
            continue
        doc = pipe(Doc(row["article_content"], published_on=_fakes_date(row["date"]), lang_hint="en",
                       doc_id=row["unit_id"], title=row["article_title"]))
        pred = fakes_prediction(doc)
        gk = int(row["nb_civilians"] or 0) + int(row["nb_noncivilians"] or 0)
        ok = {
            "governorate": pred["location"] == row["location"],
            "actor": pred["actor"] == row["actor"],
            "cause": pred["cause_of_death"] == row["cause_of_death"],
            "killed": abs((pred["killed"] or 0) - gk) <= 0.1 * gk,
        }
        for k in (h, "all"):
            st = stats.setdefault(k, {"n": 0})
            st["n"] += 1
            for f, v in ok.items():
                st[f] = st.get(f, 0) + int(v)
        if quiet or (field and ok[field]) or (not field and all(ok.values())):
            continue
        print(f"\n=== row {i} [{h}] {row['unit_id']} {row['date']} {row['article_title'][:90]}")
        print(f"  gold: {row['location']} | {row['actor']} | {row['cause_of_death']} | killed {gk}")
        print(f"  pred: {pred['location']} | {pred['actor']} | {pred['cause_of_death']} | killed {pred['killed']}"
              f"   wrong: {[f for f, v in ok.items() if not v]}")
        if field:
            print("  text:", row["article_content"][:600])
    for k in ("a", "b", "all"):
        if k in stats:
            st = stats[k]
            n = st["n"]
            print(f"half {k}: n={n} " + " ".join(f"{f}={st.get(f, 0) / n:.3f}"
                                                for f in ("governorate", "cause", "actor", "killed")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", choices=("ar", "fakes"))
    ap.add_argument("--half", choices=("a", "b", "all"), default="all")
    ap.add_argument("--quiet", action="store_true", help="only the scores")
    ap.add_argument("--field", choices=("governorate", "actor", "cause", "killed"),
                    help="fakes: show rows wrong on this field, with text")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.corpus == "ar":
        run_ar(args.half, args.quiet)
    else:
        run_fakes(args.half, args.quiet, args.field)
    return 0


if __name__ == "__main__":
    sys.exit(main())
