"""Build the bundled Syria gazetteer (issue #3) from the OCHA 2015 COD-AB GeoJSON files.

Usage::

    python scripts/build_gazetteer.py [--source DIR] [--out FILE] [--report FILE]

``--source`` defaults to the gzip'd copies in ``src/hudna/data/ocha_syria_2015``; the output is
``src/hudna/data/gazetteer_syria_ocha_2015.sqlite.gz`` and a JSON build report next to it that
lists every defective source row (names cut mid-character, joined names) — the rows are kept.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from hudna.gazetteer.build import build_ocha_syria, load_ocha_syria_features, write_gazetteer_db

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "hudna" / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=None, help="folder of syr_admin*.geojson[.gz] (default: bundled copies)")
    ap.add_argument("--out", type=Path, default=DATA / "gazetteer_syria_ocha_2015.sqlite.gz")
    ap.add_argument("--report", type=Path, default=DATA / "gazetteer_syria_ocha_2015.build.json")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    feats = load_ocha_syria_features(args.source)
    built = build_ocha_syria(feats["admin1"], feats["admin2"], feats["admin4"], feats["admin5"])
    write_gazetteer_db(built, args.out)
    report = {
        "meta": {k: v for k, v in built.meta.items() if k != "built_at"},
        "counts": json.loads(built.meta["counts"]),
        "names": len(built.names),
        "issues": [
            {"place_id": i.place_id, "field": i.field, "problem": i.problem, "value": i.value}
            for i in built.issues
        ],
    }
    args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    cut = [i for i in built.issues if i.problem.startswith("cut")]
    joined = [i for i in built.issues if i.problem.startswith("joins")]
    print(f"built {args.out.name}: {built.meta['counts']} names={len(built.names)}")
    print(f"content_hash={built.meta['content_hash']}")
    print(f"issues: {len(cut)} names cut mid-character, {len(joined)} joined names (all kept)")
    for i in cut:
        print(f"  cut    {i.place_id} {i.field}: {i.value}")


if __name__ == "__main__":
    main()
