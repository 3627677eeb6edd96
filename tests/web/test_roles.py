"""Route × role → expected status, for every API route; refused writes change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from hudna.domain.ids import content_hash
from tests.web.conftest import Env

ROLES = ("anonymous", "viewer", "monitor", "analyst", "admin")
EVENT = "ucdp-217101"  # a violation of syria-2016-coh in tests/data/ucdp_sample.csv
COH = "syria-2016-coh"
REPORT_TEXT = "Air strikes hit Douma on Saturday."
REPORT_ID = content_hash("", REPORT_TEXT)
READ = {"anonymous": 401, "viewer": 200, "monitor": 200, "analyst": 200, "admin": 200}


def only(role: str, ok: int) -> dict[str, int]:
    rank = {"viewer": 1, "monitor": 2, "analyst": 3, "admin": 4}[role]
    out = {"anonymous": 401}
    for i, r in enumerate(("viewer", "monitor", "analyst", "admin"), 1):
        out[r] = ok if i >= rank else 403
    return out


REGIME_DOC: dict[str, Any] = {
    "id": "test-local-calm",
    "name": {"en": "Test local calm", "ar": "تهدئة محلية"},
    "kind": "regime_of_calm",
    "parent": COH,
    "timezone": "Asia/Damascus",
    "zones": [{"label": "Douma", "pcodes": ["SY030200"]}],
    "windows": [{"start": "2016-05-03T00:00", "duration_h": 24}],
}

# (method, path, kwargs, expected per role)
TABLE: list[tuple[str, str, dict[str, Any], dict[str, int]]] = [
    ("GET", "/api/regimes", {}, READ),
    ("GET", "/api/regimes/status?at=2016-05-01T12:00%2B03:00", {}, READ),
    ("POST", "/api/regimes", {"json": REGIME_DOC}, only("admin", 201)),
    ("GET", f"/api/regimes/{COH}", {}, READ),
    ("PUT", "/api/regimes/test-local-calm", {"json": REGIME_DOC}, only("admin", 200)),
    ("POST", "/api/regimes/test-local-calm/windows",
     {"json": {"start": "2016-05-04T00:00", "duration_h": 24, "source": "test"}}, only("admin", 201)),
    ("GET", f"/api/regimes/{COH}/history", {}, READ),
    ("GET", f"/api/regimes/{COH}/zones", {}, READ),
    ("GET", "/api/events?bbox=35,32,43,38&start=2016-01-01&end=2016-12-31&regime=syria-2016-coh", {}, READ),
    ("GET", f"/api/events/{EVENT}", {}, READ),
    ("GET", "/api/timeline", {}, READ),
    ("GET", "/api/assessments?regime=syria-2016-coh&limit=5", {}, READ),
    ("POST", f"/api/assessments/{EVENT}/{COH}/override",
     {"json": {"verdict": "undetermined", "reason": "tests"}}, only("analyst", 201)),
    ("GET", f"/api/assessments/{EVENT}/{COH}/history", {}, READ),
    ("GET", "/api/reports", {}, READ),
    ("POST", "/api/reports",
     {"files": {"file": ("r.txt", REPORT_TEXT.encode())}, "data": {"make_events": "false", "published_on": "2016-05-01"}},
     only("monitor", 201)),
    ("GET", f"/api/reports/{REPORT_ID}", {}, READ),
    ("GET", "/api/gazetteer/geocode?name=Douma", {}, READ),
    ("GET", "/api/gazetteer/admin1", {}, READ),
    ("GET", "/api/exports/geojson?regime=syria-2016-coh", {}, READ),
    ("GET", "/api/sources", {}, READ),
    ("POST", "/api/sources", {"json": {"id": "test-observer", "name": "Test observer", "kind": "monitor"}},
     only("admin", 201)),
    ("PATCH", "/api/sources/test-observer", {"json": {"affiliation": "independent"}}, only("admin", 200)),
    ("GET", "/api/proposals", {}, READ),
    ("POST", "/api/proposals/none/accept", {"json": {"reason": "x"}}, only("analyst", 404)),
    ("POST", "/api/proposals/none/reject", {"json": {"reason": "x"}}, only("analyst", 404)),
    ("GET", "/api/me", {}, READ),
    ("GET", "/api/users", {}, only("admin", 200)),
    ("POST", "/api/users", {"json": {"username": "newbie", "role": "viewer", "password": "long enough pw"}},
     only("admin", 201)),
    ("POST", "/api/users/newbie/tokens", {"json": {"label": "x"}}, only("admin", 201)),
    ("POST", "/api/users/newbie/disable", {}, only("admin", 204)),
]


def _snapshot(env: Env) -> tuple[Any, ...]:
    with env.store.unit_of_work() as uow:  # type: ignore[attr-defined]
        return (
            len(uow.list_regimes()),
            [r.windows for r in uow.list_regimes()],
            len(uow.assessment_history(EVENT, COH)),
            len(uow.list_reports(1000)),
            [(u.username, u.disabled) for u in uow.list_users()],
        )


def test_route_role_table(env: Env) -> None:
    failures = []
    for method, path, kwargs, expected in TABLE:
        for role in ROLES:
            before = _snapshot(env)
            r = env.client.request(method, path, headers=env.headers(role), **kwargs)
            if r.status_code != expected[role]:
                failures.append(f"{method} {path} as {role}: {r.status_code} != {expected[role]} {r.text[:200]}")
            if r.status_code in (401, 403):
                assert r.headers["content-type"].startswith("application/problem+json")
                assert _snapshot(env) == before, f"{method} {path} as {role} changed the store"
    assert not failures, "\n".join(failures)


def test_every_api_route_is_in_the_table(env: Env) -> None:
    spec = env.client.get("/api/openapi.json").json()
    tested = {(m, p.split("?")[0]) for m, p, _, _ in TABLE}
    templated = set()
    for path, ops in spec["paths"].items():
        for method in ops:
            templated.add((method.upper(), path))
    import re

    def matches(route: tuple[str, str]) -> bool:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", route[1]) + "$"
        return any(m == route[0] and re.match(pattern, p) for m, p in tested)

    missing = sorted(r for r in templated if not matches(r))
    assert not missing, f"routes without a role-table row: {missing}"


@pytest.mark.parametrize("path", ["/", "/regimes", "/reports", "/proposals", f"/events/{EVENT}", f"/regimes/{COH}"])
def test_ui_pages_need_login_unless_public(shared_env: Env, path: str) -> None:
    r = shared_env.client.get(path, headers={"Accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    r = shared_env.client.get(path, headers={"Accept": "text/html", **shared_env.headers("viewer")})
    assert r.status_code == 200


def test_ui_writes_need_roles(shared_env: Env) -> None:
    c = shared_env.client
    r = c.get("/reports/new", headers={"Accept": "text/html", **shared_env.headers("viewer")})
    assert r.status_code == 403
    r = c.post(f"/events/{EVENT}/override", data={"regime_id": COH, "verdict": "violation", "reason": "nope"},
               headers=shared_env.headers("monitor"))
    assert r.status_code == 403
    for action in ("accept", "reject"):
        for role, status in (("anonymous", 401), ("viewer", 403), ("monitor", 403), ("analyst", 404)):
            r = c.post(f"/proposals/none/{action}", data={"reason": "not so"}, headers=shared_env.headers(role))
            assert r.status_code == status, (action, role, r.text[:200])


def test_public_read(small_db: Any, tmp_path: Any) -> None:
    import shutil

    from tests.web.conftest import make_env

    db = tmp_path / "public.db"
    shutil.copy(small_db, db)
    for env in make_env(db, public_read=True):
        assert env.client.get("/api/events?limit=2").status_code == 200
        assert env.client.get("/", headers={"Accept": "text/html"}).status_code == 200
        r = env.client.post(f"/api/assessments/{EVENT}/{COH}/override", json={"verdict": "violation", "reason": "x y z"})
        assert r.status_code == 401
        assert env.client.get("/api/users").status_code == 401


def test_disabled_account_and_bad_token(env: Env) -> None:
    from hudna.services import users

    assert env.client.get("/api/me", headers=env.headers("viewer")).json()["role"] == "viewer"
    users.set_disabled(env.store, "viewer")  # type: ignore[arg-type]
    assert env.client.get("/api/me", headers=env.headers("viewer")).status_code == 401
    r = env.client.get("/api/me", headers={"Authorization": "Bearer hudna_wrong"})
    assert r.status_code == 401 and r.json()["code"] == "HUDNA-AUTH-401"
