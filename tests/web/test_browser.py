"""Browser tests: Playwright driving Debian's chromium by path (never a downloaded browser).

Log in, see the demo events on the map, upload the Arabic seed excerpt, open an event and see
its highlighted Arabic evidence (dir="auto", right-to-left), override a verdict as analyst and see
the history; a viewer cannot. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

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

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "correct horse battery"
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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "store": app.state.store}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server: dict[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _login(browser: Any, server: dict[str, Any], role: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.csp_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))  # type: ignore[attr-defined]
    page.goto(server["base"] + "/")
    assert "/login" in page.url
    page.fill("input[name=username]", role)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(server["base"] + "/")
    assert page.inner_text("#who").startswith(role)
    return page


def _wait_loaded(page: Any, minimum: int = 500, timeout_s: float = 20) -> None:
    # Polled from Python: the page's CSP forbids eval, which wait_for_function(str) would need.
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if int(page.get_attribute("#map", "data-loaded") or 0) > minimum:
            return
        page.wait_for_timeout(200)
    raise AssertionError("events did not load on the map")


def _news_event(server: dict[str, Any]) -> str:
    from hudna.services.ports import EventFilter

    with server["store"].unit_of_work() as uow:
        events = [e for e in uow.iter_events(EventFilter(origin="news"))]
    assert events, "the seed excerpt produced no located incident"
    return events[0].id


def test_map_shows_demo_events(browser: Any, server: dict[str, Any]) -> None:
    page = _login(browser, server, "viewer")
    _wait_loaded(page)
    assert page.locator("#events-table tbody tr").count() > 100
    assert page.locator("#timeline svg polyline").count() >= 1
    assert page.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert not page.csp_errors  # type: ignore[attr-defined]
    page.goto(server["base"] + "/regimes/syria-2016-calm-damascus")
    page.wait_for_selector("svg.axis rect")
    page.screenshot(path=str(ARTIFACTS / "regime.png"))
    page.goto(server["base"] + "/?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    _wait_loaded(page)
    page.screenshot(path=str(ARTIFACTS / "map-ar.png"))
    page.context.close()


def test_upload_and_arabic_evidence(browser: Any, server: dict[str, Any]) -> None:
    page = _login(browser, server, "monitor")
    page.goto(server["base"] + "/reports/new")
    page.set_input_files("input[name=file]", {"name": "afp-2016-05-01.txt", "mimeType": "text/plain",
                                               "buffer": SEED.encode("utf-8")})
    page.fill("input[name=source]", "afp")
    page.fill("input[name=published_on]", "2016-05-01")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/reports/*")
    assert page.locator("mark.ev").count() > 0
    event_id = _news_event(server)
    page.goto(f"{server['base']}/events/{event_id}")
    mark = page.locator("article.claim mark.ev").first
    assert mark.count() == 1
    original = page.locator("article.claim .original").first
    assert original.get_attribute("dir") == "auto"
    assert original.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert any("\u0600" <= ch <= "\u06ff" for ch in mark.inner_text())
    page.screenshot(path=str(ARTIFACTS / "event-arabic-evidence.png"), full_page=True)
    assert page.locator("form.override").count() == 0  # a monitor does not review
    page.context.close()


def test_analyst_overrides_viewer_cannot(browser: Any, server: dict[str, Any]) -> None:
    event_id = _news_event(server)
    page = _login(browser, server, "analyst")
    page.goto(f"{server['base']}/events/{event_id}")
    form = page.locator("form.override").first
    form.locator("select[name=verdict]").select_option("undetermined")
    form.locator("input[name=reason]").fill("وقت الحادث غير مؤكد — time not confirmed")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    history = page.locator("details.history").first
    assert "time not confirmed" in history.inner_text()
    assert history.locator("tr.current").count() == 1
    page.screenshot(path=str(ARTIFACTS / "override-history.png"), full_page=True)
    page.context.close()

    page = _login(browser, server, "viewer")
    page.goto(f"{server['base']}/events/{event_id}")
    assert page.locator("form.override").count() == 0
    assert page.locator(".override-denied").count() >= 1
    status = page.evaluate(
        """async (id) => (await fetch('/events/' + id + '/override', {method: 'POST',
             headers: {'Content-Type': 'application/x-www-form-urlencoded',
                       'X-CSRF-Token': document.body.dataset.csrf},
             body: 'regime_id=syria-2016-coh&verdict=violation&reason=viewer%20try'})).status""",
        event_id,
    )
    assert status == 403
    assert "viewer try" not in page.content()
    page.screenshot(path=str(ARTIFACTS / "viewer-no-override.png"), full_page=True)
    page.context.close()
