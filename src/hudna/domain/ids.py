"""Identifier helpers: content-hash ids for idempotent ingestion."""

from __future__ import annotations

import hashlib
from typing import NewType

RegimeId = NewType("RegimeId", str)
EventId = NewType("EventId", str)
ReportId = NewType("ReportId", str)
ActorId = NewType("ActorId", str)


def content_hash(*parts: str | bytes, length: int = 64) -> str:
    """SHA-256 over the parts, each length-prefixed so that ("ab","c") != ("a","bc").

    Examples
    --------
    >>> content_hash("ucdp", "214797")[:12]
    '98dc0838cbbd'
    >>> content_hash("ab", "c") != content_hash("a", "bc")
    True
    """
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(str(len(data)).encode("ascii"))
        h.update(b":")
        h.update(data)
    return h.hexdigest()[:length]


def external_event_id(origin: str, origin_id: str) -> EventId:
    """Stable event id for an event imported from a dataset (origin, id-in-origin).

    Examples
    --------
    >>> external_event_id("ucdp", "214797")
    'ucdp-214797'
    """
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in origin_id.strip())
    return EventId(f"{origin}-{safe}")
