"""The bundled learned gazetteer layer is what scripts/build_gazetteer.py makes today (issue #3).

The layer keeps only what the geocoder does not already find, so a change to the geocoder can
make it stale; this test fails until ``python scripts/build_gazetteer.py`` is run again
(DESIGN.md §4: compiled artefacts equal compile(sources)).
"""

from __future__ import annotations

from importlib import resources

from hudna.gazetteer.build import read_gazetteer_db
from hudna.gazetteer.layers import build_bundled_layer


def test_bundled_layer_is_fresh():
    res = resources.files("hudna.data").joinpath("gazetteer_syria_learned_ucdp_2016.sqlite.gz")
    bundled = read_gazetteer_db(res.read_bytes(), path=res.name)
    fresh, report = build_bundled_layer()
    assert bundled.meta["content_hash"] == fresh.meta["content_hash"], (
        "the bundled learned layer is stale: run python scripts/build_gazetteer.py"
    )
    assert sorted(bundled.records) == sorted(fresh.records)
    assert report.points + report.aliases > 300
