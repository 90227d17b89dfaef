"""Mentorship in a real browser (Playwright with Debian's Chromium, headless; no browser is
downloaded): a mentor and a mentee register (two applicants), the officer runs the matching,
reads why the pair was made and confirms it, the mentee logs a session, and the e-mails of each
step are queued in the outbox; no page breaks a rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from mentorship_world import PEOPLE, secret
from sqlalchemy import Engine, select

from factories import make_meeting
from stdgap.accounts.operations import add_user, set_contact
from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.mentorship.models import MentorshipSession
from stdgap.notifications.models import OutboxMessage
from stdgap.web.app import create_app
from stores import Templates
from web_testing import make_users

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _people(engine: Engine) -> None:
    """Users of every role, and three applicants with an e-mail address; nobody registered;
    a meeting of SG17 (the study groups one names are the store's)."""
    make_users(engine)
    make_meeting(engine, "SG17-2025-03", group="SG17", start="2025-03-10")
    for name, password in PEOPLE.items():
        add_user.perform(engine, "test", name, "applicant", password)
        set_contact.perform(engine, "test", name, f"{name}@example.org", "en")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest,
    templates: Templates,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Engine]]:
    """The application on a store (SQLite, PostgreSQL) of :func:`_people`, served by uvicorn in
    a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("mentorship-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "mentorship-people", _people, folder)
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


class Visitor:
    """One person's browser (a context of its own), with what its pages complained about."""

    def __init__(self, browser: Any, base: str, name: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.page.on("console", self._console)
        self.page.on("response", self._response)
        self.page.goto(f"{base}/login")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", secret(name))
        with self.page.expect_navigation():
            self.page.click("form[action='/login'] button[type=submit]")

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(message.text)

    def _response(self, answer: Any) -> None:
        if answer.status >= 400 and not answer.url.endswith("/favicon.ico"):
            self.problems.append(f"{answer.status} {answer.url}")

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return self.page

    def close(self) -> list[str]:
        self.context.close()
        return self.problems


def _register(visitor: Visitor, role: str, fields: dict[str, str]) -> str:
    page = visitor.open("/mentorship")
    with page.expect_navigation():
        page.click(f"a[href='/mentorship/register/{role}']")
    for name, value in fields.items():
        page.fill(f"#f-{name}", value)
    with page.expect_navigation():
        page.click("form.profile-form button[type=submit]")
    assert "Registered." in page.locator("[role=status]").inner_text()
    return str(page.url)


def test_mentor_and_mentee_register_the_officer_confirms_and_a_session_is_logged(
    browser: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    cycle = str(date.today().year)
    ana = Visitor(browser, base, "ana")
    _register(
        ana,
        "mentor",
        {
            "study_groups": "SG17",
            "languages": "en; fr",
            "expertise": "security",
            "time_zone": "Europe/Paris",
            "capacity": "2",
        },
    )
    ben = Visitor(browser, base, "ben")
    _register(
        ben,
        "mentee",
        {
            "study_groups": "SG17",
            "languages": "en",
            "expertise": "security; IoT",
            "time_zone": "Africa/Nairobi",
            "birth_year": "1998",
        },
    )
    officer = Visitor(browser, base, "officer")
    page = officer.open(f"/mentorship/matching?cycle={cycle}")
    with page.expect_navigation():
        page.click("form.run-matching button[type=submit]")
    assert "proposed its pairs" in page.locator("[role=status]").inner_text()
    row = page.locator("table.pairs tbody tr", has_text="ben")
    assert "ana" in row.inner_text() and "study groups in common" in row.inner_text()
    assert "time zones close to each other" in row.inner_text()
    with page.expect_navigation():
        page.click("form.confirm-matching button[type=submit]")
    assert "members with an e-mail address were told" in page.locator("[role=status]").inner_text()
    page = ben.open("/mentorship")
    with page.expect_navigation():
        page.click("table.data a:text('ana')")
    assert "why this pair" in page.locator("h2").first.inner_text().lower()
    page.fill("#f-minutes", "45")
    page.fill("#f-topics", "Q4/17: a first contribution")
    page.fill("#f-notes", "Drafted the outline together.")
    with page.expect_navigation():
        page.click("form.session-form button[type=submit]")
    assert "The session is logged." in page.locator("[role=status]").inner_text()
    assert "Q4/17: a first contribution" in page.locator("table.data").inner_text()
    with engine.connect() as connection:
        sessions = list(
            connection.execute(select(MentorshipSession.minutes, MentorshipSession.logged_by))
        )
        outbox = sorted(
            connection.execute(select(OutboxMessage.recipient, OutboxMessage.kind)).all()
        )
    assert [tuple(s) for s in sessions] == [(45, "ben")]
    assert [tuple(m) for m in outbox] == [
        ("ana@example.org", "mentorship.matched"),
        ("ana@example.org", "mentorship.session"),
        ("ben@example.org", "mentorship.matched"),
    ]
    problems = ana.close() + ben.close() + officer.close()
    assert problems == []
