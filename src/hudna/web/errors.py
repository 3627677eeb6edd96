"""Exception handlers: hudna's errors become problem+json (RFC 9457) with the library's codes.

API paths (``/api/...``) always get problem+json. UI pages get a small HTML page, and a request
without credentials is sent to the login page.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from hudna.errors import ConfigError, Conflict, DataError, HudnaError, NotFound, StorageError
from hudna.services.users import AuthError, Forbidden
from hudna.web.limits import PayloadTooLarge

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"

STATUS: list[tuple[type[HudnaError], int]] = [
    (PayloadTooLarge, 413),
    (AuthError, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (DataError, 400),
    (ConfigError, 500),
    (StorageError, 500),
]
TITLES = {
    400: "Invalid input",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    422: "Validation failed",
    500: "Internal error",
}


def status_of(exc: HudnaError) -> int:
    """HTTP status of a hudna error (500 for unknown kinds)."""
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 500


def problem(
    request: Request, status: int, code: str, detail: str, **extra: Any
) -> Response:
    """A problem+json response for API paths, an HTML page (or login redirect) for the UI."""
    if not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", ""):
        if status == 401:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        from hudna.web.routers.ui import render

        title = TITLES.get(status, "Error")
        return render(request, "error.html", status, status=status, code=code, detail=detail, title=title)
    body = {
        "type": f"https://hudna.invalid/errors/{code}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
        "instance": request.url.path,
        **extra,
    }
    headers = {"WWW-Authenticate": 'Bearer realm="hudna"'} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(HudnaError)
    async def _hudna(request: Request, exc: HudnaError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.error("request failed code=%s path=%s: %s", exc.code, request.url.path, exc)
        extra: dict[str, Any] = {}
        if isinstance(exc, DataError):
            extra = {k: v for k, v in (("field", exc.field), ("line", exc.line)) if v is not None}
        return problem(request, status, exc.code, exc.message, **extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors) or "invalid request"
        return problem(request, 422, "HUDNA-VALUE-422", detail, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return problem(request, exc.status_code, f"HUDNA-HTTP-{exc.status_code}", str(exc.detail))
