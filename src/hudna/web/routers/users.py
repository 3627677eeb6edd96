"""/api/users (admin) and /api/me."""

from __future__ import annotations

from fastapi import APIRouter, Request

from hudna.services import users as svc
from hudna.web.auth import current_principal, require_role
from hudna.web.deps import Admin, StoreDep
from hudna.web.schemas.users import Me, TokenIn, TokenRead, UserCreate, UserRead

router = APIRouter(prefix="/api", tags=["users"])


@router.get("/me")
def me(request: Request) -> Me:
    """The calling account (401 without credentials)."""
    p = require_role(current_principal(request), "viewer")
    return Me(username=p.username, role=p.role)


@router.get("/users")
def list_users(store: StoreDep, _: Admin) -> list[UserRead]:
    return [UserRead.from_record(u) for u in svc.list_users(store)]


@router.post("/users", status_code=201)
def add_user(store: StoreDep, _: Admin, body: UserCreate) -> UserRead:
    user = svc.add_user(store, body.username, body.role, body.password, display_name=body.display_name)
    return UserRead.from_record(user)


@router.post("/users/{username}/disable", status_code=204)
def disable_user(store: StoreDep, _: Admin, username: str) -> None:
    svc.set_disabled(store, username, True)


@router.post("/users/{username}/tokens", status_code=201)
def add_token(store: StoreDep, _: Admin, username: str, body: TokenIn) -> TokenRead:
    return TokenRead(token=svc.create_token(store, username, body.label))
