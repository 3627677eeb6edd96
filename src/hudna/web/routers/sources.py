"""/api/sources (list: viewer; add and edit: admin) and /api/proposals (list: viewer; accept and
reject: analyst), over services.sources and services.proposals (issue #5)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from hudna.services import proposals as prop
from hudna.services import sources as src
from hudna.web.deps import Admin, Analyst, Reader, StoreDep

router = APIRouter(prefix="/api", tags=["sources", "proposals"])


class SourceIn(BaseModel):
    id: str = Field(..., min_length=1, max_length=128)
    name: str = Field(..., min_length=1, max_length=300)
    kind: str = "other"
    scale: str = "other"
    affiliation: str = Field("unknown", max_length=128)
    languages: list[str] = []
    aliases: list[str] = []


class SourceEdit(BaseModel):
    name: str | None = Field(None, max_length=300)
    kind: str | None = None
    scale: str | None = None
    affiliation: str | None = Field(None, max_length=128)


class Decision(BaseModel):
    reason: str = Field("", max_length=4000)
    regime_id: str | None = Field(None, max_length=128)


@router.get("/sources")
def list_sources(store: StoreDep, _: Reader) -> list[dict[str, Any]]:
    """Every source with kind, scale and affiliation (bundled and added)."""
    return src.list_sources(store)


@router.post("/sources", status_code=201)
def add_source(store: StoreDep, _: Admin, body: SourceIn) -> dict[str, Any]:
    s = src.add_source(store, body.id, name=body.name, kind=body.kind, scale=body.scale,
                       affiliation=body.affiliation, languages=tuple(body.languages), aliases=tuple(body.aliases))
    return {"id": s.id, "name": s.name, "kind": s.kind, "scale": s.scale, "affiliation": s.affiliation}


@router.patch("/sources/{source_id}")
def edit_source(store: StoreDep, _: Admin, source_id: str, body: SourceEdit) -> dict[str, Any]:
    s = src.edit_source(store, source_id, **body.model_dump())
    return {"id": s.id, "name": s.name, "kind": s.kind, "scale": s.scale, "affiliation": s.affiliation}


@router.get("/proposals")
def list_proposals(
    store: StoreDep, _: Reader, state: str | None = Query(None, max_length=20), regime: str | None = Query(None, max_length=128),
) -> list[dict[str, Any]]:
    return [prop.proposal_row(p) for p in prop.list_proposals(store, state=state, regime_id=regime)]


@router.post("/proposals/{proposal_id}/{action}")
def decide(store: StoreDep, who: Analyst, proposal_id: str, action: Literal["accept", "reject"], body: Decision) -> dict[str, Any]:
    """Accept (optionally for another regime) or reject (with a reason) a pending proposal."""
    if action == "accept":
        p = prop.accept_proposal(store, proposal_id, reviewer=who.username, reason=body.reason, regime_id=body.regime_id)
    else:
        p = prop.reject_proposal(store, proposal_id, reviewer=who.username, reason=body.reason)
    return prop.proposal_row(p)
