"""Assessments: the verdict on an event against a regime, with its evidence and grade."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from hudna.errors import ValidationError


class Verdict(StrEnum):
    VIOLATION = "violation"
    NOT_VIOLATION = "not_violation"
    EXCLUDED_TARGET = "excluded_target"
    OUTSIDE_SCOPE = "outside_scope"
    UNDETERMINED = "undetermined"


class Grade(StrEnum):
    CONFIRMED = "confirmed"
    FAIR = "fair"
    WEAK = "weak"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact the verdict rests on: what was checked, against what, with what result."""

    check: str  # zone, window, perpetrator, target, act, source, override
    result: str
    detail: str = ""
    ref: str | None = None  # report id, P-code, window, rule input


@dataclass(frozen=True, slots=True)
class Assessment:
    event_id: str
    regime_id: str
    verdict: Verdict
    rule: str
    evidence: tuple[Evidence, ...]
    in_zone: bool | None = None
    zone_distance_m: float | None = None  # to the zone edge; >0 inside, <0 outside
    in_window: bool | None = None
    perpetrator_bound: bool | None = None
    target_excluded: bool | None = None
    prohibited_act: bool | None = None
    perpetrator_id: str | None = None
    grade: Grade | None = None
    contest: str | None = None  # a contested exclusion or justification, shown beside the verdict
    reviewer: str | None = None
    reason: str | None = None
    supersedes: int | None = None
    assessed_at: datetime | None = None
    gazetteer_version: str | None = None

    def __post_init__(self) -> None:
        if not self.evidence:
            raise ValidationError("an assessment needs evidence", field="evidence")
        if "." not in self.rule or ".v" not in self.rule:
            raise ValidationError("rule must be a versioned name '<name>.v<N>'", field="rule")
