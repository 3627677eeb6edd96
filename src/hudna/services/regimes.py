"""Regime registry use cases: load a file, list, status at an instant, history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hudna.domain.regime import Regime
from hudna.errors import RegimeFileError, RegimeNotFound
from hudna.ingest.readers.regimes import read_regime_file, regime_to_mapping
from hudna.services.ports import RegimeChange, Store


@dataclass(frozen=True)
class LoadResult:
    added: list[str]
    updated: list[str]
    unchanged: list[str]


def load_regimes(store: Store, path: str | Path) -> LoadResult:
    """Validate a regime file and register its regimes (all or nothing)."""
    regimes = read_regime_file(path)
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    with store.unit_of_work() as uow:
        known = {r.id for r in uow.list_regimes()} | {r.id for r in regimes}
        for r in regimes:
            if r.parent_id and r.parent_id not in known:
                raise RegimeFileError(
                    f"parent {r.parent_id!r} is not registered nor defined in the file",
                    path=str(path),
                    field=f"{r.id}.parent",
                )
        for r in regimes:
            existed = uow.get_regime(r.id) is not None
            if uow.put_regime(r):
                (updated if existed else added).append(r.id)
                uow.add_regime_change(
                    RegimeChange(
                        regime_id=r.id,
                        at=datetime.now(UTC),
                        change="updated" if existed else "registered",
                        detail={"file": str(path)},
                    )
                )
            else:
                unchanged.append(r.id)
    return LoadResult(added, updated, unchanged)


def list_regimes(store: Store) -> list[Regime]:
    with store.unit_of_work() as uow:
        return uow.list_regimes()


def get_regime(store: Store, regime_id: str) -> Regime:
    with store.unit_of_work() as uow:
        regime = uow.get_regime(regime_id)
    if regime is None:
        raise RegimeNotFound(f"no regime {regime_id!r}")
    return regime


def regime_status_at(store: Store, at: datetime) -> list[dict[str, Any]]:
    """Status of every regime at ``at``: rows with regime_id, status, in_force, window_end."""
    rows = []
    for r in list_regimes(store):
        status = r.status_at(at)
        end = r.window_end_at(at)
        recorded = r.recorded_status_at(at)
        rows.append(
            {
                "regime_id": r.id,
                "name_en": r.name_en,
                "name_ar": r.name_ar,
                "kind": r.kind.value,
                "parent_id": r.parent_id,
                "status": status.value if status else None,
                "in_force": r.in_force_at(at),
                "window_end": end.isoformat() if end else None,
                "status_source": recorded.source if recorded else None,
                "at": at.isoformat(),
            }
        )
    return rows


def regime_history(store: Store, regime_id: str) -> dict[str, Any]:
    regime = get_regime(store, regime_id)
    with store.unit_of_work() as uow:
        changes = uow.regime_history(regime_id)
    return {
        "regime": regime_to_mapping(regime),
        "changes": [
            {"at": c.at.isoformat(), "change": c.change, "detail": c.detail, "report_id": c.report_id, "actor": c.actor}
            for c in changes
        ],
    }
