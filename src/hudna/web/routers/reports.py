"""/api/reports: upload (monitor), list, show with claims and evidence spans."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, File, Form, Query, Request, UploadFile

from hudna.web import usecases
from hudna.web.deps import Monitor, Reader, StoreDep
from hudna.web.limits import read_upload
from hudna.web.schemas.reports import ReportDetail, ReportRead, UploadRead

router = APIRouter(prefix="/api/reports", tags=["reports"])


@router.get("")
def list_reports(store: StoreDep, _: Reader, limit: int = Query(100, ge=1, le=1000)) -> list[ReportRead]:
    with store.unit_of_work() as uow:
        return [ReportRead.from_domain(r) for r in uow.list_reports(limit)]


@router.post("", status_code=201)
async def upload_report(
    request: Request, store: StoreDep, _: Monitor,
    file: UploadFile = File(..., description="Text, HTML, JSONL or CSV (UTF-8)."),
    source: str | None = Form(None, max_length=128), published_on: date | None = Form(None),
    language: str = Form("auto", pattern="^(auto|ar|en)$"), make_events: bool = Form(True),
) -> UploadRead:
    """Store articles as reports with their extracted claims (idempotent by content hash), then
    corroborate (``make_events``): events formed or joined, graded and assessed; proposals made."""
    data = await read_upload(request, file)
    upload = usecases.Upload(file.filename or "upload.txt", data, source or None, published_on, language, make_events)
    result = await usecases.run_sync(usecases.ingest_upload, store, upload)
    return UploadRead(reports=result.reports, duplicates=result.duplicates, claims=result.claims,
                      events=result.events, proposals=result.proposals)


@router.get("/{report_id}")
def show_report(store: StoreDep, _: Reader, report_id: str) -> ReportDetail:
    report, claims = usecases.report_detail(store, report_id)
    return ReportDetail(**ReportRead.from_domain(report).model_dump(), text=report.text, claims=[c.claim for c in claims])
