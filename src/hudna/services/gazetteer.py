"""Gazetteer use cases (issue #3): info, import, geocoding; called by the CLI and the web API."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hudna.errors import DataError
from hudna.gazetteer import GeocodeResult, load_gazetteer
from hudna.gazetteer.build import write_gazetteer_db
from hudna.gazetteer.learn import LearnReport, learn_layer
from hudna.gazetteer.load import clear_cache, gazetteer_key
from hudna.gazetteer.readers import read_cod_ab_folder, read_coded_places, read_geonames_dump

__all__ = ["GazetteerInfo", "gazetteer_info", "geocode_names", "import_gazetteer", "learn_gazetteer"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GazetteerInfo:
    """What ``hudna gazetteer info`` prints."""

    name: str
    version: str
    source: str
    source_version: str
    licence: str
    built_at: str
    content_hash: str
    counts: dict[str, int]
    names: int
    issues: int
    layers: tuple[dict[str, str], ...] = ()
    learned_names: int = 0


def gazetteer_info(name_or_path: str | None = None) -> GazetteerInfo:
    """Source, version, build time, content hash and counts of a gazetteer.

    Examples
    --------
    >>> info = gazetteer_info()
    >>> info.counts["governorate"], info.counts["community"]
    (14, 5251)
    """
    gaz = load_gazetteer(name_or_path)
    m = gaz.meta
    counts: dict[str, int] = {}
    for p in gaz.places.values():
        counts[p.level.value] = counts.get(p.level.value, 0) + 1
    return GazetteerInfo(
        name=gaz.name,
        version=gaz.version,
        source=m.get("source", ""),
        source_version=m.get("source_version", ""),
        licence=m.get("licence", ""),
        built_at=m.get("built_at", ""),
        content_hash=m.get("content_hash", ""),
        counts=counts,
        names=sum(len(gaz.names_of(pid)) for pid in gaz.places),
        issues=len(gaz.issues),
        layers=tuple(gaz.layers),
        learned_names=gaz.learned_name_count(),
    )


def import_gazetteer(source: Path, out: Path, *, name: str | None = None, kind: str = "auto", source_version: str = "") -> GazetteerInfo:
    """Read a COD-AB folder or a GeoNames dump and write a gazetteer file usable by ``--gazetteer``.

    Parameters
    ----------
    source
        A folder (COD-AB) or a ``.txt``/``.tsv`` file (GeoNames country dump).
    out
        The gazetteer file to write (``.sqlite`` or ``.sqlite.gz``).
    kind
        ``"cod-ab"``, ``"geonames"`` or ``"auto"`` (folder → COD-AB, file → GeoNames).
    """
    if kind == "auto":
        kind = "cod-ab" if source.is_dir() else "geonames"
    label = name or out.name.split(".")[0]
    if kind == "cod-ab":
        built = read_cod_ab_folder(source, name=label, source_version=source_version)
    elif kind == "geonames":
        if not source.is_file():
            raise DataError("not a file", path=str(source))
        built = read_geonames_dump(source, name=label, source_version=source_version)
    else:
        raise DataError(f"unknown gazetteer kind {kind!r}; expected cod-ab, geonames or auto")
    write_gazetteer_db(built, out)
    log.info("imported gazetteer %s from %s: %d places, %d issues", label, source, len(built.places), len(built.issues))
    clear_cache()
    return gazetteer_info(str(out))


def learn_gazetteer(
    sources: list[Path],
    out: Path,
    *,
    gazetteer: str | None = None,
    kind: str = "auto",
    name: str | None = None,
    source_version: str = "",
    max_prec: int = 2,
) -> tuple[GazetteerInfo, LearnReport]:
    """Learn the place names of coded event files (UCDP GED, ACLED CSV) that a gazetteer does
    not know, and write them as a layer over it (:mod:`hudna.gazetteer.learn`).

    The layer file records its base (``gazetteer``: a bundled name or a path), so
    ``--gazetteer OUT`` loads the base and the layer together.
    """
    base = load_gazetteer(gazetteer)
    records = [r for src in sources for r in read_coded_places(src, kind=kind)]
    if not records:
        raise DataError("no coded places in the input", path=", ".join(str(s) for s in sources))
    label = name or out.name.split(".")[0]
    layer, report = learn_layer(
        base,
        records,
        name=label,
        source=", ".join(s.name for s in sources),
        licence="as the source files",
        source_version=source_version,
        id_prefix="".join(ch for ch in label.upper() if ch.isalnum())[:12] or "LRN",
        max_prec=max_prec,
    )
    layer.meta["layer_of"] = gazetteer_key(gazetteer)  # a bundled name or the base file's path
    write_gazetteer_db(layer, out)
    log.info("learned layer %s from %d records: %s", label, len(records), report)
    clear_cache()
    return gazetteer_info(str(out)), report


def geocode_names(
    names: Iterable[str], *, lang: str = "auto", context: str | None = None, gazetteer: str | None = None
) -> Iterator[GeocodeResult]:
    """Geocode names one by one (blank lines are skipped)."""
    gaz = load_gazetteer(gazetteer)
    for n in names:
        n = n.strip()
        if n:
            yield gaz.geocode(n, lang=lang, context=context)


def result_json(res: GeocodeResult) -> str:
    """One jsonl row of ``hudna geocode``."""
    return json.dumps(res.as_dict(), ensure_ascii=False)
