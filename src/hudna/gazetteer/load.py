"""Loading built gazetteers: the bundled Syria one or a file made by ``hudna gazetteer import``."""

from __future__ import annotations

import functools
import logging
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from hudna.errors import DataError, NotFound
from hudna.gazetteer.alternates import alternates_layer, bundled_alternates
from hudna.gazetteer.build import BuiltGazetteer, apply_layer, read_gazetteer_db
from hudna.gazetteer.core import Gazetteer
from hudna.gazetteer.regions import bundled_regions, regions_layer

__all__ = ["BASE_NAME", "BUNDLED_NAME", "bundled_path", "clear_cache", "gazetteer_key", "load_gazetteer"]

log = logging.getLogger(__name__)

#: The bundled OCHA Syria 2015 gazetteer alone.
BASE_NAME = "syria-ocha-2015"
#: Name of the bundled default (also the default of ``Settings.gazetteer``): the OCHA base with
#: the named regions (:mod:`hudna.gazetteer.regions`) and the bundled layer of names learned
#: from UCDP GED 2016 (:mod:`hudna.gazetteer.learn`).
BUNDLED_NAME = "syria"
_ALIASES = {BUNDLED_NAME: BUNDLED_NAME, "bundled": BUNDLED_NAME, BASE_NAME: BASE_NAME}
_BUNDLED_FILE = "gazetteer_syria_ocha_2015.sqlite.gz"
#: Layers of the bundled default, applied in order over the base.
_BUNDLED_LAYERS = ("gazetteer_syria_learned_ucdp_2016.sqlite.gz",)


def bundled_path() -> Traversable:
    """Location of the bundled (base) gazetteer file inside the package."""
    return resources.files("hudna.data").joinpath(_BUNDLED_FILE)


def _read_bundled(file: str) -> BuiltGazetteer:
    res = resources.files("hudna.data").joinpath(file)
    if not res.is_file():
        raise NotFound(f"bundled gazetteer file {file} is missing; run scripts/build_gazetteer.py")
    return read_gazetteer_db(res.read_bytes(), path=file)


def _read_file(name_or_path: str) -> BuiltGazetteer:
    path = Path(name_or_path).expanduser()
    if not path.is_file():
        raise NotFound(
            f"no gazetteer {name_or_path!r}: expected {BUNDLED_NAME!r}, {BASE_NAME!r} or the path of a "
            "file made by 'hudna gazetteer import' or 'hudna gazetteer learn'"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read gazetteer: {exc}", path=str(path)) from exc
    return read_gazetteer_db(data, path=str(path))


def _built(name_or_path: str, depth: int = 0) -> tuple[BuiltGazetteer, bool]:
    """The built gazetteer of a name or path with its layers applied, and whether its base
    is the bundled one (which has admin polygons)."""
    if depth > 8:
        raise DataError("gazetteer layers nest too deep (a layer of itself?)", path=name_or_path)
    if name_or_path == BASE_NAME:
        return _read_bundled(_BUNDLED_FILE), True
    if name_or_path == BUNDLED_NAME:
        built = _read_bundled(_BUNDLED_FILE)
        meta, defs, path = bundled_regions()
        built = apply_layer(built, regions_layer(built, defs, meta=meta, path=path))
        alt_meta, alt_rows, alt_path = bundled_alternates()
        built = apply_layer(built, alternates_layer(built, alt_rows, meta=alt_meta, path=alt_path))
        for layer in _BUNDLED_LAYERS:
            built = apply_layer(built, _read_bundled(layer))
        return built, True
    built = _read_file(name_or_path)
    base = built.meta.get("layer_of")
    if not base:
        return built, False
    # a layer file (made by 'hudna gazetteer learn'): its base first, then the layer
    base_key = _ALIASES.get(base, base)
    if base_key not in _ALIASES:
        p = Path(base).expanduser()
        if not p.is_absolute():
            p = Path(name_or_path).expanduser().resolve().parent / p
        base_key = str(p)
    base_built, bundled = _built(base_key, depth + 1)
    return apply_layer(base_built, built), bundled


@functools.cache
def _load(name_or_path: str) -> Gazetteer:
    built, bundled = _built(name_or_path)
    if bundled:
        from hudna.geo.admin import load_admin_areas

        gaz = Gazetteer(built, admin_areas=load_admin_areas())
    else:
        gaz = Gazetteer(built)
    log.info("loaded gazetteer %s (%d places)", gaz.version, len(gaz.places))
    return gaz


def load_gazetteer(name_or_path: str | None = None) -> Gazetteer:
    """Load a gazetteer once per process (cached by name or resolved path).

    Parameters
    ----------
    name_or_path
        ``None`` or ``"syria"`` for the bundled Syria gazetteer (OCHA 2015 with the names
        learned from UCDP GED 2016), ``"syria-ocha-2015"`` for OCHA 2015 alone, or the path of
        a ``.sqlite``/``.sqlite.gz`` file written by ``hudna gazetteer import`` or
        ``hudna gazetteer learn`` (a layer file loads its base first).

    Raises
    ------
    hudna.errors.NotFound
        If there is no such gazetteer.
    hudna.errors.DataError
        If the file is not a gazetteer.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz is load_gazetteer("syria")
    True
    >>> gaz.version.startswith("syria-ocha-2015 2015 sha256:")
    True
    >>> len([p for p in gaz.places.values() if p.level.value == "governorate"])
    14
    """
    return _load(gazetteer_key(name_or_path))


def gazetteer_key(name_or_path: str | None) -> str:
    """The canonical name of a gazetteer choice: a bundled name, or the resolved path of a file.

    Examples
    --------
    >>> gazetteer_key(None), gazetteer_key("bundled"), gazetteer_key("syria-ocha-2015")
    ('syria', 'syria', 'syria-ocha-2015')
    """
    key = name_or_path or BUNDLED_NAME
    return _ALIASES.get(key) or str(Path(key).expanduser().resolve())


def clear_cache() -> None:
    """Forget loaded gazetteers (tests; after an import overwrote a file)."""
    _load.cache_clear()
