"""In a real browser (Playwright with Debian's Chromium, headless; no browser is downloaded): an
officer opens a call for a meeting chosen from a list; an applicant applies; the officer runs a
dry run, then allocates and confirms; the applicant sees the decision, and the sender delivers
the decision's e-mail to a real SMTP server on the loopback (aiosmtpd), where the test reads it.
The pages break no rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fellowship_factories import build_call_world
from sqlalchemy import Engine, select

from factories import make_meeting
from smtp_testing import Inbox, config, smtp_server
from stdgap.accounts.operations import set_contact
from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.notifications.models import SENT, OutboxMessage
from stdgap.notifications.sender import send_due
from stdgap.web.app import create_app
from web_testing import password_of

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
    """The application on the fellowship tests' world (SQLite), with a meeting to come."""
    import uvicorn

    folder = tmp_path_factory.mktemp("fellowship-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    engine = open_store(f"sqlite:///{folder / 'store.db'}")
    build_call_world(engine)
    make_meeting(engine, "SG17-2027-03", group="SG17", start="2027-03-10")
    set_contact.perform(engine, "test", "applicant", "applicant@example.org", "en")
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
    page.fill("input[name=password]", password_of(name))
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")


def _no_violations(page: Any) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("window.__violations") == [], page.url


def test_apply_dry_run_allocate_confirm_and_the_applicant_sees_the_decision(
    browser: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    errors: list[str] = []
    officer, applicant = _page(browser, errors), _page(browser, errors)
    call = "F-SG17-2027-03"

    # the officer opens a call for a meeting chosen from the list
    _sign_in(officer, base, "officer")
    officer.goto(f"{base}/fellowships/new")
    _no_violations(officer)
    officer.select_option("select[name=meeting]", "SG17-2027-03")
    officer.fill("input[name=budget]", "8000")
    officer.fill("input[name=full_cost]", "4000")
    officer.fill("input[name=partial_cost]", "2000")
    with officer.expect_navigation():
        officer.click("form[action='/fellowships'] button[type=submit]")
    assert officer.url.endswith(f"/fellowships/{call}")
    assert "Budget 8,000 CHF" in officer.content()

    # the applicant finds the open call and applies
    _sign_in(applicant, base, "applicant")
    applicant.goto(f"{base}/fellowships?status=open")
    _no_violations(applicant)
    with applicant.expect_navigation():
        applicant.click(f"a[href='/fellowships/{call}/apply']")
    _no_violations(applicant)
    applicant.fill("input[name=member_id]", "MS-NPL")
    applicant.select_option("select[name=country]", "NPL")
    applicant.select_option("select[name=request]", "full")
    applicant.fill("input[name=contributions]", "1")
    applicant.fill("textarea[name=plans]", "A contribution on rural access")
    applicant.fill("textarea[name=motivation]", "To bring Nepal's view to SG17")
    with applicant.expect_navigation():
        applicant.click(f"form[action='/fellowships/{call}/apply'] button[type=submit]")
    assert applicant.url.endswith("/fellowships/mine")
    row = applicant.locator(f"tr[data-application='{call}/applicant']")
    assert "open: you may change it" in row.inner_text()

    # the officer reviews, runs a dry run, then allocates and confirms
    officer.goto(f"{base}/fellowships/{call}")
    assert "To bring Nepal" in officer.content()
    with officer.expect_navigation():
        officer.click("button[name=confirm][value=no]")
    _no_violations(officer)
    assert "Dry run: nothing stored" in officer.locator("#allocation").inner_text()
    decided = officer.locator(f"#allocation tr:has-text('{call}/applicant')")
    assert "full" in decided.inner_text() and "granted" in decided.inner_text()
    asked: list[str] = []

    def accept(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    officer.once("dialog", accept)
    with officer.expect_navigation():
        officer.click("button[name=confirm][value=yes]")
    assert asked and "final" in asked[0]
    assert "Allocation stored" in officer.locator("#allocation").inner_text()

    # the applicant sees the decision and its reason
    applicant.goto(f"{base}/fellowships/mine")
    _no_violations(applicant)
    row = applicant.locator(f"tr[data-application='{call}/applicant']")
    assert row.locator("td.decision").inner_text().strip() == "full fellowship"
    assert "granted full" in row.inner_text()
    with engine.connect() as connection:
        queued = connection.execute(
            select(OutboxMessage.kind, OutboxMessage.subject).where(
                OutboxMessage.recipient == "applicant@example.org"
            )
        ).all()
    kinds = [kind for kind, _subject in queued]
    assert kinds == ["fellowship.submitted", "fellowship.decided"]
    assert "SG17-2027-03" in queued[1][1]

    # the sender delivers both e-mails to the SMTP server, which the applicant would read
    inbox = Inbox()
    with smtp_server(inbox) as port:
        summary = send_due(engine, "sender", config(port, site_url=base))
    assert summary.sent >= 2
    letters = [
        message
        for message in inbox.messages()
        if [a.addr_spec for a in message["To"].addresses] == ["applicant@example.org"]
    ]
    assert [letter["Subject"] for letter in letters] == [subject for _kind, subject in queued]
    decision = letters[1].get_body(preferencelist=("plain",))
    assert decision is not None and "full" in decision.get_content()
    assert f"{base}/fellowships/mine" in decision.get_content()  # a link to the page
    with engine.connect() as connection:
        states = connection.execute(
            select(OutboxMessage.status).where(OutboxMessage.recipient == "applicant@example.org")
        ).scalars()
        assert set(states) == {SENT}
    assert errors == []
