"""SQLAlchemy Core tables (dialect-neutral types; geometry as GeoJSON text)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

regimes = Table(
    "regimes",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text),
    Column("kind", String(40), nullable=False),
    Column("parent_id", String(128)),
    Column("timezone", String(64), nullable=False),
    Column("doc", JSON, nullable=False),
    Column("doc_hash", String(64), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

regime_history = Table(
    "regime_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("regime_id", String(128), ForeignKey("regimes.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("change", String(40), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("report_id", String(64)),
    Column("actor", String(128)),
)

events = Table(
    "events",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("origin", String(40)),
    Column("origin_id", String(128)),
    Column("date_start", Date, nullable=False),
    Column("date_end", Date, nullable=False),
    Column("date_prec", Integer, nullable=False),
    Column("earliest_at", DateTime(timezone=True), nullable=False),
    Column("latest_at", DateTime(timezone=True), nullable=False),
    Column("event_type", String(40), nullable=False),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("actor1_id", String(128)),
    Column("actor2_id", String(128)),
    Column("directed", Boolean, nullable=False, default=False),
    Column("type_of_violence", Integer),
    Column("country_iso3", String(3)),
    Column("admin1_pcode", String(16)),
    Column("admin1", Text),
    Column("admin2_pcode", String(16)),
    Column("admin2", Text),
    Column("admin3_pcode", String(16)),
    Column("admin3", Text),
    Column("location", Text),
    Column("location_pcode", String(16)),
    Column("lat", Float),
    Column("lon", Float),
    Column("level", String(20), nullable=False),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("doc", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("origin", "origin_id", name="uq_events_origin"),
    Index("ix_events_date", "date_start"),
    Index("ix_events_admin1", "admin1_pcode"),
    Index("ix_events_lon_lat", "lon", "lat"),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(128), ForeignKey("events.id"), nullable=False),
    Column("regime_id", String(128), ForeignKey("regimes.id"), nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("grade", String(20)),
    Column("rule", String(80), nullable=False),
    Column("in_zone", Boolean),
    Column("zone_distance_m", Float),
    Column("in_window", Boolean),
    Column("perpetrator_bound", Boolean),
    Column("target_excluded", Boolean),
    Column("prohibited_act", Boolean),
    Column("perpetrator_id", String(128)),
    Column("contest", Text),
    Column("evidence", JSON, nullable=False),
    Column("reviewer", String(128)),
    Column("reason", Text),
    Column("supersedes", Integer),
    Column("is_current", Boolean, nullable=False),
    Column("assessed_at", DateTime(timezone=True), nullable=False),
    Column("gazetteer_version", String(128)),
    Index("ix_assessments_pair", "event_id", "regime_id"),
    Index("ix_assessments_regime", "regime_id", "is_current", "verdict"),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("path", Text, nullable=False),
    Column("file_hash", String(64), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("added", Integer, nullable=False),
    Column("invalid", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Index("ix_imports_hash", "kind", "file_hash"),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("line", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("raw", Text, nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source_id", String(128)),
    Column("originator", String(128)),
    Column("url", Text),
    Column("title", Text),
    Column("language", String(8)),
    Column("published_at", DateTime(timezone=True)),
    Column("received_at", DateTime(timezone=True)),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("warnings", JSON, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), ForeignKey("reports.id"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("payload", JSON, nullable=False),
)

# -- web accounts (issue #6) ---------------------------------------------------------------------
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text),
    Column("display_name", Text),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

web_secrets = Table(
    "web_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Keyset pagination of /api/events orders by (date_start, id); this index serves the order and the
# date-range filter, and covers the bounding-box test (lon, lat) so only matching rows are read
# from the table (issue #6, bench/api.py).
Index("ix_events_date_id", events.c.date_start, events.c.id, events.c.lon, events.c.lat)

# -- issue #5: sources, corroboration, proposals (migration 0002) -------------------------------

sources = Table(
    "sources",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("scale", String(20), nullable=False),
    Column("affiliation", String(64), nullable=False),
    Column("languages", JSON, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("note", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

event_claims = Table(
    "event_claims",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id"), primary_key=True),
    Column("event_id", String(128), ForeignKey("events.id"), nullable=False, index=True),
    Column("report_id", String(64), nullable=False),
    Column("decision", Text, nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)

corroborations = Table(
    "corroborations",
    metadata,
    Column("event_id", String(128), ForeignKey("events.id"), primary_key=True),
    Column("grade", String(20), nullable=False),
    Column("scorer", String(80), nullable=False),
    Column("reason", Text, nullable=False),
    Column("contest", Text),
    Column("n_originators", Integer, nullable=False),
    Column("n_affiliations", Integer, nullable=False),
    Column("accused_confirms", Boolean),
    Column("doc", JSON, nullable=False),
    Column("duplicate_of", String(128)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

corroboration_log = Table(
    "corroboration_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(20), nullable=False),
    Column("event_ids", JSON, nullable=False),
    Column("claim_ids", JSON, nullable=False),
    Column("analyst", String(128)),
    Column("reason", Text),
    Column("detail", JSON, nullable=False),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("regime_id", String(128), index=True),
    Column("change", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("report_id", String(64), nullable=False),
    Column("claim_id", Integer),
    Column("state", String(20), nullable=False, index=True),
    Column("doc", JSON, nullable=False),
    Column("decision", Text, nullable=False),
    Column("decided_by", String(128)),
    Column("decided_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
