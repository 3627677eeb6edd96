"""Fixtures of the extraction tests: one text pipeline per session."""

from __future__ import annotations

import pytest

from hudna.ingest.pipeline import Pipeline, build_pipeline


@pytest.fixture(scope="session")
def pipe() -> Pipeline:
    return build_pipeline()
