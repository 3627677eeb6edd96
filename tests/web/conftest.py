"""Fixtures of the web tests: a small assessed database, an app on a private copy, role tokens."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hudna.config import Settings
from hudna.services import users
from hudna.storage import open_store

DATA = Path(__file__).resolve().parents[1] / "data"
ROLES = ("viewer", "monitor", "analyst", "admin")
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bundled regimes + 300 UCDP 2016 rows, assessed, with one account and token per role."""
    from hudna.services.adjudication import assess_all
    from hudna.services.imports import import_events
    from hudna.services.regimes import load_regimes

    path = tmp_path_factory.mktemp("web") / "small.db"
    store = open_store(f"sqlite:///{path}")
    with as_file(files("hudna.data").joinpath("demo", "regimes.yaml")) as regimes_file:
        load_regimes(store, regimes_file)
    import_events(store, "ucdp", DATA / "ucdp_sample.csv", on_invalid="skip")
    assess_all(store)
    for role in ROLES:
        users.add_user(store, role, role, PASSWORD)
    store.close()
    return path


@dataclass
class Env:
    client: TestClient
    tokens: dict[str, str]
    store: object
    db: Path

    def headers(self, role: str) -> dict[str, str]:
        return {} if role == "anonymous" else {"Authorization": f"Bearer {self.tokens[role]}"}


def make_env(db: Path, **overrides: object) -> Iterator[Env]:
    from hudna.web.app import create_app

    app = create_app(Settings(database_url=f"sqlite:///{db}"), **overrides)
    store = app.state.store
    tokens = {role: users.create_token(store, role, "tests") for role in ROLES}
    with TestClient(app) as client:
        yield Env(client, tokens, store, db)


@pytest.fixture
def env(small_db: Path, tmp_path: Path) -> Iterator[Env]:
    db = tmp_path / "web.db"
    shutil.copy(small_db, db)
    yield from make_env(db)


@pytest.fixture(scope="module")
def shared_env(small_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """One app per module, for tests that change nothing or tolerate each other's changes."""
    db = tmp_path_factory.mktemp("shared") / "web.db"
    shutil.copy(small_db, db)
    yield from make_env(db)


def add_pending_proposal(store: object, report_id: str, regime_id: str | None, change: str, words: tuple[str, ...],
                         *, status: str = "", publisher: str = "afp") -> str:
    """A pending regime-status proposal resting on ``words`` of a stored report (test set-up
    through the store port, independent of what extraction makes of the text)."""
    from datetime import UTC, datetime

    from hudna.domain.ids import content_hash
    from hudna.domain.proposal import Proposal, ProposalEvidence

    with store.unit_of_work() as uow:  # type: ignore[attr-defined]
        report = uow.get_report(report_id)
        evidence = []
        for role, word in zip(("status", "zone", "truce"), words, strict=False):
            start = report.text.index(word)
            evidence.append(ProposalEvidence(start, start + len(word), word, role))
        pid = "prop-test-" + content_hash(report_id, str(regime_id), change, *words, length=12)
        until = datetime(2016, 5, 3, 9, tzinfo=UTC) if change == "extend" else None
        uow.put_proposal(Proposal(
            id=pid, change=change, status=status or change, report_id=report_id, evidence=tuple(evidence),
            regime_id=regime_id, until=until, at=datetime(2016, 5, 1, tzinfo=UTC), zone_text=words[1] if len(words) > 1 else None,
            publisher=publisher, decision="test: waits for an analyst",
        ))
    return pid
