"""CxO meetings in a real browser (Playwright with Debian's Chromium, headless; no browser is
downloaded), on each backend: an officer creates a CxO meeting with an agenda item from the
consultation, raises a conclusion, creates the next meeting where the same topic is raised again
(linked, not duplicated), moves it under study; the TSAG report lists it with its history; then it
is addressed and closed. The pages break no rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cxo_world import build_cxo_world
from sqlalchemy import Engine, select

from stdgap.bootstrap import open_store
from stdgap.cxo.models import CxoConclusion
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import password_of

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
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest,
    templates: Templates,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Engine]]:
    """The application on the CxO world, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("cxo-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "cxo-world", build_cxo_world, folder)
    engine = open_store(url)
    app = create_app(engine=engine, settings=WebSettings(secret_key="browser"))
    config = uvicorn.Config(
        app, host="127.0.0.1", port=_free_port(), log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{config.port}", engine
    server.should_exit = True
    thread.join(10)
    engine.dispose()
    templates.drop(url)
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
    opened.add_init_script(WATCH_CSP)
    yield opened
    violations = opened.evaluate("window.__violations")
    context.close()
    assert errors == [] and violations == []


def sign_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password_of(name))
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()


def _create(page: Any, base: str, meeting_id: str, start: str, city: str) -> None:
    page.goto(f"{base}/cxo")
    with page.expect_navigation():
        page.click("a[href='/cxo/new']")
    page.fill("input[name=meeting_id]", meeting_id)
    page.fill("input[name=title]", f"CTO meeting in {city}")
    page.fill("input[name=theme]", "security")
    page.fill("input[name=start]", start)
    page.fill("input[name=city]", city)
    page.fill("input[name=host_country]", "Brazil")
    page.check("input[name=regions][value=Americas]")
    with page.expect_navigation():
        page.click("form[action='/cxo'] button[type=submit]")
    assert page.url.endswith(f"/cxo/{meeting_id}")


def _raise(page: Any, topic: str, text: str) -> None:
    page.fill("#raise-conclusion input[name=topic]", topic)
    page.fill("#raise-conclusion textarea[name=text]", text)
    with page.expect_navigation():
        page.click("#raise-conclusion button[type=submit]")
    assert "The conclusion is recorded" in page.locator("[role=status]").inner_text()


def _state(page: Any, state: str, group: str = "", question: str = "") -> None:
    page.select_option("#change-state select[name=state]", state)
    if group:
        page.fill("#change-state input[name=study_group]", group)
        page.fill("#change-state input[name=question]", question)
    with page.expect_navigation():
        page.click("#change-state button[type=submit]")
    assert "state is changed" in page.locator("[role=status]").inner_text()


def test_a_conclusion_from_one_meeting_to_the_next_and_to_its_close(
    page: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    topic = "Quantum-safe networks"
    sign_in(page, base, "officer")
    _create(page, base, "CTO-X", "2026-04-14", "Brasília")
    page.fill("#add-agenda input[name=title]", "Post-quantum migration for SMEs")
    page.select_option("#add-agenda select[name=source]", "consultation")
    page.fill("#add-agenda input[name=survey_id]", "SV-7")
    with page.expect_navigation():
        page.click("#add-agenda button[type=submit]")
    row = page.locator("#agenda tbody tr.consultation")
    assert row.count() == 1 and "consultation" in row.inner_text()
    _raise(page, topic, "Guidance on migrating to quantum-safe algorithms is needed.")
    _create(page, base, "CTO-Y", "2026-10-20", "Rio de Janeiro")
    _raise(page, "quantum safe networks", "Progress reviewed; still a priority.")
    assert "revisited at this meeting" in page.locator("ul.conclusions").inner_text()
    with engine.connect() as connection:
        numbers = connection.execute(
            select(CxoConclusion.id).where(CxoConclusion.topic == topic)
        ).all()
    assert len(numbers) == 1  # linked, not duplicated
    number = numbers[0][0]
    with page.expect_navigation():
        page.click(f"ul.conclusions a[href='/cxo/conclusions/{number}']")
    _state(page, "under_study", "SG17", "Q3/17")
    page.goto(f"{base}/cxo/reports/tsag")
    section = page.locator(f"#conclusion-{number}")
    text = section.inner_text()
    assert topic in text and "SG17, Q3/17" in text
    history = section.locator("table.history tbody tr")
    assert history.count() == 3
    assert "CTO-X" in history.nth(0).inner_text() and "CTO-Y" in history.nth(1).inner_text()
    page.goto(f"{base}/cxo/conclusions/{number}")
    _state(page, "addressed")
    _state(page, "closed")
    assert page.locator("p .badge.done").first.inner_text() == "closed"
    assert page.locator("#change-state").count() == 0  # final: no further state
    page.goto(f"{base}/cxo/reports/tsag")  # no longer open: listed as closed since a year ago
    assert page.locator(f"#ended ~ #conclusion-{number}").count() == 1
    assert "closed" in page.locator(f"#conclusion-{number}").inner_text()
    with engine.connect() as connection:
        state = connection.execute(
            select(CxoConclusion.state).where(CxoConclusion.id == number)
        ).scalar()
    assert state == "closed"
