from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hudna.gazetteer import Gazetteer, load_gazetteer

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The bundled OCHA Syria 2015 gazetteer alone (no learned names), loaded once per session.

    The matching rules are tested on it: the UCDP 2016 strings of these tests are the very
    events the bundled learned layer comes from (tests/gazetteer/test_learn.py tests that)."""
    return load_gazetteer("syria-ocha-2015")


@pytest.fixture(scope="session")
def gaz_learned() -> Gazetteer:
    """The bundled default: OCHA 2015 with the names learned from UCDP GED 2016."""
    return load_gazetteer()


@pytest.fixture(scope="session")
def ucdp_rows() -> list[dict[str, str]]:
    with (DATA / "ucdp_ged_syria_2016_sample.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
