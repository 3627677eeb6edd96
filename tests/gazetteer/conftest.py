from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hudna.gazetteer import Gazetteer, load_gazetteer

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The bundled Syria gazetteer, loaded once per test session."""
    return load_gazetteer()


@pytest.fixture(scope="session")
def ucdp_rows() -> list[dict[str, str]]:
    with (DATA / "ucdp_ged_syria_2016_sample.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
