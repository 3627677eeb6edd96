"""Sources, reports (one account from one source) and mentions (spans of original text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from hudna.domain.time import require_aware
from hudna.errors import ValidationError

SOURCE_KINDS = (
    "news_agency",
    "state_media",
    "party_military",
    "civil_defence",
    "hr_observatory",
    "monitor",
    "local_network",
    "crowd",
    "dataset",
    "media",
    "other",
)
# ACLED source_scale values.
SOURCE_SCALES = ("local", "subnational", "national", "regional", "international", "other")


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    kind: str = "other"
    scale: str = "other"
    affiliation: str = "unknown"
    languages: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValidationError(f"unknown source kind {self.kind!r}", field="kind")
        if self.scale not in SOURCE_SCALES:
            raise ValidationError(f"unknown source scale {self.scale!r}", field="scale")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the original text; offsets are Python string indices into ``Report.text``."""

    start: int
    end: int
    text: str
    match_key: str | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValidationError("mention span is invalid", field="span")


@dataclass(frozen=True, slots=True)
class Report:
    id: str
    source_id: str | None
    text: str
    content_hash: str
    language: str | None = None
    title: str | None = None
    url: str | None = None
    originator: str | None = None
    published_at: datetime | None = None
    received_at: datetime | None = None
    channel: str = "file"
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for name in ("published_at", "received_at"):
            value = getattr(self, name)
            if value is not None:
                require_aware(value, field=name)
