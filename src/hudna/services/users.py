"""Accounts of the web application (issue #6): users with roles, passwords, API tokens, sessions.

Passwords are hashed with argon2id (``argon2-cffi``). API tokens and session cookies are random
256-bit values; only their SHA-256 is stored, so a copy of the database gives no usable token.
Roles are ordered: ``viewer`` < ``monitor`` < ``analyst`` < ``admin``; a role may do everything
the roles below it may do.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hudna.errors import Conflict, DataError, HudnaError, NotFound
from hudna.services.ports import Store, UserRecord

log = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("viewer", "monitor", "analyst", "admin")
ROLE_RANK: dict[str, int] = {r: i for i, r in enumerate(ROLES)}
SESSION_HOURS = 12
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")


class AuthError(HudnaError):
    """Credentials are missing, wrong, expired or belong to a disabled account."""

    code = "HUDNA-AUTH-401"


class Forbidden(HudnaError):
    """The account's role does not allow this operation."""

    code = "HUDNA-AUTH-403"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is making a request: a user name and role (``anonymous`` when public reading is on)."""

    username: str
    role: str

    def allows(self, role: str) -> bool:
        """Whether this principal has ``role`` or a higher one.

        Examples
        --------
        >>> Principal("ana", "analyst").allows("monitor"), Principal("v", "viewer").allows("admin")
        (True, False)
        """
        return ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]


def _hasher() -> object:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (refuses passwords shorter than 10 characters)."""
    if len(password) < MIN_PASSWORD:
        raise DataError(f"password must have at least {MIN_PASSWORD} characters", field="password")
    return str(_hasher().hash(password))  # type: ignore[attr-defined]


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``password_hash`` (constant time; ``False`` on any mismatch)."""
    if not password_hash:
        return False
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(password_hash, password))  # type: ignore[attr-defined]
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    """SHA-256 hex digest under which a token or session id is stored.

    Examples
    --------
    >>> len(token_digest("abc"))
    64
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise DataError(f"unknown role {role!r} ({', '.join(ROLES)})", field="role")
    return role


def add_user(
    store: Store, username: str, role: str, password: str | None, *, display_name: str | None = None
) -> UserRecord:
    """Create an account; ``password`` may be ``None`` for a token-only (script) account."""
    if not _USERNAME.match(username):
        raise DataError("username: 2-64 letters, digits or _ . @ -", field="username")
    _check_role(role)
    pw_hash = hash_password(password) if password is not None else None
    with store.unit_of_work() as uow:
        if uow.get_user(username) is not None:
            raise Conflict(f"user {username!r} exists", code="HUDNA-USER-409")
        uow.add_user(username, role, pw_hash, display_name)
        user = uow.get_user(username)
    assert user is not None
    log.info("user added username=%s role=%s", username, role)
    return user


def list_users(store: Store) -> list[UserRecord]:
    """Every account, by user name."""
    with store.unit_of_work() as uow:
        return uow.list_users()


def set_disabled(store: Store, username: str, disabled: bool = True) -> None:
    """Disable (or enable again) an account; its sessions and tokens stop working at once."""
    with store.unit_of_work() as uow:
        if not uow.update_user(username, disabled=disabled):
            raise NotFound(f"no user {username!r}", code="HUDNA-USER-404")
    log.info("user %s username=%s", "disabled" if disabled else "enabled", username)


def set_password(store: Store, username: str, password: str) -> None:
    """Replace an account's password."""
    pw_hash = hash_password(password)
    with store.unit_of_work() as uow:
        if not uow.update_user(username, password_hash=pw_hash):
            raise NotFound(f"no user {username!r}", code="HUDNA-USER-404")


def create_token(store: Store, username: str, label: str | None = None) -> str:
    """A new API token for ``username``; the value is returned once and only its hash is kept."""
    token = "hudna_" + secrets.token_urlsafe(32)
    with store.unit_of_work() as uow:
        user = uow.get_user(username)
        if user is None:
            raise NotFound(f"no user {username!r}", code="HUDNA-USER-404")
        uow.add_api_token(user.id, token_digest(token), label)
    log.info("token created username=%s", username)
    return token


def has_admin(store: Store) -> bool:
    """Whether an enabled admin account exists (``hudna serve`` prints the first-run path if not)."""
    return any(u.role == "admin" and not u.disabled for u in list_users(store))


def _principal(user: UserRecord | None) -> Principal:
    if user is None or user.disabled:
        raise AuthError("invalid or disabled credentials")
    return Principal(user.username, user.role)


def authenticate_token(store: Store, token: str) -> Principal:
    """The principal of a Bearer token."""
    with store.unit_of_work() as uow:
        user = uow.user_for_token(token_digest(token))
    return _principal(user)


def login(store: Store, username: str, password: str) -> tuple[str, str]:
    """Check a password and open a session: returns ``(session_id, csrf_token)``."""
    with store.unit_of_work() as uow:
        user = uow.get_user(username)
    if user is None:
        verify_password(None, password)
        raise AuthError("wrong user name or password")
    if user.disabled or not verify_password(user.password_hash, password):
        raise AuthError("wrong user name or password")
    session_id = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(hours=SESSION_HOURS)
    with store.unit_of_work() as uow:
        uow.add_session(token_digest(session_id), user.id, csrf, expires)
    log.info("login username=%s", username)
    return session_id, csrf


def session_principal(store: Store, session_id: str) -> tuple[Principal, str]:
    """The principal and CSRF token of a live session."""
    with store.unit_of_work() as uow:
        rec = uow.get_session(token_digest(session_id))
    if rec is None or rec.expires_at < datetime.now(UTC):
        raise AuthError("session expired; log in again")
    return _principal(rec.user), rec.csrf


def logout(store: Store, session_id: str) -> None:
    """Close a session."""
    with store.unit_of_work() as uow:
        uow.delete_session(token_digest(session_id))


def app_secret(store: Store, name: str = "session") -> str:
    """A secret generated on first use and kept in the store (never in the repository)."""
    with store.unit_of_work() as uow:
        value = uow.get_secret(name)
        if value is None:
            value = secrets.token_urlsafe(48)
            uow.put_secret(name, value)
    return value
