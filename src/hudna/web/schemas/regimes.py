"""Regime documents (the regime-file format, see docs/regime-file.md) and windows."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class RegimeDoc(BaseModel):
    """One regime in the regime-file format (validated by the regime schema on save)."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(..., min_length=1, max_length=128)


class WindowIn(BaseModel):
    """An extension or suspension: local times in the regime's time zone unless offset given."""

    start: str = Field(..., description="Start, e.g. 2016-05-01T09:00+00:00 or local 2016-05-01T12:00")
    end: str | None = None
    duration_h: float | None = Field(None, gt=0, le=24 * 366)
    kind: Literal["extension", "suspension"] = "extension"
    source: str | None = Field(None, max_length=500)
    note: str | None = Field(None, max_length=2000)

    def as_mapping(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class SavedRegimes(BaseModel):
    regime_ids: list[str]
