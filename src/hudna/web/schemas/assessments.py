"""Assessment overrides."""

from __future__ import annotations

from pydantic import BaseModel, Field

from hudna.domain.assessment import Grade, Verdict


class OverrideIn(BaseModel):
    verdict: Verdict
    reason: str = Field(..., min_length=3, max_length=4000)
    grade: Grade | None = None
