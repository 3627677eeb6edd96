"""Loading built gazetteers: the bundled Syria one or a file made by ``hudna gazetteer import``."""

from __future__ import annotations

import functools
import logging
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from hudna.errors import DataError, NotFound
from hudna.gazetteer.build import read_gazetteer_db
from hudna.gazetteer.core import Gazetteer

__all__ = ["BUNDLED_NAME", "bundled_path", "clear_cache", "load_gazetteer"]

log = logging.getLogger(__name__)

#: Name of the bundled gazetteer (also the default of ``Settings.gazetteer``).
BUNDLED_NAME = "syria-ocha-2015"
_BUNDLED_FILE = "gazetteer_syria_ocha_2015.sqlite.gz"


def bundled_path() -> Traversable:
    """Location of the bundled gazetteer file inside the package."""
    return resources.files("hudna.data").joinpath(_BUNDLED_FILE)


@functools.cache
def _load(name_or_path: str) -> Gazetteer:
    if name_or_path in (BUNDLED_NAME, "syria", "bundled"):
        res = bundled_path()
        if not res.is_file():
            raise NotFound(
                f"bundled gazetteer {_BUNDLED_FILE} is missing; run scripts/build_gazetteer.py"
            )
        from hudna.geo.admin import load_admin_areas

        gaz = Gazetteer(read_gazetteer_db(res.read_bytes(), path=_BUNDLED_FILE), admin_areas=load_admin_areas())
    else:
        path = Path(name_or_path).expanduser()
        if not path.is_file():
            raise NotFound(
                f"no gazetteer {name_or_path!r}: expected {BUNDLED_NAME!r} or the path of a file "
                "made by 'hudna gazetteer import'"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DataError(f"cannot read gazetteer: {exc}", path=str(path)) from exc
        gaz = Gazetteer(read_gazetteer_db(data, path=str(path)))
    log.info("loaded gazetteer %s (%d places)", gaz.version, len(gaz.places))
    return gaz


def load_gazetteer(name_or_path: str | None = None) -> Gazetteer:
    """Load a gazetteer once per process (cached by name or resolved path).

    Parameters
    ----------
    name_or_path
        ``None`` or ``"syria-ocha-2015"`` for the bundled Syria gazetteer, or the path of a
        ``.sqlite``/``.sqlite.gz`` file written by ``hudna gazetteer import``.

    Raises
    ------
    hudna.errors.NotFound
        If there is no such gazetteer.
    hudna.errors.DataError
        If the file is not a gazetteer.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz is load_gazetteer("syria-ocha-2015")
    True
    >>> len([p for p in gaz.places.values() if p.level.value == "governorate"])
    14
    """
    key = name_or_path or BUNDLED_NAME
    if key not in (BUNDLED_NAME, "syria", "bundled"):
        key = str(Path(key).expanduser().resolve())
    return _load(key)


def clear_cache() -> None:
    """Forget loaded gazetteers (tests; after an import overwrote a file)."""
    _load.cache_clear()
