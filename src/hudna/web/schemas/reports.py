"""Reports and claims."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from hudna.domain.report import Report


class ReportRead(BaseModel):
    id: str
    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None
    published_at: datetime | None = None
    received_at: datetime | None = None
    channel: str
    warnings: list[str] = []

    @classmethod
    def from_domain(cls, r: Report) -> ReportRead:
        return cls(
            id=r.id,
            source_id=r.source_id,
            title=r.title,
            url=r.url,
            language=r.language,
            published_at=r.published_at,
            received_at=r.received_at,
            channel=r.channel,
            warnings=list(r.warnings),
        )


class ReportDetail(ReportRead):
    text: str
    claims: list[dict[str, Any]]


class UploadRead(BaseModel):
    reports: list[str]
    duplicates: int
    claims: int
    events: list[str] = []  # events formed or joined by the upload's claims
    proposals: list[str] = []  # regime-status proposals made from them
