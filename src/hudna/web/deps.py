"""Dependencies of the web layer: settings, the store, the principal and role checks.

One store (engine) is opened per application in :func:`hudna.web.app.create_app`; services open
one unit of work per use case on it. ``Annotated`` aliases keep route signatures short.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import Field

from hudna.config import Settings
from hudna.services.ports import Store
from hudna.services.users import Principal
from hudna.web.auth import (
    ANONYMOUS,
    check_csrf_async,
    current_principal,
    principal_async,
    require_role,
)


class WebSettings(Settings):
    """Settings of the web application (environment prefix ``HUDNA_`` as for every setting)."""

    public_read: bool = Field(
        False, description="Let anonymous visitors read (map, events, regimes, reports) without an account."
    )
    secure_cookies: bool | None = Field(
        None,
        description="Mark cookies Secure; default: yes unless the server listens on loopback.",
    )
    max_page_size: int = Field(5_000, description="Largest page of /api/events and other lists.")
    session_secret: str | None = Field(
        None,
        description="Secret for signing the login form's CSRF cookie; default: generated once and kept in the database.",
    )


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def reader(request: Request) -> Principal:
    """Anyone who may read: a logged-in account, or anybody when ``public_read`` is on."""
    principal = current_principal(request)
    if principal is None and request.app.state.settings.public_read:
        return ANONYMOUS
    return require_role(principal, "viewer")


def role(needed: str) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency that requires ``needed`` (or a higher role) and a valid CSRF token for
    cookie-authenticated writes."""

    async def dependency(request: Request) -> Principal:
        principal = require_role(await principal_async(request), needed)
        await check_csrf_async(request)
        return principal

    dependency.__name__ = f"require_{needed}"
    return dependency


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
Reader = Annotated[Principal, Depends(reader)]
Viewer = Annotated[Principal, Depends(role("viewer"))]
Monitor = Annotated[Principal, Depends(role("monitor"))]
Analyst = Annotated[Principal, Depends(role("analyst"))]
Admin = Annotated[Principal, Depends(role("admin"))]


def optional_principal(request: Request) -> Principal | None:
    """The principal if any credentials were given (for the UI's navigation)."""
    return current_principal(request)


MaybeUser = Annotated[Any, Depends(optional_principal)]
