"""Browser tests: Playwright driving Debian's chromium by path (never a downloaded browser).

Log in, see the demo events on the map, upload the Arabic seed excerpt, follow a claim to its
event and see the highlighted Arabic evidence (dir="auto", right-to-left) with its sources and
affiliations, override a verdict as analyst and see the history, accept a proposal; a viewer can do
neither. Screenshots go to test-artifacts/ (gitignored).

Robust on a loaded machine (``pytest -n 2`` on two shared cores): every step waits for the element
or navigation it needs (Playwright's auto-waiting ``expect``, ``wait_for_url``, and ``data-state``
attributes the page's script sets when its data has arrived), with generous timeouts and no fixed
sleeps. Logging in goes straight to the page under test, so only the map test loads the map. The
demo database and the server are built once per module.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hudna.config import Settings
from hudna.services import users
from tests.web.conftest import add_pending_proposal

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "correct horse battery"
ACTION_MS = 30_000  # clicks, fills, expectations
NAVIGATION_MS = 60_000  # page loads (the upload runs extraction and corroboration)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# Excerpt of the seed article (AFP Arabic wire, 2016-05-01), as in tests/ingest/test_news_pipeline.py.
SEED = (
    "وبعد قصف شنته قوات النظام والمعارضة ليل السبت، ساد هدوء هش صباح الأحد مدينة حلب (شمال)، "
    "وفق مراسل وكالة فرانس برس.\n\n"
    "وأدت نحو ثلاثين غارة شنها النظام على مناطق المعارضة أمس السبت إلى سقوط عشرة قتلى، بينهم "
    "طفلان، بحسب الدفاع المدني في الجزء الذي تسيطر عليه المعارضة في حلب حيث لا يزال يقيم نحو "
    "200 ألف شخص.\n\n"
    "ولم تشن صباح الأحد أي غارة على أحياء المعارضة في حلب، وفقا لمراسل فرانس برس."
)

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
    pytest.mark.xdist_group("browser"),  # one server and one browser with --dist loadgroup
]


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    import uvicorn

    from hudna.web.app import create_app

    db = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copy(demo_db, db)
    app = create_app(Settings(database_url=f"sqlite:///{db}"))
    for role in ("viewer", "monitor", "analyst"):
        users.add_user(app.state.store, role, role, PASSWORD)
    with app.state.store.unit_of_work() as uow:  # a proposal for the analyst to review
        seed = next(r for r in uow.list_reports(100) if "تمديد" in r.text and "دمشق" in r.text)
    add_pending_proposal(app.state.store, seed.id, "syria-2016-calm-damascus", "extend", ("تمديد", "دمشق"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:  # polls the server's own flag; returns as soon as it listens
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.02)
    yield {"base": f"http://127.0.0.1:{port}", "store": app.state.store}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server: dict[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ACTION_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=NAVIGATION_MS)
        yield b
        b.close()


def _login(browser: Any, server: dict[str, Any], role: str, target: str) -> Any:
    """A new browser context logged in as ``role``, on ``target`` (reached through the login page)."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(ACTION_MS)
    context.set_default_navigation_timeout(NAVIGATION_MS)
    page = context.new_page()
    page.csp_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))  # type: ignore[attr-defined]
    page.goto(server["base"] + target)
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.fill("input[name=username]", role)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(server["base"] + target)
    expect(page.locator("#who")).to_contain_text(role)
    return page


def _map_ready(page: Any, minimum: int = 500) -> None:
    """Wait until every page of events is on the map, the outlines and the timeline are drawn."""
    page.wait_for_selector('#map[data-state="done"], #map[data-state="error"]', timeout=NAVIGATION_MS)
    assert page.get_attribute("#map", "data-state") == "done", page.inner_text("#count")
    assert int(page.get_attribute("#map", "data-loaded") or 0) > minimum
    # the outlines and the timeline come after the events: the same allowance as a page load
    # (a loaded shared machine took longer than an action's allowance for them)
    page.wait_for_selector('#map[data-base="done"]', timeout=NAVIGATION_MS)
    page.wait_for_selector('#timeline[data-state="done"] svg polyline', state="attached", timeout=NAVIGATION_MS)


def _news_event(server: dict[str, Any]) -> str:
    from hudna.services.ports import EventFilter

    with server["store"].unit_of_work() as uow:
        events = sorted(e.id for e in uow.iter_events(EventFilter(origin="news")))
    assert events, "the demo's seed article produced no event"
    return events[0]


def test_map_shows_demo_events(browser: Any, server: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    page = _login(browser, server, "viewer", "/")
    _map_ready(page)
    assert page.locator("#events-table tbody tr").count() > 100
    expect(page.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg").first).to_be_attached()
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert not page.csp_errors  # type: ignore[attr-defined]
    page.goto(server["base"] + "/regimes/syria-2016-calm-damascus")
    page.wait_for_selector("svg.axis rect")
    page.screenshot(path=str(ARTIFACTS / "regime.png"))
    page.goto(server["base"] + "/?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    _map_ready(page)
    page.screenshot(path=str(ARTIFACTS / "map-ar.png"))
    page.context.close()


def test_upload_and_arabic_evidence(browser: Any, server: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    page = _login(browser, server, "monitor", "/reports/new")
    page.set_input_files("input[name=file]", {"name": "afp-2016-05-01.txt", "mimeType": "text/plain",
                                               "buffer": SEED.encode("utf-8")})
    page.fill("input[name=source]", "afp")
    page.fill("input[name=published_on]", "2016-05-01")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(re.compile(r"/reports/[0-9a-f]{64}$"))  # ingested, corroborated, assessed
    expect(page.locator("article.claim mark.ev").first).to_be_visible()
    # follow a claim to the event corroboration put it in
    link = page.locator("article.claim a.to-event").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r"/events/news-[0-9a-f]+$"))
    mark = page.locator("article.claim mark.ev").first
    expect(mark).to_be_visible()
    original = page.locator("article.claim .original").first
    expect(original).to_have_attribute("dir", "auto")
    assert original.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert any("\u0600" <= ch <= "\u06ff" for ch in mark.inner_text())
    # the sources with their kind and affiliation; who said what
    expect(page.locator("#sources")).to_contain_text("Agence France-Presse")
    expect(page.locator("#sources")).to_contain_text("independent")
    expect(page.locator("#said tr.said").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "event-arabic-evidence.png"), full_page=True)
    expect(page.locator("form.override")).to_have_count(0)  # a monitor does not review
    page.context.close()


def test_analyst_overrides_viewer_cannot(browser: Any, server: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    event_id = _news_event(server)
    page = _login(browser, server, "analyst", f"/events/{event_id}")
    form = page.locator("form.override").first
    form.locator("select[name=verdict]").select_option("undetermined")
    form.locator("input[name=reason]").fill("وقت الحادث غير مؤكد — time not confirmed")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#history-"))
    history = page.locator("details.history").filter(has_text="time not confirmed")
    expect(history).to_have_count(1)
    expect(history.locator("tr.current")).to_have_count(1)
    expect(history.locator("tr.current")).to_contain_text("time not confirmed")
    page.screenshot(path=str(ARTIFACTS / "override-history.png"), full_page=True)

    # proposal review: accept the first pending proposal that names its regime
    page.goto(server["base"] + "/proposals")
    pending = page.locator("article.proposal.state-pending").filter(has=page.locator("form.accept select option[selected]"))
    first = pending.first
    expect(first).to_be_visible()
    proposal_id = (first.get_attribute("id") or "").removeprefix("proposal-")
    first.locator("form.accept input[name=reason]").fill("confirmed by the guarantor")
    first.locator("form.accept button[type=submit]").click()
    page.wait_for_url(re.compile(r"/proposals#proposal-"))
    decided = page.locator(f"article#proposal-{proposal_id}")
    expect(decided).to_have_attribute("data-state", "applied")
    expect(decided.locator(".decision")).to_contain_text("confirmed by the guarantor")
    page.screenshot(path=str(ARTIFACTS / "proposals-analyst.png"), full_page=True)
    page.context.close()

    page = _login(browser, server, "viewer", f"/events/{event_id}")
    expect(page.locator(".override-denied").first).to_be_visible()
    expect(page.locator("form.override")).to_have_count(0)
    status = page.evaluate(
        """async (id) => (await fetch('/events/' + id + '/override', {method: 'POST',
             headers: {'Content-Type': 'application/x-www-form-urlencoded',
                       'X-CSRF-Token': document.body.dataset.csrf},
             body: 'regime_id=syria-2016-coh&verdict=violation&reason=viewer%20try'})).status""",
        event_id,
    )
    assert status == 403
    page.reload()
    expect(page.locator("details.history").first).to_be_visible()
    assert "viewer try" not in page.content()
    page.screenshot(path=str(ARTIFACTS / "viewer-no-override.png"), full_page=True)
    page.goto(server["base"] + "/proposals")
    expect(page.locator("article.proposal").first).to_be_visible()
    expect(page.locator("form.accept, form.reject")).to_have_count(0)
    expect(page.locator(".review-denied").first).to_be_visible()
    page.context.close()
