"""The web application: REST API under /api and the monitor's UI (issue #6).

Use ``hudna serve`` or ``uvicorn --factory hudna.web.app:create_app``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hudna import __version__
from hudna.config import Settings, normalize_db_url
from hudna.services.users import app_secret, has_admin
from hudna.web import errors
from hudna.web.deps import WebSettings
from hudna.web.limits import BodyLimit
from hudna.web.routers import (
    assessments,
    events,
    exports,
    places,
    regimes,
    reports,
    sources,
    ui,
    users,
)

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware adding CSP (no inline script), framing and sniffing protections."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # HEAD is answered like GET without a body (monitoring probes, curl -I).
        head = scope.get("method") == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in SECURITY_HEADERS if h[0] not in names)]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _web_settings(settings: Settings | None, overrides: dict[str, Any]) -> WebSettings:
    if isinstance(settings, WebSettings):
        base = settings
    elif settings is not None:
        base = WebSettings(**settings.model_dump())
    else:
        base = WebSettings()
    base = base.model_copy(update={"database_url": normalize_db_url(base.database_url), **overrides})
    return base


def create_app(settings: Settings | None = None, **overrides: Any) -> FastAPI:
    """Build the application on ``settings`` (default: from the environment, prefix ``HUDNA_``).

    ``overrides`` replace settings fields, e.g. ``create_app(s, public_read=True)``. The store is
    opened (and migrated) here, once per application.
    """
    from hudna.storage import open_store

    web = _web_settings(settings, overrides)
    store = open_store(web.database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="hudna API",
        version=__version__,
        description="Ceasefire monitoring: regimes, reports, events, assessments, exports.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the bundled Swagger UI pages load scripts from a CDN: not served
        redoc_url=None,
    )
    app.state.settings = web
    app.state.store = store
    app.state.secret = web.session_secret or app_secret(store)
    templates = Jinja2Templates(directory=str(files("hudna.web").joinpath("templates")))
    templates.env.autoescape = True
    app.state.templates = templates
    errors.install(app)
    for module in (regimes, events, assessments, reports, places, exports, sources, users, ui):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(files("hudna.web").joinpath("static"))), name="static")
    app.add_middleware(BodyLimit, max_bytes=web.max_upload_bytes)
    app.add_middleware(SecurityHeaders)

    if not has_admin(store):
        log.warning("no admin account yet: create one with `hudna users add NAME --role admin`")
    return app
