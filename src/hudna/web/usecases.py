"""Read models and adapters the web layer needs on top of the services (issue #6).

These are the web's use cases that have no service counterpart yet: a page of events with a
keyset cursor, an event's evidence bundle, the timeline, zone and outline GeoJSON, report upload,
and regime create/edit/extend (done by writing the regime document to a file and calling
:func:`hudna.services.regimes.load_regimes`, so the same validation and history apply).

Report upload hands the file to the news ingestion service and then to corroboration
(:func:`hudna.services.news.ingest_and_corroborate`): claims become graded events, regime-status
claims become proposals, and everything is assessed. Event pages gather the corroboration record
(who said what, :func:`hudna.services.corroboration.show_event`) and the source registry's kind
and affiliation of every source (:func:`hudna.services.sources.source_catalog`).
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import logging
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from hudna.domain.event import Event
from hudna.domain.proposal import Proposal, ProposalState
from hudna.domain.report import Report
from hudna.errors import DataError, EventNotFound, NotFound
from hudna.services.adjudication import assessment_history, assessment_row
from hudna.services.corroboration import show_event
from hudna.services.exports import export
from hudna.services.news import ingest_and_corroborate
from hudna.services.ports import EventFilter, EventQuery, EventRow, Store
from hudna.services.proposals import list_proposals
from hudna.services.regimes import get_regime, load_regimes
from hudna.services.sources import source_catalog

if TYPE_CHECKING:
    from hudna.ingest.pipeline import Pipeline
    from hudna.ingest.sources import SourceCatalog

P = ParamSpec("P")
T = TypeVar("T")
log = logging.getLogger(__name__)


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
    with store.unit_of_work(readonly=True) as uow:
        rows = uow.page_events(query)
    nxt = encode_cursor(rows[-1]) if len(rows) == query.limit else None
    return rows, nxt


def timeline(store: Store, regime_id: str | None, date_from: date | None, date_to: date | None) -> dict[str, Any]:
    """Violations per day per regime: ``{"series": {regime_id: [[day, n], ...]}}``."""
    with store.unit_of_work(readonly=True) as uow:
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
    """A claim with its evidence highlighted: in an excerpt around it and in the whole text."""

    report: Report
    claim: dict[str, Any]
    segments: list[Segment]
    excerpt: list[Segment] = field(default_factory=list)
    claim_id: int | None = None
    event_id: str | None = None  # the event corroboration put the claim in


@dataclass(frozen=True)
class SourceInfo:
    """A source of an event as the registry knows it (``kind``/``affiliation`` "unknown" if not)."""

    name: str
    id: str | None = None
    kind: str = "unknown"
    affiliation: str = "unknown"
    roles: tuple[str, ...] = ()


@dataclass
class EventDetail:
    event: Event
    assessments: list[dict[str, Any]] = field(default_factory=list)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    claims: list[ClaimView] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)
    said: list[dict[str, Any]] = field(default_factory=list)
    corroboration: dict[str, Any] | None = None


def claim_segments(report: Report, claim: dict[str, Any]) -> list[Segment]:
    """The report text with the claim's evidence spans highlighted."""
    return highlight(report.text, list(claim.get("evidence") or []))


def excerpt_segments(text: str, spans: list[dict[str, Any]], sentence: Any = None) -> list[Segment]:
    """The stretch of ``text`` from the first to the last span (and the claim's sentence), widened
    to whole sentences, with the spans highlighted; "…" marks cut text.

    Examples
    --------
    >>> [s.text for s in excerpt_segments("One. Two hit Aleppo. Three.", [{"start": 13, "end": 19}])]
    ['…', 'Two hit ', 'Aleppo', '.', '…']
    """
    bounds = [(int(s["start"]), int(s["end"])) for s in spans
              if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
              and 0 <= s["start"] < s["end"] <= len(text)]
    if (isinstance(sentence, (list, tuple)) and len(sentence) == 2 and all(isinstance(x, int) for x in sentence)
            and 0 <= sentence[0] < sentence[1] <= len(text)):
        bounds.append((sentence[0], sentence[1]))
    if not bounds:
        return []
    lo, hi = min(b[0] for b in bounds), max(b[1] for b in bounds)
    stops = ".!?\n\u061f\u06d4"  # Latin and Arabic sentence ends, line breaks
    while lo > 0 and text[lo - 1] not in stops:
        lo -= 1
    while hi < len(text) and text[hi - 1] not in stops:
        hi += 1
    while lo < min(b[0] for b in bounds) and text[lo].isspace():
        lo += 1
    shifted = [{**s, "start": s["start"] - lo, "end": s["end"] - lo} for s in spans
               if isinstance(s.get("start"), int) and isinstance(s.get("end"), int) and lo <= s["start"] < s["end"] <= hi]
    out = highlight(text[lo:hi], shifted)
    if lo > 0:
        out.insert(0, Segment("…"))
    if hi < len(text):
        out.append(Segment("…"))
    return out


def _claim_view(report: Report, claim: dict[str, Any], claim_id: int | None = None) -> ClaimView:
    spans = list(claim.get("evidence") or [])
    return ClaimView(report, claim, highlight(report.text, spans),
                     excerpt_segments(report.text, spans, claim.get("sentence")), claim_id)


def _name_index(cat: SourceCatalog) -> dict[str, str]:
    index: dict[str, str] = {}
    for sid, src in cat.sources.items():
        for name in (sid, src.name, *src.aliases):
            index.setdefault(name.casefold().strip(), sid)
    return index


def resolve_sources(cat: SourceCatalog, names: Iterable[tuple[str, str]]) -> list[SourceInfo]:
    """``(name or id, role)`` pairs as registry entries (by id, name or alias), in order, merged."""
    index = _name_index(cat)
    out: dict[str, SourceInfo] = {}
    for name, role in names:
        name = name.strip()
        if not name:
            continue
        sid = index.get(name.casefold())
        src = cat.sources.get(sid) if sid else None
        key = sid or name.casefold()
        if key in out:
            old = out[key]
            if role not in old.roles:
                out[key] = SourceInfo(old.name, old.id, old.kind, old.affiliation, (*old.roles, role))
            continue
        if src is None:
            out[key] = SourceInfo(name=name, roles=(role,))
        else:
            out[key] = SourceInfo(src.name, src.id, src.kind or "unknown", src.affiliation or "unknown", (role,))
    return list(out.values())


def event_detail(store: Store, event_id: str) -> EventDetail:
    """An event with its assessments and their history, its claims with the evidence highlighted,
    who said what (corroborated news events) and its sources with kind and affiliation."""
    with store.unit_of_work(readonly=True) as uow:
        event = uow.get_event(event_id)
        if event is None:
            raise EventNotFound(f"no event {event_id!r}")
        stored = list(uow.iter_assessments(EventFilter(event_ids=(event_id,))))
        links = uow.event_claim_links(event_id)
        report_ids = list(dict.fromkeys(rid for _, rid, _ in links))
        if not links:  # events from an import (or older single-report events): reports by id
            report_ids = list(event.sources)
        reports = {rid: r for rid in report_ids if (r := uow.get_report(rid)) is not None}
        wanted = {cid for cid, _, _ in links}
        claims: list[tuple[int, str, dict[str, Any]]] = [
            row for row in (uow.iter_claim_rows(report_ids=sorted(reports)) if reports else [])
            if not wanted or row[0] in wanted
        ]
    detail = EventDetail(event, [assessment_row(s, event) for s in stored], reports=list(reports.values()))
    for s in stored:
        detail.history[s.assessment.regime_id] = assessment_history(store, event_id, s.assessment.regime_id)
    order = {cid: i for i, (cid, _, _) in enumerate(links)}
    for cid, rid, payload in sorted(claims, key=lambda row: (order.get(row[0], 0), row[0])):
        if payload.get("kind") in ("incident", "calm") or not wanted:
            detail.claims.append(_claim_view(reports[rid], payload, cid))
    names: list[tuple[str, str]] = []
    if links:
        shown = show_event(store, event_id)
        detail.corroboration = shown
        detail.said = list(shown.get("said") or [])
        for said in detail.said:
            for key in ("originator", "voice", "publisher"):
                if said.get(key):
                    names.append((str(said[key]), "publisher" if key == "publisher" else "originator"))
    for r in reports.values():
        if r.source_id:
            names.append((r.source_id, "publisher"))
    if not links:  # corroborated events name their originators in the record above
        for raw in (event.source_original or "").replace("|", ";").split(";"):
            names.append((raw, "source"))
    detail.sources = resolve_sources(source_catalog(store), names)
    return detail


# -- proposals -------------------------------------------------------------------------------------
@dataclass
class ProposalView:
    """A regime-status proposal with its evidence: the quoted words inside the report's text and
    the sources (originator and publisher) with kind and affiliation."""

    proposal: Proposal
    report: Report | None
    excerpt: list[Segment]
    words: list[str]
    sources: list[SourceInfo]

    @property
    def pending(self) -> bool:
        return self.proposal.state == ProposalState.PENDING


_STATE_ORDER = {ProposalState.PENDING: 0, ProposalState.APPLIED: 1, ProposalState.REJECTED: 2}


def proposal_views(store: Store, *, state: str | None = None, regime_id: str | None = None) -> list[ProposalView]:
    """Proposals, pending first (then applied, rejected), each with its evidence in context."""
    items = list_proposals(store, state=state, regime_id=regime_id)
    with store.unit_of_work(readonly=True) as uow:
        reports = {rid: r for rid in {p.report_id for p in items} if (r := uow.get_report(rid)) is not None}
    cat = source_catalog(store)
    items.sort(key=lambda p: (_STATE_ORDER.get(p.state, 3), p.regime_id or "~", -(p.at.timestamp() if p.at else 0), p.id))
    out = []
    for p in items:
        report = reports.get(p.report_id)
        spans = [{"start": e.start, "end": e.end, "role": e.role or "evidence"} for e in p.evidence]
        names = [(p.originator, "originator"), (p.publisher or (report.source_id if report else None), "publisher")]
        out.append(
            ProposalView(
                proposal=p, report=report, excerpt=excerpt_segments(report.text, spans) if report else [],
                words=[e.text for e in p.evidence], sources=resolve_sources(cat, [(n, r) for n, r in names if n]),
            )
        )
    return out


def report_detail(store: Store, report_id: str) -> tuple[Report, list[ClaimView]]:
    """A report and its claims, each with its evidence highlighted in the original text."""
    with store.unit_of_work(readonly=True) as uow:
        report = uow.get_report(report_id)
        if report is None:
            raise NotFound(f"no report {report_id!r}", code="HUDNA-REPORT-404")
        rows = uow.iter_claim_rows(report_ids=[report_id])
        linked = uow.linked_claims() if rows else {}
    views = []
    for cid, _, payload in rows:
        view = _claim_view(report, payload, cid)
        view.event_id = linked.get(cid)
        views.append(view)
    return report, views


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
    proposals: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Upload:
    """What the monitor sent: a file (name + bytes) and optional metadata."""

    filename: str
    data: bytes
    source_id: str | None = None
    published_on: date | None = None
    language: str = "auto"
    make_events: bool = True


# One upload at a time per process: corroboration links each new claim once.
_UPLOAD_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    from hudna.ingest.pipeline import build_pipeline

    return build_pipeline()


def _safe_name(filename: str) -> tuple[str, str]:
    """``(stem, suffix)`` of an uploaded file name, reduced to harmless characters."""
    name = Path((filename or "upload.txt").replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in Path(name).stem)[:80].strip(".") or "upload"
    return stem, suffix


def _upload_file(upload: Upload, folder: Path) -> Path:
    """Write the upload where the news ingestion reads it: .txt, .html or .jsonl (CSV becomes JSONL)."""
    stem, suffix = _safe_name(upload.filename)
    try:
        raw = upload.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError("not UTF-8 text", path=f"{stem}{suffix}") from exc
    if suffix in ("", ".txt", ".text"):
        target = folder / f"{stem}.txt"
        target.write_text(raw, encoding="utf-8")
    elif suffix in (".html", ".htm", ".jsonl"):
        target = folder / f"{stem}{suffix}"
        target.write_text(raw, encoding="utf-8")
    elif suffix == ".csv":
        target = folder / f"{stem}.jsonl"
        lines = []
        for n, row in enumerate(csv.DictReader(io.StringIO(raw)), 2):
            text = row.get("text") or row.get("content")
            if not text:
                raise DataError("needs a 'text' or 'content' column", path=f"{stem}.csv", line=n, field="text")
            doc = {
                "doc_id": row.get("doc_id") or f"{stem}-{n}", "text": text, "title": row.get("title") or None,
                "published_on": row.get("published_on") or None, "source": row.get("source") or None,
                "url": row.get("url") or None,
            }
            lines.append(json.dumps(doc, ensure_ascii=False))
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        raise DataError(f"unsupported file type {suffix!r} (txt, html, jsonl, csv)", path=f"{stem}{suffix}")
    return target


def ingest_upload(store: Store, upload: Upload) -> UploadResult:
    """Ingest the uploaded articles as reports with their claims, then (``make_events``) corroborate.

    The news ingestion service stores each article verbatim (HTML reduced to text, scripts and
    styles dropped) with its claims and evidence spans; re-uploading the same text stores nothing.
    Corroboration then joins the claims to events or forms new ones, grades them, makes
    regime-status proposals and assesses (:func:`hudna.services.news.ingest_and_corroborate`).
    """
    stem, suffix = _safe_name(upload.filename)
    with tempfile.TemporaryDirectory(prefix="hudna-upload-") as tmp, _UPLOAD_LOCK:
        path = _upload_file(upload, Path(tmp))
        try:
            ingested, corr = ingest_and_corroborate(
                store, [path], corroborate=upload.make_events, published_on=upload.published_on,
                source=upload.source_id, lang=upload.language, pipeline=_pipeline(),
            )
        except DataError as exc:  # name the uploaded file, not the temporary copy
            problem = exc.problem
            if exc.field == "published_on":
                problem = ("no publication date: give published_on (YYYY-MM-DD); relative dates in "
                           "the text ('yesterday', 'on Saturday') are resolved from it")
            raise DataError(problem, path=f"{stem}{suffix}", line=exc.line, field=exc.field) from exc
    result = UploadResult(
        reports=list(ingested.report_ids), duplicates=ingested.unchanged, claims=ingested.claims
    )
    if corr is not None:
        result.events = list(corr.event_ids)
        if corr.proposals is not None:
            result.proposals = [p.id for p in corr.proposals.items]
    log.info(
        "upload reports=%d claims=%d events=%d proposals=%d", len(result.reports), result.claims,
        len(result.events), len(result.proposals),
    )
    return result


__all__ = [
    "ClaimView",
    "EventDetail",
    "ProposalView",
    "Segment",
    "SourceInfo",
    "Upload",
    "UploadResult",
    "admin1_geojson",
    "decode_cursor",
    "event_detail",
    "events_page",
    "excerpt_segments",
    "extend_regime",
    "highlight",
    "ingest_upload",
    "proposal_views",
    "report_detail",
    "resolve_sources",
    "run_sync",
    "save_regime",
    "timeline",
    "zones_geojson",
]


async def run_sync(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a blocking use case off the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args, **kwargs)
