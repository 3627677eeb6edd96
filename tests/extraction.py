"""Helpers of the extraction tests."""

from __future__ import annotations

from hudna.domain.claim import IncidentClaim
from hudna.ingest.pipeline import Doc


def incidents(doc: Doc) -> list[IncidentClaim]:
    """The positive incident claims of a processed document."""
    return [c for c in doc["claims"] if isinstance(c, IncidentClaim) and not c.negative]
