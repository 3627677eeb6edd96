"""Read models and adapters the web layer needs on top of the services (issue #6).

These are the web's use cases that have no service counterpart yet: a page of events with a
keyset cursor, an event's evidence bundle, the timeline, zone and outline GeoJSON, report upload,
and regime create/edit/extend (done by writing the regime document to a file and calling
:func:`hudna.services.regimes.load_regimes`, so the same validation and history apply).

Report upload stores the report and its claims and, until corroboration (issue #5) exists, turns
each located and dated incident claim into a provisional single-report event (origin ``news``)
and re-assesses. TODO(#5): hand the claims to the corroboration service instead.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import logging
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hudna.domain.event import Event, Fatalities
from hudna.domain.ids import content_hash
from hudna.domain.place import Level, PlaceRef
from hudna.domain.report import Report
from hudna.domain.time import TimeWindow
from hudna.errors import DataError, EventNotFound, NotFound, RegimeNotFound
from hudna.services.adjudication import assess_all, assessment_history, assessment_row
from hudna.services.exports import export
from hudna.services.ports import EventFilter, EventQuery, EventRow, Store
from hudna.services.regimes import get_regime, load_regimes

log = logging.getLogger(__name__)
DAMASCUS = ZoneInfo("Asia/Damascus")


# -- cursors ---------------------------------------------------------------------------------------
def encode_cursor(row: EventRow) -> str:
    """Opaque keyset cursor after ``row``.

    Examples
    --------
    >>> decode_cursor(encode_cursor_raw(date(2016, 5, 1), "ucdp-1"))
    (datetime.date(2016, 5, 1), 'ucdp-1')
    """
    return encode_cursor_raw(row.event.date_start, row.event.id)


def encode_cursor_raw(d: date, event_id: str) -> str:
    raw = json.dumps([d.isoformat(), event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        d, event_id = json.loads(raw)
        return date.fromisoformat(d), str(event_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise DataError("invalid cursor", field="cursor") from exc


def events_page(store: Store, query: EventQuery) -> tuple[list[EventRow], str | None]:
    """One page of events and the cursor of the next page (``None`` on the last page)."""
    if query.regime_id:
        get_regime(store, query.regime_id)
    with store.unit_of_work() as uow:
        rows = uow.page_events(query)
    nxt = encode_cursor(rows[-1]) if len(rows) == query.limit else None
    return rows, nxt


def timeline(store: Store, regime_id: str | None, date_from: date | None, date_to: date | None) -> dict[str, Any]:
    """Violations per day per regime: ``{"series": {regime_id: [[day, n], ...]}}``."""
    with store.unit_of_work() as uow:
        rows = uow.violations_per_day(regime_id, date_from, date_to)
    series: dict[str, list[list[Any]]] = {}
    for rid, day, n in rows:
        series.setdefault(rid, []).append([day.isoformat(), n])
    return {"series": series}


# -- evidence --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of original text; ``roles`` is empty outside evidence spans."""

    text: str
    roles: tuple[str, ...] = ()


def highlight(text: str, spans: list[dict[str, Any]]) -> list[Segment]:
    """Cut ``text`` into plain and highlighted segments; overlapping spans are merged.

    Spans outside the text are ignored. Templates escape every segment, so hostile text stays
    text.

    Examples
    --------
    >>> [(s.text, s.roles) for s in highlight("abcdef", [{"start": 1, "end": 3, "role": "x"},
    ...                                                   {"start": 2, "end": 4, "role": "y"}])]
    [('a', ()), ('bcd', ('x', 'y')), ('ef', ())]
    """
    clean = sorted(
        (int(s["start"]), int(s["end"]), str(s.get("role") or ""))
        for s in spans
        if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
        and 0 <= s["start"] < s["end"] <= len(text)
    )
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, role in clean:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), [*last[2], role] if role not in last[2] else last[2])
        else:
            merged.append((start, end, [role]))
    out: list[Segment] = []
    pos = 0
    for start, end, roles in merged:
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], tuple(r for r in roles if r) or ("evidence",)))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


@dataclass
class ClaimView:
    report: Report
    claim: dict[str, Any]
    segments: list[Segment]


@dataclass
class EventDetail:
    event: Event
    assessments: list[dict[str, Any]] = field(default_factory=list)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    claims: list[ClaimView] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


def claim_segments(report: Report, claim: dict[str, Any]) -> list[Segment]:
    """The report text with the claim's evidence spans highlighted."""
    return highlight(report.text, list(claim.get("evidence") or []))


def event_detail(store: Store, event_id: str) -> EventDetail:
    """An event with its current assessments, their history, its reports and claims."""
    with store.unit_of_work() as uow:
        event = uow.get_event(event_id)
        if event is None:
            raise EventNotFound(f"no event {event_id!r}")
        stored = list(uow.iter_assessments(EventFilter(event_ids=(event_id,))))
        reports = [r for r in (uow.get_report(s) for s in event.sources) if r is not None]
        claims = {r.id: uow.claims_for_report(r.id) for r in reports}
    detail = EventDetail(event, [assessment_row(s, event) for s in stored], reports=reports)
    for s in stored:
        detail.history[s.assessment.regime_id] = assessment_history(store, event_id, s.assessment.regime_id)
    # Provisional single-report events (see provisional_events) point at one claim: "<report>:<i>".
    head, _, tail = (event.origin_id or "").partition(":")
    wanted = tail if event.origin == "news" and head in event.sources and tail.isdigit() else None
    for report in reports:
        for i, claim in enumerate(claims[report.id]):
            if wanted is None or str(i) == wanted:
                detail.claims.append(ClaimView(report, claim, claim_segments(report, claim)))
    return detail


def report_detail(store: Store, report_id: str) -> tuple[Report, list[ClaimView]]:
    """A report and its claims, each with its evidence highlighted in the original text."""
    with store.unit_of_work() as uow:
        report = uow.get_report(report_id)
        if report is None:
            raise NotFound(f"no report {report_id!r}", code="HUDNA-REPORT-404")
        claims = uow.claims_for_report(report_id)
    return report, [ClaimView(report, c, claim_segments(report, c)) for c in claims]


# -- geometry --------------------------------------------------------------------------------------
def zones_geojson(store: Store, regime_id: str | None = None) -> dict[str, Any]:
    """Zones of one regime (or all) as a GeoJSON FeatureCollection."""
    with tempfile.TemporaryDirectory(prefix="hudna-web-") as tmp:
        out = Path(tmp) / "zones.geojson"
        export(store, "zones", out, regime_id=regime_id)
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def admin1_geojson() -> dict[str, Any]:
    """Governorate outlines (OCHA 2015), simplified, as the map's offline base layer."""
    from shapely.geometry import mapping

    from hudna.services.context import default_areas

    areas = default_areas()
    features = []
    for a in areas.areas:
        if a.level.value != "governorate" or a.geometry is None:
            continue
        geom = a.geometry.simplify(0.01, preserve_topology=True)
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(geom),
                "properties": {"pcode": a.pcode, "name_en": a.name_en, "name_ar": a.name_ar},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# -- regimes ---------------------------------------------------------------------------------------
def _load_doc(store: Store, doc: dict[str, Any], label: str) -> list[str]:
    regimes = doc.get("regimes") if "regimes" in doc else [doc]
    with tempfile.TemporaryDirectory(prefix="hudna-web-") as tmp:
        path = Path(tmp) / f"{label}.json"
        path.write_text(json.dumps({"regimes": regimes}, ensure_ascii=False), encoding="utf-8")
        result = load_regimes(store, path)
    return [*result.added, *result.updated, *result.unchanged]


def save_regime(store: Store, doc: dict[str, Any], *, regime_id: str | None = None) -> list[str]:
    """Register (or, with ``regime_id``, replace) regimes from a regime-file document."""
    if regime_id is not None:
        get_regime(store, regime_id)
        if doc.get("id") != regime_id:
            raise DataError(f"document id {doc.get('id')!r} differs from {regime_id!r}", field="id")
    return _load_doc(store, doc, f"api-{regime_id or 'create'}")


def extend_regime(store: Store, regime_id: str, window: dict[str, Any]) -> list[str]:
    """Add an extension (or suspension) window to a regime, keeping its other content."""
    from hudna.ingest.readers.regimes import regime_to_mapping

    doc = regime_to_mapping(get_regime(store, regime_id))
    kind = window.get("kind") or "extension"
    doc["windows"] = [*doc["windows"], {k: v for k, v in {**window, "kind": kind}.items() if v is not None}]
    return _load_doc(store, doc, f"api-extend-{regime_id}")


# -- reports ---------------------------------------------------------------------------------------
@dataclass
class UploadResult:
    reports: list[str] = field(default_factory=list)
    duplicates: int = 0
    claims: int = 0
    events: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Upload:
    """What the monitor sent: a file (name + bytes) and optional metadata."""

    filename: str
    data: bytes
    source_id: str | None = None
    published_on: date | None = None
    language: str = "auto"
    make_events: bool = True


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    from hudna.ingest.pipeline import build_pipeline

    return build_pipeline()


def _articles(upload: Upload) -> list[Any]:
    from hudna.ingest.news import Article, html_to_text, iter_articles, parse_date

    name = Path(upload.filename or "upload.txt").name
    suffix = Path(name).suffix.lower()
    try:
        raw = upload.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError("not UTF-8 text", path=name) from exc
    stem = Path(name).stem or "upload"
    if suffix in (".html", ".htm"):
        text, title = html_to_text(raw)  # scripts, styles, templates dropped before storage
        return [Article(doc_id=stem, text=text, title=title, published_on=upload.published_on, source=upload.source_id)]
    if suffix == ".jsonl":
        with tempfile.TemporaryDirectory(prefix="hudna-web-") as tmp:
            path = Path(tmp) / name
            path.write_text(raw, encoding="utf-8")
            return list(iter_articles(path))
    if suffix == ".csv":
        out = []
        for n, row in enumerate(csv.DictReader(io.StringIO(raw)), 2):
            text = row.get("text") or row.get("content")
            if not text:
                raise DataError("needs a 'text' or 'content' column", path=name, line=n, field="text")
            out.append(
                Article(
                    doc_id=row.get("doc_id") or f"{stem}-{n}",
                    text=text,
                    title=row.get("title") or None,
                    published_on=parse_date(row.get("published_on"), path=name, line=n) or upload.published_on,
                    source=row.get("source") or upload.source_id,
                    url=row.get("url") or None,
                )
            )
        return out
    if suffix not in ("", ".txt", ".text"):
        raise DataError(f"unsupported file type {suffix!r} (txt, html, jsonl, csv)", path=name)
    return [Article(doc_id=stem, text=raw, published_on=upload.published_on, source=upload.source_id)]


def ingest_upload(store: Store, upload: Upload) -> UploadResult:
    """Store each article as a report with its extracted claims (idempotent by content hash)."""
    from hudna.ingest.evaluate import claims_to_json, extract_article

    result = UploadResult()
    now = datetime.now(UTC)
    new_events: list[Event] = []
    for article in _articles(upload):
        if not article.text.strip():
            continue
        source = article.source or upload.source_id
        published = article.published_on or upload.published_on
        digest = content_hash(source or "", article.text)
        doc = extract_article(
            article if article.published_on else _with_date(article, published), _pipeline(), lang=upload.language
        )
        payload = claims_to_json(doc)
        report = Report(
            id=digest[:32],
            source_id=source,
            text=article.text,
            content_hash=digest,
            language=payload.get("lang"),
            title=article.title,
            url=article.url,
            published_at=datetime.combine(published, datetime.min.time(), tzinfo=DAMASCUS) if published else None,
            received_at=now,
            channel="web",
            warnings=tuple(payload.get("warnings") or ()),
        )
        with store.unit_of_work() as uow:
            if not uow.add_report(report):
                result.duplicates += 1
                continue
            result.claims += uow.add_claims(report.id, payload["claims"])
        result.reports.append(report.id)
        if upload.make_events:
            new_events += provisional_events(report, payload["claims"], published)
    if new_events:
        with store.unit_of_work() as uow:
            uow.add_events(new_events)
        assess_all(store)
        result.events = [e.id for e in new_events]
    log.info("upload reports=%d claims=%d events=%d", len(result.reports), result.claims, len(result.events))
    return result


def _with_date(article: Any, published: date | None) -> Any:
    import dataclasses

    return dataclasses.replace(article, published_on=published)


def provisional_events(report: Report, claims: list[dict[str, Any]], published: date | None) -> list[Event]:
    """Single-report events from located, dated, affirmative incident claims (until #5)."""
    out: list[Event] = []
    for i, c in enumerate(claims):
        place, when = c.get("place") or {}, c.get("time") or {}
        if c.get("kind") != "incident" or c.get("negative") or place.get("lat") is None:
            continue
        start = _day(when.get("on") or when.get("earliest_on")) or published
        end = _day(when.get("latest_on")) or start
        if start is None or end is None:
            continue
        cas = c.get("casualties") or {}
        perpetrator = c.get("perpetrator")
        actor = perpetrator if isinstance(perpetrator, str) else None
        out.append(
            Event(
                id=f"news-{report.id[:16]}-{i}",
                date_start=start,
                date_end=max(end, start),
                when=TimeWindow.for_local_days(start, max(end, start), DAMASCUS),
                place=PlaceRef(
                    admin1_pcode=place.get("admin1_pcode"),
                    admin2_pcode=place.get("admin2_pcode"),
                    location=place.get("text"),
                    location_pcode=place.get("pcode"),
                    lat=float(place["lat"]),
                    lon=float(place["lon"]),
                    level=Level.COMMUNITY,
                ),
                event_type=str(c.get("event_type") or "other"),
                actor1=actor,
                actor1_id=actor,
                directed=actor is not None,
                fatalities=_fatalities(cas),
                sources=(report.id,),
                source_original=report.source_id,
                source_headline=report.title,
                number_of_sources=1,
                origin="news",
                origin_id=f"{report.id}:{i}",
            )
        )
    return out


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _fatalities(cas: dict[str, Any]) -> Fatalities:
    values = [cas.get("killed_low"), cas.get("killed_best"), cas.get("killed_high")]
    if any(v is not None and not isinstance(v, int) for v in values):
        return Fatalities()
    low, best, high = values
    try:
        return Fatalities(low, best, high)
    except DataError:
        return Fatalities(None, best, None)


__all__ = [
    "RegimeNotFound",
    "Segment",
    "Upload",
    "decode_cursor",
    "event_detail",
    "events_page",
    "extend_regime",
    "highlight",
    "ingest_upload",
    "report_detail",
    "save_regime",
    "timeline",
    "zones_geojson",
]


async def run_sync(fn: Any, *args: Any) -> Any:
    """Run a blocking use case off the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)
