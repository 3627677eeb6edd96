"""Loading the source registry (``hudna/data/sources.yaml`` or a user file), issue #5.

The file lists sources (kind, ACLED scale, languages, affiliation, Arabic and English aliases),
the *camps* that group affiliations and actors into sides, and the actor that speaks for each
affiliation. A bad file is refused with the file and field named.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hudna.domain.report import Source
from hudna.errors import DataError, ValidationError

__all__ = ["SourceCatalog", "load_justification_forms", "load_source_catalog", "parse_source_catalog"]

_SOURCE_FIELDS = {"name", "kind", "scale", "affiliation", "languages", "aliases", "note"}


@dataclass(frozen=True)
class SourceCatalog:
    """The source registry: sources by id, camps (sides) and the actor of each affiliation."""

    sources: dict[str, Source]
    camps: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    affiliation_actors: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def camp_of_affiliation(self) -> dict[str, str]:
        """Affiliation -> camp name.

        Examples
        --------
        >>> load_source_catalog().camp_of_affiliation()["russia"]
        'pro-government'
        """
        return {a: name for name, c in self.camps.items() for a in c.get("affiliations", ())}

    def camp_of_actor(self) -> dict[str, str]:
        """Actor id -> camp name.

        Examples
        --------
        >>> load_source_catalog().camp_of_actor()["syrian-government"]
        'pro-government'
        """
        return {a: name for name, c in self.camps.items() for a in c.get("actors", ())}

    def with_sources(self, sources: Mapping[str, Source]) -> SourceCatalog:
        """The same camps with ``sources`` laid over the bundled ones (database edits win)."""
        merged = dict(self.sources)
        merged.update(sources)
        return SourceCatalog(merged, self.camps, self.affiliation_actors, self.notes, self.meta)


def _aliases(raw: Any, where: str, path: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, list):
        return tuple(str(a) for a in raw)
    if isinstance(raw, dict):
        out: list[str] = []
        for lang, forms in raw.items():
            if not isinstance(forms, list):
                raise DataError(f"aliases.{lang} must be a list", path=path, field=where)
            out.extend(str(f) for f in forms)
        return tuple(out)
    raise DataError("aliases must be a list or a mapping language -> list", path=path, field=where)


def parse_source_catalog(data: Any, *, path: str = "<sources>") -> SourceCatalog:
    """Validate a parsed source file.

    Examples
    --------
    >>> cat = parse_source_catalog({"meta": {}, "sources": {"afp": {"name": "AFP",
    ...     "kind": "news_agency", "scale": "international", "affiliation": "independent",
    ...     "aliases": {"en": ["AFP"], "ar": ["فرانس برس"]}}}})
    >>> cat.sources["afp"].aliases
    ('AFP', 'فرانس برس')
    """
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise DataError("a source file needs a 'sources' mapping", path=path, field="sources")
    if "meta" not in data:
        raise DataError("a source file needs a 'meta' block (provenance)", path=path, field="meta")
    sources: dict[str, Source] = {}
    notes: dict[str, str] = {}
    for sid, raw in data["sources"].items():
        where = f"sources.{sid}"
        if not isinstance(raw, dict):
            raise DataError("each source must be a mapping", path=path, field=where)
        unknown = set(raw) - _SOURCE_FIELDS
        if unknown:
            raise DataError(f"unknown field(s) {sorted(unknown)}", path=path, field=where)
        try:
            sources[str(sid)] = Source(
                id=str(sid),
                name=str(raw.get("name") or sid),
                kind=str(raw.get("kind", "other")),
                scale=str(raw.get("scale", "other")),
                affiliation=str(raw.get("affiliation", "unknown")),
                languages=tuple(str(x) for x in raw.get("languages") or ()),
                aliases=_aliases(raw.get("aliases"), where, path),
            )
        except ValidationError as exc:
            raise DataError(str(exc), path=path, field=f"{where}.{exc.field or ''}") from exc
        if raw.get("note"):
            notes[str(sid)] = str(raw["note"])
    camps: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, raw in (data.get("camps") or {}).items():
        if not isinstance(raw, dict):
            raise DataError("each camp must be a mapping", path=path, field=f"camps.{name}")
        camps[str(name)] = {k: tuple(str(x) for x in raw.get(k) or ()) for k in ("affiliations", "actors")}
    aff_actors = {str(k): str(v) for k, v in (data.get("affiliation_actors") or {}).items()}
    return SourceCatalog(sources, camps, aff_actors, notes, dict(data.get("meta") or {}))


@functools.cache
def _bundled() -> SourceCatalog:
    text = resources.files("hudna.data").joinpath("sources.yaml").read_text(encoding="utf-8")
    return parse_source_catalog(yaml.safe_load(text), path="hudna/data/sources.yaml")


def load_source_catalog(path: str | Path | None = None) -> SourceCatalog:
    """The bundled source registry, or the one in ``path`` (cached for the bundled file).

    Examples
    --------
    >>> cat = load_source_catalog()
    >>> cat.sources["sohr"].kind, cat.sources["sana"].affiliation
    ('hr_observatory', 'government')
    """
    if path is None:
        return _bundled()
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read source file: {exc}", path=str(p)) from exc
    return parse_source_catalog(data, path=str(p))


@functools.cache
def load_justification_forms(lang: str) -> dict[str, tuple[str, ...]]:
    """Justification phrases (``hudna/data/justifications.yaml``) for one language.

    Examples
    --------
    >>> "مكافحة الإرهاب" in load_justification_forms("ar")["justification.counter_terrorism"]
    True
    """
    text = resources.files("hudna.data").joinpath("justifications.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {
        concept: tuple(forms.get(lang) or ())
        for concept, forms in data.items()
        if concept != "meta" and isinstance(forms, dict)
    }
