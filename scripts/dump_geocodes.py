"""Write every full geocoding answer of the benchmark's and the extraction's queries to one JSONL
file, so that two versions of the geocoder can be compared byte for byte (issue #3).

Usage::

    python scripts/dump_geocodes.py before.jsonl   # on the old commit
    python scripts/dump_geocodes.py after.jsonl
    cmp before.jsonl after.jsonl

Queries:

* every distinct UCDP GED 2016 string (where_prec 1–2) as ``bench/geocode.py`` geocodes it
  (``geocode_many``, names learned from the scored events left out), with its UCDP admin names
  as context and without; then once more name by name with ``geocode`` (the scalar path);
* the extraction's use: ``scan`` of every snn-ar article and FA-KES dev article (hits with
  offsets), and ``geocode`` of each hit's surface without context and with the article's
  unambiguous place names as context (as ``hudna.ingest.steps.places`` builds it).

Each row holds the whole answer: pcode, score, alternatives with scores, reason, precision
codes, level, matched words and method. A speed change must leave the file unchanged.
"""

from __future__ import annotations

import argparse
import csv
import json
import warnings
from pathlib import Path
from typing import Any

UCDP = Path("/work/shared/data/events/ucdp-ged-syria/ucdp_ged_syria_2016.csv")
CORPORA = Path("/work/shared/data/corpora")


def _answer(r: Any) -> dict[str, Any]:
    return {
        "query": r.query,
        "pcode": r.pcode,
        "score": r.score,
        "alternatives": [[a.pcode, a.score] for a in r.alternatives],
        "reason": r.reason,
        "level": getattr(r.level, "value", r.level),
        "geo_precision": r.geo_precision,
        "where_prec": r.where_prec,
        "admin": [r.admin1_pcode, r.admin2_pcode, r.admin3_pcode],
        "lonlat": [r.lon, r.lat],
        "matched": r.matched,
        "method": r.method,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--ucdp", type=Path, default=UCDP)
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from hudna.gazetteer import load_gazetteer
    from hudna.gazetteer.readers import read_coded_places

    full = load_gazetteer()
    coded = list(read_coded_places(args.ucdp, kind="ucdp"))
    gaz = full.excluding_records({c.record_id for c in coded})
    strings: dict[str, str] = {}
    for c in coded:
        if c.where_prec in (1, 2) and c.text.strip():
            strings.setdefault(c.text.strip(), c.context)
    names = sorted(strings)
    contexts = [strings[n] or None for n in names]
    with args.out.open("w", encoding="utf-8") as out:

        def emit(tag: str, row: dict[str, Any]) -> None:
            row["tag"] = tag
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")

        for tag, ctxs in (("ucdp-name", None), ("ucdp-context", contexts)):
            gaz.clear_caches()
            for _name, ctx, r in zip(names, ctxs or [None] * len(names), gaz.geocode_many(names, lang="en", contexts=ctxs),
                                    strict=True):
                emit(tag, {"context": ctx, **_answer(r)})
        gaz.clear_caches()
        for name, ctx in zip(names, contexts, strict=True):
            emit("ucdp-single", {"context": ctx, **_answer(gaz.geocode(name, lang="en", context=ctx))})
            emit("ucdp-single-name", {"context": None, **_answer(gaz.geocode(name, lang="en"))})

        texts: list[tuple[str, str, str]] = []
        for line in (args.corpora / "snn-ar" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            texts.append((r["doc_id"], r["content"], "ar"))
        with (args.corpora / "fakes-en" / "fakes_dev.csv").open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                texts.append((r["unit_id"], r["article_content"], "en"))
        gaz = full
        gaz.clear_caches()
        for doc_id, text, lang in texts:
            hits = gaz.scan(text, lang)
            emit(doc_id, {"scan": [[h.start, h.end, h.surface, h.key, h.lang, list(h.place_ids)] for h in hits]})
            ctx = " ".join(sorted({h.surface for h in hits if len(h.place_ids) == 1})) or None
            for h in hits:
                emit(doc_id, {"context": None, **_answer(gaz.geocode(h.surface, lang=lang))})
                emit(doc_id, {"context": ctx, **_answer(gaz.geocode(h.surface, lang=lang, context=ctx))})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
