"""The storage port: what services need from a store (implemented by ``hudna.storage``).

Services own the transaction boundary: one unit of work per use case. Repository methods never
commit; leaving the ``with store.unit_of_work()`` block commits, an exception rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from hudna.domain.assessment import Assessment
from hudna.domain.event import Event
from hudna.domain.regime import Regime
from hudna.domain.report import Report


@dataclass(frozen=True, slots=True)
class StoredAssessment:
    """An assessment as stored: the value plus its row id, currency and time."""

    id: int
    assessment: Assessment
    current: bool
    assessed_at: datetime


@dataclass(frozen=True, slots=True)
class EventFilter:
    regime_id: str | None = None
    verdict: str | None = None
    admin1_pcode: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    origin: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    limit: int | None = None
    event_ids: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class RegimeChange:
    regime_id: str
    at: datetime
    change: str
    detail: dict[str, Any] = field(default_factory=dict)
    report_id: str | None = None
    actor: str | None = None


class UnitOfWork(Protocol):
    # regimes
    def get_regime(self, regime_id: str) -> Regime | None: ...
    def list_regimes(self) -> list[Regime]: ...
    def put_regime(self, regime: Regime) -> bool: ...
    def add_regime_change(self, change: RegimeChange) -> None: ...
    def regime_history(self, regime_id: str) -> list[RegimeChange]: ...

    # events
    def add_events(self, events: Sequence[Event]) -> int: ...
    def get_event(self, event_id: str) -> Event | None: ...
    def iter_events(self, flt: EventFilter | None = None) -> Iterator[Event]: ...
    def count_events(self) -> int: ...
    def existing_event_ids(self, event_ids: Iterable[str]) -> set[str]: ...

    # assessments
    def replace_rule_assessments(self, assessments: Sequence[Assessment]) -> int: ...
    def add_assessment(self, assessment: Assessment, *, supersede_current: bool) -> int: ...
    def current_assessment(self, event_id: str, regime_id: str) -> StoredAssessment | None: ...
    def assessment_history(self, event_id: str, regime_id: str) -> list[StoredAssessment]: ...
    def iter_assessments(self, flt: EventFilter | None = None) -> Iterator[StoredAssessment]: ...

    # imports
    def import_seen(self, kind: str, file_hash: str) -> bool: ...
    def record_import(
        self, kind: str, path: str, file_hash: str, rows: int, added: int, invalid: int
    ) -> int: ...
    def quarantine(self, import_id: int, line: int, error: str, raw: str) -> None: ...

    # reports and claims (news intake)
    def add_report(self, report: Report) -> bool: ...
    def get_report(self, report_id: str) -> Report | None: ...
    def list_reports(self, limit: int = 100) -> list[Report]: ...
    def add_claims(self, report_id: str, claims: Sequence[dict[str, Any]]) -> int: ...
    def claims_for_report(self, report_id: str) -> list[dict[str, Any]]: ...


class Store(Protocol):
    url: str

    def unit_of_work(self) -> AbstractContextManager[UnitOfWork]: ...
    def close(self) -> None: ...
