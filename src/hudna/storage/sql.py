"""The store on SQLAlchemy Core: SQLite (a file, WAL, one writer) or PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, event, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from hudna.domain.assessment import Assessment
from hudna.domain.event import Event
from hudna.domain.regime import Regime
from hudna.domain.report import Report
from hudna.ingest.readers.regimes import regime_from_mapping, regime_to_mapping
from hudna.services.ports import (
    EventFilter,
    EventQuery,
    EventRow,
    RegimeChange,
    SessionRecord,
    StoredAssessment,
    UserRecord,
)
from hudna.storage import tables as t
from hudna.storage.codec import (
    _aware,
    assessment_from_row,
    assessment_to_row,
    event_from_row,
    event_to_row,
    report_from_row,
    report_to_row,
)

CHUNK = 500


def _now() -> datetime:
    return datetime.now(UTC)


class SqlUnitOfWork:
    """Repositories over one connection inside one transaction (never commits by itself)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- regimes ------------------------------------------------------------------------------
    def get_regime(self, regime_id: str) -> Regime | None:
        row = self.conn.execute(select(t.regimes.c.doc).where(t.regimes.c.id == regime_id)).first()
        return None if row is None else regime_from_mapping(row[0])

    def list_regimes(self) -> list[Regime]:
        rows = self.conn.execute(select(t.regimes.c.doc).order_by(t.regimes.c.id)).all()
        return [regime_from_mapping(r[0]) for r in rows]

    def put_regime(self, regime: Regime) -> bool:
        """Insert or update; return True when something changed."""
        doc = regime_to_mapping(regime)
        doc_hash = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
        row = self.conn.execute(
            select(t.regimes.c.doc_hash, t.regimes.c.version).where(t.regimes.c.id == regime.id)
        ).first()
        values = {
            "name_en": regime.name_en,
            "name_ar": regime.name_ar,
            "kind": regime.kind.value,
            "parent_id": regime.parent_id,
            "timezone": regime.timezone,
            "doc": doc,
            "doc_hash": doc_hash,
            "updated_at": _now(),
        }
        if row is None:
            self.conn.execute(insert(t.regimes).values(id=regime.id, version=1, **values))
            return True
        if row.doc_hash == doc_hash:
            return False
        self.conn.execute(
            update(t.regimes)
            .where(t.regimes.c.id == regime.id)
            .values(version=row.version + 1, **values)
        )
        return True

    def add_regime_change(self, change: RegimeChange) -> None:
        self.conn.execute(
            insert(t.regime_history).values(
                regime_id=change.regime_id,
                at=change.at,
                change=change.change,
                detail=change.detail,
                report_id=change.report_id,
                actor=change.actor,
            )
        )

    def regime_history(self, regime_id: str) -> list[RegimeChange]:
        rows = self.conn.execute(
            select(t.regime_history)
            .where(t.regime_history.c.regime_id == regime_id)
            .order_by(t.regime_history.c.id)
        ).all()
        return [
            RegimeChange(
                regime_id=r.regime_id,
                at=_aware(r.at),  # type: ignore[arg-type]
                change=r.change,
                detail=r.detail,
                report_id=r.report_id,
                actor=r.actor,
            )
            for r in rows
        ]

    # -- events -------------------------------------------------------------------------------
    def existing_event_ids(self, event_ids: Iterable[str]) -> set[str]:
        ids = list(event_ids)
        found: set[str] = set()
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i : i + CHUNK]
            found.update(
                r[0] for r in self.conn.execute(select(t.events.c.id).where(t.events.c.id.in_(chunk)))
            )
        return found

    def add_events(self, events: Sequence[Event]) -> int:
        """Insert events whose id is not stored yet; return how many were added."""
        existing = self.existing_event_ids(e.id for e in events)
        now = _now()
        seen: set[str] = set()
        rows = []
        for e in events:
            if e.id in existing or e.id in seen:
                continue
            seen.add(e.id)
            rows.append(event_to_row(e, now=now))
        for i in range(0, len(rows), CHUNK):
            self.conn.execute(insert(t.events), rows[i : i + CHUNK])
        return len(rows)

    def get_event(self, event_id: str) -> Event | None:
        row = self.conn.execute(select(t.events).where(t.events.c.id == event_id)).first()
        return None if row is None else event_from_row(row)

    def count_events(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(t.events)).scalar_one())

    def _event_conditions(self, flt: EventFilter | None) -> list[Any]:
        conds: list[Any] = []
        if flt is None:
            return conds
        c = t.events.c
        if flt.admin1_pcode:
            conds.append(c.admin1_pcode == flt.admin1_pcode)
        if flt.date_from:
            conds.append(c.date_end >= flt.date_from)
        if flt.date_to:
            conds.append(c.date_start <= flt.date_to)
        if flt.origin:
            conds.append(c.origin == flt.origin)
        if flt.bbox:
            min_lon, min_lat, max_lon, max_lat = flt.bbox
            conds.append(and_(c.lon >= min_lon, c.lon <= max_lon, c.lat >= min_lat, c.lat <= max_lat))
        if flt.event_ids is not None:
            conds.append(c.id.in_(flt.event_ids))
        return conds

    def iter_events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        q = select(t.events).where(*self._event_conditions(flt)).order_by(t.events.c.date_start, t.events.c.id)
        if flt and (flt.regime_id or flt.verdict):
            a = t.assessments.c
            sub = select(a.event_id).where(a.is_current.is_(True))
            if flt.regime_id:
                sub = sub.where(a.regime_id == flt.regime_id)
            if flt.verdict:
                sub = sub.where(a.verdict == flt.verdict)
            q = q.where(t.events.c.id.in_(sub))
        if flt and flt.limit:
            q = q.limit(flt.limit)
        for row in self.conn.execute(q):
            yield event_from_row(row)

    # -- assessments --------------------------------------------------------------------------
    def _current_rows(self, pairs: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], Any]:
        a = t.assessments
        q = select(a).where(a.c.is_current.is_(True))
        rows = self.conn.execute(q).all()
        out = {(r.event_id, r.regime_id): r for r in rows}
        if pairs is not None:
            out = {k: v for k, v in out.items() if k in pairs}
        return out

    def replace_rule_assessments(self, assessments: Sequence[Assessment]) -> int:
        """Store automatic assessments; unchanged ones are skipped, analyst overrides stay current.

        Returns the number of rows written.
        """
        current = self._current_rows()
        now = _now()
        new_rows: list[dict[str, Any]] = []
        retire: list[int] = []
        for a in assessments:
            prev = current.get((a.event_id, a.regime_id))
            if prev is not None:
                if prev.reviewer is not None:
                    continue  # an analyst's override stands until an analyst changes it
                if _same(prev, a):
                    continue
                retire.append(prev.id)
            row = assessment_to_row(a, now=now, current=True)
            row["supersedes"] = prev.id if prev is not None else None
            new_rows.append(row)
        for i in range(0, len(retire), CHUNK):
            self.conn.execute(
                update(t.assessments)
                .where(t.assessments.c.id.in_(retire[i : i + CHUNK]))
                .values(is_current=False)
            )
        for i in range(0, len(new_rows), CHUNK):
            self.conn.execute(insert(t.assessments), new_rows[i : i + CHUNK])
        return len(new_rows)

    def add_assessment(self, assessment: Assessment, *, supersede_current: bool) -> int:
        prev = self.current_assessment(assessment.event_id, assessment.regime_id)
        if supersede_current and prev is not None:
            self.conn.execute(
                update(t.assessments).where(t.assessments.c.id == prev.id).values(is_current=False)
            )
        row = assessment_to_row(assessment, now=_now(), current=True)
        row["supersedes"] = prev.id if prev is not None else None
        result = self.conn.execute(insert(t.assessments).values(**row))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def current_assessment(self, event_id: str, regime_id: str) -> StoredAssessment | None:
        a = t.assessments
        row = self.conn.execute(
            select(a).where(a.c.event_id == event_id, a.c.regime_id == regime_id, a.c.is_current.is_(True))
        ).first()
        return None if row is None else _stored(row)

    def assessment_history(self, event_id: str, regime_id: str) -> list[StoredAssessment]:
        a = t.assessments
        rows = self.conn.execute(
            select(a).where(a.c.event_id == event_id, a.c.regime_id == regime_id).order_by(a.c.id)
        ).all()
        return [_stored(r) for r in rows]

    def iter_assessments(self, flt: EventFilter | None = None) -> Iterator[StoredAssessment]:
        a = t.assessments
        q = select(a).where(a.c.is_current.is_(True))
        if flt is not None:
            if flt.regime_id:
                q = q.where(a.c.regime_id == flt.regime_id)
            if flt.verdict:
                q = q.where(a.c.verdict == flt.verdict)
            conds = self._event_conditions(flt)
            if conds:
                q = q.where(a.c.event_id.in_(select(t.events.c.id).where(*conds)))
        q = q.order_by(a.c.regime_id, a.c.event_id)
        if flt is not None and flt.limit:
            q = q.limit(flt.limit)
        for row in self.conn.execute(q):
            yield _stored(row)

    # -- imports ------------------------------------------------------------------------------
    def import_seen(self, kind: str, file_hash: str) -> bool:
        i = t.imports.c
        return (
            self.conn.execute(select(i.id).where(i.kind == kind, i.file_hash == file_hash)).first()
            is not None
        )

    def record_import(
        self, kind: str, path: str, file_hash: str, rows: int, added: int, invalid: int
    ) -> int:
        result = self.conn.execute(
            insert(t.imports).values(
                kind=kind,
                path=path,
                file_hash=file_hash,
                rows=rows,
                added=added,
                invalid=invalid,
                imported_at=_now(),
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def quarantine(self, import_id: int, line: int, error: str, raw: str) -> None:
        self.conn.execute(
            insert(t.quarantine).values(import_id=import_id, line=line, error=error, raw=raw)
        )

    # -- reports and claims -------------------------------------------------------------------
    def add_report(self, report: Report) -> bool:
        exists = self.conn.execute(
            select(t.reports.c.id).where(
                (t.reports.c.id == report.id) | (t.reports.c.content_hash == report.content_hash)
            )
        ).first()
        if exists is not None:
            return False
        self.conn.execute(insert(t.reports).values(**report_to_row(report)))
        return True

    def get_report(self, report_id: str) -> Report | None:
        row = self.conn.execute(select(t.reports).where(t.reports.c.id == report_id)).first()
        return None if row is None else report_from_row(row)

    def list_reports(self, limit: int = 100) -> list[Report]:
        rows = self.conn.execute(
            select(t.reports).order_by(t.reports.c.published_at.desc(), t.reports.c.id).limit(limit)
        ).all()
        return [report_from_row(r) for r in rows]

    def add_claims(self, report_id: str, claims: Sequence[dict[str, Any]]) -> int:
        rows = [
            {"report_id": report_id, "kind": str(c.get("kind", "claim")), "payload": c}
            for c in claims
        ]
        if rows:
            self.conn.execute(insert(t.claims), rows)
        return len(rows)

    def claims_for_report(self, report_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            select(t.claims.c.payload).where(t.claims.c.report_id == report_id).order_by(t.claims.c.id)
        ).all()
        return [dict(r[0]) for r in rows]


    # -- web accounts and web queries (issue #6) ---------------------------------------------
    def add_user(
        self, username: str, role: str, password_hash: str | None, display_name: str | None
    ) -> int:
        result = self.conn.execute(
            insert(t.users).values(
                username=username,
                role=role,
                password_hash=password_hash,
                display_name=display_name,
                disabled=False,
                created_at=_now(),
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def get_user(self, username: str) -> UserRecord | None:
        row = self.conn.execute(select(t.users).where(t.users.c.username == username)).first()
        return None if row is None else _user(row)

    def list_users(self) -> list[UserRecord]:
        rows = self.conn.execute(select(t.users).order_by(t.users.c.username)).all()
        return [_user(r) for r in rows]

    def update_user(
        self,
        username: str,
        *,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
    ) -> bool:
        values: dict[str, Any] = {}
        if role is not None:
            values["role"] = role
        if password_hash is not None:
            values["password_hash"] = password_hash
        if disabled is not None:
            values["disabled"] = disabled
        if not values:
            return False
        result = self.conn.execute(
            update(t.users).where(t.users.c.username == username).values(**values)
        )
        return bool(result.rowcount)

    def add_api_token(self, user_id: int, token_hash: str, label: str | None) -> int:
        result = self.conn.execute(
            insert(t.api_tokens).values(
                user_id=user_id, token_hash=token_hash, label=label, created_at=_now()
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def user_for_token(self, token_hash: str) -> UserRecord | None:
        q = (
            select(t.users)
            .join(t.api_tokens, t.api_tokens.c.user_id == t.users.c.id)
            .where(t.api_tokens.c.token_hash == token_hash)
        )
        row = self.conn.execute(q).first()
        return None if row is None else _user(row)

    def add_session(self, session_hash: str, user_id: int, csrf: str, expires_at: datetime) -> None:
        self.conn.execute(
            insert(t.web_sessions).values(
                session_hash=session_hash,
                user_id=user_id,
                csrf=csrf,
                created_at=_now(),
                expires_at=expires_at,
            )
        )

    def get_session(self, session_hash: str) -> SessionRecord | None:
        s = t.web_sessions
        q = (
            select(t.users, s.c.csrf, s.c.expires_at)
            .join(s, s.c.user_id == t.users.c.id)
            .where(s.c.session_hash == session_hash)
        )
        row = self.conn.execute(q).first()
        if row is None:
            return None
        return SessionRecord(user=_user(row), csrf=row.csrf, expires_at=_aware(row.expires_at))  # type: ignore[arg-type]

    def delete_session(self, session_hash: str) -> None:
        from sqlalchemy import delete

        self.conn.execute(delete(t.web_sessions).where(t.web_sessions.c.session_hash == session_hash))

    def get_secret(self, name: str) -> str | None:
        row = self.conn.execute(select(t.web_secrets.c.value).where(t.web_secrets.c.name == name)).first()
        return None if row is None else str(row[0])

    def put_secret(self, name: str, value: str) -> None:
        self.conn.execute(insert(t.web_secrets).values(name=name, value=value, created_at=_now()))

    def page_events(self, query: EventQuery) -> list[EventRow]:
        """One page in (date_start, id) order using the indexed columns only (no full load)."""
        from sqlalchemy import or_

        c = t.events.c
        a = t.assessments.c
        conds: list[Any] = []
        if query.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = query.bbox
            conds += [c.lon >= min_lon, c.lon <= max_lon, c.lat >= min_lat, c.lat <= max_lat]
        if query.date_from is not None:
            conds.append(c.date_start >= query.date_from)
        if query.date_to is not None:
            conds.append(c.date_start <= query.date_to)
        if query.pcode:
            column = {4: c.admin1_pcode, 6: c.admin2_pcode, 8: c.admin3_pcode}.get(
                len(query.pcode), c.location_pcode
            )
            conds.append(column == query.pcode)
        if query.actor:
            needle = query.actor.lower()
            conds.append(
                or_(
                    c.actor1_id == query.actor,
                    c.actor2_id == query.actor,
                    func.lower(c.actor1).contains(needle, autoescape=True),
                    func.lower(c.actor2).contains(needle, autoescape=True),
                )
            )
        if query.after is not None:
            d, last_id = query.after
            conds.append(or_(c.date_start > d, and_(c.date_start == d, c.id > last_id)))
        if query.regime_id:
            on = and_(a.event_id == c.id, a.regime_id == query.regime_id, a.is_current.is_(True))
            q = select(t.events, a.verdict, a.grade)
            if query.verdict or query.grade:
                q = q.select_from(t.events.join(t.assessments, on))
                if query.verdict:
                    conds.append(a.verdict == query.verdict)
                if query.grade:
                    conds.append(a.grade == query.grade)
            else:
                q = q.select_from(t.events.outerjoin(t.assessments, on))
        else:
            q = select(t.events)
            if query.verdict or query.grade:
                sub = select(a.event_id).where(a.is_current.is_(True))
                if query.verdict:
                    sub = sub.where(a.verdict == query.verdict)
                if query.grade:
                    sub = sub.where(a.grade == query.grade)
                conds.append(c.id.in_(sub))
        q = q.where(*conds).order_by(c.date_start, c.id).limit(query.limit)
        out: list[EventRow] = []
        for row in self.conn.execute(q):
            event = event_from_row(row)
            if query.regime_id:
                out.append(EventRow(event, row.verdict, row.grade))
            else:
                out.append(EventRow(event))
        return out

    def violations_per_day(
        self, regime_id: str | None, date_from: date | None, date_to: date | None
    ) -> list[tuple[str, date, int]]:
        """Count current ``violation`` assessments per regime and event start day."""
        a = t.assessments.c
        c = t.events.c
        q = (
            select(a.regime_id, c.date_start, func.count())
            .select_from(t.assessments.join(t.events, t.events.c.id == a.event_id))
            .where(a.is_current.is_(True), a.verdict == "violation")
        )
        if regime_id:
            q = q.where(a.regime_id == regime_id)
        if date_from is not None:
            q = q.where(c.date_start >= date_from)
        if date_to is not None:
            q = q.where(c.date_start <= date_to)
        q = q.group_by(a.regime_id, c.date_start).order_by(a.regime_id, c.date_start)
        return [(str(r[0]), r[1], int(r[2])) for r in self.conn.execute(q)]

    def bulk_insert_event_rows(self, rows: Sequence[dict[str, Any]]) -> int:
        """Insert ready-made event rows (``event_to_row`` shape) without any check (benchmarks)."""
        if rows:
            self.conn.execute(insert(t.events), list(rows))
        return len(rows)


    # -- issue #5: sources, event claims, corroboration, proposals ------------------------------
    # (imports are local so this block stays an append-only addition to the class)
    def put_source(self, source: Any, *, note: str | None = None) -> bool:
        """Insert or update a source; return True when something changed."""
        values = {
            "name": source.name,
            "kind": source.kind,
            "scale": source.scale,
            "affiliation": source.affiliation,
            "languages": list(source.languages),
            "aliases": list(source.aliases),
            "note": note,
        }
        s = t.sources
        row = self.conn.execute(select(s).where(s.c.id == source.id)).first()
        if row is not None and all(getattr(row, k) == v for k, v in values.items()):
            return False
        if row is None:
            self.conn.execute(insert(s).values(id=source.id, updated_at=_now(), **values))
        else:
            self.conn.execute(update(s).where(s.c.id == source.id).values(updated_at=_now(), **values))
        return True

    def list_sources(self) -> list[Any]:
        from hudna.domain.report import Source

        rows = self.conn.execute(select(t.sources).order_by(t.sources.c.id)).all()
        return [
            Source(
                id=r.id, name=r.name, kind=r.kind, scale=r.scale, affiliation=r.affiliation,
                languages=tuple(r.languages), aliases=tuple(r.aliases),
            )
            for r in rows
        ]

    def iter_claim_rows(
        self, kinds: Sequence[str] | None = None, report_ids: Sequence[str] | None = None
    ) -> list[tuple[int, str, dict[str, Any]]]:
        """Stored claims as (claim id, report id, payload), in id order."""
        c = t.claims.c
        q = select(c.id, c.report_id, c.payload).order_by(c.id)
        if kinds is not None:
            q = q.where(c.kind.in_(list(kinds)))
        if report_ids is not None:
            q = q.where(c.report_id.in_(list(report_ids)))
        return [(int(r[0]), str(r[1]), dict(r[2])) for r in self.conn.execute(q)]

    def linked_claims(self) -> dict[int, str]:
        """Claim id -> event id for every claim already part of an event."""
        ec = t.event_claims.c
        return {int(r[0]): str(r[1]) for r in self.conn.execute(select(ec.claim_id, ec.event_id))}

    def link_claims(self, event_id: str, links: Sequence[tuple[int, str, str]]) -> None:
        """Attach claims (claim id, report id, decision) to an event (moving them if linked)."""
        ids = [cid for cid, _, _ in links]
        for i in range(0, len(ids), CHUNK):
            self.conn.execute(
                t.event_claims.delete().where(t.event_claims.c.claim_id.in_(ids[i : i + CHUNK]))
            )
        now = _now()
        rows = [
            {"claim_id": cid, "event_id": event_id, "report_id": rid, "decision": d, "linked_at": now}
            for cid, rid, d in links
        ]
        for i in range(0, len(rows), CHUNK):
            self.conn.execute(insert(t.event_claims), rows[i : i + CHUNK])

    def event_claim_links(self, event_id: str) -> list[tuple[int, str, str]]:
        """The claims of an event: (claim id, report id, decision), in claim order."""
        ec = t.event_claims.c
        rows = self.conn.execute(
            select(ec.claim_id, ec.report_id, ec.decision).where(ec.event_id == event_id).order_by(ec.claim_id)
        ).all()
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def put_event(self, event: Event) -> None:
        """Insert an event or replace the stored one with the same id."""
        row = event_to_row(event, now=_now())
        if self.conn.execute(select(t.events.c.id).where(t.events.c.id == event.id)).first() is None:
            self.conn.execute(insert(t.events).values(**row))
        else:
            row.pop("created_at", None)
            self.conn.execute(update(t.events).where(t.events.c.id == event.id).values(**row))

    def delete_event(self, event_id: str) -> None:
        """Remove an event with its links, corroboration and assessments (merges, splits)."""
        for table, col in (
            (t.event_claims, t.event_claims.c.event_id),
            (t.corroborations, t.corroborations.c.event_id),
            (t.assessments, t.assessments.c.event_id),
        ):
            self.conn.execute(table.delete().where(col == event_id))
        self.conn.execute(t.events.delete().where(t.events.c.id == event_id))

    def put_corroboration(self, event_id: str, record: dict[str, Any]) -> None:
        """Store an event's corroboration (grade, reason, who said what) replacing the old one."""
        cols = {
            "grade": record["grade"],
            "scorer": record["scorer"],
            "reason": record["reason"],
            "contest": record.get("contest"),
            "n_originators": len(record.get("originators", [])),
            "n_affiliations": len(record.get("affiliations", [])),
            "accused_confirms": record.get("accused_confirms"),
            "doc": record,
            "duplicate_of": record.get("duplicate_of"),
            "updated_at": _now(),
        }
        co = t.corroborations
        if self.conn.execute(select(co.c.event_id).where(co.c.event_id == event_id)).first() is None:
            self.conn.execute(insert(co).values(event_id=event_id, **cols))
        else:
            self.conn.execute(update(co).where(co.c.event_id == event_id).values(**cols))

    def get_corroboration(self, event_id: str) -> dict[str, Any] | None:
        co = t.corroborations
        row = self.conn.execute(select(co.c.doc).where(co.c.event_id == event_id)).first()
        return None if row is None else dict(row[0])

    def iter_corroborations(self) -> list[tuple[str, dict[str, Any]]]:
        co = t.corroborations
        return [(str(r[0]), dict(r[1])) for r in self.conn.execute(select(co.c.event_id, co.c.doc).order_by(co.c.event_id))]

    def add_corroboration_log(
        self,
        action: str,
        event_ids: Sequence[str],
        claim_ids: Sequence[int],
        *,
        analyst: str | None = None,
        reason: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> int:
        result = self.conn.execute(
            insert(t.corroboration_log).values(
                at=_now(), action=action, event_ids=list(event_ids), claim_ids=list(claim_ids),
                analyst=analyst, reason=reason, detail=detail or {},
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def corroboration_log(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """Log entries (newest last), those naming ``event_id`` when given."""
        lg = t.corroboration_log
        rows = self.conn.execute(select(lg).order_by(lg.c.id)).all()
        out = []
        for r in rows:
            if event_id is not None and event_id not in (r.event_ids or []):
                continue
            out.append(
                {
                    "id": r.id, "at": _aware(r.at).isoformat(), "action": r.action,  # type: ignore[union-attr]
                    "event_ids": list(r.event_ids), "claim_ids": list(r.claim_ids),
                    "analyst": r.analyst, "reason": r.reason, "detail": dict(r.detail or {}),
                }
            )
        return out

    def put_proposal(self, proposal: Any) -> None:
        """Insert or update a regime-status proposal."""
        doc = _proposal_doc(proposal)
        cols = {
            "regime_id": proposal.regime_id,
            "change": proposal.change,
            "status": proposal.status,
            "report_id": proposal.report_id,
            "claim_id": proposal.claim_id,
            "state": proposal.state.value,
            "doc": doc,
            "decision": proposal.decision,
            "decided_by": proposal.decided_by,
            "decided_at": proposal.decided_at,
        }
        pr = t.proposals
        if self.conn.execute(select(pr.c.id).where(pr.c.id == proposal.id)).first() is None:
            self.conn.execute(insert(pr).values(id=proposal.id, created_at=_now(), **cols))
        else:
            self.conn.execute(update(pr).where(pr.c.id == proposal.id).values(**cols))

    def get_proposal(self, proposal_id: str) -> Any:
        pr = t.proposals
        row = self.conn.execute(select(pr.c.doc).where(pr.c.id == proposal_id)).first()
        return None if row is None else _proposal_from_doc(row[0])

    def list_proposals(self, state: str | None = None, regime_id: str | None = None) -> list[Any]:
        pr = t.proposals
        q = select(pr.c.doc).order_by(pr.c.created_at, pr.c.id)
        if state is not None:
            q = q.where(pr.c.state == state)
        if regime_id is not None:
            q = q.where(pr.c.regime_id == regime_id)
        return [_proposal_from_doc(r[0]) for r in self.conn.execute(q)]

    def set_current_grade(self, event_id: str, regime_id: str, grade: str, contest: str | None) -> bool:
        """Put a corroboration grade and contest on the current assessment of a pair, in place.

        The verdict and evidence are the rule's and stay; only the grade annotation changes (the
        corroboration log keeps the grade history). Returns True when something changed.
        """
        a = t.assessments
        row = self.conn.execute(
            select(a.c.id, a.c.grade, a.c.contest).where(
                a.c.event_id == event_id, a.c.regime_id == regime_id, a.c.is_current.is_(True)
            )
        ).first()
        if row is None or (row.grade == grade and row.contest == contest):
            return False
        self.conn.execute(update(a).where(a.c.id == row.id).values(grade=grade, contest=contest))
        return True


def _proposal_doc(p: Any) -> dict[str, Any]:
    def iso(v: datetime | None) -> str | None:
        return v.isoformat() if v is not None else None

    return {
        "id": p.id, "change": p.change, "status": p.status, "report_id": p.report_id,
        "evidence": [[e.start, e.end, e.text, e.role] for e in p.evidence],
        "regime_id": p.regime_id, "until": iso(p.until), "at": iso(p.at), "zone_text": p.zone_text,
        "duration_hours": p.duration_hours,
        "zone_pcodes": list(p.zone_pcodes), "parties": list(p.parties), "originator": p.originator,
        "publisher": p.publisher, "claim_id": p.claim_id, "state": p.state.value,
        "decision": p.decision, "decided_by": p.decided_by, "decided_at": iso(p.decided_at),
    }


def _proposal_from_doc(doc: dict[str, Any]) -> Any:
    from hudna.domain.proposal import Proposal, ProposalEvidence, ProposalState

    def dt(v: str | None) -> datetime | None:
        return datetime.fromisoformat(v) if v else None

    return Proposal(
        id=doc["id"], change=doc["change"], status=doc["status"], report_id=doc["report_id"],
        evidence=tuple(ProposalEvidence(int(a), int(b), str(c), str(d)) for a, b, c, d in doc["evidence"]),
        regime_id=doc.get("regime_id"), until=dt(doc.get("until")), at=dt(doc.get("at")),
        duration_hours=doc.get("duration_hours"),
        zone_text=doc.get("zone_text"), zone_pcodes=tuple(doc.get("zone_pcodes") or ()),
        parties=tuple(doc.get("parties") or ()), originator=doc.get("originator"),
        publisher=doc.get("publisher"), claim_id=doc.get("claim_id"),
        state=ProposalState(doc.get("state", "pending")), decision=doc.get("decision") or "",
        decided_by=doc.get("decided_by"), decided_at=dt(doc.get("decided_at")),
    )

def _same(prev: Any, a: Assessment) -> bool:
    return (
        prev.verdict == a.verdict.value
        and prev.rule == a.rule
        and (prev.grade or None) == (a.grade.value if a.grade else None)
        and prev.contest == a.contest
        and prev.evidence
        == [{"check": e.check, "result": e.result, "detail": e.detail, "ref": e.ref} for e in a.evidence]
    )


def _stored(row: Any) -> StoredAssessment:
    return StoredAssessment(
        id=row.id,
        assessment=assessment_from_row(row),
        current=bool(row.is_current),
        assessed_at=_aware(row.assessed_at),  # type: ignore[arg-type]
    )


class SqlStore:
    """A store on one SQLAlchemy engine. Use :func:`hudna.storage.open_store` to build one."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @contextmanager
    def unit_of_work(self, *, readonly: bool = False) -> Iterator[SqlUnitOfWork]:
        """A transaction; ``readonly`` for one that only reads (on SQLite it then takes no write
        lock: readers of a WAL database never wait for the writer)."""
        if not readonly:
            with self.engine.begin() as conn:
                yield SqlUnitOfWork(conn)
            return
        with self.engine.connect() as conn:
            conn.execution_options(hudna_readonly=True)
            with conn.begin():
                yield SqlUnitOfWork(conn)

    def close(self) -> None:
        self.engine.dispose()


def configure_sqlite(engine: Engine) -> None:
    """WAL journal, foreign keys, and a busy timeout for the single-writer model."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT/BEGIN; let SQLAlchemy drive it.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # a writer takes the write lock first (a deferred transaction that reads, then writes,
        # fails at once when another writer committed in between); a reader takes none
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("hudna_readonly") else "BEGIN IMMEDIATE")


def _user(row: Any) -> UserRecord:
    return UserRecord(
        id=row.id,
        username=row.username,
        role=row.role,
        password_hash=row.password_hash,
        display_name=row.display_name,
        disabled=bool(row.disabled),
        created_at=_aware(row.created_at),  # type: ignore[arg-type]
    )
