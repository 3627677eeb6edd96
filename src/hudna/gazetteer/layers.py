"""The bundled learned layer of the Syria gazetteer (issue #3): how it is made.

:func:`build_bundled_layer` learns (:func:`hudna.gazetteer.learn.learn_layer`) the place names
of the bundled UCDP GED Syria 2016 events (``hudna/data/demo``) over the bundled OCHA 2015 base.
``scripts/build_gazetteer.py`` writes it; a meta test checks the bundled file equals a fresh
build, since the layer depends on what the geocoder already finds.
"""

from __future__ import annotations

from importlib import resources

from hudna.gazetteer.build import BuiltGazetteer
from hudna.gazetteer.learn import LearnReport, learn_layer

__all__ = ["LAYER_NAME", "build_bundled_layer"]

#: Name of the bundled layer (in ``Gazetteer.version``).
LAYER_NAME = "learned-ucdp-ged-2016"
_UCDP_FILE = "ucdp_ged_syria_2016.csv.gz"


def build_bundled_layer() -> tuple[BuiltGazetteer, LearnReport]:
    """Learn the bundled layer from the bundled UCDP 2016 events over the OCHA base."""
    from pathlib import Path

    from hudna.gazetteer.load import BASE_NAME, load_gazetteer
    from hudna.gazetteer.readers import read_coded_places

    res = resources.files("hudna.data").joinpath("demo", _UCDP_FILE)
    with resources.as_file(res) as path:
        records = read_coded_places(Path(path), kind="ucdp")
    return learn_layer(
        load_gazetteer(BASE_NAME),
        records,
        name=LAYER_NAME,
        source="UCDP GED Syria 2016 (events with where_prec 1-2), Uppsala Conflict Data Program",
        licence="CC BY 4.0; attribute: UCDP (Sundberg & Melander 2013)",
        source_version="GED 2016",
        id_prefix="UCDP",
    )
