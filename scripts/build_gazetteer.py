"""Build the bundled Syria gazetteer (issue #3): the OCHA 2015 base and the learned layer.

Usage::

    python scripts/build_gazetteer.py [--source DIR] [--out FILE] [--report FILE] [--layer-out FILE]

``--source`` defaults to the gzip'd copies in ``src/hudna/data/ocha_syria_2015``; the output is
``src/hudna/data/gazetteer_syria_ocha_2015.sqlite.gz`` and a JSON build report next to it that
lists every defective source row (names cut mid-character, joined names) — the rows are kept.

Then the layer of names learned from the bundled UCDP GED Syria 2016 events
(``src/hudna/data/demo/ucdp_ged_syria_2016.csv.gz``, :mod:`hudna.gazetteer.learn`) is learned
over that base and written to ``src/hudna/data/gazetteer_syria_learned_ucdp_2016.sqlite.gz``.
The layer depends on what the geocoder already finds: rebuild it after changing the geocoder
(``tests/meta/test_gazetteer_layer.py`` fails when it is stale).
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from hudna.gazetteer.build import (
    BuiltGazetteer,
    build_ocha_syria,
    load_ocha_syria_features,
    read_gazetteer_db,
    write_gazetteer_db,
)
from hudna.gazetteer.layers import build_bundled_layer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "hudna" / "data"


def _write_if_changed(built: BuiltGazetteer, path: Path) -> bool:
    """Write ``built`` unless ``path`` already holds the same content (content hash and name
    records): rebuilding then leaves the file, and git, untouched."""
    if path.is_file():
        old = read_gazetteer_db(path.read_bytes(), path=str(path))
        if old.meta.get("content_hash") == built.meta["content_hash"] and old.records == built.records:
            return False
    write_gazetteer_db(built, path)
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=None, help="folder of syr_admin*.geojson[.gz] (default: bundled copies)")
    ap.add_argument("--out", type=Path, default=DATA / "gazetteer_syria_ocha_2015.sqlite.gz")
    ap.add_argument("--report", type=Path, default=DATA / "gazetteer_syria_ocha_2015.build.json")
    ap.add_argument("--layer-out", type=Path, default=DATA / "gazetteer_syria_learned_ucdp_2016.sqlite.gz")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    feats = load_ocha_syria_features(args.source)
    built = build_ocha_syria(feats["admin1"], feats["admin2"], feats["admin4"], feats["admin5"])
    wrote = _write_if_changed(built, args.out)
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
    print(f"built {args.out.name}{'' if wrote else ' (unchanged, not rewritten)'}: {built.meta['counts']} names={len(built.names)}")
    print(f"content_hash={built.meta['content_hash']}")
    print(f"issues: {len(cut)} names cut mid-character, {len(joined)} joined names (all kept)")
    for i in cut:
        print(f"  cut    {i.place_id} {i.field}: {i.value}")
    layer, rep = build_bundled_layer()
    wrote = _write_if_changed(layer, args.layer_out)
    print(
        f"built {args.layer_out.name}{'' if wrote else ' (unchanged, not rewritten)'}: {rep.strings} place strings, {rep.known} already known, "
        f"{rep.aliases} aliases of communities, {rep.points} new points, {rep.names} names; "
        f"skipped {dict(rep.skipped)}; content_hash={layer.meta['content_hash']}"
    )


if __name__ == "__main__":
    main()
