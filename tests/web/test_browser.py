"""In a real browser (Playwright with Debian's Chromium, headless; no browser is downloaded):
the explorer draws a chart and a filter changes it, signing in works, a bad upload lists its
errors and changes nothing, a viewer cannot reach analyst pages, the main pages break no rule
of the Content-Security-Policy.

``STDGAP_SHOTS=/tmp/stdgap-shots`` also saves screenshots of the main pages there."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.store.models import Member
from stdgap.web.app import create_app
from web_testing import build_web_store, password_of

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    """The application on a loaded SQLite store, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    engine = open_store(f"sqlite:///{folder / 'store.db'}")
    build_web_store(engine)
    app = create_app(engine=engine, settings=WebSettings(secret_key="browser"))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}", engine
    server.should_exit = True
    thread.join(10)
    engine.dispose()
    os.environ.pop("STDGAP_CACHE_DIR", None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def sign_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password_of(name))
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()


def _members(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Member)).scalar_one())


def test_the_explorer_draws_a_chart_and_a_filter_changes_it(
    page: Any, site: tuple[str, Engine]
) -> None:
    """Drawn in the browser by vega-embed; a filter replaces the results in place (no new
    page), and the address and downloads follow it."""
    base, _ = site
    page.goto(f"{base}/indicators?indicator=participants&by=year,status")
    chart = page.locator("figure.chart .vega-chart svg")
    chart.wait_for()
    before = chart.inner_html()
    assert "mark-line" in before or "<path" in before
    rows = page.locator("table.data tbody tr").count()
    page.select_option("select[data-dim=region]", "region:Africa")
    page.wait_for_function("() => location.search.includes('where=region%3AAfrica')")
    page.wait_for_function(
        "() => document.getElementById('explorer-status').textContent.startsWith('Updated')"
    )
    page.locator("figure.chart .vega-chart svg").wait_for()
    after = page.locator("figure.chart .vega-chart svg").inner_html()
    assert after != before
    assert page.locator("table.data tbody tr").count() <= rows
    href = page.get_attribute("a:text('SDMX-CSV')", "href")
    assert href is not None and "region%3AAfrica" in href


def test_signing_in_works(page: Any, site: tuple[str, Engine]) -> None:
    base, _ = site
    sign_in(page, base, "officer")
    assert page.locator("header .user").inner_text().startswith("officer")
    page.goto(f"{base}/login")
    page.fill("input[name=name]", "officer")
    page.fill("input[name=password]", "wrong password")
    page.click("form[action='/login'] button[type=submit]")
    assert "Wrong name or password" in page.locator("[role=alert]").inner_text()


def test_a_bad_upload_lists_its_errors_and_changes_nothing(
    page: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    sign_in(page, base, "analyst")
    before = _members(engine)
    page.goto(f"{base}/imports")
    bad = (
        b"member_id,name,type,country\n"
        b"SM-1,A,sector_member,KEN\nSM-2,B,emperor,KEN\nSM-3,C,sector_member,Atlantis\n"
    )
    page.set_input_files(
        "input[name=files]", {"name": "members.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.click("#upload button[type=submit]")
    page.wait_for_load_state()
    errors = page.locator("#import-errors li")
    texts = [errors.nth(i).inner_text() for i in range(errors.count())]
    assert len(texts) == 2
    assert texts[0].startswith("members.csv:3: type:")
    assert texts[1].startswith("members.csv:4: country:")
    assert "nothing was written" in page.locator("#import-errors").inner_text()
    assert _members(engine) == before


def test_a_viewer_cannot_reach_analyst_pages(page: Any, site: tuple[str, Engine]) -> None:
    base, _ = site
    sign_in(page, base, "viewer")
    assert page.locator("header nav a[href='/imports']").count() == 0
    response = page.goto(f"{base}/imports")
    assert response is not None and response.status == 403
    assert "may not" in page.content()
    response = page.goto(f"{base}/audit")
    assert response is not None and response.status == 403


CSP_PAGES = [
    "/",
    "/indicators",
    "/indicators?indicator=participants,developing_participant_share&by=year,region",
    "/countries",
    "/countries/KEN",
    "/groups/TSAG",
    "/resolutions/74",
    "/reports",
    "/login",
]
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_the_main_pages_break_no_rule_of_the_content_security_policy(
    page: Any, site: tuple[str, Engine]
) -> None:
    base, _ = site
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(WATCH_CSP)
    signed_in = ["/imports", "/resolutions/74", "/audit"]
    for path in [*CSP_PAGES, "sign in", *signed_in]:
        if path == "sign in":
            sign_in(page, base, "admin")
            continue
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], path
    assert [line for line in console if "Content Security Policy" in line] == []
    assert [line for line in console if line.startswith("error")] == []
    # the watch works: an inline script is refused, and said so
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src")


def test_a_choice_marked_autosubmit_sends_its_form(page: Any, site: tuple[str, Engine]) -> None:
    base, _ = site
    page.goto(f"{base}/countries")
    with page.expect_navigation():
        page.select_option("select[name=region]", "Africa")
    assert "region=Africa" in page.url


def test_screenshots(page: Any, site: tuple[str, Engine]) -> None:
    """Pictures of the explorer, a country profile and the resolution browser (on request)."""
    folder = os.environ.get("STDGAP_SHOTS")
    if not folder:
        pytest.skip("set STDGAP_SHOTS to a folder to save screenshots")
    base, _ = site
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    sign_in(page, base, "officer")
    page.goto(f"{base}/resolutions/74")
    form = page.locator("article.clause").nth(2)
    form.locator("summary").click()
    form.locator("input[name=who]").fill("TSB")
    form.locator("input[name=what]").fill("Participation metrics reported to TSAG")
    form.locator("select[name=status]").select_option("in_progress")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("article.clause .badge.in_progress").count() == 1
    shots = {
        "explorer": "/indicators?indicator=participants,developing_participant_share"
        "&by=year,region",
        "country": "/countries/KEN",
        "group": "/groups/TSAG",
        "resolutions": "/resolutions?verb=instructs",
        "resolution": "/resolutions/74",
    }
    for name, path in shots.items():
        page.goto(base + path)
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        assert (out / f"{name}.png").stat().st_size > 10_000
