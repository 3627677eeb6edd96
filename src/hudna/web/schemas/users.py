"""Accounts and tokens (admin only)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from hudna.services.ports import UserRecord

Role = Literal["viewer", "monitor", "analyst", "admin"]


class UserCreate(BaseModel):
    username: str = Field(..., min_length=2, max_length=64)
    role: Role
    password: str | None = Field(None, min_length=10, max_length=1024)
    display_name: str | None = Field(None, max_length=200)


class UserRead(BaseModel):
    username: str
    role: str
    display_name: str | None = None
    disabled: bool
    created_at: datetime

    @classmethod
    def from_record(cls, u: UserRecord) -> UserRead:
        return cls(
            username=u.username, role=u.role, display_name=u.display_name, disabled=u.disabled, created_at=u.created_at
        )


class TokenIn(BaseModel):
    label: str | None = Field(None, max_length=200)


class TokenRead(BaseModel):
    token: str = Field(..., description="Shown once; only its hash is stored.")


class Me(BaseModel):
    username: str
    role: str
