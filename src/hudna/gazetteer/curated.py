"""Helpers of the curated gazetteer layers (issue #3): the YAML files of hudna's own data
(``syria_regions.yaml``, ``syria_alternate_names.yaml``) and the layers built from them at load."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from hudna.errors import DataError
from hudna.gazetteer.build import BuiltGazetteer, finish
from hudna.gazetteer.model import Place, PlaceName

__all__ = ["bundled_text", "curated_layer", "read_curated"]


def bundled_text(name: str) -> str:
    """The text of a curated file bundled in ``hudna/data``."""
    return resources.files("hudna.data").joinpath(name).read_text(encoding="utf-8")


def read_curated(text: str, *, path: str, key: str) -> tuple[dict[str, str], list[Any]]:
    """The ``meta`` block and the ``key`` list of a curated file (YAML text read from ``path``).

    Raises
    ------
    DataError
        If the text is no YAML or has no ``key`` list (naming ``path``).
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", path=path) from exc
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise DataError(f"expected a mapping with a {key!r} list", path=path)
    meta = {str(k): str(v) for k, v in (data.get("meta") or {}).items()}
    return meta, list(data[key])


def curated_layer(
    name: str, base: BuiltGazetteer, meta: Mapping[str, str], places: Sequence[Place], names: Sequence[PlaceName]
) -> BuiltGazetteer:
    """A layer named ``name`` over ``base`` from a curated file's ``meta`` (source, version,
    licence; its ``updated_on`` is the layer's build date: the layer is rebuilt at every load)."""
    layer_meta = {
        "name": name,
        "source": " ".join(meta.get("source", "").split()),
        "source_version": meta.get("version", ""),
        "licence": meta.get("licence", ""),
        "layer_of": base.meta.get("name", ""),
        "country_pcode": base.meta.get("country_pcode", ""),
        "country_iso3": base.meta.get("country_iso3", ""),
    }
    built = finish(layer_meta, list(places), list(names), [], {})
    built.meta["built_at"] = meta.get("updated_on", built.meta["built_at"])
    return built
