"""Write every claim (with its evidence spans) and every place mention of the development texts
to one JSONL file, so that two versions of the extractor can be compared byte for byte (issue #4).

Usage::

    PYTHONHASHSEED=0 python scripts/dump_claims.py before.jsonl   # on the old commit
    PYTHONHASHSEED=0 python scripts/dump_claims.py after.jsonl
    cmp before.jsonl after.jsonl

Texts: the seed article, snn-ar and the FA-KES dev CSV (English, once with its publication date
and title, once with a fixed date as ``bench/extract.py`` runs it). A speed change must leave
the file unchanged.
"""

from __future__ import annotations

import argparse
import csv
import json
import warnings
from datetime import date
from pathlib import Path
from typing import Any

CORPORA = Path("/work/shared/data/corpora")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from hudna.ingest.evaluate import _fakes_date, claims_to_json
    from hudna.ingest.pipeline import Doc, build_pipeline

    pipe = build_pipeline()
    c = args.corpora
    with args.out.open("w", encoding="utf-8") as out:

        def emit(tag: str, doc: Doc) -> None:
            row: dict[str, Any] = claims_to_json(doc)
            row["tag"] = tag
            row["places"] = [
                [p.start, p.end, p.sentence, p.qualifier, p.foreign, p.place.pcode,
                 p.place.admin1_pcode, p.place.level, p.place.reason]
                for p in doc["places"]
            ]
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")

        seed = (c / "seed" / "aleppo-2016-05-01.ar.txt").read_text(encoding="utf-8")
        emit("seed", pipe(Doc(seed, published_on=date(2016, 5, 1), lang_hint="ar", source_id="afp")))
        for line in (c / "snn-ar" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            emit(r["doc_id"], pipe(Doc(r["content"], published_on=date.fromisoformat(r["published_on"]),
                                       lang_hint="ar")))
        with (c / "fakes-en" / "fakes_dev.csv").open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                emit(r["unit_id"], pipe(Doc(r["article_content"], published_on=_fakes_date(r["date"]),
                                            lang_hint="en", title=r["article_title"])))
                emit(r["unit_id"] + "/bench", pipe(Doc(r["article_content"], published_on=date(2016, 5, 1),
                                                       lang_hint="en")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
