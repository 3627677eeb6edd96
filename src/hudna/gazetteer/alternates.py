"""Curated alternate names (issue #3): names the press uses for places the gazetteer has under
another name, or in one language only.

The OCHA COD-AB 2015 gazetteer names Damascus's neighbourhoods in English only ("Al-Kaboon",
"Jowbar", "Mazzeh") and Tabqa by its official name (Al-Thawrah): an Arabic report of "القابون"
then lands on a namesake elsewhere (Ain al-Arab, by sound), "مخيم اليرموك" on a village of
Raqqa, "Tabqa" nowhere. An alternate-names file (``hudna/data/syria_alternate_names.yaml``,
curated data with its provenance) lists, per OCHA P-code, the Arabic and English names news
reports use, and :func:`alternates_layer` turns it into a gazetteer layer
(:func:`hudna.gazetteer.build.apply_layer`): every listed name becomes a name of kind
``alternate`` of that place, geocoded and scanned in text like the gazetteer's own names (the
place's display names are unchanged).

A bad entry (unknown P-code, a name in an unknown language, an empty list) is refused with a
:class:`~hudna.errors.DataError` naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hudna.errors import DataError
from hudna.gazetteer.build import BuiltGazetteer
from hudna.gazetteer.curated import bundled_text, curated_layer, read_curated
from hudna.gazetteer.model import PlaceName
from hudna.text.normalize import LANGS, match_key, script_of

__all__ = ["LAYER_NAME", "AlternateNames", "alternates_layer", "bundled_alternates", "read_alternates"]

#: Name of the bundled alternate-names layer (in ``Gazetteer.version``).
LAYER_NAME = "syria-alternate-names"
_FILE = "syria_alternate_names.yaml"


@dataclass(frozen=True, slots=True)
class AlternateNames:
    """One entry of an alternate-names file: a P-code and its names by language."""

    pcode: str
    names: Mapping[str, tuple[str, ...]]


def read_alternates(text: str, *, path: str) -> tuple[dict[str, str], list[AlternateNames]]:
    """The ``meta`` block and the entries of an alternate-names file (YAML text read from
    ``path``).

    Examples
    --------
    >>> meta, rows = read_alternates("meta: {version: '1'}\\nplaces:\\n  - {pcode: C1, ar: [القابون]}", path="x.yaml")
    >>> rows[0].pcode, rows[0].names["ar"]
    ('C1', ('القابون',))
    """
    meta, rows = read_curated(text, path=path, key="places")
    out: list[AlternateNames] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"places[{i}]"
        if not isinstance(row, dict) or not isinstance(row.get("pcode"), str) or not row["pcode"].strip():
            raise DataError("expected a mapping with a 'pcode'", path=path, field=where)
        pcode = row["pcode"].strip()
        if pcode in seen:
            raise DataError(f"duplicate P-code {pcode!r}", path=path, field=f"{where}.pcode")
        seen.add(pcode)
        names: dict[str, tuple[str, ...]] = {}
        for key, value in row.items():
            if key in ("pcode", "note"):
                continue
            if key not in LANGS:
                raise DataError(f"unknown language {key!r} (expected one of {sorted(LANGS)})", path=path, field=f"{where}.{key}")
            if not isinstance(value, list) or not value or not all(isinstance(n, str) and n.strip() for n in value):
                raise DataError("expected a non-empty list of names", path=path, field=f"{where}.{key}")
            names[key] = tuple(n.strip() for n in value)
        if not names:
            raise DataError("no names", path=path, field=where)
        out.append(AlternateNames(pcode, names))
    return meta, out


def bundled_alternates() -> tuple[dict[str, str], list[AlternateNames], str]:
    """The bundled Syria alternate-names file: meta, entries and its resource name."""
    meta, rows = read_alternates(bundled_text(_FILE), path=_FILE)
    return meta, rows, _FILE


def alternates_layer(
    base: BuiltGazetteer, rows: Sequence[AlternateNames], *, meta: Mapping[str, str] | None = None, path: str = _FILE
) -> BuiltGazetteer:
    """A layer adding the names of ``rows`` to the places of ``base`` (kind ``alternate``); a
    name the place already has (same language and match key) is not added twice.

    Raises
    ------
    DataError
        If a P-code is not a place of ``base``.
    """
    meta = dict(meta or {})
    known = {p.place_id for p in base.places}
    have = {(n.place_id, n.lang, n.match_key) for n in base.names}
    source = f"{LAYER_NAME} {meta.get('version', '')}".strip()
    names: list[PlaceName] = []
    for row in rows:
        if row.pcode not in known:
            raise DataError(f"P-code {row.pcode!r} is not in the gazetteer", path=path, field=f"place {row.pcode}")
        for lang, ns in sorted(row.names.items()):
            for name in ns:
                key = match_key(name, lang)
                if key and (row.pcode, lang, key) not in have:
                    have.add((row.pcode, lang, key))
                    names.append(PlaceName(row.pcode, name, lang, script_of(name), "alternate", key, source))
    return curated_layer(LAYER_NAME, base, meta, [], names)
