"""The monitor's UI: server-rendered pages; forms post here with their CSRF token."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hudna.domain.assessment import Grade, Verdict
from hudna.ingest.readers.regimes import regime_to_mapping
from hudna.services import adjudication, proposals, regimes, users
from hudna.web import usecases
from hudna.web.auth import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    check_login_token,
    cookie_options,
    new_login_token,
)
from hudna.web.deps import Analyst, MaybeUser, Monitor, Reader, StoreDep, Viewer
from hudna.web.i18n import RTL, pick_language, strings
from hudna.web.limits import read_upload
from hudna.web.timeaxis import time_axis

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    """Render ``name`` with the language, the principal and its CSRF token."""
    lang = pick_language(request.query_params.get("lang"), request.cookies.get("hudna_lang"), request.headers.get("accept-language"))
    principal = getattr(request.state, "principal", None)
    base = {
        "lang": lang, "dir": "rtl" if lang in RTL else "ltr", "t": strings(lang), "principal": principal,
        "csrf": getattr(request.state, "csrf", None), "verdicts": [v.value for v in Verdict],
        "grades": [g.value for g in Grade], "other_lang": "en" if lang == "ar" else "ar",
    }
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, base | ctx, status_code=status_code)
    if request.query_params.get("lang") == lang:
        response.set_cookie("hudna_lang", lang, max_age=365 * 86400, **(cookie_options(request) | {"httponly": False}))
    return response


@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: StoreDep, _: Reader) -> HTMLResponse:
    return render(request, "map.html", regimes=regimes.list_regimes(store))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, _: Reader, event_id: str) -> HTMLResponse:
    return render(request, "event.html", d=usecases.event_detail(store, event_id))


@router.post("/events/{event_id}/override")
def event_override(
    store: StoreDep, who: Analyst, event_id: str, regime_id: str = Form(..., max_length=128),
    verdict: Verdict = Form(...), reason: str = Form(..., min_length=3, max_length=4000), grade: str = Form(""),
) -> Response:
    adjudication.override_assessment(
        store, event_id, regime_id, verdict=verdict.value, reason=reason, reviewer=who.username, grade=grade or None
    )
    return RedirectResponse(f"/events/{quote(event_id)}#history-{quote(regime_id)}", status_code=303)


@router.get("/proposals", response_class=HTMLResponse)
def proposals_page(request: Request, store: StoreDep, _: Reader, state: str | None = None) -> HTMLResponse:
    """Regime-status proposals, pending first, with their evidence; analysts accept or reject."""
    views = usecases.proposal_views(store, state=state or None)
    return render(request, "proposals.html", items=views, regimes=regimes.list_regimes(store), state=state or "")


@router.post("/proposals/{proposal_id}/accept")
def proposal_accept(
    store: StoreDep, who: Analyst, proposal_id: str, reason: str = Form("", max_length=4000),
    regime_id: str = Form("", max_length=128),
) -> Response:
    proposals.accept_proposal(store, proposal_id, reviewer=who.username, reason=reason.strip(), regime_id=regime_id or None)
    return RedirectResponse(f"/proposals#proposal-{quote(proposal_id)}", status_code=303)


@router.post("/proposals/{proposal_id}/reject")
def proposal_reject(
    store: StoreDep, who: Analyst, proposal_id: str, reason: str = Form(..., min_length=3, max_length=4000),
) -> Response:
    proposals.reject_proposal(store, proposal_id, reviewer=who.username, reason=reason.strip())
    return RedirectResponse(f"/proposals#proposal-{quote(proposal_id)}", status_code=303)


@router.get("/regimes", response_class=HTMLResponse)
def regimes_page(request: Request, store: StoreDep, _: Reader) -> HTMLResponse:
    return render(request, "regimes.html", regimes=regimes.list_regimes(store))


@router.get("/regimes/{regime_id}", response_class=HTMLResponse)
def regime_page(request: Request, store: StoreDep, _: Reader, regime_id: str) -> HTMLResponse:
    regime = regimes.get_regime(store, regime_id)
    history = regimes.regime_history(store, regime_id)["changes"]
    return render(request, "regime.html", r=regime, doc=regime_to_mapping(regime), axis=time_axis(regime), changes=history)


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, store: StoreDep, _: Reader) -> HTMLResponse:
    with store.unit_of_work() as uow:
        return render(request, "reports.html", reports=uow.list_reports(200))


@router.get("/reports/new", response_class=HTMLResponse)
def upload_page(request: Request, _: Monitor) -> HTMLResponse:
    return render(request, "upload.html")


@router.post("/reports/new")
async def upload_form(
    request: Request, store: StoreDep, _: Monitor, file: UploadFile = File(...),
    source: str = Form("", max_length=128), published_on: date | None = Form(None),
    language: str = Form("auto", pattern="^(auto|ar|en)$"), make_events: bool = Form(False),
) -> Response:
    upload = usecases.Upload(file.filename or "upload.txt", await read_upload(request, file), source or None, published_on, language, make_events)
    result = await usecases.run_sync(usecases.ingest_upload, store, upload)
    target = f"/reports/{result.reports[0]}" if result.reports else "/reports"
    return RedirectResponse(target, status_code=303)


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, store: StoreDep, _: Reader, report_id: str) -> HTMLResponse:
    report, claims = usecases.report_detail(store, report_id)
    return render(request, "report.html", report=report, claims=claims)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, _: MaybeUser, next: str = "/", failed: bool = False) -> HTMLResponse:
    cookie, token = new_login_token(request.app.state.secret)
    safe_next = next if next.startswith("/") and not next.startswith("//") else "/"
    response = render(request, "login.html", 401 if failed else 200, login_token=token, next=safe_next, failed=failed)
    response.set_cookie(LOGIN_COOKIE, cookie, max_age=3600, **cookie_options(request))
    return response


@router.post("/login")
def login(
    request: Request, store: StoreDep, username: str = Form(..., max_length=64),
    password: str = Form(..., max_length=1024), csrf_token: str = Form(""), next: str = Form("/"),
) -> Response:
    check_login_token(request.app.state.secret, request.cookies.get(LOGIN_COOKIE), csrf_token)
    try:
        session_id, _csrf = users.login(store, username, password)
    except users.AuthError:
        return login_page(request, None, next, failed=True)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, session_id, max_age=users.SESSION_HOURS * 3600, **cookie_options(request))
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, store: StoreDep, _: Viewer) -> Response:
    users.logout(store, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
