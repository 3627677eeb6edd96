"""Who is calling: Bearer API tokens for scripts, session cookies (with CSRF tokens) for the UI.

Unsafe requests authenticated by the session cookie must carry the session's CSRF token, in the
``X-CSRF-Token`` header or the ``csrf_token`` form field. Requests with a Bearer token carry no
cookie and need none. The login form, used before any session exists, is protected by a
double-submit token: a random value in a cookie and in the form, signed with the app secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from hudna.services import users
from hudna.services.users import AuthError, Forbidden, Principal

SESSION_COOKIE = "hudna_session"
LOGIN_COOKIE = "hudna_login"
ANONYMOUS = Principal("anonymous", "anonymous")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def current_principal(request: Request) -> Principal | None:
    """The principal of the request's credentials, or ``None`` when it has none.

    Wrong or expired credentials raise :class:`AuthError` (401) rather than falling back to
    anonymous: a script with a revoked token should learn it at once.
    """
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    store = request.app.state.store
    principal: Principal | None = None
    request.state.csrf = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        principal = users.authenticate_token(store, header[7:].strip())
        request.state.via = "token"
    elif request.cookies.get(SESSION_COOKIE):
        try:
            principal, request.state.csrf = users.session_principal(
                store, request.cookies[SESSION_COOKIE]
            )
            request.state.via = "session"
        except AuthError:
            principal = None  # a stale cookie is the same as none: the UI shows the login link
    request.state.principal = principal
    return principal


def require_role(principal: Principal | None, needed: str) -> Principal:
    """``principal`` if it has ``needed``; 401 without credentials, 403 with too few rights."""
    if principal is None or principal is ANONYMOUS:
        raise AuthError("authentication required: log in or send 'Authorization: Bearer <token>'")
    if not principal.allows(needed):
        raise Forbidden(f"role {principal.role!r} may not do this; needs {needed!r}")
    return principal


async def check_csrf_async(request: Request) -> None:
    """Refuse a cookie-authenticated unsafe request without the session's CSRF token."""
    if request.method not in UNSAFE or getattr(request.state, "via", None) != "session":
        return
    expected = request.state.csrf or ""
    given = request.headers.get("x-csrf-token")
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    if not given or not hmac.compare_digest(given, expected):
        raise Forbidden("missing or wrong CSRF token", code="HUDNA-CSRF-403")


async def principal_async(request: Request) -> Principal | None:
    """:func:`current_principal` off the event loop (it may query the store)."""
    return await run_in_threadpool(current_principal, request)


def _sign(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def new_login_token(secret: str) -> tuple[str, str]:
    """``(cookie_value, form_value)`` for the login form's double-submit check."""
    raw = secrets.token_urlsafe(24)
    return raw, _sign(secret, raw)


def check_login_token(secret: str, cookie_value: str | None, form_value: str | None) -> None:
    if not cookie_value or not form_value or not hmac.compare_digest(_sign(secret, cookie_value), form_value):
        raise Forbidden("missing or wrong CSRF token; reload the login page", code="HUDNA-CSRF-403")


def cookie_options(request: Request) -> dict[str, Any]:
    """HttpOnly, SameSite=Lax, Secure unless served on loopback (or as the settings say)."""
    secure = request.app.state.settings.secure_cookies
    if secure is None:
        host = request.url.hostname or ""
        secure = not (host in ("localhost", "testserver") or host.startswith("127.") or host == "::1")
    return {"httponly": True, "samesite": "lax", "secure": bool(secure), "path": "/"}
