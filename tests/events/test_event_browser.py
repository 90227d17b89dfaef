"""In a real browser (Playwright with Debian's Chromium, headless; no browser is downloaded): an
officer creates an event with one seat; two users register, one is confirmed and the other
waitlisted; the first cancels and the second is promoted (and told by e-mail, in the outbox);
the officer marks attendance (not counted in the participation data: an account names no person
of the registry). The pages break no rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from event_world import EXTRA, TODAY, make_event_users, make_world_people
from sqlalchemy import Engine, select

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.notifications.models import OutboxMessage
from stdgap.web.app import create_app
from web_testing import PASSWORDS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARGS += ["--disable-component-update", "--disable-sync", "--no-first-run"]
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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    """The application on the events tests' people and users (SQLite), no event yet."""
    import uvicorn

    folder = tmp_path_factory.mktemp("events-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    engine = open_store(f"sqlite:///{folder / 'store.db'}")
    make_world_people(engine)
    make_event_users(engine)
    app = create_app(engine=engine, settings=WebSettings(secret_key="browser"))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{server.config.port}", engine
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


def _page(browser: Any, errors: list[str]) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.add_init_script(WATCH_CSP)
    return opened


def _sign_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", {**PASSWORDS, **EXTRA}[name])
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")


def _no_violations(page: Any) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("window.__violations") == [], page.url


def test_capacity_waiting_list_cancel_promotion_and_attendance(
    browser: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    errors: list[str] = []
    officer, amina, bruno = _page(browser, errors), _page(browser, errors), _page(browser, errors)

    # the officer creates a workshop with one seat, starting today
    _sign_in(officer, base, "officer")
    officer.goto(f"{base}/events/new")
    _no_violations(officer)
    officer.fill("input[name=event_id]", "WS-B")
    officer.fill("input[name=title]", "Browser workshop")
    officer.select_option("select[name=kind]", "workshop")
    officer.fill("input[name=start]", TODAY.isoformat())
    officer.fill("input[name=city]", "Nairobi")
    officer.select_option("select[name=host_country]", "KEN")
    officer.select_option("select[name=region]", "Africa")
    officer.fill("input[name=capacity]", "1")
    with officer.expect_navigation():
        officer.click("form[action='/events'] button[type=submit]")
    assert officer.url.endswith("/events/WS-B")
    assert "0 of 1 taken" in officer.content() and "Browser workshop" in officer.content()

    # two users register: the first gets the seat, the second waits
    for page, name in ((amina, "amina"), (bruno, "bruno")):
        _sign_in(page, base, name)
        page.goto(f"{base}/events/WS-B")
        _no_violations(page)
        # their own address, shown and not to be changed; no person id to give
        assert page.input_value("input[name=email]") == f"{name}@example.org"
        assert page.locator("input[name=person]").count() == 0
        page.fill("input[name=member]", "MS-KEN")
        page.select_option("select[name=country]", "KEN")
        with page.expect_navigation():
            page.click("form[action$='/register'] button[type=submit]")
    assert "Confirmed" in amina.locator("[data-status]").inner_text()
    assert "waiting list" in bruno.locator("[data-status]").inner_text()

    # the first cancels; the second is promoted
    with amina.expect_navigation():
        amina.click("form[action$='/cancel'] button[type=submit]")
    assert amina.locator("[data-status]").count() == 0
    bruno.reload()
    assert "Confirmed" in bruno.locator("[data-status]").inner_text()
    with engine.connect() as connection:
        kinds = (
            connection.execute(
                select(OutboxMessage.kind).where(OutboxMessage.recipient == "bruno@example.org")
            )
            .scalars()
            .all()
        )
    assert kinds == ["events.waitlisted", "events.promoted"]

    # the officer marks attendance: Bruno came; he named no person of the registry (an account
    # cannot), so his attendance is not written into the participation data
    officer.goto(f"{base}/events/WS-B/attendance")
    _no_violations(officer)
    officer.check("input[name=attended]")
    with officer.expect_navigation():
        officer.click("form[action$='/attendance'] button[type=submit]")
    assert re.search(r"1 marked as present; 0 counted", officer.content())
    officer.goto(f"{base}/events/WS-B/registrations")
    _no_violations(officer)
    assert "Bruno" in officer.content() or "bruno" in officer.content()
    assert errors == []
