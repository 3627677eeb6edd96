"""API behaviour: problem+json, pagination, GeoJSON, limits, CSRF, headers, escaping, accounts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from hudna.services import users
from tests.web.conftest import PASSWORD, Env, make_env

COH = "syria-2016-coh"
EVENT = "ucdp-217101"
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" قصف على حلب'


def test_problem_json_errors(shared_env: Env) -> None:
    c, h = shared_env.client, shared_env.headers("viewer")
    r = c.get("/api/events/nope", headers=h)
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "HUDNA-EVENT-404" and body["status"] == 404 and body["title"] and body["detail"]
    r = c.get("/api/events?bbox=1,2,3", headers=h)
    assert r.status_code == 400 and r.json()["code"] == "HUDNA-DATA-400" and r.json()["field"] == "bbox"
    r = c.get("/api/events?verdict=maybe", headers=h)
    assert r.status_code == 422 and r.json()["code"] == "HUDNA-VALUE-422" and r.json()["errors"]
    r = c.get("/api/events?limit=999999", headers=h)
    assert r.status_code == 400 and "limit" in r.json()["detail"]
    r = c.get("/api/regimes/none", headers=h)
    assert r.status_code == 404 and r.json()["code"] == "HUDNA-REGIME-404"
    r = c.get("/api/events?cursor=!!!", headers=h)
    assert r.status_code == 400 and r.json()["field"] == "cursor"
    r = c.post("/api/regimes", json={"id": "bad", "kind": "nonsense"}, headers=shared_env.headers("admin"))
    assert r.status_code == 400 and r.json()["code"].startswith("HUDNA-REGIME")


def test_cursor_pagination_walks_all_events(shared_env: Env) -> None:
    c, h = shared_env.client, shared_env.headers("viewer")
    everything = c.get("/api/events?limit=1000", headers=h).json()["items"]
    seen: list[str] = []
    url = "/api/events?limit=37"
    while url:
        page = c.get(url, headers=h).json()
        seen += [e["id"] for e in page["items"]]
        url = f"/api/events?limit=37&cursor={page['next']}" if page["next"] else ""
    assert seen == [e["id"] for e in everything] and len(set(seen)) == len(seen) > 300


def test_filters_and_geojson(shared_env: Env) -> None:
    c, h = shared_env.client, shared_env.headers("viewer")
    q = "bbox=36.5,35.5,38,37&start=2016-04-01&end=2016-05-31&regime=syria-2016-coh&verdict=violation"
    page = c.get(f"/api/events?{q}", headers=h).json()["items"]
    assert page
    for e in page:
        assert 36.5 <= e["lon"] <= 38 and 35.5 <= e["lat"] <= 37
        assert "2016-04-01" <= e["date_start"] <= "2016-05-31" and e["verdict"] == "violation"
    graded = c.get("/api/events?regime=syria-2016-coh&grade=weak", headers=h).json()["items"]
    assert graded and all(e["grade"] == "weak" for e in graded)
    by_actor = c.get("/api/events?actor=government of syria&limit=50", headers=h).json()["items"]
    assert by_actor and all("Government of Syria" in (e["actor1"] or "") + (e["actor2"] or "") for e in by_actor)
    by_pcode = c.get("/api/events?pcode=SY02", headers=h).json()["items"]
    assert by_pcode and all(e["admin1_pcode"] == "SY02" for e in by_pcode)
    r = c.get(f"/api/events?{q}&format=geojson", headers=h)
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["features"][0]["geometry"]["type"] == "Point"
    assert fc["features"][0]["properties"]["verdict"] == "violation"


def test_timeline_status_history_and_exports(shared_env: Env) -> None:
    c, h = shared_env.client, shared_env.headers("viewer")
    series = c.get("/api/timeline?regime=syria-2016-coh", headers=h).json()["series"]
    assert sum(n for _, n in series[COH]) > 0
    status = c.get("/api/regimes/status?at=2016-05-01T12:00%2B03:00", headers=h).json()
    assert {s["regime_id"]: s["in_force"] for s in status}["syria-2016-calm-latakia"] is True
    r = c.get("/api/regimes/status?at=2016-05-01T12:00", headers=h)
    assert r.status_code == 400
    r = c.get("/api/exports/acled?regime=syria-2016-coh", headers=h)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"] and r.text.count("\n") > 300
    assert c.get("/api/exports/parquet", headers=h).status_code == 422


def test_regime_extend_adds_window_and_history(env: Env) -> None:
    h = env.headers("admin")
    calm = "syria-2016-calm-damascus"
    before = env.client.get(f"/api/regimes/{calm}", headers=h).json()["windows"]
    r = env.client.post(f"/api/regimes/{calm}/windows", headers=h,
                        json={"start": "2016-05-02T09:00+00:00", "duration_h": 24, "source": "AFP"})
    assert r.status_code == 201
    after = env.client.get(f"/api/regimes/{calm}", headers=h).json()["windows"]
    assert len(after) == len(before) + 1 and after[-1]["kind"] == "extension"
    changes = env.client.get(f"/api/regimes/{calm}/history", headers=h).json()["changes"]
    assert changes[-1]["change"] == "updated"
    r = env.client.put(f"/api/regimes/{calm}", headers=h, json={"id": "other"})
    assert r.status_code == 400


def test_override_and_history(env: Env) -> None:
    h = env.headers("analyst")
    r = env.client.post(f"/api/assessments/{EVENT}/{COH}/override", headers=h,
                        json={"verdict": "not_violation", "reason": "party had withdrawn", "grade": "contested"})
    assert r.status_code == 201 and r.json()["reviewer"] == "analyst"
    hist = env.client.get(f"/api/assessments/{EVENT}/{COH}/history", headers=h).json()
    assert [x["current"] for x in hist][-1] is True and hist[-1]["verdict"] == "not_violation"
    assert hist[0]["verdict"] == "violation" and len(hist) == 2
    r = env.client.post(f"/api/assessments/{EVENT}/{COH}/override", headers=h, json={"verdict": "violation"})
    assert r.status_code == 422


def test_upload_limits(small_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "limit.db"
    shutil.copy(small_db, db)
    for env in make_env(db, max_upload_bytes=1000):
        h = env.headers("monitor")
        r = env.client.post("/api/reports", headers=h, files={"file": ("big.txt", b"x" * 5000)})
        assert r.status_code == 413 and r.json()["code"] == "HUDNA-UPLOAD-413"
        r = env.client.post("/api/reports", headers=h, files={"file": ("big.txt", b"x" * 70_000)})
        assert r.status_code == 413
        r = env.client.post("/api/reports", headers=h, files={"file": ("x.pdf", b"%PDF")})
        assert r.status_code == 400
        assert env.client.get("/api/reports", headers=h).json() == []


def test_hostile_text_is_escaped_and_html_stripped(env: Env) -> None:
    h = env.headers("monitor")
    r = env.client.post("/api/reports", headers=h, files={"file": ("evil.txt", HOSTILE.encode())},
                        data={"source": "<b>src</b>", "make_events": "false", "published_on": "2016-05-01"})
    rid = r.json()["reports"][0]
    page = env.client.get(f"/reports/{rid}", headers=h).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "<b>src</b>" not in page
    assert re.search(r'<div class="original" dir="auto" id="report-text">', page)
    html = b"<html><head><title>T</title><style>p{}</style></head><body><script>steal()</script><p>Shelling hit Douma.</p></body></html>"
    day = {"published_on": "2016-05-01"}
    r = env.client.post("/api/reports", headers=h, files={"file": ("a.html", html)}, data={"make_events": "false", **day})
    stored = env.client.get(f"/api/reports/{r.json()['reports'][0]}", headers=h).json()
    assert "steal" not in stored["text"] and "p{}" not in stored["text"] and "Shelling hit Douma." in stored["text"]
    again = env.client.post("/api/reports", headers=h, files={"file": ("a.html", html)}, data=day).json()
    assert again["duplicates"] == 1 and again["reports"] == []
    # relative dates need a publication date: refused, naming the field and the uploaded file
    r = env.client.post("/api/reports", headers=h, files={"file": ("../../etc/x.txt", b"Shelling hit Douma yesterday.")})
    assert r.status_code == 400 and r.json()["field"] == "published_on"
    assert "x.txt" in r.json()["detail"] and "hudna-upload" not in r.json()["detail"]


def test_security_headers(shared_env: Env) -> None:
    for path in ("/login", "/api/openapi.json", "/static/hudna.js", "/api/events"):
        r = shared_env.client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    head = shared_env.client.head("/login")
    assert head.status_code == 200 and head.content == b"" and "content-security-policy" in head.headers
    page = shared_env.client.get("/login").text
    assert "<script>" not in page and not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+=", page)


def _login(env: Env, username: str, base: str = "") -> Any:
    page = env.client.get(f"{base}/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    return env.client.post(f"{base}/login", data={"username": username, "password": PASSWORD, "csrf_token": token},
                           follow_redirects=False)


def test_login_session_cookie_and_csrf(env: Env) -> None:
    c = env.client
    r = c.post("/login", data={"username": "analyst", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403  # no CSRF token
    r = _login(env, "analyst")
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "hudna_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # loopback / test server
    page = c.get(f"/events/{EVENT}", headers={"Accept": "text/html"}).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    form = {"regime_id": COH, "verdict": "undetermined", "reason": "check the date"}
    before = len(c.get(f"/api/assessments/{EVENT}/{COH}/history").json())
    assert c.post(f"/events/{EVENT}/override", data=form, follow_redirects=False).status_code == 403
    assert c.post(f"/events/{EVENT}/override", data={**form, "csrf_token": "wrong"}).status_code == 403
    assert c.post(f"/api/assessments/{EVENT}/{COH}/override", json={"verdict": "violation", "reason": "abc"}).status_code == 403
    assert len(c.get(f"/api/assessments/{EVENT}/{COH}/history").json()) == before
    r = c.post(f"/events/{EVENT}/override", data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    r = c.post(f"/api/assessments/{EVENT}/{COH}/override", json={"verdict": "violation", "reason": "abc"},
               headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201
    assert len(c.get(f"/api/assessments/{EVENT}/{COH}/history").json()) == before + 2
    assert c.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert c.get("/api/me").status_code == 401


def test_wrong_password_and_secure_cookie_off_loopback(env: Env) -> None:
    page = env.client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = env.client.post("/login", data={"username": "admin", "password": "wrong password", "csrf_token": token})
    assert r.status_code == 401 and "hudna_session" not in r.headers.get("set-cookie", "")
    r = _login(env, "viewer", base="https://monitor.example.org")
    assert r.status_code == 303 and "Secure" in r.headers["set-cookie"]


def test_accounts_are_hashed(env: Env) -> None:
    token = users.create_token(env.store, "admin")  # type: ignore[arg-type]
    with env.store.unit_of_work() as uow:  # type: ignore[attr-defined]
        admin = uow.get_user("admin")
        assert admin.password_hash.startswith("$argon2id$") and PASSWORD not in admin.password_hash
        assert uow.user_for_token(token) is None and uow.user_for_token(users.token_digest(token)) is not None
        assert uow.get_secret("session")  # generated at first start, kept in the database
    with pytest.raises(Exception, match="at least"):
        users.add_user(env.store, "shorty", "viewer", "short")  # type: ignore[arg-type]


def test_arabic_ui_is_rtl(shared_env: Env) -> None:
    r = shared_env.client.get("/login?lang=ar")
    assert '<html lang="ar" dir="rtl">' in r.text and "تسجيل الدخول" in r.text
    assert "hudna_lang=ar" in r.headers["set-cookie"]
    assert '<html lang="ar" dir="rtl">' in shared_env.client.get("/login").text  # remembered


def test_cli_users(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hudna.cli import app

    db = str(tmp_path / "cli.db")
    run = CliRunner().invoke
    r = run(app, ["--db", db, "users", "add", "boss", "--role", "admin", "--password", "a long password"])
    assert r.exit_code == 0, r.output
    r = run(app, ["--db", db, "users", "token", "boss"])
    assert r.exit_code == 0 and r.output.strip().startswith("hudna_")
    assert "boss\tadmin\tactive" in run(app, ["--db", db, "users", "list"]).output
    assert run(app, ["--db", db, "users", "disable", "boss"]).exit_code == 0
    assert "disabled" in run(app, ["--db", db, "users", "list"]).output
    assert "--public-read" in run(app, ["serve", "--help"]).output
    assert "--serve" in run(app, ["demo", "--help"]).output
