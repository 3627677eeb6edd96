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
from hudna.domain.proposal import Proposal
from hudna.domain.regime import Regime
from hudna.domain.report import Report, Source


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

    # sources, event claims, corroboration, proposals (issue #5)
    def put_source(self, source: Source, *, note: str | None = None) -> bool: ...
    def list_sources(self) -> list[Source]: ...
    def iter_claim_rows(
        self, kinds: Sequence[str] | None = None, report_ids: Sequence[str] | None = None
    ) -> list[tuple[int, str, dict[str, Any]]]: ...
    def linked_claims(self) -> dict[int, str]: ...
    def link_claims(self, event_id: str, links: Sequence[tuple[int, str, str]]) -> None: ...
    def event_claim_links(self, event_id: str) -> list[tuple[int, str, str]]: ...
    def put_event(self, event: Event) -> None: ...
    def delete_event(self, event_id: str) -> None: ...
    def put_corroboration(self, event_id: str, record: dict[str, Any]) -> None: ...
    def get_corroboration(self, event_id: str) -> dict[str, Any] | None: ...
    def iter_corroborations(self) -> list[tuple[str, dict[str, Any]]]: ...
    def add_corroboration_log(
        self,
        action: str,
        event_ids: Sequence[str],
        claim_ids: Sequence[int],
        *,
        analyst: str | None = None,
        reason: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> int: ...
    def corroboration_log(self, event_id: str | None = None) -> list[dict[str, Any]]: ...
    def put_proposal(self, proposal: Proposal) -> None: ...
    def get_proposal(self, proposal_id: str) -> Proposal | None: ...
    def list_proposals(
        self, state: str | None = None, regime_id: str | None = None
    ) -> list[Proposal]: ...
    def set_current_grade(
        self, event_id: str, regime_id: str, grade: str, contest: str | None
    ) -> bool: ...

    # web accounts and web queries (issue #6)
    def add_user(
        self, username: str, role: str, password_hash: str | None, display_name: str | None
    ) -> int: ...
    def get_user(self, username: str) -> UserRecord | None: ...
    def list_users(self) -> list[UserRecord]: ...
    def update_user(
        self,
        username: str,
        *,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
    ) -> bool: ...
    def add_api_token(self, user_id: int, token_hash: str, label: str | None) -> int: ...
    def user_for_token(self, token_hash: str) -> UserRecord | None: ...
    def add_session(self, session_hash: str, user_id: int, csrf: str, expires_at: datetime) -> None: ...
    def get_session(self, session_hash: str) -> SessionRecord | None: ...
    def delete_session(self, session_hash: str) -> None: ...
    def get_secret(self, name: str) -> str | None: ...
    def put_secret(self, name: str, value: str) -> None: ...
    def page_events(self, query: EventQuery) -> list[EventRow]: ...
    def violations_per_day(
        self, regime_id: str | None, date_from: date | None, date_to: date | None
    ) -> list[tuple[str, date, int]]: ...
    def bulk_insert_event_rows(self, rows: Sequence[dict[str, Any]]) -> int: ...


class Store(Protocol):
    url: str

    def unit_of_work(self, *, readonly: bool = False) -> AbstractContextManager[UnitOfWork]: ...
    def close(self) -> None: ...


# -- web accounts and web queries (issue #6) -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UserRecord:
    """An account of the web application; ``password_hash`` is an argon2 hash or ``None``."""

    id: int
    username: str
    role: str
    password_hash: str | None
    display_name: str | None
    disabled: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A browser session (stored by the hash of its cookie value) and its CSRF token."""

    user: UserRecord
    csrf: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class EventQuery:
    """One page of events for the API: indexed filters and a keyset cursor on (date_start, id).

    ``date_from``/``date_to`` select events whose ``date_start`` lies in the range (inclusive).
    ``regime_id`` joins the current assessment for that regime (verdict and grade of each row);
    ``verdict``/``grade`` then keep only rows whose current assessment matches.
    """

    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    date_from: date | None = None
    date_to: date | None = None
    regime_id: str | None = None
    verdict: str | None = None
    grade: str | None = None
    actor: str | None = None
    pcode: str | None = None
    after: tuple[date, str] | None = None
    limit: int = 100


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event of a page, with its current verdict and grade for the queried regime."""

    event: Event
    verdict: str | None = None
    grade: str | None = None
