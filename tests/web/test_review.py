"""Report upload → claims → events (ingestion + corroboration + assessment), the event page's
sources with affiliations and who said what, and proposal review in the UI (issue #6)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PASSWORD, Env, add_pending_proposal, make_env

SEED = files("hudna.data").joinpath("demo", "seed", "aleppo-2016-05-01.ar.txt").read_bytes()
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def seeded(small_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Env, dict[str, Any]]]:
    """The small database with the Arabic seed article uploaded through the API as a monitor."""
    db = tmp_path_factory.mktemp("review") / "web.db"
    shutil.copy(small_db, db)
    for env in make_env(db):
        r = env.client.post(
            "/api/reports", headers=env.headers("monitor"),
            files={"file": ("aleppo-2016-05-01.ar.txt", SEED, "text/plain")},
            data={"source": "afp", "published_on": "2016-05-01", "language": "auto"},
        )
        assert r.status_code == 201, r.text
        result = r.json()
        # two proposals that wait for an analyst whatever the extraction makes of the article
        rid = result["reports"][0]
        result["pending"] = [
            add_pending_proposal(env.store, rid, "syria-2016-calm-damascus", "extend", ("تمديد", "دمشق")),
            add_pending_proposal(env.store, rid, "syria-2016-calm-latakia", "holding", ("متماسكة", "اللاذقية")),
        ]
        yield env, result


def _csrf(page: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m, "no CSRF token in the page"
    return m.group(1)


def _login(env: Env, username: str) -> None:
    token = _csrf(env.client.get("/login").text)
    r = env.client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token},
                        follow_redirects=False)
    assert r.status_code == 303


def test_upload_yields_claims_events_and_proposals(seeded: tuple[Env, dict[str, Any]]) -> None:
    env, result = seeded
    h = env.headers("viewer")
    assert len(result["reports"]) == 1 and result["claims"] >= 5
    assert result["events"] and all(e.startswith("news-") for e in result["events"])
    assert result["proposals"]  # the article's regime-status claims (applied by policy or pending)
    # the report page shows every claim with its evidence spans highlighted in the Arabic text
    rid = result["reports"][0]
    report = env.client.get(f"/api/reports/{rid}", headers=h).json()
    assert report["language"] == "ar" and len(report["claims"]) == result["claims"]
    page = env.client.get(f"/reports/{rid}", headers={**HTML, **h}).text
    marks = re.findall(r'<mark class="ev ([^"]+)"[^>]*>([^<]+)</mark>', page)
    assert len(marks) >= result["claims"]
    assert any(text == "حلب" for _, text in marks) and any("trigger" in roles for roles, _ in marks)
    # the events are assessed against the regimes, with the corroboration grade on the assessment
    for event_id in result["events"]:
        shown = env.client.get(f"/api/events/{event_id}", headers=h).json()
        assert shown["event"]["origin"] == "news" and shown["claims"]
        coh = [a for a in shown["assessments"] if a["regime_id"] == "syria-2016-coh"]
        assert coh and coh[0]["verdict"] and coh[0]["grade"]
        assert shown["said"] and shown["corroboration"]["grade"] == coh[0]["grade"]
    # uploading the same article again stores nothing and forms nothing
    again = env.client.post("/api/reports", headers=env.headers("monitor"),
                            files={"file": ("again.txt", SEED)}, data={"source": "afp", "published_on": "2016-05-01"})
    assert again.json() == {"reports": [], "duplicates": 1, "claims": 0, "events": [], "proposals": []}


def test_event_page_sources_affiliations_and_who_said_what(seeded: tuple[Env, dict[str, Any]]) -> None:
    env, result = seeded
    h = {**HTML, **env.headers("viewer")}
    killed = None
    for event_id in result["events"]:
        api = env.client.get(f"/api/events/{event_id}", headers=env.headers("viewer")).json()
        if any(s.get("killed") for s in api["said"]):
            killed = event_id, api
    assert killed, "no event with a casualty figure"
    event_id, api = killed
    by_id = {s["id"]: s for s in api["sources"]}
    assert by_id["afp"]["kind"] == "news_agency" and by_id["afp"]["affiliation"] == "independent"
    assert "publisher" in by_id["afp"]["roles"]
    assert by_id["syrian-civil-defence"]["affiliation"] == "opposition"
    page = env.client.get(f"/events/{event_id}", headers=h).text
    sources = page[page.index('id="sources"'):page.index("</table>", page.index('id="sources"'))]
    assert "Agence France-Presse" in sources and "independent" in sources and "opposition" in sources
    said = page[page.index('id="said"'):page.index("</table>", page.index('id="said"'))]
    assert "syrian-civil-defence" in said and ">10<" in said and ">2<" in said  # ten killed, two children
    assert "عشرة قتلى" in said  # the words, quoted
    assert '<article class="claim"' in page and '<mark class="ev' in page
    # imported events resolve their source names through the registry's aliases
    ucdp = env.client.get("/api/events/ucdp-217101", headers=env.headers("viewer")).json()
    assert any(s["id"] == "sohr" and s["affiliation"] != "unknown" for s in ucdp["sources"])


def test_proposal_review_viewer_sees_no_buttons(seeded: tuple[Env, dict[str, Any]]) -> None:
    env, result = seeded
    page = env.client.get("/proposals", headers={**HTML, **env.headers("viewer")}).text
    states = re.findall(r'<article class="proposal state-(\w+)"', page)
    assert states.count("pending") >= 2 and len(states) >= len(result["proposals"]) + 2
    assert states == sorted(states, key=lambda s: s != "pending")  # pending first
    assert "تمديد" in page and "Agence France-Presse" in page and "syria-2016-calm-damascus" in page
    # the seed's extension "لأربع وعشرين ساعة أخرى حتى الساعة التاسعة": its length beside its end
    rows = env.client.get("/api/proposals", headers=env.headers("viewer")).json()
    assert any(r["change"] == "extend" and r["duration_hours"] == 24.0 and r["until"] for r in rows)
    assert "for 24 hours" in page
    assert "<form" not in page.split("<main>")[1].split("</main>")[0].replace('action="/logout"', "")
    assert "review-denied" in page


def test_analyst_accepts_and_rejects_with_csrf(seeded: tuple[Env, dict[str, Any]]) -> None:
    env, _ = seeded
    c = env.client
    pending = {p["id"]: p for p in c.get("/api/proposals?state=pending", headers=env.headers("viewer")).json()}
    extend, other = pending[seeded[1]["pending"][0]], pending[seeded[1]["pending"][1]]
    _login(env, "analyst")
    try:
        page = c.get("/proposals", headers=HTML).text
        assert f'action="/proposals/{extend["id"]}/accept"' in page
        csrf = _csrf(page.split("<main>")[1])
        before = len(c.get(f"/api/regimes/{extend['regime_id']}/history").json()["changes"])
        # no or wrong CSRF token: refused, nothing changes
        assert c.post(f"/proposals/{extend['id']}/accept", data={"reason": "x"}).status_code == 403
        assert c.post(f"/proposals/{extend['id']}/accept", data={"reason": "x", "csrf_token": "no"}).status_code == 403
        assert extend["id"] in {p["id"] for p in c.get("/api/proposals?state=pending").json()}
        r = c.post(f"/proposals/{extend['id']}/accept", follow_redirects=False,
                   data={"reason": "confirmed by the guarantor", "regime_id": extend["regime_id"], "csrf_token": csrf})
        assert r.status_code == 303 and r.headers["location"].startswith("/proposals#proposal-")
        r = c.post(f"/proposals/{other['id']}/reject", follow_redirects=False,
                   data={"reason": "the zone is not the regime's", "csrf_token": csrf})
        assert r.status_code == 303
        rows = {p["id"]: p for p in c.get("/api/proposals").json()}
        assert rows[extend["id"]]["state"] == "applied" and "analyst" in rows[extend["id"]]["decision"]
        assert rows[other["id"]]["state"] == "rejected" and "not the regime" in rows[other["id"]]["decision"]
        after = c.get(f"/api/regimes/{extend['regime_id']}/history").json()["changes"]
        assert len(after) > before
        # a decided proposal cannot be decided again
        again = c.post(f"/proposals/{extend['id']}/accept", data={"csrf_token": csrf}, headers=HTML)
        assert again.status_code == 409
        page = c.get("/proposals?state=applied", headers=HTML).text
        assert f'id="proposal-{extend["id"]}"' in page and "confirmed by the guarantor" in page
    finally:
        c.cookies.clear()
